"""Ctrl-C, SIGTERM, kill -9 and dying workers, on the real command in a subprocess.

Deterministic on a loaded machine: each test waits for an event it can see (a
progress line, the "stopping" line, a file the fake writer drops as an article
starts) before it sends a signal, never for a fixed time. The slow articles
sleep a minute, so a run that ends within the tests' timeouts was stopped.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from convert import runner
from convert.reader import ReadOptions
from convert.writers.base import RenderOptions
from tests.batch_fakes import write_article

ROOT = Path(__file__).resolve().parent.parent
FAKE_CLI = (
    "import convert.writers as w\n"
    "w._BUILTIN['fake'] = ('tests.batch_fakes', '.fake')\n"
    "from convert.cli import program\nprogram()\n"
)
STOPPING = "stopping after the articles in progress"


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    """Poll a condition that some other process will make true (not a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def leftovers(folder: Path) -> list[Path]:
    return list(folder.rglob("*.part")) if folder.exists() else []


class Run:
    """One `convert` process in its own session (a terminal's process group)."""

    def __init__(self, tmp: Path, args: list[str], **env: str) -> None:
        self.started = tmp / "started"
        self.started.mkdir(exist_ok=True)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", FAKE_CLI, *args], cwd=ROOT,
            env={**os.environ, "CONVERT_FAKE_STARTED": str(self.started), **env},
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True,
        )

    def wait_started(self, *titles: str) -> None:
        """Until the fake writer has begun each of these articles."""
        wait_for(lambda: all((self.started / t).exists() for t in titles),
                 f"articles {titles} to start")

    def stderr_until(self, text: str) -> str:
        assert self.proc.stderr is not None
        seen = ""
        while text not in seen:
            line = self.proc.stderr.readline()
            assert line, f"stderr ended before {text!r}: {seen}"
            seen += line
        return seen

    def ctrl_c(self) -> None:
        os.killpg(self.proc.pid, signal.SIGINT)  # a terminal sends it to the whole group

    def finish(self, timeout: float = 40) -> tuple[str, str]:
        return self.proc.communicate(timeout=timeout)

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.communicate()


@pytest.fixture
def runs() -> Iterator[list[Run]]:
    made: list[Run] = []
    yield made
    for run in made:  # a failed test must not leave a minute-long sleeper behind
        run.kill()


def batch(tmp: Path, titles: list[str]) -> Path:
    for i, title in enumerate(titles):
        write_article(tmp / "in" / f"{i:02}.txt", title)
    return tmp / "in"


def whole(out: Path) -> list[str]:
    """The finished outputs, each checked to be whole (the padding is all there)."""
    done = sorted(p.name for p in out.rglob("*.fake")) if out.exists() else []
    for name in done:
        assert len(json.loads((out / name).read_text(encoding="utf-8"))["padding"]) == 200_000
    return done


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_first_ctrl_c_finishes_the_articles_in_progress_and_keeps_them(
    tmp_path: Path, runs: list[Run], jobs: str
) -> None:
    src, out = batch(tmp_path, [f"Article {i}" for i in range(12)]), tmp_path / "out"
    args = [str(src), "--to", "fake", "-o", str(out), "-j", jobs]
    run = Run(tmp_path, args, CONVERT_FAKE_SLOW="0.3")
    runs.append(run)
    run.stderr_until("[1/12] ok")  # one article is done
    run.ctrl_c()
    stdout, stderr = run.finish()
    assert run.proc.returncode == 130, stdout + stderr
    assert "Traceback" not in stderr
    done = whole(out)
    assert 1 <= len(done) < 12
    assert leftovers(out) == []
    assert f"Interrupted: {len(done)} finished and kept" in stdout
    rerun = subprocess.run([sys.executable, "-c", FAKE_CLI, *args], cwd=ROOT,
                           capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{12 - len(done)} converted, {len(done)} up to date" in rerun.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_stops_at_once_keeping_what_finished(
    tmp_path: Path, runs: list[Run], jobs: str
) -> None:
    # Two quick articles, then two that would take a minute each, then one more.
    src = batch(tmp_path, ["Quick 0", "Quick 1", "SLOW 2", "SLOW 3", "Quick 4"])
    out = tmp_path / "out"
    run = Run(tmp_path, [str(src), "--to", "fake", "-o", str(out), "-j", jobs])
    runs.append(run)
    # -j 1 reaches SLOW 2 after both quick ones; -j 2 starts SLOW 3 only when both
    # workers are past Quick 0 and Quick 1.
    run.wait_started("SLOW 2", *(["SLOW 3"] if jobs == "2" else []))
    os.kill(run.proc.pid, signal.SIGTERM)  # `kill PID`, `timeout 60 convert …`
    stdout, stderr = run.finish(timeout=40)  # far less than the minute an article takes
    assert run.proc.returncode == 143, stdout + stderr
    assert "Traceback" not in stderr
    assert whole(out) == ["00.fake", "01.fake"]
    assert leftovers(out) == []
    assert "2 converted, 0 up to date, 0 failed, 3 not run" in stdout
    assert "Interrupted" in stdout


def test_any_number_of_ctrl_c_never_prints_a_traceback(tmp_path: Path, runs: list[Run]
                                                       ) -> None:
    src = batch(tmp_path, ["SLOW 0", "SLOW 1", "Quick 2", "Quick 3"])
    out = tmp_path / "out"
    run = Run(tmp_path, [str(src), "--to", "fake", "-o", str(out), "-j", "2"])
    runs.append(run)
    run.wait_started("SLOW 0", "SLOW 1")
    run.ctrl_c()
    run.stderr_until(STOPPING)  # the first one was heard: it waits for the articles
    for _ in range(4):  # the second stops at once; the rest land wherever they land
        run.ctrl_c()
    stdout, stderr = run.finish(timeout=40)
    assert run.proc.returncode == 130, stdout + stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
    assert "0 converted, 0 up to date, 0 failed, 4 not run" in stdout
    assert whole(out) == [] and leftovers(out) == []


def test_workers_die_with_the_main_process(tmp_path: Path, runs: list[Run]) -> None:
    src = batch(tmp_path, ["SLOW 0", "SLOW 1"])
    run = Run(tmp_path, [str(src), "--to", "fake", "-o", str(tmp_path / "out"), "-j", "2"])
    runs.append(run)
    run.wait_started("SLOW 0", "SLOW 1")
    os.kill(run.proc.pid, signal.SIGKILL)  # the main process only
    # The workers held the same stdout and stderr pipes: they close only when the
    # workers are gone too, long before the minute their articles would take.
    run.finish(timeout=40)
    assert leftovers(tmp_path / "out") == []


def test_a_killed_worker_fails_its_own_article_only_and_its_temporary_file_goes(
    tmp_path: Path, runs: list[Run]
) -> None:
    src = batch(tmp_path, ["SLOW victim", "Quick 1", "Quick 2", "Quick 3"])
    out = tmp_path / "out"
    run = Run(tmp_path, [str(src), "--to", "fake", "-o", str(out), "-j", "2"])
    runs.append(run)
    run.wait_started("SLOW victim")
    victim = int((run.started / "SLOW victim").read_text())
    # What the worker would leave if killed while writing its output.
    out.mkdir(exist_ok=True)
    orphan = out / f".convert-{victim}-abcd1234.part"
    orphan.write_bytes(b"half a file")
    os.kill(victim, signal.SIGKILL)  # the OOM killer, or a user's kill -9
    stdout, stderr = run.finish(timeout=40)
    assert run.proc.returncode == 1, stdout + stderr
    assert whole(out) == ["01.fake", "02.fake", "03.fake"]
    assert "1 failed" in stdout and "00.txt: the worker process was killed (SIGKILL)" in stdout
    assert not orphan.exists()


def test_ctrl_c_while_reading_standard_input_is_a_quiet_stop(tmp_path: Path,
                                                              runs: list[Run]) -> None:
    run = Run(tmp_path, ["-", "--to", "json", "-o", str(tmp_path / "out.json")])
    runs.append(run)
    syscall = Path(f"/proc/{run.proc.pid}/syscall")

    def reading_stdin() -> bool:
        try:  # "0 0x0 …": read(2) on file descriptor 0 (x86-64 and arm64 differ: any read)
            fields = syscall.read_text().split()
        except OSError:
            pytest.skip("no /proc/PID/syscall here to see the process wait on its input")
        return len(fields) > 1 and fields[0] in ("0", "63") and fields[1] == "0x0"

    wait_for(reading_stdin, "the command to wait on standard input")
    run.ctrl_c()
    _, stderr = run.finish()
    assert run.proc.returncode == 130
    assert stderr.strip() == "convert: interrupted"
    assert not (tmp_path / "out.json").exists()


def test_ctrl_c_while_the_book_is_made_keeps_the_articles_and_makes_no_book(
    tmp_path: Path, runs: list[Run]
) -> None:
    src, out = batch(tmp_path, ["Quick 0", "Quick 1"]), tmp_path / "out"
    book = tmp_path / "book.fake"
    run = Run(tmp_path, [str(src), "--to", "fake", "-o", str(out), "-j", "1",
                         "--combine", str(book), "--title", "SLOW book"])
    runs.append(run)
    run.wait_started("SLOW book")
    run.ctrl_c()
    stdout, stderr = run.finish(timeout=40)
    assert run.proc.returncode == 130, stdout + stderr
    assert "Traceback" not in stderr
    assert whole(out) == ["00.fake", "01.fake"] and not book.exists()
    assert leftovers(tmp_path) == []
    assert "2 converted" in stdout and "not made (interrupted before it was written)" in stdout


def _mask_at_start(conn: Any, *args: object) -> None:
    """A worker's entry point that only reports the signals blocked as it starts."""
    conn.send(signal.pthread_sigmask(signal.SIG_BLOCK, []))


def _status_mask(pid: int, name: str) -> set[int]:
    """Signal numbers in a /proc/PID/status mask line (SigBlk, SigIgn)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        pytest.skip("no /proc/PID/status here to read a worker's signal masks")
    bits = int(next(line for line in lines if line.startswith(f"{name}:")).split()[1], 16)
    return {n for n in range(1, 65) if bits >> (n - 1) & 1}


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no POSIX signal masks")
def test_a_worker_is_started_with_stop_signals_held_until_its_own_handlers_are_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Until the worker installs its handlers it would run a copy of the main process's
    # (a forked Signals): a Ctrl-C landing then must wait, not be counted there.
    settings = runner.Settings(ReadOptions(), RenderOptions(), warm=False)
    monkeypatch.setattr(runner, "_worker_main", _mask_at_start)
    probe = runner._Worker(runner._context(), [], (), settings)
    assert {signal.SIGINT, signal.SIGTERM} <= probe.conn.recv()
    probe.retire()
    monkeypatch.undo()
    # The main process holds them no longer.
    assert not {signal.SIGINT, signal.SIGTERM} & signal.pthread_sigmask(signal.SIG_BLOCK, [])
    # A real worker, once it has answered an article: Ctrl-C ignored, nothing held.
    worker = runner._Worker(runner._context(), [], (), settings)
    try:
        assert worker.give(runner.Task(0, Path("/nonexistent/article.txt"), ()))
        assert worker.conn.recv().failed  # it ran the article, so its set-up is done
        assert signal.SIGINT in _status_mask(worker.proc.pid, "SigIgn")
        assert not {signal.SIGINT, signal.SIGTERM} & _status_mask(worker.proc.pid, "SigBlk")
    finally:
        worker.conn.send(None)
        worker.retire()
