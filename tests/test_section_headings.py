"""Subheadings known from a run of lines sharing a form: bare section numbers counting
up, and two-line headings (a lead line ending in a colon over a short line). Invented
articles."""

from __future__ import annotations

from convert.model import heading, paragraph
from convert.reader import read_text
from convert.recognise import numbered_section_headings, two_line_headings

P = (
    "河西村合作社今年迎来了建社以来规模最大的一批订单，"
    "村民们连续三天忙着分拣装箱，预计全年收入将比去年增长三成以上。"
)
Q = (
    "县农业农村局表示，明年将在全县推广这一模式，"
    "并为新建冷库的合作社提供贷款贴息，帮助更多村子把果子卖上好价钱。"
)


def _kinds(blocks: list) -> list[str]:
    return [b.type for b in blocks]


def test_bare_numbers_counting_up_are_section_headings() -> None:
    blocks = [paragraph(P), paragraph("1"), paragraph(Q), paragraph("2"), paragraph(P)]
    out = numbered_section_headings(blocks)
    assert _kinds(out) == ["paragraph", "heading", "paragraph", "heading", "paragraph"]


def test_chinese_and_full_width_numbers_count_too() -> None:
    for one, two in (("一", "二"), ("１", "２")):
        blocks = [paragraph(one), paragraph(P), paragraph(two), paragraph(Q)]
        assert _kinds(numbered_section_headings(blocks)) == [
            "heading", "paragraph", "heading", "paragraph"
        ]


def test_numbers_out_of_order_or_alone_are_data() -> None:
    alone = [paragraph(P), paragraph("3"), paragraph(Q)]
    assert numbered_section_headings(alone) == alone
    skipping = [paragraph("1"), paragraph(P), paragraph("3"), paragraph(Q)]
    assert numbered_section_headings(skipping) == skipping
    last = [paragraph(P), paragraph("1"), paragraph(Q), paragraph("2")]  # nothing after `2`
    assert numbered_section_headings(last) == last


def test_two_line_headings_when_the_article_has_two_pairs() -> None:
    blocks = [
        paragraph(P),
        paragraph("英国《某某报》："),
        paragraph("小城再次充满欢声笑语"),
        paragraph(Q),
        paragraph("美国《某某时报》："),
        heading("游客蜂拥前往古楼", 2),
        paragraph(P),
    ]
    out = two_line_headings(blocks)
    assert _kinds(out) == [
        "paragraph", "heading", "heading", "paragraph", "heading", "heading", "paragraph"
    ]


def test_one_lead_line_before_a_short_line_stays_a_paragraph() -> None:
    blocks = [paragraph(P), paragraph("村支书老王说："), paragraph("大家辛苦了"), paragraph(Q)]
    assert two_line_headings(blocks) == blocks


def test_a_lead_line_before_a_finished_sentence_is_no_heading() -> None:
    blocks = [
        paragraph(P),
        paragraph("老王："),
        paragraph("大家辛苦了。"),
        paragraph(Q),
        paragraph("老李："),
        paragraph("明年还要再干。"),
        paragraph(P),
    ]
    assert two_line_headings(blocks) == blocks


def test_reader_reads_numbered_sections() -> None:
    text = "\n\n".join(["河西村的果子卖上了好价钱", P, "1", Q, "2", P, "3", Q])
    doc = read_text(text)
    assert [b.text for b in doc.blocks if b.type == "heading"] == ["1", "2", "3"]
