"""The contract every registered writer keeps (built-in ones and a plugin).

Same bytes for the same input; text that looks like markup stays text; rare
characters survive; every node type is drawn (read back: its text, in order, and
for the built-in formats its structure); an empty book is refused the same way
everywhere; a node type the writer does not know is drawn as its plain text.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import docx
import pypdf
import pytest
from lxml import etree

from convert import writers
from convert.model import Document, Meta, Table, cell, paragraph, plain_blocks
from convert.writers.base import EMPTY_BOOK, RenderOptions, Writer
from tests import documents, plugin_writer

BUILT_IN = ["docx", "pdf", "epub", "json"]
NAMES = [*BUILT_IN, "plain"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
X = "{http://www.w3.org/1999/xhtml}"


class _EntryPoint:
    def load(self) -> Writer:
        return plugin_writer.WRITER


@pytest.fixture(autouse=True)
def plugin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The test plugin registered as an entry point would register it."""
    monkeypatch.setattr(writers, "_plugin_entry_points", lambda: {"plain": _EntryPoint()})
    writers.get_writer.cache_clear()
    yield
    writers.get_writer.cache_clear()


def test_the_plugin_is_registered_like_the_built_ins():
    assert sorted(writers.available()) == sorted(NAMES)
    assert writers.get_writer("plain") is plugin_writer.WRITER


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def docx_text(data: bytes) -> str:
    body = docx.Document(io.BytesIO(data)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in body.iter(W + "p"))


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def epub_documents(data: bytes) -> list[etree._Element]:
    book = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in sorted(book.namelist()) if n.endswith(".xhtml") and "nav" not in n]
    return [etree.fromstring(book.read(n)) for n in names]


def epub_text(data: bytes) -> str:
    return "".join("".join(root.itertext()) for root in epub_documents(data))


def json_text(data: bytes) -> str:
    """Every string of the model, in document order."""
    def strings(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("type", "src", "href", "encoding", "language"):
                    yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    return "\n".join(strings(json.loads(data)))


TEXT_OF = {"docx": docx_text, "pdf": pdf_text, "epub": epub_text, "json": json_text,
           "plain": lambda data: data.decode("utf-8")}


def in_order(haystack: str, needles: list[str]) -> None:
    at = 0
    for needle in needles:
        found = haystack.find(needle, at)
        assert found >= 0, f"{needle!r} missing (or out of order) after position {at}"
        at = found + len(needle)


def node_lines(doc: Document) -> list[str]:
    """Each node's plain text, a line at a time, squashed: what must be drawn, in order."""
    lines = [line for b in plain_blocks(doc.blocks) for line in b.text.split("\n")]
    return [squash(line) for line in lines if line.strip()]


def render(name: str, doc: Document) -> bytes:
    return writers.get_writer(name).render(doc, RenderOptions()).data


@pytest.mark.parametrize("name", NAMES)
def test_same_input_same_bytes(name: str, tmp_path: Path):
    doc = documents.every_node_in(tmp_path)
    assert render(name, doc) == render(name, doc)
    writer = writers.get_writer(name)
    book = [doc, documents.zh_hant()]
    assert writer.book(book, "合集", RenderOptions()).data == \
        writer.book(book, "合集", RenderOptions()).data


@pytest.mark.parametrize("name", NAMES)
def test_markup_looking_text_stays_literal(name: str):
    doc = documents.literal_markup()
    data = render(name, doc)
    text = squash(TEXT_OF[name](data))
    for block in doc.blocks:
        assert squash(block.text) in text
    if name == "docx":
        assert b"hyperlink" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    elif name == "epub":
        for root in epub_documents(data):
            assert not root.findall(f".//{X}a") and not root.findall(f".//{X}img")
            assert not root.findall(f".//{X}script")
    elif name == "pdf":
        reader = pypdf.PdfReader(io.BytesIO(data))
        assert all("/Annots" not in page for page in reader.pages)


@pytest.mark.parametrize("name", NAMES)
def test_rare_characters_survive(name: str):
    text = TEXT_OF[name](render(name, documents.rare_characters()))
    for ch in documents.RARE_CHARACTERS:
        assert ch in text, f"{ch} (U+{ord(ch):04X})"


@pytest.mark.parametrize("name", NAMES)
def test_every_node_type_is_drawn_in_order(name: str, tmp_path: Path):
    doc = documents.every_node_in(tmp_path)
    text = squash(TEXT_OF[name](render(name, doc)))
    in_order(text, [squash(doc.meta.title), *node_lines(doc), squash(doc.rights[0])])
    if name != "json":  # (a model holds a rich block's text twice: plain and inlines)
        # Drawn once: a style drawn over the text must not make a second copy of it.
        assert text.count("今天") == 1 and text.count("官网") == 1


@pytest.mark.parametrize("name", NAMES)
def test_an_empty_book_is_refused_the_same_way(name: str):
    with pytest.raises(ValueError, match=EMPTY_BOOK):
        writers.get_writer(name).book([], "空", RenderOptions())


@dataclass(frozen=True)
class Aside:
    """A node type from a future model (or a plugin reader): writers have never seen it."""

    text: str
    type: ClassVar[str] = "aside"
    level: ClassVar[None] = None

    def map_text(self, fn, literal: bool = True) -> Aside:  # type: ignore[no-untyped-def]
        return Aside(fn(self.text))


@pytest.mark.parametrize("name", NAMES)
def test_an_unknown_node_degrades_to_its_text(name: str):
    doc = Document(Meta("边栏测试", language="zh-Hans"),
                   (paragraph("正文第一段。"), Aside("边栏第一行\n边栏第二行"),  # type: ignore[arg-type]
                    paragraph("正文第二段。")))
    text = squash(TEXT_OF[name](render(name, doc)))
    in_order(text, ["正文第一段。", "边栏第一行", "边栏第二行", "正文第二段。"])


# -- the structure of every node, read back per built-in format -------------------------


def test_docx_structure(tmp_path: Path):
    doc = documents.every_node_in(tmp_path)
    data = render("docx", doc)
    package = zipfile.ZipFile(io.BytesIO(data))
    body = etree.fromstring(package.read("word/document.xml"))
    numbering = etree.fromstring(package.read("word/numbering.xml"))
    formats = {f.get(W + "val") for f in numbering.iter(W + "numFmt")}
    assert {"bullet", "decimal"} <= formats
    numbered = [p for p in body.iter(W + "p") if p.find(f"{W}pPr/{W}numPr") is not None]
    assert [docx_text_of(p) for p in numbered] == [
        "周二至周日 9:00—21:00", "周一闭馆，节假日照常开放", "春节除外"]
    levels = [p.find(f"{W}pPr/{W}numPr/{W}ilvl").get(W + "val") for p in numbered]
    assert levels == ["0", "0", "1"]
    # Each list's w:num leads to the right kind of numbering at its level.
    abstract = {a.get(W + "abstractNumId"): a for a in numbering.iter(W + "abstractNum")}
    nums = {n.get(W + "numId"): abstract[n.find(W + "abstractNumId").get(W + "val")]
            for n in numbering.iter(W + "num")}

    def kind(p: etree._Element) -> str:
        num_pr = p.find(f"{W}pPr/{W}numPr")
        level = num_pr.find(W + "ilvl").get(W + "val")
        definition = nums[num_pr.find(W + "numId").get(W + "val")]
        lvl = next(v for v in definition.iter(W + "lvl") if v.get(W + "ilvl") == level)
        return lvl.find(W + "numFmt").get(W + "val")

    assert [kind(p) for p in numbered] == ["bullet", "bullet", "decimal"]
    styles = [s.get(W + "val") for s in body.iter(W + "pStyle")]
    for style in ("Quote", "Figure", "Caption", "SourceCode", "HorizontalRule", "Heading1"):
        assert style in styles, style
    tables = body.findall(f".//{W}tbl")
    assert len(tables) == 1
    rows = tables[0].findall(W + "tr")
    assert [[docx_text_of(c) for c in r.findall(W + "tc")] for r in rows] == [
        ["楼层", "功能"], ["一层", "借还书"], ["二层", "少儿阅览"]]
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    links = body.findall(f".//{W}hyperlink")
    assert [docx_text_of(a) for a in links] == ["官网"]
    rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    rid = links[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    assert targets[rid] == "https://library.example.org/new"
    assert any(n.startswith("word/media/") for n in package.namelist())
    assert body.findall(f".//{W}drawing")
    runs = {docx_text_of(r): r for r in body.iter(W + "r")}
    assert runs["今天"].find(f"{W}rPr/{W}b") is not None
    assert runs["免费"].find(f"{W}rPr/{W}em") is not None  # 着重号 in Chinese
    assert runs["0571-8888 0000"].find(f"{W}rPr/{W}rStyle").get(W + "val") == "VerbatimChar"
    assert body.findall(f".//{W}br")  # the line break
    settings = package.read("word/settings.xml")
    assert b"doNotExpandShiftReturn" in settings


def docx_text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(W + "t"))


def test_pdf_structure(tmp_path: Path):
    doc = documents.every_node_in(tmp_path)
    reader = pypdf.PdfReader(io.BytesIO(render("pdf", doc)))
    uris = [a.get_object()["/A"]["/URI"] for page in reader.pages
            for a in page.get("/Annots", []) if a.get_object().get("/Subtype") == "/Link"
            and "/URI" in a.get_object().get("/A", {})]
    assert uris == ["https://library.example.org/new"]
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 1
    assert images[0].image.size == (640, 360)
    text = pdf_text(render("pdf", doc))
    assert "•" in text and "1." in text  # list markers


def test_epub_structure(tmp_path: Path):
    doc = documents.every_node_in(tmp_path)
    data = render("epub", doc)
    (root,) = epub_documents(data)
    for tag in ("ul", "ol", "li", "blockquote", "figure", "figcaption", "table", "thead",
                "th", "td", "pre", "code", "em", "strong", "hr", "br", "h2"):
        assert root.findall(f".//{X}{tag}"), tag
    (link,) = root.findall(f".//{X}a")
    assert link.get("href") == "https://library.example.org/new" and link.text == "官网"
    (img,) = root.findall(f".//{X}img")
    assert img.get("alt") == "新馆大厅"
    package = zipfile.ZipFile(io.BytesIO(data))
    assert package.read("EPUB/" + img.get("src")) == (tmp_path / "images/hall.jpg").read_bytes()
    opf = package.read("EPUB/content.opf").decode()
    assert img.get("src") in opf and "image/jpeg" in opf


def test_json_keeps_every_node(tmp_path: Path):
    doc = documents.every_node_in(tmp_path)
    assert Document.from_dict(json.loads(render("json", doc))) == doc


def test_a_long_table_breaks_across_pdf_pages_with_its_header_repeated():
    rows = tuple((cell(f"第{n}行"), cell("内容" * (n % 5 + 1))) for n in range(1, 121))
    doc = Document(Meta("长表格"), (paragraph("表前。"),
                                   Table(head=((cell("序号"), cell("说明")),), body=rows),
                                   paragraph("表后。")))
    reader = pypdf.PdfReader(io.BytesIO(render("pdf", doc)))
    pages = [page.extract_text() for page in reader.pages]
    with_rows = [text for text in pages if "行" in text]
    assert len(with_rows) >= 3
    assert all("序号" in text and "说明" in text for text in with_rows)  # header on each page
    in_order(squash("".join(pages)), [f"第{n}行" for n in range(1, 121)] + ["表后。"])
