"""A small on-disk cache for work derived from termbase files (parsed terms, the automaton).

Entries live in $XDG_CACHE_HOME/hien/ and are keyed by the files' paths, sizes and
modification times, so an edited file is never served stale. A missing or unwritable cache
only costs the shortcut.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
VERSION = 2  # bump when what is cached changes shape


def file_key(paths: list[Path | str]) -> str | None:
    parts = [str(VERSION)]
    for path in paths:
        try:
            stat = Path(path).stat()
        except OSError:
            return None
        parts.append(f"{Path(path).resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def cached(kind: str, key: str | None, build: Callable[[], T]) -> T:
    """build(), or its pickled result from an earlier call with the same key."""
    if key is None:
        return build()
    root = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "hien" / kind
    path = root / f"{key}.pickle"
    if path.is_file():
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except Exception:  # a damaged entry is rebuilt
            path.unlink(missing_ok=True)
    value = build()
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass
    return value
