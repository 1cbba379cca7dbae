"""What every writer shares: its options, its result, and the plugin shape."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from convert.model import Document


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Options a writer may honour; each ignores what does not concern it."""

    font: Path | None = None  # --font: TTF/TTC/OTF replacing the default body face
    font_index: int = 0  # face index inside a TTC
    font_family: str | None = None  # --font-family, resolved through fontconfig
    embed_fonts: bool = False  # EPUB and DOCX: subset and embed the fonts the text uses


@dataclass(frozen=True, slots=True)
class Rendered:
    """A finished file in memory, so the caller can write it atomically."""

    data: bytes
    warnings: tuple[str, ...] = field(default=())


RenderOne = Callable[[Document, RenderOptions], Rendered]
RenderBook = Callable[[Sequence[Document], str, RenderOptions], Rendered]


@dataclass(frozen=True, slots=True)
class Writer:
    """A registered output format.

    `render` turns one article into a file; `render_book` (optional) turns
    many articles into one book with a chapter each (`--combine`).
    """

    name: str
    extension: str  # with the dot: ".docx"
    render: RenderOne
    render_book: RenderBook | None = None
    description: str = ""
    # Called once per process before the first render (font parsing, templates),
    # so a process pool can warm each worker in its initializer.
    warm_up: Callable[[RenderOptions], None] | None = None
