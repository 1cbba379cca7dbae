"""A third-party writer, as a plugin author would write it against convert.layout:
it knows the title, headings and paragraphs, nothing else. Whatever the model
grows, the layout's Drawer hands it the rest as plain paragraphs."""

from __future__ import annotations

from collections.abc import Sequence

from convert import layout
from convert.model import Block, Document
from convert.writers.base import Rendered, RenderOptions, Writer


class _Markdownish(layout.Drawer):
    def __init__(self) -> None:
        self.lines: list[str] = []

    def visit_title(self, item: layout.Furniture) -> None:
        self.lines.append("# " + item.text)

    def visit_heading(self, block: Block) -> None:
        self.lines.append("#" * (block.level or 2) + " " + block.text)

    def visit_paragraph(self, block: Block) -> None:
        self.lines.append(block.text)


def render(doc: Document, options: RenderOptions) -> Rendered:
    drawer = _Markdownish()
    drawer.draw_all(layout.article(doc))
    return Rendered(("\n\n".join(drawer.lines) + "\n").encode("utf-8"))


def render_book(docs: Sequence[Document], title: str, options: RenderOptions) -> Rendered:
    return Rendered(b"".join(render(d, options).data for d in docs))


WRITER = Writer("plain", ".md", render, render_book, "plain text (a test plugin)")
