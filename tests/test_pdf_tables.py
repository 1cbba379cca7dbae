"""PDF tables: a row taller than a page splits between lines, header rows repeat on each
page, nothing is lost and nothing is drawn outside the text frame."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest

from convert.model import Cell, Document, LineBreak, Meta, Strong, Table, Text, cell, paragraph
from convert.writers import get_writer
from convert.writers.base import RenderOptions
from convert.writers.pdf_geometry import geometry

WORDS = [f"款{i:04d}" for i in range(1500)]  # about three A4 pages in a wide column
HEAD = (cell("项目"), cell("说明"), cell("备注"))


def render(table: Table, page_size: str = "A4") -> bytes:
    doc = Document(Meta(title="年度项目一览", language="zh-Hans"),
                   (paragraph("下表列出全部项目。" * 8), table, paragraph("表后的段落。")))
    options = RenderOptions(writer=(("page-size", page_size),))
    return get_writer("pdf").render(doc, options).data


def tall_table() -> Table:
    return Table(head=(HEAD,), body=(
        (cell("甲"), cell("第一行，很短。"), cell("无")),
        (cell("长说明"), cell(" ".join(WORDS)), cell("见正文 " * 12)),
        (cell("乙"), Cell((Strong((Text("加粗"),)), Text("之后"), LineBreak(), Text("换行后"))),
         cell("完")),
    ))


def page_texts(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() for page in pdf.pages]


@pytest.mark.parametrize("page_size", ["A4", "A5"])
def test_a_row_taller_than_a_page_splits_and_loses_no_word(page_size):
    data = render(tall_table(), page_size)
    texts = page_texts(data)
    assert len(texts) >= 4
    # The tall cell's characters in reading order (extract_text mixes the columns of a
    # line): every word, once, in order, lines breaking inside words or not.
    chars = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            footer = geometry(page_size, 11.0).footer_y
            chars += sorted((c for c in page.chars if c["text"] in "款0123456789"
                             and abs(c["matrix"][5] - footer) > 1),
                            key=lambda c: (-round(c["matrix"][5], 1), c["x0"]))
    assert re.findall(r"款\d{4}", "".join(c["text"] for c in chars)) == WORDS
    everything = re.sub(r"\s+", "", "".join(texts))
    assert "第一行，很短。" in everything and everything.count("见") == 12
    assert "加粗之后" in everything and "换行后" in everything and "表后的段落。" in everything


@pytest.mark.parametrize("page_size", ["A4", "A5"])
def test_nothing_is_drawn_outside_the_text_frame(page_size):
    g = geometry(page_size, 11.0)
    data = render(tall_table(), page_size)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            h = page.height
            text = [c for c in page.chars if abs(c["matrix"][5] - g.footer_y) > 1]
            assert text
            for c in text:
                assert g.left - 0.5 <= c["x0"] and c["x1"] <= g.left + g.text_width + 0.5, c
                baseline = c["matrix"][5]
                assert g.bottom <= baseline <= g.top, (page.page_number, c["text"], baseline)
            for shape in page.rects + page.lines:
                assert h - shape["bottom"] >= g.bottom - 0.5, page.page_number
                assert h - shape["top"] <= g.top + 0.5, page.page_number
                assert shape["x0"] >= g.left - 0.5
                assert shape["x1"] <= g.left + g.text_width + 0.5


def test_the_header_row_starts_every_page_the_table_goes_on_to():
    texts = page_texts(render(tall_table()))
    table_pages = [t for t in texts if "款" in t][1:]
    assert len(table_pages) >= 2
    for text in table_pages:
        first = text.strip().splitlines()[0]
        assert re.sub(r"\s+", "", first) == "项目说明备注", first


def test_a_row_that_fits_a_page_is_never_split():
    rows = tuple((cell(f"第{n}行"), cell("内容 " * 40), cell("备注")) for n in range(40))
    data = render(Table(head=(HEAD,), body=rows))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            # Each row's label and its 40 words of content: a page holds rows whole.
            text = "".join(c["text"] for c in page.chars)
            assert text.count("内容") == 40 * text.count("第"), page.page_number


def test_a_short_label_column_is_not_squeezed_by_a_page_of_text():
    data = render(tall_table())
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"] in "长说明"]
        # "长说明" (the label of the tall row) stays on one line: one baseline.
        label = [c for c in chars if c["x0"] < pdf.pages[0].width / 3]
        assert len(label) == 3 and len({round(c["matrix"][5], 1) for c in label}) == 1
