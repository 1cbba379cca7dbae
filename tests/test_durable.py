"""Outputs reach the disk (fsync) before a run records them, and no pool worker waits on it:
the workers write, the main process makes their files durable while they go on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from convert import atomic, runner
from convert.errors import OutputError
from convert.read_options import ReadOptions
from convert.writers.base import RenderOptions

ARTICLE = "江城河畔公园今日开放\n\n新华社记者 王晓明\n\n" + "市民在河边散步，孩子们放风筝。" * 40


def _fsyncs_logged_to(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.fsync that appends its process id to `log` (a forked worker inherits it)."""
    real = os.fsync

    def logged(fd: int) -> None:
        with open(log, "a", encoding="ascii") as f:
            f.write(f"{os.getpid()}\n")
        real(fd)

    monkeypatch.setattr(os, "fsync", logged)


def _tasks(tmp_path: Path, n: int) -> list[runner.Task]:
    out = tmp_path / "out"
    tasks = []
    for i in range(n):
        source = tmp_path / f"a{i}.txt"
        source.write_text(ARTICLE, encoding="utf-8")
        tasks.append(runner.Task(i, source, (("json", out / f"a{i}.json"),)))
    return tasks


def test_write_atomic_can_leave_the_fsync_to_make_durable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "fsyncs"
    _fsyncs_logged_to(log, monkeypatch)
    target = tmp_path / "a.pdf"
    atomic.write_atomic(target, b"data", durable=False)
    assert target.read_bytes() == b"data" and not log.exists()
    atomic.make_durable(target)
    atomic.write_atomic(tmp_path / "b.pdf", b"data")  # the default: fsynced before the rename
    assert log.read_text().split() == [str(os.getpid())] * 2


def test_make_durable_names_a_file_that_is_gone(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"cannot write .*gone\.pdf: "):
        atomic.make_durable(tmp_path / "gone.pdf")


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="the fsync spy reaches the workers through fork")
def test_the_main_process_fsyncs_what_the_pool_workers_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "fsyncs"
    _fsyncs_logged_to(log, monkeypatch)
    tasks = _tasks(tmp_path, 6)
    result = runner._run_pool(tasks, 2, ["json"], runner.Settings(ReadOptions(), RenderOptions()),
                              lambda o: None, False, runner.Signals(restore=True))
    assert sorted(result.outcomes) == list(range(6))
    assert all(o.done == ["json"] for o in result.outcomes.values())
    # One fsync per output, every one of them in this process: no worker waited on the disk.
    assert log.read_text().split() == [str(os.getpid())] * 6


def test_an_output_that_cannot_be_made_durable_fails_its_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = _tasks(tmp_path, 1)[0]
    outcome = runner.convert_one(task, ReadOptions(), RenderOptions(), durable=False)
    assert outcome.done == ["json"]

    def failing(path: Path) -> None:
        raise OutputError(f"cannot write {path}: Input/output error")

    monkeypatch.setattr(runner, "make_file_durable", failing)
    runner.make_durable(task, outcome)
    assert outcome.done == []
    assert outcome.failed["json"].endswith("a0.json: Input/output error")
