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
