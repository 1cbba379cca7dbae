"""The PDF writer, read back with pypdf (and poppler's tools where installed)."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
from functools import cache
from pathlib import Path

import pypdf
import pytest

from convert.errors import ConvertError
from convert.linebreak import NO_END, NO_START
from convert.model import Document, Meta, paragraph
from convert.presentation import editors_line, meta_line
from convert.writers import get_writer
from convert.writers.base import RenderOptions
from convert.writers.pdf import render, render_book
from convert.writers.pdf_fonts import system_faces_for
from tests import documents
from tests.conftest import needs_tool

OPTIONS = RenderOptions()
FOOTER = re.compile(r"—\s*\d+\s*—")


@cache
def pdf_of(name: str) -> bytes:
    return render(documents.ALL[name](), OPTIONS).data


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def squash(text: str) -> str:
    # (U+00AD: the soft hyphen drawn where an English word is hyphenated at a line end.)
    return re.sub(r"[\s\u00ad]+", "", text)


def expected_text(doc: Document) -> str:
    """What a reader of the page sees, in order: title block, body, editors, rights."""
    m = doc.meta
    parts = [m.title, m.subtitle or "", meta_line(doc)]
    parts += [b.text for b in doc.blocks]
    parts += [editors_line(doc), *doc.rights]
    return squash("".join(parts))


def extracted(data: bytes) -> str:
    text = "".join(page.extract_text() for page in reader(data).pages)
    return squash(FOOTER.sub("", text))


def pdftotext(data: bytes, *args: str) -> str:
    exe = needs_tool("pdftotext")
    out = subprocess.run([exe, *args, "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def fonts_of(data: bytes) -> list[pypdf.generic.DictionaryObject]:
    found = {}
    for page in reader(data).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            found[font["/BaseFont"]] = font
    return list(found.values())


# --- text --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["zh_hans", "zh_hant", "english", "rare_characters"])
def test_pypdf_gives_back_the_model_text(name: str) -> None:
    assert extracted(pdf_of(name)) == expected_text(documents.ALL[name]())


@pytest.mark.parametrize("name", ["zh_hans", "zh_hant", "english", "rare_characters"])
def test_pdftotext_gives_back_the_model_text(name: str) -> None:
    text = squash(FOOTER.sub("", pdftotext(pdf_of(name))))
    assert text == expected_text(documents.ALL[name]())


def test_markup_in_an_article_is_drawn_literally() -> None:
    data = pdf_of("literal_markup")
    doc = documents.literal_markup()
    assert extracted(data) == expected_text(doc)
    text = squash("".join(p.extract_text() for p in reader(data).pages))
    for literal in ('<img src="/etc/passwd">', '<a href="http://x">', "<font size=9>", "&amp;"):
        assert squash(literal) in text  # a line may break at the space inside
    for page in reader(data).pages:
        assert "/Annots" not in page  # no link was made
        assert "/XObject" not in page["/Resources"]  # no image was read
    assert b"/URI" not in data


def test_the_seed_article_round_trips(seed_path: Path) -> None:
    from convert.reader import read_file

    doc = read_file(seed_path)
    rendered = render(doc, OPTIONS)
    assert extracted(rendered.data) == expected_text(doc)
    assert rendered.warnings == ()


def test_no_line_of_the_seed_starts_or_ends_against_kinsoku(seed_path: Path) -> None:
    from convert.reader import read_file

    data = render(read_file(seed_path), OPTIONS).data
    lines = [ln.strip() for ln in pdftotext(data).splitlines() if ln.strip()]
    lines = [ln for ln in lines if not FOOTER.fullmatch(ln)]
    assert len(lines) > 30
    for prev, line in itertools.pairwise(lines):
        assert line[0] not in NO_START, f"line starts with {line[0]!r}: {line}"
        assert prev[-1] not in NO_END, f"line ends with {prev[-1]!r}: {prev}"


def test_no_line_of_a_narrow_test_article_breaks_kinsoku() -> None:
    # Commas and quotes at every position: a long paragraph of the seed's kind.
    text = "“四个意识”强不强、“两个维护”坚决不坚决，" * 12 + "（一）总体要求：各市（州）。"
    doc = Document(meta=Meta(title="禁则"), blocks=(paragraph(text),) * 3)
    lines = [ln.strip() for ln in pdftotext(render(doc, OPTIONS).data).splitlines() if ln.strip()]
    body = [ln for ln in lines if not FOOTER.fullmatch(ln)]
    for prev, line in itertools.pairwise(body):
        assert line[0] not in NO_START and prev[-1] not in NO_END, (prev, line)


# --- fonts -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(documents.ALL))
def test_every_font_is_an_embedded_truetype_subset(name: str) -> None:
    data = pdf_of(name)
    fonts = fonts_of(data)
    assert fonts
    for font in fonts:
        assert font["/Subtype"] == "/TrueType"
        assert re.fullmatch(r"/[A-Z]{6}\+.+", font["/BaseFont"])  # the subset tag
        assert "/FontFile2" in font["/FontDescriptor"].get_object()
        assert "/ToUnicode" in font
    assert b"Helvetica" not in data  # reportlab's default canvas font is never referenced


@pytest.mark.parametrize("name", ["zh_hans", "rare_characters", "literal_markup"])
def test_pdffonts_says_emb_yes_on_every_row(name: str) -> None:
    exe = needs_tool("pdffonts")
    out = subprocess.run([exe, "-"], input=pdf_of(name), capture_output=True, check=False)
    if out.returncode != 0:  # older poppler cannot read stdin
        path = Path(__import__("tempfile").mkdtemp()) / "f.pdf"
        path.write_bytes(pdf_of(name))
        out = subprocess.run([exe, str(path)], capture_output=True, check=True)
    rows = out.stdout.decode().splitlines()[2:]
    assert rows
    for row in rows:
        assert re.search(r"\byes\s+yes\s+yes\b", row), row  # emb, sub, uni


def test_body_and_headings_use_the_serif_and_sans_faces() -> None:
    names = [f["/BaseFont"] for f in fonts_of(pdf_of("zh_hans"))]
    assert any("UMingCN" in n for n in names)
    assert any("WenQuanYi" in n for n in names)
    hant = [f["/BaseFont"] for f in fonts_of(pdf_of("zh_hant"))]
    assert any("UMingTW" in n for n in hant)


def test_rare_characters_are_drawn_from_a_fallback_not_dropped() -> None:
    rendered = render(documents.rare_characters(), OPTIONS)
    assert rendered.warnings == ()
    text = extracted(rendered.data)
    for ch in documents.RARE_CHARACTERS:
        assert ch in text


def test_a_character_no_font_has_is_reported() -> None:
    lost = "\U00031350"  # CJK Extension H: no bundled face has it, nor any font here
    if system_faces_for(lost):
        pytest.skip("a system font covers Extension H")
    doc = Document(meta=Meta(title="缺字"), blocks=(paragraph(f"这个字{lost}没有字体。"),))
    rendered = render(doc, OPTIONS)
    assert len(rendered.warnings) == 1
    assert "U+31350" in rendered.warnings[0]


def test_a_character_only_a_system_font_has_comes_from_fontconfig() -> None:
    needs_tool("fc-list")
    ch = "ش"  # Arabic: in DejaVu Sans, in none of the bundled faces
    if not system_faces_for(ch):
        pytest.skip("no system font has Arabic")
    doc = Document(meta=Meta(title="字体"), blocks=(paragraph(f"阿拉伯字母{ch}。"),))
    rendered = render(doc, OPTIONS)
    assert rendered.warnings == ()
    assert ch in extracted(rendered.data)
    assert len(fonts_of(rendered.data)) >= 3


def test_font_option_replaces_the_body_face() -> None:
    from convert.fonts import fonts_dir

    options = RenderOptions(font=fonts_dir() / "wqy-microhei.ttc", font_index=1)
    data = render(documents.zh_hans(), options).data
    names = {str(f["/BaseFont"]).split("+")[1] for f in fonts_of(data)}
    assert names == {"WenQuanYiMicroHei-0", "WenQuanYiMicroHeiMono-1"}
    assert extracted(data) == expected_text(documents.zh_hans())


def test_a_cff_opentype_font_is_converted_and_embedded(tmp_path: Path) -> None:
    from tests.test_fonts import make_cff_font

    doc = Document(meta=Meta(title="测试", language="zh-Hans"), blocks=(paragraph("中文测试。"),))
    path = make_cff_font(tmp_path / "Test.otf", "测试中文。ABC")
    data = render(doc, RenderOptions(font=path)).data
    names = [str(f["/BaseFont"]) for f in fonts_of(data)]
    assert any("ConvertTest" in n for n in names), names
    assert extracted(data) == squash("测试中文测试。")


def test_font_family_is_resolved_through_fontconfig() -> None:
    needs_tool("fc-match")
    from convert.fonts import fc_match

    if fc_match("DejaVu Serif") is None:
        pytest.skip("DejaVu Serif not installed")
    data = render(documents.english(), RenderOptions(font_family="DejaVu Serif")).data
    assert any("DejaVuSerif" in str(f["/BaseFont"]) for f in fonts_of(data))


def test_an_unknown_font_family_is_an_error_not_a_silent_substitute() -> None:
    needs_tool("fc-match")
    with pytest.raises(ConvertError, match="not found"):
        render(documents.english(), RenderOptions(font_family="No Such Font Family 123"))


# --- metadata, outline, layout -----------------------------------------------------------


def test_metadata_lang_and_viewer_title() -> None:
    pdf = reader(pdf_of("zh_hans"))
    info = pdf.metadata
    doc = documents.zh_hans()
    assert info.title == doc.meta.title
    assert info.author == "缪友银"
    assert info.subject == meta_line(doc)
    assert info["/CreationDate"].startswith("D:20200516113600")
    assert info.creator == "convert" and "convert" in info.producer
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "zh-CN"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == pypdf.generic.BooleanObject(True)
    assert reader(pdf_of("zh_hant")).trailer["/Root"]["/Lang"] == "zh-TW"
    assert reader(pdf_of("english")).trailer["/Root"]["/Lang"] == "en-US"


def test_outline_has_the_title_and_every_heading() -> None:
    pdf = reader(pdf_of("zh_hans"))
    titles = []

    def walk(items, depth=0):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                titles.append((depth, item.title))

    walk(pdf.outline)
    doc = documents.zh_hans()
    headings = [b.text for b in doc.blocks if b.type == "heading"]
    assert titles == [(0, doc.meta.title), (1, headings[0]), (2, headings[1])]


def test_a4_pages_with_page_numbers() -> None:
    long = Document(
        meta=Meta(title="长文"), blocks=tuple(paragraph("测试段落，" * 120) for _ in range(6))
    )
    pdf = reader(render(long, OPTIONS).data)
    assert len(pdf.pages) >= 3
    for number, page in enumerate(pdf.pages, 1):
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)
        assert re.search(rf"—\s*{number}\s*—", page.extract_text())


def test_layout_title_centred_body_indented_and_justified() -> None:
    from convert.linebreak import stretch_points
    from convert.writers.pdf_fonts import document_fonts
    from convert.writers.pdf_layout import BODY, LEFT, TEXT_WIDTH, TITLE, Flow

    doc = documents.zh_hans()
    flow = Flow(document_fonts(doc.all_text(), OPTIONS, "zh-Hans"))
    title_lines = flow.add(doc.meta.title, TITLE)
    for placed in flow.pages[0][: len(title_lines)]:
        centre = placed.x + placed.line.width / 2
        assert centre == pytest.approx(LEFT + TEXT_WIDTH / 2)
    start = len(flow.pages[0])
    flow.add(doc.blocks[0].text, BODY)
    body = flow.pages[0][start:]
    assert len(body) >= 2
    assert body[0].x == pytest.approx(LEFT + 2 * BODY.size)  # 2em first-line indent
    assert body[1].x == pytest.approx(LEFT)
    for placed in body[:-1]:  # every line but the last reaches the right margin
        right = placed.x + placed.line.width + placed.gap * stretch_points(placed.line)
        # (a closing mark at the end hangs the empty part of its box past it)
        assert right == pytest.approx(LEFT + TEXT_WIDTH + placed.hang)
    leading = body[0].y - body[1].y
    assert 1.6 <= leading / BODY.size <= 1.8


def test_same_input_same_bytes() -> None:
    assert render(documents.zh_hans(), OPTIONS).data == render(documents.zh_hans(), OPTIONS).data


def test_registered_writer_and_warm_up() -> None:
    writer = get_writer("pdf")
    assert writer.extension == ".pdf"
    assert writer.warm_up is not None
    writer.warm_up(OPTIONS)
    assert writer.render(documents.english(), OPTIONS).data.startswith(b"%PDF-")


# --- books -------------------------------------------------------------------------------


def test_a_book_has_contents_and_a_chapter_per_article() -> None:
    docs = [documents.zh_hans(), documents.zh_hant(), documents.english()]
    data = render_book(docs, "新闻合集", OPTIONS).data
    pdf = reader(data)
    first_page = pdf.pages[0].extract_text()
    assert "新闻合集" in first_page and "目录" in first_page
    # Each chapter starts on a new page with its own title block; rights stay with it.
    starts = []
    for doc in docs:
        found = [
            i
            for i, p in enumerate(pdf.pages)
            if squash(p.extract_text()).startswith(squash(doc.meta.title))
        ]
        assert found, doc.meta.title
        starts.append(found[0])
        chapter = "".join(p.extract_text() for p in pdf.pages[found[0] :])
        assert squash(meta_line(doc)) in squash(chapter)
        assert squash(doc.rights[0]) in squash(chapter)
    assert starts == sorted(starts) and len(set(starts)) == 3
    # The contents give each chapter's printed page number.
    for doc, start in zip(docs, starts, strict=True):
        assert re.search(rf"{re.escape(squash(doc.meta.title))}.*?{start + 1}", squash(first_page))
    outline = [item.title for item in _flatten(pdf.outline)]
    assert outline[0] == "新闻合集"
    for doc in docs:
        assert doc.meta.title in outline
        assert all(b.text in outline for b in doc.blocks if b.type == "heading")
    assert squash(documents.zh_hans().blocks[0].text) in extracted(data)


def _flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def test_only_headings_are_faux_bold_body_text_is_plain_fill() -> None:
    # Text render mode is graphics state: a bold title must not leave the body stroked.
    pdf = reader(pdf_of("zh_hans"))
    page = pdf.pages[0]
    names = {k: str(v.get_object()["/BaseFont"]) for k, v in page["/Resources"]["/Font"].items()}
    content = pypdf.generic.ContentStream(page.get_contents(), pdf)
    mode, font, seen = 0, "", {"UMing": set(), "WenQuanYi": set()}
    for operands, op in content.operations:
        if op == b"Tr":
            mode = int(operands[0])
        elif op == b"Tf":
            font = names[operands[0]]
        elif op in (b"Tj", b"TJ"):
            for face in seen:
                if face in font:
                    seen[face].add(mode)
    assert seen["UMing"] == {0}  # body, meta line, rights: filled only
    assert 2 in seen["WenQuanYi"]  # title and headings: fill + stroke


def test_latin_runs_use_a_proportional_serif_not_umings_typewriter_letters() -> None:
    data = pdf_of("english")
    names = [str(f["/BaseFont"]) for f in fonts_of(data)]
    assert any("DejaVuSerif" in n for n in names)
    hans = [str(f["/BaseFont"]) for f in fonts_of(pdf_of("zh_hans"))]
    assert any("DejaVuSerif" in n for n in hans)  # 5月, 010-84883777, the e-mail address
    # A font the user chose is used for its Latin too.
    from convert.fonts import fonts_dir

    own = render(documents.english(), RenderOptions(font=fonts_dir() / "wqy-microhei.ttc")).data
    assert not any("DejaVu" in str(f["/BaseFont"]) for f in fonts_of(own))
