"""Title lines cut at natural places; a book's /Lang from most of its articles;
the shared fontconfig helper."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert import fonts
from convert.linebreak import NO_END, NO_START, balanced_breaks, wrap
from convert.writers.base import RenderOptions
from convert.writers.pdf import majority_language, render, render_book
from convert.writers.pdf_fonts import document_fonts
from convert.writers.pdf_layout import TITLE, Flow
from tests import documents
from tests.test_pdf import reader

OPTIONS = RenderOptions()


def em(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def title_lines(text: str, width: float = 22.0) -> list[str]:
    """A title's lines the way the layout cuts them (in ems, 22 to a line like a PDF title)."""
    count = len(wrap(text, em, width))
    if count == 1:
        return [text]
    lines = balanced_breaks(text, em, width, count)
    assert lines is not None
    assert all(line.width <= width + 1e-9 for line in lines)
    return [line.text for line in lines]


@pytest.mark.parametrize(
    ("title", "first"),
    [
        # The space between the main and the secondary clause.
        ("省科学技术奖揭晓 28个项目和12名科技工作者获表彰", "省科学技术奖揭晓"),
        ("全国人大常委会第十二次会议在京闭幕 表决通过反外国制裁法等法律", None),
        # After a colon or a comma, not in the middle of a word.
        ("国务院常务会议：部署进一步扩大内需稳定经济增长的若干措施", "国务院常务会议："),
        ("“十四五”规划纲要草案提交审议，聚焦高质量发展推动经济社会持续健康发展", None),
        # 暨 joins the names of two meetings.
        ("巴音朝鲁主持召开省委常委会议暨疫情防控工作领导小组会议", "巴音朝鲁主持召开省委常委会议"),
        # The colon would leave a line too long: before the number, which keeps its unit.
        (
            "新华社记者专访：中国航天员将在2025年完成首次出舱任务并开展科学实验",
            "新华社记者专访：中国航天员将在",
        ),
    ],
)
def test_titles_break_at_natural_places(title: str, first: str | None) -> None:
    lines = title_lines(title)
    assert len(lines) == 2
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")
    if first is not None:
        assert lines[0] == first
    else:  # the cut is at the space or the comma, wherever it lies
        assert lines[0][-1] == "，" or title[len(lines[0])] == " "
    for word in re.findall(r"[0-9A-Za-z]+", title):
        assert any(word in line for line in lines), f"{word} was split"
    assert lines[1][0] not in NO_START and lines[0][-1] not in NO_END


def test_a_cut_never_leaves_a_stub_line() -> None:
    # The only space is near the end: a balanced cut elsewhere beats a two-character line.
    lines = title_lines("我省出台支持民营经济高质量发展的二十条措施并公布实施细则 全文")
    assert min(len(ln) for ln in lines) >= 0.4 * max(len(ln) for ln in lines)


def test_english_titles_cut_between_words() -> None:
    title = "Storm closes the harbour bridge, ferries run all night"
    lines = title_lines(title, width=17)
    assert len(lines) == 2
    assert lines[0].endswith("bridge,")  # after the comma, not at the nearest space
    assert " ".join(lines) == title


def test_a_title_that_fits_stays_one_line() -> None:
    flow = Flow(document_fonts("短标题也居中 12个字", OPTIONS, "zh-Hans"))
    assert [ln.text for ln in flow.add("短标题也居中 12个字", TITLE)] == ["短标题也居中 12个字"]


def test_the_pdf_title_of_the_rare_character_sample_breaks_at_its_space() -> None:
    title = "省科学技术奖揭晓 28个项目和12名科技工作者获表彰"
    doc = documents.rare_characters()
    doc = replace(doc, meta=replace(doc.meta, title=title))
    flow = Flow(document_fonts(title, OPTIONS, "zh-Hans"))
    lines = [ln.text for ln in flow.add(title, TITLE)]
    assert lines == ["省科学技术奖揭晓", "28个项目和12名科技工作者获表彰"]
    text = reader(render(doc, OPTIONS).data).pages[0].extract_text()
    assert text.splitlines()[:2] == lines


def test_a_book_takes_its_lang_from_most_of_its_articles() -> None:
    hant, hans = documents.zh_hant(), documents.zh_hans()
    docs = [hant, hans, documents.english(), hans]
    assert majority_language(docs) == hans.meta.language
    pdf = reader(render_book(docs, "合集", OPTIONS).data)
    assert pdf.trailer["/Root"]["/Lang"] == "zh-CN"
    assert "目录" in pdf.pages[0].extract_text()
    # A tie goes to the earliest article.
    assert majority_language([hant, hans]) == hant.meta.language


def test_fontconfig_helper_returns_none_for_a_missing_tool() -> None:
    assert fonts.fontconfig("fc-no-such-tool-here") is None
    out = fonts.fontconfig("fc-match", "-f", "%{family}", "serif")
    if out is not None:  # fontconfig installed: it answers with some family
        assert out.strip()


_PIECES = st.sampled_from(
    [
        "省",
        "科学",
        "技术奖",
        "揭晓",
        "28个",
        "项目",
        "和",
        "12名",
        "工作者",
        "获表彰",
        "iPhone",
        "5.2%",
        " ",
        "，",
        "：",
        "、",
        "“",
        "”",
        "《",
        "》",
        "（",
        "）",
        "暨",
        "！",
        "Wi-Fi",
    ]
)


@settings(max_examples=80, deadline=None)
@given(st.lists(_PIECES, min_size=3, max_size=30), st.integers(min_value=8, max_value=24))
def test_balanced_titles_keep_the_text_the_rules_and_the_line_count(
    pieces: list[str], width: int
) -> None:
    text = " ".join("".join(pieces).split())
    count = len(wrap(text, em, float(width)))
    lines = balanced_breaks(text, em, float(width), count)
    if lines is None:  # no cut keeps the lines near even: the layout falls back
        return
    assert len(lines) == count
    assert "".join(ln.text for ln in lines).replace(" ", "") == text.replace(" ", "")
    for i, line in enumerate(lines):
        assert line.width <= width + 1e-9 and line.text.strip() == line.text
        if i:
            assert line.text[0] not in NO_START and lines[i - 1].text[-1] not in NO_END
    words = re.findall(r"[0-9A-Za-z]+(?:[.%-][0-9A-Za-z%]+)*", text)
    for word in words:
        assert any(word in ln.text for ln in lines), word
