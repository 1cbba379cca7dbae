"""DOCX writer: read the file back the way Word and LibreOffice would see it."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from convert.model import Author, Document, Meta, heading, paragraph
from convert.presentation import editors_line, meta_line, parse_published
from convert.writers import get_writer
from convert.writers.base import RenderOptions
from convert.writers.docx import WRITER, render, render_book
from tests import documents

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
OPTIONS = RenderOptions()


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def read_back(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def unbroken(texts: list[str]) -> list[str]:
    """Paragraph texts with the title's line break (and the space it may replace) taken out."""
    return [re.sub(r"\s", "", texts[0]), *texts[1:]] if texts else texts


def expected_paragraphs(doc: Document) -> list[str]:
    """What a reader of the article should find, in order: nothing from `dropped`.

    The title is compared without white space: a long one carries a line break.
    """
    out = [re.sub(r"\s", "", doc.meta.title)]
    if doc.meta.subtitle:
        out.append(doc.meta.subtitle)
    if meta_line(doc):
        out.append(meta_line(doc))
    out += [b.text for b in doc.blocks]
    if editors_line(doc):
        out.append(editors_line(doc))
    return out + list(doc.rights)


# An article's subheadings start at Heading 1; a book's one level down.
ARTICLE_HEADING = {2: "Heading 1", 3: "Heading 2", 4: "Heading 3"}
BOOK_HEADING = {2: "Heading 2", 3: "Heading 3", 4: "Heading 4"}


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return {name: render(make(), OPTIONS).data for name, make in documents.ALL.items()}


def test_registry_maps_docx_to_this_writer() -> None:
    assert get_writer("docx") is WRITER
    assert WRITER.extension == ".docx"
    assert WRITER.render_book is not None and WRITER.warm_up is not None


@pytest.mark.parametrize("name", sorted(documents.ALL))
def test_paragraph_texts_equal_the_model_in_order(name: str, rendered: dict[str, bytes]) -> None:
    doc = documents.ALL[name]()
    texts = [p.text for p in read_back(rendered[name]).paragraphs]
    assert unbroken(texts) == expected_paragraphs(doc)


def test_dropped_text_is_not_in_the_document(rendered: dict[str, bytes]) -> None:
    doc = documents.zh_hans()
    texts = [p.text for p in read_back(rendered["zh_hans"]).paragraphs]
    assert doc.dropped
    for dropped in doc.dropped:
        assert dropped not in texts


def test_paragraph_styles_follow_the_model(rendered: dict[str, bytes]) -> None:
    doc = documents.zh_hans()
    paragraphs = read_back(rendered["zh_hans"]).paragraphs
    styles = [p.style.name for p in paragraphs]
    expected = ["Title", "Article Meta"]
    expected += [ARTICLE_HEADING[b.level] if b.type == "heading" else "Normal" for b in doc.blocks]
    expected += ["Rights"] * len(doc.rights)
    assert styles == expected
    assert {"Heading 1", "Heading 2"} <= set(styles)


def test_a_rule_sets_the_rights_block_apart(rendered: dict[str, bytes]) -> None:
    body = part(rendered["zh_hans"], "word/document.xml").find("w:body", NS)
    rights = body.xpath("w:p[w:pPr/w:pStyle/@w:val='Rights']", namespaces=NS)
    assert len(rights) == 2
    top = rights[0].find("w:pPr/w:pBdr/w:top", NS)
    assert top is not None and top.get(w("val")) == "single"
    assert rights[1].find("w:pPr/w:pBdr", NS) is None


def style_element(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, style_id
    return found


@pytest.mark.parametrize(
    ("name", "region", "body_face", "heading_face"),
    [
        ("zh_hans", "zh-CN", "SimSun", "SimHei"),
        ("zh_hant", "zh-TW", "PMingLiU", "Microsoft JhengHei"),
    ],
)
def test_east_asian_fonts_and_language_on_the_styles(
    name: str, region: str, body_face: str, heading_face: str, rendered: dict[str, bytes]
) -> None:
    styles = part(rendered[name], "word/styles.xml")
    faces = {
        "Normal": body_face, "ArticleMeta": body_face, "Rights": body_face,
        "Title": heading_face, "Heading1": heading_face, "Heading2": heading_face,
        "Heading3": heading_face,
    }
    for style_id, face in faces.items():
        fonts = style_element(styles, style_id).find("w:rPr/w:rFonts", NS)
        assert fonts is not None, style_id
        assert fonts.get(w("eastAsia")) == face, style_id
        assert fonts.get(w("ascii")) and fonts.get(w("hAnsi")), style_id
    # Theme font attributes would override the names above in Word.
    assert not styles.xpath("//w:rFonts[@w:asciiTheme or @w:eastAsiaTheme]", namespaces=NS)
    for lang in (styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS),
                 style_element(styles, "Normal").find("w:rPr/w:lang", NS)):
        assert lang.get(w("eastAsia")) == region
        assert lang.get(w("val")) == "en-US"
    settings_lang = part(rendered[name], "word/settings.xml").find("w:themeFontLang", NS)
    assert settings_lang.get(w("eastAsia")) == region


def test_english_is_tagged_en_us(rendered: dict[str, bytes]) -> None:
    styles = part(rendered["english"], "word/styles.xml")
    lang = style_element(styles, "Normal").find("w:rPr/w:lang", NS)
    assert lang.get(w("val")) == "en-US"
    assert read_back(rendered["english"]).core_properties.language == "en-US"


def test_font_table_offers_the_bundled_families_as_alternatives(
    rendered: dict[str, bytes],
) -> None:
    fonts = part(rendered["zh_hans"], "word/fontTable.xml")
    alts = {f.get(w("name")): f.find("w:altName", NS).get(w("val"))
            for f in fonts.findall("w:font", NS) if f.find("w:altName", NS) is not None}
    assert "AR PL UMing CN" in alts["SimSun"].split(",")
    assert "宋体" in alts["SimSun"].split(",")
    assert "WenQuanYi Micro Hei" in alts["SimHei"].split(",")
    hant = part(rendered["zh_hant"], "word/fontTable.xml")
    names = {f.get(w("name")): f for f in hant.findall("w:font", NS)}
    assert "AR PL UMing TW" in names["PMingLiU"].find("w:altName", NS).get(w("val"))
    assert names["PMingLiU"].find("w:charset", NS).get(w("val")) == "88"  # Big5


def test_body_is_justified_with_a_two_character_indent(rendered: dict[str, bytes]) -> None:
    normal = style_element(part(rendered["zh_hans"], "word/styles.xml"), "Normal")
    ind = normal.find("w:pPr/w:ind", NS)
    assert ind.get(w("firstLineChars")) == "200"
    size = int(normal.find("w:rPr/w:sz", NS).get(w("val"))) if normal.find(
        "w:rPr/w:sz", NS) is not None else 24
    assert int(ind.get(w("firstLine"))) == 2 * size * 10  # two characters in twips
    assert normal.find("w:pPr/w:jc", NS).get(w("val")) == "both"
    spacing = normal.find("w:pPr/w:spacing", NS)
    assert spacing.get(w("lineRule")) == "auto"
    assert 1.4 <= int(spacing.get(w("line"))) / 240 <= 1.8
    # Titles, headings and the meta line are not indented.
    styles = part(rendered["zh_hans"], "word/styles.xml")
    for style_id in ("Title", "Heading1", "ArticleMeta", "Rights"):
        ind = style_element(styles, style_id).find("w:pPr/w:ind", NS)
        assert ind.get(w("firstLineChars")) == "0" and ind.get(w("firstLine")) == "0"


def test_meta_and_rights_are_smaller_and_grey(rendered: dict[str, bytes]) -> None:
    styles = part(rendered["zh_hans"], "word/styles.xml")
    body = int(styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:sz", NS).get(w("val")))
    for style_id in ("ArticleMeta", "Rights"):
        rpr = style_element(styles, style_id).find("w:rPr", NS)
        assert int(rpr.find("w:sz", NS).get(w("val"))) < body
        color = rpr.find("w:color", NS).get(w("val"))
        r, g, b = (int(color[i:i + 2], 16) for i in (0, 2, 4))
        assert r == g == b and 0x40 <= r <= 0xC0, color


def test_a4_page_and_a_page_field_in_the_footer(rendered: dict[str, bytes]) -> None:
    section = read_back(rendered["zh_hans"]).sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    for margin in (section.left_margin, section.right_margin, section.top_margin,
                   section.bottom_margin):
        assert 15 <= margin.mm <= 35
    footer = etree.fromstring(etree.tostring(section.footer._element))
    instructions = "".join(footer.xpath(".//w:instrText/text()", namespaces=NS))
    assert instructions.split() == ["PAGE"]
    kinds = footer.xpath(".//w:fldChar/@w:fldCharType", namespaces=NS)
    assert kinds == ["begin", "separate", "end"]


def test_core_properties_come_from_the_model(rendered: dict[str, bytes]) -> None:
    doc = documents.zh_hans()
    core = read_back(rendered["zh_hans"]).core_properties
    assert core.title == doc.meta.title
    assert core.author == "缪友银"
    assert core.subject == "吉林日报"
    assert core.comments == meta_line(doc)
    assert core.language == "zh-CN"
    published = parse_published(doc.meta.published)
    assert core.created.replace(tzinfo=None) == published
    assert core.modified.replace(tzinfo=None) == published
    english = read_back(rendered["english"]).core_properties
    assert english.author == "Jane Doe; John Roe"


def test_a_published_time_with_an_offset_is_stored_as_utc() -> None:
    doc = Document(meta=Meta(title="t", published="2020-05-16T11:36+08:00"))
    core = read_back(render(doc, OPTIONS).data).core_properties
    assert core.created.replace(tzinfo=None) == datetime(2020, 5, 16, 3, 36)


def test_no_published_date_means_no_dates_rather_than_now(rendered: dict[str, bytes]) -> None:
    core = read_back(rendered["literal_markup"]).core_properties
    assert core.created is None and core.modified is None


def test_same_input_same_bytes() -> None:
    first = render(documents.zh_hans(), OPTIONS).data
    render(documents.zh_hant(), OPTIONS)  # the shared template must not change in between
    render(documents.english(), OPTIONS)
    assert render(documents.zh_hans(), OPTIONS).data == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        infos = z.infolist()
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert infos[0].filename == "[Content_Types].xml"


def test_same_bytes_in_another_process_with_another_hash_seed() -> None:
    import hashlib
    import os
    import subprocess
    import sys

    code = (
        "import hashlib, sys\n"
        "from tests import documents\n"
        "from convert.writers.base import RenderOptions\n"
        "from convert.writers.docx import render\n"
        "sys.stdout.write(hashlib.sha256(render(documents.zh_hans(), RenderOptions()).data)"
        ".hexdigest())\n"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, check=True,
                           capture_output=True, text=True).stdout
    assert other == hashlib.sha256(render(documents.zh_hans(), OPTIONS).data).hexdigest()


def test_markup_looking_text_stays_literal(rendered: dict[str, bytes]) -> None:
    doc = documents.literal_markup()
    paragraphs = read_back(rendered["literal_markup"]).paragraphs
    assert paragraphs[0].text == "<b>标题</b> & “引号”"
    assert [p.text for p in paragraphs[1:]] == [b.text for b in doc.blocks]
    # The tab became a real tab and the double spaces survive.
    xml = part(rendered["literal_markup"], "word/document.xml")
    assert xml.xpath("count(//w:tab)", namespaces=NS) == 1
    assert any("double  spaces" in t for t in xml.xpath("//w:t/text()", namespaces=NS))
    assert read_back(rendered["literal_markup"]).core_properties.title == doc.meta.title


def test_rare_characters_survive(rendered: dict[str, bytes]) -> None:
    text = "".join(p.text for p in read_back(rendered["rare_characters"]).paragraphs)
    for char in documents.RARE_CHARACTERS:
        assert char in text


def test_characters_xml_cannot_hold_are_stripped_with_a_warning() -> None:
    doc = Document(
        meta=Meta(title="标\x00题\ufffe", source="报\x0b社", language="zh-Hans"),
        blocks=(paragraph("正文\x01内容\ud800。"), heading("小\x1f标题")),
        rights=("版\x7f权",),  # DEL is allowed in XML 1.0 and stays
    )
    result = render(doc, OPTIONS)
    texts = [p.text for p in read_back(result.data).paragraphs]
    assert texts == ["标题", "报社", "正文内容。", "小标题", "版\x7f权"]
    assert len(result.warnings) == 1
    # Counted once per character in the model, though the title is also a core property.
    assert "6 character" in result.warnings[0] and "U+0000" in result.warnings[0]
    assert render(documents.zh_hans(), OPTIONS).warnings == ()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=40), min_size=1, max_size=4), st.text(min_size=1, max_size=20))
def test_any_text_renders_and_reads_back(texts: list[str], title: str) -> None:
    doc = Document(meta=Meta(title=title), blocks=tuple(paragraph(t) for t in texts))
    result = render(doc, OPTIONS)
    back = [p.text for p in read_back(result.data).paragraphs]

    def xml_safe(text: str) -> str:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return "".join(c for c in text if c in "\t\n" or (
            "\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c >= "\U00010000"))

    assert back == [xml_safe(title)] + [xml_safe(t) for t in texts]
    changed = any(xml_safe(t) != t.replace("\r\n", "\n").replace("\r", "\n")
                  for t in [title, *texts])
    assert bool(result.warnings) == changed


def test_book_has_a_toc_field_and_a_chapter_per_article() -> None:
    docs = [documents.zh_hans(), documents.zh_hant(), documents.english()]
    data = render_book(docs, "新闻合集", OPTIONS).data
    paragraphs = read_back(data).paragraphs
    titles = [d.meta.title for d in docs]
    expected = ["新闻合集", "目录", *titles]
    for doc in docs:  # a chapter title is a Heading 1 left as it is, no line break
        expected += [doc.meta.title, *expected_paragraphs(doc)[1:]]
    assert [p.text for p in paragraphs] == expected
    styles = [p.style.name for p in paragraphs]
    assert styles[:2] == ["Title", "TOC Heading"]
    assert styles[2:5] == ["toc 1"] * 3
    chapters = [p for p in paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in chapters] == titles
    assert all(p.paragraph_format.page_break_before for p in chapters)
    first = docs[0]
    start = expected.index(first.meta.title, 5)
    for offset, block in enumerate(first.blocks, start=start + 2):
        want = BOOK_HEADING[block.level] if block.type == "heading" else "Normal"
        assert styles[offset] == want
    body = part(data, "word/document.xml")
    instructions = "".join(body.xpath("//w:instrText/text()", namespaces=NS))
    assert instructions.split()[0] == "TOC"
    assert body.xpath("//w:fldChar/@w:fldCharType", namespaces=NS) == [
        "begin", "separate", "end"]


def test_book_tags_a_chapter_in_another_language() -> None:
    data = render_book([documents.zh_hans(), documents.zh_hant()], "合集", OPTIONS).data
    body = part(data, "word/document.xml")
    run_langs = body.xpath("//w:r/w:rPr/w:lang/@w:eastAsia", namespaces=NS)
    assert run_langs and set(run_langs) == {"zh-TW"}
    hant_text = "".join(
        body.xpath("//w:r[w:rPr/w:lang/@w:eastAsia='zh-TW']/w:t/text()", namespaces=NS))
    assert documents.zh_hant().meta.title in hant_text


def test_book_core_properties_and_determinism() -> None:
    docs = [documents.zh_hans(), documents.zh_hant()]
    data = render_book(docs, "合集", OPTIONS).data
    assert render_book(docs, "合集", OPTIONS).data == data
    core = read_back(data).core_properties
    assert core.title == "合集"
    assert core.author == "缪友银; 王小明"
    assert core.created.replace(tzinfo=None) == datetime(2024, 3, 5)


def test_empty_book_still_opens() -> None:
    data = render_book([], "空", OPTIONS).data
    assert [p.text for p in read_back(data).paragraphs][:2] == ["空", "目录"]


def test_font_family_option_names_the_body_face() -> None:
    data = render(documents.zh_hans(), RenderOptions(font_family="FangSong")).data
    normal = style_element(part(data, "word/styles.xml"), "Normal")
    assert normal.find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "FangSong"
    fonts = part(data, "word/fontTable.xml").xpath("//w:font/@w:name", namespaces=NS)
    assert "FangSong" in fonts


def test_font_file_option_names_its_family_and_says_it_is_not_embedded() -> None:
    from convert.fonts import fonts_dir

    font = fonts_dir() / "wqy-microhei.ttc"
    result = render(documents.zh_hans(), RenderOptions(font=font))
    normal = style_element(part(result.data, "word/styles.xml"), "Normal")
    assert normal.find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "WenQuanYi Micro Hei"
    assert any("not embedded" in warning for warning in result.warnings)


def test_seed_article_from_the_reader(seed_path) -> None:  # type: ignore[no-untyped-def]
    from convert.reader import read_file

    doc = read_file(seed_path)
    data = render(doc, OPTIONS).data
    assert unbroken([p.text for p in read_back(data).paragraphs]) == expected_paragraphs(doc)
    # Word would cut the title inside 疫情防控; the break goes before 暨.
    assert read_back(data).paragraphs[0].text == (
        "巴音朝鲁主持召开省委常委会议\n暨疫情防控工作领导小组会议"
    )
    authors = [Author(a.name, a.role) for a in doc.meta.authors]
    assert read_back(data).core_properties.author == "; ".join(a.name for a in authors)


def test_a_long_title_breaks_where_an_editor_would() -> None:
    from convert.writers.docx import balanced_title

    assert balanced_title("短标题") == "短标题"
    fits = "北捷週末延長營運 末班車延至凌晨1時"
    assert balanced_title(fits) == fits
    assert balanced_title("省科学技术奖揭晓 28个项目和12名科技工作者获表彰") == (
        "省科学技术奖揭晓\n28个项目和12名科技工作者获表彰"
    )
    english = balanced_title("Harbor Street Bridge Reopens After Two-Year Seismic Retrofit")
    assert english == "Harbor Street Bridge Reopens\nAfter Two-Year Seismic Retrofit"
