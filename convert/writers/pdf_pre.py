"""PDF: preformatted text (code, ASCII tables, verse whose spacing matters) on a grid.

Every character takes whole columns of the monospaced face (DejaVu Sans Mono, 0.6 em
a column): one for Latin letters, digits, box drawing; two for CJK characters
(`charclass.is_wide`, and marks the monospaced face lacks that a CJK face draws full
width: ① ※), drawn in the CJK face and centred in their two columns, so a table of
mixed Chinese and ASCII keeps its columns. Spaces and line breaks are kept as
they are; a tab goes to the next multiple of TAB columns.

A line wider than the measure breaks where the row is full, at any character (code
has no good break points), and a grey hooked arrow in the right margin marks the
break. A block whose longest line would fit at MIN_SIZE is set that much smaller
instead, so 80-column code fits an A4 measure unbroken.

Glyphs are drawn as text (copy and search find them); the arrow is drawn as lines,
so copying a broken line gives its text and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from convert.charclass import expand_tabs, is_wide
from convert.writers.pdf_fonts import invisible
from convert.writers.pdf_nodes import Drawing, _box

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from convert.writers.pdf_fonts import FontChain
    from convert.writers.pdf_layout import Flow

PRE_SIZE = 9.5  # points, at the base font size
MIN_SIZE = 8.0  # the smallest a wide block is set before its lines are broken
LEADING = 1.4
TAB = 8
PAD = 5.0  # grey box around the text
MARK_ROOM = 9.0  # right of the text: where the continuation arrow goes
BEFORE, AFTER = 6.0, 8.0
BOX = (0.95, 0.95, 0.95)
MARK_GREY = (0.55, 0.55, 0.55)


@dataclass(frozen=True, slots=True)
class Row:
    """One drawn row: (character, first column, columns) triples; `broken`: the source
    line goes on in the next row."""

    cells: tuple[tuple[str, int, int], ...]
    broken: bool = False


Wide = Callable[[str], bool]  # whether a character takes two columns


def expand(line: str, wide: Wide = is_wide) -> list[tuple[str, int]]:
    """A source line as (character, columns): tabs as spaces to the next stop,
    controls and format characters (a stray \\r, a zero-width space) left out."""
    return [(ch, 2 if wide(ch) else 1) for ch in expand_tabs(line, TAB, wide)
            if not invisible(ch)]


def columns(text: str, wide: Wide = is_wide) -> int:
    """The widest line of `text`, in columns."""
    return max((sum(w for _, w in expand(line, wide)) for line in text.split("\n")),
               default=0)


def rows(text: str, width: int, wide: Wide = is_wide) -> list[Row]:
    """The rows `text` is drawn in at `width` columns: a row per line, a long line
    broken where the row is full (a two-column character never straddles the edge)."""
    width = max(width, 2)
    out: list[Row] = []
    if text.endswith("\n"):  # the last line's own end, not an empty line after it
        text = text[:-1]
    for line in text.split("\n"):
        cells: list[tuple[str, int, int]] = []
        column = 0
        for ch, w in expand(line, wide):
            if column + w > width:
                out.append(Row(tuple(cells), broken=True))
                cells, column = [], 0
            cells.append((ch, column, w))
            column += w
        out.append(Row(tuple(cells)))
    return out


def wide_in(chain: FontChain) -> Wide:
    """Two columns: CJK (charclass.is_wide), and a mark the monospaced face lacks that
    its fallback draws full width (① ※ in a CJK face), as a CJK terminal shows them."""
    mono = chain.primary
    known: dict[str, bool] = {}

    def wide(ch: str) -> bool:
        found = known.get(ch)
        if found is None:
            font = None if is_wide(ch) or mono.has(ch) else chain.font_for(ch)
            found = known[ch] = is_wide(ch) or (font is not None and font.width(ch) >= 0.8)
        return found

    return wide


def draw(flow: Flow, text: str, left: float = 0.0, right: float = 0.0,
         scale: float = 1.0) -> tuple[int, float]:
    """`text` as a grey box of monospaced rows in the measure narrowed by `left` and
    `right`, from the flow's current position, over as many pages as it takes; the
    page (in flow.pages) and baseline of its first row."""
    g = flow.geometry
    if not text.strip("\n"):  # nothing to show: no empty grey band
        return len(flow.pages) - 1, flow.y - PRE_SIZE * scale
    chain = flow.fonts.chain("mono")
    x0 = g.left + left
    x1 = g.left + g.text_width - right
    inner = x1 - x0 - 2 * PAD - MARK_ROOM
    advance = chain.primary.width("0")  # a column, in ems
    size = PRE_SIZE * scale
    wide = wide_in(chain)
    widest = columns(text, wide)
    if size > inner / max(widest * advance, 1e-9) >= MIN_SIZE * scale:
        size = inner / (widest * advance)  # smaller, unbroken; too wide even so: broken
    column = advance * size
    grid = rows(text, int(inner / column + 1e-6), wide)
    step = size * LEADING
    pad, before, after = PAD * scale, BEFORE * scale, AFTER * scale
    if not flow._first_on_page:
        flow.y -= before
        if flow.y - 2 * pad - step * min(2, len(grid)) < g.bottom:
            flow.new_page()  # no box with a single row at the foot of a page
    top, start = flow.y, len(flow.pages[-1])
    y = top - pad
    first = (len(flow.pages) - 1, y - size * (0.8 + (LEADING - 1) / 2))
    for row in grid:
        if y - step - pad < g.bottom and y < top - pad:  # full: close this page's box
            flow.pages[-1].insert(start, _band(x0, x1, y - pad, top))
            flow.new_page()
            top, start = flow.y, len(flow.pages[-1])
            y = top - pad
        baseline = y - size * (0.8 + (LEADING - 1) / 2)
        flow.pages[-1].append(Drawing(baseline, _row(row, x0 + pad, baseline, column, size,
                                                     chain, flow.fonts.chain("body"))))
        if row.broken:
            flow.pages[-1].append(Drawing(baseline, _arrow(x1 - pad - MARK_ROOM / 2, baseline,
                                                           size)))
        y -= step
    flow.pages[-1].insert(start, _band(x0, x1, y - pad, top))
    flow.y = y - pad - after
    flow._first_on_page = False
    return first


def _band(x0: float, x1: float, bottom: float, top: float) -> Drawing:
    """The grey box behind a page's rows; its extent lets a quote's bar run beside it."""
    return Drawing(top, _box(x0, bottom, x1, top, BOX), (bottom, top))


def _row(row: Row, x0: float, y: float, column: float, size: float, mono: FontChain,
         cjk: FontChain) -> Callable[[Canvas], None]:
    """Paints one row: a run of characters whose face advances one column each is one
    string; anything else is placed (centred, squeezed if too wide) in its columns."""
    plan: list[tuple[str, float, float, str]] = []  # (face, x, horizontal scale %, text)
    for ch, first, w in row.cells:
        chain = cjk if w == 2 else mono
        font = chain.font_for(ch) or chain.primary
        box = w * column
        natural = font.width(ch) * size
        squeeze = min(1.0, box / natural) if natural > 0 else 1.0
        x = x0 + first * column + (box - natural * squeeze) / 2
        if plan and plan[-1][0] == font.name and squeeze == 1 and plan[-1][2] == 100 \
                and abs(x - (plan[-1][1] + len(plan[-1][3]) * column)) < 0.01 and w == 1:
            face, px, hs, chars = plan[-1]
            plan[-1] = (face, px, hs, chars + ch)
        else:
            plan.append((font.name, x, squeeze * 100, ch))

    def paint(canvas: Canvas) -> None:
        text = canvas.beginText(x0, y)
        text.setFillColorRGB(0, 0, 0)
        face, scale = "", 100.0
        for name, x, horizontal, chars in plan:
            if name != face:
                text.setFont(name, size)
                face = name
            if horizontal != scale:
                text.setHorizScale(horizontal)
                scale = horizontal
            text.setTextOrigin(x, y)
            text.textOut(chars)
        if scale != 100:
            text.setHorizScale(100)
        canvas.drawText(text)

    return paint


def _arrow(x: float, y: float, size: float) -> Callable[[Canvas], None]:
    """↵ in lines: down from the x-height, then left, with a head."""

    def paint(canvas: Canvas) -> None:
        h = size * 0.3
        canvas.saveState()
        canvas.setStrokeColorRGB(*MARK_GREY)
        canvas.setLineWidth(0.7)
        path = canvas.beginPath()
        path.moveTo(x + h, y + size * 0.7)
        path.lineTo(x + h, y + size * 0.2)
        path.lineTo(x - h, y + size * 0.2)
        path.moveTo(x - h + h * 0.6, y + size * 0.2 + h * 0.6)
        path.lineTo(x - h, y + size * 0.2)
        path.lineTo(x - h + h * 0.6, y + size * 0.2 - h * 0.6)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()

    return paint
