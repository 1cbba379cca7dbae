"""A long text as many EPUB content documents: one per chapter, split again when big.

E-readers load a whole content document to show any page of it; a novel in one
33 MB XHTML file stalls them. Here the title page (title block and whatever comes
before the first chapter) is one document, every chapter heading at or above the
break level (convert.writers.long_text) starts a new one, and a chapter longer than
SPLIT_BYTES continues in another document at a paragraph boundary. The nav and NCX
list every heading, nested by level, whichever document it is in.

Each document is built as encoded pieces and joined once, so the book never holds
more than one copy of its text as XHTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from convert import progress
from convert.charclass import NOT_XML
from convert.model import Document, plain_blocks
from convert.presentation import editors_line, meta_line
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
_AMBIGUOUS = re.compile(f"[{re.escape(''.join(sorted(AMBIGUOUS)))}]")


@dataclass(frozen=True, slots=True)
class TocEntry:
    level: int  # 1 for the title page, the model's heading level otherwise
    href: str
    text: str
    uid: str


def _h(level: int | None) -> int:
    # h1 is the book's title, so the model's levels start at h2 (as in epub_xhtml).
    return min(max(level or 2, 2), 6)


class _Documents:
    """Collects pieces into the current document; `start` closes it and opens the next."""

    def __init__(self, doc: Document, visible: bool = True) -> None:
        self.doc = doc
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

    @property
    def file_name(self) -> str:
        return f"text-{len(self.chapters):04d}.xhtml"

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
        ))
        self.pieces, self.size, self.headings, self.shown, self.dropped = [], 0, [], set(), 0


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
_MARK_BEFORE_NARROW = re.compile(f"[{_MARKS}][\\s{_MARKS}]*[^\\s{_MARKS}{_WIDE}]")


def _mark_beside_latin(text: str) -> bool:
    """Whether an ambiguous mark of Chinese text has a Latin character as its nearest
    strong neighbour on a side. If none has, typography.latin_marks makes none Latin and
    epub_xhtml.marked is the plain escape: this looks at the marks only, where marked
    walks the whole paragraph (half of a quote-heavy novel's time), and in one regex."""
    return (_MARK_BEFORE_NARROW.search(text) is not None
            or _MARK_BEFORE_NARROW.search(text[::-1]) is not None)


def split_book(doc: Document, break_level: int, *, visible: bool = True,
               ) -> tuple[list[Chapter], list[TocEntry]]:
    """The content documents of a long text, and its table of contents in reading order.
    `visible=False`: the chapters' visible_text is left empty (no fonts to subset: the
    set of a novel's characters costs a tenth of its EPUB time)."""
    out = _Documents(doc, visible)
    toc: list[TocEntry] = []
    title = display_title(doc)
    out.start(title, "titlepage")
    toc.append(TocEntry(1, out.file_name, title, "title"))
    out.add('<header class="title-block">\n')
    if doc.meta.title.strip():
        out.add(f'<h1 id="title">{out.text(doc.meta.title)}</h1>\n')
    if doc.meta.subtitle:
        out.add(f'<p class="subtitle">{out.text(doc.meta.subtitle)}</p>\n')
    meta = meta_line(doc)
    if meta:
        out.add(f'<p class="meta">{out.text(meta)}</p>\n')
    out.add("</header>\n")

    anchors = 0
    chapter_title = title
    for block in progress.blocks(plain_blocks(doc.blocks)):
        if block.type == "heading":
            anchors += 1
            anchor = f"h{anchors}"
            level = block.level or 2
            label = escape(block.text).strip()
            if level <= break_level:
                chapter_title = block.text.strip() or title
                out.start(block.text.strip() or title,
                          "part" if level < break_level else "chapter")
            h = _h(level)
            out.add(f'<h{h} id="{anchor}">{out.text(block.text)}</h{h}>\n')
            if label:  # a nav entry needs text
                out.headings.append(NavHeading(h, anchor, label))
                toc.append(TocEntry(level, f"{out.file_name}#{anchor}", block.text.strip(),
                                    f"nav-{anchor}"))
        else:
            if out.size > SPLIT_BYTES:  # a long chapter goes on in another document
                out.start(chapter_title, "chapter")
            out.add(f"<p>{out.text(block.text)}</p>\n")

    editors = editors_line(doc)
    if editors:
        out.add(f'<p class="editors">{out.text(editors)}</p>\n')
    if doc.rights:
        label = escape(rights_label(doc.meta.language))
        out.add(f'<section class="rights" id="rights" aria-label="{label}">\n')
        for line in doc.rights:
            out.add(f"<p>{out.text(line)}</p>\n")
        out.add("</section>\n")
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
    """ebooklib's book.toc: the title page, then every heading nested by level (a leaf is
    a bare Link: ebooklib writes an <ol> for every pair, and an empty one is invalid)."""

    def convert(entry: TocEntry, children: list) -> Any:
        link = epub.Link(entry.href, clean(entry.text), entry.uid)
        return (link, [convert(*c) for c in children]) if children else link

    title, *headings = toc
    return [convert(title, []), *(convert(*tree) for tree in nested(headings))]
