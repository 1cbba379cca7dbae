"""PDF streams go through libdeflate: standard zlib streams, the same for the same input."""

from __future__ import annotations

import io
import zlib

import pypdf
from reportlab.pdfbase import pdfdoc

from convert.model import Document, Meta
from convert.writers import pdf_deflate
from convert.writers.base import RenderOptions
from convert.writers.pdf import render
from tests.documents import paragraph


def test_a_stream_inflates_with_zlib_to_what_went_in() -> None:
    outline = bytes(range(256)) * 40 + "字形轮廓".encode() * 100
    packed = pdf_deflate.compress(outline)
    assert isinstance(packed, bytes) and zlib.decompress(packed) == outline
    assert len(packed) < len(zlib.compress(outline, 1))  # not traded for size
    assert zlib.decompress(pdf_deflate.compress("q 1 0 0 1 72 720 cm")) == b"q 1 0 0 1 72 720 cm"


def test_reportlab_deflates_through_it_and_readers_inflate_every_stream() -> None:
    assert pdfdoc.PDFZCompress.encode is pdf_deflate.compress
    doc = Document(Meta("标题：字形只压缩一次"), (paragraph("正文用明体，标题用黑体。Latin too."),))
    data = render(doc, RenderOptions()).data
    assert data == render(doc, RenderOptions()).data  # deterministic
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    assert "正文用明体" in reader.pages[0].extract_text()
    fonts = reader.pages[0]["/Resources"]["/Font"].values()
    for ref in fonts:
        program = ref.get_object()["/FontDescriptor"]["/FontFile2"].get_object()
        assert list(program["/Filter"]) == ["/FlateDecode"]
        assert program.get_data()[:4] == b"\0\1\0\0"  # a TrueType file, inflated
