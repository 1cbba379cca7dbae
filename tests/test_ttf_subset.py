"""The in-place subsetter cuts the same font subsets as reportlab's own."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics

from convert import fonts
from convert.writers import pdf_fonts, ttf_subset

# Latin with accents (DejaVu draws many as composite glyphs), CJK, a character no
# face has (glyph 0), and a run of equal advances at the end (hmtx's short form).
TEXTS = {
    "latin": "Ångström, façade, naïve, Œuvre, Ǆ, ǅ, ǆ — “quoted” ½ ¼ ﬁ",
    "han": "新闻记者缪友银报道疫情防控工作领导小组会议" + "\uffff" + "一二三四五六七八九十",
    "mixed": "吉林日报 2020 年 5 月 16 日 · Reuters/AP",
}
FACES = {
    "serif": lambda: fonts.serif_face("zh-Hans"),
    "sans": fonts.sans_face,
    "latin": fonts.latin_face,
    "hant": lambda: fonts.serif_face("zh-Hant"),
}


@pytest.mark.parametrize("face", sorted(FACES))
@pytest.mark.parametrize("text", sorted(TEXTS))
def test_same_bytes_as_reportlabs_subsetter(face: str, text: str) -> None:
    font = pdfmetrics.getFont(pdf_fonts.registered(FACES[face]()).name).face
    codes = sorted({ord(ch) for ch in TEXTS[text]})
    assert ttf_subset.make_subset(font, codes) == ttf_subset._original(font, codes)


def _latin_composites():  # -> (the Latin face, its accented letters drawn as composites)
    font = pdfmetrics.getFont(pdf_fonts.registered(fonts.latin_face()).name).face
    glyf = font.table["glyf"]["offset"]
    return font, [code for code in range(0xC0, 0x180) if code in font.charToGlyph
                  and font._ttf_data[glyf + font.glyphPos[font.charToGlyph[code]]] & 0x80]


def test_composite_glyphs_are_renumbered_like_reportlab_does() -> None:
    font, composite = _latin_composites()
    assert composite, "DejaVu Serif draws accented letters as composites"
    assert ttf_subset.make_subset(font, composite) == ttf_subset._original(font, composite)


def test_glyphs_read_for_one_subset_are_renumbered_again_in_the_next() -> None:
    # Each face's glyphs are read once per process; a composite glyph's components get
    # other numbers in each subset, so the same glyph is copied differently each time.
    font, composite = _latin_composites()
    first = [ord(ch) for ch in "xyz"] + composite[:6]
    second = composite[:6][::-1] + [ord(ch) for ch in "AEIOU"] + composite[6:12]
    for codes in (first, second, first):
        assert ttf_subset.make_subset(font, codes) == ttf_subset._original(font, codes)
    assert ttf_subset.make_subset(font, first) != ttf_subset.make_subset(font, second)


def test_installed_for_reportlabs_faces() -> None:
    from reportlab.pdfbase.ttfonts import TTFontFace

    assert TTFontFace.makeSubset is ttf_subset.make_subset


@pytest.mark.parametrize("lengths", [(54, 7, 0, 1), (54, 32, 100_003), (54,),
                                     (60, 2, 3, 4, 5, 6, 7, 8, 9)])
def test_a_subsets_file_is_laid_out_and_summed_as_reportlabs_maker_does(
        lengths: tuple[int, ...]) -> None:
    from reportlab.pdfbase.ttfonts import TTFontMaker

    tags = ["head", "glyf", "cmap", "loca", "hmtx", "name", "OS/2", "cvt ", "prep"]
    maker = TTFontMaker()
    for n, (tag, length) in enumerate(zip(tags, lengths, strict=False)):
        maker.add(tag, bytes((n * 37 + i * 11) & 0xFF for i in range(length)))  # odd lengths too
    assert ttf_subset._stream(dict(maker.tables)) == maker.makeStream()
