"""What made each output: the incremental-build memory.

Each output folder holds one small hidden file, ``.convert-state.json``,
mapping an output's file name to the options fingerprint it was made with and
the size and mtime of the input it was made from. It travels with the outputs
(move the folder and reruns still skip), is one file per folder rather than one
per output, and is written only by the main process (atomically), so workers
never race on it. Two runs writing into one folder (say one making DOCX, the
other PDF) each merge their entries into what is on disk at the moment they
write, under an exclusive lock on the folder, so neither loses the other's.
A lost or damaged state file only means the outputs in that folder are made again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from convert import __version__
from convert.atomic import write_atomic
from convert.errors import ConvertError
from convert.inputs import read_input

STATE_NAME = ".convert-state.json"
_FORMAT = 1
_MAX_STATE = 64 * 1000 * 1000  # far above any real folder's; a bigger file is damaged


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):  # writer options: (name, value) pairs
        return [_plain(v) for v in value]
    if isinstance(value, Path):
        try:
            st = value.stat()  # a font replaced in place must remake the outputs
            return [os.fsencode(value).hex(), st.st_size, st.st_mtime_ns]
        except OSError:
            return os.fsencode(value).hex()
    return value


def fingerprint(fmt: str, *options: Any) -> str:
    """A short digest of everything that shapes one format's output.

    The package version stands for the code: a new release remakes outputs;
    after editing the code itself, use --force.
    """
    data = json.dumps([fmt, __version__, *(_plain(o) for o in options)], sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


class StateCache:
    """State files, loaded once per folder and written back when changed."""

    def __init__(self) -> None:
        self._folders: dict[Path, dict[str, Any]] = {}
        self._changed: dict[Path, dict[str, Any]] = {}  # what this run recorded

    def _load(self, folder: Path) -> dict[str, Any]:
        if folder not in self._folders:
            self._folders[folder] = _read_entries(folder)
        return self._folders[folder]

    def knows(self, output: Path) -> bool:
        """Whether the state of output's folder records it as an article's output."""
        return output.name in self._load(output.parent)

    def is_fresh(self, output: Path, fp: str, source: os.stat_result) -> bool:
        """Made with these options from this very input, and not older than it."""
        entry = self._load(output.parent).get(output.name)
        if not isinstance(entry, dict) or entry.get("fingerprint") != fp:
            return False
        if entry.get("source_size") != source.st_size:
            return False
        if entry.get("source_mtime_ns") != source.st_mtime_ns:
            return False
        try:
            return output.stat().st_mtime_ns >= source.st_mtime_ns
        except OSError:
            return False

    def record(self, output: Path, fp: str, source: os.stat_result) -> None:
        entry = {
            "fingerprint": fp,
            "source_size": source.st_size,
            "source_mtime_ns": source.st_mtime_ns,
        }
        self._load(output.parent)[output.name] = entry
        self._changed.setdefault(output.parent, {})[output.name] = entry

    def flush(self) -> None:
        for folder in sorted(self._changed):
            # A read-only folder: the outputs are fine, reruns just make them again.
            with contextlib.suppress(OSError, ConvertError), _locked(folder):
                # Merge into what is there now: another run may have written meanwhile.
                entries = _read_entries(folder) | self._changed[folder]
                body = {"format": _FORMAT, "outputs": entries}
                # ensure_ascii keeps non-UTF-8 file names (lone surrogates) as \\udcXX
                # escapes, which json.loads turns back into the same names.
                text = json.dumps(body, ensure_ascii=True, indent=0, sort_keys=True)
                write_atomic(folder / STATE_NAME, text.encode("ascii"))
                self._folders[folder] = entries
        self._changed.clear()


def _read_entries(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads(read_input(folder / STATE_NAME, _MAX_STATE))
        if data.get("format") == _FORMAT and isinstance(data.get("outputs"), dict):
            return data["outputs"]  # type: ignore[no-any-return]
    except (ConvertError, ValueError, AttributeError, RecursionError):
        pass  # missing, damaged or absurdly nested: everything in this folder is remade
    return {}


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the folder itself (no lock file to leave behind), where the
    platform has flock; elsewhere the merge alone (a rare race loses a rerun's skip)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
