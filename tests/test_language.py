"""Language from the text itself."""

from __future__ import annotations

import pytest

from convert.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("省委书记主持召开会议，传达学习中央会议精神，这是我们国家的重要工作。", "zh-Hans"),
        ("臺北捷運公司今天宣布，這個週末們將延長營運，國定假日前夕末班車延後。", "zh-Hant"),
        ("佢哋話今日嘅天氣唔係幾好，我哋都冇出去，喺屋企睇電視，這個週末國家。", "zh-Hant-HK"),
        ("東京都は今日、新しい交通計画を発表しました。これは市民のためのものです。", "ja"),
        ("서울시는 오늘 새로운 교통 계획을 발표했습니다. 시민들을 위한 것입니다.", "ko"),
        ("The harbor bridge reopened to traffic on Monday, ending a two-year closure.", "en"),
    ],
)
def test_languages(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_traditional_punctuation_alone_does_not_decide() -> None:
    # the same characters with 「」 quotes are still Simplified
    assert detect_language("他说「我们这里的国家很好」") == "zh-Hans"


def test_english_words_in_chinese_text_do_not_make_it_english() -> None:
    assert detect_language("GDP增长5.2%，CPI上涨0.2%，这是国家统计局发布的数据。") == "zh-Hans"


def test_other_latin_text_is_undetermined() -> None:
    text = (
        "Le pont du port a rouvert lundi après deux ans de travaux, selon la mairie de la ville. "
        * 2
    )
    assert detect_language(text) == "und"


@pytest.mark.parametrize(("codec", "leads", "trails"), [
    ("gb2312", range(0xB0, 0xF8), (range(0xA1, 0xFF),)),
    ("big5", range(0xA4, 0xFA), (range(0x40, 0x7F), range(0xA1, 0xFF))),
    ("big5hkscs", range(0x87, 0xA1), (range(0x40, 0x7F), range(0xA1, 0xFF))),
])
def test_code_tables_read_in_one_decode_are_those_read_a_code_at_a_time(
    codec: str, leads: range, trails: tuple[range, ...]
) -> None:
    from convert.charclass import _table_hanzi, is_han

    one_at_a_time = set()
    for lead in leads:
        for trail in (t for r in trails for t in r):
            try:
                ch = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(ch) == 1 and is_han(ch):
                one_at_a_time.add(ch)
    assert _table_hanzi(codec, leads, trails) == one_at_a_time
    assert len(one_at_a_time) > 1000
