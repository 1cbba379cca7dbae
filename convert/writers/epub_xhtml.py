"""EPUB content documents: one article -> one well-formed XHTML chapter.

Built as text with strict escaping rather than through an HTML parser, so
what the article says (`<script>`, `&amp;`, `]]>`) stays text, and the
output is always well-formed XML. Characters XML cannot hold at all (NUL,
most C0 controls, lone surrogates) are dropped and reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from convert import layout, locale
from convert.charclass import NOT_XML
from convert.images import Images
from convert.linebreak import kept_end
from convert.model import Document
from convert.typography import AMBIGUOUS, segments

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STYLESHEET = "style.css"

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"})


def clean(text: str) -> str:
    """Text with the characters XML cannot represent removed."""
    return NOT_XML.sub("", text)


def escape(text: str) -> str:
    """Text safe inside an element or a double-quoted attribute."""
    return clean(text).translate(_ESCAPES)


# Ambiguous-width marks (“ ’ — …) standing in the other script's text get a span the
# stylesheet sets in that script's faces (convert.typography decides which).
LATIN_MARK = "lt"
CJK_MARK = "ck"


def marked(text: str, latin_text: bool) -> str:
    """Escaped text; in Chinese text a Latin-context mark is wrapped in
    <span class="lt">, in Latin text a CJK-context mark in <span class="ck">."""
    if not any(ch in AMBIGUOUS for ch in text):
        return escape(text)
    out = []
    for piece, latin in segments(text, latin_text):
        if latin is None or latin == latin_text:
            out.append(escape(piece))
        else:
            out.append(f'<span class="{LATIN_MARK if latin else CJK_MARK}">{escape(piece)}</span>')
    return "".join(out)


# A paragraph's last two Han characters and their closing marks stay on one line
# (convert.linebreak.kept_end): its last line is never one character alone.
KEEP_TOGETHER = "nobr"


def with_kept_end(text: str, render: Callable[[str], str]) -> str:
    """`render(text)`, its unbreakable end (if any) in <span class="nobr">."""
    cut = kept_end(text)
    if cut >= len(text):
        return render(text)
    return f'{render(text[:cut])}<span class="{KEEP_TOGETHER}">{render(text[cut:])}</span>'


def script_class(language: str) -> str:
    """The stylesheet class for a BCP 47 tag: which font stack and rules apply."""
    return locale.script_class(language)


def is_cjk(language: str) -> bool:
    return locale.is_cjk(language)


def body_class(language: str) -> str:
    """`zh-hans cjk`, `latin`, …: the <body> class the stylesheet keys on."""
    return script_class(language) + (" cjk" if is_cjk(language) else "")


def untitled_label(language: str) -> str:
    return locale.label(language, "untitled")


# The title <title>, the nav and dc:title show (never empty): the layout's rule.
display_title = layout.display_title


def contents_label(language: str) -> str:
    return locale.label(language, "contents")


def rights_label(language: str) -> str:
    return locale.label(language, "rights")


def landmarks_label(language: str) -> str:
    return locale.label(language, "guide")


@dataclass(frozen=True, slots=True)
class NavHeading:
    level: int
    anchor: str  # id of the heading inside its chapter
    text: str


@dataclass(frozen=True, slots=True)
class Chapter:
    """One rendered content document and what the nav needs from it."""

    file_name: str
    title: str
    language: str
    xhtml: bytes
    headings: tuple[NavHeading, ...]
    visible_text: str  # every character shown, for font subsetting
    dropped_characters: int = field(default=0)
    # Images drawn in this document: (package file name, (media type, bytes)).
    files: tuple[tuple[str, tuple[str, bytes]], ...] = field(default=())
    notes: tuple[str, ...] = field(default=())  # warnings (images not embedded)


def _heading_level(level: int | None) -> int:
    # h1 is the article title, so the model's levels start at h2.
    return min(max(level or 2, 2), 6)


def build_chapter(doc: Document, file_name: str, images: Images | None = None) -> Chapter:
    """The XHTML for one article: title block, body, editors, rights."""
    lang = escape(doc.meta.language)
    shown: list[str] = []
    out: list[str] = []

    latin_text = not is_cjk(doc.meta.language)

    def text(value: str) -> str:
        shown.append(value)
        return marked(value, latin_text)

    title = display_title(doc)
    out.append(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="{XHTML_NS}" xmlns:epub="{EPUB_NS}" lang="{lang}" xml:lang="{lang}">\n'
        f"<head>\n<meta charset=\"utf-8\"/>\n<title>{escape(title)}</title>\n"
        f'<link rel="stylesheet" type="text/css" href="{STYLESHEET}"/>\n</head>\n'
        f'<body class="{body_class(doc.meta.language)}">\n'
        '<section class="article" epub:type="chapter">\n'
    )
    from convert.writers.epub_nodes import XhtmlDrawer  # it builds on this module

    drawer = XhtmlDrawer(text, images or Images(doc.base, "epub", doc.warnings),
                         has_title=bool(clean(doc.meta.title).strip()))
    drawer.start_rights(rights_label(doc.meta.language))
    drawer.draw_all(layout.article(doc))
    drawer.finish()
    out.extend(drawer.out)
    headings = drawer.headings
    out.append("</section>\n</body>\n</html>\n")

    raw = "".join(shown)
    return Chapter(
        file_name=file_name,
        title=title,
        language=doc.meta.language,
        xhtml="".join(out).encode("utf-8"),
        headings=tuple(headings),
        visible_text=clean(raw),
        dropped_characters=len(NOT_XML.findall(raw)),
        files=tuple(sorted(drawer.files.items())),
        notes=drawer.images.warnings(),
    )
