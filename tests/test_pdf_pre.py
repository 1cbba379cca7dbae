"""Preformatted text in the PDF: a monospaced grid, spaces and line breaks kept,
CJK two columns wide in the CJK face, long lines broken with a mark, page breaks."""

from __future__ import annotations

import io
from collections import defaultdict

import pdfplumber
import pytest

from convert import fonts
from convert.model import Document, Meta, paragraph, preformatted
from convert.writers import get_writer, pdf_pre
from convert.writers.base import RenderOptions

CODE = (
    "def total(rows):\n"
    "    # 合计每一行的金额\n"
    "    s  =  0\n"
    "\tfor r in rows:      # 逐行\n"
    "        s += r['金额']\n"
    "    return s"
)
TABLE = (
    "+------+--------+\n"
    "| 城市 | 人口   |\n"
    "+------+--------+\n"
    "| 长春 | 906万  |\n"
    "| Jilin| 362 万 |\n"
    "+------+--------+"
)


# -- the grid, without a PDF ------------------------------------------------------------


def test_rows_keep_spaces_expand_tabs_and_count_cjk_as_two_columns():
    (row,) = pdf_pre.rows("a\tb  中c", 80)
    assert [(ch, col) for ch, col, _ in row.cells] == [
        ("a", 0), *((" ", c) for c in range(1, 8)), ("b", 8), (" ", 9), (" ", 10),
        ("中", 11), ("c", 13)]
    assert not row.broken


def test_tabs_stop_every_eight_columns_counting_cjk_as_two():
    from convert.charclass import expand_tabs

    assert expand_tabs("中文\tx") == "中文    x"
    assert expand_tabs("abc\t\tx") == "abc" + " " * 13 + "x"
    assert expand_tabs("no tabs  kept") == "no tabs  kept"


def test_a_long_line_breaks_where_the_row_is_full_and_is_marked():
    rows = pdf_pre.rows("abcdefghij", 4)
    assert ["".join(ch for ch, _, _ in r.cells) for r in rows] == ["abcd", "efgh", "ij"]
    assert [r.broken for r in rows] == [True, True, False]


def test_a_wide_character_never_straddles_the_edge():
    rows = pdf_pre.rows("abc中文", 4)
    assert ["".join(ch for ch, _, _ in r.cells) for r in rows] == ["abc", "中文"]
    assert all(col + w <= 4 for r in rows for _, col, w in r.cells)


def test_empty_lines_stay_and_the_final_newline_is_the_last_lines_end():
    rows = pdf_pre.rows("a\n\n\nb\n", 80)
    assert ["".join(ch for ch, _, _ in r.cells) for r in rows] == ["a", "", "", "b"]


def test_controls_are_not_drawn_and_take_no_column():
    (row,) = pdf_pre.rows("a\r\u200bb", 80)
    assert [(ch, col) for ch, col, _ in row.cells] == [("a", 0), ("b", 1)]


# -- in the PDF --------------------------------------------------------------------------


def render(*blocks, page_size: str | None = None) -> bytes:
    doc = Document(Meta(title="代码示例", language="zh-Hans"), tuple(blocks))
    options = RenderOptions(writer=(("page-size", page_size),) if page_size else ())
    return get_writer("pdf").render(doc, options).data


def pre_rows(data: bytes) -> list[list[dict]]:
    """The characters of preformatted text (those in a monospaced row: not the title,
    body or footer), a list per row in reading order, over every page."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            rows: dict[float, list[dict]] = defaultdict(list)
            for ch in page.chars:
                if 9.0 < ch["size"] < 10.0 or "Mono" in ch["fontname"]:
                    rows[-round(ch["matrix"][5], 1)].append(ch)  # by baseline
            mono = [sorted(r, key=lambda c: c["x0"]) for _, r in sorted(rows.items())]
            out += [r for r in mono if any("Mono" in c["fontname"] for c in r)
                    or len(r) > 1]
    return out


def test_code_is_monospaced_with_its_spaces_and_cjk_on_two_columns():
    data = render(paragraph("下面是代码。"), preformatted(CODE))
    rows = pre_rows(data)
    source = CODE.replace("\t", " " * 8).split("\n")
    assert ["".join(c["text"] for c in r).rstrip() for r in rows] == [s.rstrip() for s in source]
    latin = [c for r in rows for c in r if c["text"].isascii()]
    assert latin and all("DejaVuSansMono" in c["fontname"] for c in latin)
    han = [c for r in rows for c in r if not c["text"].isascii()]
    assert han and all("UMing" in c["fontname"] for c in han)
    column = latin[0]["x1"] - latin[0]["x0"]
    x0 = min(r[0]["x0"] for r in rows)
    for r, line in zip(rows, source, strict=True):
        expected = [pdf_pre.rows(line, 200)[0].cells[i][1] for i in range(len(r))]
        # CJK glyphs are centred in their two columns: within a fifth of a column.
        assert [round((c["x0"] - x0) / column) for c in r] == expected, line


def test_an_ascii_table_with_chinese_keeps_its_columns():
    rows = pre_rows(render(preformatted(TABLE)))
    column = rows[0][1]["x0"] - rows[0][0]["x0"]
    bars = [[round((c["x0"] - rows[0][0]["x0"]) / column) for c in r if c["text"] in "|+"]
            for r in rows]
    assert bars[0] == [0, 7, 16]
    assert all(b == bars[0] for b in bars), bars


def test_a_line_wider_than_the_measure_is_broken_not_cut_and_stays_in_the_margins():
    line = "print('" + "数据" * 30 + "abcdefghij" * 12 + "')"
    data = render(preformatted(line))
    rows = pre_rows(data)
    assert len(rows) > 1
    assert "".join(c["text"] for r in rows for c in r) == line
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        body = [c for c in page.chars if c["size"] > 9 and c["size"] < 10]
        assert max(c["x1"] for c in body) <= page.width - 72  # inside the right margin
        # The continuation marks are paths, not text (an arrow of two strokes) beside
        # each broken row, inside the margin.
        marks = [c for c in page.curves if c["stroking_color"] == pdf_pre.MARK_GREY]
        assert len(marks) == 2 * (len(rows) - 1)
        assert all(max(c["x1"] for c in body) < m["x0"] and m["x1"] <= page.width - 72
                   for m in marks)


def test_eighty_columns_fit_a4_a_little_smaller_rather_than_broken():
    line = "".join(str(i % 10) for i in range(80))
    rows = pre_rows(render(preformatted(line)))
    assert len(rows) == 1 and "".join(c["text"] for c in rows[0]) == line
    assert pdf_pre.MIN_SIZE - 0.01 <= rows[0][0]["size"] < pdf_pre.PRE_SIZE
    # A5 is too narrow even at the smallest size: broken, at the usual size.
    rows = pre_rows(render(preformatted(line), page_size="A5"))
    assert len(rows) == 2 and "".join(c["text"] for r in rows for c in r) == line
    assert rows[0][0]["size"] == pytest.approx(pdf_pre.PRE_SIZE)


@pytest.mark.parametrize("page_size", ["A4", "A5"])
def test_a_long_block_goes_over_pages_every_line_inside_the_frame(page_size):
    lines = [f"{i:03d}  状态 = ok   # 第{i}行" for i in range(150)]
    data = render(preformatted("\n".join(lines)), page_size=page_size)
    rows = pre_rows(data)
    assert ["".join(c["text"] for c in r) for r in rows] == lines
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 3
        for page in pdf.pages:
            text = [c for c in page.chars if "Mono" in c["fontname"]]
            assert all(c["bottom"] <= page.height - 50 and c["top"] >= 40 for c in text)


def test_the_mono_face_is_bundled_and_embedded_as_a_subset():
    face = fonts.mono_face()
    assert face.path.is_file() and face.family == "DejaVu Sans Mono"
    data = render(preformatted("x = 1"))
    assert len(data) < 120_000  # a subset: the whole face is 340 kB
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        names = {c["fontname"] for c in pdf.pages[0].chars}
    assert any(n.endswith("+DejaVuSansMono") for n in names)


def test_a_list_item_opening_with_code_has_its_marker_beside_the_code():
    from convert.model import ListBlock

    items = ((preformatted("x = 1"), paragraph("说明文字")), (paragraph("第二项"),))
    data = render(ListBlock(items, ordered=True))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["matrix"][5] > 60]  # not the footer
    baseline = {c["text"]: round(c["matrix"][5], 1) for c in chars}
    markers = [c for c in chars if c["text"] == "."]
    assert len(markers) == 2  # "1." and "2.", no stray marker on 说明文字
    assert baseline["1"] == baseline["x"] and baseline["2"] == baseline["第"]
    assert min(c["x0"] for c in chars if c["text"] == "1") < \
        min(c["x0"] for c in chars if c["text"] == "x")


def test_an_empty_block_draws_no_band():
    with pdfplumber.open(io.BytesIO(render(paragraph("前"), preformatted("\n"),
                                           paragraph("后")))) as pdf:
        assert not pdf.pages[0].rects
    with pdfplumber.open(io.BytesIO(render(preformatted(" ")))) as pdf:
        assert len(pdf.pages[0].rects) == 1  # a space is text: its band is drawn


def test_a_quote_of_code_has_its_bar_beside_the_band():
    from convert.model import Quote

    data = render(paragraph("他说："), Quote((preformatted("x = 1\ny = 2"),)))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        (band,) = page.rects
        bars = [ln for ln in page.lines if ln["x0"] == ln["x1"] and ln["x1"] < band["x0"]]
    assert len(bars) == 1
    assert bars[0]["top"] <= band["top"] + 1 and bars[0]["bottom"] >= band["bottom"] - 1


def test_a_mark_only_a_cjk_face_has_is_two_columns_as_in_a_cjk_terminal():
    rows = pre_rows(render(preformatted("①※|\nabcd|\n★abc|")))
    bars = [next(c["x0"] for c in r if c["text"] == "|") for r in rows]
    assert bars == pytest.approx([bars[1]] * 3, abs=0.05)  # ① ※: two each; ★ (mono): one
