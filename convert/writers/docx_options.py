"""The DOCX writer's own options (kept apart from docx.py so `--help` needs no python-docx)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from convert.writers.base import WriterOption


def check_reference(value: object) -> str | None:
    """None when `value` is a Word file with a styles part, else why not (one line)."""
    path = Path(str(value))
    try:
        with zipfile.ZipFile(path) as z:
            if "word/styles.xml" not in z.namelist():
                return f"{path} has no styles (word/styles.xml): not a Word document"
    except (zipfile.BadZipFile, OSError) as exc:
        reason = "not a .docx (zip) file" if isinstance(exc, zipfile.BadZipFile) else \
            (exc.strerror or str(exc))
        return f"{path}: {reason}"
    return None


OPTIONS = (
    WriterOption("reference-docx", "Take the styles (fonts, sizes, colours, spacing) and "
                 "the page size and margins from this Word file, as pandoc's --reference-doc "
                 "does; styles it lacks keep convert's.", "file", metavar="FILE",
                 check=check_reference),
)
