"""Chapters of novels and long texts: `第一章 …`, `卷一`, `序章`, `Chapter 1`, `Part II`.

A text with at least MIN_CHAPTERS chapter lines is a book: its chapter lines are its
headings, nested by kind (a volume — 卷, 部, Part, Book — above a chapter — 章, 回,
Chapter, 序章, 楔子, 尾声, 番外 — above a section — 节). Model levels: the top kind
present is level 2 (what an article's `一、` is), the next 3, the next 4; so a novel
without volumes has its chapters at 2, and one with volumes has 卷 at 2 and 章 at 3.
Nothing else in a book is a heading: in a novel a short line between two paragraphs
is dialogue or a pause, not a subheading.

A line is a chapter heading only when it is short and reads as a title: `第一章讲述了
主人公的童年。` opening a paragraph, or a sentence mentioning 第一章, is text.

The book's front matter is recognised too: `《书名》` or `书名：…` is the title without
its brackets, `作者：…` / `作者:` / `by …` (on its own line or after the title) is the
author.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from convert import regex_cache
from convert.charclass import display_width

MIN_CHAPTERS = 3  # fewer chapter lines: an article that mentions chapters, not a book
MAX_HEADING_WIDTH = 60  # 30 CJK characters: `第一回 宴桃园豪杰三结义　斩黄巾英雄首立功` fits
FRONT_LINES = 12  # the title and author lines sit above the first chapter, near the top

VOLUME, CHAPTER, SECTION = 0, 1, 2  # kinds, outermost first

_NUM = r"[零〇一二三四五六七八九十百千万两壹贰贰叁肆伍陆柒捌玖拾佰仟\d０-９]+"
# What may follow the number: a separator and a title, a title straight away (`第1章风起`),
# or nothing.
_REST = r"(?:(?P<sep>[\s:：、.．·—\-]*)(?P<title>.*))$"
_ZH_VOLUME = regex_cache.compile(
    rf"^(?:第{_NUM}[卷部集篇]|卷{_NUM}|[上中下][卷部篇])(?![章回节節]){_REST}")
_ZH_CHAPTER = regex_cache.compile(rf"^(?:第{_NUM}[章回]|章{_NUM}){_REST}")
_ZH_SECTION = regex_cache.compile(rf"^第{_NUM}[节節]{_REST}")
_ZH_SPECIAL = regex_cache.compile(
    r"^(?:序章|序幕|序言|序|楔子|引子|前言|尾声|尾聲|终章|終章|后记|後記|番外(?:篇|" + _NUM + r")?)"
    r"(?:$|[\s:：、.．·—\-]+(?P<title>.*)$)"
)

_EN_NUMBER = (
    r"(?:\d+|[IVXLCDM]+|(?i:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty"
    r"|fifty|sixty|seventy|eighty|ninety|hundred)(?:[\s-](?:one|two|three|four|five|six"
    r"|seven|eight|nine))?))"
)
_EN_REST = r"(?:\.?$|[.:—\-]?\s+(?P<title>.*)$)"
_EN_VOLUME = regex_cache.compile(
    rf"^(?:Part|PART|Book|BOOK|Volume|VOLUME)\s+{_EN_NUMBER}{_EN_REST}")
_EN_CHAPTER = regex_cache.compile(rf"^(?:Chapter|CHAPTER)\s+{_EN_NUMBER}{_EN_REST}")
_EN_SPECIAL = regex_cache.compile(
    r"^(?:Prologue|PROLOGUE|Epilogue|EPILOGUE|Interlude|INTERLUDE|Afterword|AFTERWORD)"
    r"(?:$|[.:—\-]?\s+(?P<title>.*)$)"
)
_PATTERNS = (
    (_ZH_VOLUME, VOLUME), (_ZH_SECTION, SECTION), (_ZH_CHAPTER, CHAPTER),
    (_ZH_SPECIAL, CHAPTER), (_EN_VOLUME, VOLUME), (_EN_CHAPTER, CHAPTER),
    (_EN_SPECIAL, CHAPTER),
)
# A chapter title is a title: no full stop inside, no sentence or clause ending it.
_SENTENCE_MARKS = regex_cache.compile(r"[。！？!?；;]")
_OPEN_ENDING = tuple("，、,：:")
# `第一章的内容，…`, `第一章里写道`: the number is the subject of a sentence.
_SENTENCE_START = tuple("的里中讲说写所是和与已也就都了还又在把被时")
_FIRST = frozenset("第卷章上中下序楔引前尾终終后後番PBVCIEA")

_AUTHOR = regex_cache.compile(
    r"^(?:(?:作\s*者|著\s*者|Author|AUTHOR)\s*[:：]\s*|[Bb]y\s+)(?P<name>[^\s。，,.!?！？].{0,39})$"
)
_AUTHOR_AFTER_TITLE = regex_cache.compile(
    r"^(?P<title>.+?)\s*(?:作\s*者|著)\s*[:：]\s*(?P<name>\S.{0,39})$")
_BOOK_NAME = regex_cache.compile(r"^(?:书名|書名)\s*[:：]\s*(?P<title>.+)$")
_BRACKETED = regex_cache.compile(r"^[《〈](?P<title>[^《》〈〉]+)[》〉]$")


def chapter_kind(line: str) -> int | None:
    """VOLUME, CHAPTER or SECTION for a chapter heading line; None for anything else."""
    line = line.strip()
    if not line or line[0] not in _FIRST or display_width(line) > MAX_HEADING_WIDTH:
        return None
    for pattern, kind in _PATTERNS:
        m = pattern.match(line)
        if m is None:
            continue
        title = (m.group("title") or "").strip()
        if _SENTENCE_MARKS.search(title) or title.endswith(_OPEN_ENDING):
            return None
        joined = "sep" in pattern.groupindex and not m.group("sep")
        if title and joined and (title.startswith(_SENTENCE_START) or "，" in title):
            return None
        if kind != VOLUME and pattern in (_EN_CHAPTER, _EN_SPECIAL) and title.endswith("."):
            return None  # `Chapter 3 explains the method.`: a sentence
        if len(title.split()) > 12:
            return None
        return kind
    return None


@dataclass(frozen=True, slots=True)
class Chapters:
    """Which body lines are headings, and at which model level."""

    levels: dict[int, int]  # index in the body -> model heading level

    def level(self, index: int) -> int | None:
        return self.levels.get(index)


def find_chapters(body: Sequence[str]) -> Chapters | None:
    """The chapter headings of a book, or None when the text is not one."""
    kinds = {}
    for i, line in enumerate(body):
        kind = chapter_kind(line)
        if kind is not None:
            kinds[i] = kind
    if sum(1 for k in kinds.values() if k != SECTION) < MIN_CHAPTERS:
        return None
    present = sorted(set(kinds.values()))
    level_of = {kind: 2 + n for n, kind in enumerate(present)}
    return Chapters({i: level_of[k] for i, k in kinds.items()})


def is_book(body: Sequence[str]) -> bool:
    """Whether the text has the chapters of a book (so no web-page frame to cut off)."""
    return find_chapters(body) is not None


class _Recognised(Protocol):  # convert.recognise.Recognised, without importing it back
    title: str

    def add_author(self, name: str, role: str | None) -> None: ...


def book_title(line: str) -> tuple[str, str | None]:
    """(title, author) from a novel's title line: `《长河》`, `书名：长河`, `长河 作者：林舟`."""
    line = line.strip()
    author = None
    m = _AUTHOR_AFTER_TITLE.match(line)
    if m:
        line, author = m.group("title").strip(), m.group("name").strip()
    for pattern in (_BOOK_NAME, _BRACKETED):
        m = pattern.match(line)
        if m:
            line = m.group("title").strip()
    return line, author


def apply_chapters(r: _Recognised, body: list[str]) -> Chapters | None:
    """For a book: its title and author from the front matter (the author line leaves the
    body) and its chapter headings. None, and nothing changed, for an article."""
    chapters = find_chapters(body)
    if chapters is None:
        return None
    r.title, author = book_title(r.title)
    if author:
        r.add_author(author, "作者")
    first = min(chapters.levels)
    for i in range(min(first, FRONT_LINES)):
        m = _AUTHOR.match(body[i].strip())
        if m and display_width(m.group("name")) <= 40:
            r.add_author(m.group("name").strip(), "作者")
            del body[i]
            return Chapters({j - (j > i): level for j, level in chapters.levels.items()})
    return chapters
