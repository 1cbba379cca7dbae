"""Transforms: named, ordered passes over the Document, each switched by its option.

A transform is a pure function Document -> Document. Built-ins are listed
here (imported lazily: OpenCC loads only when --zh-variant asks for it);
third-party transforms register through the `convert.transforms`
entry-point group, resolving to a `Transform`, and run when their
`enabled(options)` says so. Lower `order` runs first; ties by name.

Punctuation restoration and boilerplate removal still happen inside the
text reader (convert.reader), which owns them for now.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from convert.model import Document
from convert.plugins import entry_point_map
from convert.read_options import ReadOptions

DEFAULTS = ReadOptions()

Apply = Callable[[Document, ReadOptions], Document]


@dataclass(frozen=True, slots=True)
class Transform:
    name: str
    order: int  # lower runs first: conversions ~500, the XML-safe guarantee last (1000)
    apply: Apply
    enabled: Callable[[ReadOptions], bool]
    description: str = ""


def _always(options: ReadOptions) -> bool:
    return True


def _zh_variant_on(options: ReadOptions) -> bool:
    return options.zh_variant is not None


def _lazy(module: str, function: str) -> Apply:
    def run(doc: Document, options: ReadOptions) -> Document:
        return getattr(importlib.import_module(module), function)(doc, options)

    return run


BUILTIN: tuple[Transform, ...] = (
    Transform("zh-variant", 500, _lazy("convert.transforms.zh_variant", "apply"), _zh_variant_on,
              "Simplified <-> Traditional with OpenCC (--zh-variant)"),
    Transform("xml-safe", 1000, _lazy("convert.transforms.xml_safe", "apply"), _always,
              "remove characters XML cannot hold, once for every writer"),
)


@cache
def registered() -> tuple[Transform, ...]:
    """Every transform, in the order they run."""
    found = list(BUILTIN)
    names = {t.name for t in found}
    plugins: dict[str, Any] = entry_point_map("convert.transforms")
    for ep in (plugins[name] for name in sorted(plugins)):
        if ep.name in names:
            continue
        transform = ep.load()
        if not isinstance(transform, Transform):
            raise TypeError(f"transform {ep.name!r} is not a convert.transforms.Transform")
        found.append(transform)
    return tuple(sorted(found, key=lambda t: (t.order, t.name)))


def apply(doc: Document, options: ReadOptions = DEFAULTS) -> Document:
    """Run every enabled transform over the document, in order."""
    for transform in registered():
        if transform.enabled(options):
            doc = transform.apply(doc, options)
    return doc
