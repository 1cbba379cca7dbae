"""Column alignment of tables (`|:--|:-:|--:|` in Markdown) from reader to every writer."""

from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest

from convert.model import Document, Meta, Table, cell, node_to_dict, paragraph
from convert.readers import markdown
from convert.writers import get_writer
from convert.writers.base import RenderOptions
from tests.test_model_schema import VALIDATOR

NOTE = ("| 品种 | 说明 | 价格 |\n|:--|:-:|--:|\n"
        "| 龙井 | 明前 | 2,100元 |\n| 碧螺春 | 雨前茶 | 960元 |\n")


def priced() -> Document:
    body = ((cell("龙井"), cell("明前"), cell("2,100元")),
            (cell("碧螺春"), cell("雨前茶"), cell("960元")))
    table = Table(((cell("品种"), cell("说明"), cell("价格")),), body, ("left", "center", "right"))
    return Document(Meta("价格"), (paragraph("下表是零售价。"), table))


def render(fmt: str, doc: Document) -> bytes:
    return get_writer(fmt).render(doc, RenderOptions()).data


def test_markdown_gives_each_column_its_alignment() -> None:
    doc = markdown.read_bytes(NOTE.encode())
    table = next(n for n in doc.blocks if isinstance(n, Table))
    assert table.align == ("left", "center", "right")
    plain = markdown.read_bytes(b"| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert next(n for n in plain.blocks if isinstance(n, Table)).align == ()


def test_alignment_survives_json_and_the_schema_accepts_it() -> None:
    doc = priced()
    data = doc.to_dict()
    VALIDATOR.validate(data)
    assert data["blocks"][1]["align"] == ["left", "center", "right"]
    assert Document.from_dict(json.loads(json.dumps(data))) == doc
    # No alignment, no key: older readers of the JSON see what they always saw.
    assert "align" not in node_to_dict(Table(((cell("a"),),)))
    bad = dict(data["blocks"][1], align=["sideways", "right"])
    assert Document.from_dict({**data, "blocks": [bad]}).blocks[0].column_align(0) == ""


def test_docx_cells_carry_the_columns_alignment() -> None:
    d = docx.Document(io.BytesIO(render("docx", priced())))
    rows = d.tables[0].rows
    jc = [[c.paragraphs[0].alignment for c in r.cells] for r in rows]
    from docx.enum.text import WD_ALIGN_PARAGRAPH as A

    assert jc[1] == [A.LEFT, A.CENTER, A.RIGHT] and jc[2] == [A.LEFT, A.CENTER, A.RIGHT]


def test_epub_cells_carry_the_columns_alignment() -> None:
    book = zipfile.ZipFile(io.BytesIO(render("epub", priced())))
    xhtml = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert '<td style="text-align: right">2,100元</td>' in xhtml
    assert '<th style="text-align: center">说明</th>' in xhtml


def test_pdf_right_aligned_column_ends_flush() -> None:
    pdfplumber = pytest.importorskip("pdfplumber", reason="pdfplumber (the test extra) is missing")
    with pdfplumber.open(io.BytesIO(render("pdf", priced()))) as pdf:
        chars = pdf.pages[0].chars
    def right_edge(word: str) -> float:
        text = "".join(c["text"] for c in chars)
        at = text.index(word)
        return chars[at + len(word) - 1]["x1"]
    def left_edge(word: str) -> float:
        text = "".join(c["text"] for c in chars)
        return chars[text.index(word)]["x0"]
    assert abs(right_edge("2,100元") - right_edge("960元")) < 0.5  # flush right
    assert abs(left_edge("2,100元") - left_edge("960元")) > 5
    assert abs(left_edge("龙井") - left_edge("碧螺春")) < 0.5  # flush left
