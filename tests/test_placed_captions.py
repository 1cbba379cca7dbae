"""Captions known by their place, broken figcaptions, provenance notes and banners
(invented articles)."""

from __future__ import annotations

import pytest

from convert.furniture import (
    bare_caption_shaped,
    bare_captions,
    is_caption,
    is_promo,
    is_provenance_note,
    repeated_captions,
)
from convert.reader import read_text

P1 = (
    "河西村合作社今年迎来了建社以来规模最大的一批订单，"
    "村民们连续三天忙着分拣装箱，预计全年收入将比去年增长三成以上。"
)
P2 = (
    "合作社负责人介绍，今年新修的冷库让果子能多放两个月，"
    "错开上市高峰后，每斤价格比往年高出五毛钱，农户们都很满意。"
)
P3 = (
    "县农业农村局表示，明年将在全县推广这一模式，"
    "并为新建冷库的合作社提供贷款贴息，帮助更多村子把果子卖上好价钱。"
)


@pytest.mark.parametrize(
    "line",
    ["合作社的冷库。", "村民在果园里的身影。", "事发次日老王在县医院的检查单。", "河西村小学。"],
)
def test_noun_phrase_lines_are_caption_shaped(line: str) -> None:
    assert bare_caption_shaped(line)


@pytest.mark.parametrize(
    "line",
    [
        "矛盾，在第三天爆发。",  # a clause with a comma
        "他笑了。",  # a pronoun, a closing particle
        "这是一个好消息。",  # the copula
        "可她们并未接走孩子。",  # negation
        "这封信亦被法院采纳。",  # the passive
        "“好。”",  # a quotation
        "合作社的冷库",  # no full stop: a heading's shape, not this one's
        "The cold store.",  # not Chinese
        "河西村合作社今年迎来了建社以来规模最大的一批订单和客户。",  # too long for a caption
    ],
)
def test_sentences_are_not_caption_shaped(line: str) -> None:
    assert not bare_caption_shaped(line)


def test_two_noun_phrase_lines_between_paragraphs_are_captions() -> None:
    lines = [P1, "合作社的冷库。", P2, "河西村小学。", P3]
    assert bare_captions(lines) == [1, 3]


def test_one_such_line_alone_may_be_the_story_and_stays() -> None:
    assert bare_captions([P1, "合作社的冷库。", P2, P3]) == []


def test_a_caption_shaped_line_beside_a_short_line_stays() -> None:
    assert bare_captions([P1, "合作社的冷库。", "一年过去了。", "河西村小学。", P3]) == []


def test_a_line_printed_twice_in_a_row_is_a_photos_alt_and_caption() -> None:
    lines = [P1, "村民在冷库前合影", "村民在冷库前合影", P2]
    assert repeated_captions(lines) == [1, 2]


def test_a_sentence_printed_twice_is_left_to_the_writer() -> None:
    assert repeated_captions([P1, "好。", "好。", P2]) == []
    assert repeated_captions([P1, P2, P3]) == []


def test_reader_drops_placed_captions_onto_dropped() -> None:
    text = "\n\n".join(
        ["河西村的果子卖上了好价钱", P1, "合作社的冷库。", P2, "河西村小学。", P3]
    )
    doc = read_text(text)
    body = [b.text for b in doc.blocks]
    assert "合作社的冷库。" not in body and "河西村小学。" not in body
    assert "合作社的冷库。" in doc.dropped and "河西村小学。" in doc.dropped
    assert len(body) == 3


def test_keep_boilerplate_keeps_placed_captions() -> None:
    from convert.reader import ReadOptions

    text = "\n\n".join(["河西村的果子卖上了好价钱", P1, "合作社的冷库。", P2, "河西村小学。", P3])
    doc = read_text(text, ReadOptions(keep_boilerplate=True))
    assert "合作社的冷库。" in [b.text for b in doc.blocks]


def test_a_figcaption_broken_over_lines_is_dropped_whole() -> None:
    text = "\n".join(
        [
            "河西村的果子卖上了好价钱",
            P1,
            "![](https://img.example.com/a.jpg)",
            "<figcaption>2019 年秋，村民在冷库前分拣。",
            "合作社负责人在一旁记账。某某社供图</figcaption>",
            P2,
        ]
    )
    doc = read_text(text)
    body = [b.text for b in doc.blocks]
    assert body == [P1, P2]
    assert any("合作社负责人在一旁记账" in d for d in doc.dropped)


@pytest.mark.parametrize(
    "line",
    [
        "原文链接：某某网 ~~[合作社的故事](http://www.example.com/2019/a.html)~~",
        "原文刊发于某某周刊，此文本根据某某网 [合作社的故事](https://example.com/a) 整理",
        "（本文原载于某某报 http://example.com/a）",
    ],
)
def test_provenance_notes(line: str) -> None:
    assert is_provenance_note(line)


@pytest.mark.parametrize(
    "line", ["原文链接已失效，读者可在档案馆查阅。", "原文刊发于某某周刊第12期。", P1]
)
def test_not_provenance_notes(line: str) -> None:
    assert not is_provenance_note(line)  # no link: a sentence about the original stays


def test_a_video_caption_crediting_its_source_in_brackets() -> None:
    assert is_caption("村民连夜抢收被困果园 （来源：某某视频）")
    assert is_caption("村民连夜抢收被困果园（來源：某某影音）")


def test_a_source_bracket_after_a_finished_sentence_is_not_a_caption() -> None:
    assert not is_caption("县里明年将推广这一模式。（来源：某某日报）")
    doc = read_text("\n\n".join(["河西村的果子卖上了好价钱", P1, P2, "（来源：某某日报）"]))
    assert doc.meta.source == "某某日报"  # a bracket alone at the end is the story's source


@pytest.mark.parametrize(
    "line",
    [
        "“谁是年度人物”，一张榜单看懂一年！ 年度评选火热进行中！【点击投票】选出你心中的人物",
        "本周特惠，全场五折【立即购买】",
        "[点击查看] 更多精彩内容",
    ],
)
def test_banners_with_a_bracketed_button(line: str) -> None:
    assert is_promo(line)


def test_a_bracketed_phrase_that_is_no_button_is_not_a_banner() -> None:
    assert not is_promo("【科学发展 成就辉煌】保障房建设稳步推进")
    assert not is_promo("记者点击进入系统后发现，页面长时间无法加载。" * 4)


def test_a_caption_framed_by_share_buttons_is_dropped() -> None:
    text = "\n".join(
        [
            "河西村的果子卖上了好价钱",
            *("Facebook", "Line", "合作社的冷库。", "Facebook", "Line"),
            P1,
            P2,
        ]
    )
    doc = read_text(text)
    assert [b.text for b in doc.blocks] == [P1, P2]
    assert "合作社的冷库。" in doc.dropped


def test_a_sentence_between_share_buttons_stays() -> None:
    text = "\n".join(["河西村的果子卖上了好价钱", "Facebook", "他们笑了。", "Facebook", P1, P2])
    assert "他们笑了。" in [b.text for b in read_text(text).blocks]


def test_a_run_of_three_identical_lines_is_not_a_photo() -> None:
    assert repeated_captions([P1, "村民合影", "村民合影", "村民合影", P2]) == []


def test_explain_says_why_a_placed_caption_was_dropped() -> None:
    from convert.explain import explain_text

    text = "\n\n".join(["河西村的果子卖上了好价钱", P1, "合作社的冷库。", P2, "河西村小学。", P3])
    rows = explain_text(text)
    assert any("photo caption (by its place)" in row and "合作社的冷库。" in row for row in rows)
