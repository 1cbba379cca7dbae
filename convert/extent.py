"""Where the article sits in a whole web page copied as text.

A page saved as text carries the site's frame around the story: menus (runs of
short link lines), breadcrumbs, login prompts, hot lists, comments and
footers. Main-content extractors for HTML find the story by text density; the
same works on lines. Every line gets a weight: a line of prose (it has
sentence punctuation and some length) weighs its width, anything else costs a
little. The run of lines with the largest total is the story's body (the
maximum-subarray idea of Finn et al.'s Body Text Extraction). The headline is
found above that run, at the meta line (a date) that sits under it.

Only lines outside that run can be dropped, and the headline search can only
move the start up to a title-like line, so a short article without a frame
is never eaten: its body is the run and its first line is still the title.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from convert import regex_cache
from convert.charclass import line_width
from convert.dates import find_date

_SENTENCE_PUNCT = regex_cache.compile(r"[。！？；，、：!?;]|[.,:](?:\s|$)")
_FINISHED = tuple("。！？!?.…")
# A sentence end before a closing quote or bracket: `…说。”`, `…（记者 张三）。`
_ENDS_SENTENCE = regex_cache.compile(r"[。！？!?.…][”’」』）)\]】\"']{1,2}$")
SHORT_COST = 12  # what a non-prose line costs the run it sits in
ANCHOR_REACH = 24  # the story starts within this many lines of its meta line
ANCHORED_SHARE = 0.25  # an anchored body may be this much lighter than the densest run,
ANCHORED_ENOUGH = 100  # or hold one real paragraph
HEAD_WINDOW = 16  # the headline and its meta lines sit this close above the body
META_MAX_WIDTH = 160  # a meta line is short
# Lines naming the page, not the story: breadcrumbs, `正在阅读：…`, `原标题：…`.
_NOT_TITLE = regex_cache.compile(
    r"(?:\s[>»＞/]\s|[>»＞]\s*正文|^(?:正在阅读|原标题|原题|当前位置|您的位置|您现在的位置|現在位置|首页|首頁)"
    r"|^(?:来源|來源|作者|记者|記者|责任编辑|責任編輯|编辑|編輯)[:：])"
)


@lru_cache(maxsize=8192)
def is_prose(line: str) -> bool:
    """A line of running text: a finished sentence, or a long line with several clauses.

    Headlines in a page's lists have a comma or a colon but end unfinished; a line of
    menu words has no punctuation at all.
    """
    width = line_width(line)
    stripped = line.rstrip()
    if width >= 8 and (stripped.endswith(_FINISHED) or _ENDS_SENTENCE.search(stripped)):
        return True
    return width >= 80 and len(_SENTENCE_PUNCT.findall(line)) >= 3


@dataclass(frozen=True, slots=True)
class Extent:
    title: int  # index of the headline (the article starts here)
    body_start: int  # first line of the densest run of prose
    body_end: int  # one past its last line


def weights(lines: list[str], not_body: Callable[[str], bool] | None = None) -> list[int]:
    """A prose line weighs its width; anything else (and what not_body names: rights
    notices) costs more the longer the run of such lines: one subheading between
    paragraphs is cheap, a block of menu or teaser lines separates like a wall."""
    out: list[int] = []
    run = 0
    for line in lines:
        if is_prose(line) and not (not_body and not_body(line)):
            out.append(line_width(line))
            run = 0
        else:
            run += 1
            out.append(-SHORT_COST * run)
    return out


def body_run(w: list[int]) -> tuple[int, int, int]:
    """(start, end, total) of the run of lines with the largest total weight (Kadane)."""
    best, best_span = 0, (0, len(w))
    total, start = 0, 0
    for i, x in enumerate(w):
        if total <= 0:
            total, start = x, i
        else:
            total += x
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span[0], best_span[1], best


def anchored_run(w: list[int], anchor: int) -> tuple[int, int, int] | None:
    """The body that follows a headline's meta line: from the first prose line after it
    to where the running total peaks."""
    reach = range(anchor + 1, min(len(w), anchor + ANCHOR_REACH))
    start = next((i for i in reach if w[i] > 0), None)
    if start is None:
        return None
    best, end, total = 0, start + 1, 0
    for i in range(start, len(w)):
        total += w[i]
        if total > best:
            best, end = total, i + 1
    return start, end, best


def title_like(line: str) -> bool:
    width = line_width(line)
    return (
        8 <= width <= 120
        and len(re.findall(r"\w", line)) >= 4
        and not line.rstrip().endswith(("。", "，", "；", ":", "："))
        and not _NOT_TITLE.search(line)
        and find_date(line) is None
    )


def is_meta_line(line: str) -> bool:
    """A short line carrying a date: where a page prints the story's time and source."""
    return line_width(line) <= 100 and find_date(line) is not None and not is_prose(line)


def find_extent(
    lines: list[str],
    is_meta: Callable[[str], bool] = is_meta_line,
    not_body: Callable[[str], bool] | None = None,
) -> Extent:
    """is_meta: whether a line is the story's metadata (date, source, byline);
    not_body: lines that never count as the story's prose (rights notices)."""
    w = weights(lines, not_body)
    start, end, total = body_run(w)
    # The first meta line under a headline anchors the story: blocks of prose further
    # down (comment rules, disclaimers, teasers) may be longer than a one-paragraph story.
    anchor = next(
        (
            i
            for i, line in enumerate(lines[: start + 1])
            if line_width(line) <= META_MAX_WIDTH and is_meta(line)
            and any(title_like(lines[j]) and not is_meta(lines[j]) for j in range(max(0, i - 5), i))
        ),
        None,
    )
    if anchor is not None:
        run = anchored_run(w, anchor)
        if run is not None and run[2] >= min(ANCHORED_SHARE * total, ANCHORED_ENOUGH):
            start, end, total = run
    top = max(0, start - HEAD_WINDOW)
    metas = [i for i in range(top, start) if is_meta(lines[i])]
    if metas:
        # The headline is the first title-like line above the block of meta lines.
        i = metas[-1]
        while i > top and (i in metas or not title_like(lines[i])):
            i -= 1
        # Above the meta block nothing title-like: the layout puts the date first.
        title = i if title_like(lines[i]) and i not in metas else min(metas)
        if title > 0 and lines[title - 1] == lines[title]:
            title -= 1  # the headline printed twice: start at the first copy
        return Extent(title, start, end)
    if start == 0:
        return Extent(0, 0, end)
    # No meta line: the headline is the widest title-like line just above the body, if
    # the lines above it look like a frame; otherwise the article starts at the top.
    window = [i for i in range(top, start) if title_like(lines[i])]
    if not window or start - top < 6:
        return Extent(0, start, end)
    title = max(window, key=lambda i: line_width(lines[i]))
    return Extent(title, start, end)
