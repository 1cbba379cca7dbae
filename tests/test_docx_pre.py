"""Preformatted text in the DOCX: a monospaced style, spaces kept, tabs expanded, and
CJK characters two columns wide so ASCII tables with Chinese keep their columns."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.shared import Pt
from lxml import etree

from convert.charclass import expand_tabs, is_wide
from convert.model import Document, Meta, paragraph, preformatted
from convert.writers import get_writer
from convert.writers.base import RenderOptions
from tests.conftest import needs_tool
from tests.test_pdf_pre import CODE, TABLE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def render(*blocks, options: RenderOptions | None = None) -> bytes:
    doc = Document(Meta(title="代码示例", language="zh-Hans"), (paragraph("代码如下。"), *blocks))
    return get_writer("docx").render(doc, options or RenderOptions()).data


def code_paragraphs(data: bytes) -> list[etree._Element]:
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return [p for p in body.iter(W + "p")
            if p.find(f"{W}pPr/{W}pStyle") is not None
            and p.find(f"{W}pPr/{W}pStyle").get(W + "val") == "SourceCode"]


def text_of(p: etree._Element) -> str:
    out = []
    for el in p.iter(W + "t", W + "br", W + "tab"):
        out.append(el.text or "" if el.tag == W + "t" else "\n" if el.tag == W + "br" else "\t")
    return "".join(out)


def test_spaces_and_lines_are_kept_and_tabs_become_columns():
    (p,) = code_paragraphs(render(preformatted(CODE)))
    assert text_of(p) == "\n".join(expand_tabs(line) for line in CODE.split("\n"))
    assert all(t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
               for t in p.iter(W + "t") if t.text != t.text.strip())


def test_cjk_runs_are_spaced_to_two_columns_of_courier_new():
    (p,) = code_paragraphs(render(preformatted(TABLE)))
    for r in p.iter(W + "r"):
        text = "".join(t.text or "" for t in r.iter(W + "t"))
        spacing = r.find(f"{W}rPr/{W}spacing")
        if any(is_wide(ch) for ch in text):
            assert all(is_wide(ch) for ch in text), text
            # 10 pt: an em of CJK + 2 pt = two 6 pt columns (twentieths of a point).
            assert spacing is not None and spacing.get(W + "val") == "40"
        else:
            assert spacing is None, text


def test_the_code_style_is_monospaced_with_cjk_in_the_body_face_and_no_auto_space():
    data = render(preformatted(TABLE))
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml"))
    (style,) = [s for s in styles.iter(W + "style") if s.get(W + "styleId") == "SourceCode"]
    fonts = style.find(f"{W}rPr/{W}rFonts")
    assert fonts.get(W + "ascii") == "Courier New" and fonts.get(W + "hAnsi") == "Courier New"
    (normal,) = [s for s in styles.iter(W + "style") if s.get(W + "styleId") == "Normal"]
    body = normal.find(f"{W}rPr/{W}rFonts").get(W + "eastAsia")
    assert body and fonts.get(W + "eastAsia") == body  # Chinese in code: the body's face
    # Word's automatic space between CJK and Latin would shift every column after it.
    assert style.find(f"{W}pPr/{W}autoSpaceDE").get(W + "val") == "0"
    assert style.find(f"{W}pPr/{W}autoSpaceDN").get(W + "val") == "0"


def test_a_reference_code_style_sets_the_spacing_from_its_own_face_and_size(tmp_path: Path):
    reference = docx.Document()
    style = reference.styles.add_style("Source Code", 1)  # paragraph style
    style.element.set(W + "styleId", "SourceCode")
    style.font.name = "Consolas"
    style.font.size = Pt(9)
    reference.save(tmp_path / "ref.docx")
    options = RenderOptions(writer=(("reference-docx", tmp_path / "ref.docx"),))
    (p,) = code_paragraphs(render(preformatted(TABLE), options=options))
    spaced = {s.get(W + "val") for s in p.iter(W + "spacing")}
    assert spaced == {"18"}  # Consolas 0.55 em: 2 × 0.55 − 1 = 0.1 em of 9 pt


@pytest.mark.slow
def test_libreoffice_lines_the_columns_up(tmp_path: Path):
    soffice = needs_tool("soffice")
    # LibreOffice 7 ignores w:autoSpaceDE/DN: a Latin letter or digit touching a Chinese
    # character gets its quarter-ish space there (Word does not): the README says so.
    # Here every Chinese cell is set off by spaces or bars.
    table = TABLE.replace("906万 ", "906 万")
    (tmp_path / "t.docx").write_bytes(render(preformatted(table),
                                             options=RenderOptions(embed_fonts=True)))
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "t.docx")], check=True, capture_output=True, timeout=240)
    with pdfplumber.open(tmp_path / "t.pdf") as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"] in "|+"]
    rows: dict[float, list[float]] = {}
    for c in chars:
        rows.setdefault(round(c["top"]), []).append(c["x0"])
    assert len(rows) == 6
    columns = [sorted(xs) for _, xs in sorted(rows.items())]
    for xs in columns:  # every row's bars where the first row's are, to a tenth of a column
        assert xs == pytest.approx(columns[0], abs=0.6), columns
