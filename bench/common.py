"""Shared pieces of the benchmarks: test sentences, an isolated argostranslate, child processes.

argostranslate.translate splits sentences with MiniSBD, whose model is downloaded on first
use; the benchmark machines are offline, so argos gets a pass-through sentencizer and the
same one-sentence lines hien sees. Everything else (tokenisation, CTranslate2 settings,
beam 4, its batching) is argostranslate's own code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("HIEN_DATA", ROOT.parent / "shared" / "data"))
BUNDLED = ROOT / "translate" / "bundled" / "hi_en"


def test_sentences(n: int) -> list[str]:
    """n distinct Hindi news/Wikipedia sentences from the shared test sets."""
    files = ["test_ntrex128/ntrex128.hi", "test_wmt14_newsdev2014/newsdev2014.hi", "test_tico19/tico19-test.hi",
             "test_tico19/tico19-dev.hi", "ud_pud_1000/pud.hi", "joshua_wiki_hien/test.hi", "joshua_wiki_hien/dev.hi",
             "joshua_wiki_hien/devtest.hi", "test_tatoeba/tatoeba-test-v2021-08-07.hi"]
    seen: dict[str, None] = {}
    for name in files:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                seen.setdefault(line.strip(), None)
            if len(seen) >= n:
                return list(seen)
    raise SystemExit(f"only {len(seen)} distinct sentences available, {n} asked")


def argos_home(package_dir: Path = BUNDLED) -> dict:
    """Environment for an argostranslate that sees only `package_dir`, installed the Argos way."""
    home = Path(tempfile.mkdtemp(prefix="hien-bench-argos-"))
    packages = home / "packages"
    packages.mkdir()
    archive = home / "pkg.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in package_dir.rglob("*"):
            if file.is_file():
                zf.write(file, Path("translate-hi_en") / file.relative_to(package_dir))
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(packages)
    return {"ARGOS_PACKAGES_DIR": str(packages), "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
            "ARGOS_DEVICE_TYPE": "cpu"}


# After this, argostranslate.translate.translate(text, "hi", "en") runs argos's own path
# (its cached translation objects keep the pass-through sentencizer).
ARGOS_SETUP = """
import argostranslate.translate as T
class WholeLine:
    def split_sentences(self, text):
        return [text]
T.get_translation_from_codes("hi", "en").underlying.sentencizer = WholeLine()
"""


def run_child(code: str, env: dict | None = None, stdin: str | None = None) -> dict:
    """Run Python code in a fresh process; it prints one JSON object, to which peak RSS is added."""
    wrapper = code + "\nimport resource, json as _j\nprint(_j.dumps({**RESULT, 'peak_rss_mb': " \
        "round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))\n"
    out = subprocess.run([sys.executable, "-c", wrapper], input=stdin, capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, cwd=ROOT, timeout=7200)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    from translate.training.card import cpu_name

    return f"{cpu_name()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
