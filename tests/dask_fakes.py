"""A fake writer for the Dask tests, steered by the article's title like batch_fakes':

- CRASH: the worker process dies (os._exit) every time it converts the article;
- DIEONCE: the worker dies the first time (a marker file in CONVERT_FAKE_MARKS
  remembers it), converts normally on the retry;
- SLOW: sleeps 0.3 s, so a Ctrl-C lands while batches are running;
- its warm-up is batch_fakes' (CONVERT_FAKE_WARM: a line per warm-up in a file named
  after the process);
- anything else: batch_fakes' behaviour (FAIL raises, JSON with padding otherwise).

WorkerWriters registers it on every Dask worker, including ones that replace a
dead worker (the scheduler hands plugins to new workers), with the environment
a test wants its workers to have: registered again under the same name, it
replaces the previous one, whose teardown takes its variables away.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from distributed import WorkerPlugin

from convert import writers
from convert.model import Document
from convert.writers.base import Rendered, RenderOptions, Writer
from tests import batch_fakes

NAME = "dfake"


def render(doc: Document, options: RenderOptions) -> Rendered:
    title = doc.meta.title
    if "CRASH" in title:
        os._exit(3)
    if "DIEONCE" in title:
        mark = Path(os.environ["CONVERT_FAKE_MARKS"]) / title.encode().hex()
        if not mark.exists():
            mark.touch()
            os._exit(3)
    if "SLOW" in title:
        time.sleep(0.3)
    return batch_fakes.render(doc, options)


WRITER = Writer(
    name=NAME,
    extension=".dfake",
    render=render,
    render_book=batch_fakes.render_book,
    description="test double for the Dask tests",
    warm_up=batch_fakes.warm_up,  # CONVERT_FAKE_WARM=folder: a line per warm-up
)


def register() -> None:
    writers._BUILTIN[NAME] = (__name__, ".dfake")
    writers.get_writer.cache_clear()


class WorkerWriters(WorkerPlugin):
    name = "convert-test-writers"

    def __init__(self, marks: str, env: dict[str, str] | None = None) -> None:
        self.marks = marks
        self.env = dict(env or {})

    def setup(self, worker: object) -> None:
        os.environ["CONVERT_FAKE_MARKS"] = self.marks
        os.environ.update(self.env)
        register()

    def teardown(self, worker: object) -> None:
        for name in self.env:
            os.environ.pop(name, None)
