"""Inputs, outputs and reports at fsspec URLs (s3://bucket/prefix, gs://…, memory://…).

A cluster without a shared disk reads articles from and writes outputs to an
object store. URLs stay plain strings from the command line to the worker:
`file://` URLs become local paths at once (so local files keep their atomic
writes and the local planner), everything else goes through fsspec here.

What holds for local files holds for URLs too: folders are walked recursively
(hidden entries skipped, --include/--exclude applied), outputs mirror the tree
under -o, an output that is an input or another input's output is refused,
and the incremental state is a `.convert-state.json` per output folder, read
and written through fsspec. An object store's write is one PUT: the object is
there whole or not at all, so there is no temporary file to clean up.

fsspec is an optional dependency (with s3fs in the `s3` extra); it is only
imported when a URL is given.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import click

from convert import batch, regex_cache
from convert.atomic import write_atomic
from convert.errors import InputError
from convert.state import _FORMAT, STATE_NAME, StateCache

INSTALL_HINT = "URLs need fsspec (and s3fs for s3://): pip install 'convert[s3]'"
_SCHEME = regex_cache.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

Location = Path | str  # a local path, or a URL string


def is_url(value: object) -> bool:
    return isinstance(value, str) and _SCHEME.match(value) is not None


def local_or_url(text: str) -> Location:
    """A command-line location: file:// URLs and plain names become Paths."""
    if not is_url(text):
        return Path(text)
    parts = urlsplit(text)
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    return text.rstrip("/") or text


def _fs(url: str) -> tuple[Any, str]:
    try:
        import fsspec
    except ImportError:
        raise InputError(INSTALL_HINT) from None
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:  # e.g. s3:// without s3fs
        raise InputError(f"{url}: {' '.join(str(exc).split())}") from None


def join(url: str, *parts: str) -> str:
    return "/".join([url.rstrip("/"), *[p for p in parts if p and p != "."]])


def parent(url: str) -> str:
    return url.rsplit("/", 1)[0]


def _name(url: str) -> str:
    return url.rsplit("/", 1)[1]


@dataclass(frozen=True, slots=True)
class Stat:
    """What the incremental state needs of an object: size and modification time."""

    st_size: int
    st_mtime_ns: int


def _mtime_ns(info: dict[str, Any]) -> int:
    for key in ("mtime", "LastModified", "last_modified", "updated", "created"):
        value = info.get(key)
        if isinstance(value, datetime):
            return int(value.timestamp() * 1e9)
        if isinstance(value, int | float):
            return int(value * 1e9)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                return int(datetime.fromisoformat(value).timestamp() * 1e9)
    return 0


def stat(url: str) -> Stat:
    fs, path = _fs(url)
    try:
        info = fs.info(path)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    if info.get("type") == "directory":
        raise InputError("is a directory")
    return Stat(int(info.get("size") or 0), _mtime_ns(info))


def read(url: str, max_size: int = 0) -> tuple[Stat, bytes]:
    """An input's stat and bytes (the stat first: a newer upload is remade next time);
    more than max_size bytes (0: any) is refused as for a local file."""
    from convert.inputs import _too_big

    found = stat(url)
    if max_size and found.st_size > max_size:
        raise _too_big(found.st_size, max_size)
    fs, path = _fs(url)
    try:
        return found, fs.cat_file(path)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None


def write(target: Location, data: bytes, *, durable: bool = True) -> None:
    """Write a whole file: atomically on a local disk, in one PUT to an object store.
    `durable=False`: a local file is not fsynced (the caller does it: atomic.make_durable)."""
    if not is_url(target):
        write_atomic(Path(target), data, durable=durable)
        return
    fs, path = _fs(str(target))
    if not hasattr(fs, "pipe_file"):
        raise InputError(f"{target}: cannot write there")
    with contextlib.suppress(Exception):
        fs.makedirs(fs._parent(path), exist_ok=True)  # only file systems with folders
    fs.pipe_file(path, data)


class URLStateCache(StateCache):
    """StateCache's files and rules, for output folders at URLs too (a plan may mix
    local and remote folders: local inputs, -o s3://…)."""

    def __init__(self) -> None:
        super().__init__()
        self._remote: dict[str, dict[str, Any]] = {}  # folder URL -> entries
        self._remote_dirty: set[str] = set()
        self._listed: dict[str, dict[str, int]] = {}

    def _load_url(self, folder: str) -> dict[str, Any]:
        if folder not in self._remote:
            entries: dict[str, Any] = {}
            with contextlib.suppress(Exception):  # missing or damaged: remade
                fs, path = _fs(join(folder, STATE_NAME))
                data = json.loads(fs.cat_file(path))
                if data.get("format") == _FORMAT and isinstance(data.get("outputs"), dict):
                    entries = data["outputs"]
            self._remote[folder] = entries
        return self._remote[folder]

    def is_fresh(self, output: Location, fp: str, source: os.stat_result | Stat) -> bool:
        if not is_url(output):
            return super().is_fresh(Path(output), fp, source)  # type: ignore[arg-type]
        url = str(output)
        entry = self._load_url(parent(url)).get(_name(url))
        if not isinstance(entry, dict) or entry.get("fingerprint") != fp:
            return False
        if (entry.get("source_size"), entry.get("source_mtime_ns")) != (
            source.st_size, source.st_mtime_ns
        ):
            return False
        made = self._listing(parent(url)).get(_name(url))
        return made is not None and made >= source.st_mtime_ns

    def _listing(self, folder: str) -> dict[str, int]:
        """Modification times of a folder's objects: one LIST per folder, where a HEAD
        per output would cost a request per article on a rerun."""
        if folder not in self._listed:
            found: dict[str, int] = {}
            with contextlib.suppress(Exception):  # no such folder yet: nothing is fresh
                fs, path = _fs(folder)
                for info in fs.ls(path, detail=True):
                    found[info["name"].rstrip("/").rsplit("/", 1)[-1]] = _mtime_ns(info)
            self._listed[folder] = found
        return self._listed[folder]

    def record(self, output: Location, fp: str, source: os.stat_result | Stat) -> None:
        if not is_url(output):
            super().record(Path(output), fp, source)  # type: ignore[arg-type]
            return
        url = str(output)
        self._load_url(parent(url))[_name(url)] = {
            "fingerprint": fp,
            "source_size": source.st_size,
            "source_mtime_ns": source.st_mtime_ns,
        }
        self._remote_dirty.add(parent(url))

    def flush(self) -> None:
        for folder in sorted(self._remote_dirty):
            body = {"format": _FORMAT, "outputs": self._remote[folder]}
            text = json.dumps(body, ensure_ascii=True, indent=0, sort_keys=True)
            with contextlib.suppress(Exception):  # not writable: outputs are remade
                write(join(folder, STATE_NAME), text.encode("ascii"))
        self._remote_dirty.clear()
        super().flush()


@dataclass(frozen=True, slots=True)
class Found:
    """One input: where it is, and its path under the folder it was found in."""

    location: Location
    rel: PurePosixPath
    root_given: bool  # found by walking a folder (mirrored under -o), not named itself
    stat: Stat | None = None  # from the folder's listing: no request per object


def collect(
    locations: Sequence[Location], include: Sequence[str], exclude: Sequence[str],
    output: Location | None,
) -> list[Found]:
    """Inputs in command-line order, folders walked and sorted, each once."""
    found: list[Found] = []
    seen: set[str] = set()
    for loc in locations:
        if not is_url(loc):
            skip = None if output is None or is_url(output) else Path(output)
            items = [
                Found(s.path, PurePosixPath(s.rel.as_posix()), s.root is not None)
                for s in batch.collect([Path(loc)], include, exclude, skip)
            ]
        else:
            items = _walk_url(str(loc), include, exclude, output)
        for item in items:
            key = str(item.location)
            if key not in seen:
                seen.add(key)
                found.append(item)
    return found


def _walk_url(
    url: str, include: Sequence[str], exclude: Sequence[str], output: Location | None
) -> list[Found]:
    fs, root = _fs(url)
    try:
        if not fs.isdir(root):
            if not fs.exists(root):
                raise InputError(f"{url}: no such file or folder")
            return [Found(url, PurePosixPath(_name(url)), False)]
        listing = fs.find(root, detail=True)  # sizes and times come with the LIST
    except OSError as exc:
        raise InputError(f"{url}: {exc.strerror or exc}") from None
    out_prefix = None
    if is_url(output):
        out_fs, out_root = _fs(str(output))
        if type(out_fs) is type(fs) and out_root.rstrip("/") != root.rstrip("/"):
            out_prefix = out_root.rstrip("/") + "/"
    items = []
    for path in sorted(listing, key=lambda p: p.encode("utf-8", "surrogateescape")):
        rel = PurePosixPath(path[len(root.rstrip("/")) + 1 :])
        if any(part.startswith(".") for part in rel.parts):
            continue  # hidden, like the state files
        if out_prefix and path.startswith(out_prefix):
            continue  # the output folder inside the input folder
        if batch._matches(rel, include) and not (exclude and batch._matches(rel, exclude)):  # type: ignore[arg-type]
            info = listing[path]
            found = Stat(int(info.get("size") or 0), _mtime_ns(info))
            items.append(Found(join(url, rel.as_posix()), rel, True, found))
    return items


def _out_folder(item: Found, output: Location | None) -> Location:
    parent = item.rel.parent.as_posix()
    if output is None:
        loc = item.location
        return parent(loc) if is_url(loc) else Path(loc).parent
    if not item.root_given:
        return output
    return join(output, parent) if is_url(output) else Path(output) / parent


def _child(folder: Location, name: str) -> Location:
    return join(folder, name) if is_url(folder) else Path(folder) / name


def plan(
    found: Sequence[Found], formats: Sequence[str], fingerprints: dict[str, str],
    output: Location | None, force: bool,
) -> batch.Plan:
    """batch.plan's rules for inputs or outputs at URLs; jobs hold URL strings."""
    folders = [str(_out_folder(f, output)) for f in found]
    stems = {}
    for i, item in enumerate(found):
        stems.setdefault((folders[i], PurePosixPath(item.rel.name).stem), []).append(i)
    keep = {i for group in stems.values() if len(group) > 1 for i in group}
    inputs = {str(f.location) for f in found}
    claimed: dict[str, int] = {}
    state = URLStateCache()
    jobs = []
    for i, item in enumerate(found):
        job = batch.Job(i, item.location)  # type: ignore[arg-type]
        jobs.append(job)
        name = item.rel.name
        base = name if i in keep else PurePosixPath(name).stem
        if i in keep:
            job.notes.append("another input shares its stem: outputs keep the full file name")
        try:
            in_stat = item.stat or (
                stat(item.location) if is_url(item.location) else Path(item.location).stat()
            )
        except (InputError, OSError) as exc:
            job.error = getattr(exc, "strerror", None) or str(exc)
            continue
        for fmt in formats:
            out = _child(_out_folder(item, output), base + batch.extension_for(fmt))
            key = str(out)
            if key in inputs:
                job.error = f"output {fmt} would overwrite an input ({_name(key)})"
                break
            if key in claimed:
                job.error = f"output {key} is also the output of {found[claimed[key]].location}"
                break
            claimed[key] = i
            fresh = not force and state.is_fresh(out, fingerprints[fmt], in_stat)
            job.outputs.append(batch.Output(fmt, out, fresh))  # type: ignore[arg-type]
        if job.error is not None:
            job.outputs.clear()
    return batch.Plan(jobs, tuple(formats), fingerprints, output, state)  # type: ignore[arg-type]


class LocationParam(click.ParamType):
    """A command-line path or URL: file:// and plain names as click.Path checks them,
    other URLs as they are (they are looked up when planning)."""

    name = "path_or_url"

    def __init__(self, **path_options: Any) -> None:
        self._path = click.Path(path_type=Path, **path_options)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, Path):
            return value
        loc = local_or_url(str(value))
        if isinstance(loc, Path):
            return self._path.convert(loc, param, ctx)
        return loc
