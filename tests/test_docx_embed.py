"""DOCX --embed-fonts: the package holds obfuscated subsets of the faces the styles name,
and a reader with no CJK font at all (LibreOffice under a bare fontconfig) draws with them."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from convert import fonts
from convert.model import Document, Meta, paragraph
from convert.writers.base import RenderOptions
from convert.writers.docx import render, render_book
from tests import documents
from tests.conftest import needs_tool
from tests.test_docx import expected_paragraphs, read_back, unbroken

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS = {"w": W, "r": R, "pr": PR, "ct": CT}
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
EMBED = RenderOptions(embed_fonts=True)
GUID = re.compile(r"\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}")
HEADINGS = ("Title", "Heading1", "Heading2")


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def is_cjk(ch: str) -> bool:
    return 0x3000 <= ord(ch) <= 0x9FFF or 0xF900 <= ord(ch) <= 0xFFEF or ord(ch) >= 0x20000


def deobfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 §17.8.1, written independently of the writer: the GUID's 32 hex digits
    read from the end, two at a time, XORed over bytes 0-15 and again 16-31."""
    digits = key.strip("{}").replace("-", "")
    reverse = [int(digits[i:i + 2], 16) for i in range(30, -2, -2)]
    return bytes(b ^ reverse[i % 16] if i < 32 else b for i, b in enumerate(data[:32])) + data[32:]


def xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def embedded_fonts(data: bytes) -> dict[str, TTFont]:
    """w:font name -> the de-obfuscated font its w:embedRegular points at."""
    table = xml(data, "word/fontTable.xml")
    rels = {r.get("Id"): r for r in xml(data, "word/_rels/fontTable.xml.rels")}
    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for font in table.iterfind("w:font", NS):
            embed = font.find("w:embedRegular", NS)
            if embed is None:
                continue
            rel = rels[embed.get(f"{{{R}}}id")]
            assert rel.get("Type") == FONT_REL
            raw = z.read("word/" + rel.get("Target"))
            plain = deobfuscate(raw, embed.get(w("fontKey")))
            out[font.get(w("name"))] = TTFont(io.BytesIO(plain))
    return out


def style_fonts(data: bytes) -> dict[str, str]:
    """Paragraph style id -> the East Asian font its w:rFonts names."""
    styles = xml(data, "word/styles.xml")
    return {s.get(w("styleId")): s.find("w:rPr/w:rFonts", NS).get(w("eastAsia"))
            for s in styles.iterfind("w:style", NS) if s.find("w:rPr/w:rFonts", NS) is not None}


def family(font: TTFont) -> str:
    return font["name"].getDebugName(16) or font["name"].getDebugName(1)


def texts_in(doc_data: bytes, styles: tuple[str, ...], *, exclude: bool = False) -> str:
    document = read_back(doc_data)
    return "".join(p.text for p in document.paragraphs
                   if (p.style.style_id in styles) != exclude)


@pytest.fixture(scope="module")
def embedded() -> dict[str, bytes]:
    return {name: render(make(), EMBED).data for name, make in documents.ALL.items()}


def test_parts_relationships_content_types_and_settings(embedded: dict[str, bytes]) -> None:
    data = embedded["zh_hans"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = sorted(n for n in z.namelist() if n.startswith("word/fonts/"))
    assert parts == ["word/fonts/font1.odttf", "word/fonts/font2.odttf"]
    types = xml(data, "[Content_Types].xml")
    for name in parts:
        override = types.find(f"ct:Override[@PartName='/{name}']", NS)
        assert override is not None and override.get("ContentType") == OBFUSCATED
    rels = xml(data, "word/_rels/fontTable.xml.rels")
    assert sorted("word/" + r.get("Target") for r in rels) == parts
    assert {r.get("Type") for r in rels} == {FONT_REL}
    table = xml(data, "word/fontTable.xml")
    embeds = table.findall("w:font/w:embedRegular", NS)
    assert len(embeds) == 2
    assert {e.get(f"{{{R}}}id") for e in embeds} == {r.get("Id") for r in rels}
    assert all(GUID.fullmatch(e.get(w("fontKey"))) for e in embeds)
    # The embed elements close their w:font (CT_Font's sequence).
    assert all(e.getnext() is None for e in embeds)
    settings = [el.tag for el in xml(data, "word/settings.xml")]
    # CT_Settings order: zoom, …, embedTrueTypeFonts, embedSystemFonts, saveSubsetFonts, …
    i, j = settings.index(w("embedTrueTypeFonts")), settings.index(w("saveSubsetFonts"))
    assert settings.index(w("zoom")) < i < j < settings.index(w("defaultTabStop"))


@pytest.mark.parametrize("name", ["zh_hans", "zh_hant", "literal_markup"])
def test_deobfuscated_fonts_open_and_cover_what_their_styles_draw(
    name: str, embedded: dict[str, bytes]
) -> None:
    data = embedded[name]
    found = embedded_fonts(data)
    named = style_fonts(data)
    body, heading = found[named["Normal"]], found[named["Title"]]
    assert family(body) == named["Normal"] and family(heading) == named["Title"]
    assert "glyf" in body and "glyf" in heading  # TrueType: what Word embeds
    for font, text in ((body, texts_in(data, HEADINGS, exclude=True)),
                       (heading, texts_in(data, HEADINGS))):
        cjk = {ch for ch in text if is_cjk(ch)}
        assert cjk, "the sample has CJK text in these styles"
        assert cjk <= {chr(c) for c in font.getBestCmap()}


def test_parts_are_really_obfuscated(embedded: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(embedded["zh_hans"])) as z:
        raw = z.read("word/fonts/font1.odttf")
    # A TrueType file starts 00 01 00 00; the stored part must not, until de-obfuscated.
    assert raw[:4] != b"\x00\x01\x00\x00"
    with pytest.raises(Exception):  # noqa: B017 - fontTools raises several kinds
        TTFont(io.BytesIO(raw))["cmap"]


@pytest.mark.parametrize(("name", "body"), [("zh_hans", "AR PL UMing CN"),
                                            ("zh_hant", "AR PL UMing TW")])
def test_styles_name_the_embedded_families(name: str, body: str,
                                           embedded: dict[str, bytes]) -> None:
    data = embedded[name]
    named = style_fonts(data)
    assert named["Normal"] == body
    assert {named[s] for s in ("Title", "Heading1", "Subtitle")} == {fonts.SANS_FAMILY}
    assert set(named.values()) <= set(embedded_fonts(data))
    # The usual names stay as alternatives for a reader that drops the embedded face.
    table = xml(data, "word/fontTable.xml")
    alt = table.find(f"w:font[@w:name='{body}']/w:altName", NS).get(w("val"))
    assert ("SimSun" if name == "zh_hans" else "PMingLiU") in alt


def test_text_is_unchanged_by_embedding(embedded: dict[str, bytes]) -> None:
    for name, make in documents.ALL.items():
        assert unbroken([p.text for p in read_back(embedded[name]).paragraphs]) == \
            expected_paragraphs(make()), name


def test_deterministic_and_keyed_by_content(embedded: dict[str, bytes]) -> None:
    again = render(documents.zh_hans(), EMBED).data
    assert again == embedded["zh_hans"]
    keys = {name: {e.get(w("fontKey")) for e in
                   xml(data, "word/fontTable.xml").iterfind("w:font/w:embedRegular", NS)}
            for name, data in embedded.items()}
    # Different text, different subsets, different keys.
    assert keys["zh_hans"].isdisjoint(keys["zh_hant"])


def test_plain_docx_embeds_nothing() -> None:
    data = render(documents.zh_hans(), RenderOptions()).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not any(n.startswith("word/fonts/") for n in z.namelist())
    assert xml(data, "word/settings.xml").find("w:embedTrueTypeFonts", NS) is None
    assert style_fonts(data)["Normal"] == "SimSun"


def run_fonts(data: bytes) -> list[tuple[str, str | None]]:
    """(text, East Asian font named on the run itself) for every run of the body."""
    body = xml(data, "word/document.xml").find("w:body", NS)
    out = []
    for r in body.iterfind(".//w:r", NS):
        named = r.find("w:rPr/w:rFonts", NS)
        text = "".join(t.text or "" for t in r.iterfind("w:t", NS))
        out.append((text, None if named is None else named.get(w("eastAsia"))))
    return out


def test_characters_the_body_face_lacks_get_an_embedded_fallback_face() -> None:
    rendered = render(documents.rare_characters(), EMBED)
    found = embedded_fonts(rendered.data)
    body = {chr(c) for c in found["AR PL UMing CN"].getBestCmap()}
    drawn = {ch for ch in texts_in(rendered.data, HEADINGS, exclude=True) if is_cjk(ch)}
    lacking = drawn - body
    assert lacking  # the sample has Extension B characters UMing does not draw
    for text, family in run_fonts(rendered.data):
        if family is None:
            continue  # the style's face
        # A fallback run holds only characters the body face lacks, and its face has them.
        assert family in found and family != "AR PL UMing CN"
        assert set(text) <= lacking
        assert set(text) <= {chr(c) for c in found[family].getBestCmap()}
    rescued = "".join(t for t, family in run_fonts(rendered.data) if family)
    assert set(rescued) == lacking
    assert rendered.warnings == ()
    # Splitting runs does not change the text a reader sees.
    assert [p.text for p in read_back(rendered.data).paragraphs] == \
        expected_paragraphs(documents.rare_characters())


def test_characters_no_bundled_face_has_are_reported() -> None:
    nowhere = "\U00030000"  # CJK Extension G: neither UMing, HanaMin nor WenQuanYi
    doc = Document(meta=Meta(title="测试", language="zh-Hans"),
                   blocks=(paragraph(f"甲{nowhere}乙𠮷。"),))
    rendered = render(doc, EMBED)
    assert len(rendered.warnings) == 1
    assert nowhere in rendered.warnings[0] and "𠮷" not in rendered.warnings[0]
    assert [p.text for p in read_back(rendered.data).paragraphs][-1] == f"甲{nowhere}乙𠮷。"


def test_book_embeds_each_chapter_language_face() -> None:
    book = [documents.zh_hans(), documents.zh_hant(), documents.english()]
    data = render_book(book, "新闻合集", EMBED).data
    found = embedded_fonts(data)
    assert {"AR PL UMing CN", "AR PL UMing TW", fonts.SANS_FAMILY} <= set(found)
    # The Traditional chapter's runs name UMing TW, which draws all of that chapter.
    tw = {chr(c) for c in found["AR PL UMing TW"].getBestCmap()}
    assert {ch for ch in documents.zh_hant().all_text() if is_cjk(ch)} <= tw
    body = xml(data, "word/document.xml")
    run_faces = {f.get(w("eastAsia")) for f in body.iterfind(".//w:r/w:rPr/w:rFonts", NS)}
    # (A Latin-context mark's run, `’` in the English chapter, names no East Asian face.)
    assert run_faces - {None} <= set(found)


def test_user_font_is_embedded_under_its_own_name() -> None:
    face = fonts.serif_face("zh-Hant")  # a TTC member given as --font
    options = RenderOptions(font=face.path, font_index=face.index, embed_fonts=True)
    rendered = render(documents.zh_hans(), options)
    assert style_fonts(rendered.data)["Normal"] == face.family
    assert family(embedded_fonts(rendered.data)[face.family]) == face.family
    assert not any("not embedded" in m for m in rendered.warnings)


# -- a reader with no CJK font: LibreOffice under a fontconfig that knows only DejaVu ------

_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{fonts}</dir><cachedir>{cache}</cachedir></fontconfig>
"""


@pytest.fixture(scope="module")
def bare_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    soffice = needs_tool("soffice")
    fc_list = needs_tool("fc-list")
    work = tmp_path_factory.mktemp("docx_embed")
    latin = work / "fonts"
    latin.mkdir()
    shutil.copy(fonts.latin_face().path, latin)  # the bundled DejaVu Serif: no CJK at all
    conf = work / "fonts.conf"
    conf.write_text(_FONTS_CONF.format(fonts=latin, cache=work / "fccache"))
    env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "FONTCONFIG_FILE": str(conf)}
    zh = subprocess.run([fc_list, ":lang=zh", "family"], env=env, capture_output=True,
                        text=True, check=True).stdout
    assert zh.strip() == "", f"the bare fontconfig still finds CJK fonts: {zh}"
    docs = {"zh_hans": documents.zh_hans(), "zh_hant": documents.zh_hant(),
            "rare_characters": documents.rare_characters()}
    for name, doc in docs.items():
        (work / f"{name}.docx").write_bytes(render(doc, EMBED).data)
    (work / "plain.docx").write_bytes(render(documents.zh_hans(), RenderOptions()).data)
    out = {}
    for stem in [*docs, "plain"]:
        # One profile per file: fonts LibreOffice took from one document stay registered
        # for the rest of that process, which would hide a failure in the next file.
        profile = (work / f"profile-{stem}").as_uri()
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work), str(work / f"{stem}.docx")],
                       env=env, check=True, capture_output=True, timeout=240)
        out[stem] = work / f"{stem}.pdf"
        assert out[stem].is_file(), stem
    return out


def pdf_font_names(path: Path) -> set[str]:
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            base = str(font.get_object()["/BaseFont"])
            names.add(base.split("+", 1)[-1])  # drop the subset tag ABCDEF+
    return names


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "body"), [("zh_hans", "UMingCN"), ("zh_hant", "UMingTW")])
def test_libreoffice_draws_with_the_embedded_faces(name: str, body: str,
                                                   bare_pdfs: dict[str, Path]) -> None:
    used = pdf_font_names(bare_pdfs[name])
    assert body in used and "WenQuanYiMicroHei" in used, used
    pdftotext = needs_tool("pdftotext")
    text = _squash(subprocess.run([pdftotext, str(bare_pdfs[name]), "-"], capture_output=True,
                                  text=True, check=True).stdout)
    for expected in expected_paragraphs(documents.ALL[name]()):
        assert _squash(expected) in text, expected


@pytest.mark.slow
def test_libreoffice_draws_rare_characters_with_the_fallback_face(
    bare_pdfs: dict[str, Path]
) -> None:
    used = pdf_font_names(bare_pdfs["rare_characters"])
    assert "UMingCN" in used and any(n.startswith("HanaMin") for n in used), used


@pytest.mark.slow
def test_without_embedding_the_bare_reader_has_no_cjk_face(bare_pdfs: dict[str, Path]) -> None:
    # The control: the same reader, the plain DOCX — no UMing, no WenQuanYi to draw with.
    used = pdf_font_names(bare_pdfs["plain"])
    assert not any(n.startswith(("UMing", "WenQuanYi")) for n in used), used
