"""Atomic file writes: a temporary file beside the target, then a rename.

An interrupted run never leaves a half-written output: either the old file
(or nothing) or the complete new one is there.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        # Ctrl-C or a full disk: take the temporary file with us.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
