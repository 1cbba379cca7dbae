"""reportlab's TrueType subsetter with its per-glyph reads done in place.

Every embedded font subset (up to 256 glyphs; a CJK article has three or four)
is cut by TTFontFile.makeSubset, which reads each glyph's header through seek and
read_short method calls and slices the glyph table through a Python object: about
2 ms of a 20 ms PDF article. This is the same algorithm reading the font's bytes
with struct.unpack_from, giving the same bytes (tests/test_ttf_subset.py compares
it with reportlab's own on the bundled faces, composite glyphs included); a font
it cannot read is left to reportlab's.

What is the same in every subset of a face is read once per process: the tables
copied as they are, and each glyph (its bytes padded, its metrics, its components)
the first time a subset takes it; a subset then joins them (48 articles' subsets:
46 -> 30 ms).
"""

from __future__ import annotations

import contextlib
import struct
from itertools import accumulate, chain, takewhile
from operator import attrgetter
from typing import Any, NamedTuple

from reportlab.lib.rl_accel import add32, calcChecksum
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


class _Glyph(NamedTuple):
    """One glyph as every subset copies it."""

    data: bytes  # its bytes; padded to 4 unless `renumber`
    padding: bytes  # the zeros after it when `renumber` (else in `data` already)
    step: int  # where the next glyph starts: its length and padding
    components: tuple[int, ...]  # the glyphs a composite is made of
    renumber: bool  # a composite whose components' indices change in a subset
    metrics: tuple[int, int]  # advance width and left side bearing (hmtx)


class _Face(NamedTuple):
    """What every subset of a face copies: its tables, and its glyphs as read so far."""

    tables: tuple[tuple[str, bytes], ...]  # name, OS/2, cvt, fpgm, prep: as they are
    post: bytes
    hhea: bytes
    maxp: bytes
    head: bytes
    glyphs: dict[int, _Glyph]


def _face(face: Any) -> _Face:
    """The face's tables read once per process (`post` alone is 270 kB in UMing: it was
    copied for every subset to keep 12 bytes of it)."""
    found: _Face | None = getattr(face, "_convert_subset", None)
    if found is None:
        tables = []
        for tag in ("name", "OS/2", "cvt ", "fpgm", "prep"):
            with contextlib.suppress(KeyError):  # cvt, fpgm and prep are optional
                tables.append((tag, bytes(face.get_table(tag))))
        post = b"\x00\x03\x00\x00" + face.get_table("post")[4:16] + b"\x00" * 16
        found = _Face(tuple(tables), post, face.get_table("hhea"), face.get_table("maxp"),
                      face.get_table("head"), {})
        face._convert_subset = found
    return found


def _glyph(face: Any, old: int, data: bytes, start: int, glyf_length: int) -> _Glyph:
    """Glyph `old` read from the font's bytes, as reportlab's subsetter reads it."""
    positions = face.glyphPos
    at, end = positions[old], positions[old + 1]
    components: list[int] = []
    if end != at and data[start + at] & 0x80:  # numberOfContours < 0: a composite glyph
        p = start + at + 10
        flags = _MORE_COMPONENTS
        while flags & _MORE_COMPONENTS:
            flags, component = struct.unpack_from(">HH", data, p)
            components.append(component)
            p += 4 + _component_bytes(flags)
    length = end - at
    if at >= 0 and end <= glyf_length:
        glyph = data[start + at : start + end]
    else:  # clipped to the table, as reportlab slices the table it reads
        glyph = data[start + min(max(at, 0), glyf_length) : start + min(end, glyf_length)]
    padding = b"\0" * (-length % 4)  # every glyph starts on a multiple of 4
    step = length + len(padding)
    advance, bearing = face.hmetrics[old]
    metrics = (int(advance), int(bearing))
    if length > 2 and glyph[:1] and glyph[0] & 0x80:  # its components get new numbers
        return _Glyph(glyph, padding, step, tuple(components), True, metrics)
    return _Glyph(glyph + padding, b"", step, tuple(components), False, metrics)


def _make_subset(face: Any, subset: list[int]) -> bytes:
    data: bytes = face._ttf_data
    start, glyf_length = face.get_table_pos("glyf")
    char_to_glyph = face.charToGlyph
    static = _face(face)
    known = static.glyphs

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
    glyphs: list[_Glyph] = []
    n = 0
    while n < len(glyph_map):
        old = glyph_map[n]
        n += 1
        glyph = known.get(old)
        if glyph is None:
            glyph = known[old] = _glyph(face, old, data, start, glyf_length)
        glyphs.append(glyph)
        for component in glyph.components:
            if component not in glyph_set:
                glyph_set[component] = len(glyph_map)
                glyph_map.append(component)

    output = TTFontMaker()
    for tag, table in static.tables:
        output.add(tag, table)
    output.add("post", static.post)

    count = len(glyph_map)
    hmtx = list(chain.from_iterable(map(attrgetter("metrics"), glyphs)))
    # Full (advance, bearing) pairs up to the first of the run of equal advances at the
    # end (a CJK face's are all one em: counted in C, not stepped back through in Python).
    advances = hmtx[::2]
    same = len(list(takewhile(advances[-1].__eq__, reversed(advances))))
    metrics_count = len(advances) - same + 1
    n = 2 * metrics_count
    hmtx = hmtx[:n] + hmtx[n + 1 :: 2]
    output.add("hmtx", struct.pack(f">{len(hmtx)}H", *hmtx))
    output.add("hhea", ttfonts._set_ushort(static.hhea, 34, metrics_count))
    output.add("maxp", ttfonts._set_ushort(static.maxp, 4, count))

    entries = len(subset)
    cmap = [0, 1, 1, 0, 0, 12, 6, 10 + entries * 2, 0, 0, entries]
    cmap += [code_to_glyph[code] for code in subset]
    output.add("cmap", struct.pack(f">{len(cmap)}H", *cmap))

    offsets = [0, *accumulate(map(attrgetter("step"), glyphs))]
    pos = offsets[-1]
    if any(g.renumber for g in glyphs):
        glyf = b"".join(_renumbered(g.data, glyph_set) + g.padding if g.renumber else g.data
                        for g in glyphs)
    else:
        glyf = b"".join(map(attrgetter("data"), glyphs))
    output.add("glyf", glyf)

    if (pos + 1) >> 1 > 0xFFFF:
        loc_format = 1
        loca = struct.pack(f">{len(offsets)}L", *offsets)
    else:
        loc_format = 0
        loca = struct.pack(f">{len(offsets)}H", *(o >> 1 for o in offsets))
    output.add("loca", loca)
    output.add("head", ttfonts._set_ushort(static.head, 50, loc_format))
    return _stream(output.tables)


def _stream(tables: dict[str, bytes]) -> bytes:
    """TTFontMaker.makeStream's bytes, joined once: it padded each table by copying it,
    then copied the whole file again to sum it (a subset's glyf is 100-300 kB). The
    file's checksum is the sum of its 4-byte-aligned parts' sums."""
    count = len(tables)
    search_range, selector = 1, 0
    while search_range * 2 <= count:
        search_range, selector = search_range * 2, selector + 1
    search_range *= 16
    header = struct.pack(">lHHHH", 0x00010000, count, search_range, selector,
                         count * 16 - search_range)
    directory, body = [header], []
    total = calcChecksum(header)
    offset = 12 + count * 16
    head_at = head_index = None
    for tag, data in sorted(tables.items()):
        checksum = calcChecksum(data)
        total += checksum
        if tag == "head":
            head_at, head_index = offset, len(body)
        entry = tag.encode("latin1") + struct.pack(">LLL", checksum, offset, len(data))
        total += calcChecksum(entry)
        directory.append(entry)
        body.append(data)
        padding = -len(data) % 4
        if padding:
            body.append(b"\0" * padding)
        offset += len(data) + padding
    if head_at is None or head_index is None:
        raise KeyError("head")  # reportlab's makeStream fails too: a subset always has one
    head = body[head_index]
    adjustment = add32(0xB1B0AFBA, -(total & 0xFFFFFFFF))
    body[head_index] = head[:8] + struct.pack(">L", adjustment) + head[12:]
    return b"".join(directory + body)


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
