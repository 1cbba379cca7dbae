"""One layout for every writer: the order and furniture of an article and of a book.

An article is drawn as kicker (引题), title, subtitle, meta line, its blocks, the
editors line and the rights paragraphs — in that order, in every format. A book is
its title, its contents, then each article as a chapter. This module says so once
(`article`, `book`); a writer supplies how to draw each item by subclassing
`Drawer` with `visit_<type>` methods (docutils' NodeVisitor shape). An item type a
drawer has no method for goes to `unknown`, which draws its plain text as
paragraphs: a third-party writer keeps working when the model grows.

Inline runs are flattened here too (`runs`), so "emphasis inside a link inside
strong" means the same to every writer.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from convert import locale, progress
from convert.charclass import NOT_XML
from convert.model import (
    Author,
    Code,
    Document,
    Emphasis,
    Inline,
    LineBreak,
    Link,
    Meta,
    Node,
    Strong,
    Text,
    paragraph,
)
from convert.presentation import editors_line, meta_line, parse_published
from convert.writers.long_text import chapter_level

# Furniture: what an article shows around its blocks, in reading order.
FURNITURE = ("kicker", "title", "subtitle", "meta", "editors", "rights")
# Body node types of the model (docs/model.md).
NODE_TYPES = ("heading", "paragraph", "preformatted", "rule", "quote", "list", "figure",
              "table")


@dataclass(frozen=True, slots=True)
class Furniture:
    """A line of an article's furniture: `type` is one of FURNITURE.

    `index` counts the rights paragraphs (0 for the first, which a writer sets
    apart with a rule); it is 0 for everything else.
    """

    type: str
    text: str
    index: int = 0
    level: None = None


Item = Furniture | Node


def article(doc: Document) -> Iterator[Item]:
    """The items of one article, in the order every writer draws them."""
    m = doc.meta
    if m.kicker:
        yield Furniture("kicker", m.kicker)
    yield Furniture("title", m.title)
    if m.subtitle:
        yield Furniture("subtitle", m.subtitle)
    line = meta_line(doc)
    if line:
        yield Furniture("meta", line)
    yield from progress.blocks(doc.blocks)  # a long text's writer reports how far it is
    editors = editors_line(doc)
    if editors:
        yield Furniture("editors", editors)
    for i, text in enumerate(doc.rights):
        yield Furniture("rights", text, i)


@dataclass(frozen=True, slots=True)
class BookTitle:
    """The book's title, first on its opening page (the contents follow on the same page)."""

    text: str
    type: str = "book-title"


@dataclass(frozen=True, slots=True)
class Contents:
    """The book's contents: its label in the book's language, and an entry per chapter
    (the chapter's display title, so an untitled article is listed by its first words)."""

    label: str
    titles: tuple[str, ...]
    type: str = "contents"

    @property
    def text(self) -> str:  # what a drawer that does not know contents shows
        return "\n".join([self.label, *self.titles])


@dataclass(frozen=True, slots=True)
class Chapter:
    """An article of a book starts here (a new page or content document), drawn with
    `article`. `breaks` is chapter_level(doc): a long text's headings at or above that
    model level start a page of their own inside the book too, as they do alone."""

    number: int  # 1-based
    doc: Document
    breaks: int | None = None
    type: str = "chapter"


def book_language(docs: Sequence[Document]) -> str:
    """The book's language (its contents label, fonts, tags): locale's one rule."""
    return locale.book_language([d.meta.language for d in docs])


def book_meta(docs: Sequence[Document], title: str) -> Meta:
    """What a book says about itself, the same in every format's properties: its title and
    language, every author and editor once (the first role given), the articles' sources
    joined, and the latest publication date."""
    authors: dict[str, Author] = {}
    for doc in docs:
        for author in doc.meta.authors:
            authors.setdefault(author.name, author)
    sources = dict.fromkeys(d.meta.source for d in docs if d.meta.source)
    dates = sorted(d.meta.published for d in docs if parse_published(d.meta.published))
    return Meta(title, source="; ".join(sources) or None, published=dates[-1] if dates else None,
                authors=tuple(authors.values()), language=book_language(docs),
                editors=tuple(dict.fromkeys(e for d in docs for e in d.meta.editors)))


def display_title(doc: Document) -> str:
    """The title a contents entry, a nav entry or <title> shows, which must not be empty:
    the model's, else the start of the first block, else "无标题" in the article's language."""
    title = NOT_XML.sub("", doc.meta.title).strip()
    if title:
        return title
    first = next((NOT_XML.sub("", b.text).strip() for b in doc.blocks), "")
    return first[:30] + ("…" if len(first) > 30 else "") or locale.label(doc.meta.language,
                                                                         "untitled")


def book(docs: Sequence[Document], title: str) -> Iterator[BookTitle | Contents | Chapter]:
    """The items of a book of articles, in the order every writer draws them: its title,
    its contents (on the title's page), then a chapter per article, each from a new page."""
    yield BookTitle(title)
    yield Contents(locale.label(book_language(docs), "contents"),
                   tuple(display_title(d) for d in docs))
    for n, doc in enumerate(docs, 1):
        yield Chapter(n, doc, chapter_level(doc))


class Drawer:
    """Draws items by type: `visit_heading`, `visit_title`, `visit_list`, …

    A subclass defines the types it knows; anything else reaches `unknown`,
    which draws the item's plain text, a paragraph per line, with
    `visit_paragraph` (a rule, having no text, disappears). So the only method a
    writer must have is `visit_paragraph`.
    """

    def draw(self, item: object) -> None:
        method = getattr(self, "visit_" + str(getattr(item, "type", "")).replace("-", "_"), None)
        if method is None:
            self.unknown(item)
        else:
            method(item)

    def draw_all(self, items: Iterator[object] | Sequence[object]) -> None:
        for item in items:
            self.draw(item)

    def unknown(self, item: object) -> None:
        text = str(getattr(item, "text", "") or "")
        for line in text.split("\n"):
            if line.strip():
                self.visit_paragraph(paragraph(line))

    def visit_paragraph(self, block: Node) -> None:  # pragma: no cover - the one must-have
        raise NotImplementedError


# -- inline runs ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text in one style: what a writer turns into a run or a span."""

    text: str
    emphasis: bool = False
    strong: bool = False
    code: bool = False
    href: str | None = None
    line_break: bool = False  # a LineBreak: `text` is "\n"


def runs(inlines: Sequence[Inline], *, emphasis: bool = False, strong: bool = False,
         href: str | None = None) -> list[Run]:
    """Nested inlines as flat runs, each knowing every style around it."""
    out: list[Run] = []
    for inline in inlines:
        if isinstance(inline, Text):
            if inline.text:
                out.append(Run(inline.text, emphasis, strong, False, href))
        elif isinstance(inline, Code):
            if inline.text:
                out.append(Run(inline.text, emphasis, strong, True, href))
        elif isinstance(inline, LineBreak):
            out.append(Run("\n", emphasis, strong, False, href, line_break=True))
        elif isinstance(inline, Emphasis):
            out += runs(inline.inlines, emphasis=True, strong=strong, href=href)
        elif isinstance(inline, Strong):
            out += runs(inline.inlines, emphasis=emphasis, strong=True, href=href)
        elif isinstance(inline, Link):
            out += runs(inline.inlines, emphasis=emphasis, strong=strong, href=inline.href)
        else:  # an inline type this code predates: its plain text
            text = str(getattr(inline, "text", ""))
            if text:
                out.append(Run(text, emphasis, strong, False, href))
    return out


def list_marker(ordered: bool, number: int, depth: int) -> str:
    """The marker before a list item where a format has no list markup of its own
    (PDF): 1. 2. … for an ordered list, • ◦ ▪ by depth for a bulleted one."""
    if ordered:
        return f"{number}."
    return "•◦▪"[depth % 3]
