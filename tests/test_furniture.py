"""Markup left by archives and photo captions are not the article's text."""

from __future__ import annotations

import pytest

from convert.furniture import (
    atx_heading,
    is_caption,
    is_counter,
    is_desk_byline,
    is_markup_only,
    is_related_header,
    italic_line,
    strip_quote,
)
from convert.reader import read_text

P = (
    "河西村合作社今年迎来了建社以来规模最大的一批订单，"
    "村民们连续三天忙着分拣装箱，预计全年收入将比去年增长三成以上。"
)


@pytest.mark.parametrize(
    "line",
    [
        "![合作社仓库](https://img.example.com/a.jpg)",
        "---",
        "<figure>",
        '<img src="https://img.example.com/a.jpg" alt="">',
        "</figure>",
        "<figcaption>村民在分拣。某某社照片</figcaption>",
        '{{< video src="https://video.example.com/v/1" >}}',
    ],
)
def test_markup_only_lines(line: str) -> None:
    assert is_markup_only(line)


def test_markup_helpers() -> None:
    assert atx_heading("### 订单从哪里来") == (3, "订单从哪里来")
    assert atx_heading("#话题标签") is None  # a hashtag, not a heading
    assert italic_line("*村民在仓库分拣（李四 摄）*") == "村民在仓库分拣（李四 摄）"
    assert italic_line("**重点**内容") is None
    assert strip_quote("> 引言一段。") == "引言一段。"


@pytest.mark.parametrize(
    "line",
    [
        "▲村民在仓库里分拣橙子。",
        "图为村民在仓库里分拣橙子。",
        "村民在仓库里分拣橙子。（某某社记者 李四 摄）",
        "村民在仓库里分拣橙子。 记者王小明／攝影",
        "合作社的仓库。视觉中国",
        "事发现场。（圖翻攝自網路）",
        "村民在仓库里分拣橙子。视频截图",
        "Villagers sort oranges in a warehouse. File photo",
        "图片来源：某某科技官网",
        "合作社的仓库（港台圖片）",
    ],
)
def test_photo_captions(line: str) -> None:
    assert is_caption(line)


@pytest.mark.parametrize(
    "line",
    [P, "这部电影在北京拍摄", "数据由统计局提供。", "他说：“我们今年收成很好。”", "订单从哪里来"],
)
def test_not_captions(line: str) -> None:
    assert not is_caption(line)


def test_an_archived_markdown_article_reads_as_text() -> None:
    text = "\n\n".join(
        [
            "河西村合作社迎来首批订单",
            "> 导语：一个村庄的变化。",
            "![仓库](https://img.example.com/a.jpg)",
            "*村民在仓库分拣*",
            P,
            "### 订单从哪里来",
            P,
            "---",
        ]
    )
    doc = read_text(text)
    assert [(b.type, b.text) for b in doc.blocks] == [
        ("paragraph", "导语：一个村庄的变化。"),
        ("paragraph", P),
        ("heading", "订单从哪里来"),
        ("paragraph", P),
    ]
    assert "*村民在仓库分拣*" in doc.dropped and "---" in doc.dropped


@pytest.mark.parametrize("line", ["1032人参与308评论", "跟贴888", "尚餘0篇", "12,934 views"])
def test_counters(line: str) -> None:
    assert is_counter(line)


@pytest.mark.parametrize("line", ["2019年共有1032人参与了评选。", "跟贴的人很多"])
def test_not_counters(line: str) -> None:
    assert not is_counter(line)


def test_desk_bylines_and_video_captions() -> None:
    assert is_desk_byline("社會中心／綜合報導")
    assert is_desk_byline("〔國際部／綜合報導〕")
    assert not is_desk_byline("記者王大明／台北報導")  # a person: a byline, read as meta
    assert is_caption("视频-村民在仓库里分拣橙子")
    assert is_caption("合作社的仓库。视觉中国 资料")


@pytest.mark.parametrize(
    "line", ["相关新闻", "延伸閱讀：", "【相关阅读】", "Related Topics", "为你推荐"]
)
def test_related_stories_headings(line: str) -> None:
    assert is_related_header(line)


def test_not_related_stories_headings() -> None:
    assert not is_related_header("相关新闻报道显示，该村今年的收入大幅增长。")
