"""The line breaker's shortcuts give what the plain way gives (convert.paragraph)."""

from __future__ import annotations

import random
import unicodedata

from convert.linebreak import Faces, boxes
from convert.paragraph import (
    FINAL_HYPHEN_DEMERITS,
    LAST_LINE_DEMERITS,
    LOOSE_DEMERITS,
    _any_items,
    _items,
    _Paragraph,
    _simple_items,
)


def measure(text: str) -> float:
    """Han and full-width marks an em, anything else half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def latin(text: str) -> float:
    return sum(0.3 if c == " " else 0.5 for c in text)


FACES = Faces(latin, False, 0.25)
# Invented news text: digits and short Latin words beside Han (a quarter-em pad each),
# closing marks glued to what precedes, opening marks to what follows, kana.
CHINESE = [
    "市政府今天召开新闻发布会，介绍2024年重点工程（共36项）的进展。",
    "“地铁5号线将于年底通车，”他说，“GDP增速为4.8%。”",
    "日本の報道によると、NHK调查显示……支持率约为3成。",
    "《人民日报》刊文指出：要坚持稳中求进，推进AI与制造业融合。",
]


def test_boxes_without_spaces_get_the_same_boundaries_and_widths_either_way() -> None:
    for text in CHINESE:
        for room in (6.0, 10.0, 40.0):
            groups = boxes(text, measure, None, FACES)
            simple = _simple_items(groups, room, 0.25)
            assert simple is not None
            assert (groups, *simple) == _any_items(groups, measure, room, 0.25, FACES)
            # And without the pad (a paragraph with no ASCII letter or digit).
            assert (groups, *_simple_items(groups, room, 0.0)) == _any_items(  # type: ignore[misc]
                groups, measure, room, 0.0, FACES)


def test_a_box_wider_than_the_line_leaves_the_shortcut() -> None:
    groups = boxes("新闻发布会。", measure, None, FACES)
    assert _simple_items(groups, 1.5, 0.0) is None  # `会。` is two ems


def reference_sums(par: _Paragraph) -> dict[str, list[float]]:
    """The boundary sums, one boundary at a time."""
    cum_g, cum_p, cum_s = [0.0, 0.0], [0, 0], [0, 0]
    glue, points, spaces = 0.0, 0, 0
    for b in par.bounds[1:]:
        if b.space is not None:
            glue += b.space.width
            spaces += 1
        elif b.pad:
            glue += b.pad
        points += b.points
        cum_g.append(glue)
        cum_p.append(points)
        cum_s.append(spaces)
    hyphen_at = [par.hyphen_width if b.hyphen else 0.0 for b in par.bounds] + [0.0]
    penalty_at = [b.penalty for b in par.bounds] + [0.0]
    cum_l = [0]  # the letters a loose line of words may space
    for box in par.boxes:
        cum_l.append(cum_l[-1] + max(0, sum(len(a.text) for a in box if not a.space) - 1))
    return {"cum_g": cum_g, "cum_p": cum_p, "cum_s": cum_s, "hyphen_at": hyphen_at,
            "penalty_at": penalty_at, "cum_l": cum_l}


def paragraph_of(text: str, width: float, faces: Faces = FACES) -> _Paragraph:
    found, bounds, widths = _items(text, measure, width, 1.0, None, faces)
    return _Paragraph(found, bounds, widths, width, 1.0, 1.0, 0.5, True)


MIXED = [
    *CHINESE,
    "The committee approved the infrastructure programme after negotiations "
    "lasted throughout the afternoon, officials said.",
    "详情见 https://www.example.gov.cn/news/2024/notice_index.html 的公告，或致电 12345。",
]


def test_the_boundary_sums_are_those_of_one_boundary_at_a_time() -> None:
    english = Faces(latin, True, 0.25)  # hyphenated: penalties and hyphens
    for text in MIXED:
        par = paragraph_of(text, 9.0, english)
        expected = reference_sums(par)
        assert {name: getattr(par, name) for name in expected} == expected, text
    # (The texts have all of them: word spaces, pads, hyphens and a URL's penalties.)
    sums = [reference_sums(paragraph_of(t, 9.0, english)) for t in MIXED]
    for name in ("hyphen_at", "penalty_at", "cum_s"):
        assert any(any(s[name]) for s in sums), name
    assert any(b.pad for t in MIXED for b in paragraph_of(t, 9.0).bounds)


def linear_last_end(par: _Paragraph, s: int, hint: int) -> int:
    limit = par.width + 1e-6 - par._start(s)
    e = max(hint, s + 1)
    while e < par.n and par.cum_w[e + 1] + par.cum_g[e + 1] <= limit:
        e += 1
    return e


def test_the_last_box_a_line_takes_is_found_by_bisection_as_by_counting() -> None:
    for text in CHINESE:
        for width in (3.0, 7.5, 12.0, 40.0):
            par = paragraph_of(text, width)
            for s in range(par.n):
                for hint in (0, s + 1, min(par.n, s + 3)):
                    assert par.last_end(s, hint) == linear_last_end(par, s, hint), (text, s)


def reference_demerits(par: _Paragraph, s: int, e: int) -> float:
    """The demerits spelt out with badness() and too_loose()."""
    bad = par.badness(s, e)
    if bad == float("inf"):
        return bad
    total = (10 + bad) ** 2 + par.penalty_at[e] ** 2
    if e == par.n and par.one_han_last_line(s):
        total += LAST_LINE_DEMERITS
    elif e == par.n and par.bounds[s].hyphen and s > 0:
        total += FINAL_HYPHEN_DEMERITS
    elif bad > 50 and par.too_loose(s, e):
        total = LOOSE_DEMERITS * (1 + 0.5 * par.shortfall(s, e) / par.width)
    return total


def test_the_searchs_demerits_are_those_of_badness_and_the_ragged_test() -> None:
    rng = random.Random(3)
    english = Faces(latin, True, 0.25)
    texts = [*MIXED, " ".join("x" * rng.randint(1, 9) for _ in range(30))]
    for text in texts:
        for width in (6.0, 9.0, 14.0):
            par = paragraph_of(text, width, english)
            for s in range(par.n):
                start = par._start(s)
                for e in range(s + 1, par.n + 1):
                    assert par.demerits(s, e, start) == reference_demerits(par, s, e), (text, s, e)
