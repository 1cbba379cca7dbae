"""Plain-text articles in any encoding: the reader pipeline of convert.reader."""

from __future__ import annotations

from convert.reader import read_bytes, read_file
from convert.readers.base import Reader

READER = Reader(
    name="text",
    extensions=(".txt", ".text"),
    read=read_file,
    description="plain-text articles in any encoding (decode, normalise, recognise)",
    read_bytes=read_bytes,
)
