"""Transforms: the registry, XML-safe text once for every writer, and --zh-variant."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from lxml import etree

from convert import readers, transforms
from convert.cli import main
from convert.errors import ConvertError
from convert.model import (
    Author,
    Code,
    Document,
    Figure,
    Meta,
    Quote,
    Text,
    heading,
    paragraph,
    preformatted,
)
from convert.reader import ReadOptions
from convert.state import fingerprint
from convert.transforms import xml_safe, zh_variant
from convert.writers import get_writer
from convert.writers.base import RenderOptions
from tests import documents
from tests.conftest import SAMPLES

SIMPLIFIED = SAMPLES / "hangzhou-city-library-utf16.txt"
TRADITIONAL = SAMPLES / "cna-taipei-mrt-big5.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def variant(config: str, **kw: object) -> ReadOptions:
    return ReadOptions(zh_variant=config, **kw)  # type: ignore[arg-type]


# --- the registry -------------------------------------------------------------------------


def test_transforms_run_in_order_each_switched_by_its_option():
    names = [t.name for t in transforms.registered()]
    assert names.index("zh-variant") < names.index("xml-safe")
    on = {t.name for t in transforms.registered() if t.enabled(ReadOptions())}
    assert on == {"xml-safe"}
    assert {t.name for t in transforms.registered() if t.enabled(variant("s2tw"))} >= {
        "zh-variant", "xml-safe"}


def test_a_clean_document_passes_through_untouched():
    doc = documents.every_node()
    assert transforms.apply(doc) is doc


# --- XML-safe text ------------------------------------------------------------------------


def dirty() -> Document:
    return Document(
        meta=Meta(title="标题\x00", source="来源\x0b", published="2024-01-01\x01",
                  authors=(Author("王\ud800五", "记者"),), language="zh-Hans"),
        blocks=(
            heading("小\x1f标题"),
            paragraph((Text("正\x08文"), Code("a\x00b"))),
            Quote((paragraph("引\ufffe用"),)),
            Figure("a.jpg", "说\x02明"),
        ),
        rights=("版权\x0c",),
    )


def test_xml_safe_removes_what_xml_cannot_hold_everywhere_and_says_so():
    clean = xml_safe.apply(dirty())
    text = clean.all_text() + clean.meta.published
    assert not any(ch in text for ch in "\x00\x0b\x01\ud800\x1f\x08\x02\ufffe\x0c")
    assert clean.meta.title == "标题" and clean.meta.authors[0].name == "王五"
    assert clean.meta.published == "2024-01-01"
    assert clean.warnings[-1].startswith("removed 10 character(s) XML cannot hold (U+0000 ")
    assert xml_safe.apply(clean) is clean  # once is enough


def test_a_dirty_model_reaches_the_writers_clean(tmp_path: Path):
    """Through the JSON reader, the transform is the one place text is cleaned:
    the writers' own guards find nothing left to remove."""
    saved = tmp_path / "dirty.json"
    saved.write_text(json.dumps(dirty().to_dict()), encoding="utf-8")  # \u escapes, even \ud800
    doc = readers.read_file(saved)
    assert "\x00" not in doc.all_text()
    for fmt in ("docx", "epub", "pdf"):
        rendered = get_writer(fmt).render(doc, RenderOptions())
        assert not any("XML" in w or "control" in w for w in rendered.warnings), fmt


# --- --zh-variant -------------------------------------------------------------------------


def test_s2tw_converts_title_meta_body_and_rights_and_retags():
    doc = readers.read_file(SIMPLIFIED, variant("s2tw"))
    plain = readers.read_file(SIMPLIFIED)
    assert plain.meta.language == "zh-Hans" and doc.meta.language == "zh-Hant-TW"
    assert doc.meta.title == "杭州城市書房夜間開放試點擴大至60家"
    assert doc.meta.source == "新華網"
    assert [a.name for a in doc.meta.authors] == ["李明遠", "陳思"]
    assert doc.blocks[0].text.startswith("新華社杭州3月8日電（記者李明遠、陳思）")
    assert doc.dropped == plain.dropped  # what was dropped is kept as it was


def test_taiwan_and_hong_kong_get_corner_quotes_unless_kept():
    doc = Document(Meta("标题", language="zh-Hans"),
                   (paragraph("他说：“这是‘新’馆。”China’s best."),), rights=("“版权”",))
    tw = zh_variant.apply(doc, variant("s2tw"))
    assert tw.blocks[0].text == "他說：「這是『新』館。」China’s best."
    assert tw.rights == ("「版權」",)
    hk = zh_variant.apply(doc, variant("s2hk"))
    assert hk.meta.language == "zh-Hant-HK" and "「這是『新』館。」" in hk.blocks[0].text
    kept = zh_variant.apply(doc, variant("s2tw", keep_quotes=True))
    assert kept.blocks[0].text == "他說：“這是‘新’館。”China’s best."


def test_t2s_on_the_traditional_sample():
    before = readers.read_file(TRADITIONAL)
    doc = readers.read_file(TRADITIONAL, variant("t2s"))
    assert before.meta.language.startswith("zh-Hant") and doc.meta.language == "zh-Hans"
    assert doc.meta.title == "北捷周末延长营运 末班车延至凌晨1时"
    assert "「" not in doc.all_text() and "」" not in doc.all_text()
    assert any("“" in b.text for b in doc.blocks)  # 「…」 became “…”


def test_phrases_follow_the_variant():
    doc = Document(Meta("软件", language="zh-Hans"), (paragraph("鼠标和出租车"),))
    assert zh_variant.apply(doc, variant("s2twp")).blocks[0].text == "滑鼠和計程車"
    assert zh_variant.apply(doc, variant("s2tw")).blocks[0].text == "鼠標和出租車"


def test_code_preformatted_and_other_languages_are_left_alone():
    doc = Document(Meta("说明", language="zh-Hans"),
                   (paragraph((Text("运行"), Code("简体 “x”"))), preformatted("代码 “y”")))
    out = zh_variant.apply(doc, variant("s2tw"))
    assert out.blocks[0].inlines[1] == Code("简体 “x”") and out.blocks[1].text == "代码 “y”"
    english = documents.english()
    assert zh_variant.apply(english, variant("s2tw")) is english


@pytest.mark.parametrize("config", sorted(zh_variant.VARIANTS))
def test_every_listed_variant_loads_in_the_installed_opencc(config):
    target = zh_variant.VARIANTS[config]
    sample = "后台软件" if config.startswith("s") else "後臺軟體"
    out = zh_variant.converter(config).convert(sample)
    assert out != sample or config in ("t2tw", "t2hk", "tw2t", "hk2t")
    assert target.startswith("zh-Hant" if "2s" not in config else "zh-Hans")


def test_one_converter_per_configuration_per_process():
    assert zh_variant.converter("s2tw") is zh_variant.converter("s2tw")
    with pytest.raises(ConvertError, match="unknown --zh-variant 's2x'"):
        zh_variant.converter("s2x")


def test_writers_follow_the_new_language():
    doc = readers.read_file(SIMPLIFIED, variant("s2hk"))
    docx_data = get_writer("docx").render(doc, RenderOptions()).data
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx_data)).read("word/styles.xml"))
    langs = {e.get(f"{W}eastAsia") for e in styles.iter(f"{W}lang")} - {None}
    assert langs == {"zh-HK"}
    epub_data = get_writer("epub").render(doc, RenderOptions()).data
    opf = next(n for n in zipfile.ZipFile(io.BytesIO(epub_data)).namelist() if n.endswith(".opf"))
    assert b"<dc:language>zh-Hant-HK</dc:language>" in zipfile.ZipFile(
        io.BytesIO(epub_data)).read(opf)
    pdf = pypdf.PdfReader(io.BytesIO(get_writer("pdf").render(doc, RenderOptions()).data))
    assert pdf.trailer["/Root"]["/Lang"] == "zh-HK"
    fonts = {str(f.get_object()["/BaseFont"]) for p in pdf.pages
             for f in p["/Resources"]["/Font"].values()}
    assert any("UMingHK" in f for f in fonts), fonts


def test_the_command_line_option(tmp_path: Path):
    res = CliRunner().invoke(main, [str(SIMPLIFIED), "--zh-variant", "s2twp", "--to", "json",
                                    "-o", str(tmp_path)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert '"language": "zh-Hant-TW"' in (tmp_path / f"{SIMPLIFIED.stem}.json").read_text("utf-8")
    bad = CliRunner().invoke(main, [str(SIMPLIFIED), "--zh-variant", "s2x"])
    assert bad.exit_code == 2
    error = bad.output.strip().splitlines()[-1]
    assert error.startswith("Error: Invalid value for '--zh-variant': 's2x'") and "s2twp" in error


def test_the_variant_is_part_of_what_made_an_output():
    render = RenderOptions()
    assert fingerprint("pdf", ReadOptions(), render) != fingerprint("pdf", variant("s2tw"), render)
    assert fingerprint("pdf", variant("s2tw"), render) != fingerprint(
        "pdf", variant("s2tw", keep_quotes=True), render)
