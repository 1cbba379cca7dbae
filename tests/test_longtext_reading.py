"""Reading long texts: the counting helpers stay exact and small on huge lines."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convert import charclass
from convert.charclass import _WIDE_RANGES, display_width

_WIDE_RE = re.compile(f"[{_WIDE_RANGES}]")


def columns(text: str) -> int:
    return sum(2 if _WIDE_RE.match(ch) else 1 for ch in text)


@given(st.text(alphabet="中文字あ한ＡＢ，。a1 é𠮷\u3000—“", max_size=60))
def test_display_width_counts_two_for_every_wide_character(text: str) -> None:
    assert display_width(text) == columns(text)


@pytest.mark.parametrize("piece", [1, 3, 7])
def test_display_width_in_pieces_is_the_same(monkeypatch: pytest.MonkeyPatch,
                                             piece: int) -> None:
    text = "第一章 风起，Harbour Road 2024年𠮷。" * 5
    monkeypatch.setattr(charclass, "_WIDTH_PIECE", piece)
    assert display_width(text) == columns(text)


def test_the_json_of_a_novel_is_what_json_dumps_gives() -> None:
    import json

    from convert.writers.base import RenderOptions
    from convert.writers.json_writer import render
    from tests.longtext_books import novel

    doc = novel(volumes=1, chapters=2, paragraphs=3000)  # far more pieces than one chunk
    expected = json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) + "\n"
    assert render(doc, RenderOptions()).data == expected.encode("utf-8")


def test_the_reader_leaves_the_collector_as_it_found_it() -> None:
    import gc

    import pytest

    from convert.errors import InputError
    from convert.reader import read_text

    assert gc.isenabled()
    read_text("标题\n\n正文。")
    assert gc.isenabled()
    with pytest.raises(InputError):
        read_text("\u200b \n")  # no text: an error on the way out
    assert gc.isenabled()
    gc.disable()
    try:
        read_text("标题\n\n正文。")
        assert not gc.isenabled()  # a caller's own pause is not ended
    finally:
        gc.enable()


def test_not_xml_is_the_complement_of_what_xml_allows() -> None:
    allowed = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    differ = [hex(c) for c in range(0x110000)
              if bool(charclass.NOT_XML.match(chr(c))) == bool(allowed.match(chr(c)))]
    assert differ == []


def test_a_novels_terse_lines_are_text_not_photo_captions() -> None:
    """`满城灯火。` between two long paragraphs is how an article's uncredited photo caption
    looks; in a book, with no photos between its paragraphs, it is the story's."""
    from convert.reader import read_text
    from tests.longtext_books import novel_text

    parts = novel_text().split("\n\n")
    parts.insert(10, "满城灯火。")
    parts.insert(60, "一片寂静。")
    doc = read_text("\n\n".join(parts))
    body = [b.text for b in doc.blocks]
    assert "满城灯火。" in body and "一片寂静。" in body
    assert doc.dropped == ()
