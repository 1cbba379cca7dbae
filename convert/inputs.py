"""Opening inputs: regular files, or standard input named `-`; never unbounded.

An article is read whole (the decoder needs all of it), so what may be read is
decided before reading: only regular files (a FIFO would block `open()`
forever, /dev/zero would never end), and no more than the --max-size limit
(default 100 MB: a 20 MB web novel is the largest text people convert, and a
2 GB log file should be refused at once, not after filling the memory). A
caller can also `sniff` the first bytes (convert.decode.refuse_binary: a 90 MB
video is refused from its signature, without reading the rest).
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from convert.errors import InputError

STDIO = "-"  # as an input: standard input; as -o: standard output
DEFAULT_MAX_SIZE = 100 * 1000 * 1000
_CHUNK = 1 << 20
_SNIFF_BYTES = 4096  # the first read: enough for any signature, small whatever the file
Sniff = Callable[[bytes], None]  # raises InputError for first bytes it refuses

_KINDS = (
    (stat.S_ISDIR, "is a directory"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file"),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)
_UNITS = {"": 1, "k": 1000, "m": 1000**2, "g": 1000**3, "kib": 1024, "mib": 1024**2,
          "gib": 1024**3}


def is_stdin(path: Path | str) -> bool:
    return str(path) == STDIO


def parse_size(text: str) -> int:
    """`100M`, `1.5G`, `500k`, `64MiB`, `1048576` -> bytes; ValueError otherwise. 0: no limit."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg](?:i?b)?|b?)\s*", text.lower())
    if m is None:
        raise ValueError(f"not a size: {text!r} (use e.g. 100M, 2G, 500k)")
    unit = m.group(2).rstrip("b") if m.group(2) not in ("kib", "mib", "gib") else m.group(2)
    return int(float(m.group(1)) * _UNITS[unit])


def human(size: int) -> str:
    """Bytes as people read them: 2.1 GB, 100 MB, 512 bytes."""
    for unit, factor in (("GB", 1000**3), ("MB", 1000**2), ("kB", 1000)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"


def refusal(st: os.stat_result) -> str | None:
    """Why a file with this stat result is not an input, or None for a regular file."""
    if stat.S_ISREG(st.st_mode):
        return None
    return next((why for test, why in _KINDS if test(st.st_mode)), "is not a regular file")


def _too_big(size: int | None, max_size: int) -> InputError:
    known = f"{human(size)}, " if size is not None else ""
    return InputError(f"too large ({known}the limit is {human(max_size)}; see --max-size)")


def read_input(path: Path, max_size: int = DEFAULT_MAX_SIZE, sniff: Sniff | None = None
               ) -> bytes:
    """A regular file's bytes, at most max_size of them (0: no limit); InputError else
    (also from sniff, given the first bytes before the rest is read)."""
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    try:
        st = os.fstat(fd)
        if (why := refusal(st)) is not None:
            raise InputError(why)
        if max_size and st.st_size > max_size:
            raise _too_big(st.st_size, max_size)
        with os.fdopen(os.dup(fd), "rb") as f:
            return read_bounded(f, max_size, sniff)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def read_bounded(stream: BinaryIO, max_size: int, sniff: Sniff | None = None) -> bytes:
    """Everything a stream holds, refusing (InputError) more than max_size bytes (0: any)
    and what sniff refuses from the first bytes."""
    chunks: list[bytes] = []
    total = 0
    if sniff is not None:
        head = stream.read(_SNIFF_BYTES)
        sniff(head)
        chunks.append(head)
        total = len(head)
    while chunk := stream.read(_CHUNK):
        chunks.append(chunk)
        total += len(chunk)
        if max_size and total > max_size:  # a file growing while read, or a pipe
            raise _too_big(None, max_size)
    return b"".join(chunks)


def read_stdin(max_size: int = DEFAULT_MAX_SIZE, sniff: Sniff | None = None) -> bytes:
    """Standard input, bounded (and sniffed) like a file."""
    try:
        return read_bounded(sys.stdin.buffer, max_size, sniff)
    except OSError as exc:
        raise InputError(f"standard input: {exc.strerror or exc}") from None
