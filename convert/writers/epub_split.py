"""A long text as many EPUB content documents: one per chapter, split again when big.

E-readers load a whole content document to show any page of it; a novel in one
33 MB XHTML file stalls them. Here the title page (title block and whatever comes
before the first chapter) is one document, every chapter heading at or above the
break level (convert.writers.long_text) starts a new one, and a chapter longer than
SPLIT_BYTES continues in another document between two blocks. The nav and NCX
list every heading, nested by level, whichever document it is in. What the documents
hold is drawn as in any EPUB (epub_nodes: lists, quotes, tables, figures with their
images in the package); this module only chooses where each document starts.

Each document is built as encoded pieces and joined once, so the book never holds
more than one copy of its text as XHTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from convert import layout, regex_cache
from convert.charclass import NOT_XML
from convert.images import Images
from convert.layout import Furniture
from convert.model import Document
from convert.typography import AMBIGUOUS
from convert.writers.epub_xhtml import (
    EPUB_NS,
    STYLESHEET,
    XHTML_NS,
    Chapter,
    NavHeading,
    body_class,
    clean,
    display_title,
    escape,
    is_cjk,
    marked,
    rights_label,
)

SPLIT_BYTES = 200_000  # readers handle documents of this size without a pause
_AMBIGUOUS = regex_cache.compile(f"[{re.escape(''.join(sorted(AMBIGUOUS)))}]")


@dataclass(frozen=True, slots=True)
class TocEntry:
    level: int  # 1 for the title page, the model's heading level otherwise
    href: str
    text: str
    uid: str


class _Documents:
    """Collects pieces into the current document; `start` closes it and opens the next."""

    def __init__(self, doc: Document, name: str = "text", visible: bool = True) -> None:
        self.doc = doc
        self.name = name  # file names are NAME-0000.xhtml, NAME-0001.xhtml …
        self.visible = visible  # collect the characters shown (font subsetting needs them)
        self.lang = escape(doc.meta.language)
        self.latin_text = not is_cjk(doc.meta.language)
        self.chapters: list[Chapter] = []
        self.pieces: list[bytes] = []
        self.size = 0
        self.title = ""
        self.headings: list[NavHeading] = []
        self.shown: set[str] = set()
        self.dropped = 0
        self.files: dict[str, tuple[str, bytes]] = {}  # the current document's images
        self.notes: tuple[str, ...] = ()  # set before the last document closes

    @property
    def file_name(self) -> str:
        return f"{self.name}-{len(self.chapters):04d}.xhtml"

    def start(self, title: str, epub_type: str) -> None:
        self.close()
        self.title = title
        self.add(
            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="{XHTML_NS}" xmlns:epub="{EPUB_NS}" lang="{self.lang}" '
            f'xml:lang="{self.lang}">\n'
            f'<head>\n<meta charset="utf-8"/>\n<title>{escape(title)}</title>\n'
            f'<link rel="stylesheet" type="text/css" href="{STYLESHEET}"/>\n</head>\n'
            f'<body class="{body_class(self.doc.meta.language)}">\n'
            f'<section class="article" epub:type="{epub_type}">\n'
        )

    def add(self, xhtml: str) -> None:
        data = xhtml.encode("utf-8")
        self.pieces.append(data)
        self.size += len(data)

    def text(self, value: str) -> str:
        """`value` escaped for XHTML, ambiguous marks in their script's span as in
        epub_xhtml.marked (str.replace and one regex: far faster on CJK text)."""
        if self.visible:
            self.shown.update(value)
        if NOT_XML.search(value):
            self.dropped += len(NOT_XML.findall(value))
            value = NOT_XML.sub("", value)
        if _AMBIGUOUS.search(value) and (self.latin_text or _mark_beside_latin(value)):
            return marked(value, self.latin_text)
        return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace('"', "&quot;").replace("\r", "&#13;"))

    def close(self) -> None:
        if not self.pieces:
            return
        self.add("</section>\n</body>\n</html>\n")
        shown = "".join(sorted(self.shown))
        self.chapters.append(Chapter(
            file_name=self.file_name, title=self.title, language=self.doc.meta.language,
            xhtml=b"".join(self.pieces), headings=tuple(self.headings),
            # Font subsetting needs which characters, not the text again.
            visible_text=NOT_XML.sub("", shown), dropped_characters=self.dropped,
            files=tuple(sorted(self.files.items())), notes=self.notes,
        ))
        self.pieces, self.size, self.headings, self.shown, self.dropped = [], 0, [], set(), 0
        self.files = {}


# charclass.is_wide as a character class (CJK ideographs, kana but ・ and ー, hangul, CJK
# punctuation and full-width forms, radicals); tests/test_longtext_epub.py holds them equal.
_WIDE = ("\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U000323af\u3041-\u30fa"
         "\u30fd-\u30ff\u31f0-\u31ff\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"
         "\u3000-\u303f\uff00-\uffef\ufe30-\ufe4f\u2e80-\u2fdf")
_MARKS = re.escape("".join(sorted(AMBIGUOUS)))
# An ambiguous mark whose nearest character after it, past spaces and other marks, is
# neither wide nor a space nor a mark: a Latin (or other narrow) neighbour. Searched in
# the reversed text too, for the neighbour before: the big class is compiled once (each
# costs milliseconds to compile).
_MARK_BEFORE_NARROW = regex_cache.compile(f"[{_MARKS}][\\s{_MARKS}]*[^\\s{_MARKS}{_WIDE}]")


def _mark_beside_latin(text: str) -> bool:
    """Whether an ambiguous mark of Chinese text has a Latin character as its nearest
    strong neighbour on a side. If none has, typography.latin_marks makes none Latin and
    epub_xhtml.marked is the plain escape: this looks at the marks only, where marked
    walks the whole paragraph (half of a quote-heavy novel's time), and in one regex."""
    return (_MARK_BEFORE_NARROW.search(text) is not None
            or _MARK_BEFORE_NARROW.search(text[::-1]) is not None)


def split_book(doc: Document, break_level: int, images: Images | None = None,
               name: str = "text", uid: str = "nav", *, visible: bool = True,
               ) -> tuple[list[Chapter], list[TocEntry]]:
    """The content documents of a long text, and its table of contents in reading order
    (files NAME-0000.xhtml …, nav ids UID-h1 …: a book of several long texts gives
    each its own).

    The article's items (convert.layout) are drawn by the normal EPUB's drawer
    (epub_nodes.XhtmlDrawer: lists, quotes, tables, figures with their images in the
    package, links, emphasis); this only decides where a new document starts.
    `visible=False`: the chapters' visible_text is left empty (no fonts to subset: the
    set of a novel's characters costs a tenth of its EPUB time)."""
    from convert.writers.epub_nodes import XhtmlDrawer  # it builds on epub_xhtml

    out = _Documents(doc, name, visible)
    toc: list[TocEntry] = []
    title = display_title(doc)
    out.start(title, "titlepage")
    toc.append(TocEntry(1, out.file_name, title, "title"))
    drawer = XhtmlDrawer(out.text, images or Images(doc.base, "epub", doc.warnings),
                         has_title=bool(clean(doc.meta.title).strip()))
    drawer.start_rights(rights_label(doc.meta.language))

    def flush() -> None:
        """What the drawer made into the current document, and its images."""
        if drawer.out:
            out.add("".join(drawer.out))
            drawer.out.clear()
        if drawer.files:
            out.files.update(drawer.files)
            drawer.files.clear()

    chapter_title = title
    listed = 0  # drawer.headings already in the nav
    for item in layout.article(doc):
        if isinstance(item, Furniture):
            pass
        elif item.type == "heading" and (item.level or 2) <= break_level:
            drawer.end_header()
            flush()
            chapter_title = item.text.strip() or title
            out.start(chapter_title, "part" if (item.level or 2) < break_level else "chapter")
        elif out.size > SPLIT_BYTES:  # a long chapter goes on in another document
            drawer.end_header()
            flush()
            out.start(chapter_title, "chapter")
        drawer.draw(item)
        flush()
        for heading in drawer.headings[listed:]:  # a nav entry per heading with text
            level = (item.level or 2) if item.type == "heading" else heading.level
            out.headings.append(heading)
            toc.append(TocEntry(level, f"{out.file_name}#{heading.anchor}", heading.text,
                                f"{uid}-{heading.anchor}"))
        listed = len(drawer.headings)
    drawer.finish()
    flush()
    out.notes = drawer.images.warnings()
    out.close()
    return out.chapters, toc


def nested(entries: list[TocEntry]) -> list[tuple[TocEntry, list]]:
    """(entry, children) trees from a flat list by level: a 3 under the 2 before it."""
    root: list = []
    stack: list[tuple[int, list]] = [(0, root)]
    for entry in entries:
        while stack[-1][0] >= entry.level:
            stack.pop()
        children: list = []
        stack[-1][1].append((entry, children))
        stack.append((entry.level, children))
    return root


def ebooklib_toc(epub: Any, toc: list[TocEntry]) -> list[Any]:
    """ebooklib's book.toc: the title page, then every heading nested by level."""
    title, *headings = toc
    return [_link(epub, title, []), *heading_links(epub, headings)]


def heading_links(epub: Any, headings: list[TocEntry]) -> list[Any]:
    """ebooklib toc entries for headings, nested by level (a leaf is a bare Link:
    ebooklib writes an <ol> for every pair, and an empty one is invalid)."""
    return [_link(epub, *tree) for tree in nested(headings)]


def _link(epub: Any, entry: TocEntry, children: list) -> Any:
    link = epub.Link(entry.href, clean(entry.text), entry.uid)
    return (link, [_link(epub, *c) for c in children]) if children else link
