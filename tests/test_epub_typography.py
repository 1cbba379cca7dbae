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
