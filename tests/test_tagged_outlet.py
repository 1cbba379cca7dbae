"""An outlet named only by a bare line under the headline, confirmed by the page's closing
tag `(某某報 )`, and the reporter's bare name under it (invented pages)."""

from __future__ import annotations

from convert.reader import read_text
from convert.recognise import closing_tags

P1 = (
    "北市某區一處民宅今天下午傳出火警，消防隊接獲報案後立即出動二十多名隊員，"
    "約半小時後將火勢撲滅，所幸屋內無人受困，起火原因仍待調查。"
)
P2 = (
    "鄰居表示，當時聞到濃濃燒焦味，探頭一看才發現陽台冒出黑煙，"
    "趕緊通知其他住戶疏散，並協助消防人員指引路線。"
)


def test_closing_tags_are_read_from_the_end_of_the_page() -> None:
    assert closing_tags(["標題", P1, "(某時 )", "#火警"]) == {"某時"}
    assert closing_tags(["標題", P1, "（某某日報）"]) == {"某某日報"}
    assert closing_tags(["標題", P1, "（完）", "(2)"]) == set()  # an end mark, a number


def test_bare_outlet_line_confirmed_by_the_closing_tag() -> None:
    text = "\n".join(
        ["民宅火警 無人受困", "2018/09/16 15:31", "某時", "王大明", P1, P2, "(某時 )", "#火警"]
    )
    doc = read_text(text)
    assert doc.meta.source == "某時"
    assert [a.name for a in doc.meta.authors] == ["王大明"]
    assert [b.text for b in doc.blocks][:2] == [P1, P2]
    assert all("某時" not in b.text for b in doc.blocks)


def test_without_the_closing_tag_a_bare_short_line_stays() -> None:
    text = "\n".join(["民宅火警 無人受困", "2018/09/16 15:31", "某時", "王大明", P1, P2])
    doc = read_text(text)
    assert doc.meta.source is None
    assert doc.meta.authors == ()


def test_a_closing_tag_naming_nothing_above_is_left_alone() -> None:
    text = "\n".join(["民宅火警 無人受困", "2018/09/16 15:31", P1, P2, "(某時 )"])
    assert read_text(text).meta.source is None
