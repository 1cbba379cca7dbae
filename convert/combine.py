"""`--combine BOOK.epub|.pdf|.docx`: every article of the run as a chapter of one book.

Chapters are ordered by published date (articles without one last), then by
path; the writer's `render_book` makes the table of contents and keeps each
chapter's title, meta line and rights block.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from convert.atomic import write_atomic
from convert.batch import display
from convert.model import Document
from convert.presentation import parse_published
from convert.writers.base import RenderOptions


def book_format(book: Path) -> str:
    """The format name from the book's extension: 'Book.EPUB' -> 'epub'."""
    return book.suffix.lower().lstrip(".")


def check_can_combine(fmt: str) -> str | None:
    """None when the format can make a book, else the reason it cannot."""
    from convert import writers

    if fmt not in writers.available():
        return f"--combine: unknown book format {fmt!r} (known: {', '.join(writers.available())})"
    try:
        writer = writers.get_writer(fmt)
    except Exception as exc:  # the writer module itself is broken or missing
        return f"--combine: the {fmt} writer is not available ({exc})"
    if writer.render_book is None:
        return f"--combine: the {fmt} writer cannot make a book"
    return None


def default_title(paths: Sequence[Path], book: Path) -> str:
    """The folder's name when one folder was given, else the book's file name."""
    folders = [p for p in paths if p.is_dir()]
    if len(folders) == 1:
        name = Path(os.path.abspath(folders[0])).name
        if name:
            return display(name)
    return display(book.stem)


def chapter_order(articles: Sequence[tuple[Path, Document]]) -> list[tuple[Path, Document]]:
    """By published date (undated last), then by path."""

    def key(item: tuple[Path, Document]) -> tuple[bool, str, bytes]:
        path, doc = item
        moment = parse_published(doc.meta.published)
        return (moment is None, moment.isoformat() if moment else "", os.fsencode(path))

    return sorted(articles, key=key)


def make_book(
    book: Path,
    articles: Sequence[tuple[Path, Document]],
    title: str,
    options: RenderOptions,
) -> tuple[str, ...]:
    """Render and atomically write the book; returns the writer's warnings."""
    from convert import writers

    writer = writers.get_writer(book_format(book))
    assert writer.render_book is not None  # checked by check_can_combine before the run
    docs = [doc for _, doc in chapter_order(articles)]
    rendered = writer.book(docs, title, options)
    write_atomic(book, rendered.data)
    return rendered.warnings
