"""Whole-paragraph line breaking (convert.paragraph) and what it shows in the PDF."""

from __future__ import annotations

import io
import unicodedata
from itertools import pairwise

import pytest

from convert.linebreak import wrap
from convert.model import Author, Document, Meta, paragraph
from convert.paragraph import HYPHEN, hyphen_points
from convert.typography_check import Glyph, analyse, lines
from convert.writers.base import RenderOptions
from convert.writers.pdf import render

pytest.importorskip("pdfplumber")


def em_measure(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def test_a_last_line_of_one_han_character_pulls_one_more_down() -> None:
    # First fit: ten characters, then 甲。 alone on the last line.
    lines_ = wrap("一二三四五六七八九十甲。", em_measure, 10.0)
    assert [ln.text for ln in lines_] == ["一二三四五六七八九", "十甲。"]


def test_a_last_line_of_one_han_character_is_avoided_on_longer_paragraphs() -> None:
    text = "国务院常务会议今天召开，会议研究部署进一步做好稳就业工作，要求各地区各部门" * 3 + "延。"
    for width in (10, 13, 17, 20, 23):
        last = wrap(text, em_measure, float(width))[-1].text.strip()
        assert len(last.rstrip("，。")) > 1, (width, last)


def test_english_is_hyphenated_with_liang_patterns() -> None:
    assert hyphen_points("institutional") != ()
    assert hyphen_points("NATO") == ()  # not acronyms
    assert hyphen_points("cat") == ()


def article(language: str, *texts: str) -> Document:
    title = "Harbor bridge reopens" if language == "en" else "城市交通新规今起实施"
    return Document(
        meta=Meta(title=title, published="2025-03-03", language=language,
                  authors=(Author("Jane Alvarez", None),)),
        blocks=tuple(paragraph(t) for t in texts),
    )


def glyph_lines(doc: Document) -> list[list[Glyph]]:
    return lines(io.BytesIO(render(doc, RenderOptions()).data))  # type: ignore[arg-type]


ENGLISH = [
    "The city council approved a sweeping overhaul of the municipal transportation budget "
    "on Tuesday, redirecting nearly forty percent of infrastructure maintenance spending "
    "toward accessibility improvements, protected bicycle lanes and a comprehensive "
    "electrification programme for the ageing bus fleet, officials said.",
    "Councillors argued for hours about the environmental consequences of postponing "
    "resurfacing work on arterial roads, but the administration's representatives "
    "insisted the reallocation was unavoidable given unprecedented inflationary pressure "
    "on construction materials and persistent labour shortages across the region.",
    "Residents can read the full proposal at https://www.example.gov/transport/budget-2025/"
    "overhaul-proposal.pdf or write to transport.feedback@example.gov before March 31.",
]


def test_english_word_spaces_stay_within_the_target() -> None:
    found = analyse(glyph_lines(article("en", *ENGLISH)))
    assert 0.0 < found.word_space <= 0.45, found.word_space_where
    assert found.cjk_marks_in_latin == []


def test_a_hyphenated_line_end_shows_a_soft_hyphen() -> None:
    texts = ["".join(g.text for g in ln) for ln in glyph_lines(article("en", *ENGLISH))]
    assert any(t.endswith(HYPHEN) for t in texts)


CHINESE_WITH_URL = (
    "据市交通委员会介绍，新规全文及配套的实施细则已在官方网站公布，市民可以访问"
    "https://jtw.example.gov.cn/zwgk/tzgg/2025/03/t20250303_1234567.html查看，也可以发送邮件至"
    "traffic-service.feedback@jtw.example.gov.cn反映意见，有关部门将在十五个工作日内予以答复。"
)


def test_han_characters_are_not_spread_around_a_long_url() -> None:
    found = analyse(glyph_lines(article("zh-Hans", CHINESE_WITH_URL, CHINESE_WITH_URL[:60])))
    assert found.han_gap <= 0.3, found.han_gap_where


def quarter_gaps(doc: Document, left: str, right: str) -> list[float]:
    out = []
    for line in glyph_lines(doc):
        for a, b in pairwise(line):
            if a.text == left and b.text == right:
                out.append((b.x0 - a.x1) / a.size)
        for i in range(len(line) - 2):
            if line[i].text == left and line[i + 1].text == " " and line[i + 2].text == right:
                out.append((line[i + 2].x0 - line[i].x1) / line[i].size)
    return out


def test_han_and_latin_meet_with_a_quarter_em_not_doubled_by_a_source_space() -> None:
    doc = article("zh-Hans", "会议于2024年召开。", "他使用 iPhone 拍摄。")
    assert quarter_gaps(doc, "于", "2") == [pytest.approx(0.25, abs=0.01)]
    assert quarter_gaps(doc, "4", "年") == [pytest.approx(0.25, abs=0.01)]
    assert quarter_gaps(doc, "用", "i") == [pytest.approx(0.25, abs=0.01)]


def test_no_quarter_em_at_a_line_start() -> None:
    from convert.writers.pdf_layout import LEFT

    # 38 characters fill the first line after the 2em indent; ABC starts the second.
    found = glyph_lines(article("zh-Hans", "会" * 38 + "ABC公司今天宣布新的计划。"))
    starts = [ln for ln in found if ln[0].text == "A"]
    assert len(starts) == 1
    assert starts[0][0].x0 == pytest.approx(LEFT, abs=0.01)


def test_the_report_counts_one_character_last_lines() -> None:
    def line(text: str, x: float, right: float) -> list[Glyph]:
        step = (right - x) / len(text)
        return [Glyph(ch, x + i * step, x + (i + 1) * step, 10.0, "UMing") for i, ch in
                enumerate(text)]

    full = line("全省之力，坚决阻断疫情蔓", 0.0, 120.0)
    assert len(analyse([full, line("延。", 0.0, 20.0)]).one_char_last_lines) == 1
    assert analyse([full, line("蔓延。", 0.0, 30.0)]).one_char_last_lines == []
