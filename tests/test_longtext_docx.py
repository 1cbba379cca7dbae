"""Long texts as DOCX: chapters on a new page, in the navigation pane as headings."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from convert.model import Document, Meta, heading, paragraph
from convert.writers.base import RenderOptions
from convert.writers.docx import render
from tests.longtext_books import novel

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def outline_level(document: docx.document.Document, style_id: str) -> str | None:
    style = document.styles.element.find(f"{W}style[@{W}styleId='{style_id}']")
    found = style.find(f"{W}pPr/{W}outlineLvl")
    return None if found is None else found.get(f"{W}val")


def test_chapters_start_on_a_new_page_as_headings() -> None:
    document = docx.Document(io.BytesIO(render(novel(), RenderOptions()).data))
    headings = [(p.style.style_id, p.text, p.paragraph_format.page_break_before)
                for p in document.paragraphs if p.style.style_id.startswith("Heading")]
    assert headings[:3] == [
        ("Heading1", "第1卷 潮起之1", True), ("Heading2", "第1章 河边第1夜", True),
        ("Heading2", "第2章 河边第2夜", True),
    ]
    assert len(headings) == 10 and all(brk for _, _, brk in headings)
    body = [p for p in document.paragraphs if p.style.style_id == "Normal"]
    assert not any(p.paragraph_format.page_break_before for p in body)
    # The navigation pane lists paragraphs by outline level: volumes 0, chapters 1.
    assert outline_level(document, "Heading1") == "0"
    assert outline_level(document, "Heading2") == "1"


def test_an_articles_subheadings_do_not_break_the_page() -> None:
    doc = Document(Meta(title="标题"), (heading("一、概况"), paragraph("正文。" * 50),
                                        heading("二、进展"), paragraph("正文。" * 50)))
    document = docx.Document(io.BytesIO(render(doc, RenderOptions()).data))
    assert not any(p.paragraph_format.page_break_before for p in document.paragraphs)


def test_many_paragraphs_come_out_whole_and_in_order() -> None:
    """The body is built in one pass (appended before the section properties)."""
    doc = Document(Meta(title="标题"), tuple(paragraph(f"第{i}段。\t<&>") for i in range(3000)))
    document = docx.Document(io.BytesIO(render(doc, RenderOptions()).data))
    texts = [p.text for p in document.paragraphs][1:]
    assert texts == [f"第{i}段。\t<&>" for i in range(3000)]
    body = document.element.body
    assert body[-1].tag == f"{W}sectPr"  # still the body's last child


def test_a_long_texts_body_kept_as_bytes_gives_the_bytes_of_the_whole_tree(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from convert.writers import docx as writer

    doc = novel()
    streamed = render(doc, RenderOptions()).data

    class WholeTree:  # the body left in python-docx's tree, saved the ordinary way
        def __init__(self, placeholder) -> None:
            placeholder.getparent().remove(placeholder)

        def take(self, p) -> None:
            pass

        def splice(self, document_xml: bytes) -> list[bytes]:
            return [document_xml]

    monkeypatch.setattr(writer, "DetachedBody", WholeTree)
    assert render(doc, RenderOptions()).data == streamed
    document = docx.Document(io.BytesIO(streamed))
    assert sum(p.style.style_id == "Normal" and bool(p.text) for p in document.paragraphs) > 300
    assert b"convertBody" not in zipfile.ZipFile(io.BytesIO(streamed)).read("word/document.xml")
