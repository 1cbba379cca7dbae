"""Finding the article inside a whole page copied as text (invented pages)."""

from __future__ import annotations

from convert.extent import find_extent, is_prose
from convert.reader import read_text

MENU = ["首页", "新闻", "体育", "财经", "娱乐", "科技", "汽车", "房产", "登录 注册", "下载客户端"]
P1 = (
    "本报讯 昨天上午，市民公园东门外的老槐树下聚集了二十多位退休"
    "教师，他们自发组织的读书会已经坚持了整整五年，每周三准时开讲。"
)
P2 = (
    "读书会发起人刘老师说，最初只是几个老同事凑在一起读报，后来附"
    "近小区的居民也陆续加入，如今成员已有六十多人，还有年轻人专程赶来。"
)
P3 = (
    "据了解，街道办事处计划明年在公园内修建一座小型阅览亭，为读书"
    "会提供遮风挡雨的场所，并配备一批大字版图书。"
)
TEASERS = [
    "热门推荐",
    "某地暴雨致道路积水 交警提醒绕行",
    "新款手机发布：续航提升三成",
    "周末去哪儿玩？这份清单请收好",
    "高铁新线开通 两城通勤只需半小时",
    "发表评论",
    "登录后参与评论",
]
COMMENT_RULES = [
    "网友评论须遵守国家有关法律法规，不得发布含有违法内容、人身攻击、商业广告等信息的评论，违者将被删除并封禁账号。",
    "本站有权保留或删除评论中的任何内容，评论仅代表网友个人观点，与本站立场无关，请理性发言，共同维护良好的交流环境。",
    "请勿在评论中泄露他人隐私，请勿发布未经证实的消息，如发现违规内容请及时举报，我们将在二十四小时内处理完毕。",
]


def test_prose_is_finished_sentences_not_headline_lists() -> None:
    assert is_prose(P1)
    assert is_prose("他说：“我们会坚持下去。”")
    assert not is_prose("新款手机发布：续航提升三成，价格不变")  # a teaser headline
    assert not is_prose("首页 新闻 体育 财经 娱乐 科技 汽车 房产 教育 旅游 健康 文化")


def test_the_frame_around_a_page_is_found() -> None:
    lines = [
        *MENU,
        "老教师公园读书会坚持五年",
        "2024-04-10 09:30 来源：某某晚报",
        P1,
        P2,
        P3,
        *TEASERS,
        *COMMENT_RULES,
        "关于我们 | 联系我们 | 网站地图",
    ]
    ext = find_extent(lines)
    assert lines[ext.title] == "老教师公园读书会坚持五年"
    assert lines[ext.body_start : ext.body_end] == [P1, P2, P3]


def test_a_one_paragraph_story_is_not_outweighed_by_longer_boilerplate_below() -> None:
    lines = [*MENU, "老教师公园读书会坚持五年", "2024-04-10 09:30", P3, *TEASERS, *COMMENT_RULES]
    ext = find_extent(lines)
    assert lines[ext.body_start : ext.body_end] == [P3]


def test_a_short_tidy_article_is_not_eaten() -> None:
    lines = ["老教师公园读书会", P3]
    ext = find_extent(lines)
    assert (ext.title, ext.body_start, ext.body_end) == (0, 1, 2)
    doc = read_text("\n\n".join(lines))
    assert doc.meta.title == "老教师公园读书会"
    assert [b.text for b in doc.blocks] == [P3]
    assert doc.dropped == ()


def test_the_reader_drops_the_frame_and_keeps_the_tail_rights() -> None:
    lines = [
        *MENU,
        "老教师公园读书会坚持五年",
        "2024-04-10 09:30 来源：某某晚报",
        "分享到：",
        "微信",
        P1,
        P2,
        P3,
        *TEASERS,
        "Copyright © 2024 某某晚报 版权所有",
    ]
    doc = read_text("\n".join(lines), encoding="utf-8")
    assert doc.meta.title == "老教师公园读书会坚持五年"
    assert doc.meta.source == "某某晚报"
    assert doc.meta.published == "2024-04-10T09:30"
    body = [b.text for b in doc.blocks]
    assert len(body) == 3 and body[0].startswith("本报讯")
    assert doc.rights == ("Copyright © 2024 某某晚报 版权所有",)
    for line in MENU + TEASERS:
        assert line in doc.dropped
