"""Every writer survives every node type: what it does not draw yet, it draws as plain text.

(Drawing lists, tables, figures … properly in each format is the writers' own
work; this is the floor under it: nothing raises, nothing is lost.)
"""

import io
import json
import re
import zipfile
from collections.abc import Sequence

import docx
import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from convert import transforms
from convert.model import Document, Meta, plain_blocks
from convert.writers import get_writer
from convert.writers.base import Rendered, RenderOptions, Writer
from tests import documents, model_strategies


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def docx_text(data: bytes) -> str:
    """Every paragraph's text in body order, those inside tables included."""
    body = docx.Document(io.BytesIO(data)).element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "\n".join("".join(t.text or "" for t in p.iter(w + "t")) for p in body.iter(w + "p"))


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def epub_text(data: bytes) -> str:
    book = zipfile.ZipFile(io.BytesIO(data))
    pages = [n for n in sorted(book.namelist()) if n.endswith(".xhtml") and "nav" not in n]
    return "".join("".join(etree.fromstring(book.read(n)).itertext()) for n in pages)


def legacy_render(doc: Document, options: RenderOptions) -> Rendered:
    """A third-party writer written when there were only headings and paragraphs."""
    lines = [doc.meta.title]
    for block in doc.blocks:
        prefix = "#" * (block.level or 0) + " " if block.type == "heading" else ""
        lines.append(prefix + block.text)
    return Rendered("\n".join(lines).encode("utf-8"))


LEGACY = Writer("legacy", ".txt", legacy_render)
TEXT_OF = {"docx": docx_text, "pdf": pdf_text, "epub": epub_text,
           "legacy": lambda data: data.decode("utf-8")}


def writer(name: str) -> Writer:
    return LEGACY if name == "legacy" else get_writer(name)


def in_order(haystack: str, needles: Sequence[str]) -> None:
    at = 0
    for needle in needles:
        found = haystack.find(needle, at)
        assert found >= 0, f"{needle!r} missing (or out of order) after position {at}"
        at = found + len(needle)


@pytest.mark.parametrize("name", ["docx", "pdf", "epub", "legacy"])
def test_unknown_nodes_degrade_to_their_plain_text(name):
    doc = documents.every_node()
    rendered = writer(name).render(doc, RenderOptions())
    text = squash(TEXT_OF[name](rendered.data))
    lines = [line for b in plain_blocks(doc.blocks) for line in b.text.split("\n")]
    in_order(text, [squash(line) for line in lines if line.strip()])
    assert rendered.data == writer(name).render(doc, RenderOptions()).data  # same bytes


def test_json_keeps_every_node():
    doc = documents.every_node()
    data = get_writer("json").render(doc, RenderOptions()).data
    assert Document.from_dict(json.loads(data)) == doc


@pytest.mark.parametrize("name", ["docx", "pdf", "epub", "json"])
def test_books_with_every_node(name):
    book = writer(name).render_book
    assert book is not None
    data = book([documents.every_node(), documents.zh_hans()], "合集", RenderOptions()).data
    assert data


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=model_strategies.blocks)
def test_no_writer_fails_on_any_model(blocks):
    doc = transforms.apply(Document(Meta("任意模型"), blocks))  # as the command gives it
    for name in ("docx", "pdf", "epub", "json", "legacy"):
        assert writer(name).render(doc, RenderOptions()).data, name
