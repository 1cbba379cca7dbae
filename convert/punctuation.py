"""Restore full-width punctuation that a scraper flattened to ASCII.

ASCII `, : ; ? ! ( )` beside a CJK character become `，：；？！（）`; spaces
around a converted mark go (full-width marks carry their own spacing). A full
stop that ends a CJK sentence becomes `。`, and straight double quotes paired
around or beside CJK text become `“…”`.
Left alone: URLs and e-mail addresses, times and numbers (`11:36`, `1,000`,
`3:1` — a digit on both sides), and marks between Latin words.
"""

from __future__ import annotations

from convert import regex_cache
from convert.charclass import is_cjk

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_MARKS = regex_cache.compile(r"[,:;?!()]")
# Spans never touched: URLs (up to whitespace or a CJK character) and e-mail addresses.
_PROTECTED = regex_cache.compile(
    r"(?:https?|ftp)://[!-~]+|www\.[!-~]+"
    # The lookbehind starts an address only at the start of its run: without it a long
    # run of letters with no @ is rescanned from every position (quadratic time).
    r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
_ANY_MARK = regex_cache.compile(r'[,:;?!().\"]')
_BRACKETS = regex_cache.compile(r"[()]")
_LONE_STOP = regex_cache.compile(r"(?<!\.)\.(?!\.)")  # not one of an ellipsis' dots
_STRAIGHT_QUOTE = regex_cache.compile('"')
_QUOTES = "“”‘’\"'"  # looked through: `“你好”,他说` has a CJK character before the comma


def _neighbour(text: str, index: int, step: int, skip_spaces: bool) -> str:
    i = index + step
    while 0 <= i < len(text):
        ch = text[i]
        if ch in _QUOTES or (skip_spaces and ch == " "):
            i += step
            continue
        return ch
    return ""


def _protected_mask(text: str) -> list[bool]:
    mask = [False] * len(text)
    for m in _PROTECTED.finditer(text):
        end = m.end()
        # A URL does not swallow the bracket or full stop that closes the sentence around it.
        while end > m.start() and text[end - 1] in "().,;:!?":
            span = text[m.start() : end]
            if span.endswith(")") and span.count("(") >= span.count(")"):
                break  # a balanced bracket belongs to the URL (Wikipedia links)
            end -= 1
        for i in range(m.start(), end):
            mask[i] = True
    return mask


def _convertible(text: str, i: int) -> bool:
    mark = text[i]
    before = _neighbour(text, i, -1, skip_spaces=True)
    after = _neighbour(text, i, 1, skip_spaces=False)
    if mark in ",:" and before.isdigit() and after.isdigit():
        return False  # 1,000 and 11:36
    return (before != "" and is_cjk(before)) or (after != "" and is_cjk(after))


def restore(text: str) -> str:
    """Full-width punctuation beside CJK characters; everything else as it was."""
    if not _ANY_MARK.search(text):
        return text
    mask = _protected_mask(text)
    convert = {m.start() for m in _MARKS.finditer(text) if not mask[m.start()]}
    convert = {i for i in convert if _convertible(text, i)}
    convert |= _partner_brackets(text, convert, mask)
    replace = {i: FULL_WIDTH[text[i]] for i in convert}
    replace |= {i: "。" for i in _full_stops(text, mask)}
    quotes = _quote_pairs(text, mask)
    if not replace and not quotes:
        return text
    # The text between the marks changed is copied whole (a paragraph is mostly that).
    out: list[str] = []
    start = 0
    after_converted = False  # spaces go only beside marks converted here, never elsewhere
    for i in sorted(quotes.keys() | replace.keys()):
        between = text[start:i]
        out.append(between.lstrip(" ") if after_converted else between)  # none after one
        if i in quotes:
            out.append(quotes[i])
            after_converted = False
        else:
            while out and out[-1].endswith(" "):  # no space before a full-width mark
                out[-1] = out[-1].rstrip(" ")
                if out[-1]:
                    break
                out.pop()
            out.append(replace[i])
            after_converted = True
        start = i + 1
    rest = text[start:]
    out.append(rest.lstrip(" ") if after_converted else rest)
    return "".join(out)


def _partner_brackets(text: str, convert: set[int], mask: list[bool]) -> set[int]:
    """A bracket pair converts together: `（2020）` rather than `（2020)`."""
    stack: list[int] = []
    extra: set[int] = set()
    for m in _BRACKETS.finditer(text):
        i, ch = m.start(), m.group()
        if mask[i]:
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            if (i in convert) != (j in convert):
                extra.add(i if j in convert else j)
    return extra


def _full_stops(text: str, mask: list[bool]) -> set[int]:
    """`.` ending a CJK sentence (a CJK character before it; the end, a space, CJK or a
    quote after it). Not in `2.0`, `U.S.`, `新华网.cn`, nor an ellipsis `...`."""
    stops: set[int] = set()
    for m in _LONE_STOP.finditer(text):
        i = m.start()
        if mask[i]:
            continue
        before = _neighbour(text, i, -1, skip_spaces=False)
        after = text[i + 1] if i + 1 < len(text) else ""
        if before and is_cjk(before) and (
            after == "" or after.isspace() or is_cjk(after) or after in _QUOTES
        ):
            stops.add(i)
    return stops


def _quote_pairs(text: str, mask: list[bool]) -> dict[int, str]:
    """Straight double quotes, taken in pairs, that hold or touch CJK text -> “ ”.

    An odd number of them cannot be paired with confidence, so they stay.
    """
    marks = [m.start() for m in _STRAIGHT_QUOTE.finditer(text) if not mask[m.start()]]
    if not marks or len(marks) % 2:
        return {}
    pairs: dict[int, str] = {}
    for start, end in zip(marks[::2], marks[1::2], strict=True):
        touching = text[start - 1 : start] + text[end + 1 : end + 2]
        if any(is_cjk(c) for c in text[start + 1 : end] + touching):
            pairs[start], pairs[end] = "“", "”"
    return pairs
