"""What the readers and writers registries share: a name is a built-in module's
object (imported only when asked for) or an entry point's, checked for its type."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from functools import cache
from typing import Any


@cache
def _installed() -> Any:  # importlib.metadata.EntryPoints
    """Every installed entry point, read once per process: importlib.metadata reads
    each installed package's metadata (10–20 ms a scan, whatever group is asked for;
    readers, writers and transforms were asked nine times in a run)."""
    from importlib.metadata import entry_points

    return entry_points()


def entry_point_map(group: str) -> dict[str, object]:
    return {ep.name: ep for ep in _installed().select(group=group)}


def names(builtin: Mapping[str, Any], plugins: Mapping[str, object]) -> list[str]:
    """Built-in names first, then the plugins', in a stable order."""
    return list(builtin) + sorted(set(plugins) - set(builtin))


def load(
    name: str,
    module: str | None,
    plugins: Mapping[str, object],
    attr: str,
    kind: type,
    noun: str,
    known: list[str],
) -> Any:
    """The object `attr` of a built-in `module`, else the plugin entry point `name`.
    KeyError names the known ones; TypeError when it is not a `kind`."""
    if module is not None:
        found = getattr(importlib.import_module(module), attr)
    else:
        ep = plugins.get(name)
        if ep is None:
            raise KeyError(f"unknown {noun} {name!r} (known: {', '.join(known)})")
        found = ep.load()  # type: ignore[attr-defined]
    if not isinstance(found, kind):
        raise TypeError(f"{kind.__name__.lower()} for {name!r} is not a "
                        f"{kind.__module__.rsplit('.base', 1)[0]}.{kind.__name__}")
    return found
