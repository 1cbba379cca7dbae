"""PDF: how each layout item is drawn (convert.layout), on top of pdf_layout's Flow.

Text still goes through Flow.add (kinsoku line breaking, justification, pages);
this module places it (indents for quotes and list levels), and adds what is not
text as `Drawing`s on the page: list markers, rules, images scaled to the
measure, table rules and shading, quote bars. Inline styles are drawn over the
placed lines from each character's position: a link gets a blue underline and a
URI annotation, strong text is stroked a little (the Hei and Ming faces have no
bold), emphasis is a dot under each Chinese character (着重号) and Latin text
slanted (an oblique of the upright face: the advance widths, and so the line
breaks, stay those the line was set with), code a grey background. Tables break
between rows, their header rows repeated on each page; a row taller than a page
splits between lines.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from convert.images import Image, Images
from convert.layout import Drawer, Furniture, Run, list_marker, runs
from convert.model import Block, Cell, Document, Figure, Inline, ListBlock, Quote, Table
from convert.writers.pdf_layout import (
    BODY,
    BODY_LATIN,
    EDITORS,
    HEADING,
    META,
    RIGHTS,
    RIGHTS_FIRST,
    SUBTITLE,
    TITLE,
    Flow,
    Placed,
    Style,
    _spread,
)

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from convert.writers.pdf_fonts import DocumentFonts, RLFont

GREY = (0.38, 0.38, 0.38)
LINK_BLUE = (0.12, 0.3, 0.6)
KICKER = replace(SUBTITLE, size=12, after=2)
CAPTION = Style(9.5, 1.5, color=GREY, align="center", after=10)
ALT = Style(9.5, 1.5, color=GREY, align="center", before=6, after=4)
CELL = Style(10, 1.45, align="left")
CELL_HEAD = Style(10, 1.45, "heading", bold=True, align="center")
LINK_SCHEMES = ("http", "https", "mailto")
PX_TO_PT = 0.75  # an image's pixels at 96 dpi


@dataclass(frozen=True, slots=True)
class Drawing:
    """Something on a page that is not a line of text; `paint` draws it."""

    y: float
    paint: Callable[[Canvas], None]
    # (bottom, top) of a band that stands for lines of text (preformatted text's rows):
    # a quote's bar runs beside it as beside lines.
    extent: tuple[float, float] | None = None


Where = tuple[int, int]  # (page, index in the page) of a placed line


def paint_item(canvas: Canvas, item: object) -> bool:
    """Draw a Drawing; False for anything else (a line of text: pdf.py draws those)."""
    if isinstance(item, Drawing):
        item.paint(canvas)
        return True
    return False


# -- placing text ---------------------------------------------------------------------


def place(flow: Flow, text: str, style: Style, left: float = 0.0, right: float = 0.0,
          **kwargs: object) -> list[Where]:
    """Flow.add with the measure narrowed by `left` and `right`; where each line went."""
    g = flow.geometry
    width = g.text_width - left - right
    first_page, first_index = len(flow.pages) - 1, len(flow.pages[-1])
    flow.add(text, style, width=width, **kwargs)  # type: ignore[arg-type]
    where: list[Where] = []
    for p in range(first_page, len(flow.pages)):
        page = flow.pages[p]
        for i in range(first_index if p == first_page else 0, len(page)):
            placed = page[i]
            if not isinstance(placed, Placed):
                continue
            if left or right:
                page[i] = _shifted(placed, g.left + left, width)
            where.append((p, i))
    # A new page may have started with nothing of ours on the old one.
    return where


def _shifted(placed: Placed, x0: float, width: float) -> Placed:
    """The line moved into the measure [x0, x0 + width], justified to it."""
    line, style = placed.line, placed.style
    if style.align == "center":
        x = x0 + (width - line.width) / 2
    elif style.align == "right":
        x = x0 + width - line.width
    else:
        x = x0 + line.indent
    if style.align == "justify" and not line.last:
        share, tracking = _spread(line, style, placed.hang, width)
        return replace(placed, x=x, gap=share, tracking=tracking)
    return replace(placed, x=x)


def char_boxes(placed: Placed, fonts: DocumentFonts) -> list[tuple[str, float, float, RLFont]]:
    """(character, left x, right x, font) of every character of a placed line, as
    pdf.py draws it (the same runs, the same spacing)."""
    from convert.writers.pdf import _runs

    out = []
    x = placed.x
    size = placed.style.size
    for font, spacing, chars in _runs(placed, fonts):
        for ch in chars:
            advance = font.width(ch) * size
            out.append((ch, x, x + advance, font))
            x += advance + spacing
    return out


def _segments(inlines: Sequence[Inline]) -> list[list[Run]]:
    """The runs of `inlines`, a list per line (a line break starts the next)."""
    segments: list[list[Run]] = [[]]
    for run in runs(inlines):
        if run.line_break:
            segments.append([])
        else:
            segments[-1].append(run)
    return segments


def _styles_of(pieces: Sequence[Run]) -> tuple[str, list[Run | None]]:
    text = "".join(r.text for r in pieces)
    styles: list[Run | None] = []
    for r in pieces:
        styled = r.emphasis or r.strong or r.code or (r.href and _linkable(r.href))
        styles += [r if styled else None] * len(r.text)
    return text, styles


def _linkable(href: str) -> bool:
    from urllib.parse import urlparse

    return urlparse(href.strip()).scheme.lower() in LINK_SCHEMES


def _cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def overlay(flow: Flow, where: Sequence[Where], text: str, styles: Sequence[Run | None]) -> None:
    """Inline styles over the placed lines of `text` (char-by-char styles)."""
    if not any(styles):
        return
    k = 0
    found: list[tuple[int, int, Placed, list[Mark]]] = []
    for p, i in where:
        placed = flow.pages[p][i]
        assert isinstance(placed, Placed)
        marks: list[Mark] = []
        for n, (ch, x0, x1, font) in enumerate(char_boxes(placed, flow.fonts)):
            # Walk the source text alongside the line: a break may drop a space or
            # add a hyphen, so look a few characters ahead at most.
            for j in range(k, min(k + 4, len(text))):
                if text[j] == ch:
                    style = styles[j]
                    if style is not None and not ch.isspace():
                        marks.append(Mark(style, n, ch, x0, x1, font))
                    k = j + 1
                    break
        if marks:
            found.append((p, i, placed, marks))
    for p, i, placed, marks in reversed(found):  # inserting shifts what comes after
        _decorate(flow, p, i, placed, marks)


@dataclass(frozen=True, slots=True)
class Mark:
    """A styled character of a placed line: its run, its index in the line, its box."""

    run: Run
    index: int
    ch: str
    x0: float
    x1: float
    font: RLFont


def _decorate(flow: Flow, p: int, i: int, placed: Placed, marks: list[Mark]) -> None:
    size, y = placed.style.size, placed.y
    under: list[Callable[[Canvas], None]] = []  # drawn before the text
    over: list[Callable[[Canvas], None]] = []  # drawn after it
    strong = {m.index for m in marks if m.run.strong}
    oblique = {m.index for m in marks if m.run.emphasis and not _cjk(m.ch)}
    if strong or oblique:  # the line is drawn here, with its bold and slanted characters
        flow.pages[p][i] = Drawing(y, _styled_line(placed, flow.fonts, strong, oblique))
    for m in marks:
        run, ch, x0, x1 = m.run, m.ch, m.x0, m.x1
        if run.code:
            under.append(_box(x0 - 0.5, y - size * 0.25, x1 + 0.5, y + size * 0.9, (0.92,) * 3))
        if run.emphasis and _cjk(ch):
            over.append(_dot((x0 + x1) / 2, y - size * 0.3, size * 0.07))
    # Links: one annotation and underline per stretch of a line.
    stretch: tuple[str, float, float] | None = None
    for run, x0, x1 in [*((m.run, m.x0, m.x1) for m in marks), (Run(""), 0.0, 0.0)]:
        href = run.href if run.href and _linkable(run.href) else None
        if stretch is not None and (href != stretch[0] or x0 > stretch[2] + size * 0.6):
            over.append(_link(stretch[0], stretch[1], stretch[2], y, size))
            stretch = None
        if href is not None:
            stretch = (href, stretch[1] if stretch else x0, x1)
    page = flow.pages[p]
    for paint in over:
        page.insert(i + 1, Drawing(y, paint))
    for paint in under:
        page.insert(i, Drawing(y, paint))


def _box(x0: float, y0: float, x1: float, y1: float,
         fill: tuple[float, ...]) -> Callable[[Canvas], None]:
    def paint(canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setFillColorRGB(*fill)
        canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
        canvas.restoreState()

    return paint


def _rule(x0: float, x1: float, y: float, width: float,
          color: tuple[float, ...]) -> Callable[[Canvas], None]:
    def paint(canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setStrokeColorRGB(*color)
        canvas.setLineWidth(width)
        canvas.line(x0, y, x1, y)
        canvas.restoreState()

    return paint


def _dot(x: float, y: float, r: float) -> Callable[[Canvas], None]:
    def paint(canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setFillColorRGB(0, 0, 0)
        canvas.circle(x, y, r, stroke=0, fill=1)
        canvas.restoreState()

    return paint


# The slant of emphasised Latin text: about 12°, as DejaVu Serif Italic's own.
OBLIQUE = 0.2126


def _styled_line(placed: Placed, fonts: DocumentFonts, strong: set[int],
                 oblique: set[int] = frozenset()) -> Callable[[Canvas], None]:  # type: ignore[assignment]
    """The line as pdf.py draws it, the characters at `strong` filled and stroked (the
    faux bold pdf.py uses for headings) and those at `oblique` slanted. Drawn once: text
    extraction reads it once."""
    from convert.writers.pdf import _runs

    def paint(canvas: Canvas) -> None:
        style = placed.style
        canvas.saveState()
        canvas.setStrokeColorRGB(*style.color)
        canvas.setLineWidth(style.size * 0.035)
        text = canvas.beginText(placed.x, placed.y)
        text.setFillColorRGB(*style.color)
        x, n, mode, face = placed.x, 0, -1, ""
        for font, spacing, chars in _runs(placed, fonts):
            for ch in chars:
                want = 2 if (style.bold or n in strong) else 0
                if want != mode:
                    text.setTextRenderMode(want)
                    mode = want
                if font.name != face:
                    text.setFont(font.name, style.size)
                    face = font.name
                text.setTextTransform(1, 0, OBLIQUE if n in oblique else 0, 1, x, placed.y)
                text.textOut(ch)
                x += font.width(ch) * style.size + spacing
                n += 1
        text.setTextRenderMode(0)
        canvas.drawText(text)
        canvas.restoreState()

    return paint


def _link(href: str, x0: float, x1: float, y: float, size: float) -> Callable[[Canvas], None]:
    def paint(canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setStrokeColorRGB(*LINK_BLUE)
        canvas.setLineWidth(0.6)
        canvas.line(x0, y - size * 0.15, x1, y - size * 0.15)
        canvas.restoreState()
        canvas.linkURL(href, (x0, y - size * 0.3, x1, y + size * 0.9), relative=0, thickness=0)

    return paint


def scaled(style: Style, k: float) -> Style:
    if k == 1:
        return style
    return replace(style, size=style.size * k, before=style.before * k, after=style.after * k)


# -- the drawer -----------------------------------------------------------------------


class PdfDrawer(Drawer):
    """Pours an article's items into a Flow."""

    def __init__(self, flow: Flow, doc: Document, key: str, level: int, images: Images,
                 chapters: int | None = None) -> None:
        self.flow = flow
        self.chapters = chapters  # headings at this model level or above start a page
        self.key = key
        self.level = level
        self.images = images
        self.body = scaled(BODY if doc.is_cjk else BODY_LATIN, flow.geometry.scale)
        self.keep = self.body.before + 2 * self.body.size * self.body.leading
        self.left = 0.0
        self.right = 0.0
        self.headings = 0
        self._marker: str | None = None  # the list marker the next paragraph carries
        self._lists: list[int] = []  # depth of list nesting

    def draw(self, item: object) -> None:
        plain = isinstance(item, Furniture) or (
            isinstance(item, Block) and not item.inlines and not self.left and not self.right
            and self._marker is None and item.type in ("paragraph", "heading"))
        if plain:  # straight into the flow: a novel's paragraphs stream page by page
            super().draw(item)
            return
        with held(self.flow):
            super().draw(item)

    def s(self, style: Style) -> Style:
        """A style at the document's base font size (--font-size)."""
        return scaled(style, self.flow.geometry.scale)

    # -- furniture --------------------------------------------------------------------

    def visit_kicker(self, item: Furniture) -> None:
        self.flow.add(item.text, self.s(KICKER))

    def visit_title(self, item: Furniture) -> None:
        self.flow.add(item.text, self.s(TITLE), mark=(item.text, self.level, self.key))

    def visit_subtitle(self, item: Furniture) -> None:
        self.flow.add(item.text, self.s(SUBTITLE))

    def visit_meta(self, item: Furniture) -> None:
        self.flow.add(item.text, self.s(META))

    def visit_editors(self, item: Furniture) -> None:
        self.flow.add(item.text, self.s(EDITORS))

    def visit_rights(self, item: Furniture) -> None:
        self.flow.add(item.text, self.s(RIGHTS_FIRST if item.index == 0 else RIGHTS))

    # -- blocks -----------------------------------------------------------------------

    def visit_heading(self, block: Block) -> None:
        self.headings += 1
        level = block.level or 2
        style = self.s(HEADING.get(level, HEADING[3]))
        depth = self.level + max(1, level - 1)  # model 2 under the title, 3 under 2
        if self.chapters is not None and level <= self.chapters:
            self.flow.new_page()
        self.text(block, style, mark=(block.text, depth, f"{self.key}-h{self.headings}"),
                  next_height=self.keep)

    def visit_paragraph(self, block: Block) -> None:
        style = self.body
        if self._lists:
            style = replace(style, indent=0.0, after=2.0)
        self.text(block, style)

    def visit_preformatted(self, block: Block) -> None:
        from convert.writers import pdf_pre  # it draws with this module's Drawing

        first = pdf_pre.draw(self.flow, block.text, self.left, self.right,
                             self.flow.geometry.scale)
        if self._marker is not None:  # a list item that opens with code: its marker here
            self._draw_marker((first[0], -1), first[1])
            self._marker = None

    def visit_rule(self, block: Block) -> None:
        g = self.flow.geometry
        flow = self.flow
        if flow.y - 24 < g.bottom:
            flow.new_page()
        y = flow.y - 12
        x0, x1 = g.left + g.text_width * 0.3, g.left + g.text_width * 0.7
        flow.pages[-1].append(Drawing(y, _rule(x0, x1, y, 0.6, GREY)))
        flow.y -= 24
        flow._first_on_page = False

    def visit_quote(self, quote: Quote) -> None:
        g = self.flow.geometry
        indent = self.body.size * 2
        self.left += indent
        self.right += indent
        start = (len(self.flow.pages) - 1, len(self.flow.pages[-1]))
        self.draw_all(quote.blocks)
        self.left -= indent
        self.right -= indent
        # A bar beside every line of the quote, page by page.
        x = g.left + self.left + indent - 9
        for p in range(start[0], len(self.flow.pages)):
            page = self.flow.pages[p]
            items = page[start[1] if p == start[0] else 0:]
            lines = [pl for pl in items if isinstance(pl, Placed)]
            spans = [(lines[-1].y - lines[-1].style.size * 0.3,
                      lines[0].y + lines[0].style.size * 0.95)] if lines else []
            spans += [d.extent for d in items if isinstance(d, Drawing) and d.extent]
            if spans:
                bottom, top = min(b for b, _ in spans), max(t for _, t in spans)
                page.append(Drawing(bottom, _vbar(x, bottom, top)))

    def visit_list(self, lst: ListBlock) -> None:
        depth = len(self._lists)
        indent = self.body.size * 2
        self.left += indent
        self._lists.append(depth)
        for n, item in enumerate(lst.items, lst.start if lst.ordered else 1):
            self._marker = list_marker(lst.ordered, n, depth)
            self.draw_all(item)
            self._marker = None
        self._lists.pop()
        self.left -= indent

    def visit_figure(self, figure: Figure) -> None:
        image = self.images.get(figure.src)
        if image is not None:
            self._image(image)
        elif figure.alt.strip():
            place(self.flow, f"[{figure.alt}]", self.s(ALT), self.left, self.right)
        if figure.caption:
            text, styles = _styles_of([r for r in runs(figure.caption) if not r.line_break])
            where = place(self.flow, text, self.s(CAPTION), self.left, self.right)
            overlay(self.flow, where, text, styles)

    def visit_table(self, table: Table) -> None:
        _Table(self, table).draw()

    # -- text -------------------------------------------------------------------------

    def text(self, block: Block, style: Style, *, mark: tuple[str, int, str] | None = None,
             next_height: float = 0.0) -> None:
        """A block's inlines: a segment per line break, styles drawn over the lines."""
        segments = _segments(block.content)
        for n, pieces in enumerate(segments):
            st = style if n == 0 else replace(style, indent=0.0, before=0.0)
            if n < len(segments) - 1:
                st = replace(st, after=0.0)
            text, styles = _styles_of(pieces)
            where = place(self.flow, text, st, self.left, self.right,
                          mark=mark if n == 0 else None, next_height=next_height)
            if n == 0 and self._marker is not None:
                if where:
                    self._draw_marker(where[0])
                self._marker = None
            overlay(self.flow, where, text, styles)

    def _draw_marker(self, at: Where, baseline: float | None = None) -> None:
        """The list marker beside the placed line `at`, or in the body style at
        `baseline` of page `at[0]` (a list item that opens with preformatted text)."""
        g = self.flow.geometry
        if baseline is None:
            placed = self.flow.pages[at[0]][at[1]]
            assert isinstance(placed, Placed)
            style, baseline = placed.style, placed.y
        else:
            style = self.body
        marker = self._marker or ""
        chain = self.flow.fonts.chain(style.role)
        if any(chain.font_for(ch) is None for ch in marker):
            marker = "-"
        font = chain.font_for(marker[0]) or chain.primary
        size = style.size
        width = sum((chain.font_for(ch) or font).width(ch) for ch in marker) * size
        x = g.left + self.left - width - size * 0.5
        self.flow.pages[at[0]].append(Drawing(baseline, _glyphs(
            marker, x, baseline, chain, size, style.color)))

    def _image(self, image: Image) -> None:
        g = self.flow.geometry
        flow = self.flow
        measure = g.text_width - self.left - self.right
        width = min(image.width * PX_TO_PT, measure)
        height = width * image.height / image.width
        tallest = (g.top - g.bottom) * 0.75
        if height > tallest:
            width, height = width * tallest / height, tallest
        if flow.y - 8 - height < g.bottom and not flow._first_on_page:
            flow.new_page()
        y = flow.y - 8 - height
        x = g.left + self.left + (measure - width) / 2
        flow.pages[-1].append(Drawing(y, _picture(image, x, y, width, height)))
        flow.y = y - 6
        flow._first_on_page = False


def _vbar(x: float, y0: float, y1: float) -> Callable[[Canvas], None]:
    def paint(canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setStrokeColorRGB(0.7, 0.7, 0.7)
        canvas.setLineWidth(1.5)
        canvas.line(x, y0, x, y1)
        canvas.restoreState()

    return paint


def _glyphs(text: str, x: float, y: float, chain, size: float,  # type: ignore[no-untyped-def]
            color: tuple[float, ...]) -> Callable[[Canvas], None]:
    def paint(canvas: Canvas) -> None:
        out = canvas.beginText(x, y)
        out.setFillColorRGB(*color)
        for ch in text:
            out.setFont((chain.font_for(ch) or chain.primary).name, size)
            out.textOut(ch)
        canvas.drawText(out)

    return paint


def _picture(image: Image, x: float, y: float, w: float, h: float) -> Callable[[Canvas], None]:
    def paint(canvas: Canvas) -> None:
        from reportlab.lib.utils import ImageReader

        canvas.drawImage(ImageReader(io.BytesIO(image.data)), x, y, w, h)

    return paint


class _Table:
    """A table poured row by row, its header rows repeated on each new page. A row that
    fits a page never splits: it goes to the next page whole. A row taller than a page
    (a cell of several pages of text) starts where it is and splits between lines, its
    rules and shading drawn on each page it covers."""

    PAD = 4.0

    def __init__(self, drawer: PdfDrawer, table: Table) -> None:
        self.d = drawer
        self.flow = drawer.flow
        self.table = table
        self.columns = max((len(r) for r in table.head + table.body), default=0)
        self.head_height = 0.0

    def _widths(self) -> list[float]:
        """Each column as wide as its longest line when they all fit, measured as the lines
        are set (CJK–Latin spacing included, so a cell never wraps in a column made for it).
        Otherwise columns narrower than an even share of what is left keep their width (a
        label column is not wrapped a character a line because another holds a page of
        text), and the wide ones share the rest by how much wider they would be, none
        below half a share or its longest word."""
        measure = self.flow.geometry.text_width - self.d.left - self.d.right
        pad = 2 * self.PAD + 1
        natural = [pad] * self.columns
        narrowest = [pad] * self.columns
        for r, row in enumerate(self.table.head + self.table.body):
            style = self.d.s(CELL_HEAD if r < len(self.table.head) else CELL)
            for c, cell in enumerate(row):
                for line in cell.text.split("\n"):
                    if not line.strip():
                        continue
                    whole = self.flow.lines(line, style, 1e6)
                    natural[c] = max(natural[c], max(x.width for x in whole) + pad)
                    narrowest[c] = max(narrowest[c], self._longest_word(line, style) + pad)
        if sum(natural) <= measure:
            return natural
        widths = list(natural)
        free, left = list(range(self.columns)), measure
        while free:
            narrow = [c for c in free if natural[c] <= left / len(free)]
            if not narrow:
                break
            left -= sum(natural[c] for c in narrow)
            free = [c for c in free if c not in narrow]
        if free:
            floor = {c: max(left / len(free) / 2, narrowest[c]) for c in free}
            spare = left - sum(floor.values())
            if spare <= 0:  # not even the longest words fit: they share what there is
                for c in free:
                    widths[c] = floor[c] * left / sum(floor.values())
            else:
                extra = {c: max(natural[c] - floor[c], 0.0) for c in free}
                share = sum(extra.values())
                for c in free:
                    widths[c] = floor[c] + spare * (extra[c] / share if share else 1 / len(free))
        return widths

    def _longest_word(self, line: str, style: Style) -> float:
        """The narrowest a column may be: its longest Latin word (not hyphenated in a
        table) or two Han characters (a character and the mark that must follow it)."""
        latin = [w for w in line.split() if not any(_cjk(ch) for ch in w)]
        longest = max((self.flow.lines(w, style, 1e6)[0].width for w in latin), default=0.0)
        return max(longest, 2 * style.size if len(latin) < len(line.split()) else 0.0)

    def draw(self) -> None:
        if not self.columns:
            return
        widths = self._widths()
        g = self.flow.geometry
        x0 = g.left + self.d.left + (g.text_width - self.d.left - self.d.right - sum(widths)) / 2
        self.flow.y -= 6
        head = self.table.head
        self.head_height = sum(self._height(self._cells(row, widths, True), True)
                               for row in head)
        for r, row in enumerate(head + self.table.body):
            self._row(row, widths, x0, r < len(head), repeat=head if r >= len(head) else ())
        self.flow.y -= 10

    def _cell_lines(self, cell: Cell, style: Style, width: float) -> tuple[list, str, list]:
        """The cell's lines (a line break in the cell starts a new one), its text and styles."""
        segments = _segments(cell.inlines)
        lines: list = []
        texts: list[str] = []
        styles: list[Run | None] = []
        for pieces in segments:
            text, marks = _styles_of(pieces)
            lines += self.flow.lines(text, style, width - 2 * self.PAD) if text else []
            texts.append(text)
            styles += [*marks, None]  # the None is the "\n" joining the segments
        return lines, "\n".join(texts), styles[:-1]

    def _cells(self, row: Sequence[Cell], widths: list[float], is_head: bool) -> list[tuple]:
        style = self.d.s(CELL_HEAD if is_head else CELL)
        return [self._cell_lines(row[c] if c < len(row) else Cell(), style, widths[c])
                for c in range(self.columns)]

    def _height(self, cells: list[tuple], is_head: bool, lines: int | None = None) -> float:
        style = self.d.s(CELL_HEAD if is_head else CELL)
        count = max(len(c[0]) for c in cells) if lines is None else lines
        return count * style.size * style.leading + 2 * self.PAD

    def _new_page(self, widths: list[float], x0: float,
                  repeat: Sequence[Sequence[Cell]]) -> None:
        self.flow.new_page()
        for head_row in repeat:  # the column headings again at the top of the page
            self._row(head_row, widths, x0, True, ())

    def _row(self, row: Sequence[Cell], widths: list[float], x0: float, is_head: bool,
             repeat: Sequence[Sequence[Cell]]) -> None:
        flow = self.flow
        g = flow.geometry
        style = self.d.s(CELL_HEAD if is_head else CELL)
        step = style.size * style.leading
        cells = self._cells(row, widths, is_head)
        count = max(len(lines) for lines, _, _ in cells)
        height = self._height(cells, is_head)
        page_room = g.top - g.bottom - (self.head_height if repeat else 0.0)
        if flow.y - height < g.bottom and not flow._first_on_page and (
                height <= page_room or flow.y - self._height(cells, is_head, 2) < g.bottom):
            self._new_page(widths, x0, repeat)  # whole on the next page, or 2 lines at least
        wheres: list[list[Where]] = [[] for _ in cells]
        done = 0
        while True:
            fits = int((flow.y - g.bottom - 2 * self.PAD) / step + 1e-6)
            take = min(count - done, max(fits, 1))
            self._slice(cells, wheres, widths, x0, is_head, style, done, take)
            done += take
            if done >= count:
                break
            self._new_page(widths, x0, repeat)
        # Last cell first: styling inserts drawings after a line, which would move the
        # places of the lines of later cells on the same page.
        for (_, text, styles), where in reversed(list(zip(cells, wheres, strict=True))):
            overlay(flow, where, text, styles)

    def _slice(self, cells: list[tuple], wheres: list[list[Where]], widths: list[float],
               x0: float, is_head: bool, style: Style, first: int, count: int) -> None:
        """Lines first … first + count of the row's cells, boxed, at the flow's place."""
        flow = self.flow
        step = style.size * style.leading
        height = count * step + 2 * self.PAD
        top = flow.y
        page = flow.pages[-1]
        if is_head:
            page.append(Drawing(top, _box(x0, top - height, x0 + sum(widths), top, (0.93,) * 3)))
        x = x0
        for column, ((lines, _, _), width, where) in enumerate(
                zip(cells, widths, wheres, strict=True)):
            align = self.table.column_align(column) or style.align
            for n, line in enumerate(lines[first:first + count]):
                baseline = top - self.PAD - n * step - style.size * (0.8 + (style.leading - 1) / 2)
                room = width - 2 * self.PAD - line.width
                lx = x + self.PAD + {"center": room / 2, "right": room}.get(align, 0.0)
                page.append(Placed(line, style, lx, baseline, 0.0))
                where.append((len(flow.pages) - 1, len(page) - 1))
            x += width
        page.append(Drawing(top, _grid(x0, widths, top, top - height)))
        flow.y = top - height
        flow._first_on_page = False


def _grid(x0: float, widths: list[float], top: float, bottom: float) -> Callable[[Canvas], None]:
    def paint(canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setStrokeColorRGB(0.5, 0.5, 0.5)
        canvas.setLineWidth(0.5)
        x = x0
        canvas.rect(x0, bottom, sum(widths), top - bottom, stroke=1, fill=0)
        for w in widths[:-1]:
            x += w
            canvas.line(x, bottom, x, top)
        canvas.restoreState()

    return paint


def draw_article(flow: Flow, doc: Document, key: str, level: int = 0,
                 chapters: int | None = None) -> tuple[str, ...]:
    """Every item of the article (convert.layout) into the flow; the warnings."""
    from convert import layout

    flow.latin_text = not doc.is_cjk
    images = Images(doc.base, "pdf", doc.warnings)
    PdfDrawer(flow, doc, key, level, images, chapters).draw_all(layout.article(doc))
    return images.warnings()


@contextmanager
def held(flow: Flow) -> Iterator[None]:
    """The flow's pages kept until the item is drawn, then handed to its sink.

    A streaming flow (pdf_stream) hands each full page over at once; what this module
    places is adjusted after Flow.add (indents, styles drawn over the lines), so the
    pages an item covers stay here until it is done."""
    sink = flow.sink
    if sink is None:
        yield
        return
    flow.sink = None
    try:
        yield
    finally:
        flow.sink = sink
        for page in flow.pages[:-1]:
            sink(page, [m for m in flow.marks if m.page == flow.done])
            flow.done += 1
        flow.pages = flow.pages[-1:]
        flow.marks = [m for m in flow.marks if m.page == flow.done]
