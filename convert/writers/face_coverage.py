"""Which characters a font face has, known without parsing the face.

A character no earlier face of a chain has (𠮷, U+20BB7, say) used to parse every
face before the one that has it, only to ask each whether it has it: 15–50 ms a
face, paid again by every pool worker. The answer is the face's character map's
keys, kept here per face file in the user's cache folder as sorted code point
ranges (a few kB): the chain then parses only a face that has the character.

Written the first time a face is parsed (from the map reportlab will use, so the
answer is the parse's answer); named by the font file (path, size, time), the
face's place in it and reportlab's version. A missing or damaged file just means
the face is parsed to find out, as before.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from pathlib import Path

import reportlab

from convert import cache
from convert.fonts import FontFace

_FORMAT = 1
_MAGIC = b"cvcov1"
_HEAD = struct.Struct(">6sLL")  # magic, number of bounds, crc32 of them


class Coverage:
    """Code points as [start, end) bounds, sorted: inside when an odd number of bounds
    lie at or below a code point. Stored as 4-byte big-endian items ("I"; a machine
    where it is wider writes files it then refuses: the face is parsed, as before)."""

    def __init__(self, bounds: array) -> None:
        self._bounds = bounds

    def __contains__(self, code: int) -> bool:
        return bisect_right(self._bounds, code) & 1 == 1

    @classmethod
    def of(cls, codes: Iterable[int]) -> Coverage:
        bounds = array("I")
        for code in sorted(codes):
            if bounds and bounds[-1] == code:
                bounds[-1] = code + 1  # extends the last range
            else:
                bounds.extend((code, code + 1))
        return cls(bounds)

    def to_bytes(self) -> bytes:
        body = array("I", self._bounds)
        if sys.byteorder == "little":
            body.byteswap()  # stored big-endian whatever the machine
        data = body.tobytes()
        return _HEAD.pack(_MAGIC, len(self._bounds), zlib.crc32(data)) + data

    @classmethod
    def from_bytes(cls, data: bytes) -> Coverage | None:
        """None for anything but a whole, well-formed file."""
        if len(data) < _HEAD.size:
            return None
        magic, count, crc = _HEAD.unpack_from(data)
        body = data[_HEAD.size:]
        if magic != _MAGIC or len(body) != 4 * count or count % 2 or zlib.crc32(body) != crc:
            return None
        bounds = array("I")
        bounds.frombytes(body)
        if sys.byteorder == "little":
            bounds.byteswap()
        return cls(bounds)  # (the checksum stands for a walk checking the order: 1 ms)


_known: dict[FontFace, Coverage | None] = {}


def _cache_file(face: FontFace) -> Path | None:
    try:
        return cache.path_for("face-cover", _FORMAT, reportlab.Version, face.index,
                              *cache.source_key(face.path), suffix=".bin")
    except (OSError, TypeError, ValueError):
        return None


def known(face: FontFace) -> Coverage | None:
    """The face's characters if a parse has recorded them (read once per process)."""
    if face not in _known:
        path = _cache_file(face)
        data = cache.read(path) if path is not None else None
        _known[face] = Coverage.from_bytes(data) if data else None
    return _known[face]


def remember(face: FontFace, codes: Iterable[int]) -> None:
    """Record a freshly parsed face's characters, unless they are recorded already."""
    if known(face) is not None:
        return
    found = _known[face] = Coverage.of(codes)
    path = _cache_file(face)
    if path is not None:
        cache.write(path, found.to_bytes())
