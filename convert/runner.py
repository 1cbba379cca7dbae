"""Running a plan: one input per task, in this process (-j 1) or a process pool.

A task reads its input once and renders every pending format from the one
Document; outputs go through write_atomic, so whatever stops a run (Ctrl-C, a
kill, a crash) leaves either the complete file or none.

Ctrl-C (or a kill): the first one stops handing out new inputs and waits for
those in progress (each takes well under a second), so what finished is
complete and recorded; a second one aborts at once (workers terminated, the
article in progress in this process abandoned; temporary files removed). Workers ignore SIGINT
(the terminal sends it to the whole process group) so that only the main
process decides, and turn SIGTERM into a clean exit that removes their
temporary file.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from convert import storage
from convert.errors import ConvertError
from convert.model import Document
from convert.reader import ReadOptions
from convert.readers import read_data, read_file  # by --from or extension, then the transforms
from convert.writers.base import RenderOptions


@dataclass(frozen=True, slots=True)
class Task:
    index: int
    source: Path
    outputs: tuple[tuple[str, Path], ...]  # (format, output path) still to make
    keep_document: bool = False  # --combine wants the Document back


@dataclass(slots=True)
class Outcome:
    index: int
    done: list[str] = field(default_factory=list)  # formats written
    failed: dict[str, str] = field(default_factory=dict)  # format (or "read") -> reason
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None
    confidence: float | None = None  # the reader's confidence in that encoding
    seconds: float = 0.0
    source_stat: os.stat_result | None = None  # the input as it was when read
    document: Document | None = None
    detail: str | None = None  # traceback of an unexpected error, shown with -v


def one_line(exc: BaseException) -> str:
    """An exception as a one-line reason; unexpected types keep their name."""
    text = " ".join(str(exc).split())
    if isinstance(exc, ConvertError):
        return text or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def convert_one(task: Task, read_options: ReadOptions, render_options: RenderOptions) -> Outcome:
    """Read one input and write its pending outputs; failures become reasons."""
    from convert import writers  # via the module, so tests can register fake writers

    started = time.perf_counter()
    out = Outcome(task.index)
    try:
        if storage.is_url(task.source):  # an object store (s3://…): convert.storage
            out.source_stat, data = storage.read(task.source)  # type: ignore[assignment]
            doc = read_data(data, Path(task.source), read_options)
        else:
            out.source_stat = os.stat(task.source)
            doc = read_file(task.source, read_options)
    except Exception as exc:
        out.failed["read"] = one_line(exc)
        if not isinstance(exc, ConvertError):
            out.detail = traceback.format_exc()
        out.seconds = time.perf_counter() - started
        return out
    out.encoding, out.confidence = doc.meta.encoding, doc.meta.encoding_confidence
    out.warnings.extend(doc.warnings)
    if task.keep_document:
        out.document = doc
    for fmt, path in task.outputs:
        try:
            rendered = writers.get_writer(fmt).render(doc, render_options)
            storage.write(path, rendered.data)  # write_atomic for a local path
        except Exception as exc:
            out.failed[fmt] = one_line(exc)
            if not isinstance(exc, ConvertError):
                out.detail = traceback.format_exc()
            continue
        out.done.append(fmt)
        out.warnings.extend(f"{fmt}: {w}" for w in rendered.warnings)
    out.seconds = time.perf_counter() - started
    return out


# Per-worker settings, set once by the pool initializer.
_WORKER: dict[str, object] = {}


def _on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds write_atomic, which removes its temp file


def warm_up(formats: Sequence[str], render_options: RenderOptions) -> None:
    """Load each writer's libraries and fonts once, before the first article."""
    from convert import writers

    for fmt in formats:
        try:
            writer = writers.get_writer(fmt)
            if writer.warm_up is not None:
                writer.warm_up(render_options)
        except Exception:
            pass  # the same error will fail each article, with its reason


def _init_worker(
    formats: Sequence[str], read_options: ReadOptions, render_options: RenderOptions, warm: bool
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    _WORKER["read"] = read_options
    _WORKER["render"] = render_options
    if warm:  # not already done in the parent before the fork
        warm_up(formats, render_options)


def _work(task: Task) -> Outcome:
    try:
        return convert_one(task, _WORKER["read"], _WORKER["render"])  # type: ignore[arg-type]
    except SystemExit:
        # SIGTERM (an abort): write_atomic has removed its temporary file on the way
        # out; leave now, or the pool would catch the exit and start the next article.
        os._exit(143)


def _context() -> multiprocessing.context.BaseContext:
    """fork where there is one: workers start in milliseconds, without re-importing."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


@dataclass(slots=True)
class RunResult:
    outcomes: dict[int, Outcome]
    interrupted: bool = False
    stopped_early: bool = False  # --fail-fast

    def record(
        self, outcome: Outcome, on_outcome: Callable[[Outcome], None], fail_fast: bool
    ) -> None:
        """Keep a finished task's outcome, tell the caller, and honour --fail-fast."""
        self.outcomes[outcome.index] = outcome
        on_outcome(outcome)
        if fail_fast and outcome.failed:
            self.stopped_early = True


class _StopRequest:
    """Ctrl-C / kill while running: the first asks to stop, the second aborts.

    The first signal only sets a flag that the loops check between articles, so
    it never lands between a file being written and its being recorded.
    """

    def __init__(self) -> None:
        self.requested = False
        self._old: dict[int, Any] = {}

    def _handle(self, signum: int, frame: object) -> None:
        if self.requested:
            raise KeyboardInterrupt  # second signal: stop now
        self.requested = True

    def __enter__(self) -> _StopRequest:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._old[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._old.items():
            signal.signal(signum, handler)


def run(
    tasks: Sequence[Task],
    *,
    jobs: int,
    formats: Sequence[str],
    read_options: ReadOptions,
    render_options: RenderOptions,
    on_outcome: Callable[[Outcome], None] = lambda o: None,
    fail_fast: bool = False,
    scheduler: str | None = None,
    batch_size: int | None = None,
) -> RunResult:
    """Run every task; on_outcome sees each result as it arrives (any order).

    With a scheduler (a Dask address, or "dask"), convert.dask_runner runs them."""
    with _StopRequest() as stop:
        if scheduler is not None:
            from convert import dask_runner

            result = dask_runner.run(
                tasks, scheduler=scheduler, formats=formats, read_options=read_options,
                render_options=render_options, on_outcome=on_outcome, fail_fast=fail_fast,
                batch_size=batch_size, jobs=jobs, stop=stop,
            )
        elif min(jobs, len(tasks)) <= 1:
            result = _run_here(tasks, read_options, render_options, on_outcome, fail_fast, stop)
        else:
            result = _run_pool(
                tasks, min(jobs, len(tasks)), formats, read_options, render_options,
                on_outcome, fail_fast, stop,
            )
    result.interrupted = result.interrupted or stop.requested
    return result


def _run_here(
    tasks: Sequence[Task],
    read_options: ReadOptions,
    render_options: RenderOptions,
    on_outcome: Callable[[Outcome], None],
    fail_fast: bool,
    stop: _StopRequest,
) -> RunResult:
    result = RunResult({})
    try:
        for task in tasks:
            if stop.requested:
                break
            result.record(convert_one(task, read_options, render_options), on_outcome, fail_fast)
            if result.stopped_early:
                break
    except KeyboardInterrupt:
        result.interrupted = True  # the article in progress was not written
    return result


def _run_pool(
    tasks: Sequence[Task],
    jobs: int,
    formats: Sequence[str],
    read_options: ReadOptions,
    render_options: RenderOptions,
    on_outcome: Callable[[Outcome], None],
    fail_fast: bool,
    stop: _StopRequest,
) -> RunResult:
    result = RunResult({})
    queue: Iterator[Task] = iter(tasks)
    window = 4 * jobs  # few tasks in flight: Ctrl-C and --fail-fast stop quickly
    in_flight: dict[Future[Outcome], Task] = {}
    forked = _context().get_start_method() == "fork"

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=_context(),
            initializer=_init_worker,
            initargs=(tuple(formats), read_options, render_options, not forked),
        )

    def collect(done: set[Future[Outcome]]) -> bool:
        """Record finished tasks; True when the pool broke (a worker died)."""
        broken = False
        for fut in done:
            task = in_flight.pop(fut)
            try:
                outcome = fut.result()
            except BrokenProcessPool:
                broken = True
                outcome = Outcome(task.index, failed={"read": "the worker process died"})
            result.record(outcome, on_outcome, fail_fast)
        return broken

    if forked:
        # Fonts and writer libraries loaded once here are shared by every worker
        # (copy-on-write), instead of each worker parsing them again.
        warm_up(formats, render_options)
    pool = new_pool()
    try:
        while True:
            while not (stop.requested or result.stopped_early) and len(in_flight) < window:
                task = next(queue, None)
                if task is None:
                    break
                in_flight[pool.submit(_work, task)] = task
            if not in_flight:
                break
            # A timeout, so a stop request is seen even while a long article runs.
            done, _ = wait(in_flight, timeout=0.2, return_when=FIRST_COMPLETED)
            if collect(done):
                # A crashed worker (e.g. out of memory) fails what was in flight, not the run.
                for fut in list(in_flight):
                    collect({fut})
                pool.shutdown(wait=True, cancel_futures=True)
                pool = new_pool()
        pool.shutdown(wait=True)
    except KeyboardInterrupt:
        # Second Ctrl-C: stop now; SIGTERM makes each worker drop its temporary file.
        result.interrupted = True
        procs = list((getattr(pool, "_processes", None) or {}).values())
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.join(timeout=3)
            if proc.is_alive():  # stuck in C code that never returns to Python: no mercy
                proc.kill()
        pool.shutdown(wait=False, cancel_futures=True)
    return result
