"""--scheduler: the same batch on a Dask cluster (a LocalCluster of 2 worker processes).

The cluster is shared by the module: starting one costs seconds. It allows one
retry per task (allowed-failures=1) so the fault tests kill few workers; the
article that kills every worker it touches gets a cluster of its own
(doomed_cluster says why).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from convert import cli, dask_runner, runner
from convert.cli import main
from convert.reader import ReadOptions
from convert.state import STATE_NAME
from convert.writers.base import RenderOptions
from tests import batch_fakes
from tests.conftest import SAMPLE_ARTICLES

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
dask_fakes = pytest.importorskip("tests.dask_fakes")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def marks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the DIEONCE articles note that they have killed their worker once."""
    return tmp_path_factory.mktemp("marks")


@contextlib.contextmanager
def local_cluster(marks: Path, workers: int, **scheduler: object) -> Iterator[str]:
    """A LocalCluster of worker processes with the test writers and these scheduler
    settings (allowed_failures=1 …); its scheduler's address."""
    import dask

    # A no-workers timeout: never hang the suite if a restarted worker fails to start.
    config = {f"distributed.scheduler.{k.replace('_', '-')}": v
              for k, v in {"no_workers_timeout": "60s", **scheduler}.items()}
    with (
        dask.config.set(config),
        distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True,
            dashboard_address=None, silence_logs=logging.CRITICAL,
        ) as local,
    ):
        # Only the command under test keeps a client: one per process, like a user's.
        with distributed.Client(local) as client:
            client.register_plugin(dask_fakes.WorkerWriters(str(marks)))
        yield local.scheduler_address


@pytest.fixture(scope="module")
def cluster(marks: Path) -> Iterator[str]:
    with local_cluster(marks, workers=2, allowed_failures=1) as address:
        yield address


@pytest.fixture
def doomed_cluster(marks: Path) -> Iterator[str]:
    """For an article that kills every worker it runs on: a cluster of its own, so
    no other test depends on the Nanny restarting its workers. (A restarted worker
    that dies at once can take its Nanny with it: the worker's 'started' message
    is still in a multiprocessing queue's buffer when os._exit ends the process,
    and the Nanny gives up; such deaths left the shared cluster with no worker
    and the next run waiting for one.) No retry, so two deaths: the batch, then
    the article alone. Every task a dying worker holds counts as a death of its
    own, so the articles, split, must each find an idle worker of their own: one
    worker for each, and one for the batch that died."""
    with local_cluster(marks, workers=4, allowed_failures=0) as address:
        yield address


@pytest.fixture
def dfake(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setitem(dask_fakes.writers._BUILTIN, dask_fakes.NAME,
                        (dask_fakes.__name__, ".dfake"))
    dask_fakes.writers.get_writer.cache_clear()
    yield dask_fakes.NAME
    dask_fakes.writers.get_writer.cache_clear()


def convert(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def report_without_times(path: Path, out: Path) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["summary"]["seconds"]
    for rec in data["inputs"]:
        del rec["seconds"]
        for output in rec["outputs"].values():
            output["path"] = Path(output["path"]).relative_to(out).as_posix()
    return data


def test_batch_size_keeps_a_few_tasks_per_thread_and_caps_them() -> None:
    assert dask_runner.batch_size_for(10, 2) == 2  # 5 tasks: every thread kept busy
    assert dask_runner.batch_size_for(1, 8) == 1
    assert dask_runner.batch_size_for(10_000_000, 100) == dask_runner.MAX_BATCH
    sizes = [len(b) for b in dask_runner.batches(list(range(7)), 3)]  # type: ignore[arg-type]
    assert sizes == [3, 3, 1]


def test_cluster_makes_the_same_files_report_and_state_as_a_local_run(
    cluster: str, tmp_path: Path
) -> None:
    local, remote = tmp_path / "local", tmp_path / "remote"
    first = convert(SAMPLES, "-o", local, "-j", "1", "--report", tmp_path / "local.json")
    second = convert(SAMPLES, "-o", remote, "--scheduler", cluster, "--batch-size", "2",
                     "--report", tmp_path / "remote.json")
    assert first.exit_code == 0 and second.exit_code == 0, second.output
    made = files(remote)
    assert len([n for n in made if n.endswith((".docx", ".pdf", ".epub"))]) == 3 * len(
        SAMPLE_ARTICLES)
    assert made == files(local)  # byte for byte, the state file included
    assert report_without_times(tmp_path / "remote.json", remote) == report_without_times(
        tmp_path / "local.json", local)
    # The state the cluster run recorded makes a rerun skip everything.
    again = convert(SAMPLES, "-o", remote, "--scheduler", cluster, "-v")
    assert again.exit_code == 0
    assert f"{len(SAMPLE_ARTICLES)} up to date" in again.output and "0 converted" in again.output


def test_each_worker_warms_up_once_not_once_per_task(
    cluster: str, dfake: str, marks: Path, tmp_path: Path
) -> None:
    warm, started = tmp_path / "warm", tmp_path / "started"
    warm.mkdir()
    started.mkdir()
    for i in range(8):
        batch_fakes.write_article(tmp_path / "in" / f"w{i}.txt", f"Warm {i}")
    # Through a worker plugin, not client.run: a worker that joins mid-test (one
    # replacing a worker an earlier test killed) gets the same environment.
    env = {"CONVERT_FAKE_WARM": str(warm), "CONVERT_FAKE_STARTED": str(started)}
    with distributed.Client(cluster) as client:
        client.register_plugin(dask_fakes.WorkerWriters(str(marks), env))
    try:
        result = convert(tmp_path / "in", "--to", dfake, "-o", tmp_path / "out",
                         "--scheduler", cluster, "--batch-size", "1")
    finally:
        with distributed.Client(cluster) as client:
            client.register_plugin(dask_fakes.WorkerWriters(str(marks)))
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").glob("*.dfake"))) == 8  # eight tasks ...
    renderers = {int(p.read_text()) for p in started.iterdir()}
    warmed = batch_fakes.warm_ups(warm)
    # ... on at most a few worker processes, each warmed once before its first article
    # (whichever workers the cluster had), and never the client.
    assert renderers and renderers <= set(warmed), (renderers, warmed)
    assert set(warmed.values()) == {1}, warmed
    assert os.getpid() not in warmed and os.getpid() not in renderers


def test_a_worker_dying_mid_batch_has_its_articles_retried(
    cluster: str, dfake: str, marks: Path, tmp_path: Path
) -> None:
    for i in range(6):
        batch_fakes.write_article(tmp_path / "in" / f"a{i}.txt",
                                  f"Article {i} DIEONCE" if i == 1 else f"Article {i}")
    result = convert(tmp_path / "in", "--to", dfake, "-o", tmp_path / "out",
                     "--scheduler", cluster, "--batch-size", "3", "--report", tmp_path / "r.json")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["summary"]["converted"] == 6
    assert sorted(files(tmp_path / "out")) == [STATE_NAME] + [f"a{i}.dfake" for i in range(6)]
    # A worker really died: the marker is left by the fake writer's first, fatal attempt.
    assert len(list(marks.iterdir())) == 1


def test_an_article_that_always_kills_its_worker_fails_and_the_rest_finish(
    doomed_cluster: str, dfake: str, tmp_path: Path
) -> None:
    for i in range(3):
        batch_fakes.write_article(tmp_path / "in" / f"b{i}.txt",
                                  f"Story {i} CRASH" if i == 1 else f"Story {i}")
    result = convert(tmp_path / "in", "--to", dfake, "-o", tmp_path / "out",
                     "--scheduler", doomed_cluster, "--batch-size", "3",
                     "--report", tmp_path / "r.json")
    assert result.exit_code == 1
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    status = {Path(r["path"]).name: (r["status"], r["errors"]) for r in report["inputs"]}
    assert status["b1.txt"][0] == "failed"
    assert "worker process died" in status["b1.txt"][1][0]
    assert all(status[f"b{i}.txt"] == ("converted", []) for i in (0, 2)), status
    assert "b1.txt: its worker process died" in result.output
    assert not (tmp_path / "out" / "b1.dfake").exists()
    assert not list((tmp_path / "out").glob(".*.part"))


def test_ctrl_c_stops_the_cluster_run_records_what_finished_and_leaves_no_partial_file(
    cluster: str, dfake: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    tasks = []
    for i in range(16):
        src = batch_fakes.write_article(tmp_path / "in" / f"c{i:02}.txt", f"Piece {i} SLOW")
        tasks.append(runner.Task(i, src, ((dfake, out / f"c{i:02}.dfake"),)))
    seen: list[int] = []

    def on_outcome(outcome: runner.Outcome) -> None:
        if not seen:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C once the first result is in
        seen.append(outcome.index)

    result = runner.run(
        tasks, jobs=2, formats=(dfake,), read_options=ReadOptions(),
        render_options=RenderOptions(), on_outcome=on_outcome,
        scheduler=cluster, batch_size=2,
    )
    assert result.interrupted
    assert 0 < len(result.outcomes) < len(tasks)
    made = sorted(p.name for p in out.iterdir())
    assert not [n for n in made if n.endswith(".part")]
    # What the workers finished after the Ctrl-C came back and was recorded, as in a local run.
    recorded = {f"c{i:02}.dfake" for i, o in result.outcomes.items() if o.done}
    assert recorded == set(made)
    for name in made:  # every file there is whole
        assert json.loads((out / name).read_text(encoding="utf-8"))["padding"]


def test_without_dask_the_option_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(cli, "_has_dask", lambda: False)
    src = batch_fakes.write_article(tmp_path / "a.txt", "Title")
    result = CliRunner().invoke(main, [str(src), "--scheduler", "dask"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "convert: --scheduler needs Dask: pip install 'convert[dask]'")
    assert not list(tmp_path.glob("a.*x"))
