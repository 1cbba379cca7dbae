"""--embed-fonts for EPUB: the body face subset to the book's text, plus
subsets of the bundled fallback faces for characters the body face lacks.

A reader with no CJK font at all then still draws every character. The body
face comes from convert.fonts.embeddable_font (--font / --font-family / the
bundled Ming face); what it cannot draw is looked up, in order, in the
bundled fallbacks (other UMing regions, HanaMin A/B for rare and extension B
characters, the Hei face last). What no face has is reported, not dropped.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from convert.errors import ConvertError
from convert.writers.base import RenderOptions


@dataclass(frozen=True, slots=True)
class BookFont:
    family: str  # CSS font-family the stylesheet names
    file_name: str  # path inside the EPUB folder, e.g. fonts/body.ttf
    media_type: str
    data: bytes


def _css_family(name: str) -> str:
    # The name goes inside a quoted CSS string: keep it plain.
    return "".join(ch for ch in name if ch not in "\"'\\;{}<>") or "Embedded"


def _file_name(name: str) -> str:
    return "fonts/" + "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)


def _drawable(text: str) -> set[str]:
    return {ch for ch in text if not ch.isspace() and ord(ch) >= 0x20 and ord(ch) != 0x7F}


def _cmap(data: bytes) -> set[int]:
    from fontTools.ttLib import TTFont

    return set(TTFont(io.BytesIO(data), lazy=True).getBestCmap())


def book_fonts(
    text: str, options: RenderOptions, language: str
) -> tuple[list[BookFont], list[str]]:
    """The fonts to embed for `text` (body face first) and warnings for what none draws."""
    from convert import fonts

    body = fonts.embeddable_font(text, options, language=language)
    chosen = [BookFont(_css_family(body.family), _file_name(body.filename), body.media_type,
                       body.data)]
    drawn = _cmap(body.data)
    missing = {ch for ch in _drawable(text) if ord(ch) not in drawn}
    try:
        fallbacks = fonts.bundled_fallbacks(language) if missing else []
    except ConvertError:
        fallbacks = []  # a clone without the bundled fonts: report below
    for n, face in enumerate(fallbacks, 1):
        have = {ch for ch in missing if ord(ch) in fonts.coverage(face)}
        if not have:
            continue
        data = fonts.subset_bytes(face, frozenset(have), to_truetype=False)
        chosen.append(BookFont(_css_family(face.family), f"fonts/fallback-{n}.ttf", "font/ttf",
                               data))
        missing -= have
        if not missing:
            break
    warnings = []
    if missing:
        shown = "".join(sorted(missing)[:20]) + ("…" if len(missing) > 20 else "")
        warnings.append(f"no embedded font has {len(missing)} character(s): {shown}; "
                        "readers draw them with their own fonts")
    return chosen, warnings
