"""Sources from datelines and sign-offs, bylines in their real-world forms (invented text)."""

from __future__ import annotations

import pytest

from convert.datelines import dateline_source, sign_off
from convert.reader import read_text
from convert.recognise import find_byline, parse_header_line

P = (
    "全市今年新建的十二座口袋公园昨天全部开放，"
    "附近居民纷纷前来散步、健身，不少老人说家门口终于有了歇脚的地方。"
)
EN = (
    "The city's twelve new pocket parks opened on Tuesday, "
    "and residents were quick to use them for walks and exercise."
)


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("某某社南京3月8日电 全市今年新建的", "某某社"),
        ("某某网上海3月8日电（记者 张三）全市", "某某网"),
        ("某某晚报讯 全市今年新建的", "某某晚报"),
        ("某某报快讯（记者 李四）全市", "某某报"),
        ("【某某网报道】全市今年新建的", "某某网"),
        ("某某网-某某客户端3月8日讯 全市", "某某网"),
        ("本报讯 全市今年新建的", None),
        ("(XYZ) -- The city's twelve new pocket parks", "XYZ"),
        ("SPRINGFIELD (Wirenews) - The city's parks", "Wirenews"),
        ("SPRINGFIELD, June 11 (Wirenews) -- The city's parks", "Wirenews"),
        ("Springfield, April 7 (ABC) The city's parks", "ABC"),
        ("Springfield is a city (in theory) - the parks", None),
    ],
)
def test_the_outlet_a_dateline_names(text: str, outlet: str | None) -> None:
    assert dateline_source(text) == outlet


def test_a_wire_sign_off() -> None:
    assert sign_off(" REUTER") == "Reuters"
    assert sign_off("Reuter") == "Reuters"
    assert sign_off("The end") is None


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("某某网3月8日讯（记者王小明 整合）全市", [("王小明", "记者")]),
        ("【某某网】（记者张三实习记者李四）全市", [("张三", "记者"), ("李四", "实习记者")]),
        ("本报讯　记者张三报道 全市", [("张三", "记者")]),
    ],
)
def test_bylines_in_datelines(text: str, people: list[tuple[str, str]]) -> None:
    found = find_byline(text)
    assert found is not None and found[1] == people


def test_a_byline_names_the_outlet_after_a_comma() -> None:
    fields = parse_header_line("By Jane Doe, Wirenews")
    assert fields is not None
    assert fields["authors"] == [("Jane Doe", "author")] and fields["affiliation"] == "Wirenews"
    fields = parse_header_line("作者：王小明 某某生活周刊")
    assert fields is not None
    assert fields["authors"] == [("王小明", "作者")] and fields["affiliation"] == "某某生活周刊"
    fields = parse_header_line("2020-06-05 20:35 叨叨 胡小刀")
    assert fields is not None and fields["authors"] == [("叨叨", None), ("胡小刀", None)]


def test_source_from_the_dateline_the_tail_and_the_sign_off() -> None:
    doc = read_text(f"口袋公园全部开放\n\n某某社南京3月8日电 {P}\n\n{P}\n")
    assert doc.meta.source == "某某社"
    doc = read_text(f"口袋公园全部开放\n\n{P}\n\n{P}\n\n（来源：某某日报）\n")
    assert doc.meta.source == "某某日报"
    assert all("来源" not in b.text for b in doc.blocks)
    doc = read_text(f"PARKS OPEN\n    By Jane Doe\n\n{EN}\n\n{EN}\n\n Reuter\n")
    assert doc.meta.source == "Reuters"
    assert "Reuter" in doc.dropped
