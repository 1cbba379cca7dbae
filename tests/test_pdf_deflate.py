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
    # The page's text operators deflated, not also wrapped in ASCII85 (a quarter larger).
    page = reader.pages[0]["/Contents"].get_object()
    assert list(page["/Filter"]) == ["/FlateDecode"]
    assert b"BT" in page.get_data()


def test_font_programs_at_their_own_level_everything_else_at_the_other() -> None:
    import random

    import deflate
    from reportlab.pdfbase import pdfmetrics

    from convert import fonts
    from convert.writers import pdf_fonts, ttf_subset

    face = pdfmetrics.getFont(pdf_fonts.registered(fonts.serif_face("zh-Hans")).name).face
    program = ttf_subset.make_subset(face, list(range(0x4E00, 0x4E00 + 255)))
    pick = random.Random(7)
    page = "".join(f"BT 1 0 0 1 72 {pick.uniform(72, 770):.2f} Tm {pick.uniform(-1, 2):.3f} Tc "
                   f"({bytes(pick.randrange(1, 256) for _ in range(40)).hex()}) Tj ET\n"
                   for _ in range(300)).encode()
    assert program[:4] == b"\0\1\0\0"
    for data, level, other in ((program, pdf_deflate.FONT_LEVEL, pdf_deflate.LEVEL),
                               (page, pdf_deflate.LEVEL, pdf_deflate.FONT_LEVEL)):
        made = pdf_deflate.compress(data)
        assert made == bytes(deflate.zlib_compress(data, level))
        assert made != bytes(deflate.zlib_compress(data, other))  # the level tells
        assert zlib.decompress(made) == data
