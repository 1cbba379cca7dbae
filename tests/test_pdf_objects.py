"""PDF objects formatted by the shortcuts are the bytes reportlab's own code makes."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfdoc

from convert.model import Document, Meta
from convert.writers import pdf_objects
from convert.writers.base import RenderOptions
from convert.writers.pdf import render
from tests.documents import paragraph

DOC = pdfdoc.PDFDocument(invariant=1)

ELEMENTS = [
    0, 1, -7, 2**40, 0.0, -0.0, 1.5, 595.2756, 841.8898, 1e-7, -3.25e12, 1 / 3,
    True,  # a bool is not formatted as a number by reportlab: it stays on its own path
    "", "/FlateDecode", "Type", "(a string)", "é à ü", "\u02d8",
    b"", b"raw \x00\xff bytes",
    pdfdoc.PDFString("标题 (title)"),
    pdfdoc.PDFArray([]), pdfdoc.PDFArray([7]), pdfdoc.PDFArray([0, 0, 595.2756, 841.8898]),
    pdfdoc.PDFArray([float(w) for w in range(10)]), pdfdoc.PDFArray(list(range(11))),
    pdfdoc.PDFArray([1000.0, 500, 250.5] * 86),  # a subset's /Widths: 258 numbers
    pdfdoc.PDFArray([1, "/Name", 2.5]), pdfdoc.PDFArray([1, True]),
    pdfdoc.PDFArrayCompact([1.25] * 23),
    pdfdoc.PDFDictionary({"Type": "/Font", "Widths": pdfdoc.PDFArray([1.0, 2.0]),
                          "Odd Key#(1)": 3, "FirstChar": 0}),
]


def _reportlabs(element: object) -> bytes:
    """The element formatted with reportlab's own functions put back."""
    saved = pdfdoc.format, pdfdoc.PDFName, pdfdoc.PDFArray.format
    pdfdoc.format, pdfdoc.PDFName = pdf_objects._format, pdf_objects._name
    pdfdoc.PDFArray.format = pdf_objects._array  # type: ignore[method-assign]
    try:
        return pdfdoc.format(element, DOC)
    finally:
        pdfdoc.format, pdfdoc.PDFName, pdfdoc.PDFArray.format = saved  # type: ignore[method-assign]


@pytest.mark.parametrize("element", ELEMENTS)
def test_same_bytes_as_reportlab(element: object) -> None:
    assert pdfdoc.format is pdf_objects.format  # installed by the PDF writer
    assert pdf_objects.format(element, DOC) == _reportlabs(element)
    assert pdf_objects.format(element, DOC) == _reportlabs(element)  # remembered, the same


def test_a_string_the_encoding_cannot_hold_fails_as_it_did() -> None:
    with pytest.raises(UnicodeEncodeError):
        pdf_objects.format("\x18", DOC)
    with pytest.raises(UnicodeEncodeError):
        _reportlabs("\x18")


@pytest.mark.parametrize("name", ["Type", "Odd Key#(1)", "F1+0", "名字", "a/b"])
def test_names_are_escaped_as_reportlab_does(name: str) -> None:
    assert pdf_objects.name(name) == pdf_objects._name(name)
    assert pdf_objects.name(name, "a", "z") == pdf_objects._name(name, "a", "z")


def test_a_whole_article_is_the_same_file() -> None:
    doc = Document(Meta("标题：对象的格式"), (paragraph("正文。Latin text, 2020 年。"),))
    ours = render(doc, RenderOptions()).data
    saved = pdfdoc.format, pdfdoc.PDFName, pdfdoc.PDFArray.format
    pdfdoc.format, pdfdoc.PDFName = pdf_objects._format, pdf_objects._name
    pdfdoc.PDFArray.format = pdf_objects._array  # type: ignore[method-assign]
    try:
        theirs = render(doc, RenderOptions()).data
    finally:
        pdfdoc.format, pdfdoc.PDFName, pdfdoc.PDFArray.format = saved  # type: ignore[method-assign]
    assert ours == theirs
