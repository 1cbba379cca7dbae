"""The reader: bytes of an article file -> Document.

decode (which encoding) -> normalise (newlines, whitespace, punctuation)
-> recognise (title, source, date, byline, boilerplate, rights).

STUB: the real stages are being written (issue 2); this keeps the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from convert.errors import InputError
from convert.model import Document, Meta, paragraph


@dataclass(frozen=True, slots=True)
class ReadOptions:
    encoding: str | None = None  # --encoding: force a codec
    keep_punctuation: bool = False  # --keep-punctuation: no ASCII -> full-width
    keep_boilerplate: bool = False  # --keep-boilerplate: share buttons stay in the body


def read_file(path: Path, options: ReadOptions = ReadOptions()) -> Document:
    """Read one article file. Raises InputError with a one-line reason."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    return read_bytes(data, options)


def read_bytes(data: bytes, options: ReadOptions = ReadOptions()) -> Document:
    if not data:
        raise InputError("empty file")
    text = data.decode(options.encoding or "utf-8", errors="replace")
    return read_text(text, options, encoding=options.encoding or "utf-8")


def read_text(
    text: str, options: ReadOptions = ReadOptions(), *, encoding: str = "utf-8"
) -> Document:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise InputError("no text")
    return Document(
        meta=Meta(title=lines[0], encoding=encoding),
        blocks=tuple(paragraph(line) for line in lines[1:]),
    )
