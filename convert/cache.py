"""The user's cache folder: what is slow to work out and the same on every run.

`$XDG_CACHE_HOME/convert`, else `~/.cache/convert`. Files are named by everything
they depend on (a library's version, a source file's size and time), written whole
(a temporary name, then a rename) and read back by their owner, which treats any
problem — missing, damaged, unwritable — as "not cached" and works it out again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "convert"


def path_for(kind: str, *key: object, suffix: str) -> Path:
    """The cache file for `kind` (a short name) and the values it depends on."""
    digest = hashlib.sha1("|".join(map(str, key)).encode()).hexdigest()[:16]
    return folder() / f"{kind}-{digest}{suffix}"


def source_key(path: str | Path) -> tuple[str, int, int]:
    """A source file as a cache key: its real path, size and modification time."""
    found = os.stat(path)
    return os.path.realpath(path), found.st_size, found.st_mtime_ns


def read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def write(path: Path, data: bytes) -> None:
    """Whole or not at all (another process may be reading or writing it too); a
    read-only home or a full disk leaves nothing behind and is not an error."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
