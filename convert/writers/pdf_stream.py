"""Drawing a PDF a page at a time: bounded memory for a novel, running heads, an outline.

The flow (pdf_layout.Flow with a sink) hands each page over as soon as it is full;
PagePainter draws it, records its outline entries, and compresses its content
stream at once. reportlab otherwise keeps every page's uncompressed stream until
save — for a 30 MB novel, thousands of pages of text operators.

A long text (convert.writers.long_text) gets running heads: the current chapter's
title at the top of each page, except on a page where a chapter starts.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from convert.writers.pdf_fonts import DocumentFonts
from convert.writers.pdf_geometry import A4_GEOMETRY
from convert.writers.pdf_layout import (
    GREY,
    TEXT_WIDTH,
    TOP,
    Mark,
    Placed,
)

HEAD_SIZE = 9.0
HEAD_Y = TOP + 26.0  # baseline of the running head, above the text block
RULE_Y = TOP + 20.0  # a hairline under it
MAX_HEAD_WIDTH = TEXT_WIDTH * 0.8

DrawLine = Callable[[Canvas, Placed, DocumentFonts], None]
DrawFooter = Callable[[Canvas, int, DocumentFonts], None]


class PagePainter:
    """The sink of a streaming Flow: draws each page as it comes."""

    def __init__(self, canvas: Canvas, fonts: DocumentFonts, chapters: int | None,
                 draw_line: DrawLine, draw_footer: DrawFooter) -> None:
        self.canvas = canvas
        self.fonts = fonts
        # Outline depth of a chapter heading (model level 2 is depth 1 under the title);
        # None: an article, no running heads.
        self.chapter_depth = None if chapters is None else max(1, chapters - 1)
        self.draw_line = draw_line
        self.draw_footer = draw_footer
        self.number = 0
        self.previous_level = -1
        self.chapter: str | None = None
        self.geometry = A4_GEOMETRY  # the page (--page-size): where the running head goes

    def __call__(self, page: list[Placed], marks: list[Mark]) -> None:
        canvas = self.canvas
        starts_chapter = False
        for mark in marks:
            # Outline levels may only go one deeper at a time (a 三级 heading without a 二级).
            level = min(mark.level, self.previous_level + 1)
            self.previous_level = level
            canvas.bookmarkHorizontalAbsolute(mark.key, mark.y)
            canvas.addOutlineEntry(mark.title, mark.key, level, closed=False)
            if self.chapter_depth is not None and mark.level <= self.chapter_depth:
                starts_chapter = True
                self.chapter = mark.title
        if self.chapter and not starts_chapter:
            self.running_head(self.chapter)
        for placed in page:
            self.draw_line(canvas, placed, self.fonts)
        self.number += 1
        self.draw_footer(canvas, self.number, self.fonts)
        canvas.showPage()
        compress_last_page(canvas)

    def running_head(self, title: str) -> None:
        """The chapter title, centred above the text block over a hairline; a title too
        long for the measure is cut with an ellipsis."""
        chain = self.fonts.body
        primary = chain.primary

        def width(text: str) -> float:
            return sum((chain.font_for(ch) or primary).width(ch) for ch in text) * HEAD_SIZE

        g = self.geometry
        top = g.top - TOP  # the running head keeps its place above the text block
        most = g.text_width * 0.8
        text = " ".join(title.split())
        if width(text) > most:
            while text and width(text + "…") > most:
                text = text[:-1]
            text += "…"
        canvas = self.canvas
        out = canvas.beginText(g.left + (g.text_width - width(text)) / 2, HEAD_Y + top)
        out.setFillColorRGB(*GREY)
        font = None
        for ch in text:
            face = chain.font_for(ch) or primary
            if face is not font:
                out.setFont(face.name, HEAD_SIZE)
                font = face
            out.textOut(ch)
        canvas.drawText(out)
        canvas.saveState()
        canvas.setStrokeColorRGB(*GREY)
        canvas.setLineWidth(0.4)
        canvas.line(g.left, RULE_Y + top, g.left + g.text_width, RULE_Y + top)
        canvas.restoreState()


class _WrittenOnce(pdfdoc.PDFStream):
    """A page stream that lets go of its bytes once they are in the file: at save,
    reportlab holds every object's bytes and then their join, and a novel's pages held
    a third copy of themselves meanwhile."""

    def format(self, document: object) -> bytes:
        out = super().format(document)
        self.content = b""  # the file has them now (a second format would write nothing)
        return out


def compress_last_page(canvas: Canvas) -> None:
    """Deflate the page just shown now instead of at save: the same bytes in the file
    (reportlab's own filter and name), a tenth of the memory meanwhile."""
    page = canvas._doc.Pages.pages[-1]
    stream = getattr(page, "stream", None)
    if not stream or not getattr(page, "compression", False):
        return
    filters = [pdfdoc.PDFBase85Encode, pdfdoc.PDFZCompress] if rl_config.useA85 else [
        pdfdoc.PDFZCompress
    ]  # as PDFPage.check_format chooses them
    content = stream
    for f in reversed(filters):
        content = f.encode(content)
    contents = _WrittenOnce()
    contents.content = content
    contents.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(f.pdfname) for f in filters])
    contents.__Comment__ = "page stream"
    page.Contents = contents
    page.stream = None

