"""Whole-paragraph line breaking (Knuth–Plass): even justification, good paragraph ends.

convert.linebreak cuts a paragraph into boxes that kinsoku keeps together; this
module chooses where the lines end, looking at the whole paragraph rather than
filling each line greedily: every line's looseness is scored (badness grows with
the cube of the extra space per stretch point), breaks inside a word cost a
penalty, and the least total wins. So a long URL or e-mail address breaks after
`/ . - _ ? & = @` (as a last resort anywhere) before Han characters are spread,
English is hyphenated (pyphen's Liang patterns) before its word spaces open, and
a last line of one Han character (`延。`) is never chosen when any other exists.

A paragraph the greedy first fit already sets evenly, with a good last line
(most Chinese text: a line is a whole number of characters), keeps that result
without the search — the same answer, far cheaper.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, chain, pairwise, repeat
from operator import is_not, itemgetter
from typing import NamedTuple

from convert import regex_cache
from convert.charclass import HAN_RANGES, is_han, is_kana
from convert.linebreak import (
    HAN_GAP_MAX,
    NO_START,
    TRACKING,
    WORD_SPACE_MAX,
    Atom,
    Faces,
    Line,
    Measure,
    Squeeze,
    _split_oversize,
    boxes,
)

# Per stretch point, the extra space (in ems) at which a line's badness is 100:
# Han lines (the target is no more than 0.3 em between characters) and lines with
# word spaces (each space takes two points: 0.318 + 2 × 0.065 ≈ 0.45 em).
HAN_TOLERANCE = 0.2
SPACE_TOLERANCE = 0.065
# How far a word space may shrink, per point (0.318 em → 0.24 em).
SPACE_SHRINK = 0.04
# Penalties (in badness units) for breaking inside a word.
HYPHEN_PENALTY = 50
TOKEN_PENALTY = 20  # after / . - _ ? & = @ in a URL, e-mail address or path
ANYWHERE_PENALTY = 160  # inside a long token at no mark: the last resort
UNJUSTIFIABLE = 10_000  # badness's ceiling (TeX's), and a line with nothing to stretch
# A line the drawing step cannot justify within the limits (linebreak.justify) and sets
# ragged: chosen only when every other way to break the paragraph has as many. Any
# number of justifiable lines (each at most about UNJUSTIFIABLE² demerits) costs less.
LOOSE_DEMERITS = 1e12
LAST_LINE_DEMERITS = 1e13  # a paragraph ending in a line of one Han character
FINAL_HYPHEN_DEMERITS = 5000  # TeX's: a hyphen on the paragraph's second-last line (`per-/cent).`)
# A greedy line this loose sends the paragraph to the search.
GREEDY_OK = 15
CANDIDATES = 4  # line ends tried from each break, the fullest first
HYPHEN = "\u00ad"  # drawn at a hyphenated line end: a soft hyphen text extraction drops

# Long tokens: URLs, e-mail addresses, paths and code-like words may break after these.
_TOKEN_BREAK_AFTER = frozenset("/.-_?&=@")
_CODE_LIKE = regex_cache.compile(r"(?:https?|ftp)://|www\.|@|/|_|=|&", re.I)
_LONG_TOKEN = 16
_LONG_RUN = 4
_HYPHENATABLE = regex_cache.compile(r"[A-Za-z]{5,}")  # TeX's minimum: two letters + three
_LETTER_RUN = regex_cache.compile(r"[A-Za-z]{5,}")  # the parts of `all-purpose`, `Taiwan’s`
_ASCII_ALNUM = regex_cache.compile(r"[A-Za-z0-9]")
_TEXT, _WIDTH, _IS_SPACE = itemgetter(0), itemgetter(1), itemgetter(2)  # an Atom's, in C


class _Boundary(NamedTuple):  # (made for every space: cheaper than a frozen dataclass)
    """What lies between two boxes: where a line may end."""

    space: Atom | None = None  # a word space (disappears at a break)
    pad: float = 0.0  # a quarter em between Han and Latin text (disappears at a break)
    points: int = 1  # justification stretch points it adds inside a line
    penalty: float = 0.0
    hyphen: bool = False  # a break here shows a hyphen

    @property
    def glue(self) -> float:
        return self.space.width if self.space is not None else self.pad


_HYPHEN_BREAK = _Boundary(points=0, penalty=HYPHEN_PENALTY, hyphen=True)


@lru_cache(maxsize=1)
def _hyphenator():  # -> pyphen.Pyphen
    from convert import hyphenation

    return hyphenation.english()


@lru_cache(maxsize=4096)
def hyphen_points(word: str) -> tuple[int, ...]:
    """Where `word` may be hyphenated (pyphen's Liang patterns); none in acronyms."""
    if not _HYPHENATABLE.fullmatch(word) or word.isupper():
        return ()
    return tuple(int(p) for p in _hyphenator().positions(word))


def _token_points(word: str, code: bool = False) -> tuple[list[int], list[int]]:
    """Break points inside a long URL, e-mail address, path or code-like token (`code`:
    a piece of a URL cut at a slash): after its marks, and (costlier) anywhere else."""
    if not code and len(word) < _LONG_TOKEN and not _CODE_LIKE.search(word):
        if "-" not in word:
            return [], []
        marks = [i + 1 for i, ch in enumerate(word[:-2]) if ch == "-" and i >= 2]
        return marks, []  # a compound word breaks after its hyphen
    if len(word) < 8:
        return [], []
    marks: list[int] = []
    for i in range(2, len(word) - 1):
        if word[i - 1] in _TOKEN_BREAK_AFTER and word[i] not in _TOKEN_BREAK_AFTER:
            if word[max(0, i - 3) : i] == "://" or word[i - 2 : i] == "//":
                continue  # never inside `https://`
            marks.append(i)
    # Anywhere: inside the stretches the marks leave, two characters from their ends
    # (`ne|ws.`, never `n|ews` nor `new|s`).
    anywhere: list[int] = []
    for a, b in pairwise([0, *marks, len(word)]):
        if b - a >= _LONG_RUN:
            anywhere += [
                i for i in range(a + 2, b - 1) if word[i - 1].isalnum() and word[i].isalnum()
            ]
    return marks, anywhere


def _split_word(
    group: list[Atom], measure: Measure, faces: Faces | None, code: bool = False
) -> list[tuple[list[Atom], _Boundary]]:
    """A box with a long or hyphenatable Latin word, cut where the word may break:
    (sub-box, the boundary before it). The pieces are joined (no stretch inside)."""
    at = max(range(len(group)), key=lambda i: len(group[i].text)) if len(group) > 1 else 0
    atom = group[at]
    word = atom.text
    if len(word) < 5 or not word[0].isascii() or atom.space:
        return [(group, _Boundary())]  # too short to hyphenate or to be a long token
    width = faces.latin if atom.latin and faces is not None else measure
    atoms, inner = _cut_atom(atom, code, faces is not None and faces.latin_text, width)
    if not inner:
        return [(group, _Boundary())]
    out: list[tuple[list[Atom], _Boundary]] = []
    for n, piece in enumerate(atoms):
        sub = [piece]
        if n == 0:
            sub = group[:at] + sub
        if n == len(atoms) - 1:
            sub = sub + group[at + 1 :]
        out.append((sub, inner[n - 1] if n else _Boundary()))
    return out


@lru_cache(maxsize=8192)
def _cut_atom(
    atom: Atom, code: bool, hyphenate: bool, width: Measure
) -> tuple[tuple[Atom, ...], tuple[_Boundary, ...]]:
    """`atom`'s word cut where it may break (_word_breaks): the pieces, joined but the
    last, and the boundary before each piece after the first. (Cached: the PDF writer's
    measures live for the process, and an article repeats its words.)"""
    cuts = _word_breaks(atom.text, code, hyphenate)
    if not cuts:
        return (atom,), ()
    word = atom.text
    ends = [i for i, _ in cuts]
    pieces = [word[a:b] for a, b in zip([0, *ends], [*ends, len(word)], strict=True)]
    atoms = [
        Atom(p, width(p), joined=True, latin=atom.latin) for p in pieces[:-1]
    ] + [atom._replace(text=pieces[-1], width=width(pieces[-1]))]
    return tuple(atoms), tuple(b for _, b in cuts)


@lru_cache(maxsize=8192)
def _word_breaks(word: str, code: bool, hyphenate: bool) -> tuple[tuple[int, _Boundary], ...]:
    """Where `word` may break and at what cost, in order: after a long token's marks,
    anywhere in one (the last resort), or (`hyphenate`: Latin text) at a hyphen point.
    (Cached: an article repeats its words, a batch its common ones.)"""
    marks, anywhere = _token_points(word, code)
    points: dict[int, _Boundary] = {}
    for i in anywhere:
        points[i] = _Boundary(points=0, penalty=ANYWHERE_PENALTY)
    for i in marks:
        points[i] = _Boundary(points=0, penalty=TOKEN_PENALTY)
    if hyphenate and not anywhere:
        # Each run of letters: a plain word, and the parts of a compound (`all-pur|pose`)
        # or of a word with an apostrophe (`Tai|wan’s`), its own hyphen kept.
        for run in _LETTER_RUN.finditer(word):
            for i in hyphen_points(run.group()):
                points.setdefault(run.start() + i, _HYPHEN_BREAK)
    return tuple(sorted(points.items()))


def _cjk_edge(ch: str) -> bool:
    return is_han(ch) or is_kana(ch)


# The boundaries most boxes have: shared rather than made per character.
_PLAIN = _Boundary(points=1)
_GLUED = _Boundary(points=0)


def _items(
    text: str,
    measure: Measure,
    width: float,
    indent: float,
    squeeze: Squeeze | None,
    faces: Faces | None,
) -> tuple[list[list[Atom]], list[_Boundary], list[float]]:
    """The paragraph's boxes, the boundary before each (the first one's is unused)
    and each box's width."""
    room = width - indent if indent > 0 else width
    # A quarter em goes only where Chinese meets an ASCII letter or digit: most Chinese
    # paragraphs have none, and need not look at every box for it.
    pad = faces.quarter if faces is not None and _ASCII_ALNUM.search(text) else 0.0
    groups = boxes(text, measure, squeeze, faces)
    if not _SPACE.search(text) and not _LONG_WORD.search(text):
        simple = _simple_items(groups, room, pad)
        if simple is not None:
            return groups, *simple
    return _any_items(groups, measure, room, pad, faces)


def _any_items(
    groups: list[list[Atom]], measure: Measure, room: float, pad: float, faces: Faces | None
) -> tuple[list[list[Atom]], list[_Boundary], list[float]]:
    """_items for any boxes: word spaces, words to hyphenate, tokens wider than a line."""
    out_boxes: list[list[Atom]] = []
    bounds: list[_Boundary] = []
    widths: list[float] = []
    space: Atom | None = None
    for group in groups:
        first_atom = group[0]
        if first_atom.space:
            space = first_atom
            continue
        prev = out_boxes[-1][-1] if out_boxes else None
        glued = prev is not None and prev.joined
        if space is not None:
            first = _Boundary(space=space, points=0 if glued else 2)
        elif pad and prev is not None and prev.text[-1].isascii() != first_atom.text[0].isascii():
            first = _pad_or_plain(prev, first_atom, pad)
        else:
            first = _GLUED if glued else _PLAIN
        space = None
        # Han characters and short words are never cut (most boxes: one Han character).
        if len(group) == 1:
            short, group_width = len(first_atom.text) < 5, first_atom.width
        else:
            short, group_width = all(len(a.text) < 5 for a in group), sum(a.width for a in group)
        if short and group_width <= room:
            out_boxes.append(group)
            bounds.append(first)
            widths.append(group_width)
            continue
        # The rest of a URL that linebreak.boxes cut after a slash is code-like too.
        in_url = first is _GLUED and prev is not None and prev.text.endswith("/")
        for n, (sub, inner) in enumerate(_split_word(group, measure, faces, code=in_url)):
            inner = first if n == 0 else inner
            sub_width = sum(a.width for a in sub)
            if sub_width > room + 1e-6:
                # Wider than a whole line: cut anywhere (kinsoku still holds inside).
                for k, piece in enumerate(_split_oversize(sub, measure, room, faces)):
                    out_boxes.append(piece)
                    bounds.append(inner if k == 0 else _GLUED)
                    widths.append(sum(a.width for a in piece))
            else:
                out_boxes.append(sub)
                bounds.append(inner)
                widths.append(sub_width)
    return out_boxes, bounds, widths


# Text without these has no word space and no atom of five characters or more (an atom
# that long is a Latin word or number: five characters that are neither Han nor space).
_SPACE = regex_cache.compile(r"\s")
_LONG_WORD = regex_cache.compile(rf"[^\s{HAN_RANGES}]{{5}}")


def _simple_items(
    groups: list[list[Atom]], room: float, pad: float
) -> tuple[list[_Boundary], list[float]] | None:
    """_items' boundaries and widths for boxes none of which is a space or needs cutting
    (most Chinese paragraphs): in a few passes over the boxes rather than a loop with a
    test per case; None when a box is wider than a line after all."""
    widths = [g[0].width if len(g) == 1 else sum(a.width for a in g) for g in groups]
    if not groups or max(widths) > room:
        return None
    bounds = [_PLAIN]
    if not pad:
        bounds += [_GLUED if g[-1].joined else _PLAIN for g in groups[:-1]]
    else:
        # (One side ASCII, the other not: the cheap test before the real one.)
        bounds += [
            _pad_or_plain(a[-1], b[0], pad)
            if a[-1].text[-1].isascii() != b[0].text[0].isascii()
            else _GLUED if a[-1].joined else _PLAIN
            for a, b in pairwise(groups)
        ]
    return bounds, widths


def _pad_or_plain(before: Atom, after: Atom, pad: float) -> _Boundary:
    """The boundary between two boxes with no word space between them, one side ASCII
    and the other not (the callers' cheap test before this one)."""
    glued = before.joined
    if _needs_pad(before, after):
        return _Boundary(pad=pad, points=0 if glued else 1)
    return _GLUED if glued else _PLAIN


def _needs_pad(before: Atom, after: Atom) -> bool:
    """clreq: a quarter em where Han meets a Latin letter or digit without a space."""
    left, right = before.text[-1], after.text[0]
    if left.isascii():
        return left.isalnum() and _cjk_edge(right)
    return right.isascii() and right.isalnum() and _cjk_edge(left)


@dataclass
class _Paragraph:
    """Prefix sums over the boxes, so any line's width and stretch are O(1)."""

    boxes: list[list[Atom]]
    bounds: list[_Boundary]
    box_widths: list[float]
    width: float
    indent: float
    em: float
    hyphen_width: float
    shrinkable: bool

    def __post_init__(self) -> None:
        n = self.n = len(self.boxes)
        self.cum_w = list(accumulate(self.box_widths, initial=0.0))
        # Over the boundaries, indexed like the boxes: cum_x[k + 1] covers boundaries 1..k.
        # (Their fields taken apart in C, summed in C: most are the shared _PLAIN or _GLUED.)
        spaces, pads, points, penalties, hyphens = (
            zip(*self.bounds, strict=True) if n else ((),) * 5)
        self.cum_p = [0, *accumulate(points[1:], initial=0)]  # stretch points
        self.cum_s = [0, *accumulate(map(is_not, spaces[1:], repeat(None)), initial=0)]
        if self.cum_s[-1] or any(pads):  # glue: word spaces and quarter-em pads
            glue = (p if s is None else s.width for s, p in zip(spaces[1:], pads[1:], strict=True))
            self.cum_g = [0.0, *accumulate(glue, initial=0.0)]
        else:
            self.cum_g = [0.0] * (n + 1)
        # A line ending at boundary e shows a hyphen there / pays its penalty.
        self.penalty_at = [*penalties, 0.0] if any(penalties) else [0.0] * (n + 1)
        self.hyphen_at = (
            [self.hyphen_width if h else 0.0 for h in hyphens] + [0.0]
            if any(hyphens) else [0.0] * (n + 1))
        self.shrink_unit = 2 * SPACE_SHRINK * self.em if self.shrinkable else 0.0
        self.tracking = TRACKING * self.em

    @cached_property
    def cum_room(self) -> list[float]:
        """How far the boundaries may open before a line is too loose to justify
        (linebreak.justify's limits), summed like cum_g. (Only a loose line asks.)"""
        han_room = HAN_GAP_MAX * self.em
        rooms = accumulate((_room(b, han_room, self.em) for b in self.bounds[1:]), initial=0.0)
        return [0.0, *rooms]

    @cached_property
    def reach(self) -> list[float]:
        """Boxes and glue up to each box: rising, as every width is ≥ 0."""
        return [w + g for w, g in zip(self.cum_w, self.cum_g, strict=True)]

    @cached_property
    def cum_l(self) -> list[int]:
        """The letters a loose line of words may space, summed over the boxes."""
        # (A space atom is one character: the characters less the spaces, counted in C.)
        letters = [
            max(0, sum(map(len, map(_TEXT, box))) - sum(map(_IS_SPACE, box)) - 1)
            for box in self.boxes
        ]
        return list(accumulate(letters, initial=0))

    def shortfall(self, s: int, e: int) -> float:
        """How much the line from break `s` to `e` falls short of the measure."""
        return self.width - (self.cum_w[e] + self.cum_g[e] + self._start(s) + self.hyphen_at[e])

    def too_loose(self, s: int, e: int) -> bool:
        """Whether the line from break `s` to `e` would be set ragged: it cannot be
        filled with word spaces ≤ WORD_SPACE_MAX, Han gaps ≤ HAN_GAP_MAX and letters
        spaced ≤ TRACKING (in a line of words). The last line is ragged anyway."""
        if e == self.n:
            return False
        points = self.cum_p[e] - self.cum_p[s + 1]
        spaces = self.cum_s[e] - self.cum_s[s + 1]
        return self._too_loose(s, e, self.shortfall(s, e), points, spaces)

    def _too_loose(self, s: int, e: int, extra: float, points: int, spaces: int) -> bool:
        if points == 0:  # one word: nothing to stretch
            return extra > 1e-6
        room = self.cum_room[e] - self.cum_room[s + 1]
        if 4 * spaces >= points:
            room += (self.cum_l[e] - self.cum_l[s]) * self.tracking
        return extra > room + 1e-6

    def _start(self, s: int) -> float:
        """What a line from break `s` starts with: minus the boxes and glue before it
        (plus the first line's indent), so cum_w[e] + cum_g[e] + this is its width."""
        return -self.cum_w[s] - self.cum_g[s + 1] + (self.indent if s == 0 else 0.0)

    def badness(self, s: int, e: int) -> float:
        """100 at the tolerated looseness, growing with its cube; inf when too full."""
        extra = self.shortfall(s, e)
        if e == self.n:  # the last line is set ragged: it only has to fit
            return 0.0 if extra >= -1e-6 else float("inf")
        points = self.cum_p[e] - self.cum_p[s + 1]
        return self._badness(extra, points, self.cum_s[e] - self.cum_s[s + 1])

    def _badness(self, extra: float, points: int, spaces: int) -> float:
        """badness() of a line (not the last) `extra` short, with `points` stretch points
        of which `spaces` word spaces."""
        if extra < -1e-6:
            if points == 0 or -extra > spaces * self.shrink_unit + 1e-6:
                return float("inf")
            return 100 * (-extra / points / (SPACE_SHRINK * self.em)) ** 3
        if points == 0:
            return 0.0 if extra < 1e-6 else UNJUSTIFIABLE
        # Word spaces set the tolerance where they are most of the stretch (Latin text);
        # a space or two in a Chinese line does not make its Han gaps worth less.
        wordy = 2 * spaces >= points - 2 * spaces
        tolerance = (SPACE_TOLERANCE if wordy else HAN_TOLERANCE) * self.em
        return min(UNJUSTIFIABLE, 100 * (extra / points / tolerance) ** 3)

    def last_end(self, s: int, hint: int = 0) -> int:
        """The last box a line from break `s` can take (at least one), its word spaces
        shrunk as far as they may. `hint`: the answer for an earlier break (never more)."""
        cum_w, cum_g, cum_s, unit = self.cum_w, self.cum_g, self.cum_s, self.shrink_unit
        limit = self.width + 1e-6 - self._start(s)
        spaces_before = cum_s[s + 1]
        e = max(hint, s + 1)
        if not cum_s[-1]:  # no word space to shrink (most Chinese text): a binary search
            return bisect_right(self.reach, limit, e + 1, self.n + 1) - 1
        while e < self.n and (
            cum_w[e + 1] + cum_g[e + 1] - (cum_s[e + 1] - spaces_before) * unit <= limit
        ):
            e += 1
        return e

    def one_han_last_line(self, s: int) -> bool:
        # (A Han character and the closing marks kinsoku glued to it: one box, two at most.)
        if s == 0 or self.n - s > 2:
            return False
        text = "".join(a.text for box in self.boxes[s:] for a in box).strip()
        return bool(text) and is_han(text[0]) and all(ch in NO_START for ch in text[1:])

    def demerits(self, s: int, e: int, start: float) -> float:
        """The line from break `s` to `e`'s cost; `start` is _start(s). (Hot: the search
        asks it of every candidate line, so badness and too_loose are taken apart here
        and their sums found once.)"""
        extra = self.width - (self.cum_w[e] + self.cum_g[e] + start + self.hyphen_at[e])
        if e == self.n:  # the last line is set ragged: it only has to fit
            if extra < -1e-6:
                return float("inf")
            total = 100.0 + self.penalty_at[e] ** 2  # (10 + badness 0)²
            if self.one_han_last_line(s):
                total += LAST_LINE_DEMERITS
            elif self.bounds[s].hyphen and s > 0:
                total += FINAL_HYPHEN_DEMERITS
            return total
        points = self.cum_p[e] - self.cum_p[s + 1]
        spaces = self.cum_s[e] - self.cum_s[s + 1]
        bad = self._badness(extra, points, spaces)
        if bad == float("inf"):
            return bad
        # (Never loose at badness ≤ 50: the cheap test first.)
        if bad > 50 and self._too_loose(s, e, extra, points, spaces):
            # Set ragged: of such lines, the fullest costs least.
            return LOOSE_DEMERITS * (1 + 0.5 * extra / self.width)
        return (10 + bad) ** 2 + self.penalty_at[e] ** 2


def _room(b: _Boundary, han_room: float, em: float) -> float:
    """How far a boundary may open: a word space to WORD_SPACE_MAX, any other
    stretch point by HAN_GAP_MAX."""
    if b.space is not None:
        return b.points * max(0.0, (WORD_SPACE_MAX * em - b.space.width) / 2)
    return b.points * han_room


def _greedy(par: _Paragraph) -> list[int] | None:
    """First-fit breaks, or None when a line is loose or the paragraph ends badly.

    A last line of one Han character is mended here when it can be: the line
    before gives up a character or two (a 40-character line hardly notices).
    """
    breaks, s = [], 0
    while s < par.n:
        e = par.last_end(s)
        if e < par.n and (par.badness(s, e) > GREEDY_OK or par.penalty_at[e]):
            return None
        breaks.append(e)
        s = e
    if len(breaks) > 1 and par.one_han_last_line(breaks[-2]):
        start = breaks[-3] if len(breaks) > 2 else 0
        for e in range(breaks[-2] - 1, max(start, breaks[-2] - 4), -1):
            if par.badness(start, e) <= GREEDY_OK and not par.one_han_last_line(e):
                breaks[-2] = e
                return breaks
        return None
    return breaks


def _optimal(par: _Paragraph) -> list[int]:
    """Knuth–Plass over the paragraph: the breaks with the least total demerits."""
    inf = float("inf")
    best = [inf] * (par.n + 1)
    prev = [-1] * (par.n + 1)
    best[0] = 0.0
    top = 0
    for s in range(par.n):
        if best[s] == inf:
            continue
        top = par.last_end(s, top)
        tried = 0
        start = par._start(s)
        for e in range(top, s, -1):
            d = par.demerits(s, e, start)
            if d == inf:
                continue
            if best[s] + d < best[e]:
                best[e], prev[e] = best[s] + d, s
            tried += 1
            if tried >= CANDIDATES:
                break
        if tried == 0:  # nothing fits at all: the fullest line, overfull or not
            e = top
            if best[s] + UNJUSTIFIABLE**2 < best[e]:
                best[e], prev[e] = best[s] + UNJUSTIFIABLE**2, s
    breaks, e = [], par.n
    while e > 0:
        breaks.append(e)
        e = prev[e]
    return breaks[::-1]


def _line(par: _Paragraph, s: int, e: int, hyphen: Atom) -> Line:
    if par.cum_s[e] == par.cum_s[s + 1] and par.cum_g[e] == par.cum_g[s + 1]:
        # No word space and no pad inside (most Chinese lines): the boxes' atoms as they are.
        atoms = list(chain.from_iterable(par.boxes[s:e]))
    else:
        atoms = _with_glue(par, s, e)
    if e < par.n and par.bounds[e].hyphen:
        atoms[-1] = atoms[-1]._replace(joined=True)
        atoms.append(hyphen)
    indent = par.indent if s == 0 else 0.0
    return Line(tuple(atoms), sum(map(_WIDTH, atoms)), indent, e == par.n)


def _with_glue(par: _Paragraph, s: int, e: int) -> list[Atom]:
    """The atoms of boxes s..e-1 with the word spaces between them, and each quarter-em
    pad added to the atom before it."""
    atoms: list[Atom] = list(par.boxes[s])
    for k in range(s + 1, e):
        b = par.bounds[k]
        if b.space is not None:
            atoms.append(b.space)
        elif b.pad:
            a = atoms[-1]
            atoms[-1] = Atom(a.text, a.width + b.pad, a.space, a.joined, a.trim, a.latin, b.pad)
        atoms.extend(par.boxes[k])
    return atoms


def break_paragraph(
    text: str,
    measure: Measure,
    width: float,
    *,
    indent: float = 0.0,
    squeeze: Squeeze | None = None,
    faces: Faces | None = None,
) -> list[Line]:
    """The paragraph's lines, each no wider than `width` (the first starts at `indent`)."""
    found, bounds, widths = _items(text, measure, width, indent, squeeze, faces)
    if not found:
        return [Line((), 0.0, indent, True)]
    em = faces.quarter * 4 if faces is not None else (measure("\u4e00") or 1.0)
    hyphen_width = (faces.latin if faces is not None else measure)("-")
    par = _Paragraph(found, bounds, widths, width, indent, em, hyphen_width, faces is not None)
    breaks = _greedy(par) or _optimal(par)
    hyphen = Atom(HYPHEN, hyphen_width, latin=True)
    lines, s = [], 0
    for e in breaks:
        lines.append(_line(par, s, e, hyphen))
        s = e
    return lines
