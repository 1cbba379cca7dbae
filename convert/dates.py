"""Dates and times as articles write them -> ISO 8601.

`2020-05-16 11:36`, `2020/05/16`, `2020.05.16`, `2020年5月16日 11:36`,
`2020年5月16日11时36分`, `二〇二〇年五月十六日`, full-width digits,
`March 3, 2025, 4:15 p.m.`, `Mar. 3, 2025`, `3 March 2025 16:15`,
`2025-03-03T16:15+08:00`. A date gives `YYYY-MM-DD`, a date and time
`YYYY-MM-DDTHH:MM` (seconds and a UTC offset when given). Impossible dates are not dates.
"""

from __future__ import annotations

import re
from datetime import date, time
from functools import lru_cache

from convert import regex_cache

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９：", "0123456789:")
_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NUM = "〇零○一二三四五六七八九十"

_TIME = (
    r"(?:\s*(?:,|at|T)?\s*)(?P<h>\d{1,2})(?:[:：时點点](?P<mi>\d{2})(?:[:：](?P<s>\d{2}))?分?)"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?|[AP]\.?\s?M\.?))?"
    r"(?:\.\d{1,6})?"  # fractional seconds (wire timestamps): dropped
    r"(?:\s?(?P<tz>Z|[+-]\d{2}:?\d{2}(?!\d)))?"
)
_NUMERIC = regex_cache.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:(?P<sep>[-/.])|年)\s*(?P<mo>\d{1,2})\s*(?:(?P=sep)|月)"
    r"\s*(?P<d>\d{1,2})(?!\d)日?(?:" + _TIME + r")?"
)
_CHINESE_NUMERALS = regex_cache.compile(
    rf"(?P<y>[{_CN_NUM}]{{4}})年(?P<mo>[{_CN_NUM}]{{1,3}})月(?P<d>[{_CN_NUM}]{{1,3}})日"
)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH_RE = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ENGLISH_MDY = regex_cache.compile(
    r"\b" + _MONTH_RE + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})\b"
    r"(?:" + _TIME + r")?",
    re.IGNORECASE,
)
_ENGLISH_DMY = regex_cache.compile(
    r"\b(?P<d>\d{1,2})(?:\s+|-)" + _MONTH_RE + r"(?:,?\s+|-)(?P<y>(?:19|20)\d{2})\b"
    r"(?:" + _TIME + r")?",
    re.IGNORECASE,
)
_GLUED = regex_cache.compile(
    r"(?<!\d)(?P<h>\d{1,2})[:：](?P<mi>[0-5]\d)(?P<date>(?:19|20)\d{2}([-/.])\d{1,2}\4\d{1,2})(?!\d)"
)
# A time written before its date: `Published 10:32 GMT, 3 March 2025`, `15:31 2018/09/16`
# (pages often glue the two: `15:312018/09/16`).
_TIME_FIRST = regex_cache.compile(
    r"(?<!\d)(?P<h>\d{1,2})[:：](?P<mi>[0-5]\d)(?:\s*(?:GMT|UTC|BST|ET|HKT))?[\s,，]*"
    r"(?=(?:19|20)\d{2}\s*[-/.年]|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+(?:19|20)\d{2})"
)


def _chinese_number(text: str) -> int:
    """'二〇二〇' -> 2020 (digit by digit), '十六' -> 16, '二十' -> 20."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _iso(
    y: int, mo: int, d: int, h: str | None, mi: str | None, s: str | None, ampm: str | None
) -> str | None:
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    if h is None or mi is None:
        return day.isoformat()
    hour = int(h)
    if ampm:
        pm = ampm.lower().startswith("p")
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if pm else 0)
    try:
        moment = time(hour, int(mi), int(s) if s else 0)
    except ValueError:
        return day.isoformat()
    spec = "seconds" if s else "minutes"
    return f"{day.isoformat()}T{moment.isoformat(timespec=spec)}"


def _offset(tz: str) -> str:
    """'Z' / '+0800' / '+08:00' -> '+00:00' / '+08:00'."""
    if tz == "Z":
        return "+00:00"
    digits = tz[1:].replace(":", "")
    return f"{tz[0]}{digits[:2]}:{digits[2:]}"


_MAY_HOLD_DATE = regex_cache.compile(r"\d|年")


@lru_cache(maxsize=8192)
def find_date(text: str) -> tuple[str, int, int] | None:
    """The first date (with its time, if any) in text: (iso, start, end). Cached: the
    reader asks about the same lines at several stages."""
    probe = text.translate(_FULLWIDTH_DIGITS)  # same length, so offsets hold
    if not _MAY_HOLD_DATE.search(probe):
        return None  # no digit and no 年: no date (most lines; keeps the reader fast)
    found: list[tuple[int, int, str]] = []
    for pattern in (_NUMERIC, _ENGLISH_MDY, _ENGLISH_DMY):
        for m in pattern.finditer(probe):
            g = m.groupdict()
            month = int(g["mo"]) if "mo" in g else _MONTHS[g["mon"].lower().rstrip(".")]
            iso = _iso(
                int(g["y"]), month, int(g["d"]), g.get("h"), g.get("mi"), g.get("s"), g.get("ampm")
            )
            if iso:
                if "T" in iso and g.get("tz"):
                    iso += _offset(g["tz"])  # kept: DOCX/EPUB writers convert to UTC
                found.append((m.start(), m.end(), iso))
                break
    for m in _CHINESE_NUMERALS.finditer(probe):
        try:
            iso = _iso(
                _chinese_number(m["y"]),
                _chinese_number(m["mo"]),
                _chinese_number(m["d"]),
                None,
                None,
                None,
                None,
            )
        except (KeyError, ValueError):
            continue
        if iso:
            found.append((m.start(), m.end(), iso))
            break
    for m in _GLUED.finditer(probe):  # `15:312018/09/16`: a time glued to the date after it
        day = find_date(m["date"])
        clock = _iso(1970, 1, 1, m["h"], m["mi"], None, None)
        if day and clock and "T" in clock:
            found.append((m.start(), m.end(), f"{day[0]}T{clock.split('T')[1]}"))
        break
    if not found:
        return None
    start, end, iso = min(found)
    if "T" not in iso:
        before = _TIME_FIRST.search(probe, max(0, start - 24))
        if before and before.end() == start:
            clock = _iso(1970, 1, 1, before["h"], before["mi"], None, None)
            if clock and "T" in clock:
                iso, start = f"{iso}T{clock.split('T')[1]}", before.start()
    return iso, start, end


def parse_date(text: str) -> str | None:
    """ISO form of text if text is a date (and time) and nothing else of substance."""
    hit = find_date(text)
    if hit is None:
        return None
    iso, start, end = hit
    rest = (text[:start] + text[end:]).strip(" \t,，|·/　()（）")
    rest = _WEEKDAY.sub("", rest).strip(" \t,，")
    return iso if not rest or rest.upper() in _ZONES else None


_ZONES = {"ET", "EST", "EDT", "PT", "PST", "PDT", "CT", "UTC", "GMT", "BST", "CST", "BJT", "HKT"}
# `Thu, 17 Apr 2025 08:01:00 +0800` (RFC 822, as feeds write it), `星期四`, `週四`.
_WEEKDAY = regex_cache.compile(
    r"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?|(?:星期|週|周|礼拜|禮拜)[一二三四五六日天])",
    re.IGNORECASE,
)
