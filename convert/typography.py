"""Punctuation whose face depends on the script around it, and English smart quotes.

“ ” ‘ ’ – — … · (and € × °) are "ambiguous width" characters: Chinese fonts draw
them full-width, Latin fonts proportional. A mark belongs to the text it stands
in: between Latin letters (`mayor’s`, an English sentence inside a Chinese
article) it takes the Latin face, beside Chinese characters the CJK face. Every
writer asks `latin_marks` which marks of a paragraph are Latin and draws them so
(PDF: the face per character; DOCX: run fonts and `w:hint`; EPUB: a span).

`smarten` turns straight quotes of English text into typographic ones, the way
SmartyPants and pandoc's `smart` extension do; the reader calls it for English
articles unless `--keep-punctuation` is given.
"""

from __future__ import annotations

import re

from convert import regex_cache
from convert.charclass import is_cjk, is_wide

AMBIGUOUS = frozenset("“”‘’–—…·€×°")
_AMBIGUOUS_AT = regex_cache.compile(
    f"[{re.escape(''.join(sorted(AMBIGUOUS)))}]")  # (found in C, not a loop)
_OPENING = {"“": "”", "‘": "’"}

# Sides of a mark: the nearest character that is neither a space nor another mark.
CJK, LATIN, NONE = "cjk", "latin", "none"


def _side(ch: str | None) -> str:
    if ch is None:
        return NONE
    return CJK if is_cjk(ch) or is_wide(ch) else LATIN


def _strong_before(text: str, i: int) -> str | None:
    """The nearest character before `i` that is neither a space nor a mark."""
    for k in range(i - 1, -1, -1):
        ch = text[k]
        if not ch.isspace() and ch not in AMBIGUOUS:
            return ch
    return None


def _strong_after(text: str, i: int) -> str | None:
    for k in range(i + 1, len(text)):
        ch = text[k]
        if not ch.isspace() and ch not in AMBIGUOUS:
            return ch
    return None


def latin_marks(text: str, latin_text: bool) -> frozenset[int]:
    """Indices of the ambiguous marks in `text` to set in the Latin face.

    `latin_text`: the article is in a Latin-script language. In Chinese text a
    mark is Latin only when no side of it is Chinese and one side is Latin; in
    English text it is CJK only when it touches Chinese and no Latin. A pair of
    quotes is decided together: in Chinese text “Hello” after ： keeps both
    quotes full-width, since they belong to the Chinese sentence.
    """
    at = [m.start() for m in _AMBIGUOUS_AT.finditer(text)]
    if not at:
        return frozenset()
    latin: dict[int, bool] = {}
    for i in at:
        left, right = _side(_strong_before(text, i)), _side(_strong_after(text, i))
        if latin_text:
            latin[i] = not ((CJK in (left, right)) and LATIN not in (left, right))
        else:
            latin[i] = CJK not in (left, right) and LATIN in (left, right)
    if not latin_text and not any(latin.values()):
        return frozenset()  # in Chinese text a pair only takes the Latin face away
    for first, second in _quote_pairs(text):
        both = latin[first] and latin[second] if not latin_text else latin[first] or latin[second]
        latin[first] = latin[second] = both
    return frozenset(i for i, is_latin in latin.items() if is_latin)


def _quote_pairs(text: str) -> list[tuple[int, int]]:
    """(opening, closing) indices of matched “…” and ‘…’; an apostrophe (’ between
    two letters, `’90s` after a space and before a digit) pairs with nothing."""
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in _OPENING:
            stack.append(i)
        elif ch in "”’":
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if ch == "’" and _letter(prev) and _letter(nxt):
                continue  # an apostrophe inside a word
            for k in range(len(stack) - 1, -1, -1):
                if _OPENING[text[stack[k]]] == ch:
                    pairs.append((stack[k], i))
                    del stack[k:]
                    break
    return pairs


def _letter(ch: str) -> bool:
    """A Latin-script letter or digit (Han characters are alphanumeric to Python too)."""
    return ch.isalnum() and _side(ch) == LATIN


def segments(text: str, latin_text: bool) -> list[tuple[str, bool | None]]:
    """`text` cut where the face of its ambiguous marks changes: (piece, True) for a
    Latin mark, (piece, False) for a CJK one, (piece, None) for everything else."""
    marks = latin_marks(text, latin_text)
    out: list[tuple[str, bool | None]] = []
    plain = 0  # where the text since the last mark starts
    for i, ch in enumerate(text):
        if ch not in AMBIGUOUS:
            continue
        kind = i in marks
        if plain < i:
            out.append((text[plain:i], None))
        if out and out[-1][1] is kind:
            out[-1] = (out[-1][0] + ch, kind)
        else:
            out.append((ch, kind))
        plain = i + 1
    if plain < len(text):
        out.append((text[plain:], None))
    return out


# --- English smart quotes (SmartyPants' rules) -------------------------------------------

# An apostrophe at the start of an abbreviated year or word: ’90s, ’em, ’tis, rock ’n’ roll.
_ELISION = regex_cache.compile(
    r"(?<![\w’])'(?=(?:\d0s|\d\d\b|em\b|tis\b|twas\b|n'|n\b|cause\b))", re.I)
_APOSTROPHE = regex_cache.compile(r"(?<=\w)'(?=\w)")
_OPEN_SINGLE = regex_cache.compile(r"""(?:(?<=^)|(?<=[\s(\[{“—–-]))'(?=\S)""")
_OPEN_DOUBLE = regex_cache.compile(r"""(?:(?<=^)|(?<=[\s(\[{‘—–-]))"(?=\S)""")
# Straight quotes inside a URL, code or a measurement (5'10", 12") are left alone.
_URL = regex_cache.compile(r"(?:https?|ftp)://\S+|www\.\S+|\S+@\S+\.\w+", re.I)
_PRIMES = regex_cache.compile(r"(?<=\d)['\"]")


def smarten(text: str) -> str:
    """Straight quotes and apostrophes of English text as “ ” ‘ ’.

    Apostrophes inside words (don’t) and elisions (’90s, rock ’n’ roll) become ’;
    a quote after a space or an opening bracket opens, any other one closes.
    Primes after digits (5'10"), URLs and e-mail addresses keep their straight marks.
    """
    if "'" not in text and '"' not in text:
        return text
    keep: list[tuple[int, int]] = [m.span() for m in _URL.finditer(text)]
    keep += [m.span() for m in _PRIMES.finditer(text)]
    protected = set()
    for start, end in keep:
        protected.update(range(start, end))
    chars = list(text)

    def put(pattern: re.Pattern[str], mark: str) -> None:
        for m in pattern.finditer("".join(chars)):
            if m.start() not in protected and chars[m.start()] in "'\"":
                chars[m.start()] = mark

    put(_ELISION, "’")
    put(_APOSTROPHE, "’")
    put(_OPEN_DOUBLE, "“")
    put(_OPEN_SINGLE, "‘")
    for i, ch in enumerate(chars):
        if i in protected:
            continue
        if ch == '"':
            chars[i] = "”"
        elif ch == "'":
            chars[i] = "’"
    return "".join(chars)
