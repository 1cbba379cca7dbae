"""Writers registry: format name -> Writer.

Built-in writers are imported lazily (each output library costs 50–150 ms to
import); third-party writers register through the `convert.writers`
entry-point group, whose entry points resolve to a `Writer` object.
"""

from __future__ import annotations

import importlib
from functools import cache

from convert import plugins
from convert.writers.base import Rendered, RenderOptions, Writer, WriterOption

__all__ = ["RenderOptions", "Rendered", "Writer", "WriterOption", "available",
           "declared_options", "get_writer"]

# Format name -> (module defining WRITER, its file extension). One line per
# built-in format; the extension is here so batch planning can name outputs
# without importing python-docx / reportlab / ebooklib.
_BUILTIN: dict[str, tuple[str, str]] = {
    "json": ("convert.writers.json_writer", ".json"),
    "docx": ("convert.writers.docx", ".docx"),
    "pdf": ("convert.writers.pdf", ".pdf"),
    "epub": ("convert.writers.epub", ".epub"),
}


# Built-in writers whose options live in a module of their own, so `--help` and
# option parsing import neither reportlab nor python-docx.
_OPTIONS: dict[str, str] = {
    "docx": "convert.writers.docx_options",
    "pdf": "convert.writers.pdf_options",
}


def declared_options() -> dict[str, tuple[WriterOption, ...]]:
    """Format name -> the options its writer declares (plugins: a broken one has none)."""
    out: dict[str, tuple[WriterOption, ...]] = {}
    for name in available():
        if name in _OPTIONS:
            out[name] = importlib.import_module(_OPTIONS[name]).OPTIONS
        elif name not in _BUILTIN:
            try:
                out[name] = get_writer(name).options
            except Exception:
                continue
    return out


def _plugin_entry_points() -> dict[str, object]:
    return plugins.entry_point_map("convert.writers")


def available() -> list[str]:
    """Every format name, built-in first, in a stable order."""
    return plugins.names(_BUILTIN, _plugin_entry_points())


def extension(name: str) -> str:
    """The output extension of a format, importing only plugin writers."""
    if name in _BUILTIN:
        return _BUILTIN[name][1]
    return get_writer(name).extension


@cache
def get_writer(name: str) -> Writer:
    """The writer for a format name; KeyError names the known formats."""
    module = _BUILTIN[name][0] if name in _BUILTIN else None
    return plugins.load(name, module, _plugin_entry_points(), "WRITER", Writer, "format",
                        available())
