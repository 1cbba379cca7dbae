"""`--combine`: one book holding every article of the run, in date order."""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from convert import runner
from convert.cli import main
from convert.combine import chapter_order, default_title
from convert.model import Document, Meta, paragraph
from convert.reader import ReadOptions
from tests.batch_fakes import fake_writer, write_article  # noqa: F401  (fixture)
from tests.conftest import needs_tool


def convert(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def doc(title: str, published: str | None) -> Document:
    return Document(Meta(title=title, published=published), (paragraph(f"{title} body."),))


def test_chapters_are_ordered_by_date_then_path_undated_last() -> None:
    items = [
        (Path("z.txt"), doc("late", "2021-01-02")),
        (Path("b.txt"), doc("undated", None)),
        (Path("y.txt"), doc("same day, later time", "2020-05-16T18:00")),
        (Path("a.txt"), doc("undated too", None)),
        (Path("x.txt"), doc("same day", "2020-05-16")),
        (Path("w.txt"), doc("same moment, path w", "2020-05-16T18:00")),
    ]
    titles = [d.meta.title for _, d in chapter_order(items)]
    assert titles == ["same day", "same moment, path w", "same day, later time", "late",
                      "undated too", "undated"]


def test_default_title_is_the_folder_name(tmp_path: Path) -> None:
    (tmp_path / "新闻合集").mkdir()
    assert default_title([tmp_path / "新闻合集"], tmp_path / "b.epub") == "新闻合集"
    assert default_title([tmp_path / "a.txt"], tmp_path / "My Book.epub") == "My Book"


@pytest.fixture
def dated_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader giving each article the date written on its second line (in-process runs)."""

    def read(task: runner.Task, options: ReadOptions, max_size: int = 0
             ) -> tuple[os.stat_result, Document]:
        path = task.source
        lines = Path(path).read_text(encoding="utf-8").split("\n")
        if lines[0] == "BROKEN":
            from convert.errors import InputError

            raise InputError("binary data")
        return os.stat(path), doc(lines[0], lines[1] or None)

    monkeypatch.setattr(runner, "read_article", read)


def test_combine_holds_every_article_in_date_order(
    dated_reader: None, fake_writer: str, tmp_path: Path  # noqa: F811
) -> None:
    root = tmp_path / "weekly"
    for name, title, date in [("c.txt", "Third", "2020-05-18"), ("a.txt", "Second", "2020-05-17"),
                              ("sub/b.txt", "First", "2020-05-16T09:00"),
                              ("d.txt", "Undated", "")]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"{title}\n{date}\n", encoding="utf-8")
    book = tmp_path / "book.fake"
    res = convert(root, "--combine", book, "-j", 1, "--report", tmp_path / "r.json")
    assert res.exit_code == 0, res.output
    data = json.loads(book.read_text(encoding="utf-8"))
    assert data["title"] == "weekly"
    assert [c["title"] for c in data["chapters"]] == ["First", "Second", "Third", "Undated"]
    # --combine alone makes only the book, no per-article files.
    assert sorted(p.name for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")
                  ) == ["a.txt", "b.txt", "c.txt", "d.txt"]
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["book"]["chapters"] == 4 and report["book"]["status"] == "converted"


def test_combine_with_formats_makes_both_and_skips_failed_articles(
    dated_reader: None, fake_writer: str, tmp_path: Path  # noqa: F811
) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text("Alpha\n2020-01-01\n", encoding="utf-8")
    (root / "b.txt").write_text("BROKEN\n\n", encoding="utf-8")
    book = tmp_path / "all.fake"
    res = convert(root, "--to", "json", "-o", tmp_path / "out", "--combine", book,
                  "--title", "Anthology", "-j", 1)
    assert res.exit_code == 1  # one article failed; the book has the rest
    assert "b.txt: binary data" in res.stdout
    assert (tmp_path / "out" / "a.json").is_file()
    data = json.loads(book.read_text(encoding="utf-8"))
    assert data["title"] == "Anthology" and [c["title"] for c in data["chapters"]] == ["Alpha"]
    # A rerun has every output up to date, yet the book still holds every article.
    book.unlink()
    res = convert(root, "--to", "json", "-o", tmp_path / "out", "--combine", book, "-j", 1)
    assert "1 up to date" in res.stdout
    assert [c["title"] for c in json.loads(book.read_text(encoding="utf-8"))["chapters"]] == [
        "Alpha"]


def test_combine_refuses_a_format_without_books_and_an_input_as_book(tmp_path: Path) -> None:
    src = write_article(tmp_path / "a.txt", "A")
    assert convert(src, "--combine", tmp_path / "book.odt").exit_code == 2
    res = convert(src, "--combine", src, "--include", "*.txt")
    assert res.exit_code == 2


def test_combined_epub_holds_every_article_and_passes_epubcheck(tmp_path: Path) -> None:
    root = tmp_path / "in"
    titles = ["第一篇文章", "Second article", "第三篇文章"]
    for i, title in enumerate(titles):
        write_article(root / f"{i}.txt", title, f"正文第{i}段，内容很短。")
    book = tmp_path / "book.epub"
    res = convert(root, "--combine", book, "--title", "合集", "-j", 1)
    assert res.exit_code == 0, res.output
    with zipfile.ZipFile(book) as z:
        pages = [n for n in z.namelist() if n.endswith((".xhtml", ".html"))]
        text = "".join(
            "".join(etree.fromstring(z.read(n)).itertext()) for n in pages
        )
    for i, title in enumerate(titles):
        assert title in text and f"正文第{i}段" in text
    tool = needs_tool("epubcheck")
    # Debian's /usr/bin/epubcheck is the jar itself (run through binfmt when configured).
    cmd = [needs_tool("java"), "-jar", tool] if zipfile.is_zipfile(tool) else [tool]
    proc = subprocess.run([*cmd, str(book)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stdout + proc.stderr


def _book_text(book: Path) -> str:
    if book.suffix == ".docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(book)).paragraphs)
    from pypdf import PdfReader

    return "".join("".join((page.extract_text() or "").split()) for page in PdfReader(book).pages)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_combined_docx_and_pdf_hold_every_article_in_date_order(fmt: str, tmp_path: Path) -> None:
    root = tmp_path / "in"
    # File names sort the other way round from the dates.
    dated = [("b.txt", "第二篇文章", "2021-03-02"), ("c.txt", "第一篇文章", "2021-03-01"),
             ("a.txt", "第三篇文章", "2021-03-03")]
    for name, title, date in dated:
        write_article(root / name, title, f"来源：新华社 {date} 10:00\n\n正文{title}的内容很短。")
    book = tmp_path / f"book.{fmt}"
    res = convert(root, "--combine", book, "-j", 1)
    assert res.exit_code == 0, res.output
    text = _book_text(book)
    for _, title, _ in dated:
        assert f"正文{title}的内容很短" in text
    positions = [text.find(f"正文{title}") for title in ["第一篇文章", "第二篇文章", "第三篇文章"]]
    assert positions == sorted(positions)
