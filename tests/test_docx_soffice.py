"""DOCX through a real client: LibreOffice converts every sample and keeps every paragraph."""

from __future__ import annotations

import re
import subprocess

import pytest

from convert.writers.base import RenderOptions
from convert.writers.docx import render, render_book
from tests import documents
from tests.conftest import needs_tool
from tests.test_docx import expected_paragraphs

pytestmark = pytest.mark.slow

_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    # pdftotext adds spaces between CJK and digits and breaks lines where the layout did.
    return _SPACE.sub("", text)


@pytest.fixture(scope="module")
def pdf_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    soffice = needs_tool("soffice")
    pdftotext = needs_tool("pdftotext")
    work = tmp_path_factory.mktemp("docx_soffice")
    names = sorted(documents.ALL)
    for name in names:
        (work / f"{name}.docx").write_bytes(render(documents.ALL[name](), RenderOptions()).data)
    book = [documents.zh_hans(), documents.zh_hant(), documents.english()]
    (work / "book.docx").write_bytes(render_book(book, "新闻合集", RenderOptions()).data)
    # One soffice call for all files (each start costs seconds), with a private profile so
    # a LibreOffice already running for someone else does not swallow the job.
    profile = (work / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(work), *sorted(str(p) for p in work.glob("*.docx"))],
        check=True, capture_output=True, timeout=240,
    )
    texts = {}
    for stem in [*names, "book"]:
        pdf = work / f"{stem}.pdf"
        assert pdf.is_file(), f"LibreOffice did not convert {stem}.docx"
        texts[stem] = subprocess.run(
            [pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
    return texts


@pytest.mark.parametrize("name", sorted(documents.ALL))
def test_libreoffice_pdf_holds_every_paragraph(name: str, pdf_texts: dict[str, str]) -> None:
    text = squeeze(pdf_texts[name])
    for paragraph in expected_paragraphs(documents.ALL[name]()):
        assert squeeze(paragraph) in text, paragraph


def test_libreoffice_pdf_keeps_the_order(pdf_texts: dict[str, str]) -> None:
    text = squeeze(pdf_texts["zh_hans"])
    positions = [text.find(squeeze(p)) for p in expected_paragraphs(documents.zh_hans())]
    assert positions == sorted(positions) and positions[0] >= 0


def test_libreoffice_pdf_has_page_numbers_and_no_dropped_text(pdf_texts: dict[str, str]) -> None:
    # The footer's PAGE field is evaluated: the last non-empty line of page 1 is "1".
    first_page = pdf_texts["zh_hans"].split("\f")[0]
    assert [line for line in first_page.splitlines() if line.strip()][-1].strip() == "1"
    assert "分享到微信" not in pdf_texts["zh_hans"]


def test_libreoffice_book_has_every_chapter_on_its_own_page(pdf_texts: dict[str, str]) -> None:
    pages = [squeeze(p) for p in pdf_texts["book"].split("\f") if p.strip()]
    book = [documents.zh_hans(), documents.zh_hant(), documents.english()]
    for doc in book:
        # Each chapter's first paragraph opens a page (the TOC page lists titles first).
        starting = [p for p in pages if p.startswith(squeeze(doc.meta.title))]
        assert starting, doc.meta.title
        for paragraph in expected_paragraphs(doc):
            assert squeeze(paragraph) in squeeze(pdf_texts["book"]), paragraph
