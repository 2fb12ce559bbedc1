"""Installing packages safely, listing them, and the resolution order."""

import json
import os
import shutil
import stat
import zipfile

import pytest

from tests.conftest import run_hien
from translate.errors import InputError
from translate.models import check_archive, install_file, installed_models, resolve


def make_archive(path, package_dir, top="translate-hi_en-test", extra=None, drop=()):
    with zipfile.ZipFile(path, "w") as zf:
        for file in sorted(package_dir.rglob("*")):
            rel = file.relative_to(package_dir).as_posix()
            if file.is_file() and rel not in drop:
                zf.write(file, f"{top}/{rel}")
        for name, data in (extra or {}).items():
            if isinstance(data, zipfile.ZipInfo):
                zf.writestr(data, "target")
            else:
                zf.writestr(name, data)
    return path


def test_install_list_and_resolve_prefers_installed(tmp_path, argos_home, bundled_package):
    archive = make_archive(tmp_path / "pkg.argosmodel", bundled_package)
    info = install_file(archive)
    assert info.path == argos_home / "translate-hi_en-test"
    assert [m.name for m in installed_models()] == ["translate-hi_en-test"]
    assert resolve(None, "hi", "en").origin == "installed"
    assert resolve("translate-hi_en-test", "hi", "en").path == info.path
    with pytest.raises(InputError, match="translates hi→en, not en→hi"):
        resolve("translate-hi_en-test", "en", "hi")
    listed = run_hien("models", "list", "--json", env={"ARGOS_PACKAGES_DIR": str(argos_home)})
    assert listed.returncode == 0
    origins = {m["name"]: m["origin"] for m in json.loads(listed.stdout)}
    assert origins["translate-hi_en-test"] == "installed" and "bundled" in origins.values()


def test_bundled_is_the_fallback(argos_home):
    assert resolve(None, "hi", "en").origin == "bundled"


def test_model_given_as_folder_or_file(tmp_path, argos_home, bundled_package):
    assert resolve(str(bundled_package), "hi", "en").origin == "path"
    archive = make_archive(tmp_path / "pkg.argosmodel", bundled_package)
    info = resolve(str(archive), "hi", "en")
    assert (info.path / "model" / "model.bin").is_file()
    assert not any(argos_home.iterdir())  # --model FILE does not install


@pytest.mark.parametrize(
    "name, extra, drop, reason",
    [
        ("abs", {"/etc/evil": "x"}, (), "absolute path"),
        ("dotdot", {"translate-hi_en-test/../../evil": "x"}, (), "(..)"),
        ("nometa", {}, ("metadata.json",), "metadata.json"),
        ("badmeta", {}, ("metadata.json",), "metadata.json"),
        ("twotops", {"other/readme.txt": "x"}, (), "exactly one top folder"),
        ("nomodel", {}, ("model/model.bin",), "model.bin"),
    ],
)
def test_unsafe_or_invalid_archives_are_refused(tmp_path, argos_home, bundled_package, name, extra, drop, reason):
    if name == "badmeta":
        extra = {"translate-hi_en-test/metadata.json": "{not json"}
    archive = make_archive(tmp_path / f"{name}.argosmodel", bundled_package, extra=extra, drop=drop)
    with pytest.raises(InputError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        install_file(archive)
    assert not any(argos_home.iterdir())  # nothing left behind
    assert not (tmp_path / "evil").exists()


def test_links_are_refused(tmp_path, argos_home, bundled_package):
    link = zipfile.ZipInfo("translate-hi_en-test/link")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    archive = make_archive(tmp_path / "link.argosmodel", bundled_package, extra={"link": link})
    with pytest.raises(InputError, match="is a link"):
        check_archive(archive)


def test_not_a_zip_and_cli_exit_code(tmp_path, argos_home):
    fake = tmp_path / "fake.argosmodel"
    fake.write_text("hello")
    out = run_hien("models", "install", str(fake), env={"ARGOS_PACKAGES_DIR": str(argos_home)})
    assert out.returncode == 2 and b"not a zip archive" in out.stderr


def test_reinstall_replaces_in_place(tmp_path, argos_home, bundled_package):
    archive = make_archive(tmp_path / "pkg.argosmodel", bundled_package)
    first = install_file(archive)
    (first.path / "stale.txt").write_text("old")
    second = install_file(archive)
    assert second.path == first.path and not (second.path / "stale.txt").exists()
    assert [p.name for p in argos_home.iterdir()] == ["translate-hi_en-test"]


def test_package_loads_with_argostranslates_own_api(bundled_package):
    from argostranslate.package import Package

    pkg = Package(bundled_package)
    assert (pkg.from_code, pkg.to_code) == ("hi", "en")
    assert os.path.basename(str(pkg.tokenizer.model_file)) == "sentencepiece.model"
    shutil.rmtree(bundled_package / "__pycache__", ignore_errors=True)
