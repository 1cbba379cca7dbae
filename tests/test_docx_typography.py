"""DOCX typesetting read back: punctuation compression, CJK–Latin autospace, English
hyphenation, and the face and hint of each ambiguous-width mark's run."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from convert.model import Document, Meta, paragraph
from convert.writers.base import RenderOptions
from convert.writers.docx import render

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def docx_of(language: str, text: str) -> bytes:
    doc = Document(meta=Meta(title="标题" if language.startswith("zh") else "Title",
                             language=language), blocks=(paragraph(text),))
    return render(doc, RenderOptions()).data


def runs(data: bytes) -> list[tuple[str, dict[str, str]]]:
    """(text, rFonts attributes) of each body run."""
    body = part(data, "word/document.xml")
    out = []
    for r in body.iterfind(".//w:body/w:p/w:r", NS):
        text = "".join(t.text or "" for t in r.iterfind("w:t", NS))
        fonts = r.find("w:rPr/w:rFonts", NS)
        attrs = {etree.QName(k).localname: v for k, v in (fonts.attrib.items() if fonts is not None
                                                          else [])}
        out.append((text, attrs))
    return out


def test_chinese_documents_compress_punctuation_and_space_latin_runs() -> None:
    data = docx_of("zh-Hans", "会议于2024年召开。")
    settings = part(data, "word/settings.xml")
    assert settings.find("w:characterSpacingControl", NS).get(w("val")) == "compressPunctuation"
    assert settings.find("w:autoHyphenation", NS) is None
    normal = part(data, "word/styles.xml").find(".//w:style[@w:styleId='Normal']/w:pPr", NS)
    assert normal.find("w:autoSpaceDE", NS).get(w("val")) == "1"
    assert normal.find("w:autoSpaceDN", NS).get(w("val")) == "1"


def test_english_documents_are_hyphenated_and_not_compressed() -> None:
    settings = part(docx_of("en", "A plain sentence."), "word/settings.xml")
    assert settings.find("w:autoHyphenation", NS) is not None
    assert settings.find("w:characterSpacingControl", NS).get(w("val")) == "doNotCompress"


def test_english_marks_take_the_latin_face_with_a_default_hint() -> None:
    found = runs(docx_of("en", "“We’ve waited,” said O’Neill — twice."))
    marks = [(t, f) for t, f in found if t and all(c in "“”’—" for c in t)]
    assert {t for t, _ in marks} == {"“", "’", "”", "—"}
    for _, fonts in marks:
        assert fonts["ascii"] == fonts["hAnsi"] == "Times New Roman"
        assert fonts["hint"] == "default" and "eastAsia" not in fonts
    assert "".join(t for t, _ in found).endswith("“We’ve waited,” said O’Neill — twice.")


def test_chinese_marks_take_the_east_asian_face_and_hint() -> None:
    found = runs(docx_of("zh-Hans", "他说：“我们尽力了……”——这是事实。"))
    marks = [(t, f) for t, f in found if t and all(c in "“”…—" for c in t)]
    assert marks
    for _, fonts in marks:
        assert fonts["hint"] == "eastAsia"
        assert fonts["eastAsia"] == fonts["ascii"] == "SimSun"


def test_an_english_run_in_chinese_text_gets_latin_marks() -> None:
    found = dict(runs(docx_of("zh-Hant", "他引述說，the city’s best year，然後離開。")))
    assert found["’"]["hint"] == "default" and found["’"]["ascii"] == "Times New Roman"


def test_every_paragraph_has_widow_control_and_headings_keep_with_next() -> None:
    for language, text in [("zh-Hans", "会议于2024年召开。"), ("en", "A plain sentence.")]:
        styles = part(docx_of(language, text), "word/styles.xml")
        default = styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS)
        assert default.find("w:widowControl", NS) is not None
        normal = styles.find(".//w:style[@w:styleId='Normal']/w:pPr", NS)
        assert normal.find("w:widowControl", NS) is not None
        for style in ("Title", "Subtitle", "ArticleMeta", "Heading1", "Heading2", "Heading3"):
            ppr = styles.find(f".//w:style[@w:styleId='{style}']/w:pPr", NS)
            assert ppr.find("w:keepNext", NS) is not None, style
            # Nothing of ours turns the control off again.
            assert ppr.find("w:widowControl[@w:val='0']", NS) is None, style
        for style in ("Heading1", "Heading2", "Heading3"):
            assert styles.find(f".//w:style[@w:styleId='{style}']/w:pPr/w:keepLines", NS) \
                is not None
