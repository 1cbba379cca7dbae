"""JSON: the model itself, as docs/model.md describes it."""

from __future__ import annotations

import json
from collections.abc import Sequence

from convert.model import MODEL_VERSION, Document
from convert.writers.base import Rendered, RenderOptions, Writer


def render(doc: Document, options: RenderOptions) -> Rendered:
    text = json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) + "\n"
    return Rendered(text.encode("utf-8"))


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
