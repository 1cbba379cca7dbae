"""The plugin shape of a reader: one input file -> Document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from convert.model import Document
from convert.read_options import ReadOptions

ReadOne = Callable[[Path, ReadOptions], Document]
ReadData = Callable[[bytes, ReadOptions], Document]


@dataclass(frozen=True, slots=True)
class Reader:
    """A registered input format.

    `read` raises convert.errors.InputError with a one-line reason for input it
    cannot read; `extensions` (with the dot, lower case) choose it for a file
    when --from does not.
    """

    name: str
    extensions: tuple[str, ...]
    read: ReadOne
    description: str = ""
    # The same from bytes already in memory (an object store, standard input); None
    # for a reader that needs the file itself.
    read_bytes: ReadData | None = None
    # read_bytes also takes `base=`: the folder or URL prefix the input's relative
    # sources (images beside a page) are in, None when there is none (standard input).
    takes_base: bool = False
