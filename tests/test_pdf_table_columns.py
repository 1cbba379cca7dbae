"""PDF table columns: sized from what their cells hold, as the lines are actually set."""

from __future__ import annotations

import io

import pytest

from convert.model import Document, Meta, Table, cell, paragraph
from convert.writers import get_writer
from convert.writers.base import RenderOptions

pdfplumber = pytest.importorskip("pdfplumber", reason="pdfplumber (the test extra) is missing")


def lines_of(doc: Document) -> list[str]:
    """The PDF's text, one string per visual line (characters grouped by baseline)."""
    data = get_writer("pdf").render(doc, RenderOptions()).data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        rows: dict[tuple[int, int], list[tuple[float, str]]] = {}
        for n, page in enumerate(pdf.pages):
            for ch in page.chars:
                baseline = round(ch["matrix"][5])  # Han and Latin faces share a baseline only
                rows.setdefault((n, -baseline), []).append((ch["x0"], ch["text"]))
    return ["".join(t for _, t in sorted(chars)) for _, chars in sorted(rows.items())]


def test_cells_of_han_and_digits_stay_on_one_line_when_the_table_fits() -> None:
    # The quarter-em between Han and digits widens `1,800 元` as set: a column measured
    # without it wrapped the unit onto a line of its own.
    body = tuple((cell(name), cell(a), cell(b)) for name, a, b in (
        ("西湖龙井（明前）", "1,800元", "2,100元"), ("碧螺春", "960元", "1,050元")))
    doc = Document(Meta("价格表"), (paragraph("下表是零售价。"),
                                   Table(head=((cell("品种"), cell("2024年"), cell("2025年")),),
                                         body=body)))
    text = "\n".join(lines_of(doc))
    for value in ("1,800", "2,100", "1,050"):
        line = next(x for x in text.splitlines() if value in x)
        assert value + "元" in line.replace(" ", ""), (value, line)


def test_a_crowded_table_gives_each_column_at_least_its_longest_word() -> None:
    words = "interoperability"
    prose = "这一列是很长的说明文字，" * 12
    doc = Document(Meta("Wide"), (Table(head=((cell("Term"), cell("说明")),),
                                        body=((cell(f"{words} standard"), cell(prose)),)),))
    text = lines_of(doc)
    assert any(words in line for line in text), text  # the long word is never cut
    assert sum("这一列" in line for line in text) >= 1
