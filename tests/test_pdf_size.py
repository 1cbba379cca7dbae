"""What the PDF's bytes are spent on: subsets carry glyphs, not repeated baggage."""

from __future__ import annotations

import io
import re
from collections import Counter

from fontTools.ttLib import TTFont

from convert.model import Document, Meta, paragraph
from convert.writers.base import RenderOptions
from convert.writers.pdf import render
from tests import documents
from tests.test_pdf import reader

OPTIONS = RenderOptions()


def embedded_fonts(data: bytes) -> dict[str, object]:
    """BaseFont -> font dictionary, over every page."""
    found = {}
    for page in reader(data).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def test_subset_name_tables_keep_the_notice_once_and_no_licence_text() -> None:
    for base, font in embedded_fonts(render(documents.zh_hans(), OPTIONS).data).items():
        program = font["/FontDescriptor"]["/FontFile2"].get_object().get_data()
        names = TTFont(io.BytesIO(program))["name"].names
        assert {r.platformID for r in names} == {3}, base  # one platform's records
        ids = {r.nameID for r in names}
        assert {0, 1, 6} <= ids, base  # copyright notice, family and PostScript name stay
        text = " ".join(r.toUnicode() for r in names)
        assert "Public License" not in text and "PREAMBLE" not in text.upper(), base


def test_no_glyph_is_embedded_twice_across_a_faces_subsets() -> None:
    # reportlab cuts a face into 256-glyph subsets; a character goes in only one of them.
    common = "".join(chr(0x4E00 + i) for i in range(0, 3000, 5))  # 600 distinct characters
    doc = Document(Meta(title="字表"), (paragraph(common + common[::-1]),))
    data = render(doc, OPTIONS).data
    per_face: dict[str, Counter[str]] = {}
    for base, font in embedded_fonts(data).items():
        face = base.split("+", 1)[1]
        cmap = font["/ToUnicode"].get_object().get_data().decode("ascii")
        body = cmap.split("beginbfchar", 1)[1]
        targets = re.findall(r"<[0-9A-F]{2}> <([0-9A-F]+)>", body)
        per_face.setdefault(face, Counter()).update(t for t in targets if t not in ("0000", "0020"))
    assert max(len(c) for c in per_face.values()) > 512  # more than two subsets of one face
    assert sum(1 for base in embedded_fonts(data) if "UMing" in base) >= 3
    for face, counts in per_face.items():
        assert counts and max(counts.values()) == 1, face


def test_to_unicode_cmap_maps_each_code_to_its_character_in_utf16() -> None:
    from convert.writers.pdf_fonts import _to_unicode_cmap

    subset = [0, 0x4E00, 0x20BB7, 0x41, 0x4E00 + 1]
    for _ in range(2):  # the second time from the remembered targets
        cmap = _to_unicode_cmap("AAAAAA+UMing", subset)
        body = cmap.split("5 beginbfchar\n", 1)[1].split("\nendbfchar", 1)[0]
        assert body.split("\n") == ["<00> <0000>", "<01> <4E00>", "<02> <D842DFB7>",
                                    "<03> <0041>", "<04> <4E01>"]
        assert "<00> <04>\nendcodespacerange" in cmap
    longer = _to_unicode_cmap("X", list(range(0x4E00, 0x4E00 + 300)))  # never from reportlab
    assert "300 beginbfchar\n<00> <4E00>\n" in longer
    assert "\n<FF> <4EFF>\n<100> <4F00>\n" in longer and "\n<12B> <4F2B>\nendbfchar" in longer
