"""Line breaking: Chinese kinsoku (禁则), whole Latin words, balanced title lines.

reportlab's own CJK wrap takes its no-line-start list from Japanese rules and
misses the full-width comma among others, so the PDF writer breaks lines here
and only asks reportlab to draw them. The DOCX writer uses the same rules to
place the line break in a title that needs two lines (Word would cut a word).

The text is cut into atoms (one CJK character, one Latin word or number, one
space); atoms that may not be parted are glued into boxes: a closing mark
sticks to what precedes it, an opening mark to what follows. Lines break
between boxes (where, for the whole paragraph at once: convert.paragraph); a
space at a break disappears.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import combinations, pairwise
from math import comb
from typing import NamedTuple

from convert import regex_cache
from convert.charclass import HAN_RANGES, is_han
from convert.typography import latin_marks

# No line may start with these (closing marks, with the ASCII twins scraped text has).
NO_START = frozenset(
    "，。、；：？！）」』》〉】〕〗〙〛”’…‥—–～·・％‰℃°"
    "々〻ゝゞーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    "﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞︰"
    ",.;:?!)]}%"
    "］｝＞"
)
# No line may end with these (opening marks).
NO_END = frozenset("（「『《〈【〔〖〘〚“‘﹙﹛﹝([{＜［｛$￥¥£€#＃")

# Punctuation squeezing (标点挤压): a full-width closing mark followed by another
# closing or an opening mark gives up the empty part of its em box, so `。”`, `）、`
# or `：“` leave no double gap; at a justified line's end it may hang the same amount.
SQUEEZE = frozenset("，。、：；！？）」』》〉】〕〗”’")
SQUEEZE_BEFORE = SQUEEZE | frozenset("（「『《〈【〔〖“‘")

# A Latin word or number stays whole: letters and digits joined by the marks
# found inside words, numbers, times, URLs and e-mail addresses (1.5, 11:36, a@b.cn).
_LATIN = r"[0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]"
_JOINER = r"[.,:/'’\-_@&+=?~#]"
# A run of Han characters is one token: each is a box of its own, wide, and no kinsoku
# mark, so most of a Chinese paragraph is taken a run at a time.
_TOKEN = regex_cache.compile(
    rf"(?P<han>[{HAN_RANGES}]+)|(?P<word>{_LATIN}+(?:{_JOINER}+{_LATIN}+)*)|(?P<space>\s+)"
    r"|(?P<char>.)",
    re.S,
)


# (A NamedTuple rather than a frozen dataclass: a document makes tens of thousands, and a
# frozen dataclass's __init__ is five times slower. Immutable either way: boxes share them.)
class Atom(NamedTuple):
    """The smallest piece a line is made of: one CJK character, a Latin word, a space."""

    text: str
    width: float
    space: bool = False
    joined: bool = False  # glued to the next atom: no break and no stretch between them
    trim: float = 0.0  # squeezed away from the end of its box (width is already without it)
    latin: bool = False  # its ambiguous marks (“ ’ —) take the Latin face (convert.typography)
    pad: float = 0.0  # space after it, part of `width`: a quarter em before Latin (clreq)


@dataclass(frozen=True, slots=True)
class Line:
    atoms: tuple[Atom, ...]
    width: float  # natural width, without justification
    indent: float  # where the line starts (first-line indent)
    last: bool  # the paragraph's last line: set ragged, not justified

    @property
    def text(self) -> str:
        return "".join(a.text for a in self.atoms)


Measure = Callable[[str], float]
# How much of a punctuation mark's box may be squeezed away (empty space after its ink).
Squeeze = Callable[[str], float]


@cache  # (asked twice a token: a dict look-up instead of the Unicode database)
def _wide(ch: str) -> bool:
    """CJK width: a line may break beside it; between two narrow ones only at a space."""
    return unicodedata.east_asian_width(ch) in "WF"


# A URL may break after a slash (`https://` itself stays whole), as typesetters do, so a
# long address does not leave a line of wide gaps before it.
_URL_START = regex_cache.compile(r"(?:https?|ftp)://|www\.", re.I)
_URL_CUT = regex_cache.compile(r"(?<=[^/:]/)(?=[^/])")


@dataclass(frozen=True, slots=True)
class _Tokens:
    """A paragraph cut into tokens: words and numbers whole, each whitespace run as one
    ' ', a run of Han characters as one token, anything else one character."""

    texts: list[str]
    han: set[int]  # the indices of Han runs
    url_breaks: set[int]  # the indices of URL pieces a line may start with
    starts: list[int]  # where in the paragraph each token starts


def _tokens_at(text: str) -> _Tokens:
    out: list[str] = []
    han: set[int] = set()
    url_breaks: set[int] = set()
    starts: list[int] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        tok = " " if kind == "space" else m.group()
        if kind == "han":
            han.add(len(out))
        if kind == "word" and _URL_START.match(tok):
            pieces = [p for p in _URL_CUT.split(tok) if p]
            url_breaks.update(range(len(out) + 1, len(out) + len(pieces)))
            at = m.start()
            for piece in pieces:
                starts.append(at)
                at += len(piece)
            out += pieces
        else:
            out.append(tok)
            starts.append(m.start())
    return _Tokens(out, han, url_breaks, starts)


@dataclass(frozen=True, slots=True)
class Faces:
    """How to measure ambiguous marks set in the Latin face, and the article's script."""

    latin: Measure  # widths with “ ” ‘ ’ – — … in the Latin face
    latin_text: bool  # the article is in a Latin-script language
    quarter: float  # a quarter em: the gap between Chinese and Latin text


def boxes(
    text: str, measure: Measure, squeeze: Squeeze | None = None, faces: Faces | None = None
) -> list[list[Atom]]:
    """Unbreakable groups of atoms; a space is a group of its own (a break point)."""
    groups: list[list[Atom]] = []
    glue_next = False
    toks = _tokens_at(text)
    texts = toks.texts
    atoms = atoms_for(measure)
    latin_toks = _latin_tokens(text, toks, faces)
    for n, tok in enumerate(texts):
        if n in toks.han:
            _add_han(groups, tok, atoms, glue_next)
            glue_next = False
            continue
        if tok == " ":
            if groups and not groups[-1][0].space:
                space = Atom(" ", _space_width(texts, n, measure, faces), space=True)
                if glue_next:  # "( x": an opening mark keeps its neighbour even across a space
                    groups[-1][-1] = _joined(groups[-1][-1])
                    groups[-1].append(space)
                else:
                    groups.append([space])
            continue
        latin = faces is not None and n in latin_toks
        atom = Atom(tok, faces.latin(tok), latin=True) if latin else atoms[tok]
        if (
            squeeze is not None
            and tok in SQUEEZE
            and n + 1 < len(texts)
            and texts[n + 1][0] in SQUEEZE_BEFORE
        ):
            trim = squeeze(tok)
            atom = Atom(tok, atom.width - trim, trim=trim, latin=atom.latin)
        if tok[0] in NO_START and len(groups) > 1 and groups[-1][0].space:
            # "x ]": a closing mark after a space still may not start a line.
            space = groups.pop()[0]
            groups[-1][-1] = _joined(groups[-1][-1])
            groups[-1].append(space)
        prev = groups[-1] if groups else None
        if n in toks.url_breaks and prev is not None:
            # A new box (a line may start here) that takes no justification space before it.
            prev[-1] = _joined(prev[-1])
            groups.append([atom])
        elif prev is not None and not prev[0].space and (
            glue_next
            or tok[0] in NO_START
            # Latin text breaks only at spaces: `"The`, `(see`, `$48.6` and `end."` stay whole.
            or (not _wide(prev[-1].text[-1]) and not _wide(tok[0]))
        ):
            prev[-1] = _joined(prev[-1])
            prev.append(atom)
        else:
            groups.append([atom])
        glue_next = tok[-1] in NO_END
    while groups and groups[-1][0].space:
        groups.pop()
    return groups


class Atoms(dict[str, Atom]):
    """Atoms by their text, each measured once (Chinese repeats its characters). An atom
    is immutable, so one may stand in many boxes, of many paragraphs."""

    def __init__(self, measure: Measure) -> None:
        super().__init__()
        self.measure = measure

    def __missing__(self, text: str) -> Atom:
        atom = self[text] = Atom(text, self.measure(text))
        return atom


def atoms_for(measure: Measure) -> Atoms:
    """The atoms made with `measure`: its own when it keeps them (an `atoms` attribute:
    pdf_layout's measures live for the process), else new ones for this paragraph."""
    kept = getattr(measure, "atoms", None)
    return kept if isinstance(kept, Atoms) else Atoms(measure)


def _add_han(groups: list[list[Atom]], run: str, atoms: Atoms, glue_next: bool) -> None:
    """A run of Han characters: a box each, the first glued to an opening mark before it."""
    rest = run
    if glue_next and groups and not groups[-1][0].space:
        groups[-1][-1] = _joined(groups[-1][-1])
        groups[-1].append(atoms[run[0]])
        rest = run[1:]
    groups += [[atoms[ch]] for ch in rest]


def _latin_tokens(text: str, toks: _Tokens, faces: Faces | None) -> set[int]:
    """The tokens holding a mark set in the Latin face (a word like `mayor’s`, or `“`)."""
    if faces is None:
        return set()
    marks = latin_marks(text, faces.latin_text)
    return {bisect_right(toks.starts, i) - 1 for i in marks}


def _joined(atom: Atom) -> Atom:
    """`atom` glued to the next one (twice as fast as _replace)."""
    return Atom(atom.text, atom.width, atom.space, True, atom.trim, atom.latin, atom.pad)


def _space_width(toks: list[str], n: int, measure: Measure, faces: Faces | None) -> float:
    """A word space in the Latin face between Latin text (the CJK face's is half an em);
    a quarter em where Chinese meets Latin (clreq), so a source space is not doubled."""
    if faces is None:
        return measure(" ")
    before = toks[n - 1][-1] if n > 0 else ""
    after = toks[n + 1][0] if n + 1 < len(toks) else ""
    wide_before, wide_after = bool(before) and _wide(before), bool(after) and _wide(after)
    if wide_before and wide_after:
        return measure(" ")
    if wide_before or wide_after:
        return faces.quarter
    return faces.latin(" ")


def _split_oversize(
    group: list[Atom], measure: Measure, room: float, faces: Faces | None = None
) -> list[list[Atom]]:
    """A box wider than a whole line (a long URL): cut it character by character."""
    pieces: list[list[Atom]] = []
    cur: list[Atom] = []
    used = 0.0
    # Characters of a split word stay joined (no stretch inside); the cut itself is a line end.
    chars = [
        Atom(
            ch,
            (faces.latin if atom.latin and faces is not None else measure)(ch),
            joined=atom.joined or i < len(atom.text) - 1,
            latin=atom.latin,
        )
        for atom in group
        for i, ch in enumerate(atom.text)
    ]
    for atom in chars:
        if cur and used + atom.width > room + 1e-6:
            # Kinsoku holds inside a cut too: a closing mark takes the character before it
            # along, and an opening mark does not stay behind at the line end.
            carry: list[Atom] = []
            while len(cur) > 1 and (
                (carry or [atom])[0].text in NO_START or cur[-1].text in NO_END
            ):
                carry.insert(0, cur.pop())
            pieces.append(cur)
            cur, used = carry, sum(a.width for a in carry)
        cur.append(atom)
        used += atom.width
    if cur:
        pieces.append(cur)
    return pieces


def wrap(
    text: str,
    measure: Measure,
    width: float,
    *,
    indent: float = 0.0,
    squeeze: Squeeze | None = None,
    faces: Faces | None = None,
) -> list[Line]:
    """Break `text` into lines no wider than `width` (the first line starts at `indent`).

    The breaks are chosen for the whole paragraph at once (Knuth–Plass, convert.paragraph):
    the least loose lines overall, never a last line of one Han character.
    """
    from convert.paragraph import break_paragraph

    return break_paragraph(text, measure, width, indent=indent, squeeze=squeeze, faces=faces)


def stretch_points(line: Line) -> int:
    """Boundaries in the line that take justification space (between unglued atoms)."""
    return sum(1 for a in line.atoms[:-1] if not a.joined)


def hang(line: Line, squeeze: Squeeze | None) -> float:
    """How far a line's last mark may reach past the margin: the empty end of its box."""
    end = line.atoms[-1] if line.atoms else None
    if squeeze is None or end is None or end.text not in SQUEEZE or end.trim:
        return 0.0
    return squeeze(end.text)


def gap(line: Line, width: float, *, max_gap: float) -> float:
    """Extra space at each stretch point that makes the line exactly `width`.

    Every boundary between atoms gets the same share, so mixed CJK/Latin lines
    stretch evenly; Latin words and glued groups (“$1.5”, 说，) are never
    letter-spaced. The last line of a paragraph, and a line that would need
    more than `max_gap` per boundary, stay ragged.
    """
    points = stretch_points(line)
    if line.last or points == 0:
        return 0.0
    extra = width - line.indent - line.width
    if extra < 0 and any(a.space for a in line.atoms):
        # Word spaces shrink a little (convert.paragraph chose the line knowing it).
        share = extra / points
        return share if -share <= max_gap * 0.05 else 0.0
    if extra <= 0:
        return 0.0
    share = extra / points
    return share if share <= max_gap else 0.0


# Justification limits in ems of the font size (issue 10's targets): a word space never
# opens past WORD_SPACE_MAX, nor two Han characters past HAN_GAP_MAX; a loose line of
# words first spaces its letters by up to TRACKING. A line that still cannot be filled
# is set ragged, with natural spaces — honest, where a loose line would show a river.
WORD_SPACE_MAX = 0.45
HAN_GAP_MAX = 0.3
TRACKING = 0.03


def word_cap(space: Atom, size: float) -> float:
    """The most each of a word space's two stretch points (after the word, after the
    space) may add: the space then is WORD_SPACE_MAX wide."""
    # (A hair under: the PDF writes positions rounded, the drawn space must stay within.)
    return max(0.0, ((WORD_SPACE_MAX - 1e-4) * size - space.width) / 2)


def _word_caps(line: Line, size: float) -> list[float]:
    """word_cap() of every stretch point beside a word space (the drawing step caps them)."""
    atoms = line.atoms
    caps = []
    for i, atom in enumerate(atoms[:-1]):
        if atom.joined:
            continue
        if atom.space:
            caps.append(word_cap(atom, size))
        elif atoms[i + 1].space:
            caps.append(word_cap(atoms[i + 1], size))
    return caps


def _fill(rest: float, caps: list[float], others: int) -> float | None:
    """The share `s` of every other stretch point such that the word-space points, each
    taking min(s, its cap), and the others together add `rest` (water filling);
    None when only capped points exist and they cannot hold it."""
    used, rising = 0.0, len(caps) + others
    for cap in sorted(caps):
        share = (rest - used) / rising
        if share <= cap + 1e-9:
            return share
        used += cap
        rising -= 1
    return (rest - used) / others if others else None


def justify(line: Line, width: float, size: float, *, max_gap: float) -> tuple[float, float]:
    """(share of each stretch point, space between letters) that set `line` `width` wide.

    Word spaces open at most to WORD_SPACE_MAX (the drawing step gives their points
    min(share, word_cap)); the rest goes to the other points (between Han characters),
    and in a line of words first between letters, at most TRACKING. A line of words
    that still falls short, or would spread Han characters past HAN_GAP_MAX, is set
    ragged: (0, 0). Shrinking, ragged and already-even lines are gap()'s answer.
    """
    share = gap(line, width, max_gap=max_gap)
    if share <= 0:  # (most Chinese lines: a whole number of characters fills the measure)
        return share, 0.0
    caps = _word_caps(line, size)
    if not caps or share <= min(caps):
        return share, 0.0
    points = stretch_points(line)
    others = points - len(caps)
    extra = share * points
    spaces = sum(1 for a in line.atoms if a.space)
    tracking = 0.0
    wordy = 4 * spaces >= points
    if wordy:
        letters = sum(len(a.text) - 1 for a in line.atoms if not a.space) + sum(
            1 for a in line.atoms[:-1] if a.joined and not a.space
        )
        # What the points hold with every word space at its widest.
        held = sum(caps) + others * max(caps)
        if letters and extra > held:
            tracking = min((extra - held) / letters, TRACKING * size)
        extra -= tracking * letters
    other = _fill(extra, caps, others)
    if other is None or other > (HAN_GAP_MAX * size if wordy else max_gap):
        return 0.0, 0.0
    return other, tracking


def kept_end(text: str) -> int:
    """Where a paragraph's unbreakable end starts: its last two Han characters and the
    closing marks after them (`蔓延。”`), so its last line never holds one Han character
    alone (clreq) in a writer that can only say "do not break here" (EPUB's nowrap).
    len(text) when the paragraph does not end that way."""
    end = len(text.rstrip())
    i = end
    while i > 0 and text[i - 1] in NO_START:
        i -= 1
    if i >= 3 and is_han(text[i - 1]) and is_han(text[i - 2]):
        return i - 2
    return len(text)


# --- balanced title lines -------------------------------------------------------------

# Where a headline may be cut, best first (a lower rank wins over a better balance).
RANK_SPACE = 0  # the space between a Chinese headline's main and secondary clause
RANK_PUNCT = 1  # after ，、：；！？ or a closing mark, before an opening mark or 暨
RANK_SCRIPT = 2  # between a CJK run and a Latin word or number
RANK_CJK = 3  # between any two CJK characters (or two Latin words)
_BREAK_AFTER = frozenset("，、：；！？。…—,;:!?") | (NO_START - frozenset("％‰℃°%"))
# 暨 ("and also") only ever joins two names of meetings or events: a clause boundary.
_BREAK_BEFORE = frozenset("暨") | NO_END
# The shorter line of a balanced title keeps at least this share of the longer.
MIN_BALANCE = 0.4


def _is_word(atom: Atom) -> bool:
    return bool(re.match(_LATIN, atom.text))


def _rank(before: list[Atom], space: bool, after: list[Atom]) -> int:
    """How natural a cut between two boxes is (never inside a box: kinsoku, words)."""
    left, right = before[-1], after[0]
    if space:
        return RANK_CJK if _is_word(left) and _is_word(right) else RANK_SPACE
    if left.text[-1] in _BREAK_AFTER or right.text[0] in _BREAK_BEFORE:
        return RANK_PUNCT
    if _is_word(left) != _is_word(right):
        # A number keeps the unit or classifier after it (2025年, 28个, 5.2%).
        return RANK_CJK if left.text[-1].isdigit() else RANK_SCRIPT
    return RANK_CJK


def balanced_breaks(
    text: str,
    measure: Measure,
    width: float,
    count: int,
    squeeze: Squeeze | None = None,
    faces: Faces | None = None,
) -> list[Line] | None:
    """`text` in exactly `count` centred lines, cut at the most natural places.

    Among the cuts that fit and keep the lines near the same length (the
    shortest at least MIN_BALANCE of the longest), the worst cut's rank wins,
    then the sum of ranks, then the most even lengths. None when no such cut
    exists or the title is too long to try every cut (the caller falls back).
    """
    groups = boxes(text, measure, squeeze, faces)
    solid = [g for g in groups if not g[0].space]
    if count < 2 or len(solid) < count or comb(len(solid) - 1, count - 1) > 20000:
        return None
    spaced = [i > 0 and groups[i - 1][0].space for i, g in enumerate(groups) if not g[0].space]
    widths = [sum(a.width for a in g) for g in solid]
    space_w = measure(" ")
    ranks = [_rank(solid[i - 1], spaced[i], solid[i]) for i in range(1, len(solid))]

    def line_width(a: int, b: int) -> float:  # boxes a..b-1, inner spaces kept
        return sum(widths[a:b]) + space_w * sum(spaced[a + 1 : b])

    best: tuple[tuple[int, int, float], tuple[int, ...]] | None = None
    for cuts in combinations(range(1, len(solid)), count - 1):
        bounds = (0, *cuts, len(solid))
        lens = [line_width(a, b) for a, b in pairwise(bounds)]
        if max(lens) > width + 1e-6 or min(lens) < MIN_BALANCE * max(lens):
            continue
        cut_ranks = [ranks[c - 1] for c in cuts]
        key = (max(cut_ranks), sum(cut_ranks), max(lens) - min(lens))
        if best is None or key < best[0]:
            best = (key, bounds)
    if best is None:
        return None
    lines = []
    for n, (a, b) in enumerate(pairwise(best[1])):
        atoms: list[Atom] = []
        for i in range(a, b):
            if i > a and spaced[i]:
                atoms.append(Atom(" ", space_w, space=True))
            atoms.extend(solid[i])
        lines.append(Line(tuple(atoms), line_width(a, b), 0.0, n == count - 1))
    return lines
