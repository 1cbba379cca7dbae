"""PDF: A4, Chinese typesetting, every font embedded and subset (reportlab).

Text is laid out here (convert.linebreak: kinsoku line breaking; pdf_layout: pages)
and drawn with reportlab's canvas, character runs in the face of their
fallback chain (pdf_fonts). Nothing goes through reportlab's paragraph
markup, so `<img src=…>`, `<a href>` or `&` in an article are drawn as the
characters they are and can never read a file or make a link.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from weakref import WeakKeyDictionary, ref

from reportlab.pdfgen.canvas import Canvas

from convert import __version__, layout, locale
from convert.layout import BookTitle, Chapter, Contents, Drawer
from convert.linebreak import word_cap
from convert.model import Block, Document
from convert.presentation import editors_line, meta_line, parse_published, region_tag
from convert.writers import pdf_deflate, pdf_nodes, pdf_objects, pdf_text
from convert.writers.base import Rendered, RenderOptions, Writer
from convert.writers.long_text import chapter_level
from convert.writers.pdf_fonts import DocumentFonts, FontChain, RLFont, document_fonts
from convert.writers.pdf_fonts import warm_up as _warm_fonts
from convert.writers.pdf_geometry import A4_GEOMETRY, Geometry
from convert.writers.pdf_layout import (
    BODY,
    BOOK_TITLE,
    FOOTER,
    TOC_ENTRY,
    TOC_HEAD,
    Flow,
    Mark,
    Placed,
)
from convert.writers.pdf_options import OPTIONS, page_geometry
from convert.writers.pdf_stream import PagePainter

PRODUCER = f"convert {__version__} (reportlab)"

pdf_deflate.install()  # every stream deflated by libdeflate: 2.5× faster than zlib
pdf_objects.install()  # numbers, names and keys formatted in fewer steps, same bytes


# --- laying out an article ------------------------------------------------------------


def _article(
    flow: Flow, doc: Document, key: str, level: int = 0, chapters: int | None = None
) -> tuple[str, ...]:
    """Title block, body, editors and rights of one article, from the flow's current page;
    the warnings (images not embedded). Headings at model level `chapters` or above (a
    long text's chapters) start a page. The order and furniture are convert.layout's;
    pdf_nodes draws each item."""
    return pdf_nodes.draw_article(flow, doc, key, level, chapters)


# --- drawing --------------------------------------------------------------------------


class _FaceOf(dict[str, RLFont]):
    """The face each character is drawn in, in one chain: found by font_for on first use,
    then a dict look-up (a line asks for every one of its characters)."""

    def __init__(self, chain: FontChain, latin: bool) -> None:
        super().__init__()
        # (Weakly: the table is _FACE_OF's value, which must not keep its key alive.)
        self.chain, self.latin = ref(chain), latin  # latin: ambiguous marks in the Latin face

    def __missing__(self, ch: str) -> RLFont:
        chain = self.chain()
        assert chain is not None  # (a chain drawing a line is alive)
        found = self[ch] = chain.font_for(ch, self.latin) or chain.primary
        return found


# Per chain (a document's), as long as the document lives: (in Chinese text, in Latin).
_FACE_OF: WeakKeyDictionary[FontChain, tuple[_FaceOf, _FaceOf]] = WeakKeyDictionary()


def _face_of(chain: FontChain) -> tuple[_FaceOf, _FaceOf]:
    found = _FACE_OF.get(chain)
    if found is None:
        found = _FACE_OF[chain] = (_FaceOf(chain, False), _FaceOf(chain, True))
    return found


def _runs(placed: Placed, fonts: DocumentFonts) -> list[tuple[RLFont, float, str]]:
    """(font, character spacing, text) runs: spacing after each atom, none inside a word."""
    chain = fonts.chain(placed.style.role)
    plain, in_latin = _face_of(chain)
    size = placed.style.size
    gap, tracking = placed.gap, placed.tracking
    runs: list[tuple[RLFont, float, str]] = []
    font: RLFont | None = None  # the run being built: its face, spacing and characters
    spacing = 0.0
    chars: list[str] = []
    atoms = placed.line.atoms
    last = len(atoms) - 1
    for a, atom in enumerate(atoms):
        text = atom.text
        end = len(text) - 1
        for i, ch in enumerate(text):
            if atom.space and font is not None and font.has(ch):
                face = font  # any face's space will do: its width is set below
            else:
                face = (in_latin if atom.latin else plain)[ch]
            if i == end and not atom.joined and a != last:
                after = gap
                space = atom if atom.space else atoms[a + 1]
                if after > 0 and space.space:  # a word space opens at most to 0.45 em
                    after = min(after, word_cap(space, size))
            elif atom.space or (a == last and i == end):
                after = 0.0
            else:
                after = tracking  # between letters (0 but in a hard line)
            if atom.space:
                # A space is as wide as the layout made it (a Latin word space, a quarter
                # em beside Chinese), whatever the face's own space glyph is.
                after += atom.width - face.width(ch) * size
            if i == end:
                if atom.pad:
                    after += atom.pad  # the quarter em between Han and Latin text
                if atom.trim:
                    after -= atom.trim  # squeezed punctuation: the next glyph moves in
            if face is font and after == spacing:
                chars.append(ch)
            else:
                if chars:
                    runs.append((font, spacing, "".join(chars)))  # type: ignore[arg-type]
                font, spacing, chars = face, after, [ch]
    if chars:
        runs.append((font, spacing, "".join(chars)))  # type: ignore[arg-type]
    return runs


def _draw_line(canvas: Canvas, placed: Placed, fonts: DocumentFonts) -> None:
    if pdf_nodes.paint_item(canvas, placed):  # not text: a rule, an image, a table's grid …
        return
    style = placed.style
    if style.bold:
        # The Hei face has no bold: fill and stroke the outlines (a light faux bold). The
        # text object sets the render mode back after the line: it is graphics state that
        # outlives the text object, and left on, every later line would be stroked too.
        canvas.setStrokeColorRGB(*style.color)
        canvas.setLineWidth(style.size * 0.035)
    runs = ((font.name, spacing, chars) for font, spacing, chars in _runs(placed, fonts))
    pdf_text.draw_runs(canvas, placed.x, placed.y, tuple(style.color), style.size, runs,
                       fill_and_stroke=style.bold)


def _draw_footer(canvas: Canvas, number: int, fonts: DocumentFonts,
                 g: Geometry = A4_GEOMETRY) -> None:
    label = f"— {number} —"
    font = fonts.body.primary
    width = sum((fonts.body.font_for(ch) or font).width(ch) for ch in label) * FOOTER.size
    text = canvas.beginText(g.page_width / 2 - width / 2, g.footer_y)
    text.setFillColorRGB(*FOOTER.color)
    for ch in label:
        text.setFont((fonts.body.font_for(ch) or font).name, FOOTER.size)
        text.textOut(ch)
    canvas.drawText(text)


def _canvas(out: io.BytesIO, doc: Document, fonts: DocumentFonts, title: str,
            g: Geometry = A4_GEOMETRY) -> Canvas:
    canvas = Canvas(
        out,
        pagesize=(g.page_width, g.page_height),
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


def _paint(
    canvas: Canvas,
    flow: Flow,
    fonts: DocumentFonts,
    first_number: int = 1,
    links: Sequence[tuple[int, float, str, int]] = (),
) -> None:
    """Draw the flow's pages: lines, outline entries, contents numbers, footers."""
    marks_by_page: dict[int, list[Mark]] = {}
    for mark in flow.marks:
        marks_by_page.setdefault(mark.page, []).append(mark)
    for number, page in enumerate(flow.pages):
        for mark in marks_by_page.get(number, ()):
            canvas.bookmarkHorizontalAbsolute(mark.key, mark.y)
            canvas.addOutlineEntry(mark.title, mark.key, mark.level, closed=False)
        for placed in page:
            _draw_line(canvas, placed, fonts)
        for link_page, y, key, target in links:
            if link_page == number:
                _draw_toc_number(canvas, fonts, y, key, target, flow.geometry)
        _draw_footer(canvas, first_number + number, fonts, flow.geometry)
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
    # A text in a script no font has would otherwise list thousands: the first 20 and a count.
    listed = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in fonts.missing[:20])
    more = f" and {len(fonts.missing) - 20} more" if len(fonts.missing) > 20 else ""
    return (f"PDF: no available font has {len(fonts.missing)} character(s): {listed}{more}; "
            "drawn as an empty box",)


def render(doc: Document, options: RenderOptions) -> Rendered:
    """One article; a long text the same way, a page drawn as soon as it is laid out."""
    fonts = document_fonts(_chars(doc), options, doc.meta.language)
    out = io.BytesIO()
    g = page_geometry(options)
    canvas = _canvas(out, doc, fonts, doc.meta.title, g)
    chapters = chapter_level(doc)
    painter = PagePainter(canvas, fonts, chapters, _draw_line, partial(_draw_footer, g=g))
    painter.geometry = g
    flow = Flow(fonts, sink=painter, geometry=g)
    notes = _article(flow, doc, "title", chapters=chapters)
    flow.finish()
    canvas.showOutline()
    # The bytes save() would write, without the two copies of them it makes on the way.
    return Rendered(canvas.getpdfdata(), _warnings(fonts) + notes)


# --- books: many articles, one PDF ----------------------------------------------------


class _BookDrawer(Drawer):
    """Lays out a book's items (convert.layout.book): the title page with the contents
    in one flow, each chapter in a flow of its own from a new page, in the faces of its
    own language (UMing CN / TW / HK shapes). The contents' page numbers are drawn at
    paint time, once every chapter's length is known."""

    def __init__(self, toc_text: str, language: str, options: RenderOptions) -> None:
        self.options = options
        self.g = page_geometry(options)
        self.toc = Flow(document_fonts(toc_text, options, language), geometry=self.g)
        self.entries: list[tuple[int, float, str]] = []  # (page, baseline, key) per entry
        self.chapters: list[Flow] = []
        self.notes: list[str] = []

    def visit_book_title(self, item: BookTitle) -> None:
        self.toc.add(item.text, BOOK_TITLE, mark=(item.text, 0, "book"))

    def visit_contents(self, item: Contents) -> None:
        self.toc.add(item.label, TOC_HEAD)
        for n, text in enumerate(item.titles, 1):
            self.toc.add(text, TOC_ENTRY, width=self.g.text_width - 48)
            self.entries.append((len(self.toc.pages) - 1, self.toc.pages[-1][-1].y, f"ch{n}"))

    def visit_chapter(self, item: Chapter) -> None:
        doc = item.doc
        flow = Flow(document_fonts(_chars(doc), self.options, doc.meta.language), geometry=self.g)
        self.notes += _article(flow, doc, f"ch{item.number}", level=1, chapters=item.breaks)
        self.chapters.append(flow)

    def visit_paragraph(self, block: Block) -> None:  # a book item this writer predates
        self.toc.add(block.text, BODY)


def render_book(docs: Sequence[Document], title: str, options: RenderOptions) -> Rendered:
    """The title page with the contents, then each article from a new page (a chapter each:
    its own title block, meta line, body and rights), one outline over all of them."""
    if not docs:
        raise ValueError("a book needs at least one article")
    items = list(layout.book(docs, title))
    language = layout.book_language(docs)
    toc_text = "\n".join(str(i.text) for i in items if not isinstance(i, Chapter)) + "0123456789"
    drawer = _BookDrawer(toc_text, language, options)
    drawer.draw_all(items)
    toc, chapters, g = drawer.toc, drawer.chapters, drawer.g

    numbers, page = [], len(toc.pages) + 1
    for flow in chapters:
        numbers.append(page)
        page += len(flow.pages)

    out = io.BytesIO()
    # Its properties: the book's authors once each, its sources, its latest date.
    canvas = _canvas(out, Document(meta=layout.book_meta(docs, title)), toc.fonts, title, g)
    canvas.setSubject(f"{len(docs)} articles")
    # Outline levels are fixed over the whole book, in reading order.
    marks = _levels([*toc.marks, *(m for flow in chapters for m in flow.marks)])
    toc.marks, rest = marks[: len(toc.marks)], marks[len(toc.marks) :]
    for flow in chapters:
        flow.marks, rest = rest[: len(flow.marks)], rest[len(flow.marks) :]
    links = [(p, y, key, n) for (p, y, key), n in zip(drawer.entries, numbers, strict=True)]
    _paint(canvas, toc, toc.fonts, links=links)
    for flow, number in zip(chapters, numbers, strict=True):
        _paint(canvas, flow, flow.fonts, first_number=number)
    canvas.showOutline()
    canvas.save()
    warnings = [w for flow in [toc, *chapters] for w in _warnings(flow.fonts)] + drawer.notes
    return Rendered(out.getvalue(), tuple(dict.fromkeys(warnings)))


def majority_language(docs: Sequence[Document]) -> str:
    """The language most of the articles are in (the earliest one on a tie): the
    book's /Lang and its contents page follow the many, not whichever came first."""
    return locale.book_language([d.meta.language for d in docs])


def _chars(doc: Document) -> str:
    """Every character the article's pages show (the meta line is built from the model),
    each once: font chains need the set, and a novel's text joined is another copy."""
    seen = set("\n".join([replace(doc, blocks=()).all_text(), meta_line(doc),
                          editors_line(doc)]))
    for block in doc.blocks:
        seen.update(block.text)
    return "".join(sorted(seen))


def _draw_toc_number(canvas: Canvas, fonts: DocumentFonts, y: float, key: str, n: int,
                     g: Geometry = A4_GEOMETRY) -> None:
    label = str(n)
    font = fonts.body.primary
    right = g.left + g.text_width
    width = sum(font.width(ch) for ch in label) * TOC_ENTRY.size
    text = canvas.beginText(right - width, y)
    text.setFont(font.name, TOC_ENTRY.size)
    text.textOut(label)
    canvas.drawText(text)
    # An internal link to the chapter; the articles' own text never links anywhere.
    canvas.linkAbsolute("", key, (g.left, y - 4, right, y + TOC_ENTRY.size), thickness=0)


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
    options=OPTIONS,
)
