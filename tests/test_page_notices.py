"""Help-line notices, section labels, fan-page promos, late bylines under a key-points box
and subheadings over a one-sentence paragraph (invented pages)."""

from __future__ import annotations

import pytest

from convert.furniture import is_helpline, is_helpline_slogan, is_promo
from convert.model import heading, paragraph
from convert.reader import read_text
from convert.recognise import headings_over_short_paragraphs

P1 = (
    "台中市凌晨發生一起墜樓案，一名男子酒後與家人發生口角，從住處五樓墜落，"
    "經送醫後仍宣告不治，檢警將進行相驗釐清死因，並調閱附近監視器畫面。"
)
P2 = (
    "警方指出，當時正在附近巡邏的員警聽到巨響後趕到現場，立即通報救護車，"
    "家屬情緒激動已先被送醫，詳細經過仍待進一步調查。"
)


@pytest.mark.parametrize(
    "line",
    ["自殺防治諮詢安心專線：0800-788995（24小時）", "生命線：1995", "心理援助热线：400-161-9995"],
)
def test_helpline_numbers(line: str) -> None:
    assert is_helpline(line)


def test_a_sentence_naming_a_hotline_without_its_number_is_not_one() -> None:
    assert not is_helpline("市府表示將增設專線，方便民眾反映問題。")


def test_a_slogan_counts_only_right_above_the_numbers() -> None:
    lines = [P1, "自殺解決不了問題，請珍惜生命。", "再給自己一次機會", "生命線：1995"]
    assert is_helpline_slogan(lines, 1) and is_helpline_slogan(lines, 2)
    assert not is_helpline_slogan([P1, "請珍惜生命。", P2, P2, P2, "生命線：1995"], 1)


def test_reader_drops_the_helpline_block() -> None:
    text = "\n".join(
        [
            "男子酒後墜樓 送醫不治",
            P1,
            P2,
            "自殺解決不了問題，請珍惜生命。",
            "再給自己一次機會",
            "自殺防治諮詢安心專線：0800-788995（24小時）",
            "生命線：1995",
        ]
    )
    doc = read_text(text)
    assert [b.text for b in doc.blocks] == [P1, P2]
    assert "生命線：1995" in doc.dropped


def test_a_fan_page_promo() -> None:
    assert is_promo(">>加入某某日報粉絲團，即時新聞不漏接！")
    assert not is_promo("他在二十歲那年加入了學校的登山社。")


def test_a_two_character_section_label_under_the_meta_is_dropped() -> None:
    doc = read_text("\n".join(["男子酒後墜樓 送醫不治", "2019/05/21 11:44", "社會", P1, P2]))
    assert [b.text for b in doc.blocks] == [P1, P2]
    assert "社會" in doc.dropped


def test_without_meta_lines_a_short_first_line_is_left_alone() -> None:
    doc = read_text("\n".join(["男子酒後墜樓 送醫不治", "社會", P1, P2]))
    assert "社會" in [b.text for b in doc.blocks]


def test_a_byline_under_a_key_points_box() -> None:
    s1 = "一位業內人士對本刊表示，整頓從年初就在醞釀。"
    s2 = "數據成本普遍在2元到10元之間。"
    text = "\n".join(
        [
            "數據業大整頓",
            "財經頻道某刊2019-09-23 07:48",
            "划重点：",
            s1,
            s2,
            "《某刊》作者 王小明",
            P1,
            P2,
        ]
    )
    doc = read_text(text)
    assert [a.name for a in doc.meta.authors] == ["王小明"]
    assert doc.meta.source == "某刊"  # the channel glued before the column's name is not it
    assert [b.text for b in doc.blocks] == [P1, P2]
    assert s1 in doc.dropped


def test_a_name_line_without_a_role_word_is_not_a_late_byline() -> None:
    doc = read_text("\n".join(["男子酒後墜樓", "2019/05/21", P1, P2, "王小明", P1]))
    assert doc.meta.authors == ()


def test_a_heading_over_a_one_sentence_paragraph() -> None:
    blocks = [
        paragraph(P1),
        paragraph("共享單車告別一元時代"),
        paragraph("你還記得上一次被扣了多少錢嗎？"),
        paragraph(P2),
        heading("市場競爭下的自我救贖", 2),
        paragraph(P1),
    ]
    out = headings_over_short_paragraphs(blocks)
    assert out[1] == heading("共享單車告別一元時代", 2)


def test_no_heading_over_a_short_paragraph_where_the_article_has_none() -> None:
    blocks = [
        paragraph(P1),
        paragraph("共享單車告別一元時代"),
        paragraph("你還記得上一次被扣了多少錢嗎？"),
        paragraph(P2),
    ]
    assert headings_over_short_paragraphs(blocks) == blocks


def test_the_headline_again_with_a_word_changed_is_dropped() -> None:
    text = "\n".join(
        [
            "教練對球員說了啥？球員上下半場判若兩人",
            "2019-09-07 09:59",
            "教練對球員說了啥？大個子上下半場判若兩人",
            P1,
            P2,
        ]
    )
    doc = read_text(text)
    assert [b.text for b in doc.blocks] == [P1, P2]
    assert "教練對球員說了啥？大個子上下半場判若兩人" in doc.dropped


def test_a_first_line_unlike_the_headline_stays() -> None:
    text = "\n".join(["教練對球員說了啥？", "2019-09-07 09:59", "比賽第三節的一次暫停", P1, P2])
    assert "比賽第三節的一次暫停" in [b.text for b in read_text(text).blocks]


def test_markup_or_a_rule_is_no_heading_over_a_short_paragraph() -> None:
    for line in ("<p>還有更多</p>", "==========="):
        blocks = [
            paragraph(P1),
            paragraph(line),
            paragraph("你還記得嗎？"),
            paragraph(P2),
            heading("市場競爭下的自我救贖", 2),
            paragraph(P1),
        ]
        assert headings_over_short_paragraphs(blocks) == blocks
