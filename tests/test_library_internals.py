"""The private corners of python-docx, ebooklib and reportlab that our writers use.

Each is pinned in pyproject.toml to the series we test; when a new release
moves one of them, these tests say which attribute, what we use it for, and
where, instead of a writer failing with an AttributeError deep in a render.
"""

from __future__ import annotations

import io
import zipfile
from importlib.metadata import version

import pypdf
import pytest

from convert.model import Document, Meta, paragraph


def require(owner: object, attribute: str, package: str, why: str, where: str) -> object:
    if not hasattr(owner, attribute):
        name = getattr(owner, "__name__", type(owner).__name__)
        pytest.fail(
            f"{package} {version(package)}: {name}.{attribute} is gone; {where} uses it {why}. "
            f"Pin {package} to a release that has it (pyproject.toml) or update {where}."
        )
    return getattr(owner, attribute)


# --- python-docx ----------------------------------------------------------------------------


def test_python_docx_internals():
    import docx
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = docx.Document()
    paragraph_ = document.add_paragraph("x")
    run = paragraph_.runs[0]
    pkg = "python-docx"
    require(document, "_body", pkg, "to wrap new w:p elements as Paragraphs", "writers/docx.py")
    require(paragraph_, "_p", pkg, "to set paragraph properties and TOC fields",
            "writers/docx.py")
    require(run, "_r", pkg, "to tag a chapter's runs with its language", "writers/docx.py")
    require(document.sections[0], "_sectPr", pkg, "to drop rsid attributes",
            "writers/docx_template.py")
    require(document.core_properties, "_element", pkg, "to remove timestamps",
            "writers/docx_template.py")
    part = Part(PackURI("/word/fontTable.xml"), "application/xml", b"old", document.part.package)
    require(part, "_blob", pkg, "to replace a plain part's bytes",
            "writers/docx_template.py and docx_fonts.py")
    part._blob = b"new"
    assert part.blob == b"new", (
        f"python-docx {version(pkg)}: Part.blob no longer returns Part._blob; the font table "
        "and app.xml we write would be lost (writers/docx_template.py, docx_fonts.py)"
    )
    from docx.opc.pkgwriter import PackageWriter

    for method in ("_write_content_types_stream", "_write_pkg_rels", "_write_parts"):
        require(PackageWriter, method, pkg, "to collect the parts' bytes and zip them once",
                "writers/docx.py")
    from convert.writers.docx import _package_entries

    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as z:
        assert _package_entries(document) == {n: z.read(n) for n in z.namelist()}, (
            f"python-docx {version(pkg)}: its save writes parts _package_entries does not "
            "collect (writers/docx.py)")


# --- ebooklib -------------------------------------------------------------------------------


def test_ebooklib_internals():
    from ebooklib import epub

    for method in ("_write_container", "_write_opf", "_write_items"):
        require(epub.EpubWriter, method, "EbookLib",
                "to collect the entries and zip them with fixed timestamps", "writers/epub.py")
    require(epub.EpubHtml, "get_content", "EbookLib",
            "(overridden) so our XHTML is not re-parsed as HTML", "writers/epub.py")

    from convert.writers.base import RenderOptions
    from convert.writers.epub import render

    names = render(Document(Meta("标题"), (paragraph("正文。"),)), RenderOptions()).data
    assert b"META-INF/container.xml" in names and b".opf" in names, (
        f"EbookLib {version('EbookLib')}: EpubWriter's _write_* methods no longer write "
        "through self.out.writestr; writers/epub.py's CollectingWriter got no entries"
    )


# --- reportlab ------------------------------------------------------------------------------


def test_reportlab_internals():
    from reportlab.pdfbase import pdfmetrics, ttfonts

    from convert import fonts
    from convert.writers import pdf_fonts

    require(ttfonts, "makeToUnicodeCMap", "reportlab",
            "(replaced) to write plane-2 characters' ToUnicode entries as UTF-16",
            "writers/pdf_fonts.py")
    assert ttfonts.makeToUnicodeCMap is pdf_fonts._to_unicode_cmap
    font = pdf_fonts.registered(fonts.serif_face("zh-Hans"))
    face = pdfmetrics.getFont(font.name).face
    for attribute, why in (
        ("_ttf_data", "to read a glyph's right edge (punctuation squeezing)"),
        ("glyphPos", "to find a glyph's outline"),
        ("table", "to find the glyf table"),
        ("get_table", "(replaced) to embed a name table without the licence text"),
        ("charToGlyph", "to know which characters a face has"),
    ):
        require(face, attribute, "reportlab", why, "writers/pdf_fonts.py")


def test_reportlab_internals_the_pdf_drawing_and_saving_use():
    from reportlab.lib import rl_accel
    from reportlab.pdfbase import pdfdoc, pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    from convert import fonts
    from convert.writers import pdf, pdf_fonts, pdf_objects

    for name in ("escapePDF", "fp_str"):
        require(rl_accel, name, "reportlab", "to write text operators as the text object does",
                "writers/pdf_text.py")
    for name, why in (
        ("format", "(replaced) to format numbers and strings in fewer steps"),
        ("PDFName", "(replaced) to escape each name once"),
        ("pdfdocEnc", "to encode a string as the PDF's text"),
    ):
        require(pdfdoc, name, "reportlab", why, "writers/pdf_objects.py")
    assert pdf.pdf_objects is pdf_objects  # imported: installed
    assert pdfdoc.format is pdf_objects.format and pdfdoc.PDFName is pdf_objects.name
    canvas = Canvas(io.BytesIO())
    for name in ("_code", "_doc"):
        require(canvas, name, "reportlab", "to add a line's text object to the page",
                "writers/pdf_text.py")
    font = pdfmetrics.getFont(pdf_fonts.registered(fonts.serif_face("zh-Hans")).name)
    for name in ("splitString", "getSubsetInternalName"):
        require(font, name, "reportlab", "to give characters their subset codes",
                "writers/pdf_text.py")
    assert font.splitString("一二一", canvas._doc) == [(0, b"\x01\x02\x01")], (
        "reportlab's subset codes are no longer one byte per character, the next free "
        "code first (writers/pdf_text.py writes them straight)")
    for name in ("hmetrics", "glyphPos", "get_table_pos", "_ttf_data"):
        require(font.face, name, "reportlab", "to cut font subsets", "writers/ttf_subset.py")


def test_reportlab_still_calls_our_to_unicode_cmap():
    from convert.writers.base import RenderOptions
    from convert.writers.pdf import render

    data = render(Document(Meta("扩展B"), (paragraph("𠮷野家"),)), RenderOptions()).data
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "𠮷" in text, (
        f"reportlab {version('reportlab')}: ttfonts.makeToUnicodeCMap is no longer what "
        "TTFont uses at save time, so 𠮷 (U+20BB7) does not extract (writers/pdf_fonts.py)"
    )
