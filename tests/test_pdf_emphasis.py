"""Emphasis in a PDF: Latin text slanted, Chinese text dotted (着重号), never underlined."""

from __future__ import annotations

import io

import pytest

from convert.model import Block, Document, Emphasis, Meta, Text
from convert.writers import get_writer
from convert.writers.base import RenderOptions

pdfplumber = pytest.importorskip("pdfplumber", reason="pdfplumber (the test extra) is missing")


def page_of(*inlines: object) -> object:
    doc = Document(Meta("Emphasis", language="en"),
                   (Block("paragraph", "", None, tuple(inlines)),))  # type: ignore[arg-type]
    data = get_writer("pdf").render(doc, RenderOptions()).data
    pdf = pdfplumber.open(io.BytesIO(data))
    return pdf.pages[0]


def test_latin_emphasis_is_slanted_and_keeps_its_place_in_the_line() -> None:
    page = page_of(Text("I come for the "), Emphasis((Text("conversation"),)),
                   Text(" as much as for the tea."))
    chars = page.chars
    text = "".join(c["text"] for c in chars)
    at = text.index("conversation")
    slanted = [c for c in chars[at:at + len("conversation")]]
    upright = [c for c in chars if c not in slanted and c["text"].strip()]
    assert all(c["matrix"][2] > 0.1 for c in slanted)  # the text matrix leans
    assert all(abs(c["matrix"][2]) < 1e-6 for c in upright)
    assert "conversation as much" in page.extract_text()  # one copy, in reading order
    # No underline drawn under the word (links keep theirs).
    assert not [line for line in page.lines if line["top"] > slanted[0]["top"]
                and line["x0"] >= slanted[0]["x0"] - 1 and line["x1"] <= slanted[-1]["x1"] + 1]


def test_chinese_emphasis_is_dotted_not_slanted() -> None:
    page = page_of(Text("会议强调，要"), Emphasis((Text("坚持"),)), Text("高质量发展。"))
    chars = page.chars
    assert all(abs(c["matrix"][2]) < 1e-6 for c in chars)
    assert len(page.curves) + len(page.rects) >= 2  # a dot under each emphasised character
