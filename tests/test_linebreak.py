"""Kinsoku line breaking (convert.linebreak) on real paragraphs at many widths."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert.linebreak import NO_END, NO_START, Line, boxes, gap, stretch_points, wrap
from tests import documents
from tests.conftest import SEED

# The marks the issue names, checked whatever the module's sets say.
MUST_NOT_START = set("，。、；：？！）」』》〉】”’…")
MUST_NOT_END = set("（「『《〈【“‘")


def em_measure(text: str) -> float:
    """Full-width characters 1 em, others half: close to how a CJK font sets them."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def paragraphs() -> list[str]:
    texts: list[str] = []
    for make in documents.ALL.values():
        doc = make()
        texts += [b.text for b in doc.blocks] + list(doc.rights)
    if SEED.is_file():  # the real article when the shared corpus is here
        texts += [ln.strip() for ln in SEED.read_text("utf-8").splitlines() if len(ln) > 40]
    return texts


def line_text(line: Line) -> str:
    return line.text.strip()


def check_lines(text: str, lines: list[Line], width: float) -> None:
    assert "".join(ln.text for ln in lines).replace(" ", "") == re.sub(r"\s+", "", text)
    for i, line in enumerate(lines):
        t = line_text(line)
        assert t, f"empty line {i}"
        if i > 0:
            assert t[0] not in MUST_NOT_START | NO_START, f"line {i} starts with {t[0]!r}: {t}"
        if i < len(lines) - 1:
            assert t[-1] not in MUST_NOT_END | NO_END, f"line {i} ends with {t[-1]!r}: {t}"
        assert line.indent + line.width <= width + 1e-6


@pytest.mark.parametrize("chars_per_line", [7, 11, 13, 17, 20, 23, 29, 31, 40, 41])
def test_real_paragraphs_never_break_against_kinsoku(chars_per_line: int) -> None:
    checked = 0
    for text in paragraphs():
        lines = wrap(text, em_measure, float(chars_per_line), indent=2.0)
        check_lines(text, lines, float(chars_per_line))
        checked += len(lines)
    assert checked > 20


def test_a_comma_at_the_line_end_pulls_its_character_down() -> None:
    # Ten characters fit; the eleventh is a comma that may not start the next line.
    text = "一二三四五六七八九十，十一"
    lines = wrap(text, em_measure, 10.0)
    assert line_text(lines[0]) == "一二三四五六七八九"
    assert line_text(lines[1]).startswith("十，")


def test_an_opening_quote_is_not_left_at_a_line_end() -> None:
    text = "一二三四五六七八九“十一”"
    lines = wrap(text, em_measure, 10.0)
    assert not line_text(lines[0]).endswith("“")
    assert line_text(lines[1]).startswith("“")


def test_numbers_and_times_are_never_split_and_addresses_break_only_inside() -> None:
    text = "会议于11:36召开，投入1.5亿元，网址http://example.com/a?b=1，邮箱rx@chinadaily.com.cn，完毕。"
    for width in range(13, 40):
        lines = wrap(text, em_measure, float(width))
        joined = [line_text(ln) for ln in lines]
        for word in ("11:36", "1.5"):
            assert any(word in ln for ln in joined), (width, joined)
        # A URL or e-mail address may be cut (after / . ? = @ first, as a last resort
        # between two letters), never inside `http://`, and it reads whole again.
        assert all(not ln.endswith(("http:", "http:/")) for ln in joined), (width, joined)
        assert "http://example.com/a?b=1" in "".join(joined)
        assert "rx@chinadaily.com.cn" in "".join(joined)


def test_english_breaks_only_at_spaces() -> None:
    text = documents.english().blocks[0].text
    words = set(text.split())
    for width in range(15, 60, 3):
        for line in wrap(text, em_measure, float(width)):
            assert set(line_text(line).split()) <= words


def test_english_quotes_and_brackets_stay_with_their_words() -> None:
    # Straight quotes are both opening and closing marks: neither may be parted from its word.
    text = (
        'It cost $48.6 million (about a third more), and "The old span was never designed '
        'for the loads it carries today," said engineer Mara Lindqvist, who called it "done."'
    )
    words = set(text.split())
    for width in range(12, 70):
        lines = wrap(text, em_measure, float(width))
        for line in lines:
            assert set(line_text(line).split()) <= words, (width, line_text(line))


def test_a_word_longer_than_the_line_is_cut_rather_than_overflowing() -> None:
    lines = wrap("见https://example.com/a/very/long/path/that/does/not/fit", em_measure, 10.0)
    assert all(ln.width <= 10.0 + 1e-6 for ln in lines)
    assert (
        "".join(ln.text for ln in lines)
        == "见https://example.com/a/very/long/path/that/does/not/fit"
    )


def test_glued_marks_take_no_justification_space() -> None:
    groups = boxes("说：“好”，$1.5", em_measure)
    texts = ["".join(a.text for a in g) for g in groups]
    assert texts == ["说：“好”，$1.5"] or texts[0].startswith("说：")
    line = wrap("一二三，四五", em_measure, 20.0)[0]
    # 一|二|三，|四|五: four places to stretch, none between 三 and ，
    assert stretch_points(line) == 4


def test_each_han_character_is_a_box_and_marks_glue_to_the_run_ends() -> None:
    groups = boxes("他说“中文版”。《人民》", em_measure)
    assert ["".join(a.text for a in g) for g in groups] == [
        "他", "说", "“中", "文", "版”。", "《人", "民》"
    ]
    # Glued inside a box (no stretch), free between boxes.
    assert [[a.joined for a in g] for g in groups][2:5] == [[True, False], [False],
                                                          [True, True, False]]


def test_the_tokenizers_han_class_is_charclass_is_han() -> None:
    from convert.charclass import HAN_RANGES, is_han

    han = re.compile(f"[{HAN_RANGES}]")
    differ = [hex(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF
              and bool(han.match(chr(c))) != is_han(chr(c))]
    assert differ == []


def test_justified_lines_fill_the_width_exactly() -> None:
    text = paragraphs()[0]
    width = 17.0
    lines = wrap(text, em_measure, width, indent=2.0)
    for line in lines[:-1]:
        g = gap(line, width, max_gap=1.0)
        assert line.indent + line.width + g * stretch_points(line) == pytest.approx(width)
    assert gap(lines[-1], width, max_gap=1.0) == 0.0


CJK = st.sampled_from(list("中文排版测试一二三四五六七八九十的了是在"))
MARKS = st.sampled_from(sorted(MUST_NOT_START | MUST_NOT_END))
LATIN = st.sampled_from(["abc", "2020", "1.5", "x@y.cn", " ", "Hello world"])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(CJK, CJK, CJK, MARKS, LATIN), min_size=1, max_size=80),
    st.integers(min_value=6, max_value=30),
)
def test_any_mix_of_marks_keeps_the_rules(parts: list[str], width: int) -> None:
    text = "".join(parts).strip()
    if not text:
        return
    lines = wrap(text, em_measure, float(width))
    assert "".join(ln.text for ln in lines).replace(" ", "") == text.replace(" ", "")
    for i, line in enumerate(lines):
        assert line.indent + line.width <= width + 1e-6
        t = line_text(line)
        # Only a run of marks longer than a line may break the rules (nothing else fits).
        if i > 0 and t and t[0] in MUST_NOT_START:
            prev = line_text(lines[i - 1])
            assert all(c in MUST_NOT_START | MUST_NOT_END for c in prev), (prev, t)


def test_a_long_url_breaks_inside_rather_than_leaving_a_loose_line() -> None:
    url = "https://www.example.gov/harbor-bridge/schedule"
    text = f"Details are posted at {url}, and questions can be sent to the city."
    lines = wrap(text, em_measure, 24.0)
    check_lines(text, lines, 24.0)
    # The address starts on the first line, which is full instead of half empty.
    assert "https://www.example.gov/" in line_text(lines[0])
    assert lines[0].width >= 23.0
    for line in lines:
        atoms = [a for a in line.atoms if a.text.strip()]
        inside = [a for a in atoms if a.text in url and a.text.strip(",")]
        # No justification space between the pieces of the address.
        assert all(a.joined for a in inside if a is not atoms[-1])
    # `https://` itself is never cut.
    assert all(not line_text(ln).endswith(("https:/", "https:")) for ln in lines)
