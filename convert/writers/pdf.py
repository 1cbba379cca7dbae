"""PDF: A4, Chinese typesetting, every font embedded and subset (reportlab).

Text is laid out here (pdf_wrap: kinsoku line breaking; pdf_layout: pages)
and drawn with reportlab's canvas, character runs in the face of their
fallback chain (pdf_fonts). Nothing goes through reportlab's paragraph
markup, so `<img src=…>`, `<a href>` or `&` in an article are drawn as the
characters they are and can never read a file or make a link.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from convert import __version__
from convert.model import Document
from convert.presentation import editors_line, meta_line, parse_published, region_tag
from convert.writers.base import Rendered, RenderOptions, Writer
from convert.writers.pdf_fonts import DocumentFonts, RLFont, document_fonts
from convert.writers.pdf_fonts import warm_up as _warm_fonts
from convert.writers.pdf_layout import (
    BODY,
    BODY_LATIN,
    BOOK_TITLE,
    EDITORS,
    FOOTER,
    FOOTER_Y,
    HEADING,
    LEFT,
    META,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHTS,
    RIGHTS_FIRST,
    SUBTITLE,
    TEXT_WIDTH,
    TITLE,
    TOC_ENTRY,
    Flow,
    Mark,
    Placed,
)

PRODUCER = f"convert {__version__} (reportlab)"


# --- laying out an article ------------------------------------------------------------


def _article(flow: Flow, doc: Document, key: str, level: int = 0) -> None:
    """Title block, body, editors and rights of one article, from the flow's current page."""
    m = doc.meta
    flow.add(m.title, TITLE, mark=(m.title, level, key))
    if m.subtitle:
        flow.add(m.subtitle, SUBTITLE)
    line = meta_line(doc)
    if line:
        flow.add(line, META)
    body = BODY if doc.is_cjk else BODY_LATIN
    keep = body.before + 2 * body.size * body.leading
    n = 0
    for block in doc.blocks:
        if block.type == "heading":
            n += 1
            style = HEADING.get(block.level or 2, HEADING[3])
            depth = level + (1 if (block.level or 2) <= 2 else 2)
            flow.add(block.text, style, mark=(block.text, depth, f"{key}-h{n}"), next_height=keep)
        else:
            flow.add(block.text, body)
    editors = editors_line(doc)
    if editors:
        flow.add(editors, EDITORS)
    for i, text in enumerate(doc.rights):
        flow.add(text, RIGHTS_FIRST if i == 0 else RIGHTS)


# --- drawing --------------------------------------------------------------------------


def _runs(placed: Placed, fonts: DocumentFonts) -> list[tuple[RLFont, float, str]]:
    """(font, character spacing, text) runs: spacing after each atom, none inside a word."""
    chain = fonts.chain(placed.style.role)
    primary = chain.primary
    runs: list[tuple[RLFont, float, str]] = []
    atoms = placed.line.atoms
    for a, atom in enumerate(atoms):
        last_atom = a == len(atoms) - 1
        for i, ch in enumerate(atom.text):
            font = chain.font_for(ch) or primary
            ends_atom = i == len(atom.text) - 1
            spacing = placed.gap if (ends_atom and not atom.joined and not last_atom) else 0.0
            if runs and runs[-1][0] is font and runs[-1][1] == spacing:
                runs[-1] = (font, spacing, runs[-1][2] + ch)
            else:
                runs.append((font, spacing, ch))
    return runs


def _draw_line(canvas: Canvas, placed: Placed, fonts: DocumentFonts) -> None:
    style = placed.style
    text = canvas.beginText(placed.x, placed.y)
    text.setFillColorRGB(*style.color)
    if style.bold:
        # The Hei face has no bold: fill and stroke the outlines (a light faux bold).
        canvas.setStrokeColorRGB(*style.color)
        canvas.setLineWidth(style.size * 0.035)
        text.setTextRenderMode(2)
    current: tuple[str, float] | None = None
    for font, spacing, chars in _runs(placed, fonts):
        if current is None or current[0] != font.name:
            text.setFont(font.name, style.size)
        if current is None or current[1] != spacing:
            text.setCharSpace(spacing)
        current = (font.name, spacing)
        text.textOut(chars)
    canvas.drawText(text)


def _draw_footer(canvas: Canvas, number: int, fonts: DocumentFonts) -> None:
    label = f"— {number} —"
    font = fonts.body.primary
    width = sum((fonts.body.font_for(ch) or font).width(ch) for ch in label) * FOOTER.size
    text = canvas.beginText(PAGE_WIDTH / 2 - width / 2, FOOTER_Y)
    text.setFillColorRGB(*FOOTER.color)
    for ch in label:
        text.setFont((fonts.body.font_for(ch) or font).name, FOOTER.size)
        text.textOut(ch)
    canvas.drawText(text)


def _canvas(out: io.BytesIO, doc: Document, fonts: DocumentFonts, title: str) -> Canvas:
    canvas = Canvas(
        out,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        invariant=1,  # no timestamps or random IDs: the same input gives the same bytes
        pageCompression=1,
        # The default canvas font would leave an unembedded Helvetica in every page's resources.
        initialFontName=fonts.body.primary.name,
        initialFontSize=BODY.size,
        lang=region_tag(doc.meta.language),
    )
    canvas.setTitle(title)
    authors = ", ".join(a.name for a in doc.meta.authors)
    canvas.setAuthor(authors)
    canvas.setSubject(doc.meta.subtitle or meta_line(doc))
    canvas.setCreator("convert")
    canvas.setProducer(PRODUCER)
    canvas.setKeywords(doc.meta.source or "")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    published = parse_published(doc.meta.published)
    if published is not None:
        stamp = f"D:{published:%Y%m%d%H%M%S}"
        canvas.setDateFormatter(lambda *_: stamp)
    return canvas


def _paint(canvas: Canvas, flow: Flow, fonts: DocumentFonts, first_number: int = 1) -> None:
    marks_by_page: dict[int, list[Mark]] = {}
    for mark in flow.marks:
        marks_by_page.setdefault(mark.page, []).append(mark)
    for number, page in enumerate(flow.pages):
        for mark in marks_by_page.get(number, ()):
            canvas.bookmarkHorizontalAbsolute(mark.key, mark.y)
            canvas.addOutlineEntry(mark.title, mark.key, mark.level, closed=False)
        for placed in page:
            _draw_line(canvas, placed, fonts)
        _draw_footer(canvas, first_number + number, fonts)
        canvas.showPage()


def _levels(marks: list[Mark]) -> list[Mark]:
    """Outline levels may only go one deeper at a time (a 三级 heading without a 二级)."""
    fixed: list[Mark] = []
    prev = -1
    for m in marks:
        level = min(m.level, prev + 1)
        fixed.append(Mark(m.title, level, m.page, m.y, m.key))
        prev = level
    return fixed


def _warnings(fonts: DocumentFonts) -> tuple[str, ...]:
    if not fonts.missing:
        return ()
    listed = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in fonts.missing)
    return (f"PDF: no available font has {listed}; drawn as an empty box",)


def render(doc: Document, options: RenderOptions) -> Rendered:
    fonts = document_fonts(
        doc.all_text() + meta_line(doc) + editors_line(doc), options, doc.meta.language
    )
    flow = Flow(fonts)
    _article(flow, doc, "title")
    flow.marks = _levels(flow.marks)
    out = io.BytesIO()
    canvas = _canvas(out, doc, fonts, doc.meta.title)
    _paint(canvas, flow, fonts)
    canvas.showOutline()
    canvas.save()
    return Rendered(out.getvalue(), _warnings(fonts))


# --- books: many articles, one PDF ----------------------------------------------------


def render_book(docs: Sequence[Document], title: str, options: RenderOptions) -> Rendered:
    """A title page with a table of contents, then each article from a new page."""
    if not docs:
        raise ValueError("a book needs at least one article")
    first = docs[0]
    text = "\n".join([title, *(d.all_text() + meta_line(d) + editors_line(d) for d in docs)])
    fonts = document_fonts(text + "0123456789—", options, first.meta.language)

    chapters = Flow(fonts)
    starts: list[int] = []
    for i, doc in enumerate(docs):
        if i:
            chapters.new_page()
        starts.append(len(chapters.pages) - 1)
        _article(chapters, doc, f"ch{i + 1}", level=1)

    toc = Flow(fonts)
    toc.add(title, BOOK_TITLE, mark=(title, 0, "book"))
    toc_lines = [toc.lines(d.meta.title, TOC_ENTRY, TEXT_WIDTH - 40) for d in docs]
    # The contents take as many pages as their lines need; chapter numbers follow them.
    toc_pages = _toc_pages(toc, toc_lines)
    entries = []
    for i, doc in enumerate(docs):
        page = toc_pages + starts[i] + 1
        entries.append((doc.meta.title, page, f"ch{i + 1}"))
    links = _place_toc(toc, entries)

    book = Document(meta=first.meta, blocks=())
    out = io.BytesIO()
    canvas = _canvas(out, book, fonts, title)
    canvas.setSubject(f"{len(docs)} articles")
    marks = [*toc.marks, *(_shift(m, len(toc.pages)) for m in chapters.marks)]
    toc.marks = [m for m in marks if m.page < len(toc.pages)]
    chapters.marks = [
        _shift(m, -len(toc.pages)) for m in _levels(marks) if m.page >= len(toc.pages)
    ]
    toc.marks = _levels(toc.marks)
    _paint_toc(canvas, toc, fonts, links)
    _paint(canvas, chapters, fonts, first_number=len(toc.pages) + 1)
    canvas.showOutline()
    canvas.save()
    warnings = _warnings(fonts)
    return Rendered(out.getvalue(), warnings)


def _shift(mark: Mark, pages: int) -> Mark:
    return Mark(mark.title, mark.level, mark.page + pages, mark.y, mark.key)


def _toc_pages(toc: Flow, toc_lines: list[list]) -> int:
    """How many pages the title and contents fill (measured on a scratch flow)."""
    scratch = Flow(toc.fonts, pages=[list(p) for p in toc.pages], y=toc.y)
    scratch._first_on_page = toc._first_on_page
    step = TOC_ENTRY.size * TOC_ENTRY.leading
    for lines in toc_lines:
        for _ in lines:
            if scratch.y - step < 72.0:
                scratch.new_page()
            scratch.y -= step
            scratch.pages[-1].append(None)  # type: ignore[arg-type]
    return len(scratch.pages)


def _place_toc(toc: Flow, entries: list[tuple[str, int, str]]) -> list[tuple[int, float, str, int]]:
    """Contents lines, each with its page number; returns (page, y, key, number) per entry."""
    links = []
    for title, number, key in entries:
        lines = toc.add(title, TOC_ENTRY)
        last = toc.pages[-1][-1]
        links.append((len(toc.pages) - 1, last.y, key, number))
        del lines
    return links


def _paint_toc(
    canvas: Canvas, toc: Flow, fonts: DocumentFonts, links: list[tuple[int, float, str, int]]
) -> None:
    by_page: dict[int, list[tuple[float, str, int]]] = {}
    for page, y, key, number in links:
        by_page.setdefault(page, []).append((y, key, number))
    marks_by_page: dict[int, list[Mark]] = {}
    for mark in toc.marks:
        marks_by_page.setdefault(mark.page, []).append(mark)
    for index, page in enumerate(toc.pages):
        for mark in marks_by_page.get(index, ()):
            canvas.bookmarkHorizontalAbsolute(mark.key, mark.y)
            canvas.addOutlineEntry(mark.title, mark.key, mark.level, closed=False)
        for placed in page:
            _draw_line(canvas, placed, fonts)
        for y, key, number in by_page.get(index, ()):
            label = str(number)
            font = fonts.body.primary
            width = sum(font.width(ch) for ch in label) * TOC_ENTRY.size
            right = LEFT + TEXT_WIDTH
            canvas.setFont(font.name, TOC_ENTRY.size)
            canvas.setFillColorRGB(0, 0, 0)
            canvas.drawString(right - width, y, label)
            # An internal link to the chapter (the article text itself never links anywhere).
            canvas.linkAbsolute("", key, (LEFT, y - 4, right, y + TOC_ENTRY.size), thickness=0)
        _draw_footer(canvas, index + 1, fonts)
        canvas.showPage()


def warm_up(options: RenderOptions) -> None:
    """Parse the default faces once per process (a pool worker's initializer calls this)."""
    _warm_fonts(options)


WRITER = Writer(
    name="pdf",
    extension=".pdf",
    render=render,
    render_book=render_book,
    description="A4 PDF with embedded, subset CJK fonts and Chinese line breaking",
    warm_up=warm_up,
)
