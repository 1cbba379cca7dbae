"""The DOCX title's line break is placed for the page it is printed on: a
--reference-docx's page size, margins and Title size, not A4's."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.shared import Inches, Pt

from convert.charclass import display_width
from convert.model import Document, Meta, paragraph
from convert.writers import get_writer
from convert.writers.base import RenderOptions
from convert.writers.docx import title_measure

# Fits one line of A4 at 22 pt (about 18 ems), not a 3.5-inch line.
TITLE = "全省春季农业生产暨防灾减灾会议"


def reference(path: Path, *, width: float, margin: float, title_pt: float | None) -> Path:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Inches(width), Inches(11)
    section.left_margin = section.right_margin = Inches(margin)
    if title_pt is not None:
        document.styles["Title"].font.size = Pt(title_pt)
    document.save(path)
    return path


def title_lines(options: RenderOptions) -> list[str]:
    doc = Document(Meta(title=TITLE, language="zh-Hans"), (paragraph("正文一段。"),))
    data = get_writer("docx").render(doc, options).data
    result = docx.Document(io.BytesIO(data))
    (title,) = [p for p in result.paragraphs if p.style.style_id == "Title"]
    return title.text.split("\n")


def test_a4_keeps_a_title_that_fits_on_one_line():
    assert title_lines(RenderOptions()) == [TITLE]


def test_letter_with_wide_margins_breaks_the_title_to_its_own_measure(tmp_path: Path):
    # Letter, 2.5-inch margins: a 3.5-inch (252 pt) line, 11.5 ems of a 22 pt title.
    ref = reference(tmp_path / "letter.docx", width=8.5, margin=2.5, title_pt=22)
    lines = title_lines(RenderOptions(writer=(("reference-docx", ref),)))
    assert len(lines) == 2 and "".join(lines) == TITLE
    assert lines[1].startswith("暨")  # where an editor breaks it, not where it is full
    assert all(display_width(line) / 2 <= 252 / 22 for line in lines)


def test_a_smaller_title_style_gets_more_characters_a_line(tmp_path: Path):
    # The same narrow page with a 14 pt Title: 18 ems, the title fits again.
    ref = reference(tmp_path / "small.docx", width=8.5, margin=2.5, title_pt=14)
    assert title_lines(RenderOptions(writer=(("reference-docx", ref),))) == [TITLE]


def test_the_measure_is_read_from_the_section_and_the_title_style(tmp_path: Path):
    ref = reference(tmp_path / "letter.docx", width=8.5, margin=1.0, title_pt=None)
    document = docx.Document(ref)
    size = document.styles["Title"].font.size  # python-docx's template has its own
    expected = 6.5 * 72 / (size.pt if size is not None else 10.0)
    assert title_measure(document) == pytest.approx(expected)
