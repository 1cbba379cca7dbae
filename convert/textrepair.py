"""Repairs to decoded text that the reader names in a warning.

C1 control characters (U+0080–U+009F) do not occur in real text. When they do,
they are almost always Windows-1252 punctuation that went through a Latin-1
decode (`\\x93quoted\\x94`): those are repaired to the marks they stand for; any
other C1 character is removed. Either way a warning counts them, so nothing
vanishes silently on the way to a writer.
"""

from __future__ import annotations

from convert import regex_cache

# cp1252's punctuation in the C1 range, by code point.
_CP1252_PUNCT = {
    0x80: "€",
    0x82: "‚",
    0x84: "„",
    0x85: "…",
    0x8B: "‹",
    0x91: "‘",
    0x92: "’",
    0x93: "“",
    0x94: "”",
    0x95: "•",
    0x96: "–",
    0x97: "—",
    0x98: "˜",
    0x99: "™",
    0x9B: "›",
}
_TABLE = {code: mark for code, mark in _CP1252_PUNCT.items()}
_C1 = regex_cache.compile("[\u0080-\u009f]")


def repair_c1(text: str) -> tuple[str, tuple[str, ...]]:
    """(repaired text, warnings)."""
    if not _C1.search(text):
        return text, ()
    found = _C1.findall(text)
    repaired = sum(1 for ch in found if ord(ch) in _TABLE)
    removed = len(found) - repaired
    text = _C1.sub(lambda m: _TABLE.get(ord(m.group()), ""), text)
    warnings = []
    if repaired:
        warnings.append(
            f"repaired {repaired} C1 control character(s) that stood for Windows-1252 "
            "punctuation (“ ” ‘ ’ – — …)"
        )
    if removed:
        warnings.append(f"removed {removed} other C1 control character(s) (U+0080–U+009F)")
    return text, tuple(warnings)
