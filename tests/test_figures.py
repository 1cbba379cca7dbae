"""Figures: local images embedded in every format, resolved against the input's folder;
remote ones never fetched; broken ones skipped with a warning, never a traceback."""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from convert import images
from convert.model import Document, Figure, Meta, Text, paragraph
from convert.readers import read_file
from convert.writers import get_writer
from convert.writers.base import RenderOptions
from tests import documents
from tests.test_writer_contract import TEXT_OF, squash

FORMATS = ["docx", "pdf", "epub"]


def figure_doc(src: str, base: Path | None) -> Document:
    return Document(
        Meta("图片测试", language="zh-Hans"),
        (paragraph("图片之前。"), Figure(src, "一座桥", (Text("大桥夜景"),)),
         paragraph("图片之后。")),
        base=str(base) if base else None,
    )


def embedded_images(name: str, data: bytes) -> int:
    if name == "pdf":
        return sum(len(page.images) for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    package = zipfile.ZipFile(io.BytesIO(data))
    folder = "word/media/" if name == "docx" else "EPUB/images/"
    return sum(1 for n in package.namelist() if n.startswith(folder))


@pytest.mark.parametrize("name", FORMATS)
def test_a_local_image_is_embedded(name: str, tmp_path: Path):
    documents.write_photo(tmp_path / "pics" / "bridge.jpg", (300, 200))
    rendered = get_writer(name).render(figure_doc("pics/bridge.jpg", tmp_path), RenderOptions())
    assert rendered.warnings == ()
    assert embedded_images(name, rendered.data) == 1
    assert "大桥夜景" in TEXT_OF[name](rendered.data)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a writer tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("name", FORMATS)
def test_a_remote_image_is_never_fetched(name: str, no_network: None):
    src = "https://photos.example.com/bridge.jpg"
    rendered = get_writer(name).render(figure_doc(src, None), RenderOptions())
    assert embedded_images(name, rendered.data) == 0
    (warning,) = rendered.warnings
    assert src in warning and "not fetched" in warning
    text = squash(TEXT_OF[name](rendered.data))
    assert "一座桥" in text and "大桥夜景" in text  # the alt text and caption stand in


BROKEN = {
    "truncated.jpg": lambda photo: photo[: len(photo) // 3],
    "text.png": lambda photo: b"this is not a picture\n",
    "empty.gif": lambda photo: b"",
}


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("file_name", [*BROKEN, "missing.jpg"])
def test_a_broken_image_is_skipped_with_a_warning(name: str, file_name: str, tmp_path: Path):
    photo = documents.write_photo(tmp_path / "good.jpg")
    if file_name in BROKEN:
        (tmp_path / file_name).write_bytes(BROKEN[file_name](photo))
    rendered = get_writer(name).render(figure_doc(file_name, tmp_path), RenderOptions())
    assert embedded_images(name, rendered.data) == 0
    (warning,) = rendered.warnings
    assert file_name in warning
    in_text = squash(TEXT_OF[name](rendered.data))
    assert "图片之前。" in in_text and "一座桥" in in_text and "图片之后。" in in_text


def test_a_relative_source_without_a_folder_is_reported():
    image, why = images.load("pics/a.png", None)
    assert image is None and why is not None and "folder" in why


def test_sources_that_name_no_file():
    assert images.local_path("mailto:a@example.com", "/tmp") is None
    assert images.is_remote("HTTP://example.com/a.png") and images.is_remote("data:image/png,xx")
    assert images.local_path("file:///srv/a%20b.png", None) == Path("/srv/a b.png")
    assert images.local_path("a.png", "/srv/in") == Path("/srv/in/a.png")


def test_the_reader_gives_the_models_folder_and_the_command_embeds(tmp_path: Path):
    """A model's figure src is relative to the model's file, wherever convert runs."""
    folder = tmp_path / "story"
    photo = documents.write_photo(folder / "img" / "bridge.jpg", (200, 100))
    model = figure_doc("img/bridge.jpg", None).to_dict()
    (folder / "story.json").write_text(json.dumps(model, ensure_ascii=False), "utf-8")
    assert read_file(folder / "story.json").base == str(folder.resolve())
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "convert", str(folder / "story.json"), "--to",
                    "docx,epub", "-o", str(out), "-q"], check=True, cwd=tmp_path)
    docx_package = zipfile.ZipFile(out / "story.docx")
    media = [n for n in docx_package.namelist() if n.startswith("word/media/")]
    assert [docx_package.read(n) for n in media] == [photo]


def test_the_base_folder_is_not_part_of_the_model(tmp_path: Path):
    doc = figure_doc("a.jpg", tmp_path)
    assert doc == replace(doc, base="/elsewhere")
    assert "base" not in json.dumps(doc.to_dict())


def test_a_remote_image_the_reader_reported_is_not_reported_again():
    src = "https://photos.example.com/bridge.jpg"
    doc = figure_doc(src, None).with_warnings(f"1 remote image not fetched: {src}")
    for name in FORMATS:
        assert get_writer(name).render(doc, RenderOptions()).warnings == (), name
