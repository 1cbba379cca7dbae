"""What every writer shares: its options, its result, and the plugin shape."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from convert.model import Document


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Options a writer may honour; each ignores what does not concern it."""

    font: Path | None = None  # --font: TTF/TTC/OTF replacing the default body face
    font_index: int = 0  # face index inside a TTC
    font_family: str | None = None  # --font-family, resolved through fontconfig
    embed_fonts: bool = False  # EPUB and DOCX: subset and embed the fonts the text uses
    # Options writers declare themselves (Writer.options), as sorted (name, value) pairs
    # of those the user gave: ("page-size", "A5"), ("reference-docx", Path(…)).
    writer: tuple[tuple[str, Any], ...] = ()

    def get(self, name: str, default: Any = None) -> Any:
        """A writer option's value, or `default` when the user did not give it."""
        return next((value for key, value in self.writer if key == name), default)

    def for_writer(self, names: Sequence[str]) -> RenderOptions:
        """These options with only the writer options in `names`: what a format's
        fingerprint depends on (a DOCX template must not remake the PDFs)."""
        return replace(self, writer=tuple((k, v) for k, v in self.writer if k in names))


@dataclass(frozen=True, slots=True)
class WriterOption:
    """A command-line option a writer declares: `--NAME VALUE`.

    `kind` is "choice" (one of `choices`, matched without regard to case),
    "number" (a positive float) or "file" (an existing file). Writers sharing
    an option name share its value.
    """

    name: str  # without the dashes: "page-size"
    help: str
    kind: str = "choice"
    choices: tuple[str, ...] = ()
    metavar: str | None = None
    bounds: tuple[float, float] | None = None  # a number's smallest and largest value
    # Checks a given value before any work starts: None, or why it cannot be used.
    check: Callable[[Any], str | None] | None = None


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
    options: tuple[WriterOption, ...] = ()  # its own command-line options (--help lists them)

    def book(self, docs: Sequence[Document], title: str, options: RenderOptions) -> Rendered:
        """`render_book` with what every writer shares: a book of no articles is refused
        the same way by every format (ValueError EMPTY_BOOK)."""
        if self.render_book is None:
            raise ValueError(f"the {self.name} writer cannot make a book")
        if not docs:
            raise ValueError(EMPTY_BOOK)
        return self.render_book(docs, title, options)


EMPTY_BOOK = "a book needs at least one article"
