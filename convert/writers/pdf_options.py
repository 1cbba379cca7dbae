"""The PDF writer's own options (kept apart from pdf.py so `--help` needs no reportlab)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from convert.writers.base import RenderOptions, WriterOption

if TYPE_CHECKING:
    from convert.writers.pdf_geometry import Geometry

PAGE_SIZE_NAMES = ("A4", "Letter", "A5", "B5", "6in")  # pdf_geometry.PAGE_SIZES

OPTIONS = (
    WriterOption("page-size", "Page size: A4 (default), Letter, A5, B5, or 6in (a 6-inch "
                 "e-reader screen); the measure stays a whole number of characters.",
                 "choice", PAGE_SIZE_NAMES),
    WriterOption("font-size", "Body text size in points (default 11; 8–20); headings, "
                 "title and notes scale with it.", "number", metavar="PT",
                 bounds=(8.0, 20.0)),
)


def page_geometry(options: RenderOptions) -> Geometry:
    from convert.writers.pdf_geometry import DEFAULT_BODY_SIZE, DEFAULT_PAGE, geometry

    size = float(options.get("font-size", DEFAULT_BODY_SIZE))
    return geometry(str(options.get("page-size", DEFAULT_PAGE)), size)
