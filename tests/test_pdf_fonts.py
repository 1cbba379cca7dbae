"""pdf_fonts' per-character answers, which its callers ask once per drawn character."""

from __future__ import annotations

from convert.writers import pdf_fonts
from convert.writers.base import RenderOptions


def test_invisible_is_controls_and_format_characters_but_tab_and_newline() -> None:
    for ch in ("\u200b", "\ufeff", "\u200d", "\x07", "\x00", "\u2060", "\u00ad"):
        assert pdf_fonts.invisible(ch), repr(ch)
        assert pdf_fonts.invisible(ch), repr(ch)  # the remembered answer is the same
    for ch in ("\t", "\n", " ", "\u3000", "A", "中", "。", "\U00020bb7", "\ue000"):
        assert not pdf_fonts.invisible(ch), repr(ch)
        assert not pdf_fonts.invisible(ch), repr(ch)


def test_what_no_face_has_is_reported_once_and_invisibles_never() -> None:
    text = "中文\u200b報導\ufeff，\t記者\U000e01ef\U000e01ef 王小明\n\u0378"
    found = pdf_fonts.document_fonts(text, RenderOptions(), "zh-Hans")
    assert "\u200b" not in found.missing and "\ufeff" not in found.missing
    assert not {"中", "文", "報", "導", "王", " ", "\t", "\n"} & set(found.missing)
    assert found.missing == sorted(set(found.missing))
    assert "\u0378" in found.missing  # unassigned: no face anywhere has it
