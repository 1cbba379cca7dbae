"""Running a plan: one input per task, in this process (-j 1) or in worker processes.

A task reads its input once and renders every pending format from the one
Document; outputs go through write_atomic, so whatever stops a run (Ctrl-C, a
kill, a crash) leaves either the complete file or none.

Workers are a small pool of our own: one pipe per worker, one task at a time,
so the main process always knows which article each worker holds. A worker that
dies (killed, out of memory) fails that article alone; its temporary file is
removed and a new worker takes its place. Workers die with the main process
(PR_SET_PDEATHSIG on Linux, a watcher thread elsewhere), so a `kill -9` of the
command never leaves them holding its output pipes.

Signals (see Signals): the first Ctrl-C stops handing out inputs and lets those
in progress finish; a second Ctrl-C, or a single SIGTERM, stops at once —
workers are terminated (each removes its temporary file), the article in this
process is abandoned, and what finished is kept and recorded. Workers ignore
SIGINT (a terminal sends it to the whole process group) so that only the main
process decides; both signals are held while a worker starts, so none lands in
it before its own handlers are set. No signal handler ever raises inside the pool's bookkeeping:
handlers only set flags, which the loop checks at least five times a second.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import os
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from convert import progress, readers, regex_cache, storage
from convert.atomic import make_durable as make_file_durable
from convert.atomic import remove_orphans
from convert.errors import ConvertError, OutputError
from convert.inputs import DEFAULT_MAX_SIZE, STDIO, read_input
from convert.model import Document
from convert.overrides import Overrides
from convert.read_options import ReadOptions
from convert.readers import read_data, read_file  # by --from or extension, then the transforms
from convert.writers.base import RenderOptions

EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_TERMINATED = 143  # 128 + SIGTERM
STDOUT = Path(STDIO)  # an output path meaning standard output (`-o -`)
NO_OVERRIDES = Overrides()


@dataclass(frozen=True, slots=True)
class Task:
    index: int
    source: Path
    outputs: tuple[tuple[str, Path], ...]  # (format, output path) still to make
    keep_document: bool = False  # --combine wants the Document back
    data: bytes | None = None  # the input's bytes when it is standard input
    overrides: Overrides = NO_OVERRIDES  # --title, --author … (the same on every task)


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


def write_stdout(data: bytes) -> None:
    """`-o -`: the document on standard output."""
    try:
        sys.stdout.flush()
        fd = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file (a test's capture): its own buffer
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        # os.write until all is out: a short write is never taken for success (a
        # buffered write of a large block can lose its tail when the reader goes away).
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BrokenPipeError:
        # The reader went away (`| head`): say so once, and keep Python's own exit
        # flush from printing a second complaint about the same pipe.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise OutputError("standard output was closed before the document was written") from None


@dataclass(frozen=True, slots=True)
class Settings:
    """What every task of a run shares (sent once to each worker)."""

    read: ReadOptions
    render: RenderOptions
    max_size: int = DEFAULT_MAX_SIZE
    warm: bool = True  # workers load the writers themselves (not forked from a warm parent)
    progress: bool = False  # workers send progress.Ticks back before each outcome
    durable: bool = True  # False: the main process fsyncs what the workers write


def read_article(
    task: Task, options: ReadOptions, max_size: int = DEFAULT_MAX_SIZE
) -> tuple[os.stat_result | storage.Stat | None, Document]:
    """The input as it was when read (None for standard input) and its Document.

    A local file is opened by convert.inputs (regular files only, at most max_size
    bytes) and its bytes given to the reader its name or --from asks for.
    """
    if task.data is not None:
        return None, read_data(task.data, Path(task.source), options)
    if storage.is_url(task.source):  # an object store (s3://…): convert.storage
        found, data = storage.read(task.source, max_size)  # type: ignore[arg-type]
        # A page's images are beside it in the store, as on a disk.
        return found, read_data(data, Path(task.source), options, storage.parent(task.source))
    found_stat = os.stat(task.source)
    fmt = options.source_format or readers.reader_for(task.source)
    if readers.get_reader(fmt).read_bytes is None:
        return found_stat, read_file(task.source, options)  # a plugin that opens files itself
    data = read_input(task.source, max_size, readers.sniffer(fmt, options))
    # A figure's relative src is relative to the input file's folder (docs/model.md).
    folder = str(Path(task.source).resolve().parent)
    return found_stat, read_data(data, task.source, options, folder)


def convert_one(
    task: Task,
    read_options: ReadOptions,
    render_options: RenderOptions,
    max_size: int = DEFAULT_MAX_SIZE,
    on_tick: progress.Listener | None = None,
    *,
    durable: bool = True,
) -> Outcome:
    """Read one input and write its pending outputs; failures become reasons.
    `on_tick` hears how far the reading and each writer are (convert.progress);
    `durable=False` leaves the outputs' fsync to the caller (make_durable)."""
    with progress.reporting(on_tick):
        return _convert_one(task, read_options, render_options, max_size, durable)


def _convert_one(
    task: Task,
    read_options: ReadOptions,
    render_options: RenderOptions,
    max_size: int,
    durable: bool,
) -> Outcome:
    from convert import writers  # via the module, so tests can register fake writers

    started = time.perf_counter()
    out = Outcome(task.index)
    try:
        with progress.stage("read"):
            out.source_stat, doc = read_article(task, read_options, max_size)  # type: ignore[assignment]
        doc = task.overrides.apply(doc)
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
            with progress.stage(fmt):
                rendered = writers.get_writer(fmt).render(doc, render_options)
            if path == STDOUT:
                write_stdout(rendered.data)
            else:
                storage.write(path, rendered.data, durable=durable)  # write_atomic if local
        except Exception as exc:
            out.failed[fmt] = one_line(exc)
            if not isinstance(exc, ConvertError):
                out.detail = traceback.format_exc()
            continue
        out.done.append(fmt)
        out.warnings.extend(f"{fmt}: {w}" for w in rendered.warnings)
    out.seconds = time.perf_counter() - started
    return out


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


# --- signals ----------------------------------------------------------------------------


class Interrupted(KeyboardInterrupt):
    """Raised by Signals where stopping at once is safe; not an Exception, so the
    `except Exception` that turns errors into reasons lets it through (and a
    KeyboardInterrupt, so code written for Ctrl-C, such as the Dask loop, handles it)."""


class Signals:
    """Ctrl-C (SIGINT) and SIGTERM for one command, installed in the main thread.

    `mode` says what a signal does now:
    - "raise": stop at once (planning, making the book): raise Interrupted;
    - "run": the first Ctrl-C only asks to stop (`requested`); a second one or a
      SIGTERM aborts (`aborted`), raising Interrupted only inside an `abortable()`
      section (an article converting in this process), else only setting the flag;
    - "defer": only count (the state, report and summary are being written: a
      quick job, and the summary is what the user is waiting for).
    """

    def __init__(self, *, restore: bool = True) -> None:
        # restore=False (the program itself): on leaving, ignore further signals instead
        # of restoring Python's handlers, whose KeyboardInterrupt during the
        # interpreter's shutdown would print a traceback after the summary.
        self.restore = restore
        self.count = 0
        self.terminated = False  # a SIGTERM came
        self.mode = "raise"
        self._abortable = False
        self._old: dict[int, Any] = {}

    @property
    def requested(self) -> bool:
        return self.count > 0

    @property
    def aborted(self) -> bool:
        return self.terminated or self.count > 1

    @property
    def exit_status(self) -> int:
        return EXIT_TERMINATED if self.terminated else EXIT_INTERRUPTED

    def _handle(self, signum: int, frame: object) -> None:
        self.count += 1
        self.terminated = self.terminated or signum == signal.SIGTERM
        if self.mode == "raise" or (self.mode == "run" and self.aborted and self._abortable):
            self._abortable = False
            raise Interrupted(signum)
        if self.mode == "run" and self.count == 1 and not self.terminated:
            # os.write, not print: a handler must not re-enter a buffered stream.
            with contextlib.suppress(OSError):
                os.write(2, b"\nconvert: stopping after the articles in progress "
                            b"(Ctrl-C again to stop now)\n")

    @contextlib.contextmanager
    def abortable(self) -> Iterator[None]:
        if self.aborted:
            raise Interrupted
        self._abortable = True
        try:
            yield
        finally:
            self._abortable = False

    def __enter__(self) -> Signals:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._old[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._old.items():
            signal.signal(signum, handler if self.restore else signal.SIG_IGN)
        self._old.clear()


# --- worker processes -------------------------------------------------------------------


def _on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds write_atomic, which removes its temp file


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive the main process: it would hold its pipes open."""
    armed = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(1, int(signal.SIGTERM), 0, 0, 0) == 0  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            armed = False
    if not armed:
        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os.kill(os.getpid(), signal.SIGTERM)

        threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(EXIT_TERMINATED)


def _worker_main(
    conn: multiprocessing.connection.Connection,
    others: Sequence[multiprocessing.connection.Connection],
    parent: int,
    formats: Sequence[str],
    settings: Settings,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    _unblock_signals()  # blocked by the main process across the fork (see _Worker)
    _die_with_parent(parent)
    for other in others:  # the other workers' pipe ends, inherited through fork
        other.close()
    if settings.warm:
        warm_up(formats, settings.render)
    try:
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                return
            if task is None:
                return
            on_tick = _sender(conn) if settings.progress else None
            conn.send(convert_one(task, settings.read, settings.render, settings.max_size,
                                  on_tick, durable=settings.durable))
    except SystemExit:
        # SIGTERM: write_atomic has removed its temporary file on the way out; leave
        # now, without the interpreter's exit handlers (they belong to the parent).
        os._exit(EXIT_TERMINATED)


def _sender(conn: multiprocessing.connection.Connection) -> progress.Listener:
    """Ticks go back on the pipe the outcome will take; a tick that cannot be sent (the
    main process is gone) is no reason to fail the article."""
    def send(tick: progress.Tick) -> None:
        with contextlib.suppress(OSError):
            conn.send(tick)

    return send


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    """SIGINT and SIGTERM held (not lost) while a worker is started: a forked worker
    runs the main process's handlers until it installs its own, so a Ctrl-C landing
    in between would be counted by a copy of Signals in the worker (and a SIGTERM
    ignored there). The worker unblocks them once its own handlers are set; here they
    are delivered when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: spawn, no inherited handlers
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _unblock_signals() -> None:
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)


def _context() -> multiprocessing.context.BaseContext:
    """fork where there is one: workers start in milliseconds, without re-importing."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class _Worker:
    def __init__(
        self,
        ctx: multiprocessing.context.BaseContext,
        others: Sequence[_Worker],
        formats: Sequence[str],
        settings: Settings,
    ) -> None:
        self.conn, child = ctx.Pipe()
        # Through fork a worker inherits the main process's end of its own pipe and of
        # the other workers' pipes: it closes them, so it sees EOF when the main process
        # is gone, and a dead worker's pipe is not kept open by its siblings.
        inherited = [self.conn, *(w.conn for w in others)] if (
            ctx.get_start_method() == "fork") else []
        self.proc = ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main,
            args=(child, inherited, os.getpid(), tuple(formats), settings),
            daemon=True,
            name="convert-worker",
        )
        with _signals_blocked():
            self.proc.start()
        child.close()
        self.task: Task | None = None

    def give(self, task: Task) -> bool:
        try:
            self.conn.send(task)
        except OSError:
            return False  # it died meanwhile: the loop replaces it
        self.task = task
        return True

    def retire(self) -> None:
        """Reap a worker that is gone (or going) and close its pipe."""
        self.proc.join(timeout=1)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()

    def died_reason(self) -> str:
        code = self.proc.exitcode
        if code is not None and code < 0:
            with contextlib.suppress(ValueError):
                return f"the worker process was killed ({signal.Signals(-code).name})"
        return f"the worker process died (exit status {code})"

    def remove_temporary_files(self) -> None:
        if self.task is not None and self.proc.pid is not None:
            for folder in {path.parent for _, path in self.task.outputs if path != STDOUT}:
                remove_orphans(folder, self.proc.pid)


# --- running ----------------------------------------------------------------------------


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


def run(
    tasks: Sequence[Task],
    *,
    jobs: int,
    formats: Sequence[str],
    read_options: ReadOptions,
    render_options: RenderOptions,
    max_size: int = DEFAULT_MAX_SIZE,
    on_outcome: Callable[[Outcome], None] = lambda o: None,
    fail_fast: bool = False,
    scheduler: str | None = None,
    batch_size: int | None = None,
    signals: Signals | None = None,
    on_progress: Callable[[int, progress.Tick], None] | None = None,
) -> RunResult:
    """Run every task; on_outcome sees each result as it arrives (any order).

    With a scheduler (a Dask address, or "dask"), convert.dask_runner runs them.
    `signals`: the command's Signals (else the run installs its own for its length);
    they are left in "defer" mode. `on_progress` hears (task index, Tick) as a task's
    reading and writers go (not from a Dask cluster: its tasks report only outcomes).
    """
    settings = Settings(read_options, render_options, max_size,
                        progress=on_progress is not None)
    jobs = max(1, min(jobs, len(tasks)))
    if scheduler is None:
        jobs = pool_size(tasks, jobs)
    with contextlib.ExitStack() as stack:
        if signals is None:
            signals = stack.enter_context(Signals())
        signals.mode = "run"
        try:
            if scheduler is not None:
                from convert import dask_runner

                # The Dask loop polls `requested` itself; an abort (a second Ctrl-C, a
                # SIGTERM) reaches it as the KeyboardInterrupt it handles.
                with signals.abortable():
                    result = dask_runner.run(
                        tasks, scheduler=scheduler, formats=formats,
                        read_options=read_options, render_options=render_options,
                        on_outcome=on_outcome, fail_fast=fail_fast, batch_size=batch_size,
                        jobs=jobs, stop=signals, max_size=max_size,
                    )
            elif jobs == 1:
                result = _run_here(tasks, settings, on_outcome, fail_fast, signals,
                                   on_progress)
            else:
                result = _run_pool(tasks, jobs, formats, settings, on_outcome, fail_fast,
                                   signals, on_progress)
        finally:
            # Deferred from here on: the caller records and reports what finished, and
            # a signal raised in between would lose that.
            signals.mode = "defer"
        result.interrupted = result.interrupted or signals.requested
    return result


def _for_task(on_progress: Callable[[int, progress.Tick], None], index: int
              ) -> progress.Listener:
    return lambda tick: on_progress(index, tick)


# --- how many workers are worth starting -------------------------------------------------

# CPU seconds per input byte, reading and each built-in format, on the benchmark's
# articles (scripts/benchmark.py; an idle 2-core machine: reading 1 µs a byte, a
# 3 KB article 21 ms as PDF, 5 ms as DOCX). Only used to size the pool.
_SECONDS_PER_BYTE = {"read": 1.0e-6, "pdf": 7.0e-6, "docx": 1.7e-6, "epub": 0.5e-6,
                     "json": 0.05e-6}
_UNKNOWN_SIZE = 8192  # an object-store input's size is not known before reading
# The work a worker must have to pay for itself: starting one (a fork, its first
# touches of the parent's pages, its exit) costs 10–30 ms, and a batch split over
# workers waits for the slowest of them.
WORKER_WORTH = 0.1


def pool_size(tasks: Sequence[Task], jobs: int) -> int:
    """How many processes to run the tasks in (1: this one), at most `jobs`.

    A batch of a few small articles is done before a pool would have started: it
    runs here. Tasks whose formats are not all built-in (plugins) cannot be costed
    and get the `jobs` asked for.
    """
    jobs = max(1, min(jobs, len(tasks)))
    if jobs == 1:
        return 1
    work = 0.0
    for task in tasks:
        per_byte = _SECONDS_PER_BYTE["read"]
        for fmt, _ in task.outputs:
            if fmt not in _SECONDS_PER_BYTE:
                return jobs
            per_byte += _SECONDS_PER_BYTE[fmt]
        work += per_byte * _input_size(task)
    return max(1, min(jobs, int(work / WORKER_WORTH)))


def _input_size(task: Task) -> int:
    if task.data is not None:
        return len(task.data)
    if storage.is_url(task.source):
        return _UNKNOWN_SIZE
    try:
        return os.stat(task.source).st_size
    except OSError:
        return 0  # fails when read, at once


def _run_here(
    tasks: Sequence[Task],
    settings: Settings,
    on_outcome: Callable[[Outcome], None],
    fail_fast: bool,
    signals: Signals,
    on_progress: Callable[[int, progress.Tick], None] | None = None,
) -> RunResult:
    result = RunResult({})
    try:
        for n, task in enumerate(tasks):
            if signals.requested:
                break
            on_tick = None if on_progress is None else _for_task(on_progress, task.index)
            with signals.abortable():
                outcome = convert_one(task, settings.read, settings.render, settings.max_size,
                                      on_tick)
            if n == 0:
                # What the first article loaded (fonts, templates, modules) lives as long
                # as the run: the collector need not walk it again after every article.
                gc.freeze()
                regex_cache.save()  # the patterns it compiled, for the next run
            result.record(outcome, on_outcome, fail_fast)
            if result.stopped_early:
                break
    except (Interrupted, KeyboardInterrupt):
        result.interrupted = True  # the article in progress was not written
    finally:
        if tasks:
            gc.unfreeze()  # a library caller's garbage is collected again afterwards
    return result


def make_durable(task: Task, outcome: Outcome) -> None:
    """fsync the local files a pool worker wrote for `task` (it leaves that to the main
    process, which is idle meanwhile, instead of waiting 2-4 ms on the disk after every
    article); a file that cannot be made durable fails its format."""
    for fmt, path in task.outputs:
        if fmt in outcome.done and path != STDOUT and not storage.is_url(path):
            try:
                make_file_durable(path)
            except OutputError as exc:
                outcome.done.remove(fmt)
                outcome.failed[fmt] = str(exc)


def _run_pool(
    tasks: Sequence[Task],
    jobs: int,
    formats: Sequence[str],
    settings: Settings,
    on_outcome: Callable[[Outcome], None],
    fail_fast: bool,
    signals: Signals,
    on_progress: Callable[[int, progress.Tick], None] | None = None,
) -> RunResult:
    result = RunResult({})
    queue = deque(tasks)
    ctx = _context()
    workers: list[_Worker] = []

    forked = ctx.get_start_method() == "fork"
    if forked:
        # Fonts and writer libraries loaded once here are shared by every worker
        # (copy-on-write), instead of each worker parsing them again. Frozen, the
        # workers' collectors never touch them, so their pages stay shared.
        warm_up(formats, settings.render)
        import convert.reader  # noqa: F401  the recogniser's patterns, compiled once for all

        regex_cache.save()  # (the first run on a machine keeps them for the next)
        gc.freeze()
    settings = dataclasses.replace(settings, warm=not forked, durable=False)
    arrived: list[tuple[Task, Outcome]] = []  # received, not yet durable and recorded

    def hire() -> None:
        workers.append(_Worker(ctx, workers, formats, settings))

    def dispatch() -> None:
        """Each idle worker gets the next task; dead ones are replaced."""
        for worker in list(workers):
            if worker.task is None and queue:
                if worker.give(queue[0]):
                    queue.popleft()
                else:  # it died while idle: let it go, a new one is hired below
                    worker.retire()
                    workers.remove(worker)
        while len(workers) < jobs and queue:  # replace the dead
            hire()
            if workers[-1].give(queue[0]):
                queue.popleft()
            else:  # try again on the next round
                workers.pop().retire()
                break

    def settle() -> None:
        """The outputs of what arrived made durable, then the outcomes recorded."""
        while arrived:
            task, outcome = arrived.pop(0)
            make_durable(task, outcome)
            result.record(outcome, on_outcome, fail_fast)

    def receive(worker: _Worker) -> None:
        """A finished task's outcome, or the worker's death failing its own task."""
        task = worker.task
        outcome: Outcome | None = None
        # Asked once, before reading the pipe: a worker found dead has sent all it ever
        # will. (Asked again at the end, a worker dying in between was retired with its
        # article neither received nor failed: the run ended "1 not run", exit 0.)
        alive = worker.proc.is_alive()
        while task is not None and outcome is None and worker.conn.poll():
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                break
            if isinstance(message, progress.Tick):  # the task's progress, then its outcome
                if on_progress is not None:
                    on_progress(task.index, message)
            else:
                outcome = message
        if outcome is None and task is not None and not alive:
            worker.proc.join()
            outcome = Outcome(task.index, failed={"read": worker.died_reason()})
            worker.remove_temporary_files()
        if outcome is not None and task is not None:
            worker.task = None
            arrived.append((task, outcome))
        if not alive:
            worker.retire()
            workers.remove(worker)

    try:
        for _ in range(jobs):
            hire()
        while True:
            if signals.aborted:
                result.interrupted = True
                break
            stopping = signals.requested or result.stopped_early
            if not stopping:
                dispatch()
            busy = [w for w in workers if w.task is not None]
            if not busy and (stopping or not queue):
                break
            # A timeout, so a signal's flag is seen even while long articles run.
            waitables: list[Any] = [w.conn for w in busy] + [w.proc.sentinel for w in busy]
            multiprocessing.connection.wait(waitables, timeout=0.2)
            for worker in list(busy):
                receive(worker)
            # The idle workers' next tasks first, then the disk: no worker waits on it.
            if not (signals.requested or result.stopped_early
                    or (fail_fast and any(o.failed for _, o in arrived))):
                dispatch()
            settle()
    finally:
        _stop_workers(workers, receive)
        settle()
        if forked:
            gc.unfreeze()
    return result


def _stop_workers(workers: list[_Worker], receive: Callable[[_Worker], None]) -> None:
    """Idle workers get a polite stop; busy ones (an abort) SIGTERM, then SIGKILL."""
    for worker in list(workers):
        if worker.task is not None:
            receive(worker)  # it may have just finished: keep that
    for worker in workers:
        if worker.task is None:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        elif worker.proc.is_alive():
            worker.proc.terminate()  # its SIGTERM handler removes its temporary file
    deadline = time.monotonic() + 2.0
    for worker in workers:
        worker.proc.join(timeout=max(0.0, deadline - time.monotonic()))
        if worker.proc.is_alive():  # stuck in C code that never returns to Python
            worker.proc.kill()
            worker.proc.join()
        worker.remove_temporary_files()
        worker.conn.close()
