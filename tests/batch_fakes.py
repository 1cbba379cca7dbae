"""A writer with controlled behaviour for the batch tests, and the fixture registering it.

The `fake` format writes the article's title and paragraphs as JSON. Its
behaviour is steered by the article itself, so it is the same in a pool
worker as in the test process:

- a title containing FAIL raises RuntimeError("boom") (an unexpected writer bug);
- a title containing INTERRUPT raises KeyboardInterrupt (Ctrl-C mid-batch);
- a title containing EXIT ends the process at once (os._exit: only in a pool worker!);
- a title containing SLOW sleeps a minute (an article, or a --combine book, that
  the test stops midway);
- CONVERT_FAKE_SLOW=seconds in the environment sleeps that long per article;
- CONVERT_FAKE_STARTED=folder: render drops a file named after the title there as
  it starts (holding its process id), so a test can wait for an article to be in progress;
- CONVERT_FAKE_PADDING=bytes: the size of the padding (default 200 000);
- CONVERT_FAKE_WARM=folder: warm_up adds a line to a file named after the process id
  there, one line per call (so a test can count warm-ups per process, see warm_ups);
- a title containing PROGRESS reports a block at a time (convert.progress), announced.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from convert import progress, writers
from convert.model import Document
from convert.writers.base import Rendered, RenderOptions, Writer


def _body(doc: Document) -> dict[str, object]:
    return {"title": doc.meta.title, "paragraphs": [b.text for b in doc.blocks]}


def render(doc: Document, options: RenderOptions) -> Rendered:
    if "FAIL" in doc.meta.title:
        raise RuntimeError("boom\nsecond line of the message")
    if "INTERRUPT" in doc.meta.title:
        raise KeyboardInterrupt
    if "EXIT" in doc.meta.title:  # the process dies (in a pool worker: the worker)
        os._exit(3)
    _started(doc.meta.title)
    if "PROGRESS" in doc.meta.title:
        meter = progress.meter(len(doc.blocks), "block", announce=True)
        for n, block in enumerate(doc.blocks, 1):
            meter.update(n, block.text[:10])
        meter.finish()
    time.sleep(60 if "SLOW" in doc.meta.title else float(os.environ.get("CONVERT_FAKE_SLOW", "0")))
    # Padding makes a half-written file easy to tell from a whole one.
    padding = int(os.environ.get("CONVERT_FAKE_PADDING", "200000"))
    data = json.dumps({**_body(doc), "padding": "x" * padding}, ensure_ascii=False)
    return Rendered(data.encode("utf-8"), warnings=("fake warning",))


def _started(name: str) -> None:
    folder = os.environ.get("CONVERT_FAKE_STARTED")
    if folder:
        # Renamed into place, so a test never sees the file before the pid is in it.
        marker = Path(folder) / name
        partial = marker.with_name(f".{marker.name}.{os.getpid()}")
        partial.write_text(str(os.getpid()))
        os.replace(partial, marker)


def render_book(docs: Sequence[Document], title: str, options: RenderOptions) -> Rendered:
    if "SLOW" in title:  # a book the test stops midway
        _started(title)
        time.sleep(60)
    book = {"title": title, "chapters": [_body(d) for d in docs]}
    return Rendered(json.dumps(book, ensure_ascii=False).encode("utf-8"))


def warm_up(options: RenderOptions) -> None:
    folder = os.environ.get("CONVERT_FAKE_WARM")
    if folder:
        # Appended, not touched: a second warm-up in the same process must show.
        with open(Path(folder) / f"{os.getpid()}", "a", encoding="ascii") as f:
            f.write("warm\n")


def warm_ups(folder: Path) -> dict[int, int]:
    """How many times each process warmed up, by process id (CONVERT_FAKE_WARM)."""
    return {int(p.name): len(p.read_text(encoding="ascii").splitlines())
            for p in folder.iterdir()}


WRITER = Writer(
    name="fake",
    extension=".fake",
    render=render,
    render_book=render_book,
    description="test double",
    warm_up=warm_up,
)


@pytest.fixture
def fake_writer(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Register the `fake` format for one test (pool workers inherit it by fork)."""
    monkeypatch.setitem(writers._BUILTIN, "fake", (__name__, ".fake"))
    writers.get_writer.cache_clear()
    yield "fake"
    writers.get_writer.cache_clear()


def article(title: str, body: str = "The first paragraph of the article.") -> str:
    return f"{title}\n\n{body}\n\nA second paragraph, for good measure.\n"


def write_article(path: Path, title: str, body: str = "The first paragraph.") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(article(title, body), encoding="utf-8")
    return path


def raw_file(folder: Path, name: bytes, data: bytes = b"Title\n\nBody.\n") -> bytes:
    """Create a file whose name is raw bytes (not valid UTF-8), or skip where the
    file system refuses such names (macOS APFS, some network shares)."""
    os.makedirs(os.fsencode(folder), exist_ok=True)
    path = os.path.join(os.fsencode(folder), name)
    try:
        with open(path, "wb") as f:
            f.write(data)
    except OSError as exc:
        pytest.skip(f"this file system refuses non-UTF-8 file names: {exc}")
    return path
