"""Typesetting measured from a PDF's glyph positions, as a proofreader would look.

Used by scripts/typography_report.py and by the PDF tests: the widest gap
between two Han characters and the widest word space in justified lines (in
ems of the font size), ambiguous-width marks (“ ” ‘ ’ – — …) drawn in a CJK face
inside Latin text, paragraphs ending in a line of one Han character, and lines
inside a paragraph set short of the margin (ragged rather than loose).
Needs pdfplumber (the `test` extra), imported only when a PDF is read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from convert import regex_cache
from convert.charclass import is_han
from convert.typography import latin_marks

# Marks whose width depends on the script around them (East Asian Width "A").
AMBIGUOUS = "“”‘’–—…·"  # the commonest of typography.AMBIGUOUS, which also has € × °
_CJK_FACES = ("UMing", "WenQuanYi", "HanaMin", "Noto Sans CJK", "Noto Serif CJK", "Source Han")
_CLOSING = "，。、；：？！）」』》〉】”’…—"
_FOOTER = regex_cache.compile(r"^\s*—\s*\d+\s*—\s*$")
_ONE_HAN_LINE = regex_cache.compile(rf"^\s*\S?[{_CLOSING}]*\s*$")


@dataclass(frozen=True, slots=True)
class Glyph:
    text: str
    x0: float
    x1: float
    size: float
    font: str
    y: float = 0.0  # the baseline, from the page's top


@dataclass
class Report:
    """What one PDF (or many, merged) shows; gaps in ems."""

    han_gap: float = 0.0
    han_gap_where: str = ""
    word_space: float = 0.0
    word_space_where: str = ""
    cjk_marks_in_latin: list[str] = field(default_factory=list)
    one_char_last_lines: list[str] = field(default_factory=list)
    # Lines inside a paragraph that stop short of the margin: set ragged because no break
    # could justify them within the limits (or ended by a hard line break).
    short_lines: list[str] = field(default_factory=list)

    def merge(self, other: Report, name: str) -> None:
        if other.han_gap > self.han_gap:
            self.han_gap, self.han_gap_where = other.han_gap, f"{name}: {other.han_gap_where}"
        if other.word_space > self.word_space:
            self.word_space = other.word_space
            self.word_space_where = f"{name}: {other.word_space_where}"
        self.cjk_marks_in_latin += [f"{name}: {s}" for s in other.cjk_marks_in_latin]
        self.one_char_last_lines += [f"{name}: {s}" for s in other.one_char_last_lines]
        self.short_lines += [f"{name}: {s}" for s in other.short_lines]


def _spec_char_spacing() -> None:
    """Make pdfminer advance by the character spacing (Tc) after every glyph.

    PDF 32000-1 §9.4.4 adds Tc after each glyph, the last of a string included;
    pdfminer adds it only between the glyphs of one string, so every glyph after a
    string that ends in a spaced glyph (a font or subset change inside a justified
    line) is read too far left. Measured gaps would be wrong exactly where they matter.
    """
    from pdfminer import pdfdevice

    device = pdfdevice.PDFTextDevice
    if getattr(device, "_convert_spec_tc", False):
        return
    original = device.render_string_horizontal

    def render(self, seq, matrix, pos, font, fontsize, scaling, charspace, *rest):  # type: ignore[no-untyped-def]
        x, y = original(self, seq, matrix, pos, font, fontsize, scaling, charspace, *rest)
        glyphs = sum(len(font.decode(obj)) for obj in seq if isinstance(obj, bytes))
        return (x + charspace if glyphs else x, y)

    device.render_string_horizontal = render  # type: ignore[method-assign]
    device._convert_spec_tc = True  # type: ignore[attr-defined]


def lines(path: Path) -> list[list[Glyph]]:
    """Each text line of the PDF, its glyphs left to right (pages in order)."""
    import pdfplumber

    _spec_char_spacing()
    out: list[list[Glyph]] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            rows: dict[float, list[Glyph]] = {}
            for c in page.chars:
                # The baseline (the text matrix), not the box: faces differ in descent.
                key = round(page.height - c["matrix"][5], 0)
                rows.setdefault(key, []).append(
                    Glyph(c["text"], c["x0"], c["x1"], c["size"], c["fontname"], key)
                )
            for key in sorted(rows):
                out.append(sorted(rows[key], key=lambda g: g.x0))
    return out


def _text(line: list[Glyph]) -> str:
    return "".join(g.text for g in line)


def _narrow(g: Glyph) -> bool:
    return g.x1 - g.x0 < 0.8 * (g.size or 1.0)


def _latin(ch: str) -> bool:
    return (ch.isascii() and ch.isalnum()) or ("\u00c0" <= ch <= "\u024f")


def _is_justified(line: list[Glyph], right: float) -> bool:
    """Reaches the right margin: a spread line, not a paragraph's ragged last line."""
    return bool(line) and line[-1].x1 >= right - line[-1].size * 0.6


def analyse(glyph_lines: Iterable[list[Glyph]]) -> Report:
    report = Report()
    # Page numbers (`— 3 —`) are furniture, not text.
    all_lines = [ln for ln in glyph_lines if ln and not _FOOTER.match(_text(ln))]
    if not all_lines:
        return report
    # A PDF with no Han character is a Latin-script article (convert.typography's rule).
    latin_text = not any(is_han(g.text) for ln in all_lines for g in ln)
    left = min(ln[0].x0 for ln in all_lines)
    right = max(
        (ln[-1].x1 for ln in all_lines if ln[-1].text not in _CLOSING),
        default=max(ln[-1].x1 for ln in all_lines),
    )
    body_size, step = _body_step(all_lines)
    for n, line in enumerate(all_lines):
        text = "".join(g.text for g in line)
        justified = _is_justified(line, right)
        if not justified and n + 1 < len(all_lines):
            below = all_lines[n + 1]
            # The next line of the same paragraph: one line step down, at the margin
            # (a new paragraph is indented or further down).
            if (
                below[0].size == line[0].size == body_size
                and abs(below[0].y - line[0].y - step) <= 1.0  # (baselines are whole points)
                and abs(below[0].x0 - left) < 1.0
            ):
                report.short_lines.append(text.strip())
        for i, (a, b) in enumerate(pairwise(line)):
            em = a.size or 1.0
            if justified and is_han(a.text) and is_han(b.text):
                gap = (b.x0 - a.x1) / em
                if gap > report.han_gap:
                    report.han_gap, report.han_gap_where = gap, text
            if justified and b.text == " " and i + 2 < len(line) and line[i + 2].text != " ":
                space = (line[i + 2].x0 - a.x1) / em
                nxt = line[i + 2]
                # Between two narrow (Latin) glyphs: a space beside a full-width mark
                # or a Han character is not a word space.
                after_word = _narrow(a) and _narrow(nxt) and (
                    _latin(a.text[-1]) or a.text in ",.;:!?”’)"
                )
                if after_word and space > report.word_space:
                    report.word_space, report.word_space_where = space, text
        # Glyph i is text[i] only when every glyph is one character (pdfplumber's are).
        # Read with the lines around it: a mark's context runs across line ends.
        before = _text(all_lines[n - 1]) if n else ""
        after = _text(all_lines[n + 1]) if n + 1 < len(all_lines) else ""
        if len(text) == len(line):
            marks = latin_marks(before + text + after, latin_text)
            should_be_latin = {i - len(before) for i in marks}
        else:
            should_be_latin = set()
        for i, g in enumerate(line):
            in_cjk_face = any(face in g.font for face in _CJK_FACES)
            full_width = g.x1 - g.x0 >= 0.8 * (g.size or 1.0)
            if g.text in AMBIGUOUS and in_cjk_face and full_width and i in should_be_latin:
                report.cjk_marks_in_latin.append(f"{g.text} in {text.strip()[:40]}")
        # A paragraph's last line holding one Han character (and its closing marks),
        # under a full line that starts at the margin or the indent.
        stripped = text.strip()
        if (
            n > 0
            and _ONE_HAN_LINE.match(stripped)
            and stripped
            and is_han(stripped[0])
            and abs(line[0].x0 - left) < 1.0
            and _is_justified(all_lines[n - 1], right)
        ):
            prev = "".join(g.text for g in all_lines[n - 1])
            report.one_char_last_lines.append(f"{prev.strip()[-12:]} / {stripped}")
    return report


def _body_step(glyph_lines: list[list[Glyph]]) -> tuple[float, float]:
    """The body's size (the commonest) and the commonest distance between the
    baselines of two body lines in a row."""
    body = Counter(line[0].size for line in glyph_lines).most_common(1)[0][0]
    steps = Counter(
        round(b[0].y - a[0].y, 1)
        for a, b in pairwise(glyph_lines)
        if a[0].size == b[0].size == body and b[0].y > a[0].y
    )
    return body, (steps.most_common(1)[0][0] if steps else 0.0)


def analyse_pdf(path: Path) -> Report:
    return analyse(lines(path))
