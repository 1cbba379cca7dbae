"""EPUB writer: read the book back (zipfile + lxml) and check what a reader sees.

Container rules (mimetype first and stored), determinism, OPF metadata
against the model, XHTML text against the model, nav/NCX targets, the
stylesheet's CJK rules, font embedding. EPUBCheck runs in test_epub_epubcheck.py.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from convert.fonts import fonts_dir
from convert.model import Author, Document, Meta, heading, paragraph
from convert.presentation import meta_line
from convert.writers import get_writer
from convert.writers.base import RenderOptions
from convert.writers.epub import (
    FIXED_EPOCH,
    content_identifier,
    relator,
    render,
    render_book,
)
from convert.writers.epub_xhtml import build_chapter, clean
from tests import documents
from tests.conftest import SAMPLES, SEED

NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "epub": "http://www.idpf.org/2007/ops",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PLAIN = RenderOptions()
DEJAVU = fonts_dir() / "DejaVuSerif.ttf"  # bundled for the PDF's Latin text


class Book:
    """An EPUB read back: its files, package document, chapters and nav."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.files = {i.filename: self.zip.read(i) for i in self.zip.infolist()}
        container = etree.fromstring(self.files["META-INF/container.xml"])
        self.opf_path = container.find(".//c:rootfile", NS).get("full-path")
        self.base = self.opf_path.rsplit("/", 1)[0] + "/"
        self.opf = etree.fromstring(self.files[self.opf_path])
        self.manifest = {
            i.get("id"): i for i in self.opf.iterfind("opf:manifest/opf:item", NS)
        }

    def xml(self, href: str) -> etree._Element:
        return etree.fromstring(self.files[self.base + href])  # raises if not well-formed

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.iterfind(f"opf:metadata/dc:{name}", NS)]

    def refines(self, element_id: str, prop: str) -> list[str]:
        path = f"opf:metadata/opf:meta[@refines='#{element_id}'][@property='{prop}']"
        return [e.text for e in self.opf.iterfind(path, NS)]

    def item_with(self, prop: str) -> etree._Element:
        return next(i for i in self.manifest.values() if prop in (i.get("properties") or ""))

    def chapters(self) -> list[etree._Element]:
        nav_id = self.item_with("nav").get("id")
        refs = [r.get("idref") for r in self.opf.iterfind("opf:spine/opf:itemref", NS)]
        return [self.xml(self.manifest[r].get("href")) for r in refs if r != nav_id]

    def nav(self) -> etree._Element:
        return self.xml(self.item_with("nav").get("href"))

    def stylesheet(self) -> str:
        css = next(i for i in self.manifest.values() if i.get("media-type") == "text/css")
        return self.files[self.base + css.get("href")].decode("utf-8")


def text_of(element: etree._Element) -> str:
    return "".join(element.itertext())


def body_blocks(chapter: etree._Element) -> list[tuple[str, str]]:
    """(tag, text) of the article's headings and unclassed paragraphs, in order."""
    article = chapter.find(".//x:section[@class='article']", NS)
    out = []
    for el in article:
        tag = etree.QName(el).localname
        if (tag == "p" and el.get("class") is None) or re.fullmatch("h[2-6]", tag):
            out.append((tag, text_of(el)))
    return out


def model_blocks(doc: Document) -> list[tuple[str, str]]:
    return [(f"h{b.level}" if b.type == "heading" else "p", b.text) for b in doc.blocks]


def read_seed() -> Document:
    from convert.reader import read_file

    if not SEED.is_file():
        pytest.skip("shared corpus not present")
    return read_file(SEED)


# --- container --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(documents.ALL))
def test_mimetype_first_stored_without_extra_field(name: str) -> None:
    data = render(documents.ALL[name](), PLAIN).data
    first = zipfile.ZipFile(io.BytesIO(data)).infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert first.extra == b""
    # The OCF "magic": readers sniff these bytes at fixed offsets.
    assert data[30:38] == b"mimetype"
    assert data[38:58] == b"application/epub+zip"


def test_same_article_same_bytes_and_no_wall_clock() -> None:
    doc = documents.zh_hans()
    first, second = render(doc, PLAIN).data, render(doc, PLAIN).data
    assert first == second
    stamps = {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    assert stamps == {(2020, 5, 16, 11, 36, 0)}  # the published moment, not today
    book = Book(first)
    modified = book.opf.find("opf:metadata/opf:meta[@property='dcterms:modified']", NS)
    assert modified.text == "2020-05-16T11:36:00Z"


def test_undated_article_uses_the_fixed_epoch() -> None:
    book = Book(render(documents.literal_markup(), PLAIN).data)
    modified = book.opf.find("opf:metadata/opf:meta[@property='dcterms:modified']", NS)
    assert modified.text == FIXED_EPOCH.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert {i.date_time[:3] for i in book.zip.infolist()} == {(2000, 1, 1)}


def test_offset_dates_are_written_in_utc() -> None:
    doc = documents.zh_hans()
    doc = replace(doc, meta=replace(doc.meta, published="2020-05-16T01:36+08:00"))
    book = Book(render(doc, PLAIN).data)
    modified = book.opf.find("opf:metadata/opf:meta[@property='dcterms:modified']", NS)
    assert modified.text == "2020-05-15T17:36:00Z"
    assert book.dc("date") == ["2020-05-16T01:36+08:00"]


def test_identifier_follows_the_content_not_the_encoding() -> None:
    doc = documents.zh_hans()
    same = replace(doc, meta=replace(doc.meta, encoding="gb18030"), dropped=())
    edited = replace(doc, blocks=(*doc.blocks, paragraph("更正：")))
    ident = Book(render(doc, PLAIN).data).dc("identifier")[0]
    assert ident.startswith("urn:uuid:")
    assert uuid.UUID(ident.removeprefix("urn:uuid:")).version == 5
    assert Book(render(same, PLAIN).data).dc("identifier") == [ident]
    assert content_identifier(edited) != ident


# --- package metadata ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(documents.ALL))
def test_opf_metadata_matches_the_model(name: str) -> None:
    doc = documents.ALL[name]()
    assert_opf_matches(Book(render(doc, PLAIN).data), doc)


def assert_opf_matches(book: Book, doc: Document) -> None:
    m = doc.meta
    assert book.opf.get("version") == "3.0"
    unique = book.opf.get("unique-identifier")
    assert book.opf.find(f"opf:metadata/dc:identifier[@id='{unique}']", NS) is not None
    assert book.dc("title") == [m.title]
    assert book.dc("language") == [m.language]
    assert book.dc("publisher") == ([m.source] if m.source else [])
    assert book.dc("date") == ([m.published] if m.published else [])
    assert book.dc("rights") == (["\n".join(doc.rights)] if doc.rights else [])
    creators = book.opf.findall("opf:metadata/dc:creator", NS)
    assert [c.text for c in creators] == [a.name for a in m.authors]
    for creator, author in zip(creators, m.authors, strict=True):
        expected = [relator(author.role)] if relator(author.role) else []
        assert book.refines(creator.get("id"), "role") == expected


def test_role_mapping() -> None:
    assert relator("记者") == relator("記者") == relator("author") == "aut"
    assert relator("通讯员") == "aut"
    assert relator("摄影") == "pht"
    assert relator("编辑") == "edt"
    assert relator("说书人") is None
    assert relator(None) is None


def test_editors_are_contributors_with_role_edt() -> None:
    doc = documents.zh_hans()
    doc = replace(doc, meta=replace(doc.meta, editors=("张三", "李四")))
    book = Book(render(doc, PLAIN).data)
    contributors = book.opf.findall("opf:metadata/dc:contributor", NS)
    assert [c.text for c in contributors] == ["张三", "李四"]
    assert all(book.refines(c.get("id"), "role") == ["edt"] for c in contributors)
    chapter = book.chapters()[0]
    editors = chapter.find(".//x:p[@class='editors']", NS)
    assert text_of(editors) == "责任编辑：张三、李四"


# --- content documents -----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(documents.ALL))
def test_xhtml_text_equals_the_model(name: str) -> None:
    doc = documents.ALL[name]()
    book = Book(render(doc, PLAIN).data)
    [chapter] = book.chapters()
    assert chapter.get("lang") == doc.meta.language
    assert chapter.get(XML_LANG) == doc.meta.language
    assert text_of(chapter.find(".//x:h1", NS)) == doc.meta.title
    assert text_of(chapter.find(".//x:head/x:title", NS)) == doc.meta.title
    meta = chapter.find(".//x:p[@class='meta']", NS)
    assert (text_of(meta) if meta is not None else "") == meta_line(doc)
    assert body_blocks(chapter) == model_blocks(doc)
    rights = chapter.find(".//x:section[@class='rights']", NS)
    if doc.rights:
        assert [text_of(p) for p in rights.iterfind("x:p", NS)] == list(doc.rights)
        # The rights close the article: nothing of the body follows them.
        assert rights.getnext() is None
    else:
        assert rights is None


def test_markup_in_the_text_stays_text() -> None:
    doc = documents.literal_markup()
    [chapter] = Book(render(doc, PLAIN).data).chapters()
    body = chapter.find("x:body", NS)
    tags = {etree.QName(e).localname for e in body.iter()}
    assert tags <= {"body", "section", "header", "h1", "p"}
    assert text_of(chapter.find(".//x:h1", NS)) == doc.meta.title
    assert [t for _, t in body_blocks(chapter)] == documents.block_texts(doc)


def test_rare_characters_survive() -> None:
    [chapter] = Book(render(documents.rare_characters(), PLAIN).data).chapters()
    text = text_of(chapter)
    assert all(ch in text for ch in documents.RARE_CHARACTERS)


def test_characters_xml_cannot_hold_are_dropped_and_reported() -> None:
    doc = Document(Meta(title="标题\x00"), (paragraph("前\x01后\x1f。"), paragraph("ok\x7f")))
    result = render(doc, PLAIN)
    [chapter] = Book(result.data).chapters()
    assert body_blocks(chapter) == [("p", "前后。"), ("p", "ok\x7f")]
    assert len(result.warnings) == 1
    assert "3 character" in result.warnings[0]


xml_unfriendly = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["<", ">", "&", '"', "]]>", "<script>", "&amp;", "\x00", "\r", "\x0b"]),
    ),
    max_size=20,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(title=xml_unfriendly, texts=st.lists(xml_unfriendly, max_size=4), level=st.integers(1, 9))
def test_any_text_gives_well_formed_xhtml_with_the_same_text(
    title: str, texts: list[str], level: int
) -> None:
    blocks = tuple(paragraph(t) for t in texts) + tuple(heading(t, level) for t in texts[:1])
    doc = Document(Meta(title=title), blocks)
    built = build_chapter(doc, "a.xhtml")
    chapter = etree.fromstring(built.xhtml)
    h1 = chapter.find(".//x:h1", NS)
    if clean(title).strip():
        assert text_of(h1) == clean(title)
    else:
        assert h1 is None
    assert built.title.strip()  # <title>, nav and dc:title are never empty
    assert text_of(chapter.find(".//x:head/x:title", NS)) == built.title
    assert [t for _, t in body_blocks(chapter)] == [clean(b.text) for b in blocks]


# --- navigation ------------------------------------------------------------------------


def nav_entries(nav: etree._Element) -> list[tuple[int, str, str]]:
    """(depth, href, label) of every entry of the toc nav, depth-first."""
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    return [
        (len(a.xpath("ancestor::x:ol", namespaces=NS)), a.get("href"), text_of(a))
        for a in toc.iterfind(".//x:a", NS)
    ]


def assert_targets_exist(book: Book, hrefs: list[str]) -> None:
    for href in hrefs:
        path, _, anchor = href.partition("#")
        target = book.xml(path)
        if anchor:
            assert target.xpath("//*[@id=$a]", a=anchor), href


@pytest.mark.parametrize("name", sorted(documents.ALL))
def test_nav_and_ncx_list_title_and_headings(name: str) -> None:
    doc = documents.ALL[name]()
    book = Book(render(doc, PLAIN).data)
    entries = nav_entries(book.nav())
    headings = [b for b in doc.blocks if b.type == "heading"]
    assert [label for _, _, label in entries] == [doc.meta.title] + [h.text for h in headings]
    assert_targets_exist(book, [href for _, href, _ in entries])
    ncx_item = book.manifest[book.opf.find("opf:spine", NS).get("toc")]
    ncx = book.xml(ncx_item.get("href"))
    uid = ncx.find("ncx:head/ncx:meta[@name='dtb:uid']", NS).get("content")
    assert [uid] == book.dc("identifier")
    points = ncx.findall(".//ncx:navPoint", NS)
    assert len({p.get("id") for p in points}) == len(points) == len(entries)
    srcs = [p.find("ncx:content", NS).get("src") for p in points]
    assert srcs == [href for _, href, _ in entries]


def test_nav_nests_headings_by_level() -> None:
    book = Book(render(documents.zh_hans(), PLAIN).data)
    depths = {label: depth for depth, _, label in nav_entries(book.nav())}
    assert depths[documents.SEED_TITLE] == 1
    assert depths["一、工程概况"] == 2
    assert depths["（一）总体要求"] == 3
    ncx = book.xml("toc.ncx")
    assert ncx.find("ncx:head/ncx:meta[@name='dtb:depth']", NS).get("content") == "3"


# --- stylesheet ------------------------------------------------------------------------


def css_rules(css: str) -> dict[str, str]:
    """selector -> declarations (joined when a selector repeats)."""
    rules: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", css)):
        for selector in selectors.split(","):
            key = " ".join(selector.split())
            rules[key] = rules.get(key, "") + body
    return rules


def declared(rules: dict[str, str], selector: str, prop: str) -> str:
    found = re.findall(rf"(?:^|;)\s*{re.escape(prop)}\s*:\s*([^;]+)", rules.get(selector, ""))
    assert found, f"{selector} {{ {prop} }} missing"
    return found[-1].strip()


@pytest.mark.parametrize(
    ("name", "script", "faces"),
    [
        ("zh_hans", "zh-hans", ["Songti SC", "STSong", "SimSun", "Noto Serif CJK SC"]),
        ("zh_hant", "zh-hant", ["Songti TC", "PMingLiU", "Noto Serif CJK TC"]),
    ],
)
def test_cjk_stylesheet(name: str, script: str, faces: list[str]) -> None:
    book = Book(render(documents.ALL[name](), PLAIN).data)
    [chapter] = book.chapters()
    classes = chapter.find("x:body", NS).get("class").split()
    assert classes == [script, "cjk"]
    rules = css_rules(book.stylesheet())
    assert declared(rules, "body.cjk p", "text-indent") == "2em"
    assert declared(rules, "body.cjk p", "line-break") == "strict"
    assert declared(rules, "p", "text-align") == "justify"
    assert 1.6 <= float(declared(rules, "body", "line-height")) <= 1.8
    stack = declared(rules, f"body.{script}", "font-family")
    assert all(face in stack for face in faces)
    assert stack.endswith("serif")
    assert "sans-serif" in declared(rules, f"body.{script} h2", "font-family")


def test_english_gets_latin_faces_and_no_cjk_indent() -> None:
    book = Book(render(documents.english(), PLAIN).data)
    [chapter] = book.chapters()
    assert chapter.find("x:body", NS).get("class") == "latin"
    rules = css_rules(book.stylesheet())
    stack = declared(rules, "body.latin", "font-family")
    assert "Georgia" in stack and "Songti" not in stack
    assert declared(rules, "body.latin p + p", "text-indent") != "2em"
    # The 2em rule is scoped to CJK bodies, so it never reaches this one.
    indents = {sel: re.findall(r"text-indent\s*:\s*([^;]+)", body) for sel, body in rules.items()}
    assert all("2em" not in values for sel, values in indents.items() if "cjk" not in sel)


# --- books -----------------------------------------------------------------------------


def test_book_has_a_chapter_per_article_and_a_nav_of_them() -> None:
    docs = [documents.zh_hans(), documents.english(), documents.zh_hant(), documents.zh_hans()]
    book = Book(render_book(docs, "新闻合集", PLAIN).data)
    chapters = book.chapters()
    assert len(chapters) == len(docs)
    for chapter, doc in zip(chapters, docs, strict=True):
        assert chapter.get("lang") == chapter.get(XML_LANG) == doc.meta.language
        assert text_of(chapter.find(".//x:h1", NS)) == doc.meta.title
        assert body_blocks(chapter) == model_blocks(doc)
        rights = chapter.find(".//x:section[@class='rights']", NS)
        assert [text_of(p) for p in rights.iterfind("x:p", NS)] == list(doc.rights)
    assert book.dc("title") == ["新闻合集"]
    assert book.dc("language") == ["zh-Hans"]  # two of four articles
    assert book.dc("creator") == ["缪友银", "Jane Doe", "John Roe", "王小明"]
    assert book.dc("publisher") == []  # three sources: none of them is the book's
    entries = nav_entries(book.nav())
    titles = [label for depth, _, label in entries if depth == 1]
    assert titles == [d.meta.title for d in docs]
    assert ("一、交通衝擊" in [label for depth, _, label in entries if depth == 2])
    assert_targets_exist(book, [href for _, href, _ in entries])
    english = next(a for a in book.nav().iterfind(".//x:a", NS) if text_of(a) == docs[1].meta.title)
    assert english.get("lang") == "en"
    assert render_book(docs, "新闻合集", PLAIN).data == book.data


@pytest.mark.parametrize("count", [1, 3])
def test_landmarks_point_at_spine_items(count: int) -> None:
    docs = [documents.zh_hans(), documents.english(), documents.zh_hant()][:count]
    data = render(docs[0], PLAIN).data if count == 1 else render_book(docs, "书", PLAIN).data
    book = Book(data)
    landmarks = book.nav().find(".//x:nav[@epub:type='landmarks']", NS)
    assert landmarks.get("hidden") is not None
    epub_type = f"{{{NS['epub']}}}type"
    kinds = {a.get(epub_type): a.get("href") for a in landmarks.iterfind(".//x:a", NS)}
    spine = [book.manifest[r.get("idref")].get("href")
             for r in book.opf.iterfind("opf:spine/opf:itemref", NS)]
    nav = book.item_with("nav").get("href")
    assert set(kinds.values()) <= set(spine)
    assert kinds["bodymatter"] == next(href for href in spine if href != nav)
    # A book opens on its contents page; a single article straight on its text.
    assert (spine[0] == nav) == (count > 1) == ("toc" in kinds)


def test_ebooklib_reads_title_authors_language_back(tmp_path: Path) -> None:
    """A second reading system (ebooklib's reader) sees what Calibre's ebook-meta would."""
    from ebooklib import epub

    doc = documents.english()
    path = tmp_path / "a.epub"
    path.write_bytes(render(doc, PLAIN).data)
    book = epub.read_epub(str(path))
    assert [t for t, _ in book.get_metadata("DC", "title")] == [doc.meta.title]
    assert [c for c, _ in book.get_metadata("DC", "creator")] == [a.name for a in doc.meta.authors]
    assert [lang for lang, _ in book.get_metadata("DC", "language")] == [doc.meta.language]


def test_book_without_authors_has_no_creator() -> None:
    docs = [documents.literal_markup(), documents.rare_characters()]
    book = Book(render_book(docs, "Untitled", PLAIN).data)
    assert book.dc("creator") == []
    assert len(book.chapters()) == 2


def test_registry_and_cli_shape() -> None:
    writer = get_writer("epub")
    assert writer.extension == ".epub"
    assert writer.render is render and writer.render_book is render_book
    assert writer.warm_up is not None
    writer.warm_up(PLAIN)


# --- font embedding --------------------------------------------------------------------


def font_item(book: Book) -> etree._Element:
    return next(i for i in book.manifest.values()
                if i.get("media-type", "").startswith(("font/", "application/font")))


def test_embed_fonts_with_a_stand_in_font(monkeypatch: pytest.MonkeyPatch) -> None:
    import convert.fonts
    from convert.fonts import EmbeddedFont

    seen: dict[str, str] = {}

    def fake(text: str, options: RenderOptions, *, language: str = "zh-Hans") -> EmbeddedFont:
        seen["text"], seen["language"] = text, language
        return EmbeddedFont(DEJAVU.read_bytes(), "Stand In", "stand-in.ttf", "font/ttf")

    monkeypatch.setattr(convert.fonts, "embeddable_font", fake)
    doc = documents.zh_hant()
    book = Book(render(doc, RenderOptions(embed_fonts=True)).data)
    assert seen["language"] == "zh-Hant"
    assert all(b.text in seen["text"] for b in doc.blocks) and doc.meta.title in seen["text"]
    item = font_item(book)
    assert item.get("media-type") == "font/ttf"
    assert book.files[book.base + item.get("href")] == DEJAVU.read_bytes()
    css = book.stylesheet()
    face = re.search(r"@font-face\s*\{([^}]*)\}", css)
    assert face and '"Stand In"' in face.group(1)
    assert f'url("{item.get("href")}")' in face.group(1)
    rules = css_rules(css)
    assert declared(rules, "body.zh-hant", "font-family").startswith('"Stand In"')
    assert "@font-face" not in render(doc, PLAIN).data.decode("latin-1")


def real_embedding_available() -> None:
    try:
        from convert.fonts import fonts_dir

        fonts_dir()
    except Exception as exc:  # a clone without the bundled fonts
        pytest.skip(f"bundled fonts unavailable: {exc}")


def font_items(book: Book) -> list[etree._Element]:
    return [i for i in book.manifest.values() if i.get("media-type", "").startswith("font/")]


@pytest.mark.parametrize("name", ["rare_characters", "zh_hant", "english"])
def test_embedded_fonts_cover_the_text_or_say_what_they_lack(name: str) -> None:
    real_embedding_available()
    from fontTools.ttLib import TTFont

    result = render(documents.ALL[name](), RenderOptions(embed_fonts=True))
    book = Book(result.data)
    css = book.stylesheet()
    covered: set[int] = set()
    for item in font_items(book):
        cmap = TTFont(io.BytesIO(book.files[book.base + item.get("href")])).getBestCmap()
        assert len(cmap) < 3000  # a subset, not the whole face
        assert f'url("{item.get("href")}")' in css
        covered |= set(cmap)
    text = "".join(text_of(c) for c in book.chapters()) + "".join(text_of(book.nav()))
    lacking = {ch for ch in text if not ch.isspace() and ord(ch) not in covered}
    said = "".join(result.warnings)
    assert all(ch in said for ch in lacking)
    # The bundled fallbacks (HanaMin) hold even the extension B characters.
    assert not lacking and not result.warnings


def test_embedding_is_deterministic() -> None:
    real_embedding_available()
    options = RenderOptions(embed_fonts=True)
    assert render(documents.zh_hans(), options).data == render(documents.zh_hans(), options).data


# --- real articles ---------------------------------------------------------------------


def test_seed_article_reads_back() -> None:
    doc = read_seed()
    book = Book(render(doc, PLAIN).data)
    [chapter] = book.chapters()
    assert body_blocks(chapter) == model_blocks(doc)
    assert_opf_matches(book, doc)


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_samples_read_back(path: Path) -> None:
    from convert.reader import read_file

    doc = read_file(path)
    book = Book(render(doc, PLAIN).data)
    [chapter] = book.chapters()
    assert body_blocks(chapter) == model_blocks(doc)
    assert chapter.get("lang") == doc.meta.language
    assert_opf_matches(book, doc)


def test_one_author_book_keeps_role() -> None:
    doc = Document(Meta(title="t", authors=(Author("甲", "通讯员"), Author("乙", "摄影"))))
    book = Book(render_book([doc], "书", PLAIN).data)
    creators = book.opf.findall("opf:metadata/dc:creator", NS)
    assert [book.refines(c.get("id"), "role") for c in creators] == [["aut"], ["pht"]]


def test_every_reporter_role_the_reader_knows_is_an_author() -> None:
    from convert.recognise import _ROLE_WORDS
    from convert.writers.epub import relator

    for word in _ROLE_WORDS.split("|"):
        assert relator(word) in ("aut", "ctb"), word
    assert relator("摄影") == "pht"
    assert relator("something new") is None  # the writer then still writes `aut`


_JSON_LEAF = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=6), st.one_of(
    _JSON_LEAF,
    st.lists(st.one_of(_JSON_LEAF, st.lists(_JSON_LEAF, max_size=3),
                       st.dictionaries(st.text(max_size=3), _JSON_LEAF, max_size=3)),
             max_size=5),
    st.dictionaries(st.text(max_size=3), st.lists(_JSON_LEAF, max_size=3), max_size=3),
), max_size=6))
def test_the_identifier_hashes_exactly_the_json_it_always_did(content: dict) -> None:
    import json

    from convert.writers.epub import ID_NAMESPACE, _uuid5_of_json

    text = json.dumps(content, ensure_ascii=False, sort_keys=True)
    assert _uuid5_of_json(content) == uuid.uuid5(ID_NAMESPACE, text)


def test_a_novels_identifier_is_the_uuid5_of_its_whole_json() -> None:
    import json

    from convert.writers.epub import ID_NAMESPACE
    from tests.longtext_books import novel

    doc = novel()
    m = doc.meta
    content = {
        "title": m.title, "subtitle": m.subtitle, "source": m.source,
        "published": m.published, "language": m.language,
        "authors": [[a.name, a.role] for a in m.authors], "editors": list(m.editors),
        "blocks": [[b.type, b.level, b.text] for b in doc.blocks], "rights": list(doc.rights),
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True)
    assert content_identifier(doc) == f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, text)}"
