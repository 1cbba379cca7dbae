"""The user's cache folder: what is slow to work out and the same on every run.

`$XDG_CACHE_HOME/convert`, else `~/.cache/convert`. Files are named by everything
they depend on (a library's version, a source file's size and time), written whole
(a temporary name, then a rename) and read back by their owner, which treats any
problem — missing, damaged, unwritable — as "not cached" and works it out again.

A file no longer matches once what it was made from changes (a font moved or updated,
a new Python): writing a new file of a kind lets the oldest of that kind go beyond the
last KEEP_PER_KIND, so the folder stays within tens of MB whatever is installed over the
years.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

KEEP_PER_KIND = 32  # more than the faces, Pythons and patterns in use at any one time


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
        return
    _prune(path)


def _prune(written: Path) -> None:
    """Beyond KEEP_PER_KIND files of `written`'s kind, the least recently used go (read
    or written: the later of access and change time; another process may be using one,
    which then only works it out again)."""
    kind = written.name.rsplit("-", 1)[0] + "-"
    with contextlib.suppress(OSError):
        entries = [e for e in os.scandir(written.parent)
                   if e.name.startswith(kind) and e.is_file() and e.name != written.name]
        if len(entries) < KEEP_PER_KIND:
            return
        entries.sort(key=lambda e: max(e.stat().st_atime, e.stat().st_mtime), reverse=True)
        for entry in entries[KEEP_PER_KIND - 1:]:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
