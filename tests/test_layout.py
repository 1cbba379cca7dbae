"""convert.layout: the one order of an article and a book, the visitor, inline runs."""

from __future__ import annotations

from convert import layout
from convert.model import (
    Author,
    Code,
    Document,
    Emphasis,
    LineBreak,
    Link,
    Meta,
    Quote,
    Strong,
    Text,
    heading,
    paragraph,
    rule,
)
from tests import documents


def test_an_article_in_the_order_every_writer_draws_it():
    doc = Document(
        Meta("主标题", source="晚报", published="2025-04-01", authors=(Author("李明", "记者"),),
             subtitle="副标题", editors=("王晓",), kicker="引题：春天来了"),
        (paragraph("第一段。"), heading("一、小标题", 2)),
        rights=("版权一", "版权二"),
    )
    items = list(layout.article(doc))
    assert [i.type for i in items] == ["kicker", "title", "subtitle", "meta", "paragraph",
                                       "heading", "editors", "rights", "rights"]
    assert items[3].text == "晚报 · 2025年4月1日 · 记者 李明"
    assert [i.index for i in items if i.type == "rights"] == [0, 1]  # the first gets the rule


def test_what_an_article_lacks_is_left_out():
    items = list(layout.article(Document(Meta(""), (paragraph("只有正文。"),))))
    assert [i.type for i in items] == ["title", "paragraph"]  # a title always: writers place one


def test_a_book_is_its_title_contents_and_chapters():
    docs = [documents.zh_hans(), documents.english()]
    items = list(layout.book(docs, "合集"))
    assert [i.type for i in items] == ["book-title", "contents", "chapter", "chapter"]
    assert items[0].text == "合集"
    assert items[1].titles == (docs[0].meta.title, docs[1].meta.title)
    assert items[1].label == "目录"  # a tie: the first article's language
    assert [i.number for i in items[2:]] == [1, 2]
    assert [i.doc for i in items[2:]] == docs
    assert [i.breaks for i in items[2:]] == [None, None]  # articles: no page breaks inside


def test_a_books_contents_speak_its_language_and_name_untitled_articles():
    untitled = Document(Meta("", language="en"),
                        (paragraph("A report without a title, only its first words here."),))
    docs = [documents.english(), untitled, documents.zh_hans()]
    contents = list(layout.book(docs, "Digest"))[1]
    assert contents.label == "Contents"  # two English articles of three
    assert contents.titles[1] == "A report without a title, only…"
    assert contents.text.split("\n") == ["Contents", *contents.titles]  # what a plain drawer shows
    nothing = Document(Meta("", language="zh-Hant"), ())
    assert list(layout.book([nothing], "書"))[1].titles == ("無標題",)


def test_a_long_text_in_a_book_keeps_its_chapter_breaks():
    from tests.longtext_books import novel

    long = novel()
    items = list(layout.book([documents.zh_hans(), long], "合集"))
    assert [i.breaks for i in items[2:]] == [None, 3]  # 卷 (2) and 章 (3) start pages


def test_a_books_properties_are_one_rule():
    first = Document(Meta("一", source="晚报", published="2025-04-01",
                          authors=(Author("李明", "记者"),), editors=("王晓",)), ())
    second = Document(Meta("二", source="日报", published="2025-04-03T08:00",
                           authors=(Author("李明", "通讯员"), Author("张华", "记者")),
                           editors=("王晓", "赵六")), ())
    undated = Document(Meta("三", source="晚报", language="en"), ())
    meta = layout.book_meta([first, second, undated], "合集")
    assert meta.title == "合集" and meta.language == "zh-Hans"
    assert meta.authors == (Author("李明", "记者"), Author("张华", "记者"))  # once, first role
    assert meta.editors == ("王晓", "赵六")
    assert meta.source == "晚报; 日报"
    assert meta.published == "2025-04-03T08:00"  # the latest, whichever chapter has it
    assert layout.book_meta([undated], "书").published is None


class Recorder(layout.Drawer):
    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def visit_paragraph(self, block) -> None:  # type: ignore[no-untyped-def]
        self.seen.append(("p", block.text))

    def visit_heading(self, block) -> None:  # type: ignore[no-untyped-def]
        self.seen.append(("h", block.text))


def test_a_drawer_gets_what_it_knows_and_plain_text_for_the_rest():
    drawer = Recorder()
    drawer.draw_all([
        layout.Furniture("title", "标题"), heading("小标题"),
        Quote((paragraph("引文一"), paragraph("引文二"))), rule(), paragraph("正文"),
    ])
    assert drawer.seen == [("p", "标题"), ("h", "小标题"), ("p", "引文一"), ("p", "引文二"),
                           ("p", "正文")]


def test_runs_carry_every_style_around_them():
    inlines = (
        Text("a"),
        Strong((Text("b"), Link((Emphasis((Text("c"),)), Code("d")), "https://x.example"))),
        LineBreak(), Text(""),
    )
    runs = layout.runs(inlines)
    assert [(r.text, r.strong, r.emphasis, r.code, r.href, r.line_break) for r in runs] == [
        ("a", False, False, False, None, False),
        ("b", True, False, False, None, False),
        ("c", True, True, False, "https://x.example", False),
        ("d", True, False, True, "https://x.example", False),
        ("\n", False, False, False, None, True),
    ]


def test_list_markers_where_a_format_has_none():
    assert layout.list_marker(True, 3, 0) == "3."
    assert [layout.list_marker(False, 1, d) for d in range(4)] == ["•", "◦", "▪", "•"]
