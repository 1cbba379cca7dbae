"""What made each output: the incremental-build memory.

Each output folder holds one small hidden file, ``.convert-state.json``,
mapping an output's file name to the options fingerprint it was made with and
the size and mtime of the input it was made from. It travels with the outputs
(move the folder and reruns still skip), is one file per folder rather than one
per output, and is written only by the main process (atomically), so workers
never race on it. A lost or damaged state file only means the outputs in that
folder are made again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from convert import __version__
from convert.atomic import write_atomic

STATE_NAME = ".convert-state.json"
_FORMAT = 1


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
        self._dirty: set[Path] = set()

    def _load(self, folder: Path) -> dict[str, Any]:
        if folder not in self._folders:
            entries: dict[str, Any] = {}
            try:
                data = json.loads((folder / STATE_NAME).read_bytes())
                if data.get("format") == _FORMAT and isinstance(data.get("outputs"), dict):
                    entries = data["outputs"]
            except (OSError, ValueError, AttributeError):
                pass  # missing or damaged: everything in this folder is remade
            self._folders[folder] = entries
        return self._folders[folder]

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
        self._load(output.parent)[output.name] = {
            "fingerprint": fp,
            "source_size": source.st_size,
            "source_mtime_ns": source.st_mtime_ns,
        }
        self._dirty.add(output.parent)

    def flush(self) -> None:
        for folder in sorted(self._dirty):
            body = {"format": _FORMAT, "outputs": self._folders[folder]}
            # ensure_ascii keeps non-UTF-8 file names (lone surrogates) as \\udcXX escapes,
            # which json.loads turns back into the same names.
            text = json.dumps(body, ensure_ascii=True, indent=0, sort_keys=True)
            # A read-only folder: the outputs are fine, reruns just make them again.
            with contextlib.suppress(OSError):
                write_atomic(folder / STATE_NAME, text.encode("ascii"))
        self._dirty.clear()
