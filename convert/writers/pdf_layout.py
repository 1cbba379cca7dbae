"""Page layout for the PDF writer: styles, lines placed on A4 pages.

Pure arithmetic: the article's pieces (title, meta line, headings,
paragraphs, rights) become lines at positions on pages, so the drawing step
only paints and the tests can check positions without a PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, islice

from reportlab.lib.pagesizes import A4

from convert.linebreak import (
    SQUEEZE,
    Atoms,
    Faces,
    Line,
    balanced_breaks,
    gap,
    hang,
    justify,
    wrap,
)
from convert.writers.pdf_fonts import DocumentFonts, FontChain, invisible
from convert.writers.pdf_geometry import A4_GEOMETRY, Geometry

PAGE_WIDTH, PAGE_HEIGHT = A4
BODY_SIZE = 11.0
# The text block is a whole number of body characters wide, so a line of
# Chinese needs no stretching at all.
CHARS_PER_LINE = 40
TEXT_WIDTH = BODY_SIZE * CHARS_PER_LINE
LEFT = (PAGE_WIDTH - TEXT_WIDTH) / 2
TOP = PAGE_HEIGHT - 72.0
BOTTOM = 72.0
FOOTER_Y = 40.0
# A paragraph longer than this is wrapped a piece at a time (a 20 MB line is otherwise
# millions of atoms at once); each piece's last line goes on with the next piece, so
# the lines are those of one whole greedy wrap.
WRAP_PIECE = 4000

BLACK = (0.0, 0.0, 0.0)
GREY = (0.38, 0.38, 0.38)


@dataclass(frozen=True, slots=True)
class Style:
    size: float
    leading: float  # a multiple of size: baseline to baseline
    role: str = "body"  # "body" (Ming/Song) or "heading" (Hei)
    bold: bool = False
    color: tuple[float, float, float] = BLACK
    align: str = "justify"  # justify | center | left | right
    indent: float = 0.0  # first-line indent, in ems
    before: float = 0.0  # space above, in points
    after: float = 0.0  # space below, in points
    keep_with_next: bool = False


TITLE = Style(20, 1.45, "heading", bold=True, align="center", after=8)
SUBTITLE = Style(14, 1.5, "heading", align="center", after=4)
META = Style(10, 1.6, color=GREY, align="center", after=22)
HEADING = {
    2: Style(14, 1.5, "heading", bold=True, align="left", before=10, after=4, keep_with_next=True),
    3: Style(12, 1.5, "heading", bold=True, align="left", before=6, after=2, keep_with_next=True),
}
BODY = Style(BODY_SIZE, 1.7, indent=2.0, after=4)
BODY_LATIN = Style(BODY_SIZE, 1.5, indent=1.5, after=4)
EDITORS = Style(10, 1.6, color=GREY, align="right", before=8)
RIGHTS = Style(9, 1.6, color=GREY, before=4, after=2)
RIGHTS_FIRST = Style(9, 1.6, color=GREY, before=18, after=2)
BOOK_TITLE = Style(24, 1.45, "heading", bold=True, align="center", before=120, after=36)
TOC_HEAD = Style(14, 1.6, "heading", bold=True, align="left", after=8)
TOC_ENTRY = Style(12, 1.9, align="left")
FOOTER = Style(9, 1.0, color=GREY, align="center")


@dataclass(frozen=True, slots=True)
class Placed:
    """One line at its place: baseline `y` on page `page`, `x` its left edge."""

    line: Line
    style: Style
    x: float
    y: float
    gap: float  # extra space after each atom (justification)
    hang: float = 0.0  # how far the last mark's empty box reaches past the margin
    tracking: float = 0.0  # extra space between the letters of a word (a last resort)


@dataclass(frozen=True, slots=True)
class Mark:
    """An outline entry: where a title or heading starts."""

    title: str
    level: int
    page: int
    y: float
    key: str


class _CharWidths(dict[str, float]):
    """Width of each character at 1 pt in a chain, found on first use: most tokens are
    one character, measured thousands of times an article (a hit is a plain dict look-up)."""

    def __init__(self, chain: FontChain, latin: bool) -> None:
        super().__init__()
        self.chain = chain
        self.primary = chain.primary  # (loaded now: the order faces load in stays the same)
        self.latin = latin  # ambiguous marks in the Latin face

    def __missing__(self, ch: str) -> float:
        font = self.chain.font_for(ch, self.latin) or self.primary
        found = self[ch] = 0.0 if invisible(ch) else font.width(ch)
        return found


class _Measure:
    """Width in points of a piece of text at one size, and the line breaker's atoms
    made with it (linebreak.atoms_for): kept for the process, so a character is
    measured and made an atom once, not once a document and a paragraph."""

    __slots__ = ("atoms", "known", "size")

    def __init__(self, known: _CharWidths, size: float) -> None:
        self.known, self.size = known, size
        self.atoms = Atoms(self)

    def __call__(self, text: str) -> float:
        if len(text) == 1:
            return self.known[text] * self.size
        return sum(map(self.known.__getitem__, text)) * self.size


# Per process, by the chain's key (pdf_fonts.FontChain.key: the faces that decide every
# character's width), the Latin-marks flag and the size. Most of a batch's documents are
# set in the same faces and share them; a batch of many different fonts starts afresh.
_MEASURES: dict[tuple[object, bool, float], _Measure] = {}
_MEASURES_MAX = 256


def _shared_measure(chain: FontChain, latin: bool, size: float) -> _Measure:
    key = (chain.key, latin, size)
    found = _MEASURES.get(key)
    if found is None:
        if len(_MEASURES) >= _MEASURES_MAX:
            _MEASURES.clear()
        # (The widths at 1 pt are the same at every size.)
        known = next((m.known for k, m in _MEASURES.items() if k[:2] == key[:2]), None)
        if known is None:
            known = _CharWidths(chain, latin)
        found = _MEASURES[key] = _Measure(known, size)
    return found


@dataclass
class Flow:
    """Lines poured onto pages from the top, a new page when one is full."""

    fonts: DocumentFonts
    # Streaming: each full page is handed to `sink` with its outline marks and dropped, so
    # a long text never has all its pages in memory; `done` counts the pages handed over.
    sink: Callable[[list[Placed], list[Mark]], None] | None = None
    done: int = 0
    pages: list[list[Placed]] = field(default_factory=lambda: [[]])
    marks: list[Mark] = field(default_factory=list)
    y: float = TOP
    latin_text: bool = False  # the article is in a Latin-script language (English)
    _first_on_page: bool = True
    _widths: dict[tuple[str, bool, float], _Measure] = field(default_factory=dict)
    geometry: Geometry = A4_GEOMETRY  # page size and measure (--page-size, --font-size)

    def __post_init__(self) -> None:
        self.y = self.geometry.top

    def measure(self, style: Style, latin: bool = False) -> _Measure:
        """Width in points of a piece of text; `latin`: its ambiguous marks in the Latin face."""
        key = (style.role, latin, style.size)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = _shared_measure(
                self.fonts.chain(style.role), latin, style.size)
        return found

    def faces(self, style: Style) -> Faces:
        return Faces(self.measure(style, latin=True), self.latin_text, style.size / 4)

    def squeeze(self, style: Style):
        """Points of empty box after a punctuation mark's ink that squeezing may remove:
        up to half an em, less where the face centres the mark (UMing's 。、)."""
        chain = self.fonts.chain(style.role)

        def trim(ch: str) -> float:
            if ch not in SQUEEZE:
                return 0.0
            font = chain.font_for(ch) or chain.primary
            return font.empty_after(ch) * style.size

        return trim

    @property
    def page_index(self) -> int:
        return self.done + len(self.pages) - 1

    def new_page(self) -> None:
        if self.pages[-1]:
            if self.sink is not None:
                self._hand_over()
            else:
                self.pages.append([])
        self.y = self.geometry.top
        self._first_on_page = True

    def _hand_over(self) -> None:
        assert self.sink is not None
        self.sink(self.pages[-1], self.marks)  # with a sink, every mark is on this page
        self.pages, self.marks = [[]], []
        self.done += 1

    def finish(self) -> None:
        """Hand the last page to the sink (nothing to do without one)."""
        if self.sink is not None and self.pages[-1]:
            self._hand_over()

    def _lines(self, text: str, style: Style, width: float) -> Iterator[Line]:
        """lines(), a piece of a long paragraph at a time."""
        if len(text) <= WRAP_PIECE or style.align == "center":
            yield from self.lines(text, style, width)
            return
        carry, pos, first = "", 0, True
        while pos < len(text):
            cut = pos + WRAP_PIECE
            while pos + 1 < cut < len(text) and text[cut - 1].isspace():
                cut -= 1  # a piece ending in a space would lose it (wrap drops a trailing one)
            piece = carry + text[pos:cut]
            pos = cut
            lines = self.lines(piece, style if first else replace(style, indent=0.0), width)
            if pos >= len(text):
                yield from lines
            elif len(lines) > 1:
                yield from lines[:-1]
                carry, first = lines[-1].text, False
            elif len(piece) > 2 * WRAP_PIECE:  # nothing visible to break: stop carrying
                yield from lines
                carry, first = "", False
            else:
                carry = piece

    def lines(self, text: str, style: Style, width: float | None = None) -> list[Line]:
        width = self.geometry.text_width if width is None else width
        if not text.isprintable():  # in C: no control or format character, nothing to drop
            text = "".join(ch for ch in text if not invisible(ch))
        measure = self.measure(style)
        indent = style.indent * style.size
        squeeze = self.squeeze(style)
        faces = self.faces(style)
        lines = wrap(text, measure, width, indent=indent, squeeze=squeeze, faces=faces)
        if style.align == "center" and len(lines) > 1:
            lines = balanced_breaks(
                text, measure, width, len(lines), squeeze, faces
            ) or _balanced(text, measure, width, indent, len(lines), squeeze, faces)
        return lines

    def add(
        self,
        text: str,
        style: Style,
        *,
        mark: tuple[str, int, str] | None = None,
        next_height: float = 0.0,
        width: float | None = None,
    ) -> list[Line]:
        """Set `text` in `style`; `mark` = (title, level, key) records an outline entry.
        Returns the lines set; none with a sink (a 20 MB paragraph's would not fit).

        `next_height` is how much of what follows must fit on the same page
        (a heading is kept with the first lines of its paragraph).
        """
        g = self.geometry
        stream = self._lines(text, style, g.text_width if width is None else width)
        head = list(islice(stream, 2))  # the first two lines decide where it starts
        squeeze = self.squeeze(style)
        step = style.size * style.leading
        before = 0.0 if self._first_on_page else style.before
        first_block = before + step * len(head) + next_height
        if not self._first_on_page and self.y - first_block < g.bottom:
            self.new_page()
            before = 0.0
        self.y -= before
        kept: list[Line] = []
        on_page = 0  # lines of this paragraph on the current page
        for i, (line, left) in enumerate(_lookahead(chain(head, stream))):
            if self.sink is None:
                kept.append(line)
            if not self._first_on_page and (
                self.y - step < g.bottom or _goes_over(self.y, step, left, on_page, g.bottom)
            ):
                on_page = 0
                self.new_page()
            # Baseline sits about 0.8 em under the top of the line box, the rest is leading.
            baseline = self.y - style.size * (0.8 + (style.leading - 1) / 2)
            if i == 0 and mark is not None:
                title, level, key = mark
                self.marks.append(Mark(title, level, self.page_index, self.y, key))
            out = hang(line, squeeze) if style.align == "justify" and not line.last else 0.0
            share, tracking = _spread(line, style, out, g.text_width)
            placed = Placed(line, style, _x(line, style, g), baseline, share, out, tracking)
            self.pages[-1].append(placed)
            self.y -= step
            self._first_on_page = False
            on_page += 1
        self.y -= style.after
        return kept


def _lookahead(lines: Iterator[Line]) -> Iterator[tuple[Line, int]]:
    """Each line with how many follow it, counted up to two: enough to see a widow
    coming without holding a long paragraph's lines (they stream)."""
    ahead = list(islice(lines, 3))
    while ahead:
        yield ahead[0], min(2, len(ahead) - 1)
        ahead = ahead[1:] + list(islice(lines, 1))


def _goes_over(y: float, step: float, left: int, on_page: int, bottom: float = BOTTOM) -> bool:
    """Whether a line that fits at `y` goes to the next page all the same.

    The last line of a paragraph never goes over alone (a widow): when this line
    fits but the next, the last, would not, this one goes with it — provided the
    page keeps two lines of the paragraph (no orphan) and so ends one line short.
    """
    return left == 1 and y - 2 * step < bottom and on_page >= 2


def _balanced(
    text: str, measure, width: float, indent: float, count: int, squeeze=None, faces=None
) -> list[Line]:
    """The narrowest wrap with the same number of lines (when no natural cut keeps
    the lines near the same length): never two characters alone on the last line."""
    low, high = width / count, width
    best = wrap(text, measure, width, indent=indent, squeeze=squeeze, faces=faces)
    for _ in range(12):
        mid = (low + high) / 2
        trial = wrap(text, measure, mid, indent=indent, squeeze=squeeze, faces=faces)
        if len(trial) <= count:
            best, high = trial, mid
        else:
            low = mid
    return best


def _x(line: Line, style: Style, g: Geometry = A4_GEOMETRY) -> float:
    if style.align == "center":
        return g.left + (g.text_width - line.width) / 2
    if style.align == "right":
        return g.left + g.text_width - line.width
    return g.left + line.indent


def _spread(line: Line, style: Style, hang: float = 0.0,
            measure: float = TEXT_WIDTH) -> tuple[float, float]:
    """(space after each atom, space between letters) that justify `line`
    (convert.linebreak.justify: word spaces at most 0.45 em, else ragged)."""
    if style.align != "justify":
        return 0.0, 0.0
    # A hanging last mark: the line's box ends past the margin, its ink at the margin.
    return justify(line, measure + hang, style.size, max_gap=style.size)


def _gap(line: Line, style: Style, hang: float = 0.0, measure: float = TEXT_WIDTH) -> float:
    if style.align != "justify":
        return 0.0
    # A hanging last mark: the line's box ends past the margin, its ink at the margin.
    return gap(line, measure + hang, max_gap=style.size)
