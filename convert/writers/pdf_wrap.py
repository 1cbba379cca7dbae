"""Line breaking for the PDF writer: Chinese kinsoku (禁则) and whole Latin words.

reportlab's own CJK wrap takes its no-line-start list from Japanese rules and
misses the full-width comma among others, so the PDF writer breaks lines here
and only asks reportlab to draw them.

The text is cut into atoms (one CJK character, one Latin word or number, one
space); atoms that may not be parted are glued into boxes: a closing mark
sticks to what precedes it, an opening mark to what follows. Lines break
between boxes, greedily; a space at a break disappears.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

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

# A Latin word or number stays whole: letters and digits joined by the marks
# found inside words, numbers, times, URLs and e-mail addresses (1.5, 11:36, a@b.cn).
_LATIN = r"[0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]"
_JOINER = r"[.,:/'’\-_@&+=?~#]"
_TOKEN = re.compile(
    rf"(?P<word>{_LATIN}+(?:{_JOINER}+{_LATIN}+)*)|(?P<space>\s+)|(?P<char>.)", re.S
)


@dataclass(frozen=True, slots=True)
class Atom:
    """The smallest piece a line is made of: one CJK character, a Latin word, a space."""

    text: str
    width: float
    space: bool = False
    joined: bool = False  # glued to the next atom: no break and no stretch between them


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


def tokens(text: str) -> list[str]:
    """Words/numbers whole, each whitespace run as one ' ', anything else one character."""
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        out.append(" " if m.lastgroup == "space" else m.group())
    return out


def boxes(text: str, measure: Measure) -> list[list[Atom]]:
    """Unbreakable groups of atoms; a space is a group of its own (a break point)."""
    groups: list[list[Atom]] = []
    glue_next = False
    for tok in tokens(text):
        if tok == " ":
            if groups and not groups[-1][0].space:
                space = Atom(" ", measure(" "), space=True)
                if glue_next:  # "( x": an opening mark keeps its neighbour even across a space
                    groups[-1][-1] = replace(groups[-1][-1], joined=True)
                    groups[-1].append(space)
                else:
                    groups.append([space])
            continue
        atom = Atom(tok, measure(tok))
        if tok[0] in NO_START and len(groups) > 1 and groups[-1][0].space:
            # "x ]": a closing mark after a space still may not start a line.
            space = groups.pop()[0]
            groups[-1][-1] = replace(groups[-1][-1], joined=True)
            groups[-1].append(space)
        prev = groups[-1] if groups else None
        if prev is not None and not prev[0].space and (glue_next or tok[0] in NO_START):
            prev[-1] = replace(prev[-1], joined=True)
            prev.append(atom)
        else:
            groups.append([atom])
        glue_next = tok[-1] in NO_END
    while groups and groups[-1][0].space:
        groups.pop()
    return groups


def _split_oversize(group: list[Atom], measure: Measure, room: float) -> list[list[Atom]]:
    """A box wider than a whole line (a long URL): cut it character by character."""
    pieces: list[list[Atom]] = []
    cur: list[Atom] = []
    used = 0.0
    # Characters of a split word stay joined (no stretch inside); the cut itself is a line end.
    chars = [
        Atom(ch, measure(ch), joined=atom.joined or i < len(atom.text) - 1)
        for atom in group
        for i, ch in enumerate(atom.text)
    ]
    for atom in chars:
        if cur and used + atom.width > room + 1e-6:
            pieces.append(cur)
            cur, used = [], 0.0
        cur.append(atom)
        used += atom.width
    if cur:
        pieces.append(cur)
    return pieces


def wrap(text: str, measure: Measure, width: float, *, indent: float = 0.0) -> list[Line]:
    """Break `text` into lines no wider than `width` (the first line starts at `indent`)."""
    lines: list[Line] = []
    cur: list[Atom] = []
    used = indent
    pending: Atom | None = None  # a space seen between two boxes

    def finish(last: bool) -> None:
        nonlocal cur, used
        line_indent = indent if not lines else 0.0
        lines.append(Line(tuple(cur), used - line_indent, line_indent, last))
        cur, used = [], 0.0

    for group in boxes(text, measure):
        if group[0].space:
            pending = group[0] if cur else None
            continue
        group_width = sum(a.width for a in group)
        lead = pending.width if pending is not None else 0.0
        room = width - (indent if not lines else 0.0)
        if cur and used + lead + group_width > width + 1e-6:
            finish(last=False)
            lead, pending = 0.0, None
            room = width
        if not cur and group_width > room + 1e-6:
            pieces = _split_oversize(group, measure, room)
            for piece in pieces[:-1]:
                cur = piece
                used += sum(a.width for a in piece)
                finish(last=False)
            group = pieces[-1]
            group_width = sum(a.width for a in group)
        if pending is not None and cur:
            cur.append(pending)
            used += pending.width
        pending = None
        cur.extend(group)
        used += group_width
    if cur or not lines:
        finish(last=True)
    return lines


def stretch_points(line: Line) -> int:
    """Boundaries in the line that take justification space (between unglued atoms)."""
    return sum(1 for a in line.atoms[:-1] if not a.joined)


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
    if extra <= 0:
        return 0.0
    share = extra / points
    return share if share <= max_gap else 0.0
