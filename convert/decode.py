"""Bytes -> text: which encoding, how sure, and what could not be decoded.

Order of evidence, strongest first: a byte-order mark; the magic bytes of a
binary format (refused); NUL patterns of UTF-16/32 without a BOM; a strict
UTF-8 decode (legacy CJK bytes almost never form valid UTF-8); then chardet
on a bounded sample, each candidate confirmed by a strict decode of the whole
file and ranked by how plausible the decoded text is.
"""

from __future__ import annotations

import codecs
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from convert.charclass import FREQUENT_HANZI, common_hanzi, is_han, is_hangul, is_kana
from convert.errors import InputError

SAMPLE_BYTES = 64 * 1024  # chardet looks at this much
PLAUSIBILITY_CHARS = 8000  # enough decoded text to tell real text from mojibake
_MAX_GUESSES = 6  # chardet's likeliest codecs worth confirming
_UTF8_CERTAIN = 12  # this many non-ASCII bytes forming valid UTF-8 are UTF-8
_ASCII_BYTES = bytes(range(0x80))
_CONTROL_BINARY_RATIO = 0.01  # more control bytes than this (and not UTF-16/32): binary
# C0 control bytes no text file holds (tab, newlines, form feed and ESC of ISO-2022 excepted).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_GARBLED = 0.55  # below this plausibility the decoded text is probably mojibake
# The Chinese sets this tool is for: always among the suspects when repairing.
_CHINESE = ("gb18030", "big5hkscs", "cp950")
_UTF8_PRIOR = 0.5  # even a short run of valid UTF-8 is strong evidence for UTF-8
_CLEARLY_BETTER = 0.1  # plausibility margin needed to overrule chardet's own pick

# Checked longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# How many first bytes refuse_binary needs (RIFF's form type ends at byte 12): an
# input is sniffed from this much before the rest of it is read.
SIGNATURE_BYTES = 16
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, EPUB, ZIP …)"),
    (b"PK\x05\x06", "a ZIP archive (DOCX, EPUB, ZIP …)"),
    (b"\x1f\x8b", "GZIP-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE file (old .doc/.xls)"),
    (b"\x7fELF", "an executable"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "XZ-compressed data"),
)

# chardet's names for subsets -> the superset that decodes real-world files.
_SUPERSET = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "ascii": "utf-8",
    "euc_kr": "cp949",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "shift_jis": "cp932",
    "shift_jis_2004": "cp932",
}
# EBCDIC code pages decode any bytes at all; no article file is EBCDIC.
_NEVER = frozenset({"cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140"})
# Tried after chardet's own candidates: the Chinese sets this tool is for.
_FALLBACKS = ("gb18030", "big5hkscs", "cp950", "utf-16-le", "utf-16-be")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # a Python codec name that decodes the input
    confidence: float | None
    warnings: tuple[str, ...] = field(default=())


def decode(data: bytes, forced: str | None = None) -> Decoded:
    """Decode one file's bytes. Raises InputError (one line) for binary or empty input."""
    if not data:
        raise InputError("empty file")
    if forced:
        return _decode_forced(data, forced)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict_or_replace(data, codec, 1.0)
    refuse_binary(data)
    sample = data[:SAMPLE_BYTES]
    controls = _control_bytes(sample)
    if controls:
        wide = _utf16_32_without_bom(sample)
        if wide is not None:
            return _strict_or_replace(data, wide, 0.9)
        if controls > max(1, len(sample) * _CONTROL_BINARY_RATIO):
            raise InputError("binary data (NUL and control bytes), not a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        mostly = _mostly_utf8(data)
        if mostly is not None:
            return mostly
    else:
        # Legacy bytes almost never form valid UTF-8 -- except a few of them: 一 in GBK
        # (D2 BB) is valid UTF-8 for Cyrillic һ. Short non-ASCII runs must also read well.
        non_ascii = len(data) - len(data.translate(None, _ASCII_BYTES))
        if non_ascii >= _UTF8_CERTAIN or plausibility(text) >= _GARBLED:
            return Decoded(text, "utf-8", 1.0 if data.isascii() else 0.99)
        return _decode_guessed(data, sample, utf8_ok=True)
    return _decode_guessed(data, sample)


_STRAY_SHARE = 0.01  # bad bytes per valid non-ASCII character that are still "a few"


def _mostly_utf8(data: bytes) -> Decoded | None:
    """A UTF-8 file with a stray byte (0xFF in the middle, a sequence cut at the end, an
    overlong form) is UTF-8 with a few replacements, not a new encoding: read any other
    way every character would turn to mojibake. Legacy CJK bytes that happen to form UTF-8
    leave far more invalid bytes than this."""
    # A GBK or Big5 file is invalid nearly everywhere: its first 64 KB say so, before a
    # span per bad byte of the whole file is listed (3 GB for a 30 MB novel) — and before
    # even the sample's bad bytes are listed one Python call each (a tenth of a second).
    if _clearly_not_utf8(data[:SAMPLE_BYTES]):
        return None
    if len(data) > SAMPLE_BYTES and not _few_stray(*_decode_replacing(data[:SAMPLE_BYTES],
                                                                      "utf-8")[::2]):
        return None
    text, codec, spans = _decode_replacing(data, "utf-8")
    if not _few_stray(text, spans):
        return None
    return Decoded(text, codec, 0.9, (_replacement_warning(codec, spans),))


def _few_stray(text: str, spans: list[tuple[int, int]]) -> bool:
    valid = _non_ascii(text) - text.count("\ufffd")
    bad = sum(end - start for start, end in spans)
    return _stray_few_enough(valid, bad)


def _stray_few_enough(valid: int, bad: int) -> bool:
    return valid >= _UTF8_CERTAIN and bad <= max(3, valid * _STRAY_SHARE)


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


_REPLACEMENT_UTF8 = "\ufffd".encode()


def _clearly_not_utf8(sample: bytes) -> bool:
    """What _few_stray would say of the sample, where it is sure to say no, at C speed:
    errors="replace" gives the same text as listing the spans, one U+FFFD per bad run,
    so its new U+FFFDs (those not in the bytes already) are at most the bad bytes."""
    text = sample.decode("utf-8", "replace")
    replaced = text.count("\ufffd")
    runs = max(0, replaced - sample.count(_REPLACEMENT_UTF8))
    return not _stray_few_enough(_non_ascii(text) - replaced, runs)


def _control_bytes(sample: bytes) -> int:
    return len(sample) - len(sample.translate(None, _CONTROL_BYTES))


# Codecs Python lists as text encodings that no article file is written in: they
# transform domain names or escape sequences, and would fail (or garble) every file.
_NOT_FOR_TEXT = frozenset({"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"})


def text_codec(name: str) -> str:
    """The codec name for --encoding NAME; ValueError with a one-line reason if NAME is
    unknown or not a text encoding (rot13, base64, zlib are bytes/str transforms)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}") from None
    try:
        "".encode(info.name)
        b"".decode(info.name)
    except LookupError:
        raise ValueError(f"{name!r} is not a text encoding (a bytes or str transform)") from None
    if info.name.replace("_", "-") in _NOT_FOR_TEXT:
        raise ValueError(f"{name!r} is not an encoding text files are written in")
    return info.name


def _decode_forced(data: bytes, forced: str) -> Decoded:
    try:
        codec = text_codec(forced)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return _strict_or_replace(data, codec, None)


def refuse_binary(data: bytes) -> None:
    """InputError if data (a whole file, or its first SIGNATURE_BYTES) starts with the
    signature of an image, archive, PDF or executable."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{what}, not a text file")
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        raise InputError("a RIFF media file, not a text file")


def _utf16_32_without_bom(sample: bytes) -> str | None:
    """UTF-16/32 without a BOM: NULs sit in fixed byte positions (high bytes of ASCII).

    UTF-32 has a NUL in its top byte for every character. For UTF-16 both byte
    orders are tried: the wrong one decodes to characters no article is made of.
    """
    n = len(sample) - len(sample) % 4
    if n < 4:
        return None
    quads = n // 4
    nul_at = [sample[i:n:4].count(0) for i in range(4)]
    candidates: list[str] = []
    if nul_at[3] == quads and nul_at[0] < quads:
        candidates.append("utf-32-le")
    if nul_at[0] == quads and nul_at[3] < quads:
        candidates.append("utf-32-be")
    candidates += ["utf-16-le", "utf-16-be"]
    best: tuple[float, str] | None = None
    for codec in candidates:
        score = plausibility(sample[: n - 2].decode(codec, errors="replace"))
        if score > _GARBLED and (best is None or score > best[0]):
            best = (score, codec)
    if best is not None:
        return best[1]
    return None


def _decode_guessed(data: bytes, sample: bytes, *, utf8_ok: bool = False) -> Decoded:
    import chardet  # imported here: costs ~0.1 s the first time, and UTF-8 input never needs it

    guesses = chardet.detect_all(
        sample, ignore_threshold=True, compat_names=False, prefer_superset=True
    )
    order: dict[str, float] = {"utf-8": 0.99} if utf8_ok else {}
    for guess in guesses[:_MAX_GUESSES]:
        name = guess.get("encoding")
        if not name:
            continue
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        if codec in _NEVER:
            continue
        confidence = float(guess.get("confidence") or 0.0)
        order.setdefault(_SUPERSET.get(codec, codec), confidence)
        order.setdefault(codec, confidence)  # if the superset fails, the name chardet gave
    for codec in _FALLBACKS:
        order.setdefault(codec, 0.0)

    # Confirm each candidate with a strict decode. chardet's first confirmed guess stands
    # unless another decodes to clearly more plausible text: short GBK gets low chardet
    # scores, and the characters it decodes to settle GBK vs Big5 vs mojibake.
    confirmed: list[tuple[float, float, float, str]] = []  # (rank, plausibility, conf, codec)
    for codec, confidence in order.items():
        try:
            decoded_sample = _decode_prefix(sample, codec, whole=len(sample) == len(data))
        except UnicodeDecodeError:
            continue
        score = plausibility(decoded_sample)
        prior = _UTF8_PRIOR if codec == "utf-8" else 0.0
        confirmed.append((score + prior, score, confidence, codec))
    if confirmed:
        first = confirmed[0]
        confirmed.sort(key=lambda c: -c[0])
        if confirmed[0][0] < first[0] + _CLEARLY_BETTER - 1e-9:
            confirmed.remove(first)
            confirmed.insert(0, first)
    clean: Decoded | None = None
    for _, score, confidence, codec in confirmed:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue  # the sample decoded, the rest did not
        clean = Decoded(text, codec, round((confidence + score) / 2, 2))
        if score >= _GARBLED or len(text) < 40:  # too little text to judge otherwise
            return clean
        break
    # A few corrupt bytes in a GBK file must not turn the whole file into mojibake:
    # a good reading with a handful of replacements beats a clean decode into nonsense.
    suspects = [*list(order)[:3], *_CHINESE]
    repaired = _repair(
        data, [c for c in dict.fromkeys(suspects) if clean is None or c != clean.encoding]
    )
    if repaired is not None:
        return repaired
    if clean is not None:
        warning = (
            f"encoding uncertain: decoded as {clean.encoding} but the text looks garbled; "
            "try --encoding"
        )
        return Decoded(clean.text, clean.encoding, clean.confidence, (warning,))
    # Nothing reads well: the likeliest codec, with replacement characters.
    codec = next(iter(order))
    text, codec, spans = _decode_replacing(data, codec)
    return Decoded(text, codec, round(order[codec] / 2, 2), (_replacement_warning(codec, spans),))


_REPAIR_CANDIDATES = 6
_REPAIR_MAX_BAD = 0.01  # at most this share of the bytes replaced


def _repair(data: bytes, codecs_to_try: list[str]) -> Decoded | None:
    best: tuple[float, str, str, list[tuple[int, int]]] | None = None
    limit = max(4, int(len(data) * _REPAIR_MAX_BAD))
    for codec in codecs_to_try[:_REPAIR_CANDIDATES]:
        text, codec, spans = _decode_replacing(data, codec)
        bad = sum(end - start for start, end in spans)
        if bad == 0 or bad > limit:
            continue
        score = plausibility(text[: SAMPLE_BYTES // 2])
        if score >= _GARBLED and (best is None or score > best[0]):
            best = (score, text, codec, spans)
    if best is None:
        return None
    score, text, codec, spans = best
    return Decoded(text, codec, round(score / 2, 2), (_replacement_warning(codec, spans),))


def _decode_prefix(sample: bytes, codec: str, *, whole: bool) -> str:
    """Strictly decode a sample that may end inside a multi-byte character."""
    if whole:
        return sample.decode(codec)
    decoder = codecs.getincrementaldecoder(codec)()
    return decoder.decode(sample, final=False)


def _strict_or_replace(data: bytes, codec: str, confidence: float | None) -> Decoded:
    try:
        return Decoded(data.decode(codec), codec, confidence)
    except UnicodeDecodeError:
        text, codec, spans = _decode_replacing(data, codec)
        return Decoded(text, codec, confidence, (_replacement_warning(codec, spans),))


_counter = threading.local()


def _count_and_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    spans: list[tuple[int, int]] = _counter.spans
    spans.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error("convert-count", _count_and_replace)


def _decode_replacing(data: bytes, codec: str) -> tuple[str, str, list[tuple[int, int]]]:
    """(text, codec, [(start, end) of each undecodable byte run])."""
    _counter.spans = []
    text = data.decode(codec, errors="convert-count")
    spans: list[tuple[int, int]] = _counter.spans
    return text, codec, spans


_OFFSETS_SHOWN = 5


def _replacement_warning(codec: str, spans: list[tuple[int, int]]) -> str:
    bad = sum(end - start for start, end in spans)
    unit = "byte" if bad == 1 else "bytes"
    offsets = ", ".join(str(start) for start, _ in spans[:_OFFSETS_SHOWN])
    more = f" and {len(spans) - _OFFSETS_SHOWN} more" if len(spans) > _OFFSETS_SHOWN else ""
    where = "offset" if len(spans) == 1 else "offsets"
    return (
        f"{bad} undecodable {unit} replaced with U+FFFD when decoding as {codec} "
        f"(at byte {where} {offsets}{more})"
    )


def plausibility(text: str) -> float:
    """Share of characters a real article is made of (0..1): mojibake scores low.

    ASCII, kana and CJK punctuation count fully. Han characters count by how
    common they are: the few hundred most frequent make up most of real
    Chinese text but only a few percent of mis-decoded bytes. Letters of
    alphabetic scripts (hangul, Cyrillic, Greek, accented Latin) count fully
    only when words are separated by spaces as those languages write them;
    CJK bytes read through the wrong codec give letters without spaces.
    """
    good = 0.0
    letters = 0  # alphabetic-script letters, weighed at the end
    total = 0
    counts = Counter(text[:PLAUSIBILITY_CHARS])
    spaces = 0
    for ch, n in counts.items():
        if ch.isspace():
            spaces += n
            continue
        total += n
        weight = _weight(ch)
        if weight < 0:
            letters += n
        else:
            good += weight * n
    if letters:
        good += letters * (1.0 if spaces * 10 >= letters else 0.3)
    return good / total if total else 1.0


@lru_cache(maxsize=65536)
def _weight(ch: str) -> float:
    """How much one character counts towards plausibility; -1 for an alphabetic letter."""
    o = ord(ch)
    if (
        0x20 < o < 0x7F
        or ch in FREQUENT_HANZI
        or is_kana(ch)
        or 0x3000 <= o <= 0x303F
        or 0xFF01 <= o <= 0xFF5E
        or 0x2010 <= o <= 0x2027
        or 0x1F300 <= o <= 0x1FAFF  # emoji
    ):
        return 1.0
    if ch in common_hanzi():
        return 0.5
    if is_hangul(ch) or 0xC0 <= o <= 0xFF or 0x370 <= o <= 0x4FF:
        return -1.0
    if is_han(ch):
        return 0.1  # a real but rare character
    return 0.0
