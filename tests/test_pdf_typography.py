"""Typesetting read back from the PDF's glyph positions (pdfplumber): faces of
ambiguous marks by context, word spaces, Han gaps, paragraph ends."""

from __future__ import annotations

import io

import pytest

from convert.model import Author, Document, Meta, paragraph
from convert.typography_check import Glyph, analyse, lines
from convert.writers.base import RenderOptions
from convert.writers.pdf import render

pdfplumber = pytest.importorskip("pdfplumber")


def article(language: str, *texts: str, title: str = "Harbor bridge reopens") -> Document:
    return Document(
        meta=Meta(title=title, source=None, published="2025-03-03",
                  authors=(Author("Jane Alvarez", None),), language=language,
                  encoding="utf-8"),
        blocks=tuple(paragraph(t) for t in texts),
    )


def glyph_lines(doc: Document) -> list[list[Glyph]]:
    data = render(doc, RenderOptions()).data
    return lines(io.BytesIO(data))  # type: ignore[arg-type]


def glyphs(doc: Document) -> list[Glyph]:
    """The article's glyphs, without the page number (`— 1 —`, 9 pt)."""
    return [g for line in glyph_lines(doc) for g in line if g.size > 9.5]


ENGLISH = (
    "“We’ve waited three years for this,” said O’Neill, the mayor’s deputy — and "
    "the crowd… cheered. The bridge carries 40,000 cars a day; its 1.2-km deck was "
    "rebuilt between 2022–2024 at a cost of €48 million, according to the city’s "
    "transport office, which said the work finished “on time and on budget”."
)


def test_english_quotes_and_dashes_are_latin_and_proportional() -> None:
    marks = [g for g in glyphs(article("en", ENGLISH)) if g.text in "“”‘’—…–€"]
    assert len(marks) >= 10
    for g in marks:
        assert "DejaVu" in g.font, (g.text, g.font)
    quotes = [g for g in marks if g.text in "“”’"]
    assert all((g.x1 - g.x0) / g.size < 0.6 for g in quotes)


def test_chinese_quotes_stay_full_width_in_the_cjk_face() -> None:
    doc = article("zh-Hans", "他说：“我们已经尽力了……”——这是事实，也是大家的共识。",
                  title="会议召开")
    marks = [g for g in glyphs(doc) if g.text in "“”…—"]
    assert len(marks) == 6
    for g in marks:
        assert "UMing" in g.font and abs((g.x1 - g.x0) / g.size - 1.0) < 0.01


def test_an_english_sentence_inside_chinese_gets_latin_marks() -> None:
    doc = article("zh-Hans", "报道援引他的话说，the city’s “best” year — ever，然后离开。",
                  title="会议召开")
    found = {g.text: g.font for g in glyphs(doc) if g.text in "’“”—"}
    assert all("DejaVu" in font for font in found.values()), found


def test_english_word_spaces_are_latin_spaces() -> None:
    doc = article("en", "short text that does not fill the line.")
    line = next(ln for ln in glyph_lines(doc) if ln[0].text == "s" or "short" in
                "".join(g.text for g in ln))
    # An unjustified last line shows the natural space: the Latin face's, not half an em.
    text = "".join(g.text for g in line)
    i = text.index(" ")
    space = (line[i + 1].x0 - line[i - 1].x1) / line[i - 1].size
    assert 0.25 < space < 0.35


def test_the_report_flags_full_width_marks_in_latin_text() -> None:
    def g(ch: str, x: float, w: float, font: str) -> Glyph:
        return Glyph(ch, x, x + w, 10.0, font)

    bad = [g("a", 0, 5, "DejaVuSerif"), g("’", 5, 10, "UMingCN"), g("s", 15, 5, "DejaVuSerif")]
    good = [g("a", 0, 5, "DejaVuSerif"), g("’", 5, 3, "DejaVuSerif"), g("s", 8, 5, "DejaVuSerif")]
    assert len(analyse([bad]).cjk_marks_in_latin) == 1
    assert analyse([good]).cjk_marks_in_latin == []
