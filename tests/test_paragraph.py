"""Whole-paragraph line breaking (convert.paragraph) and what it shows in the PDF."""

from __future__ import annotations

import io
import unicodedata
from itertools import pairwise

import pytest

from convert.linebreak import wrap
from convert.model import Author, Document, Meta, paragraph
from convert.paragraph import HYPHEN, hyphen_points
from convert.typography_check import Glyph, analyse, lines
from convert.writers.base import RenderOptions
from convert.writers.pdf import render

pytest.importorskip("pdfplumber")


def em_measure(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def test_a_last_line_of_one_han_character_pulls_one_more_down() -> None:
    # First fit: ten characters, then 甲。 alone on the last line.
    lines_ = wrap("一二三四五六七八九十甲。", em_measure, 10.0)
    assert [ln.text for ln in lines_] == ["一二三四五六七八九", "十甲。"]


def test_a_last_line_of_one_han_character_is_avoided_on_longer_paragraphs() -> None:
    text = "国务院常务会议今天召开，会议研究部署进一步做好稳就业工作，要求各地区各部门" * 3 + "延。"
    for width in (10, 13, 17, 20, 23):
        last = wrap(text, em_measure, float(width))[-1].text.strip()
        assert len(last.rstrip("，。")) > 1, (width, last)


def test_english_is_hyphenated_with_liang_patterns() -> None:
    assert hyphen_points("institutional") != ()
    assert hyphen_points("NATO") == ()  # not acronyms
    assert hyphen_points("cat") == ()


def article(language: str, *texts: str) -> Document:
    title = "Harbor bridge reopens" if language == "en" else "城市交通新规今起实施"
    return Document(
        meta=Meta(title=title, published="2025-03-03", language=language,
                  authors=(Author("Jane Alvarez", None),)),
        blocks=tuple(paragraph(t) for t in texts),
    )


def glyph_lines(doc: Document) -> list[list[Glyph]]:
    return lines(io.BytesIO(render(doc, RenderOptions()).data))  # type: ignore[arg-type]


ENGLISH = [
    "The city council approved a sweeping overhaul of the municipal transportation budget "
    "on Tuesday, redirecting nearly forty percent of infrastructure maintenance spending "
    "toward accessibility improvements, protected bicycle lanes and a comprehensive "
    "electrification programme for the ageing bus fleet, officials said.",
    "Councillors argued for hours about the environmental consequences of postponing "
    "resurfacing work on arterial roads, but the administration's representatives "
    "insisted the reallocation was unavoidable given unprecedented inflationary pressure "
    "on construction materials and persistent labour shortages across the region.",
    "Residents can read the full proposal at https://www.example.gov/transport/budget-2025/"
    "overhaul-proposal.pdf or write to transport.feedback@example.gov before March 31.",
]


def test_english_word_spaces_stay_within_the_target() -> None:
    found = analyse(glyph_lines(article("en", *ENGLISH)))
    assert 0.0 < found.word_space <= 0.45, found.word_space_where
    assert found.cjk_marks_in_latin == []


def test_a_hyphenated_line_end_shows_a_soft_hyphen() -> None:
    texts = ["".join(g.text for g in ln) for ln in glyph_lines(article("en", *ENGLISH))]
    assert any(t.endswith(HYPHEN) for t in texts)


CHINESE_WITH_URL = (
    "据市交通委员会介绍，新规全文及配套的实施细则已在官方网站公布，市民可以访问"
    "https://jtw.example.gov.cn/zwgk/tzgg/2025/03/t20250303_1234567.html查看，也可以发送邮件至"
    "traffic-service.feedback@jtw.example.gov.cn反映意见，有关部门将在十五个工作日内予以答复。"
)


def test_han_characters_are_not_spread_around_a_long_url() -> None:
    found = analyse(glyph_lines(article("zh-Hans", CHINESE_WITH_URL, CHINESE_WITH_URL[:60])))
    assert found.han_gap <= 0.3, found.han_gap_where


def quarter_gaps(doc: Document, left: str, right: str) -> list[float]:
    out = []
    for line in glyph_lines(doc):
        for a, b in pairwise(line):
            if a.text == left and b.text == right:
                out.append((b.x0 - a.x1) / a.size)
        for i in range(len(line) - 2):
            if line[i].text == left and line[i + 1].text == " " and line[i + 2].text == right:
                out.append((line[i + 2].x0 - line[i].x1) / line[i].size)
    return out


def test_han_and_latin_meet_with_a_quarter_em_not_doubled_by_a_source_space() -> None:
    doc = article("zh-Hans", "会议于2024年召开。", "他使用 iPhone 拍摄。")
    assert quarter_gaps(doc, "于", "2") == [pytest.approx(0.25, abs=0.01)]
    assert quarter_gaps(doc, "4", "年") == [pytest.approx(0.25, abs=0.01)]
    assert quarter_gaps(doc, "用", "i") == [pytest.approx(0.25, abs=0.01)]


def test_no_quarter_em_at_a_line_start() -> None:
    from convert.writers.pdf_layout import LEFT

    # 38 characters fill the first line after the 2em indent; ABC starts the second.
    found = glyph_lines(article("zh-Hans", "会" * 38 + "ABC公司今天宣布新的计划。"))
    starts = [ln for ln in found if ln[0].text == "A"]
    assert len(starts) == 1
    assert starts[0][0].x0 == pytest.approx(LEFT, abs=0.01)


def test_the_report_counts_one_character_last_lines() -> None:
    def line(text: str, x: float, right: float) -> list[Glyph]:
        step = (right - x) / len(text)
        return [Glyph(ch, x + i * step, x + (i + 1) * step, 10.0, "UMing") for i, ch in
                enumerate(text)]

    full = line("全省之力，坚决阻断疫情蔓", 0.0, 120.0)
    assert len(analyse([full, line("延。", 0.0, 20.0)]).one_char_last_lines) == 1
    assert analyse([full, line("蔓延。", 0.0, 30.0)]).one_char_last_lines == []


# --- word spaces at most 0.45 em: better breaks, hyphenation, and honest ragged lines ---

# Unsplittable tokens (a price, a serial number) that a line cannot take.
LONG_TOKENS = [
    "Analysts said foreign institutional investors bought shares worth "
    "NT$16,820,000,000 on Monday, the largest amount since records began.",
    "The inspectors traced the faulty component to a single production batch "
    "SN4471902883615 assembled in March, the manufacturer confirmed on Friday.",
    "Councillors said the all-purpose venue would host Taiwan’s and Japan’s "
    "delegations, whose representatives insisted the arrangements were provisional.",
]


def word_spaces(line: list[Glyph]) -> list[float]:
    """Each space between two Latin glyphs of a drawn line, in ems."""
    return [
        (c.x0 - a.x1) / a.size
        for a, b, c in zip(line, line[1:], line[2:], strict=False)
        if b.text == " " and (a.text.isalnum() or a.text in ",.’”)")
    ]


def test_no_justified_word_space_is_wider_than_045_em() -> None:
    found = analyse(glyph_lines(article("en", *ENGLISH, *LONG_TOKENS)))
    assert 0.3 < found.word_space <= 0.45, found.word_space_where
    assert len(found.short_lines) == 1  # NT$16,820,000,000's line: set ragged
    assert found.one_char_last_lines == [] and found.cjk_marks_in_latin == []


def test_a_line_that_cannot_be_filled_is_set_ragged_with_natural_spaces() -> None:
    from convert.writers.pdf_layout import LEFT, TEXT_WIDTH

    drawn = [ln for ln in glyph_lines(article("en", LONG_TOKENS[0])) if ln[0].size == 11]
    first = drawn[0]
    # The report counts it (and only it).
    assert analyse(drawn).short_lines == ["".join(g.text for g in first).strip()]
    assert "".join(g.text for g in drawn[1]).startswith("NT$16,820,000,000")
    # Short of the margin by more than a word would leave, its spaces the face's own.
    assert first[-1].x1 < LEFT + TEXT_WIDTH - 5
    assert all(s == pytest.approx(0.318, abs=0.01) for s in word_spaces(first))


def test_ordinary_english_has_no_ragged_line() -> None:
    from convert.linebreak import justify
    from convert.writers.base import RenderOptions as Options
    from convert.writers.pdf_fonts import document_fonts
    from convert.writers.pdf_layout import BODY_LATIN, TEXT_WIDTH, Flow

    for text in ENGLISH:
        flow = Flow(document_fonts(text, Options(), "en"))
        flow.latin_text = True
        for line in flow.lines(text, BODY_LATIN)[:-1]:
            assert justify(line, TEXT_WIDTH, BODY_LATIN.size, max_gap=11.0) != (0.0, 0.0), line


def latin_measure(text: str) -> float:
    """Letters half an em, a word space 0.3 em: room for a space to open to 0.45 em."""
    return sum(0.3 if c == " " else 0.5 for c in text)


def test_the_breaker_sets_no_line_ragged_when_another_way_exists() -> None:
    import random
    from itertools import combinations

    from convert.linebreak import Faces
    from convert.paragraph import _items, _optimal, _Paragraph

    faces = Faces(latin_measure, True, 0.25)
    rng = random.Random(7)
    checked = 0
    for _ in range(300):
        words = ["".join("x" * rng.randint(1, 9)) for _ in range(rng.randint(5, 9))]
        width = rng.choice([6.0, 7.5, 9.0, 11.0])
        boxes, bounds, widths = _items(" ".join(words), latin_measure, width, 0.0, None, faces)
        par = _Paragraph(boxes, bounds, widths, width, 0.0, 1.0, 0.5, True)
        if par.n > 12:
            continue

        def lines_of(breaks: list[int]) -> list[tuple[int, int]]:
            return list(zip([0, *breaks[:-1]], breaks, strict=True))

        def fits(par: _Paragraph, breaks: list[int]) -> bool:
            return all(par.badness(s, e) != float("inf") for s, e in lines_of(breaks))

        def loose(par: _Paragraph, breaks: list[int]) -> int:
            return sum(par.too_loose(s, e) for s, e in lines_of(breaks))

        ways = [
            [*cut, par.n]
            for k in range(par.n)
            for cut in combinations(range(1, par.n), k)
            if fits(par, [*cut, par.n])
        ]
        if not ways:
            continue
        checked += 1
        assert loose(par, _optimal(par)) == min(loose(par, w) for w in ways), (words, width)
    assert checked > 100


def test_compounds_and_possessives_hyphenate_inside_their_parts() -> None:
    from convert.linebreak import Faces

    faces = Faces(em_measure, True, 0.25)
    # `ab cd ef Tai-` fills 6.5 em exactly, `ab cd all-pur-` 7 em; neither word fits whole.
    found = wrap("ab cd ef Taiwan’s gh", em_measure, 6.5, faces=faces)
    assert found[0].text == "ab cd ef Tai" + HYPHEN
    found = wrap("ab cd all-purpose gh", em_measure, 7.0, faces=faces)
    assert found[0].text == "ab cd all-pur" + HYPHEN


def test_a_chinese_line_ending_in_english_words_spreads_han_gaps_not_word_spaces() -> None:
    text = ("记者了解到，今年3月27日，国际密码协会（International Association for Cryptologic "
            "Research，简称IACR）公布了2019年当选会士名单。")
    found = analyse(glyph_lines(article("zh-Hans", text)))
    assert 0.4 < found.word_space <= 0.45, found.word_space_where
    assert found.han_gap <= 0.3


def test_justify_caps_word_spaces_then_spaces_letters_then_goes_ragged() -> None:
    from convert.linebreak import TRACKING, Atom, Line, justify, word_cap

    size = 10.0
    space = Atom(" ", 3.2, space=True)
    atoms = (Atom("aaaa", 20.0), space, Atom("bbbb", 20.0), space, Atom("cccc", 20.0))
    line = Line(atoms, 66.4, 0.0, False)
    cap = word_cap(space, size)
    assert 3.2 + 2 * cap == pytest.approx(4.5, abs=1e-3)  # 0.45 em
    share, tracking = justify(line, 67.0, size, max_gap=size)  # a little: spaces alone
    assert tracking == 0.0 and share == pytest.approx(0.15)
    share, tracking = justify(line, 70.0, size, max_gap=size)  # more: letters help
    assert share == pytest.approx(cap) and 0 < tracking <= TRACKING * size
    assert 4 * share + 9 * tracking == pytest.approx(3.6)
    assert justify(line, 80.0, size, max_gap=size) == (0.0, 0.0)  # too much: ragged


def test_justify_gives_han_gaps_what_word_spaces_cannot_take() -> None:
    from convert.linebreak import Atom, Line, justify, word_cap

    size = 10.0
    space = Atom(" ", 3.2, space=True)
    han = tuple(Atom("字", 10.0) for _ in range(8))
    line = Line((*han, Atom("word", 20.0), space, Atom("for", 15.0)), 118.2, 0.0, False)
    share, tracking = justify(line, 128.2, size, max_gap=size)
    # Eight Han/Latin boundaries take the rest; the word space only its cap.
    assert tracking == 0.0
    assert 8 * share + 2 * word_cap(space, size) == pytest.approx(10.0)
    assert share <= 0.3 * size
