"""The bulk TrueType reader gives exactly what reportlab's own parse gives."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection
from reportlab.pdfbase.ttfonts import TTFontFile

from convert.writers import ttf_metrics

FONTS = Path(__file__).resolve().parent.parent / "fonts"
ATTRIBUTES = ("charToGlyph", "glyphToChar", "charWidths", "hmetrics", "defaultWidth",
              "glyphPos", "name", "ascent", "descent", "unitsPerEm", "numGlyphs")


def _faces() -> list[tuple[str, int]]:
    out = []
    for path in sorted(FONTS.glob("*.tt[fc]")):
        count = len(TTCollection(str(path)).fonts) if path.suffix == ".ttc" else 1
        out += [(path.name, i) for i in range(count)]
    return out


class _Reportlab(TTFontFile):
    extractInfo = ttf_metrics._original


class _Bulk(TTFontFile):
    extractInfo = ttf_metrics.extract_info


def _same(a: TTFontFile, b: TTFontFile) -> None:
    for name in ATTRIBUTES:
        if name == "glyphToChar" and "glyphToChar" not in vars(a):
            continue  # reportlab 4.2 keeps it to itself (only 5.x's shaping reads it)
        left, right = getattr(a, name), getattr(b, name)
        assert left == right, name
        if isinstance(left, dict):  # the same order too: subsets follow it
            assert list(left) == list(right), name


@pytest.mark.parametrize(("font", "index"), _faces())
def test_every_bundled_face_reads_as_reportlab_reads_it(font: str, index: int) -> None:
    path = str(FONTS / font)
    _same(_Reportlab(path, validate=0, subfontIndex=index),
          _Bulk(path, validate=0, subfontIndex=index))


def _font(cmap_subtable: bytes, advances: list[int], glyphs: int, loca_long: bool) -> bytes:
    """A minimal TrueType file: the tables extractInfo reads, unitsPerEm 2048."""
    name = struct.pack(">HHH", 0, 1, 18) + struct.pack(">6H", 3, 1, 0x409, 6, 8, 0)
    name += "Test-Face".encode("utf-16-be")[:8]
    head = bytearray(54)
    struct.pack_into(">HH", head, 0, 1, 0)
    struct.pack_into(">L", head, 12, 0x5F0F3CF5)
    struct.pack_into(">H", head, 18, 2048)
    struct.pack_into(">HH", head, 50, int(loca_long), 0)
    hhea = bytearray(36)
    struct.pack_into(">HH", hhea, 0, 1, 0)
    struct.pack_into(">H", hhea, 34, len(advances))
    maxp = struct.pack(">HHH", 1, 0, glyphs)
    post = struct.pack(">HHhHhhL", 3, 0, 0, 0, -100, 50, 0) + bytes(16)
    cmap = struct.pack(">HHHHL", 0, 1, 3, 1, 12) + cmap_subtable
    hmtx = b"".join(struct.pack(">Hh", aw, 10) for aw in advances)
    hmtx += b"".join(struct.pack(">h", 5) for _ in range(glyphs - len(advances)))
    loca = (struct.pack(f">{glyphs + 1}L", *range(glyphs + 1)) if loca_long
            else struct.pack(f">{glyphs + 1}H", *range(glyphs + 1)))
    tables = {"cmap": cmap, "glyf": bytes(4 * glyphs), "head": bytes(head),
              "hhea": bytes(hhea), "hmtx": hmtx, "loca": loca, "maxp": maxp,
              "name": name, "post": post}
    offset = 12 + 16 * len(tables)
    directory, body = b"", b""
    for tag, data in tables.items():
        directory += tag.encode() + struct.pack(">LLL", 0, offset + len(body), len(data))
        body += data + bytes(-len(data) % 4)
    return struct.pack(">LHHHH", 0x00010000, len(tables), 0, 0, 0) + directory + body


def _format4(segments: list[tuple[int, int, int, list[int] | None]]) -> bytes:
    """(start, end, delta, glyph ids or None for delta-only) per segment, 0xFFFF last."""
    segments = [*segments, (0xFFFF, 0xFFFF, 1, None)]
    n = len(segments)
    arrays: list[int] = []
    ranges = []
    for i, (_, _, _, ids) in enumerate(segments):
        if ids is None:
            ranges.append(0)
        else:  # bytes from this idRangeOffset entry to the segment's first glyph id
            ranges.append(2 * (n - i) + 2 * len(arrays))
            arrays += ids
    body = struct.pack(f">{n}H", *(s[1] for s in segments)) + b"\0\0"
    body += struct.pack(f">{n}H", *(s[0] for s in segments))
    body += struct.pack(f">{n}h", *(s[2] for s in segments))
    body += struct.pack(f">{n}H", *ranges) + struct.pack(f">{len(arrays)}H", *arrays)
    return struct.pack(">HHHHHHH", 4, 14 + len(body), 0, 2 * n, 0, 0, 0) + body


def _parse_both(data: bytes) -> tuple[TTFontFile, TTFontFile]:
    return _Reportlab(io.BytesIO(data), validate=0), _Bulk(io.BytesIO(data), validate=0)


def test_format4_delta_and_glyph_array_segments_and_short_hmtx() -> None:
    # Glyphs beyond the hmtx's long entries take the last advance; a glyph id of 0 in
    # the array stays 0 whatever the delta; the space gets U+00A0's entry.
    cmap = _format4([(0x20, 0x20, -0x1F, None), (0x41, 0x43, -0x3F, None),
                     (0x4E00, 0x4E03, 3, [1, 0, 2, 3])])
    reportlab, bulk = _parse_both(_font(cmap, [1000, 500, 1024], glyphs=8, loca_long=False))
    _same(reportlab, bulk)
    assert bulk.charToGlyph[0x4E01] == 0 and bulk.charToGlyph[0x4E00] == 4
    assert bulk.charWidths[0xA0] == bulk.charWidths[0x20]


def test_format12_and_long_loca() -> None:
    groups = [(0x41, 0x44, 1), (0x20000, 0x20002, 5)]
    body = b"".join(struct.pack(">LLL", *g) for g in groups)
    cmap = struct.pack(">HHLLL", 12, 0, 16 + len(body), 0, len(groups)) + body
    reportlab, bulk = _parse_both(_font(cmap, [1000, 600], glyphs=9, loca_long=True))
    _same(reportlab, bulk)
    assert bulk.charToGlyph[0x20001] == 6


def test_a_glyph_array_past_the_table_is_left_to_reportlab() -> None:
    cmap = bytearray(_format4([(0x4E00, 0x4E03, 0, [1, 2, 3, 4])]))
    struct.pack_into(">H", cmap, 2, len(cmap) - 4)  # the table ends inside the array
    reportlab, bulk = _parse_both(_font(bytes(cmap), [1000], glyphs=5, loca_long=False))
    _same(reportlab, bulk)


def test_installed_for_reportlabs_faces() -> None:
    from reportlab.pdfbase.ttfonts import TTFontFace

    from convert.writers import pdf_fonts  # noqa: F401 (installs it)

    assert TTFontFace.extractInfo is ttf_metrics.extract_info


@pytest.mark.parametrize(("font", "index"), _faces())
def test_short_name_table_is_what_fonttools_compiles(font: str, index: int) -> None:
    from fontTools.ttLib import TTFont, newTable

    from convert.writers.pdf_fonts import _NAME_IDS, short_name_table

    path = str(FONTS / font)
    ft = TTFont(path, fontNumber=index, lazy=True) if font.endswith(".ttc") else TTFont(path)
    table = newTable("name")
    kept = [r for r in ft["name"].names if r.nameID in _NAME_IDS]
    windows = [r for r in kept if r.platformID == 3]
    table.names = windows if any(r.nameID == 6 for r in windows) else kept
    assert short_name_table(ft.reader["name"]) == table.compile(ft)


def test_short_name_table_keeps_every_platform_without_a_windows_postscript_name() -> None:
    from convert.writers.pdf_fonts import short_name_table

    records = [(1, 0, 0, 1, b"Fam"), (3, 1, 0x409, 1, "Fam".encode("utf-16-be")),
               (1, 0, 0, 6, b"Fam-Regular"), (3, 1, 0x409, 13, b"licence"),
               (1, 0, 0, 4, b"Fam")]  # the full name repeats the family: stored once
    strings, head = b"", b""
    for platform, encoding, language, name_id, string in records:
        head += struct.pack(">6H", platform, encoding, language, name_id, len(string),
                            len(strings))
        strings += string
    table = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records)) + head + strings
    out = short_name_table(table)
    count, at = struct.unpack_from(">HH", out, 2)
    kept = [struct.unpack_from(">6H", out, 6 + 12 * i) for i in range(count)]
    assert [r[:4] for r in kept] == [(1, 0, 0, 1), (1, 0, 0, 4), (1, 0, 0, 6),
                                     (3, 1, 0x409, 1)]
    assert kept[0][4:] == kept[1][4:]  # "Fam" once, both records pointing at it
    assert out[at + kept[2][5]: at + kept[2][5] + kept[2][4]] == b"Fam-Regular"
    assert b"licence" not in out


@pytest.mark.parametrize(("font", "index"), _faces())
def test_is_cff_reads_the_table_directory_as_fonttools_does(font: str, index: int) -> None:
    from convert import fonts
    from convert.fonts import FontFace

    face = FontFace(FONTS / font, index, "x")
    ft = fonts._open_font(str(face.path), index, lazy=True)
    assert fonts.is_cff(face) == ("glyf" not in ft and ("CFF " in ft or "CFF2" in ft))
    assert fonts._table_tags(str(face.path), index) == {t.encode() for t in ft.reader.tables}


class _Bytes:
    """A font file's bytes as a file object, as pdf_fonts shares a collection's."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name, self._data = name, data

    def read(self) -> bytes:
        return self._data


def test_a_collections_faces_share_metrics_and_still_read_as_reportlab_reads_them() -> None:
    path = str(FONTS / "uming.ttc")
    data = (FONTS / "uming.ttc").read_bytes()
    faces = [_Bulk(_Bytes(path, data), validate=0, subfontIndex=i) for i in (0, 2, 1)]
    for face, index in zip(faces, (0, 2, 1), strict=True):
        _same(_Reportlab(path, validate=0, subfontIndex=index), face)
    assert faces[0].hmetrics is faces[1].hmetrics is faces[2].hmetrics
    assert faces[0].glyphPos is faces[2].glyphPos
    assert faces[0].charToGlyph != faces[1].charToGlyph  # CN and TW map characters apart


@pytest.mark.parametrize(("font", "index"), _faces())
def test_a_face_read_back_from_the_cache_is_the_same(font: str, index: int, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = str(FONTS / font)
    first = _Bulk(path, validate=0, subfontIndex=index)  # parsed, then kept
    assert len(list((tmp_path / "convert").glob("ttf-maps-*.marshal"))) == 1
    again = _Bulk(path, validate=0, subfontIndex=index)  # read back
    assert again.charToGlyph is not first.charToGlyph
    _same(_Reportlab(path, validate=0, subfontIndex=index), again)


def test_a_damaged_cache_file_is_parsed_again(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = str(FONTS / "DejaVuSerif.ttf")
    _Bulk(path, validate=0)
    (kept,) = (tmp_path / "convert").glob("ttf-maps-*.marshal")
    for damage in (kept.read_bytes()[:100], b"", b"\x00garbage"):
        kept.write_bytes(damage)
        _same(_Reportlab(path, validate=0), _Bulk(path, validate=0))


def test_glyph_to_char_read_back_is_unpacked_only_when_asked_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from convert.writers import pdf_fonts  # noqa: F401 (installs the lazy glyphToChar)

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = str(FONTS / "HanaMinA-fallback.ttf")
    first = _Bulk(path, validate=0)
    assert "glyphToChar" in vars(first)  # parsed: built with the other maps
    again = _Bulk(path, validate=0)
    assert "glyphToChar" not in vars(again)  # read back: still marshalled
    assert again.glyphToChar == first.glyphToChar
    assert list(again.glyphToChar) == list(first.glyphToChar)
    assert "glyphToChar" in vars(again) and "_convert_glyph_to_char" not in vars(again)
    again.glyphToChar = {1: [0x41]}  # reportlab's shaping may set it, as any attribute
    assert again.glyphToChar == {1: [0x41]}


def test_glyph_to_char_is_read_at_once_where_the_lazy_attribute_is_not_installed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class _Plain(TTFontFile):
        extractInfo = ttf_metrics.extract_info
        glyphToChar = None  # a plain class attribute hides the installed one

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = str(FONTS / "HanaMinA-fallback.ttf")
    _Plain(path, validate=0)
    again = _Plain(path, validate=0)  # read back from the cache
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "none"))
    assert vars(again)["glyphToChar"] == vars(_Plain(path, validate=0))["glyphToChar"]
