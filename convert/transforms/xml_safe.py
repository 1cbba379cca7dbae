"""XML-safe text: characters XML 1.0 cannot hold (NUL, most C0 controls, lone
surrogates, U+FFFE/FFFF) are removed here, once, for every writer.

The text reader already drops control characters; this guards what the JSON
reader and plugin readers bring. Writers keep their own guards, which then
find nothing to do.
"""

from __future__ import annotations

from dataclasses import replace

from convert.charclass import NOT_XML
from convert.model import Document
from convert.read_options import ReadOptions

DEFAULTS = ReadOptions()


def apply(doc: Document, options: ReadOptions = DEFAULTS) -> Document:
    removed: list[str] = []

    def clean(text: str) -> str:
        if NOT_XML.search(text) is None:
            return text
        removed.extend(NOT_XML.findall(text))
        return NOT_XML.sub("", text)

    out = doc.map_text(clean)
    if out.meta.published is not None:
        out = replace(out, meta=replace(out.meta, published=clean(out.meta.published)))
    if not removed:
        return doc  # the very same object: nothing to copy, nothing to compare
    shown = " ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(removed))
    return out.with_warnings(
        f"removed {len(removed)} character(s) XML cannot hold ({shown})"
    )
