"""Running a plan on a Dask cluster (--scheduler ADDRESS, or `dask` for a local one).

The plan is made once, here on the client; each Dask task carries a batch of
runner.Tasks and returns their Outcomes, which go through the same
RunResult.record as a local run, so progress, summary, report and state are
the same. Workers write the outputs themselves (atomically, so a retried task
is harmless), which is why they must reach the output paths: a shared disk, or
URLs (convert.storage).

Faults: Dask reruns the tasks of a worker that died on another worker, up to
`distributed.scheduler.allowed-failures` times; a batch that keeps killing
workers is split into single articles, and an article that still kills its
worker is reported failed with that reason while the rest finish.

Ctrl-C: the first one asks every worker to stop its batch after the current
article; what finished is recorded, the rest is "not run". The second stops
waiting at once (cancelling the tasks). Either way outputs are whole or absent.
Dask is optional: import this module only when
--scheduler is given.
"""

from __future__ import annotations

import contextlib
import importlib.util
import math
import os
import signal
import sys
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from convert import regex_cache, runner
from convert.errors import ConvertError
from convert.read_options import ReadOptions
from convert.runner import Outcome, RunResult, Task
from convert.writers.base import RenderOptions

if TYPE_CHECKING:
    from distributed import Client, Future

INSTALL_HINT = "--scheduler needs Dask: pip install 'convert[dask]'"
LOCAL = "dask"  # --scheduler dask: start a local cluster
# A task should take seconds, not milliseconds: Dask's scheduler spends about a
# millisecond per task, and an article about 20-100 ms (scripts/bench_dask.py).
MAX_BATCH = 32


class SchedulerError(ConvertError):
    """The cluster cannot be reached or started."""


def available() -> bool:
    return importlib.util.find_spec("distributed") is not None


def batch_size_for(n_tasks: int, threads: int) -> int:
    """Articles per Dask task: a few tasks per worker thread, for balance and quick
    retries, but never more than MAX_BATCH (a retry redoes at most that much)."""
    return max(1, min(MAX_BATCH, math.ceil(n_tasks / max(1, 4 * threads))))


def batches(tasks: Sequence[Task], size: int) -> list[tuple[Task, ...]]:
    return [tuple(tasks[i : i + size]) for i in range(0, len(tasks), size)]


def _worker_plugin(formats: Sequence[str], render_options: RenderOptions) -> Any:
    from distributed import WorkerPlugin

    class WarmWriters(WorkerPlugin):
        """Load writer libraries and fonts once per worker, not once per task."""

        name = "convert-warm-writers"

        def setup(self, worker: object) -> None:
            warm_worker(formats, render_options)

    return WarmWriters()


def warm_worker(formats: Sequence[str], render_options: RenderOptions) -> None:
    """A worker's set-up, by reference: the plugin's pickle names this function, so a
    worker imports convert once instead of receiving its code with every plugin."""
    runner.warm_up(formats, render_options)
    import convert.reader  # noqa: F401  the recogniser's patterns, once per worker

    regex_cache.save()


# Runs whose client asked to stop (Ctrl-C, --fail-fast), per worker process: set by
# client.run, read between articles without a round trip to the scheduler.
_STOPPED: set[str] = set()


def request_stop(run: str) -> None:
    _STOPPED.add(run)


def convert_batch(
    tasks: tuple[Task, ...],
    read_options: ReadOptions,
    render_options: RenderOptions,
    run: str | None = None,
    max_size: int = runner.DEFAULT_MAX_SIZE,
) -> list[Outcome]:
    """Runs on a worker: the batch's articles in order, stopping early when asked to."""
    outcomes: list[Outcome] = []
    for task in tasks:
        if run in _STOPPED or (outcomes and _cancelled()):
            break  # the client records what is done; the rest is "not run"
        outcomes.append(runner.convert_one(task, read_options, render_options, max_size))
    return outcomes


def _cancelled() -> bool:
    """Whether the client cancelled the task this worker thread runs (Dask cannot
    interrupt a running thread; the worker's own state says so, without a round trip)."""
    try:
        from distributed import get_worker
        from distributed.worker import thread_state

        found = get_worker().state.tasks.get(thread_state.key)
    except Exception:
        return False  # not on a worker (tests call this directly)
    return found is not None and found.state in ("cancelled", "released", "forgotten")


def connect(scheduler: str, jobs: int | None) -> tuple[Client, Any]:
    """A client for ADDRESS, or for a new local cluster; (client, cluster or None)."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler == LOCAL:
        workers = jobs or len(os.sched_getaffinity(0))
        try:
            # Tasks fail rather than wait for ever when every worker is gone (a local
            # cluster whose workers cannot be restarted will not get new ones).
            with dask.config.set({"distributed.scheduler.no-workers-timeout": "60s"}):
                cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    dashboard_address=":0", silence_logs=50,
                    preload=[__name__],  # dask_setup below, before any task
                )
        except Exception as exc:
            reason = runner.one_line(exc)
            raise SchedulerError(f"cannot start a local Dask cluster: {reason}") from None
        if sys.stderr.isatty():  # for people at a terminal who want to watch it
            print(f"convert: Dask dashboard at {cluster.dashboard_link}", file=sys.stderr)
        return Client(cluster), cluster
    try:
        with dask.config.set({"distributed.comm.timeouts.connect": "10s"}):
            return Client(scheduler, timeout="10s"), None
    except Exception as exc:
        raise SchedulerError(
            f"cannot reach the Dask scheduler at {scheduler}: {runner.one_line(exc)}"
        ) from None


def dask_setup(worker: object) -> None:
    """Preload of the local cluster's workers (--scheduler dask): Ctrl-C at the terminal
    reaches the whole process group, but only the command decides what it means (the
    first lets finished batches be recorded), so its workers ignore it, like the pool's."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _died(task: Task, exc: BaseException) -> Outcome:
    reason = "its worker process died converting it, on every worker it was tried on"
    return Outcome(task.index, failed={"read": reason}, detail=runner.one_line(exc))


def run(
    tasks: Sequence[Task],
    *,
    scheduler: str | Client,
    formats: Sequence[str],
    read_options: ReadOptions,
    render_options: RenderOptions,
    on_outcome: Callable[[Outcome], None] = lambda o: None,
    fail_fast: bool = False,
    batch_size: int | None = None,
    jobs: int | None = None,
    stop: runner.Signals | None = None,
    max_size: int = runner.DEFAULT_MAX_SIZE,  # --max-size, as in a local run
) -> RunResult:
    """Run every task on the cluster; on_outcome sees each result as it arrives."""
    from distributed import Client, KilledWorker

    if isinstance(scheduler, Client):
        client, cluster, own_client = scheduler, None, False
    else:
        (client, cluster), own_client = connect(scheduler, jobs), True
    result = RunResult({})
    stop = stop or runner.Signals()
    in_flight: dict[Future, tuple[Task, ...]] = {}
    cancelled: list[Task] = []  # their outputs may be mid-write when a local cluster closes
    try:
        client.register_plugin(_worker_plugin(tuple(formats), render_options))
        threads = sum(client.nthreads().values()) or 1
        size = batch_size or batch_size_for(len(tasks), threads)
        queue = batches(tasks, size)
        queue.reverse()  # pop() from the end hands them out in plan order
        window = max(8, 3 * threads)  # enough to keep every worker busy, no more

        run_id = uuid.uuid4().hex

        def submit(batch: tuple[Task, ...]) -> None:
            fut = client.submit(
                convert_batch, batch, read_options, render_options, run_id, max_size,
                pure=False, key=f"convert-batch-{uuid.uuid4().hex}",
            )
            in_flight[fut] = batch

        stopping = False
        while True:
            if (stop.requested or result.stopped_early) and not stopping:
                # Every batch ends after its current article (one not started yet at
                # once) and returns what it finished, which is recorded like a local run.
                stopping = True
                try:
                    client.run(request_stop, run_id)
                except Exception:  # a worker gone: cancel instead (not recorded, remade)
                    running = [f for f in in_flight if not f.done()]
                    for fut in running:
                        cancelled.extend(in_flight.pop(fut))
                    client.cancel(running)
            while not stopping and queue and len(in_flight) < window:
                submit(queue.pop())
            if not in_flight:
                break
            done = [f for f in in_flight if f.done()]
            if not done:
                # Poll (20 a second, nothing next to an article) rather than block: a
                # stop request must be seen while batches run, and each Future knows its
                # own client, where distributed.wait would use the process's default one.
                time.sleep(0.05)
                continue
            for fut in done:
                batch = in_flight.pop(fut)
                try:
                    outcomes = fut.result()
                except KilledWorker as exc:
                    if len(batch) > 1 and not stopping:
                        for task in reversed(batch):  # find the article that kills workers
                            queue.append((task,))
                        continue
                    outcomes = [_died(task, exc) for task in batch] if not stopping else []
                except Exception as exc:  # a bug outside convert_one's own handling
                    outcomes = [
                        Outcome(t.index, failed={"read": runner.one_line(exc)}) for t in batch
                    ]
                for outcome in outcomes:
                    result.record(outcome, on_outcome, fail_fast)
    except KeyboardInterrupt:
        # Second Ctrl-C: cancel all; a worker mid-article finishes that file or none.
        result.interrupted = True
        with contextlib.suppress(Exception):
            client.cancel(list(in_flight), force=True)
    finally:
        if own_client:
            with contextlib.suppress(Exception):
                client.close()
            if cluster is not None:
                with contextlib.suppress(Exception):
                    cluster.close()
                if result.interrupted or stop.requested:
                    remove_partials([*cancelled, *(t for b in in_flight.values() for t in b)])
    return result


def remove_partials(tasks: Any) -> None:
    """Temporary files of outputs a killed local worker was writing (write_atomic's):
    those of processes that are gone, in the folders of the tasks in flight."""
    from convert.atomic import sweep_stale

    for folder in {path.parent for task in tasks for _fmt, path in task.outputs
                   if isinstance(path, Path)}:
        sweep_stale(folder, older_than=0)
