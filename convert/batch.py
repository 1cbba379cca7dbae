"""Batch planning: which inputs, which outputs, what is already up to date.

Planning only looks at the file system (names and stat results) and the small
state files; it never reads an article or imports a writer library, so a rerun
over an unchanged folder costs milliseconds per thousand files.

Rules, in the order they apply:

- A folder PATH is walked recursively (following symlinked folders once each,
  so loops end); hidden entries (name starting with ".") and the output folder
  are skipped. Its files are taken when they match an --include glob (default
  ``*.txt``, ``*.text``, ``*.html``, ``*.htm``, ``*.xhtml``, ``*.md``, ``*.markdown``)
  and no --exclude glob (``*_files/*``, a saved page's own folder, always);
  globs match the file name or its path relative to the folder PATH. A file PATH is always taken.
- With -o OUTDIR, a folder's tree is mirrored under OUTDIR and a file PATH
  goes straight into OUTDIR; without -o each output sits next to its input.
- Output name: ``<stem><ext>``. When two inputs of one folder share a stem
  (``a.txt`` and ``a.text``), *each* of them keeps its whole name instead:
  ``a.txt.docx`` and ``a.text.docx`` (no input silently wins; repeated if
  that meets another stem). If two PATH arguments still map onto one output
  (``x/a.txt`` and ``y/a.txt`` with -o), the later input fails with a reason.
- An output path that is an input path is refused for that input.
- Up to date: the output exists, is not older than its input, and the state
  file in its folder records the same options fingerprint and the same input
  size and mtime (see convert.state).
"""

from __future__ import annotations

import fnmatch
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from convert import writers
from convert.inputs import STDIO, is_stdin, refusal
from convert.state import StateCache

DEFAULT_INCLUDE: tuple[str, ...] = (
    "*.txt", "*.text", "*.html", "*.htm", "*.xhtml", "*.md", "*.markdown"
)
# A page saved "complete" keeps its images (and frames, as .html) in `NAME_files/`:
# those pages are parts of the saved page, not articles of their own.
DEFAULT_EXCLUDE: tuple[str, ...] = ("*_files/*",)

def extension_for(fmt: str) -> str:
    # The registry knows built-in extensions without importing the writer libraries.
    return writers.extension(fmt)


@dataclass(frozen=True, slots=True)
class Output:
    fmt: str
    path: Path
    up_to_date: bool


@dataclass(slots=True)
class Job:
    """One input and the outputs it should have."""

    index: int  # position in the plan; reports follow this order
    source: Path
    outputs: list[Output] = field(default_factory=list)
    error: str | None = None  # refused at planning time (collision, would overwrite input)
    notes: list[str] = field(default_factory=list)  # e.g. the collision rename

    @property
    def pending(self) -> list[Output]:
        return [o for o in self.outputs if not o.up_to_date]


@dataclass(slots=True)
class Plan:
    jobs: list[Job]
    formats: tuple[str, ...]
    fingerprints: dict[str, str]  # format -> options fingerprint
    output_dir: Path | None
    state: StateCache

    @property
    def to_run(self) -> list[Job]:
        return [j for j in self.jobs if j.error is None and j.pending]


@dataclass(frozen=True, slots=True)
class Source:
    path: Path
    root: Path | None  # the folder PATH it was found under; None for a file PATH
    rel: Path  # path relative to root (just the name for a file PATH)
    error: str | None = None  # a folder or entry that could not be read: fails visibly


STDIN_NAME = "stdin"  # outputs of `-` (standard input) are named stdin.<ext>


def _matches(rel: Path, patterns: Sequence[str]) -> bool:
    # Case-insensitive: archives from Windows are full of NEWS.TXT.
    name, posix = rel.name.lower(), rel.as_posix().lower()
    return any(
        fnmatch.fnmatchcase(name, p.lower()) or fnmatch.fnmatchcase(posix, p.lower())
        for p in patterns
    )


def _real(path: Path) -> str:
    """os.path.realpath, with each folder resolved once per run: realpath checks every
    component of every path (23,000 lstat calls for a rerun of 1,000 articles, half
    its time), and a batch's paths share a few folders."""
    name = os.path.basename(path)
    if not name or name in (".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    return os.path.join(_real_folder(os.path.dirname(os.path.abspath(path))), name)


@lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def walk(
    root: Path,
    include: Sequence[str],
    exclude: Sequence[str],
    skip_dirs: Iterable[str] = (),
) -> Iterator[Source]:
    """Files under root, sorted, without hidden entries, skipped folders or loops."""
    skip = set(skip_dirs)
    seen: set[tuple[int, int]] = set()

    def visit(folder: Path, rel: Path) -> Iterator[Source]:
        try:
            st = folder.stat()
        except OSError as exc:
            yield _unreadable(folder, root, rel, exc)
            return
        key = (st.st_dev, st.st_ino)
        if key in seen or (folder != root and _real(folder) in skip):
            # A symlink loop, a folder reached twice, or the output folder inside the
            # input (-o equal to the input folder itself just means "next to the inputs").
            return
        seen.add(key)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: os.fsencode(e.name))
        except OSError as exc:
            yield _unreadable(folder, root, rel, exc)
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child_rel = rel / entry.name
            try:
                is_dir = entry.is_dir()  # follows symlinks; `seen` stops loops
                is_file = not is_dir and entry.is_file()
            except OSError as exc:
                yield _unreadable(Path(entry.path), root, child_rel, exc)
                continue
            if is_dir:
                yield from visit(Path(entry.path), child_rel)
            elif (
                is_file
                and _matches(child_rel, include)
                and not (exclude and _matches(child_rel, exclude))
            ):
                yield Source(Path(entry.path), root, child_rel)

    yield from visit(root, Path())


def _unreadable(path: Path, root: Path, rel: Path, exc: OSError) -> Source:
    # A path longer than the system allows, a folder without permission: skipping it
    # silently would report success for a run that left articles out.
    return Source(path, root, rel, f"cannot be read: {exc.strerror or exc}")


def collect(
    paths: Sequence[Path],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = DEFAULT_EXCLUDE,
    output_dir: Path | None = None,
) -> list[Source]:
    """Every input, in command-line order then sorted within a folder, each once."""
    _real_folder.cache_clear()  # folders resolved afresh for each run
    skip = [_real(output_dir)] if output_dir is not None else []
    sources: list[Source] = []
    seen: set[str] = set()
    for path in paths:
        if is_stdin(path):
            if STDIO not in seen:
                seen.add(STDIO)
                sources.append(Source(path, None, Path(STDIN_NAME)))
            continue
        found = (
            walk(path, include, exclude, skip)
            if path.is_dir()
            else [Source(path, None, Path(path.name))]
        )
        for src in found:
            real = _real(src.path)
            if real not in seen:
                seen.add(real)
                sources.append(src)
    return sources


def _output_folder(src: Source, output_dir: Path | None) -> Path:
    if output_dir is None:
        return src.path.parent
    return output_dir / src.rel.parent


def _shared_stems(sources: Sequence[Source], output_dir: Path | None) -> set[int]:
    """Inputs whose outputs keep the full input name, because a stem is shared.

    Repeated until stable: `a.txt` + `a.text` become `a.txt.*` + `a.text.*`, which
    may meet `a.txt.txt`'s stem, so that one keeps its full name too. Full names
    of one folder never meet each other, so this ends.
    """
    folders = [_real(_output_folder(src, output_dir)) for src in sources]
    keep: set[int] = set()
    while True:
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, src in enumerate(sources):
            base = src.path.name if i in keep else src.path.stem
            groups[(folders[i], base)].append(i)
        shared = {i for group in groups.values() if len(group) > 1 for i in group} - keep
        if not shared:
            return keep
        keep |= shared


def format_of_file(path: Path) -> str | None:
    """The format an output file name asks for (`out.pdf` -> "pdf"), or None."""
    suffix = path.suffix.lower()
    return next((f for f in writers.available() if writers.extension(f) == suffix), None)


def plan(
    sources: Sequence[Source],
    formats: Sequence[str],
    fingerprints: dict[str, str],
    output_dir: Path | None = None,
    force: bool = False,
    output_file: Path | None = None,
) -> Plan:
    """Outputs for every source; `output_file` names the one output of a single input
    (`convert a.txt -o article.pdf`)."""
    _real_folder.cache_clear()  # folders resolved afresh for each run
    extensions = {fmt: extension_for(fmt) for fmt in formats}
    jobs = [Job(i, src.path) for i, src in enumerate(sources)]

    keep_suffix = _shared_stems(sources, output_dir)

    inputs = {_real(src.path) for src in sources if not is_stdin(src.path)}
    claimed: dict[str, int] = {}
    state = StateCache()
    for i, src in enumerate(sources):
        job = jobs[i]
        base = src.rel.name if i in keep_suffix else Path(src.rel.name).stem
        if i in keep_suffix:
            job.notes.append("another input shares its stem: outputs keep the full file name")
        folder = _output_folder(src, output_dir)
        if src.error is not None:
            job.error = src.error
            continue
        in_stat: os.stat_result | None = None  # standard input: never up to date
        if not is_stdin(src.path):
            try:
                in_stat = src.path.stat()
            except OSError as exc:
                job.error = exc.strerror or str(exc)
                continue
            if (why := refusal(in_stat)) is not None:  # a FIFO would block the reader
                job.error = why
                continue
        for fmt in formats:
            out = output_file or folder / (base + extensions[fmt])
            if is_stdin(out):  # -o -: standard output
                job.outputs.append(Output(fmt, out, False))
                continue
            real = _real(out)
            if real in inputs:
                job.error = f"output {fmt} would overwrite an input ({out.name})"
                break
            if real in claimed:
                other = sources[claimed[real]].path
                job.error = f"output {display(out)} is also the output of {display(other)}"
                break
            claimed[real] = i
            fresh = (not force and in_stat is not None
                     and state.is_fresh(out, fingerprints[fmt], in_stat))
            job.outputs.append(Output(fmt, out, fresh))
        if job.error is not None:
            job.outputs.clear()
    return Plan(jobs, tuple(formats), fingerprints, output_dir, state)


# C0 and C1 control characters and DEL, as Python writes them in a string literal.
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]} | {
    0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def display(path: Path | str) -> str:
    """A path as one printable line, even when its bytes are not valid UTF-8: undecodable
    bytes become \\xNN, and control characters (a newline, an escape) are escaped too,
    so a file name can neither break a log line nor drive the terminal."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return text.translate(_CONTROLS)
