"""End to end with the real writers: a small Chinese batch to DOCX, PDF and EPUB."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from convert.cli import main
from tests.batch_fakes import write_article
from tests.conftest import SEED

ARTICLES = {
    "要闻/经济.txt": ("经济稳步回升", "今年一季度，全省经济稳步回升，就业形势总体稳定。"),
    "要闻/民生.txt": ("民生工程加快推进", "各市（州）要抓紧推进民生工程，确保按期完工。"),
    "english.txt": ("Markets rally", "Stocks rose on Tuesday as investors cheered the data."),
}


def convert(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    for rel, (title, body) in ARTICLES.items():
        write_article(root / rel, title, body)
    if SEED.is_file():
        shutil.copy(SEED, root / "jilin.txt")
    return root


def docx_text(path: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def epub_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        pages = [n for n in z.namelist() if n.endswith((".xhtml", ".html")) and "nav" not in n]
        return "\n".join("".join(etree.fromstring(z.read(n)).itertext()) for n in pages)


READ_BACK = {"docx": docx_text, "pdf": pdf_text, "epub": epub_text}


def test_default_formats_are_docx_pdf_and_epub_for_every_input(batch: Path, tmp_path: Path
                                                               ) -> None:
    out = tmp_path / "out"
    res = convert(batch, "-o", out, "-j", 2)
    assert res.exit_code == 0, res.output
    for rel, (title, body) in ARTICLES.items():
        for fmt, read in READ_BACK.items():
            made = out / Path(rel).with_suffix(f".{fmt}")
            text = "".join(read(made).split())  # PDF lines break anywhere in CJK
            assert "".join(title.split()) in text, (made, text[:200])
            assert "".join(body.split())[:12] in text, (made, text[:200])
    res = convert(batch, "-o", out, "-j", 2)
    assert "0 converted" in res.stdout and res.exit_code == 0


@pytest.mark.parametrize("fmt", ["docx", "pdf", "epub"])
def test_each_format_flag_alone(fmt: str, batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = convert(batch / "要闻", f"--{fmt}", "-o", out, "-j", 1)
    assert res.exit_code == 0, res.output
    made = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert made == sorted(f"{Path(r).stem}.{fmt}" for r in ARTICLES if r.startswith("要闻"))


def test_o_with_a_file_name_writes_that_file_for_one_input(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    write_article(source, "经济稳步回升", "今年一季度，全省经济稳步回升。")
    target = tmp_path / "out" / "article.pdf"
    res = convert(source, "-o", target, "-q")
    assert res.exit_code == 0, res.output
    assert target.is_file() and target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in target.parent.iterdir()) == [".convert-state.json", "article.pdf"]
    # The same command again is up to date; the format follows the name.
    assert convert(source, "-o", target).exit_code == 0
    book = tmp_path / "a.epub"
    assert convert(source, "-o", book, "--epub", "-q").exit_code == 0
    assert zipfile.is_zipfile(book)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--docx"], "is a pdf file, but the formats asked for are docx"),
        (["SECOND"], "names one file: give one input file, or -o a folder"),
    ],
)
def test_o_with_a_file_name_refuses_what_it_cannot_mean(
    tmp_path: Path, extra: list[str], message: str
) -> None:
    source = tmp_path / "a.txt"
    write_article(source, "经济稳步回升", "今年一季度，全省经济稳步回升。")
    args = [tmp_path / "b.txt" if e == "SECOND" else e for e in extra]
    if "SECOND" in extra:
        write_article(tmp_path / "b.txt", "民生", "民生工程加快推进。")
    res = CliRunner().invoke(main, [str(source), *map(str, args), "-o", str(tmp_path / "x.pdf")])
    assert res.exit_code == 2
    assert message in res.output
    assert not (tmp_path / "x.pdf").exists()


def test_o_naming_an_existing_non_output_file_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    write_article(source, "经济稳步回升", "今年一季度，全省经济稳步回升。")
    notes = tmp_path / "notes.md"
    notes.write_text("mine", encoding="utf-8")
    res = CliRunner().invoke(main, [str(source), "-o", str(notes)])
    assert res.exit_code == 2 and "is a file, not a folder" in res.output
    assert notes.read_text(encoding="utf-8") == "mine"
