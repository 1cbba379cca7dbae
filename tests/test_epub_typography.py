"""EPUB typesetting read back: marks in the other script's text get a span the
stylesheet sets in that script's faces; autospace, spacing trim, hyphenation."""

from __future__ import annotations

import re

from lxml import etree

from convert.model import Document, Meta, paragraph
from convert.writers.epub_css import stylesheet
from convert.writers.epub_xhtml import build_chapter

XHTML = {"x": "http://www.w3.org/1999/xhtml"}


def chapter(language: str, text: str) -> etree._Element:
    doc = Document(meta=Meta(title="标题", language=language), blocks=(paragraph(text),))
    return etree.fromstring(build_chapter(doc, "c.xhtml").xhtml)


def spans(root: etree._Element, cls: str) -> list[str]:
    return [s.text for s in root.iterfind(f".//x:span[@class='{cls}']", XHTML)]


def test_latin_marks_inside_chinese_text_are_spanned() -> None:
    root = chapter("zh-Hans", "报道说，the city’s “best” year，然后他说：“好的……”")
    assert spans(root, "lt") == ["’", "“", "”"]
    body = root.find(".//x:p", XHTML)
    # The text reads the same with the spans.
    assert "".join(body.itertext()) == "报道说，the city’s “best” year，然后他说：“好的……”"


def test_an_english_article_spans_only_marks_between_chinese() -> None:
    root = chapter("en", "“We’ve waited,” he said; the sign read 北京——欢迎.")
    assert spans(root, "lt") == []
    assert spans(root, "ck") == ["——"]


def test_the_stylesheet_puts_latin_faces_first_in_latin_spans() -> None:
    css = stylesheet()
    rule = re.search(r"body\.zh-hans span\.lt \{ font-family: ([^;]+);", css)
    assert rule is not None and rule.group(1).startswith("Georgia")
    assert re.search(r"body\.cjk \{[^}]*text-autospace: normal", css)
    assert re.search(r"body\.cjk \{[^}]*text-spacing-trim: normal", css)
    assert re.search(r"body\.latin p \{[^}]*hyphens: auto", css)


# --- paragraph ends and page breaks --------------------------------------------------


def rule(css: str, selector: str) -> str:
    """The declarations of the first rule whose selector list is exactly `selector`."""
    found = re.search(rf"(?:^|\n){re.escape(selector)} \{{([^}}]*)\}}", css)
    assert found is not None, selector
    return found.group(1)


def test_the_stylesheet_keeps_headings_with_their_text_and_two_lines_together() -> None:
    css = stylesheet()
    p = rule(css, "p")
    assert "orphans: 2" in p and "widows: 2" in p
    heading = rule(css, "h1, h2, h3, h4, h5, h6")
    for decl in ("break-after: avoid", "page-break-after: avoid", "break-inside: avoid"):
        assert decl in heading
    assert "break-after: avoid" in rule(css, ".title-block")
    assert "white-space: nowrap" in rule(css, "span.nobr")


def test_a_paragraph_keeps_its_last_two_han_characters_together() -> None:
    text = "全省上下要坚决阻断疫情蔓延。”"
    root = chapter("zh-Hans", text)
    assert spans(root, "nobr") == ["蔓延。”"]
    assert "".join(root.find(".//x:p", XHTML).itertext()) == text


def test_the_last_run_of_a_rich_paragraph_keeps_its_end_too() -> None:
    from convert.model import Emphasis, Text

    block = paragraph((Text("他说，"), Emphasis((Text("这件事很重要"),))))
    doc = Document(meta=Meta(title="标题", language="zh-Hans"), blocks=(block,))
    root = etree.fromstring(build_chapter(doc, "c.xhtml").xhtml)
    assert spans(root, "nobr") == ["重要"]
    assert root.find(".//x:em/x:span", XHTML) is not None


def test_no_keep_span_where_a_paragraph_does_not_end_in_han_characters() -> None:
    for language, text in [("en", "The bridge reopened on Monday."),
                           ("zh-Hans", "会议于2024年召开，出席者约300人"),
                           ("zh-Hans", "截至目前共计100。"),
                           ("zh-Hans", "好。")]:
        assert spans(chapter(language, text), "nobr") == [], text
