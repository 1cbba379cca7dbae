"""Start-up: a run imports only what its inputs and formats need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import quoteattr as sax_quoteattr

import pytest

from convert.writers.docx_template import quoteattr

ROOT = Path(__file__).resolve().parent.parent
# Libraries that cost 15–150 ms to import and that a plain-text article needs none of
# (or only the writer that uses it).
WRITERS = {"reportlab": "pdf", "docx": "docx", "ebooklib": "epub"}
NEVER_FOR_TEXT = ("trafilatura", "lxml_html_clean", "markdown_it", "opencc", "jsonschema",
                  "fsspec", "distributed", "fontTools", "xml.sax.saxutils", "urllib.request")

# The command leaves without tearing the interpreter down, after the atexit handlers.
PROBE = """
import atexit, json, sys
from convert.cli import program
sys.argv[0] = "convert"
atexit.register(lambda: print(json.dumps(sorted(sys.modules))))
program()
"""


def _run(*args: str, probe: str = PROBE) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", probe, *args], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def _modules_after(*args: str) -> set[str]:
    out = _run(*args)
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules} | modules


@pytest.mark.parametrize("fmt", ["pdf", "docx", "epub", "json"])
def test_a_text_article_imports_only_its_writers_library(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "a.txt"
    source.write_text("标题\n\n正文第一段。\n\n正文第二段。\n", encoding="utf-8")
    loaded = _top(_modules_after(str(source), "--to", fmt, "-o", str(tmp_path), "-q"))
    assert (tmp_path / f"a.{fmt}").is_file()
    for library, writer in WRITERS.items():
        assert (library in loaded) == (writer == fmt), library
    assert not loaded & set(NEVER_FOR_TEXT)


def test_help_imports_no_writer_library() -> None:
    loaded = _top(_modules_after("--help"))
    assert not loaded & {*WRITERS, *NEVER_FOR_TEXT}


def test_the_quick_exit_keeps_the_exit_status_and_flushes_standard_output(
        tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("标题\n\n正文。\n" * 2000, encoding="utf-8")  # more than a pipe holds
    out = _run(str(source), "--to", "json", "-o", "-", "-q")
    assert out.returncode == 0 and json.loads(out.stdout.split("\n[", 1)[0])["meta"]
    (tmp_path / "empty.txt").write_bytes(b"")
    failed = _run(str(tmp_path / "empty.txt"), "--to", "json", "-o", str(tmp_path), "-q")
    assert failed.returncode == 1 and "empty.txt" in failed.stderr + failed.stdout


@pytest.mark.parametrize("value", ["UMing", 'a "quoted" name', "it's", "both ' and \"",
                                   "<&>", "tab\there\nand\rthere", ""])
def test_quoteattr_writes_what_saxutils_writes(value: str) -> None:
    assert quoteattr(value) == sax_quoteattr(value)


def test_the_quick_exit_waits_like_python_for_a_thread_that_is_not_a_daemon() -> None:
    import threading

    from convert import cli

    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        cli._leave(0)  # returns: the normal exit will wait for the thread
    finally:
        release.set()
        worker.join()
    cli._leave("usage text")  # not a status: Python's exit prints it
