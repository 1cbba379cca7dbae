"""Recognising the parts of an article, one rule at a time."""

from __future__ import annotations

import pytest

from convert.recognise import (
    find_byline,
    heading_level,
    is_boilerplate,
    is_rights,
    parse_header_line,
    recognise,
)

LONG = (
    "巴音朝鲁指出，习近平总书记的重要讲话和重要批示，充分体现了党中央对吉林疫情防控工作的高度重视。"
)


@pytest.mark.parametrize(
    "line",
    [
        "分享",
        "分享到",
        "分享到微信",
        "分享到：微信 微博 QQ空间",
        "打印",
        "关闭窗口",
        "【字体：大 中 小】",
        "扫一扫在手机打开当前页",
        "返回顶部",
        "打印本页 关闭窗口",
        "【打印】【关闭】",
        "Share",
        "Tweet",
        "列印",
        "字級：小 中 大",
        # A share button alone on its line, as pages list them one under another.
        "微信",
        "Facebook",
        "QQ空间",
        "1032人参与308评论",
    ],
)
def test_web_furniture_is_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    ["分享经济持续发展", "微信支付", "大 中 小", "评论", "他在微博上分享了这张照片。", LONG],
)
def test_real_text_is_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("来源: 吉林日报", {"source": "吉林日报"}),
        ("2020-05-16 11:36", {"published": "2020-05-16T11:36"}),
        (
            "来源：吉林日报 2020-05-16 11:36",
            {"source": "吉林日报", "published": "2020-05-16T11:36"},
        ),
        (
            "2020年5月16日 11:36　来源：新华网　作者：张三 李四",
            {
                "source": "新华网",
                "published": "2020-05-16T11:36",
                "authors": [("张三", "作者"), ("李四", "作者")],
            },
        ),
        ("记者 张三 通讯员 李四", {"authors": [("张三", "记者"), ("李四", "通讯员")]}),
        ("责任编辑：周晓梅", {"editors": ["周晓梅"]}),
        ("（責任編輯：陳怡君）", {"editors": ["陳怡君"]}),
        ("发布时间：2024年9月18日 09:30", {"published": "2024-09-18T09:30"}),
        (
            "By Jane Okafor and Daniel Reyes",
            {"authors": [("Jane Okafor", "author"), ("Daniel Reyes", "author")]},
        ),
        (
            "Source: Reuters | March 3, 2025, 4:15 p.m.",
            {"source": "Reuters", "published": "2025-03-03T16:15"},
        ),
    ],
)
def test_header_lines_in_any_combination(line: str, expected: dict[str, object]) -> None:
    fields = parse_header_line(line)
    assert fields is not None
    for key, value in expected.items():
        assert fields[key] == value, key


@pytest.mark.parametrize(
    "line",
    [LONG, "会议于2020年5月16日召开。", "编辑：张三 这是一句话。", "By the way, it rained."],
)
def test_sentences_are_not_header_lines(line: str) -> None:
    assert parse_header_line(line) is None


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("本报5月15日讯（记者缪友银）今天，省委书记", [("缪友银", "记者")]),
        ("本报5月15日讯(记者缪友银)今天,省委书记", [("缪友银", "记者")]),
        ("新华社北京6月11日电（记者王明、李华）国务院", [("王明", "记者"), ("李华", "记者")]),
        ("本报讯（记者张三 通讯员李四）近日", [("张三", "记者"), ("李四", "通讯员")]),
        ("（中央社記者林育如臺北5日電）臺北捷運公司", [("林育如", "記者")]),
        ("（中央社記者王大明、陳小華東京5日電）日本", [("王大明", "記者"), ("陳小華", "記者")]),
    ],
)
def test_bylines_inside_datelines(text: str, people: list[tuple[str, str]]) -> None:
    found = find_byline(text)
    assert found is not None
    dateline, names = found
    assert names == people
    assert text.startswith(dateline)


@pytest.mark.parametrize(
    "text", [LONG, "会议指出（见附件）要做好工作", "他说（记者会上宣布的消息）"]
)
def test_no_byline(text: str) -> None:
    assert find_byline(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "中国日报网版权说明：凡注明来源为“中国日报网”的作品，未经允许禁止转载。",
        "Copyright 2025 The Coastal Ledger. All rights reserved.",
        "本網站之文字、圖片及影音，非經授權，不得轉載。",
        "免责声明：本文仅代表作者观点。",
        "本文系转载，版权归原作者所有。",
    ],
)
def test_rights_paragraphs(text: str) -> None:
    assert is_rights(text)


def test_an_ordinary_paragraph_is_not_rights() -> None:
    assert not is_rights(LONG)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("一、工程概况", 2),
        ("（一）总体要求", 3),
        ("(二)青年科技奖获得者平均年龄36岁", 3),
        ("第二章 总则", 2),
        ("第三节 适用范围", 3),
        ("What changes for commuters", 2),
        ("下一步安排", 2),
    ],
)
def test_headings(text: str, level: int) -> None:
    assert heading_level(text, LONG, LONG) == level


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("一、要坚持举一反三，勇于反思反省，深刻汲取教训，时刻绷紧疫情防控这根弦。", LONG, LONG),
        ("会议以视频形式召开。", LONG, LONG),
        ("下一步安排", None, LONG),  # not between paragraphs
        ("下一步安排", LONG, "短句"),
        ("2020年5月16日", LONG, LONG),
    ],
)
def test_not_headings(text: str, before: str | None, after: str | None) -> None:
    assert heading_level(text, before, after) is None


def test_recognise_a_whole_article() -> None:
    units = [
        "标题在这里",
        "标题在这里",
        "来源：吉林日报",
        "2020-05-16 11:36",
        "分享到微信",
        "本报5月15日讯（记者缪友银）" + LONG,
        "一、工程概况",
        LONG,
        LONG + "（责任编辑：王璐）",
        "版权声明：未经授权禁止转载。",
    ]
    r = recognise(units)
    assert r.title == "标题在这里"
    assert r.source == "吉林日报" and r.published == "2020-05-16T11:36"
    assert [(a.name, a.role) for a in r.authors] == [("缪友银", "记者")]
    assert r.editors == ["王璐"]
    assert r.rights == ["版权声明：未经授权禁止转载。"]
    assert set(r.dropped) == {"标题在这里", "分享到微信"}
    assert [b.type for b in r.blocks] == ["paragraph", "heading", "paragraph", "paragraph"]
    assert r.blocks[-1].text == LONG  # the editor note left the text
    assert r.blocks[0].text.startswith("本报5月15日讯（记者缪友银）")


def test_keep_boilerplate_keeps_furniture_in_the_body() -> None:
    r = recognise(["标题", "分享到微信", LONG], keep_boilerplate=True)
    assert "分享到微信" in [b.text for b in r.blocks]
    assert r.dropped == []


def test_a_long_first_line_is_not_taken_whole_as_title() -> None:
    r = recognise([LONG * 3, LONG])
    assert len(r.blocks) == 2  # the paragraph stays in the body
    assert r.title and len(r.title) <= 41
    assert r.warnings


@pytest.mark.parametrize(
    "first",
    [
        # Starts with a reporter's dateline: the article has no title line.
        "〔記者陳小華／臺北報導〕行政院今（11）日通過「數位發展部組織法」草案，預計明年成立。",
        "新华社北京6月11日电（记者张三）国务院今天召开常务会议，部署下半年工作。",
        # A finished sentence with a comma inside reads as prose, not a headline.
        "市政府今天宣布，地铁三号线将于年底通车。",
    ],
)
def test_a_first_line_that_is_prose_stays_in_the_body(first: str) -> None:
    r = recognise([first, "第二段内容，继续报道。"])
    assert r.blocks[0].text == first
    assert r.title and r.title in first and not r.title.startswith(("〔", "新华社"))
    assert "no title line" in r.warnings[0]


@pytest.mark.parametrize(
    "title",
    [
        "巴音朝鲁主持召开省委常委会议暨疫情防控工作领导小组会议",
        "Storm Hits Coast, Thousands Lose Power",
        "北捷週末延長營運 末班車延至凌晨1時",
        "他为什么能赢？",
    ],
)
def test_headlines_stay_titles(title: str) -> None:
    r = recognise([title, "正文第一段，内容如下。"])
    assert r.title == title


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("〔記者林育如／臺北報導〕臺北市政府今天", [("林育如", "記者")]),
        ("【記者王小明、李大華／綜合報導】颱風", [("王小明", "記者"), ("李大華", "記者")]),
    ],
)
def test_taiwanese_bylines_in_other_brackets(text: str, people: list[tuple[str, str]]) -> None:
    found = find_byline(text)
    assert found is not None and found[1] == people


def test_metadata_above_the_title_is_not_the_title() -> None:
    r = recognise(["2020-05-16 来源：新华网", "真正的标题", LONG, LONG])
    assert r.title == "真正的标题"
    assert (r.source, r.published) == ("新华网", "2020-05-16")


def test_a_later_header_date_adds_the_time_of_day() -> None:
    r = recognise(["标题", "2020-05-16", "发布时间：2020-05-16 11:36", LONG, LONG])
    assert r.published == "2020-05-16T11:36"


def test_view_counters_leave_the_header_line_as_furniture() -> None:
    fields = parse_header_line("发布时间：2020-05-16 11:36 浏览次数：1234")
    assert fields is not None
    assert fields["published"] == "2020-05-16T11:36"
    assert fields["dropped"] == ["浏览次数：1234"]
    assert parse_header_line("浏览次数：很多") is None


@pytest.mark.parametrize(
    "line", ["首页 > 新闻中心 > 正文", "当前位置：首页 » 要闻", "您的位置：首页>本地"]
)
def test_breadcrumbs_are_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


def test_dropped_lines_keep_their_order() -> None:
    r = recognise(["标题", "标题", "分享到微信", LONG, LONG, "返回顶部"])
    assert r.dropped == ["标题", "分享到微信", "返回顶部"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("某某晚报　2019-03-02 08:15", {"source": "某某晚报", "published": "2019-03-02T08:15"}),
        ("河东時報 2018-03-12", {"source": "河东時報", "published": "2018-03-12"}),
        (
            "2019-03-02 08:15:09　来源: 某某日报 举报",
            {"source": "某某日报", "published": "2019-03-02T08:15:09", "dropped": ["举报"]},
        ),
        (
            "2019-03-02 08:15来源：某某财经网作者：张小明",
            {"source": "某某财经网", "authors": [("张小明", "作者")]},
        ),
        ("本报记者  王  明  李小红", {"authors": [("王明", "本报记者"), ("李小红", "本报记者")]}),
        ("記者王大明／台北報導", {"authors": [("王大明", "記者")]}),
        ("文｜张三", {"authors": [("张三", "作者")]}),
        ("采写：某报见习记者 林小明", {"authors": [("林小明", "见习记者")]}),
        (
            "某某新闻记者 张三 李四",
            {"affiliation": "某某新闻", "authors": [("张三", "记者"), ("李四", "记者")]},
        ),
        ("张三/某某青年报", {"affiliation": "某某青年报", "authors": [("张三", "作者")]}),
        ("By JANE DOE and JOHN ROE", {"authors": [("Jane Doe", "author"), ("John Roe", "author")]}),
        (  # initials and apostrophes keep their capitals
            "By JAMES S.A. COREY and MARY O'NEILL",
            {"authors": [("James S.A. Corey", "author"), ("Mary O'Neill", "author")]},
        ),
        ("By Jane Doe, staff reporter", {"authors": [("Jane Doe", "author")]}),
        (
            "Reporting by Jane Doe; Editing by John Roe",
            {"authors": [("Jane Doe", "author")], "editors": ["John Roe"]},
        ),
        (
            "2016-03-24 01:51:00  http://news.example.com/a/123.html",
            {"published": "2016-03-24T01:51:00", "dropped": ["http://news.example.com/a/123.html"]},
        ),
        ("Thu, 17 Apr 2025 08:01:00 +0800", {"published": "2025-04-17T08:01:00+08:00"}),
        ("建立時間：2016/05/21 11:44", {"published": "2016-05-21T11:44"}),
        ("时间：：2021-07-01", {"published": "2021-07-01"}),
        ("本文来源：某某社 责任编辑：李四_NN1234", {"source": "某某社", "editors": ["李四"]}),
    ],
)
def test_real_world_header_lines(line: str, expected: dict[str, object]) -> None:
    fields = parse_header_line(line)
    assert fields is not None
    for key, value in expected.items():
        assert fields[key] == value, key


@pytest.mark.parametrize(
    "line", ["王明 2024-01-02", "他在2024-01-02说了话", "记者会上宣布了新政策", "文章很好看"]
)
def test_a_person_or_a_sentence_beside_a_date_is_not_a_header(line: str) -> None:
    assert parse_header_line(line) is None


def test_a_source_line_outranks_the_reporters_paper() -> None:
    r = recognise(["标题", "某某新闻记者 张三", "2024-01-02 来源：某某晚报", LONG])
    assert r.source == "某某晚报"
    assert [a.name for a in r.authors] == ["张三"]


P1 = (
    "合作社负责人说，订单主要来自城里的几家超市，"
    "价格比往年高出一成，村民收入明显增加，大家干劲更足了。"
)
P2 = (
    "据了解，合作社明年计划扩建冷库，"
    "并与物流公司合作开通直达城区的冷链专线，让橙子更快送到顾客手中。"
)


def test_a_subheading_may_open_the_body_under_the_headline() -> None:
    r = recognise(["河西村合作社迎来首批订单", "2024-05-06 来源：某某晚报", "订单从哪里来", P1, P2])
    assert (r.blocks[0].type, r.blocks[0].text) == ("heading", "订单从哪里来")


def test_a_subheading_after_a_short_finished_sentence() -> None:
    r = recognise(["标题在这里", P1, "仓库一角。", "“橙子甜了，日子也甜了”", P2])
    assert ("heading", "“橙子甜了，日子也甜了”") in [(b.type, b.text) for b in r.blocks]


def test_a_quoted_sentence_is_not_a_subheading() -> None:
    r = recognise(["标题在这里", P1, "他说，“还有你老弟。”", P2])
    assert all(b.type == "paragraph" for b in r.blocks)


def test_lines_shaped_like_the_found_subheadings_are_subheadings_too() -> None:
    short = "村民们连续三天忙着分拣装箱。"  # a short paragraph: no real paragraph above
    r = recognise(["标题在这里", P1, "联村发力 抱团致富", P2, short, "冷链进城 橙子出山", P1])
    heads = [b.text for b in r.blocks if b.type == "heading"]
    assert heads == ["联村发力 抱团致富", "冷链进城 橙子出山"]


def test_an_original_title_note_is_dropped() -> None:
    r = recognise(["标题在这里", "（原标题：合作社订单创新高）", P1, P2])
    assert "（原标题：合作社订单创新高）" in r.dropped


def test_a_rights_notice_moves_sentence_by_sentence() -> None:
    last = "村民们说，今年的日子更有盼头了。（图片版权归某某图片社所有，未经授权不得转载）"
    r = recognise(["标题在这里", P1, last])
    assert r.blocks[-1].text == "村民们说，今年的日子更有盼头了。"
    assert r.rights == ["（图片版权归某某图片社所有，未经授权不得转载）"]


@pytest.mark.parametrize(
    "line",
    [
        "声明：本站内容仅供参考，不构成投资建议。",
        "本站郑重声明：所载数据仅供参考，投资有风险。",
        "【免责声明】本文仅代表作者观点。",
    ],
)
def test_disclaimers_are_rights(line: str) -> None:
    assert is_rights(line)
    assert not is_rights("他发表声明说，会继续调查此事。")


def test_the_story_ends_at_a_related_stories_heading() -> None:
    teaser = "另一条新闻的摘要，说的是另一个村的合作社，也很长很长，足够像一段正文的样子。"
    r = recognise(["标题在这里", "2024-05-06 来源：某某晚报", P1, P2, "相关新闻", teaser, teaser])
    assert [b.text for b in r.blocks] == [P1, P2]
    assert "相关新闻" in r.dropped and teaser in r.dropped


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2019-10-23　某某新聞記者", {"published": "2019-10-23", "affiliation": "某某新聞"}),
        ("信息源自「某某周刊」：[原文](https://example.com/x)", {"source": "某某周刊"}),
        ("转载自《某某日报》", {"source": "某某日报"}),
        (
            "Example.com - RSS Channel - World Edition | Tue, 04 Apr 2023 07:49:53 GMT",
            {"source": "Example", "published": "2023-04-04T07:49:53"},
        ),
    ],
)
def test_source_notes_desk_bylines_and_feed_names(line: str, expected: dict[str, object]) -> None:
    fields = parse_header_line(line)
    assert fields is not None
    for key, value in expected.items():
        assert fields[key] == value, key


def test_a_short_paper_or_a_column_glued_before_the_role() -> None:
    fields = parse_header_line("采写：某都见习记者 林小明")
    assert fields is not None
    assert fields["authors"] == [("林小明", "见习记者")] and fields["affiliation"] == "某都"
    fields = parse_header_line("《某某》作者 王小明")
    assert fields is not None
    assert fields["authors"] == [("王小明", "作者")] and fields["affiliation"] == "某某"


def test_a_short_question_between_paragraphs_is_a_subheading() -> None:
    r = recognise(["标题在这里", P1, "橙子为什么卖得这么好？", P2])
    assert ("heading", "橙子为什么卖得这么好？") in [(b.type, b.text) for b in r.blocks]
    r = recognise(["标题在这里", P1, "“橙子为什么卖得这么好？”", P2])  # a line of dialogue
    assert all(b.type == "paragraph" for b in r.blocks)


def test_a_date_split_over_lines_under_the_headline() -> None:
    r = recognise(["首页", "新闻", "体育", "标题在这里", "2024", "05/06", "08:15", P1, P2])
    assert r.published == "2024-05-06T08:15"


def test_an_interview_question_and_a_channel_label_are_not_subheadings() -> None:
    r = recognise(["标题在这里", P1, "记者：橙子为什么卖得这么好？", P2])
    assert all(b.type == "paragraph" for b in r.blocks)
    r = recognise(["标题在这里", "2024-05-06 来源：某某晚报", "社会", P1, P2])
    assert r.blocks[0].type == "paragraph"


def test_scraper_labels_are_stripped_and_image_lines_dropped() -> None:
    r = recognise(
        [
            "标题：河西村合作社迎来首批订单",
            "时间：：2024-05-06",
            "图片：https://img.example.com/a.jpg",
            "正文：" + P1,
            P2,
        ]
    )
    assert r.title == "河西村合作社迎来首批订单"
    assert r.published == "2024-05-06"
    assert [b.text for b in r.blocks] == [P1, P2]
    assert "图片：https://img.example.com/a.jpg" in r.dropped


def test_an_english_share_widget() -> None:
    assert is_boilerplate("Share this with Facebook Twitter")


def test_an_apps_name_beside_the_share_buttons() -> None:
    assert is_boilerplate("某某财经APP 缩小字体 放大字体 收藏 微博 微信 分享")
    assert not is_boilerplate("某某财经APP")
