"""JSON: the model itself, as docs/model.md describes it."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence

from convert.model import MODEL_VERSION, Document
from convert.writers.base import Rendered, RenderOptions, Writer


def render(doc: Document, options: RenderOptions) -> Rendered:
    return Rendered(_encoded(doc.to_dict()))


def _encoded(value: object) -> bytes:
    """json.dumps(value, ensure_ascii=False, indent=2) + newline, as UTF-8, encoded as it is
    produced: the whole text at once took 1.4 GB for a 15 MB novel (the indenting encoder
    is the pure-Python one, millions of small pieces joined)."""
    out = io.BytesIO()
    chunk: list[str] = []
    for piece in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(value):
        chunk.append(piece)
        if len(chunk) >= 4096:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    chunk.append("\n")
    out.write("".join(chunk).encode("utf-8"))
    return out.getvalue()


def render_book(docs: Sequence[Document], title: str, options: RenderOptions) -> Rendered:
    book = {"version": MODEL_VERSION, "title": title, "articles": [d.to_dict() for d in docs]}
    return Rendered((json.dumps(book, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


WRITER = Writer(
    name="json",
    extension=".json",
    render=render,
    render_book=render_book,
    description="the intermediate model as JSON",
)
