"""PDF page geometry: the page size and base font size a user chose (--page-size,
--font-size), as the measure and margins the layout uses.

The measure is always a whole number of body characters, so a line of Chinese
needs no stretching: as large a share of the page as A4's 40 characters of 11 pt
(A4 at 11 pt is exactly the layout convert has always made). Top and bottom
margins and the footer scale with the page's height, so a 6-inch e-reader page
is not mostly margin.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5, B5, LETTER
from reportlab.lib.units import mm

# Name -> (width, height) in points. "6in" is a 6-inch e-reader screen (90.6 × 122.4 mm,
# Kindle and Kobo's 6" panels), read without zooming.
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "A4": A4,
    "Letter": LETTER,
    "A5": A5,
    "B5": B5,
    "6in": (90.6 * mm, 122.4 * mm),
}
DEFAULT_PAGE = "A4"
DEFAULT_BODY_SIZE = 11.0
_A4_CHARS = 40  # body characters per line on A4 at 11 pt
_A4_MARGIN_TOP = 72.0
_A4_FOOTER_Y = 40.0


@dataclass(frozen=True, slots=True)
class Geometry:
    page_width: float
    page_height: float
    body_size: float  # the body text's size; other styles scale with it
    chars_per_line: int
    text_width: float
    left: float
    top: float  # the first line's top
    bottom: float  # no line's box below this
    footer_y: float

    @property
    def scale(self) -> float:
        """Style sizes are set for an 11 pt body: this multiplies them."""
        return self.body_size / DEFAULT_BODY_SIZE


def page_size_name(name: str) -> str:
    """The canonical spelling of a page size name ('a5' -> 'A5'); KeyError if unknown."""
    for known in PAGE_SIZES:
        if known.lower() == name.strip().lower():
            return known
    raise KeyError(name)


def geometry(page: str = DEFAULT_PAGE, body_size: float = DEFAULT_BODY_SIZE) -> Geometry:
    width, height = PAGE_SIZES[page_size_name(page)]
    a4_width, a4_height = A4
    chars = max(8, round(_A4_CHARS * (width / a4_width) * (DEFAULT_BODY_SIZE / body_size)))
    text_width = body_size * chars
    margin = _A4_MARGIN_TOP * height / a4_height
    return Geometry(
        page_width=width,
        page_height=height,
        body_size=body_size,
        chars_per_line=chars,
        text_width=text_width,
        left=(width - text_width) / 2,
        top=height - margin,
        bottom=margin,
        footer_y=_A4_FOOTER_Y * height / a4_height,
    )


A4_GEOMETRY = geometry()
