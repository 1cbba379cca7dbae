"""convert.fonts: the bundled faces, --font / --font-family, and embeddable subsets."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from convert import fonts
from convert.errors import ConvertError
from convert.writers.base import RenderOptions
from tests import documents


def make_cff_font(path: Path, chars: str) -> Path:
    """A tiny OpenType/CFF font (a square per character), as Noto CJK or Source Han are built."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    names = [".notdef", "space"] + [f"uni{ord(c):04X}" for c in chars]
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({32: "space", **{ord(c): f"uni{ord(c):04X}" for c in chars}})
    strings = {}
    for name in names:
        pen = T2CharStringPen(1000, None)
        if name != "space":
            pen.moveTo((100, -100))
            pen.curveTo((100, 500), (300, 800), (900, 800))
            pen.lineTo((900, -100))
            pen.closePath()
        strings[name] = pen.getCharString()
    fb.setupCFF("ConvertTest-Regular", {"FullName": "ConvertTest"}, strings, {})
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "ConvertTest", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.save(str(path))
    return path


def test_bundled_fonts_are_found_and_named_as_their_name_tables_say() -> None:
    folder = fonts.fonts_dir()
    assert (folder / "uming.ttc").is_file()
    for language, family in [
        ("zh-Hans", "AR PL UMing CN"),
        ("zh-Hant", "AR PL UMing TW"),
        ("zh-Hant-HK", "AR PL UMing HK"),
    ]:
        face = fonts.serif_face(language)
        assert face.family == family
        font = TTFont(str(face.path), fontNumber=face.index, lazy=True)
        assert font["name"].getDebugName(1) == family
        assert "glyf" in font  # reportlab reads only TrueType outlines
    sans = fonts.sans_face()
    assert TTFont(str(sans.path), fontNumber=0, lazy=True)["name"].getDebugName(1) == sans.family
    assert fonts.bundled_family_names("zh-Hant") == {
        "serif": "AR PL UMing TW",
        "sans": "WenQuanYi Micro Hei",
        "latin": "DejaVu Serif",
    }


def test_every_bundled_font_has_its_licence_beside_it() -> None:
    folder = fonts.fonts_dir()
    licences = " ".join(p.read_text("utf-8", "replace") for p in (folder / "licenses").iterdir())
    assert "ARPHIC PUBLIC LICENSE" in licences
    assert "Apache License" in licences
    assert "Hanazono Font License" in licences


def test_the_bundled_chain_covers_the_rare_characters() -> None:
    chain = [fonts.serif_face("zh-Hans"), *fonts.bundled_fallbacks("zh-Hans")]
    assert fonts.missing_chars(documents.RARE_CHARACTERS, chain) == []
    assert fonts.missing_chars("\U00031350", chain) == ["\U00031350"]


def test_embeddable_font_is_a_subset_of_the_body_face() -> None:
    text = documents.zh_hans().all_text()
    embedded = fonts.embeddable_font(text, RenderOptions())
    assert embedded.family == "AR PL UMing CN"
    assert (embedded.filename, embedded.media_type) == ("body.ttf", "font/ttf")
    font = TTFont(io.BytesIO(embedded.data))
    cmap = font.getBestCmap()
    for ch in set(text) - {"\n"}:
        assert ord(ch) in cmap, ch
    assert ord("A") in cmap  # basic Latin kept for text typed later
    assert ord("鑫") not in cmap  # not in the text: cut away
    assert font["name"].getDebugName(1) == "AR PL UMing CN"
    assert len(embedded.data) < 400_000  # the whole face is 21 MB
    again = fonts.embeddable_font(text, RenderOptions())
    assert again.data == embedded.data  # deterministic (no timestamp)


def test_embeddable_font_follows_language_and_options(tmp_path: Path) -> None:
    hant = fonts.embeddable_font("臺灣", RenderOptions(), language="zh-Hant")
    assert hant.family == "AR PL UMing TW"
    wqy = fonts.embeddable_font(
        "中文", RenderOptions(font=fonts.fonts_dir() / "wqy-microhei.ttc", font_index=0)
    )
    assert wqy.family == "WenQuanYi Micro Hei"
    otf = fonts.embeddable_font(
        "中文", RenderOptions(font=make_cff_font(tmp_path / "t.otf", "中文"))
    )
    assert (otf.family, otf.media_type, otf.filename) == ("ConvertTest", "font/otf", "body.otf")
    assert "CFF " in TTFont(io.BytesIO(otf.data))


def test_cff_outlines_convert_to_truetype(tmp_path: Path) -> None:
    face = fonts.face_from_file(make_cff_font(tmp_path / "t.otf", "测试"))
    assert fonts.is_cff(face)
    data = fonts.subset_bytes(face, frozenset("测"), to_truetype=True)
    font = TTFont(io.BytesIO(data))
    assert "glyf" in font and "CFF " not in font
    glyph = font["glyf"][font.getBestCmap()[ord("测")]]
    assert glyph.numberOfContours == 1
    assert ord("试") not in font.getBestCmap()


def test_bad_font_options_are_errors_a_user_can_read(tmp_path: Path) -> None:
    with pytest.raises(ConvertError, match="font not found"):
        fonts.body_face(RenderOptions(font=tmp_path / "missing.ttf"))
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"not a font at all")
    with pytest.raises(ConvertError, match="not a usable font"):
        fonts.body_face(RenderOptions(font=junk))


def test_region_of_language_tags() -> None:
    assert [fonts.region_of(t) for t in ["zh-Hans", "zh-Hant", "zh-Hant-HK", "zh-TW", "en"]] == [
        "CN",
        "TW",
        "HK",
        "TW",
        "CN",
    ]


def test_coverage_script_counts_the_standards(tmp_path: Path) -> None:
    import importlib.util

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location(
        "font_coverage", ROOT / "scripts/font_coverage.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert len(module.gb2312_hanzi()) == 6763
    assert len(module.big5_hanzi()) == 13053
    unihan = tmp_path / "Unihan_OtherMappings.txt"
    unihan.write_text(
        "# kTGH\nU+4E00\tkTGH\t2013:0001\nU+4E8C\tkGB0\t1234\nU+20BB7\tkTGH\t2013:9\n"
    )
    assert module.tgh_from_unihan(unihan) == {"一", "𠮷"}


def test_an_installed_package_looks_in_its_own_fonts_folder_first() -> None:
    import tomllib

    from tests.conftest import ROOT

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    mapped = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert mapped["fonts"] == "convert/_fonts"  # the wheel carries fonts/ as convert/_fonts
    package = Path(fonts.__file__).resolve().parent
    assert fonts._candidate_dirs() == [package / "_fonts", ROOT / "fonts"]
