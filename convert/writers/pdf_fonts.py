"""Fonts as reportlab sees them: registered once per process, chained per character.

A chain is the face a role wants (body: the Ming face or --font; headings: the
Hei face) followed by the fallbacks; each character is drawn in the first face
of its chain that has it. Characters no bundled face has are looked up in the
system's fonts through fontconfig; what nothing has is reported, never dropped.
"""

from __future__ import annotations

import hashlib
import io
import mmap
import struct
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from convert import fonts
from convert.fonts import FontFace
from convert.typography import AMBIGUOUS
from convert.writers import face_coverage, ttf_metrics, ttf_subset
from convert.writers.base import RenderOptions

ttf_metrics.install()  # reportlab's TrueType parse with its per-glyph loops in bulk
ttf_subset.install()  # and its subsetter, reading glyphs in place


class _Targets(dict[int, str]):
    """A code point's ToUnicode target, <UTF-16BE in hex>, written once per process."""

    def __missing__(self, code: int) -> str:
        found = self[code] = f"<{chr(code).encode('utf-16-be').hex().upper()}>"
        return found


_UTF16 = _Targets()
_CODES = [f"<{i:02X}>" for i in range(256)]  # a subset's codes (reportlab's are 0-255)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16.

    reportlab 5.1 writes each code point as `<%04X>`, so 𠮷 (U+20BB7) becomes
    five hex digits that readers take for U+20BB: text extraction and search of
    CJK Extension B-G characters break. A PDF ToUnicode target is UTF-16BE.
    """
    codes = _CODES[: len(subset)] if len(subset) <= len(_CODES) else [
        f"<{i:02X}>" for i in range(len(subset))]
    targets = map(_UTF16.__getitem__, subset)
    pairs = [f"{code} {target}" for code, target in zip(codes, targets, strict=True)]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *pairs,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # used by TTFont.addObjects at save time


@dataclass(frozen=True, eq=False)
class RLFont:
    """A face registered with reportlab under `name`."""

    name: str
    family: str
    cmap: dict[int, int]  # code point -> glyph id
    widths: dict[str, float] = field(default_factory=dict)  # char -> width at 1 pt
    empty: dict[str, float] = field(default_factory=dict)  # char -> empty_after at 1 pt

    def has(self, ch: str) -> bool:
        return ord(ch) in self.cmap

    def empty_after(self, ch: str) -> float:
        """Empty space between the glyph's ink and the end of its box, at 1 pt, capped at
        half the advance less a hair of air (0 when the glyph cannot be read)."""
        found = self.empty.get(ch)
        if found is None:
            advance = self.width(ch)
            right = _ink_right(self.name, self.cmap.get(ord(ch)))
            found = 0.0 if right is None else max(0.0, min(advance / 2, advance - right - 0.05))
            self.empty[ch] = found
        return found

    def width(self, ch: str) -> float:
        w = self.widths.get(ch)
        if w is None:
            w = self.widths[ch] = pdfmetrics.stringWidth(ch, self.name, 1.0)
        return w


def _ink_right(name: str, glyph: int | None) -> float | None:
    """Right edge of a glyph's outline at 1 pt, read from its glyf header (xMax)."""
    if glyph is None:
        return None
    try:
        face = pdfmetrics.getFont(name).face
        start, end = face.glyphPos[glyph], face.glyphPos[glyph + 1]
        if end <= start:
            return None  # an empty glyph (a space): nothing to squeeze against
        at = face.table["glyf"]["offset"] + start
        (x_max,) = struct.unpack(">h", face._ttf_data[at + 6 : at + 8])
        return x_max / face.unitsPerEm
    except (AttributeError, IndexError, KeyError, struct.error):
        return None


def _register(name: str, source: str | io.BytesIO | _SharedFile, index: int,
              family: str) -> RLFont:
    # validate=0: checksums cost time on a 20 MB font and fontTools has read it already.
    # asciiReadable=False: otherwise every font's first subset carries all 95 ASCII
    # glyphs whether the text uses them or not (+20 kB for a Hei title).
    font = TTFont(name, source, subfontIndex=index, validate=0, asciiReadable=False)
    _embed_short_name_table(font)
    pdfmetrics.registerFont(font)
    return RLFont(name, family, font.face.charToGlyph)


# Name records every embedded subset keeps: copyright, family, style, unique ID, full
# name, version, PostScript name, trademark, typographic family/style.
_NAME_IDS = (0, 1, 2, 3, 4, 5, 6, 7, 16, 17)


def _embed_short_name_table(font: TTFont) -> None:
    """Let reportlab copy a name table without the licence text into each subset.

    reportlab copies the whole `name` table into every 256-glyph subset; UMing's
    carries the 7 kB Arphic Public License twice, about 6 kB compressed per
    subset. The copyright notice and the names stay, in the Windows records only.
    """
    face = font.face
    data = short_name_table(face.get_table("name"))
    original = face.get_table

    def get_table(tag: str) -> bytes | _TableView:
        if tag == "glyf":  # sliced glyph by glyph: no copy of a 20 MB table per subset
            start, length = face.get_table_pos(tag)
            return _TableView(face._ttf_data, start, length)
        return data if tag == "name" else original(tag)

    face.get_table = get_table  # type: ignore[method-assign]


def short_name_table(table: bytes) -> bytes:
    """A `name` table with only the records of _NAME_IDS (the Windows ones when they
    include a PostScript name), laid out as fontTools compiles one: records sorted by
    platform, encoding, language, name ID and string, equal strings stored once.
    (By hand: fontTools' name table module and its imports cost 50 ms per process.)"""
    _, count, strings_at = struct.unpack_from(">HHH", table, 0)
    strings = table[strings_at:]
    records = []
    for i in range(min(count, (len(table) - 6) // 12)):
        platform, encoding, language, name_id, length, offset = struct.unpack_from(
            ">6H", table, 6 + 12 * i)
        if name_id in _NAME_IDS and offset + length <= len(strings):
            records.append((platform, encoding, language, name_id,
                            strings[offset : offset + length]))
    windows = [r for r in records if r[0] == 3]
    kept = sorted(windows if any(r[3] == 6 for r in windows) else records)
    head = struct.pack(">HHH", 0, len(kept), 6 + 12 * len(kept))
    body, stored = b"", {}
    for platform, encoding, language, name_id, string in kept:
        if string not in stored:
            stored[string] = len(body)
            body += string
        head += struct.pack(">6H", platform, encoding, language, name_id, len(string),
                            stored[string])
    return head + body


class _TableView:
    """A font table read in place: reportlab's subsetter slices `glyf` one glyph at a
    time, but asks for the whole table first, which copied all of it for every
    256-glyph subset (a sixth of a CJK PDF's time)."""

    def __init__(self, data: bytes, start: int, length: int) -> None:
        self._data, self._start, self._length = data, start, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, part: slice) -> bytes:
        if not isinstance(part, slice):
            raise TypeError("a font table view is only sliced")
        start, stop, step = part.indices(self._length)
        return self._data[self._start + start : self._start + stop : step]


class _SharedFile:
    """A font file's bytes as reportlab reads a file object (its name is the path, as
    when reportlab opens the file itself): the faces of one collection (UMing CN, TW,
    HK: 21 MB) share one copy instead of reading one each."""

    def __init__(self, path: str, data: bytes | mmap.mmap) -> None:
        self.name, self._data = path, data

    def read(self) -> bytes | mmap.mmap:
        return self._data


@lru_cache(maxsize=8)
def _file_bytes(path: str) -> bytes | mmap.mmap:
    """The font file mapped, not read: the parse and the subsets touch a few hundred kB of
    a 21 MB collection, and forked workers share the pages (reading it took 20–30 ms)."""
    with open(path, "rb") as f:
        try:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # an empty file, or one that cannot be mapped
            return f.read()


@lru_cache(maxsize=64)
def registered(face: FontFace) -> RLFont:
    """A TrueType-outline face, parsed and registered once per process."""
    key = hashlib.sha1(f"{face.path}:{face.index}".encode()).hexdigest()[:10]
    path = str(face.path)
    font = _register(f"cv-{key}", _SharedFile(path, _file_bytes(path)), face.index, face.family)
    face_coverage.remember(face, font.cmap)  # later processes skip it for what it lacks
    return font


@lru_cache(maxsize=32)
def registered_subset(face: FontFace, chars: frozenset[str]) -> RLFont:
    """A CFF-outline face cut to `chars` and converted to TrueType outlines (cached)."""
    data = fonts.subset_bytes(face, chars, to_truetype=True)
    key = hashlib.sha1(data).hexdigest()[:10]
    return _register(f"cv-{key}", io.BytesIO(data), 0, face.family)


def load(face: FontFace, chars: frozenset[str]) -> RLFont:
    return registered_subset(face, chars) if fonts.is_cff(face) else registered(face)


def lacks(face: FontFace, ch: str) -> bool:
    """Whether `face` surely lacks `ch`, known without parsing it (a TrueType face a
    process has parsed before: face_coverage); False when not known."""
    if fonts.is_cff(face):
        return False  # drawn from a subset cut for the document: its own map decides
    found = face_coverage.known(face)
    return found is not None and ord(ch) not in found


@lru_cache(maxsize=4096)
def system_faces_for(ch: str) -> tuple[FontFace, ...]:
    """Faces fontconfig knows that have `ch` (empty without fontconfig)."""
    out = fonts.fontconfig("fc-list", f":charset={ord(ch):x}", "file", "index", "family")
    if out is None:
        return ()
    found = []
    for line in sorted(out.splitlines()):  # sorted: the same choice on every run
        parts = dict(_fc_fields(line))
        path = parts.get("file")
        if not path or Path(path).suffix.lower() not in (".ttf", ".otf", ".ttc", ".otc"):
            continue  # Type 1 / bitmap fonts: reportlab cannot embed them
        family = parts.get("family", Path(path).stem).split(",")[0]
        found.append(FontFace(Path(path), int(parts.get("index", "0") or 0), family))
    return tuple(found)


def _fc_fields(line: str) -> Iterable[tuple[str, str]]:
    # fc-list prints "/path/f.ttf: Family:index=0" or with elements in other orders.
    path, _, rest = line.partition(": ")
    yield "file", path.rstrip(":")
    for part in rest.split(":"):
        name, eq, value = part.partition("=")
        if eq:
            yield name.strip(), value.strip()
        elif name.strip():
            yield "family", name.strip()


class _Invisible(dict[str, bool]):
    """Controls and format characters (zero-width space, BOM): nothing to draw.
    Asked for each character of each line: answered once per character."""

    def __missing__(self, ch: str) -> bool:
        found = self[ch] = unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n"
        return found


invisible: Callable[[str], bool] = _Invisible().__getitem__


# What takes the Latin face in Latin text: the ambiguous marks and the word space.
_LATIN_CONTEXT = AMBIGUOUS | {" "}
# A mark at least this wide (in ems) is drawn full-width: a CJK face's.
_FULL_WIDTH = 0.8


class FontChain:
    """The faces one role draws with, in order; picks a face per character."""

    def __init__(
        self, faces: list[FontFace], chars: frozenset[str], latin: FontFace | None = None
    ) -> None:
        self._faces = faces
        self._chars = chars
        self._latin = latin  # tried first for Latin letters and digits
        self._latin_font: RLFont | None = None
        self._loaded: dict[int, RLFont] = {}
        self._memo: dict[str, RLFont | None] = {}
        self._latin_marks: dict[str, RLFont | None] = {}

    @property
    def primary(self) -> RLFont:
        return self._font(0)

    @property
    def key(self) -> tuple[object, ...]:
        """What decides every character's face: chains with equal keys pick alike, so
        their widths may be shared between documents (pdf_layout). A CFF face is cut to
        the document's characters, so a chain with one is keyed by them too."""
        faces = tuple(self._faces)
        cut = any(map(fonts.is_cff, (*faces, self._latin or fonts.latin_face())))
        return faces, self._latin, self._chars if cut else None

    def _font(self, i: int) -> RLFont:
        found = self._loaded.get(i)
        if found is None:
            found = self._loaded[i] = load(self._faces[i], self._chars)
        return found

    def _latin_mark_font(self, ch: str) -> RLFont | None:
        own = self.font_for(ch)
        if self._latin is None and own is not None and own.width(ch) < _FULL_WIDTH:
            return own  # a face the user chose, with proportional marks of its own
        if self._latin_font is None:
            self._latin_font = load(self._latin or fonts.latin_face(), self._chars)
        return self._latin_font if self._latin_font.has(ch) else own

    def extend(self, faces: Iterable[FontFace]) -> None:
        for face in faces:
            if face not in self._faces:
                self._faces.append(face)
        self._memo = {k: v for k, v in self._memo.items() if v is not None}

    def font_for(self, ch: str, latin: bool = False) -> RLFont | None:
        """The first face that has `ch`; fallbacks are parsed only when needed.

        `latin`: `ch` stands in Latin text (convert.typography); an ambiguous-width
        mark (“ ’ — …) then takes a proportional face: the chain's own when its
        mark is narrow already (a Latin --font), else the bundled Latin serif.
        """
        if latin and ch in _LATIN_CONTEXT:
            if ch not in self._latin_marks:
                self._latin_marks[ch] = self._latin_mark_font(ch)
            found = self._latin_marks[ch]
            if found is not None:
                return found
        if ch in self._memo:
            return self._memo[ch]
        if self._latin is not None and fonts.is_latin(ch):
            if self._latin_font is None:
                self._latin_font = load(self._latin, self._chars)
            if self._latin_font.has(ch):
                self._memo[ch] = self._latin_font
                return self._latin_font
        found = None
        for i, face in enumerate(self._faces):
            if i not in self._loaded and lacks(face, ch):
                continue  # not parsed just to learn it lacks `ch`
            font = self._font(i)
            if font.has(ch):
                found = font
                break
        self._memo[ch] = found
        return found


@dataclass
class DocumentFonts:
    """Per document: a chain per role, and what no font could draw."""

    body: FontChain
    heading: FontChain
    missing: list[str]
    mono: FontChain | None = None  # preformatted text (pdf_pre); the body chain without one

    def chain(self, role: str) -> FontChain:
        if role == "mono" and self.mono is not None:
            return self.mono
        return self.heading if role == "heading" else self.body


_BASIC_CHARS = frozenset(fonts.BASIC_CHARS)


def document_fonts(text: str, options: RenderOptions, language: str) -> DocumentFonts:
    """Chains for a document whose characters are `text`; system fonts fill the gaps."""
    in_text = frozenset(text)
    chars = in_text | _BASIC_CHARS
    body_face = fonts.body_face(options, language)
    fallbacks = fonts.bundled_fallbacks(language)
    serif = fonts.serif_face(language)
    sans = fonts.sans_face()
    # A face the user chose is used for everything it has, Latin included.
    latin = fonts.latin_face() if body_face == serif else None
    body = FontChain([body_face, *[f for f in [serif, *fallbacks] if f != body_face]], chars, latin)
    heading = FontChain([sans, body_face, *[f for f in [serif, *fallbacks] if f != sans]], chars)
    # Parsed only when a preformatted block asks for it (FontChain loads faces lazily).
    mono = FontChain([fonts.mono_face(), body_face, *[f for f in [serif, *fallbacks]
                                                      if f != body_face]], chars)
    needed = sorted(ch for ch in in_text if not ch.isspace() and not invisible(ch))
    # What the body face has needs no walk down the chain (most of an article's characters).
    has = body.primary.cmap
    lacking = [ch for ch in needed if ord(ch) not in has and body.font_for(ch) is None]
    missing = []
    for ch in lacking:
        extra = system_faces_for(ch)
        body.extend(extra)
        heading.extend(extra)
        mono.extend(extra)
        if body.font_for(ch) is None:
            missing.append(ch)
    return DocumentFonts(body, heading, missing, mono)


def warm_up(options: RenderOptions, language: str = "zh-Hans") -> None:
    """Parse the faces every document needs, once per process."""
    document_fonts("", options, language).body.primary  # noqa: B018 (loads the face)
    registered(fonts.sans_face())
    if options.font is None and not options.font_family:
        registered(fonts.latin_face())
    for face in fonts.bundled_fallbacks(language):  # read here once, shared by forked workers
        if not fonts.is_cff(face):
            face_coverage.known(face)
