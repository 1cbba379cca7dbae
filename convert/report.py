"""Telling the user: progress while running, a summary and a JSON report after.

Records follow the plan's order (inputs in command-line order, folders
sorted), whatever order the workers finished in.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from convert.batch import Job, Plan, display
from convert.progress import Tick
from convert.runner import Outcome

CONVERTED, UP_TO_DATE, FAILED, NOT_RUN = "converted", "up-to-date", "failed", "not-run"
WARNINGS_SHOWN = 20  # a big batch's warnings are in --report; failures are always all shown
WARNING_CHARS = 300  # a warning listing thousands of characters is cut on the summary


@dataclass(slots=True)
class Record:
    """What happened to one input."""

    path: Path
    status: str
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)  # fmt -> path, status
    encoding: str | None = None
    confidence: float | None = None
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": display(self.path),
            "status": self.status,
            "outputs": self.outputs,
            "encoding": self.encoding,
            "encoding_confidence": self.confidence,
            "warnings": self.warnings,
            "errors": self.errors,
            "seconds": round(self.seconds, 4),
        }
        raw = os.fsencode(self.path)
        if display(self.path).encode("utf-8", "surrogateescape") != raw:
            data["path_bytes"] = raw.hex()  # the exact name, for names that are not UTF-8
        return data


def _cap(text: str, limit: int = WARNING_CHARS) -> str:
    """One warning, at most `limit` characters on the summary (--report keeps it whole)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters; --report has them all)"


def _reason(fmt: str, text: str) -> str:
    return text if fmt == "read" else f"{fmt}: {text}"


def record_for(job: Job, outcome: Outcome | None) -> Record:
    rec = Record(job.source, NOT_RUN)
    if job.error is not None:
        rec.status, rec.errors = FAILED, [job.error]
        return rec
    read_failed = outcome is not None and "read" in outcome.failed
    for out in job.outputs:
        if out.up_to_date:
            status = UP_TO_DATE
        elif outcome is None:
            status = NOT_RUN
        elif read_failed or out.fmt in outcome.failed:
            status = FAILED
        else:
            status = CONVERTED
        rec.outputs[out.fmt] = {"path": display(out.path), "status": status}
    if outcome is not None:
        rec.encoding, rec.confidence = outcome.encoding, outcome.confidence
        rec.warnings = list(job.notes) + outcome.warnings
        rec.errors = [_reason(f, t) for f, t in outcome.failed.items()]
        rec.seconds = outcome.seconds
        rec.detail = outcome.detail
    else:
        rec.warnings = list(job.notes)
    statuses = {o["status"] for o in rec.outputs.values()}
    if rec.errors or FAILED in statuses:
        rec.status = FAILED
    elif NOT_RUN in statuses:
        rec.status = NOT_RUN
    elif CONVERTED in statuses or (outcome is not None and not rec.outputs):
        rec.status = CONVERTED  # (an input read only for --combine counts as converted)
    else:
        rec.status = UP_TO_DATE
    return rec


@dataclass(slots=True)
class Report:
    records: list[Record]
    formats: tuple[str, ...]
    seconds: float
    interrupted: bool = False
    stopped_early: bool = False
    book: dict[str, Any] | None = None  # --combine: path, status, chapters, errors

    @classmethod
    def build(
        cls,
        plan: Plan,
        outcomes: dict[int, Outcome],
        seconds: float,
        interrupted: bool = False,
        stopped_early: bool = False,
    ) -> Report:
        records = [record_for(job, outcomes.get(job.index)) for job in plan.jobs]
        return cls(records, plan.formats, seconds, interrupted, stopped_early)

    def counts(self) -> Counter[str]:
        return Counter(r.status for r in self.records)

    def per_format(self) -> dict[str, Counter[str]]:
        table: dict[str, Counter[str]] = {fmt: Counter() for fmt in self.formats}
        for rec in self.records:
            for fmt, out in rec.outputs.items():
                table[fmt][out["status"]] += 1
        return table

    @property
    def failed(self) -> bool:
        book_failed = self.book is not None and self.book.get("status") == FAILED
        return book_failed or any(r.status == FAILED for r in self.records)

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": {
                "inputs": len(self.records),
                **{k: self.counts().get(k, 0) for k in (CONVERTED, UP_TO_DATE, FAILED, NOT_RUN)},
                "formats": {f: dict(c) for f, c in self.per_format().items()},
                "seconds": round(self.seconds, 3),
                "interrupted": self.interrupted,
                "stopped_early": self.stopped_early,
            },
            "book": self.book,
            "inputs": [r.to_dict() for r in self.records],
        }

    def write_json(self, path: Path | str) -> None:
        from convert import storage  # a local path (atomic write) or a URL

        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        storage.write(path, text.encode("utf-8"))

    def summary_lines(self, verbose: bool = False) -> list[str]:
        counts = self.counts()
        done = counts[CONVERTED]
        rate = f" ({done / self.seconds:.1f}/s)" if done and self.seconds > 0 else ""
        lines = [
            f"{len(self.records)} inputs in {self.seconds:.2f} s{rate}: "
            f"{done} converted, {counts[UP_TO_DATE]} up to date, {counts[FAILED]} failed"
            + (f", {counts[NOT_RUN]} not run" if counts[NOT_RUN] else "")
        ]
        width = max((len(f) for f in self.formats), default=0)
        for fmt, c in self.per_format().items():
            extra = f", {c[NOT_RUN]} not run" if c[NOT_RUN] else ""
            lines.append(
                f"  {fmt:<{width}}  {c[CONVERTED]} converted, {c[UP_TO_DATE]} up to date, "
                f"{c[FAILED]} failed{extra}"
            )
        if self.book is not None:
            book = self.book
            if book["status"] == FAILED:
                lines.append(f"  book {book['path']}: FAILED: {book['error']}")
            elif book["status"] == NOT_RUN:
                lines.append(f"  book {book['path']}: not made ({book['error']})")
            else:
                lines.append(f"  book {book['path']}: {book['chapters']} chapters")
        warned = [(r, w) for r in self.records for w in r.warnings]
        if self.book is not None:
            warned += [(None, w) for w in self.book.get("warnings", [])]
        if warned:
            lines.append(f"Warnings ({len(warned)}):")
            shown = warned if verbose else warned[:WARNINGS_SHOWN]
            lines += [f"  {display(r.path) if r else 'book'}: {_cap(w)}" for r, w in shown]
            if len(shown) < len(warned):
                lines.append(f"  … {len(warned) - len(shown)} more (-v or --report shows all)")
        failures = [r for r in self.records if r.status == FAILED]
        if failures:
            lines.append(f"Failed ({len(failures)}):")
            for rec in failures:
                lines += [f"  {display(rec.path)}: {e}" for e in rec.errors]
                if verbose and rec.detail:
                    lines += ["    " + line for line in rec.detail.rstrip().splitlines()]
        if self.interrupted:
            lines.append(
                f"Interrupted: {done} finished and kept; run the same command again "
                "to convert the rest."
            )
        elif self.stopped_early:
            lines.append("Stopped at the first failure (--fail-fast).")
        return lines


class Progress:
    """A tqdm bar on a terminal; one plain line per finished input otherwise.

    Within a file (convert.progress ticks, `tick`): one input's bar follows its stages
    — reading in steps, then each format in characters of text, the chapter being
    written after it; a batch's bar of files shows the latest tick after the count.
    """

    def __init__(self, total: int, *, quiet: bool, verbose: bool, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.quiet, self.verbose = quiet, verbose
        self.total, self.count = total, 0
        self.bar = None
        self.stage: str | None = None  # one input: the stage its bar shows
        if not quiet and total and self.stream.isatty():
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread alive when the pool forks
            self.bar = tqdm(total=total, unit="file", file=self.stream, dynamic_ncols=True)

    @property
    def wants_ticks(self) -> bool:
        return self.bar is not None

    def tick(self, job: Job, tick: Tick) -> None:
        bar = self.bar
        if bar is None:
            return
        label = _short(tick.label) if tick.label else ""
        if self.total > 1:  # the files bar, and where the latest article is
            share = f" {100 * tick.done // tick.total}%" if tick.total else ""
            bar.set_postfix_str(f"{_short(job.source.name)}: {tick.stage}{share} {label}".rstrip())
            return
        if tick.stage != self.stage:  # one input: its bar follows the stage
            self.stage = tick.stage
            bar.unit, bar.unit_scale = tick.unit, tick.unit == "char"
            bar.set_description_str(tick.stage, refresh=False)
            # (It redraws: unit and name go first. A total of 0 is unknown: tqdm's inf.)
            bar.reset(total=tick.total or float("inf"))
        bar.set_postfix_str(label, refresh=False)
        bar.update(tick.done - bar.n)

    def update(self, job: Job, outcome: Outcome) -> None:
        self.count += 1
        failed = [_reason(f, t) for f, t in outcome.failed.items()]
        if self.bar is not None:
            if self.stage is not None:  # one input's stage bar: its stage is over
                self.bar.update((self.bar.total or self.bar.n) - self.bar.n)
            else:
                self.bar.update(1)
            if failed:  # a failure is worth a line above the bar
                self.bar.write(f"FAILED {display(job.source)}: {'; '.join(failed)}")
            return
        if self.quiet:
            return
        status = "FAILED" if failed else "ok"
        made = ", ".join(outcome.done)
        tail = f": {'; '.join(failed)}" if failed else (f" ({made})" if made else "")
        print(f"[{self.count}/{self.total}] {status} {display(job.source)}{tail}", file=self.stream)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


_LABEL_CHARS = 24  # a chapter title or file name beside a bar: the start of it


def _short(text: str) -> str:
    text = display(" ".join(text.split()))
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"
