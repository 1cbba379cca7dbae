"""Progress within one input (convert.progress): meters, their rate limit, and the
reader and writers that report through them. No timing: a fake clock, or interval 0."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest

from convert import progress, writers
from convert.model import heading, paragraph
from convert.progress import Tick
from convert.reader import read_bytes
from convert.writers.base import RenderOptions
from tests.batch_fakes import fake_writer, write_article  # noqa: F401 (a fixture)
from tests.longtext_books import novel, novel_text


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_meter_sends_at_most_one_tick_per_interval_and_its_end() -> None:
    clock, ticks = FakeClock(), []
    with progress.reporting(ticks.append, clock=clock), progress.stage("pdf"):
        m = progress.meter(100, "char")
        for now, done in ((0.0, 10), (0.05, 20), (0.125, 30), (0.2, 40), (0.25, 50)):
            clock.now = now
            m.update(done)
        m.finish()
    assert ticks == [Tick("pdf", 30, 100, "char"), Tick("pdf", 50, 100, "char"),
                     Tick("pdf", 100, 100, "char")]


def test_a_quick_stage_says_nothing_at_all() -> None:
    ticks: list[Tick] = []
    with progress.reporting(ticks.append, clock=FakeClock()), progress.stage("epub"):
        m = progress.meter(5, "char")
        for done in range(5):
            m.update(done)
        m.finish()
    assert ticks == []  # an article within the interval: not one message


def test_a_long_stage_announces_its_start_and_end_whatever_the_clock() -> None:
    ticks: list[Tick] = []
    with progress.reporting(ticks.append, clock=FakeClock()), progress.stage("docx"):
        m = progress.meter(3, "step", announce=True)
        m.update(1, "第一章")
        m.update(2)
        m.finish()
    assert ticks == [Tick("docx", 0, 3, "step"), Tick("docx", 3, 3, "step", "第一章")]


def test_without_a_listener_nothing_is_metered() -> None:
    items = [heading("第一章"), paragraph("正文。" * 20000)]
    assert progress.meter(10, "char", announce=True) is progress.SILENT
    assert list(progress.blocks(items)) == items
    with progress.reporting(None):
        assert not progress.listening()


def test_stages_nest_and_end_with_their_block() -> None:
    ticks: list[Tick] = []
    with progress.reporting(ticks.append, interval=0):
        with progress.stage("read"):
            progress.meter(1, "step", announce=True).finish()
        with progress.stage("pdf"):
            progress.meter(1, "char", announce=True).finish()
    assert [(t.stage, t.done) for t in ticks] == [("read", 0), ("read", 1), ("pdf", 0),
                                                  ("pdf", 1)]
    assert not progress.listening()


def test_another_thread_does_not_hear_this_ones_listener() -> None:
    heard: list[bool] = []
    with progress.reporting(lambda tick: None):
        thread = threading.Thread(target=lambda: heard.append(progress.listening()))
        thread.start()
        thread.join()
    assert heard == [False]


def test_blocks_count_characters_drawn_and_name_the_chapter() -> None:
    items = [heading("第一章 雨夜"), paragraph("甲" * 20_000), heading("第二章 潮水"),
             paragraph("乙" * 15_000)]
    ticks: list[Tick] = []
    with progress.reporting(ticks.append, interval=0), progress.stage("epub"):
        assert list(progress.blocks(iter(items))) == items
    total = 6 + 20_000 + 6 + 15_000
    assert ticks[0] == Tick("epub", 0, total, "char")  # announced: a long text
    assert [t.done for t in ticks[1:]] == [0, 6, 20_006, 20_012, total]
    assert [t.label for t in ticks[1:]] == ["第一章 雨夜"] * 2 + ["第二章 潮水"] * 3


def test_reading_a_long_text_reports_its_three_steps() -> None:
    ticks: list[Tick] = []
    data = novel_text().encode("gb18030")
    with progress.reporting(ticks.append, interval=0), progress.stage("read"):
        doc = read_bytes(data)
    assert [(t.stage, t.done, t.total, t.unit) for t in ticks] == [
        ("read", n, 3, "step") for n in range(4)]
    assert doc.meta.title == "长河旧事"


@pytest.mark.parametrize("fmt", ["epub", "docx", "pdf", "json"])
def test_each_writer_reports_a_long_text_chapter_by_chapter(fmt: str) -> None:
    doc = novel()
    ticks: list[Tick] = []
    with progress.reporting(ticks.append, interval=0), progress.stage(fmt):
        writers.get_writer(fmt).render(doc, RenderOptions())
    if fmt == "json":  # a serialisation, done at once: nothing to report
        assert ticks == []
        return
    total = sum(len(b.text) for b in doc.blocks)
    assert {t.stage for t in ticks} == {fmt} and {t.total for t in ticks} == {total}
    done = [t.done for t in ticks]
    assert done == sorted(done) and done[0] == 0 and done[-1] == total
    labels = list(dict.fromkeys(t.label for t in ticks if t.label))
    assert labels[:3] == ["第1卷 潮起之1", "第1章 河边第1夜", "第2章 河边第2夜"]
    assert labels[-1] == "第8章 河边第8夜"


def test_reporting_does_not_change_what_is_written() -> None:
    doc = novel()
    quiet = writers.get_writer("epub").render(doc, RenderOptions()).data
    with progress.reporting(lambda tick: None, interval=0), progress.stage("epub"):
        reported = writers.get_writer("epub").render(doc, RenderOptions()).data
    assert reported == quiet


# --- the bar (report.Progress) ----------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _job(name: str) -> object:
    from convert.batch import Job

    return Job(0, Path(name))


def test_one_inputs_bar_follows_its_stages() -> None:
    from convert.report import Progress

    shown = Progress(1, quiet=False, verbose=False, stream=Terminal())
    assert shown.wants_ticks
    job = _job("novel.txt")
    shown.tick(job, Tick("read", 2, 3, "step"))  # type: ignore[arg-type]
    assert (shown.bar.desc, shown.bar.total, shown.bar.n, shown.bar.unit) == ("read", 3, 2,
                                                                               "step")
    shown.tick(job, Tick("pdf", 1_000, 50_000, "char", "第一百二十章 潮水"))  # type: ignore[arg-type]
    bar = shown.bar
    assert (bar.desc, bar.total, bar.n, bar.unit, bar.unit_scale) == ("pdf", 50_000, 1_000,
                                                                       "char", True)
    assert "第一百二十章 潮水" in bar.postfix
    shown.tick(job, Tick("pdf", 30_000, 50_000, "char"))  # type: ignore[arg-type]
    assert bar.n == 30_000
    shown.tick(job, Tick("docx", 7, 0, "char"))  # type: ignore[arg-type]
    assert (bar.desc, bar.total, bar.n) == ("docx", None, 7)  # a total not known: none
    shown.close()
    assert "pdf" in shown.stream.getvalue()  # type: ignore[attr-defined]


def test_a_batch_bar_counts_files_and_shows_the_latest_tick() -> None:
    from convert.report import Progress

    shown = Progress(3, quiet=False, verbose=False, stream=Terminal())
    shown.tick(_job("a-very-long-file-name-of-a-web-novel.txt"),  # type: ignore[arg-type]
               Tick("epub", 25, 100, "char", "第三章"))
    bar = shown.bar
    assert (bar.total, bar.n, bar.unit) == (3, 0, "file")
    assert bar.postfix == "a-very-long-file-name-o…: epub 25% 第三章"
    shown.close()


def test_no_terminal_no_bar_and_no_ticks_asked_for() -> None:
    from convert.report import Progress

    shown = Progress(1, quiet=False, verbose=False, stream=io.StringIO())
    assert not shown.wants_ticks
    shown.tick(_job("a.txt"), Tick("pdf", 1, 2, "char"))  # type: ignore[arg-type]
    assert shown.stream.getvalue() == ""  # type: ignore[attr-defined]


# --- the runner: ticks from this process and from pool workers --------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_ticks_reach_the_main_process_before_their_outcome(
    fake_writer: str, tmp_path: Path, jobs: int  # noqa: F811
) -> None:
    from convert import runner
    from convert.reader import ReadOptions

    sources = [write_article(tmp_path / "in" / f"{name}.txt", title, "第一段。\n\n第二段。")
               for name, title in (("a", "PROGRESS one"), ("b", "Plain"),
                                   ("c", "PROGRESS three"))]
    tasks = [runner.Task(i, src, ((fake_writer, tmp_path / "out" / f"{i}.fake"),))
             for i, src in enumerate(sources)]
    heard: list[tuple[str, int, object]] = []
    result = runner.run(
        tasks, jobs=jobs, formats=[fake_writer], read_options=ReadOptions(),
        render_options=RenderOptions(),
        on_outcome=lambda o: heard.append(("outcome", o.index, o.done)),
        on_progress=lambda index, tick: heard.append(("tick", index, tick)),
    )
    assert all(o.done == [fake_writer] for o in result.outcomes.values())
    for index in (0, 2):
        mine = [(kind, what) for kind, i, what in heard if i == index]
        ticks = [what for kind, what in mine if kind == "tick"]
        assert mine[-1] == ("outcome", [fake_writer])  # every tick came before it
        assert ticks[0] == Tick(fake_writer, 0, 3, "block")  # title, two paragraphs
        assert ticks[-1].done == 3 and ticks[-1].stage == fake_writer
    assert [kind for kind, i, _ in heard if i == 1] == ["outcome"]  # a quick article: silent


def test_workers_send_no_ticks_unless_asked(fake_writer: str, tmp_path: Path) -> None:  # noqa: F811
    from convert import runner
    from convert.reader import ReadOptions

    sources = [write_article(tmp_path / f"{n}.txt", "PROGRESS") for n in range(2)]
    tasks = [runner.Task(i, src, ((fake_writer, tmp_path / f"{i}.fake"),))
             for i, src in enumerate(sources)]
    result = runner.run(tasks, jobs=2, formats=[fake_writer], read_options=ReadOptions(),
                        render_options=RenderOptions())  # no on_progress: Outcomes only
    assert sorted(result.outcomes) == [0, 1]
    assert all(o.done == [fake_writer] for o in result.outcomes.values())


# --- the command on a terminal ----------------------------------------------------------


def _on_a_terminal(args: list[str], stdout: Path) -> tuple[int, str]:
    """Run the command with standard error on a pseudo-terminal (80 columns) and standard
    output into a file; its exit status and all it drew on the terminal."""
    import fcntl
    import os
    import select
    import struct
    import subprocess
    import sys
    import termios

    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    root = Path(__file__).resolve().parent.parent
    with stdout.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "convert", *args], cwd=root,
                                stdout=out, stderr=follower, stdin=subprocess.DEVNULL)
    os.close(follower)
    drawn = bytearray()
    try:
        while True:  # until the command exits and the terminal's last writer is gone
            ready, _, _ = select.select([leader], [], [], 120)
            if not ready:
                proc.kill()
                raise AssertionError("the command drew nothing for two minutes")
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: every writer has closed the terminal
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(leader)
        status = proc.wait()
    return status, drawn.decode("utf-8", "replace")


def test_one_long_file_shows_its_stages_on_the_terminal_and_nothing_on_stdout(
    tmp_path: Path,
) -> None:
    import zipfile

    src = tmp_path / "novel.txt"
    src.write_bytes(novel_text().encode("gb18030"))
    book = tmp_path / "stdout.epub"
    status, drawn = _on_a_terminal([str(src), "--to", "epub", "-o", "-"], book)
    assert status == 0, drawn
    with zipfile.ZipFile(book) as z:  # standard output holds the book and only the book
        assert z.testzip() is None and "EPUB/nav.xhtml" in z.namelist()
    lines = drawn.replace("\r", "\n").splitlines()
    # Each stage is drawn as it starts (the bar's own rate limit may skip its end).
    assert any(line.startswith("read:") and "/3 " in line for line in lines), drawn
    assert any(line.startswith("epub: 100%") and "第8章 河边第8夜" in line for line in lines)
    assert "1 converted" in drawn  # the summary: on standard error, the book on stdout


def test_a_batch_shows_files_and_where_the_latest_one_is(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / "in" / name).mkdir(parents=True)
        (tmp_path / "in" / name / "novel.txt").write_text(novel_text(), encoding="utf-8")
    status, drawn = _on_a_terminal([str(tmp_path / "in"), "--to", "docx", "-j", "2", "-o",
                                    str(tmp_path / "out")], tmp_path / "stdout.txt")
    assert status == 0, drawn
    assert "2/2" in drawn and "novel.txt: docx" in drawn, drawn
    assert (tmp_path / "out" / "a" / "novel.docx").exists()
