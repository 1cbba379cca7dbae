"""Atomic file writes: a temporary file beside the target, then a rename.

An interrupted run never leaves a half-written output: either the old file
(or nothing) or the complete new one is there.

The temporary name is short and fixed in shape, `.convert-<pid>-<random>.part`:
an output whose own name is near the file system's 255-byte limit still gets
one, and the process id lets the main process remove what a worker killed
mid-write left behind (see remove_orphans).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

from convert import regex_cache
from convert.errors import OutputError

PREFIX = ".convert-"
SUFFIX = ".part"
STALE_SECONDS = 3600  # no output takes an hour to write: older temporary files are dead
_TEMPORARY = regex_cache.compile(rf"{re.escape(PREFIX)}(\d+)-.*{re.escape(SUFFIX)}")


def _display(path: Path) -> str:
    from convert.batch import display  # (batch imports the writers registry; keep this light)

    return display(path)


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write data to path all at once; OutputError (naming path) when that cannot be done.

    `durable`: on the disk (fsync) before it takes the name. A pool worker leaves that to
    the main process (make_durable), so no worker waits on the disk between articles.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f"{PREFIX}{os.getpid()}-", suffix=SUFFIX,
                                   dir=path.parent)
    except FileExistsError:  # mkdir met a file where a folder should be
        blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), path.parent)
        raise OutputError(
            f"cannot write {_display(path)}: {_display(blocking)} is not a folder"
        ) from None
    except OSError as exc:
        raise OutputError(f"cannot write {_display(path)}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        # Ctrl-C or a full disk: take the temporary file with us.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            # The user knows the output's name, not the temporary one's.
            raise OutputError(f"cannot write {_display(path)}: {exc.strerror or exc}") from None
        raise


def make_durable(path: Path) -> None:
    """Put on the disk what write_atomic(durable=False) wrote (fsync); OutputError if not."""
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write {_display(path)}: {exc.strerror or exc}") from None


def remove_orphans(folder: Path, pid: int) -> list[Path]:
    """Remove the temporary files a (killed) process `pid` left in folder."""
    removed = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(f"{PREFIX}{pid}-") and entry.name.endswith(SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but is someone else's
        return True
    return True


def sweep_stale(folder: Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove temporary files of processes that died mid-write (a kill -9 of a run with
    -j 1, a power cut): older than an hour (by default), and their process is gone."""
    now = time.time()
    removed = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            m = _TEMPORARY.fullmatch(entry.name)
            if m is None or _alive(int(m.group(1))):
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime >= older_than:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed
