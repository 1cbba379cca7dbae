"""EPUB 3 writer (ebooklib): one article, or many as one book.

ebooklib writes the package document, the navigation document and the NCX;
the content documents are our own XHTML (convert.writers.epub_xhtml) and the
zip is rewritten deterministically (convert.writers.epub_zip), so the same
article always gives the same bytes and the same dc:identifier.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from convert import locale
from convert.layout import BookTitle, Contents, Drawer, book, book_meta
from convert.layout import Chapter as BookChapter
from convert.model import Author, Block, Document
from convert.presentation import parse_published
from convert.writers.base import Rendered, RenderOptions, Writer
from convert.writers.epub_css import stylesheet
from convert.writers.epub_nodes import CSS as NODES_CSS
from convert.writers.epub_split import TocEntry, ebooklib_toc, heading_links, split_book
from convert.writers.epub_xhtml import (
    EPUB_NS,
    STYLESHEET,
    XHTML_NS,
    XML_LANG,
    Chapter,
    NavHeading,
    body_class,
    build_chapter,
    clean,
    contents_label,
    landmarks_label,
    untitled_label,
)
from convert.writers.epub_zip import build_epub_zip
from convert.writers.long_text import chapter_level

# uuid5 namespace for dc:identifier: fixed forever, or every book changes identity.
ID_NAMESPACE = uuid.UUID("6f1d3c3e-9b0a-5d1e-8c53-2f4a0e7b9c11")
# dcterms:modified when the article has no date: a fixed moment, never "now".
FIXED_EPOCH = datetime(2000, 1, 1)

# Byline role -> MARC relator. 通讯员 (a correspondent credited in the byline)
# is an author of the piece, and reading apps list only `aut` creators.
ROLES = {
    "记者": "aut", "記者": "aut", "通讯员": "aut", "通訊員": "aut", "特约记者": "aut",
    "特約記者": "aut", "作者": "aut", "文": "aut", "撰文": "aut", "撰稿": "aut",
    "author": "aut", "by": "aut", "reporter": "aut", "correspondent": "aut",
    "摄影": "pht", "攝影": "pht", "photographer": "pht", "photo": "pht",
    "翻译": "trl", "翻譯": "trl", "译": "trl", "譯": "trl", "translator": "trl",
    "编辑": "edt", "編輯": "edt", "责任编辑": "edt", "責任編輯": "edt", "editor": "edt",
    "实习生": "ctb", "實習生": "ctb", "contributor": "ctb",
}


def relator(role: str | None) -> str | None:
    """The MARC relator code for a byline role, or None when it is not known.

    Any kind of reporter (本报记者, 见习记者, 特派記者 …) is an author of the piece.
    """
    if not role:
        return None
    role = role.strip().lower()
    if role in ROLES:
        return ROLES[role]
    return "aut" if any(word in role for word in ("记者", "記者", "通讯员", "通訊員")) else None


def content_identifier(doc: Document) -> str:
    """urn:uuid: from what the article says, not how it was encoded or read."""
    m = doc.meta
    content = {
        "title": m.title, "subtitle": m.subtitle, "source": m.source,
        "published": m.published, "language": m.language,
        "authors": [[a.name, a.role] for a in m.authors], "editors": list(m.editors),
        "blocks": [[b.type, b.level, b.text] for b in doc.blocks], "rights": list(doc.rights),
    }
    return f"urn:uuid:{_uuid5_of_json(content)}"


def _uuid5_of_json(content: object) -> uuid.UUID:
    """uuid.uuid5(ID_NAMESPACE, json.dumps(content, ensure_ascii=False, sort_keys=True)),
    hashed as the JSON is produced: a novel's JSON would be a second copy of its text."""
    digest = hashlib.sha1(ID_NAMESPACE.bytes, usedforsecurity=False)
    chunk: list[str] = []
    size = 0
    for piece in _json_pieces(content):
        chunk.append(piece)
        size += len(piece)
        if size > 1 << 16:
            digest.update("".join(chunk).encode("utf-8"))
            chunk, size = [], 0
    digest.update("".join(chunk).encode("utf-8"))
    return uuid.UUID(bytes=digest.digest()[:16], version=5)


def _json_pieces(value: object, depth: int = 2) -> Iterator[str]:
    """json.dumps(value, ensure_ascii=False, sort_keys=True) in pieces: the outer dicts
    and lists written here, what they hold by json.dumps itself. (JSONEncoder.iterencode
    is the pure-Python encoder, a tenth of a novel's EPUB time; json.dumps is C.)"""
    if depth and isinstance(value, dict) and all(isinstance(k, str) for k in value):
        yield "{"
        for n, key in enumerate(sorted(value)):
            yield (", " if n else "") + json.dumps(key, ensure_ascii=False) + ": "
            yield from _json_pieces(value[key], depth - 1)
        yield "}"
    elif depth and isinstance(value, list):
        yield "["
        for n, item in enumerate(value):
            if n:
                yield ", "
            yield from _json_pieces(item, depth - 1)
        yield "]"
    else:
        yield json.dumps(value, ensure_ascii=False, sort_keys=True)


def book_identifier(docs: Sequence[Document], title: str) -> str:
    key = json.dumps([title, *[content_identifier(d) for d in docs]], ensure_ascii=False)
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, key)}"


def modified_moment(docs: Sequence[Document]) -> datetime:
    """dcterms:modified: the latest published date, or the fixed epoch."""
    moments = [_as_utc(m) for d in docs if (m := parse_published(d.meta.published))]
    return max([*moments, FIXED_EPOCH])


def _as_utc(moment: datetime) -> datetime:
    # dcterms:modified is written with a Z: an offset date is converted; a local
    # one (the usual case: no zone in the article) is taken as it stands.
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def majority_language(docs: Sequence[Document]) -> str:
    """The commonest language; ties go to the earliest article's."""
    return locale.book_language([d.meta.language for d in docs])


@dataclass(frozen=True, slots=True)
class _BookInfo:
    title: str
    language: str
    identifier: str
    authors: Sequence[Author]
    editors: Sequence[str]
    publisher: str | None
    date: str | None
    rights: Sequence[str]
    modified: datetime


def _prebuilt_html(cls: type, chapter: Chapter) -> Any:
    """An EpubHtml whose content is our XHTML, untouched by ebooklib's HTML parser."""
    item = cls(uid=chapter.file_name.removesuffix(".xhtml"), file_name=chapter.file_name,
               title=chapter.title, lang=chapter.language)
    item.content = chapter.xhtml
    return item


def _heading_tree(epub: Any, chapter: Chapter) -> list[Any]:
    """Nested nav entries from heading levels (a 3 under the 2 before it)."""
    root: list[Any] = []
    stack: list[tuple[int, list[Any]]] = [(1, root)]
    for heading in chapter.headings:
        while stack[-1][0] >= heading.level:
            stack.pop()
        children: list[Any] = []
        stack[-1][1].append((_link(epub, chapter, heading), children))
        stack.append((heading.level, children))
    return _collapse(root)


def _link(epub: Any, chapter: Chapter, heading: NavHeading) -> Any:
    stem = chapter.file_name.removesuffix(".xhtml")
    return epub.Link(f"{chapter.file_name}#{heading.anchor}", heading.text,
                     f"{stem}-{heading.anchor}")


def _collapse(entries: list[Any]) -> list[Any]:
    # ebooklib writes an <ol> for every (entry, children) pair, and an empty
    # <ol> is invalid: leaves become bare links.
    out: list[Any] = []
    for link, children in entries:
        out.append((link, _collapse(children)) if children else link)
    return out


def _toc_entry(epub: Any, item: Any, chapter: Chapter) -> Any:
    """The chapter's nav entry, its headings nested under it."""
    entries = _heading_tree(epub, chapter)
    return (item, entries) if entries else item


@dataclass(frozen=True, slots=True)
class _Section:
    """A chapter of a book: the index of its first content document, and for a long text
    split into several (epub_split) its headings across them."""

    first: int
    headings: list[TocEntry] | None = None  # None: the document's own headings


def _section_entry(epub: Any, item: Any, chapter: Chapter,
                   headings: list[TocEntry] | None) -> Any:
    if headings is None:
        return _toc_entry(epub, item, chapter)
    entries = heading_links(epub, headings)
    return (item, entries) if entries else item


def _package(
    chapters: Sequence[Chapter], info: _BookInfo, options: RenderOptions,
    toc: list[TocEntry] | None = None, contents: Contents | None = None,
    sections: Sequence[_Section] = (),
) -> tuple[bytes, list[str]]:
    """The EPUB's bytes and warnings. `toc` is a long text's, across its documents.
    `contents` and `sections` are a book's (convert.layout.book): the contents' title
    heads the navigation document, which opens the book, and each section is a chapter
    of the nav, its headings nested under it."""
    from ebooklib import epub

    warnings: list[str] = []
    book = epub.EpubBook()
    book.set_identifier(info.identifier)
    book.set_title(clean(info.title).strip() or untitled_label(info.language))
    book.set_language(info.language)
    for n, author in enumerate(info.authors, 1):
        # A byline name with a role we do not know is still an author: Calibre, once
        # any creator has a role, lists only the `aut` ones.
        book.add_author(clean(author.name), role=relator(author.role) or "aut", uid=f"creator{n}")
    for n, editor in enumerate(info.editors, 1):
        uid = f"contributor{n}"
        book.add_metadata("DC", "contributor", clean(editor), {"id": uid})
        book.add_metadata(None, "meta", "edt",
                          {"refines": f"#{uid}", "property": "role", "scheme": "marc:relators"})
    if info.publisher:
        book.add_metadata("DC", "publisher", clean(info.publisher))
    if info.date:
        book.add_metadata("DC", "date", info.date)
    if info.rights:
        book.add_metadata("DC", "rights", clean("\n".join(info.rights)))

    embedded: list[tuple[str, str]] = []
    if options.embed_fonts:
        from convert.writers.epub_fonts import book_fonts

        text = "".join(c.visible_text + c.title for c in chapters) + info.title
        text += contents_label(info.language) + landmarks_label(info.language)
        fonts, font_warnings = book_fonts(text, options, info.language)
        warnings.extend(font_warnings)
        for n, font in enumerate(fonts):
            book.add_item(epub.EpubItem(uid=f"font{n}", file_name=font.file_name,
                                        media_type=font.media_type, content=font.data))
            embedded.append((font.family, font.file_name))

    css = epub.EpubItem(uid="style", file_name=STYLESHEET, media_type="text/css",
                        content=(stylesheet(embedded) + NODES_CSS).encode("utf-8"))
    book.add_item(css)

    _add_files(epub, book, chapters, warnings)
    items = []
    for chapter in chapters:
        item = _prebuilt_html(_chapter_class(epub), chapter)
        book.add_item(item)
        items.append(item)
        if chapter.dropped_characters:
            warnings.append(f"{chapter.file_name}: left out {chapter.dropped_characters} "
                            "character(s) XML cannot hold (control characters)")

    label = contents.label if contents is not None else contents_label(info.language)
    nav = epub.EpubNav(title=label)
    nav.add_item(css)
    book.add_item(nav)
    ncx = book.add_item(epub.EpubNcx())

    if toc is not None:  # a long text: every chapter, nested, across its documents
        book.toc = ebooklib_toc(epub, toc)
    elif sections:
        book.toc = [_section_entry(epub, items[s.first], chapters[s.first], s.headings)
                    for s in sections]
    else:
        book.toc = [_toc_entry(epub, item, c) for item, c in zip(items, chapters, strict=True)]
    # A single article opens on its text; a book opens on its table of contents.
    book.spine = items if len(items) == 1 else [nav, *items]
    # Landmarks (EPUB 3) and guide (EPUB 2): where "go to beginning" and the TOC button go.
    # Only spine items may be landmarks, so a single article's nav is not one.
    book.guide = [{"href": nav.file_name, "title": nav.title, "type": "toc"}] * (len(items) > 1)
    book.guide.append({"href": chapters[0].file_name, "title": chapters[0].title, "type": "text"})

    writer = _writer_class(epub)(
        "", book, {"mtime": info.modified, "landmark_title": landmarks_label(info.language),
                   # We write no page breaks: ebooklib would parse every document for them.
                   "epub3_pages": False}
    )
    writer.process()
    writer.write()
    languages = {c.file_name: c.language for c in chapters}
    title = clean(info.title).strip() if contents is not None else None
    polish = {
        f"{book.FOLDER_NAME}/{nav.file_name}":
            lambda d: _polish_nav(d, info.language, languages, title),
        f"{book.FOLDER_NAME}/{ncx.file_name}": _polish_ncx,
    }
    entries = [(name, polish[name](data) if name in polish else data)
               for name, data in writer.entries]
    return build_epub_zip(entries, info.modified), warnings


def _add_files(epub: Any, book: Any, chapters: Sequence[Chapter], warnings: list[str]) -> None:
    """The chapters' images into the package (once each), and their warnings."""
    files = {name: item for c in chapters for name, item in c.files}
    for n, (name, (media_type, data)) in enumerate(sorted(files.items())):
        book.add_item(epub.EpubItem(uid=f"image{n}", file_name=name, media_type=media_type,
                                    content=data))
    warnings.extend(dict.fromkeys(note for c in chapters for note in c.notes))


def _polish_ncx(data: bytes) -> bytes:
    """ebooklib's NCX says dtb:depth 0; EPUB 2 readers size their TOC from it."""
    from lxml import etree

    root = etree.fromstring(data)
    ns = {"n": "http://www.daisy.org/z3986/2005/ncx/"}
    depth = max((len(p.xpath("ancestor-or-self::n:navPoint", namespaces=ns))
                 for p in root.iterfind(".//n:navPoint", ns)), default=1)
    for meta in root.iterfind("n:head/n:meta[@name='dtb:depth']", ns):
        meta.set("content", str(depth))
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)


def _polish_nav(data: bytes, language: str, languages: dict[str, str],
                book_title: str | None = None) -> bytes:
    """ebooklib's nav, with the stylesheet's body class, `lang` on entries whose
    chapter is in another language than the book (an English article's title in a
    Chinese book is read and hyphenated as English), and a book's title above its
    contents: the page a book opens on, as in the DOCX and PDF."""
    from lxml import etree

    root = etree.fromstring(data)
    ns = {"x": XHTML_NS}
    for body in root.iterfind("x:body", ns):
        body.set("class", body_class(language))
        if book_title:
            h1 = etree.Element(f"{{{XHTML_NS}}}h1", {"class": "book-title"})
            h1.text = book_title
            h1.tail = "\n"
            body.insert(0, h1)
    for landmarks in root.iterfind(f".//x:nav[@{{{EPUB_NS}}}type='landmarks']", ns):
        landmarks.set("hidden", "hidden")  # for reading systems, not a page to read
    for link in root.iterfind(".//x:a[@href]", ns):
        chapter_lang = languages.get(link.get("href", "").split("#")[0])
        if chapter_lang and chapter_lang != language:
            link.set("lang", chapter_lang)
            link.set(XML_LANG, chapter_lang)
    return etree.tostring(root.getroottree(), encoding="utf-8", xml_declaration=True)


_classes: dict[str, type] = {}


def _chapter_class(epub: Any) -> type:
    """EpubHtml that returns its content as is (ebooklib re-parses it as HTML)."""
    if "chapter" not in _classes:

        class XhtmlChapter(epub.EpubHtml):  # type: ignore[misc, name-defined]
            def get_content(self, default: bytes | None = None) -> bytes:
                return self.content  # type: ignore[no-any-return]

        _classes["chapter"] = XhtmlChapter
    return _classes["chapter"]


def _writer_class(epub: Any) -> type:
    """ebooklib's EpubWriter, collecting entries instead of zipping them with today's date."""
    if "writer" not in _classes:

        class _Entries:
            def __init__(self) -> None:
                self.items: list[tuple[str, bytes]] = []

            def writestr(self, name: str, data: str | bytes, **_: object) -> None:
                self.items.append((name, data.encode("utf-8") if isinstance(data, str) else data))

            def close(self) -> None:
                pass

        class CollectingWriter(epub.EpubWriter):  # type: ignore[misc, name-defined]
            def write(self) -> None:
                self.out = _Entries()
                self._write_container()
                self._write_opf()
                self._write_items()

            @property
            def entries(self) -> list[tuple[str, bytes]]:
                return self.out.items  # type: ignore[no-any-return]

        _classes["writer"] = CollectingWriter
    return _classes["writer"]


def render(doc: Document, options: RenderOptions) -> Rendered:
    """One article as an EPUB; a long text as a document per chapter."""
    level = chapter_level(doc)
    if level is None:
        chapters, toc = [build_chapter(doc, "article.xhtml")], None
    else:
        chapters, toc = split_book(doc, level, visible=options.embed_fonts)
    chapter = chapters[0]
    info = _BookInfo(
        title=chapter.title,
        language=doc.meta.language,
        identifier=content_identifier(doc),
        authors=doc.meta.authors,
        editors=doc.meta.editors,
        publisher=doc.meta.source,
        date=doc.meta.published,
        rights=doc.rights,
        modified=modified_moment([doc]),
    )
    data, warnings = _package(chapters, info, options, toc)
    return Rendered(data, tuple(warnings))


class _BookDrawer(Drawer):
    """Collects a book's items (convert.layout.book) as EPUB parts: the title and the
    contents make the navigation document, the book's first page; each chapter is a
    content document of its own."""

    def __init__(self) -> None:
        self.title = ""
        self.contents: Contents | None = None
        self.chapters: list[Chapter] = []  # content documents
        self.sections: list[_Section] = []  # where each article starts among them

    def visit_book_title(self, item: BookTitle) -> None:
        self.title = item.text

    def visit_contents(self, item: Contents) -> None:
        self.contents = item

    def visit_chapter(self, item: BookChapter) -> None:
        name = f"chapter-{item.number:03d}"
        if item.breaks is None:
            self.sections.append(_Section(len(self.chapters)))
            self.chapters.append(build_chapter(item.doc, f"{name}.xhtml"))
        else:  # a long text: a document per chapter, as when it is converted alone
            documents, toc = split_book(item.doc, item.breaks, name=name, uid=name)
            self.sections.append(_Section(len(self.chapters), toc[1:]))
            self.chapters.extend(documents)

    def visit_paragraph(self, block: Block) -> None:  # a book item this writer predates
        pass  # the nav document has no place for it; the chapters carry the text


def render_book(docs: Sequence[Document], title: str, options: RenderOptions) -> Rendered:
    """Many articles as one EPUB, a chapter (and a nav entry) each."""
    if not docs:
        raise ValueError("a book needs at least one article")
    drawer = _BookDrawer()
    drawer.draw_all(book(docs, title))
    meta = book_meta(docs, title)
    sources = {d.meta.source for d in docs}
    rights = list(dict.fromkeys(line for d in docs for line in d.rights))
    info = _BookInfo(
        title=drawer.title,
        language=meta.language,
        identifier=book_identifier(docs, title),
        authors=meta.authors,
        editors=meta.editors,
        # Several papers are not one publisher: named only when every article has it.
        publisher=sources.pop() if len(sources) == 1 else None,
        date=meta.published,
        rights=rights,
        modified=modified_moment(docs),
    )
    data, warnings = _package(drawer.chapters, info, options, contents=drawer.contents,
                              sections=drawer.sections)
    return Rendered(data, tuple(warnings))


def warm_up(options: RenderOptions) -> None:
    """Import ebooklib and run one tiny book, so the first real one is fast;
    with --embed-fonts, parse the body font too (about 2 s for the bundled TTC)."""
    from convert.model import Meta, paragraph

    render(Document(Meta(title="预热"), (paragraph("预热。"),)), options)


WRITER = Writer(
    name="epub",
    extension=".epub",
    render=render,
    render_book=render_book,
    description="EPUB 3 with navigation document and NCX, CJK-aware stylesheet",
    warm_up=warm_up,
)
