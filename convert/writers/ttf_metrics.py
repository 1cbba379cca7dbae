"""reportlab's TrueType character tables, read in bulk.

reportlab's TTFontFile.extractInfo reads the cmap, hmtx and loca tables two bytes
at a time through a Python method call each: 0.1–0.17 s for each bundled CJK face
(UMing CN/TW/HK, Micro Hei, HanaMin), paid by every process that draws with it,
more than half of a small batch's PDF time. Here the same tables are unpacked with
one struct call each and the same attributes are built, in the same order, with the
same values (tests/test_ttf_metrics.py compares them with reportlab's own parse for
every bundled face). Formats other than cmap 4 and 12, and anything unexpected,
are left to reportlab's loops.
"""

from __future__ import annotations

import gc
import marshal
import struct
import sys
from pathlib import Path
from typing import Any

import reportlab
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFontFace

from convert import cache

_original = TTFontFace.extractInfo


class _Unusual(Exception):
    """A table this reader does not handle: reportlab's own parse takes over."""


def extract_info(face: Any, charInfo: int = 1) -> None:
    """TTFontFile.extractInfo with the per-glyph loops in bulk."""
    _original(face, 0)  # names, head, OS/2, post, hhea, maxp: small fixed records
    if not charInfo:
        return
    # Tens of thousands of lists and tuples at once: the cyclic collector would walk
    # every object of the process again and again meanwhile (half the time of a parse
    # once a face or two are loaded). None of them can form a cycle.
    paused = gc.isenabled()
    gc.disable()
    try:
        _char_info(face)
    except (_Unusual, struct.error):  # reportlab's loops decide what a broken table gives
        _original(face, charInfo)
    finally:
        if paused:
            gc.enable()


def _char_info(face: Any) -> None:
    data: bytes = face._ttf_data
    head = face.table["head"]["offset"]
    index_to_loc, glyph_data_format = struct.unpack_from(">HH", data, head + 50)
    if glyph_data_format != 0:
        raise TTFError(f"Unknown glyph data format ({glyph_data_format})")
    metrics_count = struct.unpack_from(">H", data, face.table["hhea"]["offset"] + 34)[0]
    glyphs = face.numGlyphs
    cached = _cache_file(face)
    maps = _load_maps(cached)
    if maps is None:
        char_to_glyph, glyph_to_char = _cmap(face, data)
    if "hmtx" not in face.table or "loca" not in face.table:
        raise _Unusual
    hmetrics, advances, glyph_pos = _metrics(face, data, index_to_loc, metrics_count, glyphs)
    if maps is not None:
        char_to_glyph, char_widths, kept = maps
        _defer_glyph_to_char(face, kept)
    else:
        char_widths = _char_widths(char_to_glyph, glyph_to_char, advances)
        face.glyphToChar = glyph_to_char
        if cached is not None:
            cache.write(cached, marshal.dumps(
                (char_to_glyph, char_widths, marshal.dumps(glyph_to_char))))
    face.charToGlyph = char_to_glyph
    face.hmetrics = hmetrics
    face.defaultWidth = advances[0]
    face.charWidths = char_widths
    face.glyphPos = glyph_pos


def _char_widths(char_to_glyph: dict[int, int], glyph_to_char: dict[int, list[int]],
                 advances: list[Any]) -> dict[int, Any]:
    """Each character's advance; the no-break space and the space share a glyph (both
    maps are completed here, as reportlab does)."""
    char_widths: dict[int, Any] = {}
    for glyph, chars in sorted(glyph_to_char.items()):
        if glyph >= len(advances):
            break
        width = advances[glyph]
        for char in chars:
            char_widths[char] = width
    if 0x20 in char_to_glyph:
        char_to_glyph[0xA0] = char_to_glyph[0x20]
        char_widths[0xA0] = char_widths[0x20]
    elif 0xA0 in char_to_glyph:
        char_to_glyph[0x20] = char_to_glyph[0xA0]
        char_widths[0x20] = char_widths[0xA0]
    return char_widths


# A face's character maps, kept in the user's cache folder (convert.cache): building
# the three dicts of a CJK face (25,000–30,000 entries each) is most of its parse, and
# every process drawing a PDF paid it. Named by the font file (path, size, time), the
# face's place in it, reportlab's and Python's versions and this format's.
# Format 2: glyphToChar stays marshalled until asked for (_LazyGlyphToChar).
_FORMAT = 2


def _cache_file(face: Any) -> Path | None:
    try:
        return cache.path_for("ttf-maps", _FORMAT, reportlab.Version, sys.version_info[:2],
                              face.table["cmap"]["offset"], *cache.source_key(face.filename),
                              suffix=".marshal")
    except (OSError, AttributeError, KeyError, TypeError):
        return None  # no file to name it by (a font from bytes): parse it


def _load_maps(path: Path | None) -> tuple[dict, dict, bytes] | None:
    """charToGlyph, charWidths and glyphToChar still marshalled, or None."""
    data = cache.read(path) if path is not None else None
    if not data:
        return None
    try:
        maps = marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        return None  # damaged: parse the font again (and write a good copy)
    if not (isinstance(maps, tuple) and len(maps) == 3
            and all(isinstance(m, dict) and m for m in maps[:2])
            and isinstance(maps[2], bytes) and maps[2]):
        return None
    return maps


_UNSET = object()


class _LazyGlyphToChar:
    """TTFontFile.glyphToChar, unmarshalled on first use.

    Only reportlab's shaping (uharfbuzz) reads it, never our drawing; a CJK face's
    has 25,000-35,000 lists: a third of reading a face's maps back, and objects the
    cyclic collector of every pool worker walks again and again.
    """

    def __get__(self, face: Any, owner: type | None = None) -> Any:
        if face is None:
            return self
        found = face.__dict__.get("glyphToChar", _UNSET)
        if found is _UNSET:
            kept = face.__dict__.get("_convert_glyph_to_char")
            if kept is None:
                raise AttributeError("glyphToChar")
            found = self._load(kept)
            face.__dict__["glyphToChar"] = found
            del face.__dict__["_convert_glyph_to_char"]
        return found

    def __set__(self, face: Any, value: Any) -> None:
        face.__dict__.pop("_convert_glyph_to_char", None)
        face.__dict__["glyphToChar"] = value

    @staticmethod
    def _load(kept: bytes) -> dict[int, list[int]]:
        paused = gc.isenabled()
        gc.disable()  # thousands of lists: see extract_info
        try:
            return marshal.loads(kept)
        finally:
            if paused:
                gc.enable()


def _defer_glyph_to_char(face: Any, kept: bytes) -> None:
    if not isinstance(getattr(type(face), "glyphToChar", None), _LazyGlyphToChar):
        face.glyphToChar = _LazyGlyphToChar._load(kept)  # not installed: read it now
        return
    face.__dict__.pop("glyphToChar", None)
    face.__dict__["_convert_glyph_to_char"] = kept


# The faces of a collection share their metrics and glyph index (UMing CN, TW and HK
# differ only in their character maps): read once, the same lists for each face
# (reportlab only reads them). Keyed by the collection's bytes, kept with them.
_SHARED: dict[tuple[int, ...], tuple[bytes, list[Any], list[Any], list[int]]] = {}


def _metrics(face: Any, data: bytes, index_to_loc: int, metrics_count: int,
             glyphs: int) -> tuple[list[Any], list[Any], list[int]]:
    """hmetrics, each glyph's advance in 1/1000 em, and glyphPos."""
    hmtx_at, loca_at = face.table["hmtx"]["offset"], face.table["loca"]["offset"]
    key = (id(data), hmtx_at, loca_at, index_to_loc, metrics_count, glyphs, face.unitsPerEm)
    found = _SHARED.get(key)
    if found is not None and found[0] is data:
        return found[1], found[2], found[3]
    scale = getattr(face, "_pdfScale", None) or _scale_of(face.unitsPerEm)

    # hmtx: (advance, left side bearing) for the first metrics_count glyphs, then side
    # bearings only. As in reportlab, the later glyphs' entries carry the last advance
    # already scaled to 1/1000 em.
    pairs = struct.unpack_from(f">{2 * metrics_count}H", data, hmtx_at)
    hmetrics: list[Any] = list(zip(pairs[0::2], pairs[1::2], strict=True))
    widths = pairs[0::2]
    scaled = {aw: scale(aw) for aw in set(widths)}  # a CJK face has a few dozen advances
    advances = list(map(scaled.__getitem__, widths))
    if glyphs > metrics_count:
        last = advances[-1]
        bearings = struct.unpack_from(f">{glyphs - metrics_count}H", data,
                                      hmtx_at + 4 * metrics_count)
        hmetrics += [(last, lsb) for lsb in bearings]
        advances += [last] * (glyphs - metrics_count)

    if index_to_loc == 0:
        glyph_pos = [x << 1 for x in struct.unpack_from(f">{glyphs + 1}H", data, loca_at)]
    elif index_to_loc == 1:
        glyph_pos = list(struct.unpack_from(f">{glyphs + 1}L", data, loca_at))
    else:
        raise TTFError(f"Unknown location table format ({index_to_loc})")
    if data[:4] == b"ttcf":  # a collection: its other faces will ask for the same tables
        _SHARED[key] = (data, hmetrics, advances, glyph_pos)
    return hmetrics, advances, glyph_pos


def _scale_of(units_per_em: int) -> Any:
    """Font units to 1/1000 em as reportlab 4.2 scales them (a local lambda of its
    extractInfo; 5.x keeps its own as face._pdfScale)."""
    def scale(x: int) -> float:
        return x * 1000. / units_per_em
    return scale


def _cmap(face: Any, data: bytes) -> tuple[dict[int, int], dict[int, list[int]]]:
    """The Unicode subtable reportlab would choose, format 4 or 12."""
    cmap = face.table["cmap"]["offset"]
    version, count = struct.unpack_from(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    chosen, enc = None, 0
    for n in range(count):  # the same choice as reportlab's, the last one winning
        platform, encoding, offset = struct.unpack_from(">HHL", data, cmap + 4 + 8 * n)
        if platform == 3:
            enc, chosen = 1, offset
        elif platform == 1 and encoding == 0 and enc != 1:
            enc, chosen = 2, offset
        elif (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            enc, chosen = 1, offset
    if chosen is None:
        raise _Unusual
    at = cmap + chosen
    fmt = struct.unpack_from(">H", data, at)[0]
    if fmt == 4:
        return _format4(data, at)
    if fmt == 12:
        return _format12(data, at)
    raise _Unusual


def _format4(data: bytes, at: int) -> tuple[dict[int, int], dict[int, list[int]]]:
    length = struct.unpack_from(">H", data, at + 2)[0]
    limit = at + length
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts_at = at + 16 + 2 * segments
    starts = struct.unpack_from(f">{segments}H", data, starts_at)
    deltas = struct.unpack_from(f">{segments}h", data, starts_at + 2 * segments)
    ranges_at = starts_at + 4 * segments
    ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
    char_to_glyph: dict[int, int] = {}
    glyph_to_char: dict[int, list[int]] = {}
    for n in range(segments):
        start, end, delta, offset = starts[n], ends[n], deltas[n], ranges[n]
        if end < start:
            continue
        if offset == 0:
            found = [(u + delta) & 0xFFFF for u in range(start, end + 1)]
        else:
            first = ranges_at + 2 * n + offset  # where `start`'s glyph id is
            if first + 2 * (end - start) + 2 > limit:
                raise _Unusual  # reportlab reads past the table as glyph 0: its loop does that
            found = [
                (g + delta) & 0xFFFF if g else 0
                for g in struct.unpack_from(f">{end - start + 1}H", data, first)
            ]
        for u, glyph in zip(range(start, end + 1), found, strict=True):
            char_to_glyph[u] = glyph
            glyph_to_char.setdefault(glyph, []).append(u)
    return char_to_glyph, glyph_to_char


def _format12(data: bytes, at: int) -> tuple[dict[int, int], dict[int, list[int]]]:
    groups = struct.unpack_from(">L", data, at + 12)[0]
    flat = struct.unpack_from(f">{3 * groups}L", data, at + 16)
    char_to_glyph: dict[int, int] = {}
    glyph_to_char: dict[int, list[int]] = {}
    for n in range(0, 3 * groups, 3):
        start, end, glyph = flat[n], flat[n + 1], flat[n + 2]
        for u in range(start, end + 1):
            char_to_glyph[u] = glyph
            glyph_to_char.setdefault(glyph, []).append(u)
            glyph += 1
    return char_to_glyph, glyph_to_char


def install() -> None:
    """Make reportlab's TrueType faces use the bulk reader (idempotent)."""
    ttfonts.TTFontFace.extractInfo = extract_info  # type: ignore[method-assign]
    ttfonts.TTFontFile.glyphToChar = _LazyGlyphToChar()  # type: ignore[attr-defined]
