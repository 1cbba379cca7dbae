"""Punctuation squeezing (标点挤压) and hanging line-end marks in the PDF writer."""

from __future__ import annotations

import io
import re
import unicodedata

import pypdf
import pytest
from pypdf.generic import ContentStream

from convert.linebreak import stretch_points, wrap
from convert.model import Document, Meta, paragraph
from convert.writers.base import RenderOptions
from convert.writers.pdf import render
from convert.writers.pdf_fonts import document_fonts
from convert.writers.pdf_layout import BODY, LEFT, TEXT_WIDTH, Flow
from tests.test_pdf import extracted, pdftotext, squash

OPTIONS = RenderOptions()
TEXT = "他说：“今天的会议很重要。”大家（包括我）、你们都同意，“好”。"


def em(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def half(ch: str) -> float:
    return 0.5


def test_a_closing_mark_before_another_mark_gives_up_half_its_box() -> None:
    (line,) = wrap(TEXT, em, 100.0, squeeze=half)
    trimmed = [(i, a.text) for i, a in enumerate(line.atoms) if a.trim]
    # ：“  。”  ）、  ，“  ”。 — the first of each pair; the last 。 ends the paragraph.
    assert [t for _, t in trimmed] == ["：", "。", "）", "，", "”"]
    for i, _ in trimmed:
        assert line.atoms[i + 1].text in "“”、。"
        assert line.atoms[i].width == 0.5
    assert line.width == em(TEXT) - 0.5 * len(trimmed)
    (plain,) = wrap(TEXT, em, 100.0)
    assert plain.width == em(TEXT) and not any(a.trim for a in plain.atoms)


def test_the_faces_squeeze_only_empty_space() -> None:
    # UMing draws ，and ” in the left half, but centres 。 and 、: they give up less.
    flow = Flow(document_fonts(TEXT, OPTIONS, "zh-Hans"))
    squeeze = flow.squeeze(BODY)
    assert squeeze("，") == pytest.approx(BODY.size / 2)
    assert squeeze("”") == pytest.approx(BODY.size / 2)
    assert 0 < squeeze("。") < BODY.size / 2
    assert 0 < squeeze("、") < BODY.size / 2
    assert squeeze("字") == 0 and squeeze("“") == 0  # not a closing mark


def test_a_justified_line_ending_in_a_comma_lets_it_hang() -> None:
    text = "字" * 37 + "，" + "字" * 30 + "。"
    flow = Flow(document_fonts(text, OPTIONS, "zh-Hans"))
    first = flow.add(text, BODY)[0]
    placed = flow.pages[0][0]
    assert first.text.endswith("，") and placed.hang == pytest.approx(BODY.size / 2)
    right = placed.x + first.width + placed.gap * stretch_points(first)
    # The comma's box reaches past the margin by its empty half; its ink stays inside.
    assert right == pytest.approx(LEFT + TEXT_WIDTH + placed.hang)
    assert flow.pages[0][1].hang == 0  # the last line is ragged: nothing hangs


def _char_spacings(data: bytes) -> list[float]:
    pdf = pypdf.PdfReader(io.BytesIO(data))
    ops = ContentStream(pdf.pages[0].get_contents(), pdf).operations
    return [float(args[0]) for args, op in ops if op == b"Tc"]


def test_the_pdf_draws_the_squeeze_and_the_text_reads_back_unchanged() -> None:
    doc = Document(Meta(title="挤压"), (paragraph(TEXT),))
    data = render(doc, OPTIONS).data
    flow = Flow(document_fonts(TEXT, OPTIONS, "zh-Hans"))
    squeeze = flow.squeeze(BODY)
    negative = sorted(round(-s, 3) for s in _char_spacings(data) if s < 0)
    assert negative == sorted(round(squeeze(ch), 3) for ch in "：。），”")
    assert extracted(data) == squash("挤压" + TEXT)
    assert squash(pdftotext(data)).replace("—1—", "") == squash("挤压" + TEXT)


@pytest.mark.parametrize("language", ["zh-Hans", "zh-Hant"])
def test_squeezed_seed_like_text_reads_back(language: str) -> None:
    text = "本报讯（记者）今天，“四个意识”强不强、“两个维护”坚决不坚决。”他说：“好。”" * 6
    doc = Document(Meta(title="标题", language=language), (paragraph(text),))
    data = render(doc, OPTIONS).data
    assert any(s < 0 for s in _char_spacings(data))
    assert extracted(data) == squash("标题" + text)
    assert re.sub(r"—\d+—", "", squash(pdftotext(data))) == squash("标题" + text)
