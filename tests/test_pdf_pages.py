"""Page breaks: no widows or orphans, headings kept with what follows, full pages."""

from __future__ import annotations

import pytest

from convert.writers.base import RenderOptions
from convert.writers.pdf_fonts import document_fonts
from convert.writers.pdf_layout import BODY, BOTTOM, HEADING, Flow, _goes_over

SENTENCE = "市政府今天召开新闻发布会，介绍全市重点工程项目的建设进展和下一步工作安排。"


def test_the_last_line_never_goes_over_alone() -> None:
    step = 10.0
    last_fitting = BOTTOM + step  # this line fits, the next would not
    # Four lines of a six-line paragraph are on the page: the fifth goes over with the last.
    assert _goes_over(last_fitting, step, left=1, on_page=4)
    # Two or more lines follow: they make a page of their own, no widow.
    assert not _goes_over(last_fitting, step, left=2, on_page=4)
    # The next line fits too: nothing to move.
    assert not _goes_over(BOTTOM + 2 * step, step, left=1, on_page=4)
    # Moving a line must not leave a single one behind (an orphan).
    assert not _goes_over(last_fitting, step, left=1, on_page=1)
    assert _goes_over(last_fitting, step, left=1, on_page=2)


def layout(blocks: list[tuple[str, str]]) -> tuple[Flow, list[list[tuple[int, int]]]]:
    """The flow, and for each block the (page, line index) of each of its lines."""
    text = "".join(t for _, t in blocks)
    flow = Flow(document_fonts(text, RenderOptions(), "zh-Hans"))
    where = []
    for kind, t in blocks:
        before = [len(p) for p in flow.pages]
        style = HEADING[2] if kind == "h" else BODY
        flow.add(t, style, next_height=(style.before + 2 * BODY.size * BODY.leading)
                 if kind == "h" else 0.0)
        placed = []
        for page_no, page in enumerate(flow.pages):
            start = before[page_no] if page_no < len(before) else 0
            placed += [(page_no, k) for k in range(start, len(page))]
        where.append(placed)
    return flow, where


def article() -> list[tuple[str, str]]:
    blocks = []
    for n in range(40):
        if n % 9 == 4:
            blocks.append(("h", f"第{n}部分"))
        # Paragraphs of 1 to 7 lines, in an order that lands breaks everywhere.
        blocks.append(("p", SENTENCE * (1 + (n * 5) % 7) * 1))
    return blocks


def test_a_long_article_has_no_widows_orphans_or_short_pages() -> None:
    blocks = article()
    flow, where = layout(blocks)
    assert len(flow.pages) >= 4
    step = BODY.size * BODY.leading
    for (kind, text), placed in zip(blocks, where, strict=True):
        pages = [p for p, _ in placed]
        if kind == "p" and len(set(pages)) > 1:
            for page in set(pages):
                assert pages.count(page) >= 2, (pages, text[:10])
    for number, page in enumerate(flow.pages[:-1]):
        lowest = min(placed.y for placed in page)
        next_first = flow.pages[number + 1][0]
        heading_follows = next_first.style.role == "heading"
        if not heading_follows:
            # The last line's box ends near the foot (its baseline sits `descent` above
            # the bottom of its box).
            descent = step - BODY.size * (0.8 + (BODY.leading - 1) / 2)
            # At most one more line would have fitted (the rest is the page's odd fraction).
            assert lowest - descent - BOTTOM < 2 * step + BODY.after, number


def test_a_heading_is_never_the_last_thing_on_a_page() -> None:
    flow, _ = layout(article())
    for page in flow.pages[:-1]:
        assert page[-1].style.role != "heading"
        assert page[-1].style.size == pytest.approx(BODY.size)


def test_a_loose_english_line_spaces_its_letters_a_little_before_its_words() -> None:
    import io

    from convert.linebreak import TRACKING
    from convert.model import Document, Meta, paragraph
    from convert.typography_check import lines
    from convert.writers.pdf import render
    from convert.writers.pdf_layout import BODY_LATIN, LEFT, TEXT_WIDTH, _spread

    pytest.importorskip("pdfplumber")
    # NT$16.82 can neither break nor fit on the first line, which is left loose.
    text = ("According to the exchange, foreign institutional investors bought a net "
            "NT$16.82 billion in shares on Monday.")
    flow = Flow(document_fonts(text, RenderOptions(), "en"))
    flow.latin_text = True
    first = flow.lines(text, BODY_LATIN)[0]
    assert not first.last
    _share, tracking = _spread(first, BODY_LATIN)
    assert 0 < tracking <= TRACKING * BODY_LATIN.size + 1e-9
    # Drawn: the line still ends at the margin, its letters a little apart.
    doc = Document(meta=Meta(title="Shares", language="en"), blocks=(paragraph(text),))
    drawn = lines(io.BytesIO(render(doc, RenderOptions()).data))  # type: ignore[arg-type]
    line = next(ln for ln in drawn if ln[0].text == "A")
    assert line[-1].x1 == pytest.approx(LEFT + TEXT_WIDTH, abs=0.05)
    a, c = line[0], line[1]  # A|c: the letter spacing shows between them
    assert (c.x0 - a.x1) == pytest.approx(tracking, abs=0.01)
