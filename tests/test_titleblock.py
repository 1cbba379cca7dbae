"""The title block: kicker, headline, subtitle, and what pages add to a headline."""

from __future__ import annotations

import pytest

from convert.charclass import display_width
from convert.reader import read_text
from convert.titleblock import derive_title, is_kicker, split_media_tag, split_site_suffix

BODY = "本报讯 近日，河西村的合作社迎来了今年第一批订单，村民们忙着分拣、装箱，脸上洋溢着笑容。"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("[视频]河西村合作社迎来首批订单", ("河西村合作社迎来首批订单", "[视频]")),
        ("河西村合作社迎来首批订单（组图）", ("河西村合作社迎来首批订单", "（组图）")),
        ("【乡村振兴】河西村合作社迎来首批订单", ("【乡村振兴】河西村合作社迎来首批订单", None)),
    ],
)
def test_a_media_tag_leaves_the_headline_a_column_tag_stays(
    title: str, expected: tuple[str, str | None]
) -> None:
    assert split_media_tag(title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "河西村合作社迎来今年首批订单 ｜ 某某新闻网 ABC",
            ("河西村合作社迎来今年首批订单", "某某新闻网"),
        ),
        (
            "Harbour ferry fares to rise next month - Example News",
            ("Harbour ferry fares to rise next month", "Example News"),
        ),
        ("河西村合作社迎来今年首批订单_某某网", ("河西村合作社迎来今年首批订单", "某某网")),
        ("棱角|河西村合作社迎来今年首批订单", ("棱角|河西村合作社迎来今年首批订单", None)),
        ("甲 - 乙丙丁", ("甲 - 乙丙丁", None)),
    ],
)
def test_a_site_name_after_the_headline_is_the_source(
    title: str, expected: tuple[str, str | None]
) -> None:
    assert split_site_suffix(title) == expected


def test_kicker_and_subtitle_around_the_headline() -> None:
    assert is_kicker("喜看乡村新变化——", "河西村合作社迎来首批订单")
    assert not is_kicker("喜看乡村新变化——", BODY)
    doc = read_text("喜看乡村新变化——\n河西村合作社迎来首批订单\n——记合作社带头人王小红\n\n" + BODY)
    assert doc.meta.kicker == "喜看乡村新变化——"
    assert doc.meta.title == "河西村合作社迎来首批订单"
    assert doc.meta.subtitle == "——记合作社带头人王小红"


def test_a_derived_title_is_cut_at_a_clause_boundary_with_a_warning() -> None:
    long = (
        "河西村合作社今年迎来了建社以来规模最大的一批订单，村民们连续三天忙着分拣装箱，"
        "预计全年收入将比去年增长三成以上。"
    )
    title = derive_title(long)
    assert title == "河西村合作社今年迎来了建社以来规模最大的一批订单…"
    doc = read_text(long + "\n\n" + BODY + BODY)
    assert doc.meta.title == title
    assert any("derived" in w for w in doc.warnings)


def test_a_derived_english_title_ends_on_a_whole_word() -> None:
    title = derive_title(
        "The harbour ferry that has linked the two halves of the old town since the 1950s "
        "will stop running next spring. Officials said so."
    )
    assert title.endswith("…") and not title.endswith(" …")
    assert title[:-1] in "The harbour ferry that has linked the two halves of the old town"
    assert display_width(title) <= 61
