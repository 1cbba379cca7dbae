"""Long texts as PDF: a nested outline of every chapter, chapters on a new page, running
heads, pages drawn as they are laid out, long paragraphs wrapped a piece at a time."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from convert.model import Document, Meta, paragraph
from convert.writers import pdf_layout
from convert.writers.base import RenderOptions
from convert.writers.pdf import render
from convert.writers.pdf_fonts import document_fonts
from convert.writers.pdf_layout import BODY, Flow
from tests.longtext_books import SENTENCES, novel

OPTIONS = RenderOptions()


@pytest.fixture(scope="module")
def book() -> PdfReader:
    doc = novel(volumes=2, chapters=3, paragraphs=45)  # 35,000 characters: a long text
    return PdfReader(io.BytesIO(render(doc, OPTIONS).data))


def outline(reader: PdfReader, items: list | None = None) -> list:
    """The outline as nested [(title, page), [children]] lists."""
    out: list = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            out.append(outline(reader, item))
        else:
            out.append((item.title, reader.get_destination_page_number(item)))
    return out


def page_lines(reader: PdfReader, n: int) -> list[str]:
    return [line.strip() for line in reader.pages[n].extract_text().splitlines() if line.strip()]


def test_outline_lists_every_chapter_nested_under_its_volume(book: PdfReader) -> None:
    tree = outline(book)
    assert tree[0] == ("长河旧事", 0)
    volumes = tree[1]
    assert [entry[0] for entry in volumes if isinstance(entry, tuple)] == [
        "第1卷 潮起之1", "第2卷 潮起之2"]
    assert [title for title, _ in volumes[1]] == ["第1章 河边第1夜", "第2章 河边第2夜",
                                                 "第3章 河边第3夜"]
    assert [title for title, _ in volumes[3]] == ["第4章 河边第4夜", "第5章 河边第5夜",
                                                 "第6章 河边第6夜"]


def test_chapters_start_a_page_and_later_pages_carry_the_chapter_title(book: PdfReader) -> None:
    tree = outline(book)
    volumes = tree[1]
    # Volumes and chapters in reading order, each with the page the next one starts on.
    entries = [volumes[0], *volumes[1], volumes[2], *volumes[3]]
    starts = [page for _, page in entries]
    assert len(set(starts)) == 8
    for (title, page), next_start in zip(entries, [*starts[1:], len(book.pages)], strict=True):
        assert page_lines(book, page)[0] == title  # the heading opens its page, no head above
        if title.startswith("第") and "章" in title:
            assert next_start - page >= 2  # 45 paragraphs run over a page
        for later in range(page + 1, next_start):
            assert page_lines(book, later)[0] == title  # the running head
    assert starts[1] == starts[0] + 1  # a volume's page holds only its heading


def test_an_article_has_no_running_heads() -> None:
    doc = Document(Meta(title="短文"), tuple(paragraph(SENTENCES[0] * 40) for _ in range(40)))
    reader = PdfReader(io.BytesIO(render(doc, OPTIONS).data))
    assert len(reader.pages) >= 2
    assert all("短文" not in page.extract_text() for page in reader.pages[1:])


def _text(n: int) -> str:
    words = "Harbour Road 2024年 https://example.com/a/b 12.5% “引号”（括号） "
    return "".join(SENTENCES[i % 5] + (words if i % 3 == 0 else "") for i in range(n))


@pytest.mark.parametrize("piece", [97, 257, 1001])  # cuts in words, URLs, spaces, marks
def test_a_long_paragraph_wraps_a_piece_at_a_time_as_well_as_whole(
    monkeypatch: pytest.MonkeyPatch, piece: int
) -> None:
    # The whole-paragraph breaker may choose other breaks near a piece's end than it
    # would with the whole text in view; what must hold is the text, the measure and
    # the length.
    text = _text(200)
    flow = Flow(document_fonts(text, OPTIONS, "zh-Hans"))
    whole = flow.lines(text, BODY, pdf_layout.TEXT_WIDTH)
    monkeypatch.setattr(pdf_layout, "WRAP_PIECE", piece)
    pieces = list(flow._lines(text, BODY, pdf_layout.TEXT_WIDTH))
    assert len(whole) > 50

    def joined(lines: list) -> str:
        return "".join(ln.text for ln in lines).replace(" ", "")

    assert joined(pieces) == joined(whole) == text.replace(" ", "")
    assert abs(len(pieces) - len(whole)) <= 1
    assert max(ln.width for ln in pieces) <= max(ln.width for ln in whole) + 1e-6
    assert [ln.last for ln in pieces] == [False] * (len(pieces) - 1) + [True]
    assert pieces[0].indent == whole[0].indent and all(ln.indent == 0 for ln in pieces[1:])


def test_a_streaming_flow_hands_over_each_page_with_its_marks() -> None:
    text = _text(30)
    got: list[tuple[int, list[str]]] = []
    flow = Flow(document_fonts(text + "标题", OPTIONS, "zh-Hans"),
                sink=lambda page, marks: got.append((len(page), [m.title for m in marks])))
    for n in range(12):
        flow.add(f"标题{n}", pdf_layout.HEADING[2], mark=(f"标题{n}", 1, f"k{n}"))
        flow.add(text, BODY)
    flow.finish()
    assert len(got) == flow.done > 3
    assert flow.pages == [[]] and flow.marks == []  # nothing kept once handed over
    assert [t for _, marks in got for t in marks] == [f"标题{n}" for n in range(12)]
    assert all(lines > 0 for lines, _ in got)


def test_pages_deflated_early_are_the_bytes_reportlab_writes_at_save(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from convert.writers import pdf_stream

    doc = novel(volumes=1, chapters=3, paragraphs=80)
    early = render(doc, OPTIONS).data
    monkeypatch.setattr(pdf_stream, "compress_last_page", lambda canvas: None)
    assert render(doc, OPTIONS).data == early
    reader = PdfReader(io.BytesIO(early))
    assert "河边第1夜" in reader.pages[2].extract_text()
