"""Web pages and Markdown from standard input and from an object store (not only files)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from click.testing import CliRunner, Result
from PIL import Image

from convert.cli import main
from convert.errors import InputError
from convert.readers import sniff_bytes

PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>城市更新进入新阶段_新闻频道</title>"
    "</head><body><nav>首页 | 新闻 | 体育</nav><article><h1>城市更新进入新阶段</h1>"
    "<p>近日，市政府发布了关于城市更新的新规划，提出在未来五年内完成老旧小区改造任务。"
    "规划强调以人为本，注重保护历史文化街区。</p>"
    "<figure><img src='images/street.png' alt='改造后的街景'><figcaption>改造后的街景。"
    "</figcaption></figure>"
    "<p>专家认为，这一规划将显著改善居民的生活条件，也会带动相关产业发展。</p>"
    "<ul><li>加装电梯一千部</li><li>改造管网三百公里</li></ul></article></body></html>"
)
NOTE = "---\ntitle: 春季读书笔记\n---\n\n读了三本书，**最喜欢**第二本。\n\n- 甲\n- 乙\n"


def convert(*args: object, input: bytes | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 60, 40)).save(out, "PNG")
    return out.getvalue()


def test_sniffing_bytes_tells_a_page_and_a_note_from_text() -> None:
    assert sniff_bytes(PAGE.encode()) == "html"
    assert sniff_bytes("\ufeff".encode() + PAGE.encode()) == "html"
    assert sniff_bytes(PAGE.encode("utf-16")) == "html"
    assert sniff_bytes(NOTE.encode()) == "markdown"
    assert sniff_bytes("新华社北京3月1日电\n\n正文。\n".encode()) is None


def test_a_page_on_standard_input_is_read_as_a_page() -> None:
    res = convert("-", "--to", "json", "-o", "-", input=PAGE.encode())
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["meta"]["title"] == "城市更新进入新阶段"
    kinds = [b["type"] for b in doc["blocks"]]
    assert "list" in kinds and "figure" in kinds
    assert not any("首页" in json.dumps(b, ensure_ascii=False) for b in doc["blocks"])
    # Its image cannot be found from a stream: said once, in words a user can act on.
    assert "not drawn from standard input" in res.stderr and "images/street.png" in res.stderr


def test_a_note_on_standard_input_is_read_as_markdown() -> None:
    res = convert("-", "--to", "json", "-o", "-", input=NOTE.encode("gb18030"))
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["meta"]["title"] == "春季读书笔记"
    assert [b["type"] for b in doc["blocks"]] == ["paragraph", "list"]


def test_from_forces_the_reader_on_standard_input() -> None:
    res = convert("-", "--from", "markdown", "--to", "json", "-o", "-",
                  input="读了三本书，**最喜欢**第二本。\n\n- 甲\n- 乙\n".encode())
    assert res.exit_code == 0, res.output
    assert [b["type"] for b in json.loads(res.stdout)["blocks"]] == ["paragraph", "list"]


def test_bytes_over_a_readers_limit_are_refused_in_one_line() -> None:
    from convert.readers import markdown

    big = b"x" * (markdown.MAX_BYTES + 1)
    with pytest.raises(InputError, match="too large for a Markdown file"):
        markdown.read_bytes(big)


def test_a_page_in_an_object_store_brings_its_image_from_beside_it(memory: object) -> None:
    memory.pipe_file("/site/news/page.html", PAGE.encode())  # type: ignore[attr-defined]
    memory.pipe_file("/site/news/images/street.png", png())  # type: ignore[attr-defined]
    res = convert("memory://site/news/page.html", "-o", "memory://out", "--to", "epub",
                  "-j", "1")
    assert res.exit_code == 0, res.output
    epub = zipfile.ZipFile(io.BytesIO(memory.cat_file("/out/page.epub")))  # type: ignore[attr-defined]
    images = [n for n in epub.namelist() if n.endswith(".png")]
    assert len(images) == 1 and epub.read(images[0]) == png()
    assert "not found" not in res.output and "standard input" not in res.output


def test_a_missing_image_in_an_object_store_is_a_warning(memory: object) -> None:
    memory.pipe_file("/site/news/page.html", PAGE.encode())  # type: ignore[attr-defined]
    res = convert("memory://site/news/page.html", "-o", "memory://out", "--to", "epub",
                  "-j", "1")
    assert res.exit_code == 0, res.output
    assert "images/street.png" in res.output and "no such file" in res.output
