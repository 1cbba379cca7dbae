"""Readers registry: input format name -> Reader, and the one way to read an input.

Built-in readers import lazily; third-party readers register through the
`convert.readers` entry-point group, whose entry points resolve to a
`convert.readers.base.Reader`. `read_file` picks the reader (--from, else the
file's extension, else plain text), reads, then applies the transforms.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

from convert import plugins, regex_cache
from convert.decode import refuse_binary
from convert.inputs import Sniff, is_stdin
from convert.model import Document
from convert.read_options import ReadOptions
from convert.readers.base import Reader

DEFAULTS = ReadOptions()

__all__ = ["Reader", "available", "get_reader", "read_file", "reader_for"]

# Name -> (module defining READER, the extensions it claims). The extensions are
# here so choosing a reader imports nothing but the chosen one.
_BUILTIN: dict[str, tuple[str, tuple[str, ...]]] = {
    "text": ("convert.readers.text", (".txt", ".text")),
    "json": ("convert.readers.json_reader", (".json",)),
    "html": ("convert.readers.html", (".html", ".htm", ".xhtml", ".shtml")),
    "markdown": ("convert.readers.markdown", (".md", ".markdown")),
}
DEFAULT = "text"  # any file named on the command line is tried as plain text


def _plugin_entry_points() -> dict[str, object]:
    return plugins.entry_point_map("convert.readers")


def available() -> list[str]:
    """Every reader name, built-in first, in a stable order."""
    return plugins.names(_BUILTIN, _plugin_entry_points())


@cache
def get_reader(name: str) -> Reader:
    """The reader for a name; KeyError names the known ones."""
    module = _BUILTIN[name][0] if name in _BUILTIN else None
    return plugins.load(name, module, _plugin_entry_points(), "READER", Reader,
                        "input format", available())


def reader_for(path: Path) -> str:
    """The reader a file's extension asks for (built-ins first); a file with no
    extension a reader claims is sniffed (HTML, Markdown with front matter), else text."""
    suffix = Path(path).suffix.lower()
    for name, (_module, extensions) in _BUILTIN.items():
        if suffix in extensions:
            return name
    for name in available()[len(_BUILTIN):]:
        try:
            if suffix in get_reader(name).extensions:
                return name
        except Exception:
            continue  # a broken plugin must not stop plain text from reading
    return sniff(path) or DEFAULT


_SNIFF_BYTES = 4096
_HTML_START = regex_cache.compile(rb"^(?:\s|<!--.*?-->)*<(?:!doctype\s+html|html[\s>]|head[\s>])",
                         re.IGNORECASE | re.DOTALL)
# `---` on the first line, a `key: value` line, a closing `---`: YAML front matter.
_FRONT_MATTER = regex_cache.compile(
    rb"^---[ \t]*\r?\n(?:.*\r?\n)*?[A-Za-z_]+:.*\r?\n(?:.*\r?\n)*?---[ \t]*\r?$", re.MULTILINE
)


def sniff(path: Path) -> str | None:
    """"html" or "markdown" for a file whose first bytes say so; None otherwise."""
    try:
        with open(path, "rb") as f:
            head = f.read(_SNIFF_BYTES)
    except OSError:
        return None  # the reader reports the error
    return sniff_bytes(head)


def sniff_bytes(head: bytes) -> str | None:
    """"html" or "markdown" for an input whose first bytes say so; None otherwise."""
    head = head[:_SNIFF_BYTES]
    for bom, codec in ((b"\xef\xbb\xbf", None), (b"\xff\xfe", "utf-16-le"),
                       (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):]
            if codec:
                head = head.decode(codec, "ignore").encode("utf-8")
            break
    if _HTML_START.match(head):
        return "html"
    if _FRONT_MATTER.match(head):
        return "markdown"
    return None


def sniffer(name: str, options: ReadOptions = DEFAULTS) -> Sniff | None:
    """What refuses an input from its first bytes, before the rest is read: the built-in
    readers all decode text, so an image or archive signature is refused as decode would
    (not with --encoding, which decode obeys as given); a plugin may read any bytes."""
    return refuse_binary if name in _BUILTIN and not options.encoding else None


def read_file(path: Path, options: ReadOptions = DEFAULTS) -> Document:
    """Read one input with its reader, then run the transforms its options switch on."""
    from convert import transforms

    name = options.source_format or reader_for(path)
    doc = get_reader(name).read(Path(path), options)
    if doc.base is None:  # figures' relative sources are relative to the input file
        doc = replace(doc, base=str(Path(path).resolve().parent))
    return transforms.apply(doc, options)


def read_data(data: bytes, name: Path, options: ReadOptions = DEFAULTS,
              base: str | None = None) -> Document:
    """Read bytes already in memory; `name` (a URL's or file's path) chooses the reader,
    and standard input's (`-`) first bytes do. `base` is the folder or URL prefix
    figures' relative sources are relative to (None for standard input)."""
    from convert import transforms
    from convert.errors import InputError

    fmt = options.source_format or (
        (sniff_bytes(data) or DEFAULT) if is_stdin(name) else reader_for(name))
    reader = get_reader(fmt)
    if reader.read_bytes is None:
        raise InputError(f"the {fmt} reader reads files only, not a stream or a URL")
    if reader.takes_base:
        doc = reader.read_bytes(data, options, base=base)  # type: ignore[call-arg]
    else:
        doc = reader.read_bytes(data, options)
    if doc.base is None and base is not None:
        doc = replace(doc, base=base)
    return transforms.apply(doc, options)
