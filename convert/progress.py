"""Progress within one input: how far its reading and each of its writers have come.

A 15 MB novel takes seconds to read and minutes to set as a PDF; the bar that counts
files says nothing meanwhile. The runner installs a listener for the task it runs
(`reporting`) and names the stage (`stage`: "read", then each format); the code doing
the work asks for a `meter` and moves it on, and the meter sends `Tick`s to the
listener — in a pool worker, over the pipe its outcome goes back on (convert.runner).

Cheap by construction: without a listener (a library call, the Dask runner, a run
that shows no bar) a meter does nothing; with one, a meter sends at most one tick per
MIN_INTERVAL seconds, so an article finished within that time sends none at all.
A long stage (`announce`) also says when it starts and ends, whatever the clock —
which is what lets the tests see ticks without timing anything.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

MIN_INTERVAL = 0.1  # seconds between two ticks of a stage: at most 10 a second
# A stage over this much text announces its start and end (about twenty pages: the
# length at which convert.writers.long_text breaks a text into chapters).
LONG_CHARS = 30_000


@dataclass(frozen=True, slots=True)
class Tick:
    """`done` of `total` `unit`s of one stage ("read", or a format's name)."""

    stage: str
    done: int
    total: int
    unit: str
    label: str | None = None  # where the stage is (the chapter being written)


Listener = Callable[[Tick], None]
Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class _Reporter:
    listener: Listener
    stage: str = ""
    interval: float = MIN_INTERVAL
    clock: Clock = time.monotonic


# A ContextVar, not a global: threads (Dask's workers) start without a listener.
_current: ContextVar[_Reporter | None] = ContextVar("convert_progress", default=None)


@contextlib.contextmanager
def reporting(listener: Listener | None, *, interval: float = MIN_INTERVAL,
              clock: Clock = time.monotonic) -> Iterator[None]:
    """Meters made inside send their ticks to `listener` (None: nothing is reported)."""
    token = _current.set(_Reporter(listener, "", interval, clock) if listener else None)
    try:
        yield
    finally:
        _current.reset(token)


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Meters made inside report as stage `name`."""
    reporter = _current.get()
    token = _current.set(replace(reporter, stage=name) if reporter else None)
    try:
        yield
    finally:
        _current.reset(token)


class Meter:
    """One stage's counter: `update` as the work goes, `finish` when it is done."""

    def __init__(self, reporter: _Reporter, total: int, unit: str, announce: bool) -> None:
        self._reporter = reporter
        self.total = total
        self.unit = unit
        self.done = 0
        self.label: str | None = None
        self._last = reporter.clock()
        self._sent = False
        if announce:
            self._send()

    def update(self, done: int, label: str | None = None) -> None:
        self.done = done
        if label is not None:
            self.label = label
        if self._reporter.clock() - self._last >= self._reporter.interval:
            self._send()

    def finish(self) -> None:
        """The stage is done: said only if anything was said of it before."""
        self.done = self.total
        if self._sent:
            self._send()

    def _send(self) -> None:
        r = self._reporter
        self._sent = True
        self._last = r.clock()
        r.listener(Tick(r.stage, self.done, self.total, self.unit, self.label))


class _Silent(Meter):
    def __init__(self) -> None:  # no reporter: nothing is ever sent
        self.total, self.unit, self.done, self.label = 0, "", 0, None

    def update(self, done: int, label: str | None = None) -> None:
        pass

    def finish(self) -> None:
        pass


SILENT: Meter = _Silent()


def meter(total: int, unit: str, *, announce: bool = False) -> Meter:
    """A meter for the current stage; a silent one where nobody listens."""
    reporter = _current.get()
    if reporter is None:
        return SILENT
    return Meter(reporter, total, unit, announce)


def listening() -> bool:
    return _current.get() is not None


class _Node(Protocol):  # what convert.model's nodes all answer
    @property
    def type(self) -> str: ...

    @property
    def text(self) -> str: ...


N = TypeVar("N", bound=_Node)


def blocks(items: Iterable[N]) -> Iterator[N]:
    """`items` (the model's blocks) as they are drawn, metered in characters of text,
    the last heading passed as the label. A block counts as done when the next one is
    asked for: the writer has drawn it by then."""
    if not listening():
        yield from items
        return
    items = items if isinstance(items, Sequence) else list(items)
    sizes = [len(item.text) for item in items]
    total = sum(sizes)
    m = meter(total, "char", announce=total >= LONG_CHARS)
    done = 0
    for item, size in zip(items, sizes, strict=True):
        label = item.text.strip() if item.type == "heading" else None
        m.update(done, label or None)
        yield item
        done += size
    m.finish()
