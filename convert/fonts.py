"""Fonts every writer shares: where the bundled faces are, which face a
document's language wants, how `--font` / `--font-family` replace it, and
a subset of the body face small enough to embed (EPUB).

The bundled fonts live in the repository's top-level `fonts/` and travel in
the wheel as `convert/_fonts` (see pyproject's force-include), so both an
editable checkout and a plain `pip install .` find them.

Heavy libraries (fontTools) are imported inside the functions that need
them, so importing this module stays cheap.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from convert import locale
from convert.errors import ConvertError
from convert.writers.base import RenderOptions

# Family names as the fonts' own name tables spell them (CSS and Word use these).
SERIF_FAMILIES = {
    "CN": "AR PL UMing CN",
    "TW": "AR PL UMing TW",
    "HK": "AR PL UMing HK",
}
SANS_FAMILY = "WenQuanYi Micro Hei"
# UMing's Latin letters are half-width monospaced (typewriter-like); Latin runs in the
# body are set in a proportional serif instead, as Word pairs an ASCII font with an
# East Asian one.
LATIN_FAMILY = "DejaVu Serif"
# Preformatted text (code, ASCII tables): a monospaced face whose Latin, box-drawing
# and arrows share one advance; CJK inside it stays in the CJK face, two columns wide.
MONO_FAMILY = "DejaVu Sans Mono"

# file name -> (face index by family); a TTC holds several faces.
_UMING = "uming.ttc"
_UMING_INDEX = {"AR PL UMing CN": 0, "AR PL UMing HK": 1, "AR PL UMing TW": 2}
_WQY = "wqy-microhei.ttc"
# HanaMin (GlyphWiki, Hanazono Font License): Ming faces for what UMing lacks.
# HanaMinA is cut down to the code points no UMing face has; HanaMinB is whole
# (CJK Extensions B-F on plane 2).
_HANA_A = "HanaMinA-fallback.ttf"
_HANA_B = "HanaMinB.ttf"
_LATIN = "DejaVuSerif.ttf"
_MONO = "DejaVuSansMono.ttf"

# Always kept in an embedded subset so typed-in Latin text still renders.
BASIC_CHARS = "".join(chr(c) for c in range(0x20, 0x7F)) + "，。、；：？！（）「」『』《》“”‘’…—·　"


@dataclass(frozen=True, slots=True)
class FontFace:
    """One face of a font file (a TTC holds several, chosen by index)."""

    path: Path
    index: int
    family: str


@dataclass(frozen=True)
class EmbeddedFont:
    data: bytes  # a font file subset to the given text (TrueType .ttf preferred)
    family: str  # CSS font-family name to use, e.g. "AR PL UMing CN"
    filename: str  # e.g. "body.ttf"
    media_type: str  # "font/ttf" (or "font/otf")


# --- where the bundled fonts are -------------------------------------------------------


def _candidate_dirs() -> list[Path]:
    package = Path(__file__).resolve().parent
    return [package / "_fonts", package.parent / "fonts"]


@cache
def fonts_dir() -> Path:
    """The folder holding the bundled fonts: the installed copy first, then the checkout's."""
    for folder in _candidate_dirs():
        if (folder / _UMING).is_file():
            return folder
    looked = ", ".join(str(d) for d in _candidate_dirs())
    raise ConvertError(f"bundled fonts not found (looked in {looked})")


def region_of(language: str) -> str:
    """'zh-Hant-HK' -> 'HK', 'zh-Hant' -> 'TW', anything else -> 'CN'."""
    return locale.font_region(language)


def serif_family(language: str = "zh-Hans") -> str:
    """The bundled Ming/Song family for a language: AR PL UMing CN / TW / HK."""
    return SERIF_FAMILIES[region_of(language)]


def bundled_family_names(language: str = "zh-Hans") -> dict[str, str]:
    """{'serif': body family, 'sans': title/heading family, 'latin': Latin body family}
    for the DOCX/EPUB writers."""
    return {"serif": serif_family(language), "sans": SANS_FAMILY, "latin": LATIN_FAMILY}


def serif_face(language: str = "zh-Hans") -> FontFace:
    family = serif_family(language)
    return FontFace(fonts_dir() / _UMING, _UMING_INDEX[family], family)


def sans_face() -> FontFace:
    return FontFace(fonts_dir() / _WQY, 0, SANS_FAMILY)


def latin_face() -> FontFace:
    return FontFace(fonts_dir() / _LATIN, 0, LATIN_FAMILY)


def mono_face() -> FontFace:
    return FontFace(fonts_dir() / _MONO, 0, MONO_FAMILY)


def is_latin(ch: str) -> bool:
    """Letters, digits and marks of Latin, Greek and Cyrillic text (not CJK punctuation:
    “ ” ‘ ’ · stay with the CJK face, full width)."""
    code = ord(ch)
    if ch in "·":
        return False
    return 0x21 <= code <= 0x24F or 0x370 <= code <= 0x4FF


def bundled_fallbacks(language: str = "zh-Hans") -> list[FontFace]:
    """Faces tried, in order, for a character the body face lacks: Ming faces first
    (the other UMing regions, then HanaMin), the Hei face last."""
    first = serif_family(language)
    chain = [serif_face(lang) for lang in ("zh-Hans", "zh-Hant", "zh-Hant-HK")]
    chain = [f for f in chain if f.family != first]
    folder = fonts_dir()
    chain.append(FontFace(folder / _HANA_A, 0, "HanaMinA"))
    chain.append(FontFace(folder / _HANA_B, 0, "HanaMinB"))
    chain.append(sans_face())
    return chain


# --- --font and --font-family ---------------------------------------------------------


def face_from_file(path: Path, index: int = 0) -> FontFace:
    """A user's font file (TTF, OTF, TTC with index); ConvertError when unusable."""
    path = Path(path)
    if not path.is_file():
        raise ConvertError(f"font not found: {path}")
    try:
        family = _family_name(str(path.resolve()), index)
    except Exception as exc:  # fontTools raises many kinds on a bad file
        raise ConvertError(f"not a usable font: {path} ({exc})") from None
    return FontFace(path.resolve(), index, family)


@lru_cache(maxsize=32)
def _family_name(path: str, index: int) -> str:
    font = _open_font(path, index, lazy=True)
    name = font["name"]
    # Typographic family (16) names the family without the style; fall back to 1.
    found = name.getDebugName(16) or name.getDebugName(1)
    return found or Path(path).stem


def fontconfig(tool: str, *args: str) -> str | None:
    """The output of a fontconfig command (fc-match, fc-list), or None when
    fontconfig is not installed or the command fails: fonts are then bundled only."""
    exe = shutil.which(tool)
    if exe is None:
        return None
    try:
        return subprocess.run(
            [exe, *args], capture_output=True, text=True, timeout=10, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def fc_match(family: str) -> FontFace | None:
    """The font fontconfig finds for a family name, or None when fontconfig is
    missing or only offers a substitute with another name."""
    out = fontconfig("fc-match", "-f", "%{file}\n%{index}\n%{family}\n", family)
    if out is None:
        return None
    lines = out.splitlines()
    if len(lines) < 3 or not lines[0]:
        return None
    offered = [_squash(n) for n in lines[2].split(",")]
    if _squash(family) not in offered:
        return None  # fontconfig always answers; a different family is not a match
    return FontFace(Path(lines[0]), int(lines[1] or 0), lines[2].split(",")[0])


def _squash(name: str) -> str:
    return "".join(name.lower().split())


def body_face(options: RenderOptions, language: str = "zh-Hans") -> FontFace:
    """The body face chosen by --font, else --font-family, else the bundled Ming face."""
    if options.font is not None:
        return face_from_file(options.font, options.font_index)
    if options.font_family:
        found = fc_match(options.font_family)
        if found is None:
            raise ConvertError(f"font family not found: {options.font_family}")
        return found
    return serif_face(language)


# --- reading, subsetting, converting --------------------------------------------------


def _open_font(path: str, index: int, *, lazy: bool | None = None):  # -> fontTools TTFont
    from fontTools.ttLib import TTFont

    if Path(path).suffix.lower() in (".ttc", ".otc"):
        return TTFont(path, fontNumber=index, lazy=lazy, recalcTimestamp=False)
    return TTFont(path, lazy=lazy, recalcTimestamp=False)


@lru_cache(maxsize=16)
def coverage(face: FontFace) -> frozenset[int]:
    """Every code point the face maps to a glyph (read once per process)."""
    return frozenset(_open_font(str(face.path), face.index, lazy=True).getBestCmap())


@lru_cache(maxsize=64)
def is_cff(face: FontFace) -> bool:
    """Whether the face's outlines are CFF (PostScript) rather than TrueType `glyf`.

    Read from the table directory (a few bytes): asked for every face a PDF draws
    with, where opening the file with fontTools cost its import (15 ms) and a parse.
    """
    tags = _table_tags(str(face.path), face.index)
    if tags is None:  # not a font file we can read by hand: fontTools says what is wrong
        font = _open_font(str(face.path), face.index, lazy=True)
        return "glyf" not in font and ("CFF " in font or "CFF2" in font)
    return b"glyf" not in tags and (b"CFF " in tags or b"CFF2" in tags)


def _table_tags(path: str, index: int) -> set[bytes] | None:
    """The table tags of an sfnt (a collection's font `index`), None if unreadable."""
    import struct

    try:
        with open(path, "rb") as f:
            head = f.read(12)
            at = 0
            if head[:4] == b"ttcf":
                f.seek(12 + 4 * index)
                (at,) = struct.unpack(">L", f.read(4))
                f.seek(at)
                head = f.read(12)
            (count,) = struct.unpack_from(">H", head, 4)
            directory = f.read(16 * count)
    except (OSError, struct.error):
        return None
    if len(directory) < 16 * count:
        return None
    return {directory[i : i + 4] for i in range(0, 16 * count, 16)}


@lru_cache(maxsize=64)
def subset_bytes(face: FontFace, chars: frozenset[str], *, to_truetype: bool = True) -> bytes:
    """The face cut down to `chars` (plus what shaping needs), as font file bytes.

    CFF (OpenType/PostScript) outlines are converted to TrueType quadratics
    when `to_truetype` is set, since reportlab reads only `glyf` fonts; the
    subset comes first so the conversion only touches glyphs that are used.
    Cached per process: the same text and face give the same bytes.
    """
    import logging

    from fontTools import subset

    # fontTools logs each table it cannot subset (BDF in UMing) and drops it: expected here.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    font = _open_font(str(face.path), face.index)
    # The outlines are kept as they are, so each glyph's stored bounds stay right: not
    # recalculating them lets fontTools copy glyph data instead of re-encoding every glyph.
    font.recalcBBoxes = False
    opts = subset.Options()
    opts.name_IDs = ["*"]  # keep the family name a reader shows
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.layout_features = ["*"]  # vertical forms, locl for region variants
    # Hints are most of a hinted CJK font's size and little use on screen. Removing them
    # rewrites every glyph, though (0.6 s for an article in UMing): skip it for fonts
    # that carry no hinting programs, like the bundled ones.
    opts.hinting = not any(tag in font for tag in ("fpgm", "prep", "cvt "))
    # Bitmaps are for tiny screen sizes and most of the file; an embedded subset needs none.
    opts.drop_tables += ["FFTM", "DSIG", "BDF ", "EBDT", "EBLC", "EBSC"]
    subsetter = subset.Subsetter(options=opts)
    subsetter.populate(unicodes=sorted({ord(c) for c in chars}))
    subsetter.subset(font)
    if to_truetype and "glyf" not in font:
        _cff_to_glyf(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def _cff_to_glyf(font) -> None:  # font: fontTools TTFont, changed in place
    """Replace CFF/CFF2 outlines by TrueType quadratic ones (as fontTools' otf2ttf)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        # max_err 1 unit: invisible at text sizes; reverse_direction: TrueType winds the other way.
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True


def embeddable_font(
    text: str, options: RenderOptions, *, language: str = "zh-Hans"
) -> EmbeddedFont:
    """The body face (--font / --font-family / bundled default) subset to `text`.

    CFF fonts stay CFF here (EPUB readers take OpenType directly); TrueType
    faces, TTC members included, come out as a single .ttf.
    """
    face = body_face(options, language)
    chars = frozenset(text) | frozenset(BASIC_CHARS)
    chars = frozenset(c for c in chars if not c.isspace() or c in " 　")
    if is_cff(face):
        data = subset_bytes(face, chars, to_truetype=False)
        return EmbeddedFont(data, face.family, "body.otf", "font/otf")
    data = subset_bytes(face, chars, to_truetype=False)
    return EmbeddedFont(data, face.family, "body.ttf", "font/ttf")


def subset_for_text(face: FontFace, text: str, *, to_truetype: bool = False) -> bytes:
    """`face` subset to the characters of `text` plus BASIC_CHARS, as embeddable_font
    cuts the body face; for any face (the DOCX writer embeds the sans heading face too)."""
    chars = frozenset(text) | frozenset(BASIC_CHARS)
    chars = frozenset(c for c in chars if not c.isspace() or c in " 　")
    return subset_bytes(face, chars, to_truetype=to_truetype)


def missing_chars(text: str, faces: Iterable[FontFace]) -> list[str]:
    """Characters of `text` (not whitespace/controls) that none of `faces` has, in order."""
    faces = list(faces)
    seen: dict[str, None] = {}
    for ch in text:
        if ch in seen or ch.isspace() or ord(ch) < 0x20:
            continue
        if not any(ord(ch) in coverage(f) for f in faces):
            seen[ch] = None
    return list(seen)
