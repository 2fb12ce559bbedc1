"""Shared fixtures: the real bundled model, the shared data folder, an isolated Argos home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "translate" / "bundled" / "hi_en"
SHARED_DATA = Path(os.environ.get("HIEN_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def bundled_package() -> Path:
    assert (BUNDLED / "model" / "model.bin").is_file(), "the bundled model is missing"
    return BUNDLED


@pytest.fixture(scope="session")
def engine(bundled_package):
    from translate.engine import Engine

    return Engine(bundled_package, threads=2)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not (SHARED_DATA / "SOURCES.md").is_file():
        pytest.skip(f"shared data not found at {SHARED_DATA} (set HIEN_DATA)")
    return SHARED_DATA


@pytest.fixture
def argos_home(tmp_path, monkeypatch) -> Path:
    """A private Argos package directory, so tests never touch the user's packages."""
    packages = tmp_path / "argos-packages"
    packages.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return packages


def run_hien(*args: str, input: bytes | None = None, env: dict | None = None, cwd: Path | None = None):
    """Run the real `hien` command in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "translate.cli", *args],
        input=input,
        capture_output=True,
        env={**os.environ, **(env or {})},
        cwd=cwd or ROOT,
        timeout=600,
    )
