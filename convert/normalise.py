"""Text -> paragraphs, changing only what is noise.

Newlines are unified, invisible and XML-invalid characters removed (counted
in a warning), the text put in NFC (never NFKC: that would turn full-width
punctuation into ASCII), and lines grouped into paragraphs for whichever of
the three common layouts the file uses:

- blank-line separated, one paragraph per block;
- one line per paragraph;
- hard-wrapped at a fixed width, new paragraphs marked by indentation or a
  short last line; wrapped lines are rejoined without a space between CJK
  characters and with one between Latin words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from convert import regex_cache
from convert.charclass import display_width, is_wide

# Zero-width characters with no meaning in an article (ZWJ/ZWNJ are kept: they join
# emoji and shape Indic and Persian text). U+FEFF is a BOM or a zero-width no-break space.
_INVISIBLE = "\u200b\u2060\ufeff\u180e"
# Characters XML 1.0 cannot hold (every writer emits XML or a PDF): C0 controls
# except tab/newline, and the non-characters U+FFFE/U+FFFF. Lone surrogates too.
_XML_INVALID = "".join(chr(c) for c in range(0x20) if c not in (0x09, 0x0A)) + "\ufffe\uffff"
_REMOVE_RE = regex_cache.compile(f"[{re.escape(_INVISIBLE + _XML_INVALID)}\ud800-\udfff]")
# After every \r\n is one \n (str.replace): any other newline. One character class scans
# a novel several times faster than the alternation \r\n|\r|[…] did.
_OTHER_NEWLINES_RE = regex_cache.compile("[\r\u2028\u2029\x85\x0b\x0c]")
# Indentation that marks a paragraph start: ideographic space, NBSP, tab, 2+ spaces.
_INDENT_RE = regex_cache.compile("^(?:[\u3000\u00a0\t]|  )[\u3000\u00a0\t ]*")
_EDGE_SPACE = " \t\u3000\u00a0"

HARD_WRAP_MAX_WIDTH = 200  # a line wrapped by a tool is narrower than this
_FULL_LINE = 0.85  # a wrapped line reaches at least this share of the wrap width
_SENTENCE_END = tuple("。！？!?…；;")
_CLOSING = tuple("。！？!?…」』”’）)】]；;:：.")
# A numbered subheading (一、 （一） 第二章) starts a new block even after a full line.
_BLOCK_START = regex_cache.compile(
    r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|第[一二三四五六七八九十百\d]+[章节節])"
)
# A list item or a URL starts its own block even after a full line, and a URL line is
# never continued: list items and addresses are not glued onto neighbouring text.
_ITEM_START = regex_cache.compile(r"^(?:\d{1,2}[.、．)）]\s*\S|[（(]\d{1,2}[）)]|[•●▪◆■]\s*\S|https?://)")
_URL_LINE = regex_cache.compile(r"^(?:https?://|www\.)\S+$")
# Separators crawls leave between paragraphs inside one line: a literal <br>, a run of
# ideographic spaces after a sentence, a private-use character after a sentence.
_BR = regex_cache.compile(r"<br\s*/?>", re.IGNORECASE)
# The sentence end is matched and put back (not a lookbehind, which turns off the regex
# engine's fast scan for the first character: a novel indents every paragraph with 　　).
_IDEOGRAPHIC_BREAK = regex_cache.compile(r"([。！？!?”」])[\u3000]{2,}(?=\S)")
_PUA_AFTER_SENTENCE = regex_cache.compile(r"(?<=[。！？!?”」.])\s*[\ue000-\uf8ff]\s*")
_PUA = regex_cache.compile(r"[\ue000-\uf8ff]")


@dataclass(frozen=True, slots=True)
class Line:
    text: str  # without indentation or trailing space
    indented: bool
    width: int


@dataclass(frozen=True, slots=True)
class Normalised:
    paragraphs: tuple[str, ...]
    layout: str  # "blank-line", "line-per-paragraph" or "hard-wrapped"
    warnings: tuple[str, ...] = ()


def split_separators(text: str) -> tuple[str, int]:
    """Paragraph separators crawls leave inside lines -> newlines. Returns (text, count).

    A private-use character is a separator only when every one in the text follows a
    sentence end (otherwise it may be a font's own character, and stays)."""
    text, brs = _BR.subn("\n", text)
    text, spaces = _IDEOGRAPHIC_BREAK.subn("\\1\n", text)
    pua = 0
    if _PUA.search(text) and len(_PUA.findall(text)) == len(_PUA_AFTER_SENTENCE.findall(text)):
        text, pua = _PUA_AFTER_SENTENCE.subn("\n", text)
    return text, brs + spaces + pua


def clean_characters(text: str) -> tuple[str, int]:
    """Unify newlines, drop invisible/invalid characters, NFC. Returns (text, removed)."""
    text = _OTHER_NEWLINES_RE.sub("\n", text.replace("\r\n", "\n"))
    cleaned, removed = _REMOVE_RE.subn("", text)
    return unicodedata.normalize("NFC", cleaned), removed


def split_lines(text: str) -> list[Line | None]:
    """Lines with their indentation noted; None for a blank line."""
    out: list[Line | None] = []
    for raw in text.split("\n"):
        stripped = raw.rstrip(_EDGE_SPACE)
        if not stripped.strip(_EDGE_SPACE):
            out.append(None)
            continue
        indent = _INDENT_RE.match(stripped)
        body = stripped.lstrip(_EDGE_SPACE)
        out.append(Line(body, indent is not None, display_width(body)))
    return out


def wrap_width(lines: list[Line]) -> int | None:
    """The fixed width a file is hard-wrapped at, or None if it is not."""
    widths = sorted(line.width for line in lines)
    if len(widths) < 4:
        return None
    width = widths[int(len(widths) * 0.9) - 1]  # robust to a few over-long lines (URLs)
    if width > HARD_WRAP_MAX_WIDTH or width < 20:
        return None
    full_lines = [line for line in lines if _FULL_LINE * width <= line.width <= width + 2]
    if len(full_lines) < 3 or len(full_lines) < 0.4 * len(widths):
        return None
    # A wrapped line is cut mid-sentence; lines of a list that merely have similar
    # lengths each end a sentence, and must not be joined.
    ended = sum(1 for line in full_lines if line.text.endswith(_SENTENCE_END))
    return width if ended < 0.5 * len(full_lines) else None


def join_wrapped(left: str, right: str) -> str:
    """Rejoin a wrapped line: no space beside CJK, one space between Latin words."""
    if not left or not right:
        return left + right
    if is_wide(left[-1]) or is_wide(right[0]) or left.endswith("-"):
        return left + right
    return left + " " + right


def paragraphs(text: str) -> Normalised:
    cleaned, removed = clean_characters(text)
    cleaned, separators = split_separators(cleaned)
    lines = split_lines(cleaned)
    present = [line for line in lines if line is not None]
    warnings: tuple[str, ...] = ()
    if removed:
        warnings = (f"removed {removed} invisible or control character(s)",)
    if separators:
        warnings += (f"{separators} paragraph separator(s) inside lines (<br>, 　　, private-use)",)
    width = wrap_width(present)
    if width is None:
        has_blank = any(line is None for line in lines)
        layout = "blank-line" if has_blank else "line-per-paragraph"
        return Normalised(tuple(line.text for line in present), layout, warnings)
    return Normalised(tuple(_rejoin(lines, width)), "hard-wrapped", warnings)


_INDENT_MARKED = 0.5  # in Latin wire copy whose paragraphs open indented: a ragged line


def _rejoin(lines: list[Line | None], width: int) -> list[str]:
    out: list[str] = []
    current: str | None = None
    previous: Line | None = None
    full = _FULL_LINE
    present = [line for line in lines if line is not None]
    indented = sum(1 for line in present if line.indented)
    latin = sum(1 for line in present if line.text.isascii())
    if latin >= 0.9 * len(present) and 3 <= indented <= 0.6 * len(present):
        # Typewriter-style copy (ASCII, paragraphs opened by indentation, ragged right):
        # an unindented line continues the one above unless that one was short.
        full = _INDENT_MARKED
    for line in lines:
        if line is None:
            if current is not None:
                out.append(current)
            current, previous = None, None
            continue
        continues = (
            current is not None
            and previous is not None
            and not line.indented
            and previous.width >= full * width
            and not (_BLOCK_START.match(line.text) and previous.text.endswith(_CLOSING))
            and not _ITEM_START.match(line.text)
            and not _URL_LINE.match(previous.text)
        )
        if continues and current is not None:
            current = join_wrapped(current, line.text)
        else:
            if current is not None:
                out.append(current)
            current = line.text
        previous = line
    if current is not None:
        out.append(current)
    return out
