"""reportlab's TrueType subsetter with its per-glyph reads done in place.

Every embedded font subset (up to 256 glyphs; a CJK article has three or four)
is cut by TTFontFile.makeSubset, which reads each glyph's header through seek and
read_short method calls and slices the glyph table through a Python object: about
2 ms of a 20 ms PDF article. This is the same algorithm reading the font's bytes
with struct.unpack_from, giving the same bytes (tests/test_ttf_subset.py compares
it with reportlab's own on the bundled faces, composite glyphs included); a font
it cannot read is left to reportlab's.
"""

from __future__ import annotations

import contextlib
import struct
from typing import Any

from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFontFace, TTFontMaker

_original = TTFontFace.makeSubset

_MORE_COMPONENTS = 1 << 5
_ARGS_ARE_WORDS = 1 << 0
_SCALE = 1 << 3
_XY_SCALE = 1 << 6
_TWO_BY_TWO = 1 << 7


def _component_bytes(flags: int) -> int:
    """Bytes after a component's flags and glyph index: its arguments and scale."""
    size = 4 if flags & _ARGS_ARE_WORDS else 2
    if flags & _SCALE:
        size += 2
    elif flags & _XY_SCALE:
        size += 4
    elif flags & _TWO_BY_TWO:
        size += 8
    return size


def make_subset(face: Any, subset: list[int]) -> bytes:
    """TTFontFile.makeSubset, reading the font's bytes in place."""
    try:
        return _make_subset(face, subset)
    except struct.error:  # a truncated glyph: reportlab's reader says what it makes of it
        return _original(face, subset)


def _make_subset(face: Any, subset: list[int]) -> bytes:
    data: bytes = face._ttf_data
    start, glyf_length = face.get_table_pos("glyf")
    positions = face.glyphPos
    char_to_glyph = face.charToGlyph

    # New glyph index -> old, old -> new; 0 (the missing glyph) first.
    glyph_map = [0]
    glyph_set = {0: 0}
    code_to_glyph = {}
    for code in subset:
        old = char_to_glyph.get(code, 0)
        if old not in glyph_set:
            glyph_set[old] = len(glyph_map)
            glyph_map.append(old)
        code_to_glyph[code] = glyph_set[old]

    # The glyphs composite glyphs are made of come along.
    n = 0
    while n < len(glyph_map):
        old = glyph_map[n]
        n += 1
        at = positions[old]
        if positions[old + 1] == at:
            continue
        at += start
        if not data[at] & 0x80:  # numberOfContours >= 0: a simple glyph
            continue
        at += 10
        flags = _MORE_COMPONENTS
        while flags & _MORE_COMPONENTS:
            flags, component = struct.unpack_from(">HH", data, at)
            if component not in glyph_set:
                glyph_set[component] = len(glyph_map)
                glyph_map.append(component)
            at += 4 + _component_bytes(flags)

    output = TTFontMaker()
    for tag in ("name", "OS/2", "cvt ", "fpgm", "prep"):  # copied as they are
        with contextlib.suppress(KeyError):  # cvt, fpgm and prep are optional
            output.add(tag, face.get_table(tag))
    output.add("post", b"\x00\x03\x00\x00" + face.get_table("post")[4:16] + b"\x00" * 16)

    count = len(glyph_map)
    hmetrics = face.hmetrics
    hmtx: list[int] = []
    for old in glyph_map:
        aw, lsb = hmetrics[old]
        hmtx.append(int(aw))
        hmtx.append(int(lsb))
    # Full (advance, bearing) pairs up to the run of equal advances at the end.
    n = len(hmtx) - 2
    while n and hmtx[n] == hmtx[n - 2]:
        n -= 2
    n += 2
    metrics_count = n >> 1
    hmtx = hmtx[:n] + hmtx[n + 1 :: 2]
    output.add("hmtx", struct.pack(f">{len(hmtx)}H", *hmtx))
    output.add("hhea", ttfonts._set_ushort(face.get_table("hhea"), 34, metrics_count))
    output.add("maxp", ttfonts._set_ushort(face.get_table("maxp"), 4, count))

    entries = len(subset)
    cmap = [0, 1, 1, 0, 0, 12, 6, 10 + entries * 2, 0, 0, entries]
    cmap += [code_to_glyph[code] for code in subset]
    output.add("cmap", struct.pack(f">{len(cmap)}H", *cmap))

    offsets = []
    glyf = []
    pos = 0
    for old in glyph_map:
        offsets.append(pos)
        at = positions[old]
        end = positions[old + 1]
        length = end - at
        if at >= 0 and end <= glyf_length:
            glyph = data[start + at : start + end]
        else:  # clipped to the table, as reportlab slices the table it reads
            glyph = data[start + min(max(at, 0), glyf_length) : start + min(end, glyf_length)]
        if length > 2 and glyph[:1] and glyph[0] & 0x80:  # a composite glyph
            glyph = _renumbered(glyph, glyph_set)
        glyf.append(glyph)
        pos += length
        if pos % 4:
            padding = 4 - pos % 4
            glyf.append(b"\0" * padding)
            pos += padding
    offsets.append(pos)
    output.add("glyf", b"".join(glyf))

    if (pos + 1) >> 1 > 0xFFFF:
        loc_format = 1
        loca = struct.pack(f">{len(offsets)}L", *offsets)
    else:
        loc_format = 0
        loca = struct.pack(f">{len(offsets)}H", *(o >> 1 for o in offsets))
    output.add("loca", loca)
    output.add("head", ttfonts._set_ushort(face.get_table("head"), 50, loc_format))
    return output.makeStream()


def _renumbered(glyph: bytes, glyph_set: dict[int, int]) -> bytes:
    """A composite glyph with its components' indices in the subset's numbering."""
    out = bytearray(glyph)
    at = 10
    flags = _MORE_COMPONENTS
    while flags & _MORE_COMPONENTS:
        flags, component = struct.unpack_from(">HH", out, at)
        struct.pack_into(">H", out, at + 2, glyph_set[component])
        at += 4 + _component_bytes(flags)
    return bytes(out)


def install() -> None:
    """Make reportlab's TrueType faces use this subsetter (idempotent)."""
    ttfonts.TTFontFace.makeSubset = make_subset  # type: ignore[method-assign]
