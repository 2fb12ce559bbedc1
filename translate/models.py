"""Find, install and choose Argos packages.

Resolution order for a language pair: `--model NAME|PATH`; an installed Argos package for
the pair (argostranslate's package directory); the package bundled in this repository.
Installing from a file is an attack surface: archives are checked before anything is
extracted (no absolute paths, no `..`, no links, one top folder, a valid metadata.json).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from translate.engine import read_metadata
from translate.errors import InputError

BUNDLED_ROOT = Path(__file__).resolve().parent / "bundled"
LANGUAGE_NAMES = {"hi": "Hindi", "en": "English"}


@dataclass
class ModelInfo:
    name: str
    path: Path
    from_code: str
    to_code: str
    version: str
    origin: str  # bundled | installed | path

    def to_json(self) -> dict:
        data = asdict(self)
        data["path"] = str(self.path)
        return data

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"


def _info(path: Path, origin: str) -> ModelInfo:
    meta = read_metadata(path)
    return ModelInfo(
        name=path.name,
        path=path,
        from_code=str(meta.get("from_code", "")),
        to_code=str(meta.get("to_code", "")),
        version=str(meta.get("package_version", "")),
        origin=origin,
    )


def bundled_models() -> list[ModelInfo]:
    if not BUNDLED_ROOT.is_dir():
        return []
    return [_info(p, "bundled") for p in sorted(BUNDLED_ROOT.iterdir()) if (p / "metadata.json").is_file()]


def packages_dir() -> Path:
    """Where argostranslate keeps packages: ARGOS_PACKAGES_DIR (environment or its
    settings.json), else $XDG_DATA_HOME/argos-translate/packages. Read afresh on each call
    (argostranslate.settings fixes it once at import)."""
    from argostranslate import settings

    configured = settings.get_setting("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured)
    data_home = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return data_home / "argos-translate" / "packages"


def installed_models() -> list[ModelInfo]:
    found: list[ModelInfo] = []
    directory = packages_dir()
    if directory.is_dir():
        for path in sorted(directory.iterdir()):
            if (path / "metadata.json").is_file():
                try:
                    info = _info(path, "installed")
                except InputError:
                    continue
                if (path / "model" / "model.bin").is_file():
                    found.append(info)
    return found


def all_models() -> list[ModelInfo]:
    return installed_models() + bundled_models()


def _version_key(info: ModelInfo) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in info.version.split("."))


def resolve(model: str | None, from_code: str, to_code: str) -> ModelInfo:
    """The package to use for from_code→to_code (see the module docstring for the order)."""
    if model:
        candidate = Path(model).expanduser()
        if candidate.is_dir():
            info = _info(candidate, "path")
        elif candidate.is_file():
            info = _info(extract_to_cache(candidate), "path")
        else:
            matches = [m for m in all_models() if model in (m.name, m.path.name, f"{m.from_code}-{m.to_code}")]
            if not matches:
                raise InputError(f"unknown model {model!r}: not a package folder or file, nor an installed "
                                 "package name (see `hien models list`)")
            info = matches[0]
        if (info.from_code, info.to_code) != (from_code, to_code):
            raise InputError(f"model {info.name} translates {info.pair}, not {from_code}→{to_code}")
        return info
    for source in (installed_models, bundled_models):
        candidates = [m for m in source() if (m.from_code, m.to_code) == (from_code, to_code)]
        if candidates:
            return max(candidates, key=_version_key)
    available = sorted({m.pair for m in all_models()})
    raise InputError(
        f"no model for {from_code}→{to_code} (available: {', '.join(available) or 'none'}); "
        "install one with `hien models install FILE.argosmodel`"
    )


# -- installing -------------------------------------------------------------------------


def check_archive(path: Path) -> str:
    """Validate an .argosmodel archive without extracting it; return its top folder name."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise InputError(f"{path}: not an Argos package (not a zip archive)")
    with zipfile.ZipFile(path) as archive:
        tops: set[str] = set()
        for entry in archive.infolist():
            name = entry.filename
            pure = PurePosixPath(name)
            if name.startswith(("/", "\\")) or pure.is_absolute() or ":" in pure.parts[0] or "\\" in name:
                raise InputError(f"{path}: refused, entry {name!r} has an absolute path")
            if ".." in pure.parts:
                raise InputError(f"{path}: refused, entry {name!r} leaves the package folder (..)")
            mode = entry.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise InputError(f"{path}: refused, entry {name!r} is a link")
            tops.add(pure.parts[0])
        if len(tops) != 1:
            raise InputError(f"{path}: an Argos package holds exactly one top folder, found {len(tops)}")
        top = tops.pop()
        try:
            metadata = json.loads(archive.read(f"{top}/metadata.json").decode("utf-8"))
        except KeyError:
            raise InputError(f"{path}: no {top}/metadata.json in the archive") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}: invalid metadata.json ({exc})") from None
        if not isinstance(metadata, dict) or not metadata.get("from_code") or not metadata.get("to_code"):
            raise InputError(f"{path}: metadata.json lacks from_code/to_code")
        names = set(archive.namelist())
        if f"{top}/model/model.bin" not in names:
            raise InputError(f"{path}: no CTranslate2 model ({top}/model/model.bin)")
        if f"{top}/sentencepiece.model" not in names:
            raise InputError(f"{path}: no {top}/sentencepiece.model")
    return top


def _extract(path: Path, destination_root: Path) -> Path:
    """Extract a checked archive into destination_root/<top>, replacing an older copy atomically."""
    top = check_archive(path)
    destination_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".hien-install-", dir=destination_root))
    try:
        with zipfile.ZipFile(path) as archive:
            archive.extractall(staging)
        target = destination_root / top
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging / top, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def install_file(path: Path) -> ModelInfo:
    return _info(_extract(path, packages_dir()), "installed")


def extract_to_cache(path: Path) -> Path:
    """`--model FILE.argosmodel` without installing: extracted once into a cache folder."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "hien" / "models" / digest
    existing = [p for p in cache.iterdir() if (p / "metadata.json").is_file()] if cache.is_dir() else []
    return existing[0] if existing else _extract(path, cache)


def install_from_index(name: str) -> ModelInfo:
    """Download and install a package from the Argos index, e.g. `hi-en` or `translate-hi_en`."""
    from argostranslate import package, settings

    codes = name.replace("translate-", "").replace("_", "-").split("-")
    if len(codes) != 2:
        raise InputError(f"{name!r}: give a language pair such as hi-en")
    # update_package_index() logs and swallows network errors, and get_available_packages()
    # then retries forever; so check for the downloaded index ourselves.
    package.update_package_index()
    if not Path(settings.local_package_index).is_file():
        raise InputError(f"could not reach the Argos package index ({settings.remote_package_index})")
    try:
        available = package.get_available_packages()
    except (OSError, ValueError) as exc:
        raise InputError(f"unreadable Argos package index ({exc})") from None
    matches = [p for p in available if (p.from_code, p.to_code) == tuple(codes)]
    if not matches:
        raise InputError(f"the Argos index has no {codes[0]}→{codes[1]} package")
    try:
        downloaded = Path(matches[0].download())
    except Exception as exc:
        raise InputError(f"download of {name} failed ({exc})") from None
    return install_file(downloaded)
