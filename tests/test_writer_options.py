"""Options writers declare themselves: PDF page size and font size, DOCX reference document."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from convert import writers
from convert.writers.base import RenderOptions
from convert.writers.pdf_geometry import A4_GEOMETRY, PAGE_SIZES, geometry
from tests import documents

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "convert", *args], capture_output=True,
                          text=True, cwd=cwd)


def test_help_lists_each_writers_options_with_its_format():
    out = run("--help", cwd=Path.cwd()).stdout
    assert "--page-size" in out and "--font-size" in out and "--reference-docx" in out
    assert "[pdf]" in out and "[docx]" in out


def test_each_writer_declares_its_options():
    declared = writers.declared_options()
    assert [o.name for o in declared["pdf"]] == ["page-size", "font-size"]
    assert [o.name for o in declared["docx"]] == ["reference-docx"]
    assert writers.get_writer("pdf").options == declared["pdf"]
    assert writers.get_writer("docx").options == declared["docx"]


def test_a4_at_11_points_is_the_layout_convert_always_made():
    assert (A4_GEOMETRY.chars_per_line, A4_GEOMETRY.text_width, A4_GEOMETRY.bottom) == \
        (40, 440.0, 72.0)
    plain = writers.get_writer("pdf").render(documents.zh_hans(), RenderOptions()).data
    given = RenderOptions(writer=(("font-size", 11.0), ("page-size", "A4")))
    assert writers.get_writer("pdf").render(documents.zh_hans(), given).data == plain


@pytest.mark.parametrize("name", list(PAGE_SIZES))
def test_every_page_size_keeps_a_whole_number_of_characters_inside_the_page(name: str):
    g = geometry(name)
    assert g.text_width == g.chars_per_line * g.body_size
    assert g.left > 0 and g.left + g.text_width < g.page_width
    assert g.bottom < g.top < g.page_height and 0 < g.footer_y < g.bottom


@pytest.mark.parametrize(("name", "size"), [("A5", 11.0), ("6in", 11.0), ("Letter", 14.0)])
def test_page_size_and_font_size_reach_the_pdf(name: str, size: float):
    options = RenderOptions(writer=(("font-size", size), ("page-size", name)))
    data = writers.get_writer("pdf").render(documents.every_node(), options).data
    reader = pypdf.PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(PAGE_SIZES[name], abs=0.01)
    g = geometry(name, size)
    lines: list[float] = []
    reader.pages[0].extract_text(visitor_text=lambda t, cm, tm, fd, fs: lines.append(
        tm[0] * fs) if t.strip() else None)
    assert size in [round(v, 2) for v in lines]  # body text at the asked size
    text = "".join(p.extract_text() for p in reader.pages)
    assert "春节除外" in text and g.chars_per_line > 8


def reference_docx(path: Path) -> Path:
    """A user's template: A5 pages, a red Title in Arial, a 9 pt Normal."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(148), Mm(210)
    title = document.styles["Title"]
    title.font.name = "Arial"
    title.font.color.rgb = RGBColor(0xC0, 0, 0)
    document.styles["Normal"].font.size = Pt(9)
    document.save(path)
    return path


def test_reference_docx_gives_its_styles_and_page(tmp_path: Path):
    reference = reference_docx(tmp_path / "template.docx")
    options = RenderOptions(writer=(("reference-docx", reference),))
    data = writers.get_writer("docx").render(documents.every_node(), options).data
    package = zipfile.ZipFile(io.BytesIO(data))
    styles = etree.fromstring(package.read("word/styles.xml"))
    by_id = {s.get(W + "styleId"): s for s in styles.iter(W + "style")}
    assert by_id["Title"].find(f"{W}rPr/{W}color").get(W + "val") == "C00000"
    assert by_id["Normal"].find(f"{W}rPr/{W}sz").get(W + "val") == "18"
    for ours in ("ArticleMeta", "Rights", "Quote", "Caption", "SourceCode"):
        assert ours in by_id, ours  # what the template lacks stays convert's
    body = etree.fromstring(package.read("word/document.xml"))
    size = body.find(f".//{W}sectPr/{W}pgSz")
    assert (size.get(W + "w"), size.get(W + "h")) == ("8391", "11906")  # A5 in twips
    assert len(body.findall(f".//{W}sectPr")) == 1


def test_options_enter_only_their_formats_fingerprint(tmp_path: Path):
    (tmp_path / "a.txt").write_text("标题\n\n正文第一段。\n", "utf-8")
    assert run("a.txt", "--to", "pdf,docx", "-q", cwd=tmp_path).returncode == 0
    pdf, docx_file = tmp_path / "a.pdf", tmp_path / "a.docx"
    before = pdf.read_bytes(), docx_file.stat().st_mtime_ns
    result = run("a.txt", "--to", "pdf,docx", "--page-size", "a5", "-v", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes() != before[0]  # remade at A5 …
    assert docx_file.stat().st_mtime_ns == before[1]  # … and the DOCX left alone
    again = run("a.txt", "--to", "pdf", "--page-size", "A5", "-v", cwd=tmp_path)
    assert "up to date" in again.stderr  # the same option, however spelt


@pytest.mark.parametrize(("args", "reason"), [
    (["--page-size", "A3"], "--page-size"),
    (["--font-size", "3"], "--font-size"),
    (["--reference-docx", "a.txt"], "not a .docx"),
])
def test_bad_writer_options_are_usage_errors(tmp_path: Path, args: list[str], reason: str):
    (tmp_path / "a.txt").write_text("标题\n\n正文。\n", "utf-8")
    result = run("a.txt", *args, cwd=tmp_path)
    assert result.returncode == 2 and reason in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "a.pdf").exists()
