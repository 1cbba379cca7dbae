"""The model's own JSON form (docs/model.md), so a model is an input too.

What `--to json` wrote reads back to the very same Document, so the DOCX, PDF
and EPUB made from it are those made from the article; a model built by
someone's scraper reads the same way.
"""

from __future__ import annotations

import json
from pathlib import Path

from convert.errors import InputError
from convert.model import Document, ModelError
from convert.read_options import ReadOptions
from convert.readers.base import Reader

DEFAULTS = ReadOptions()


def read(path: Path, options: ReadOptions = DEFAULTS) -> Document:
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    return read_bytes(data)


def read_bytes(data: bytes, options: ReadOptions = DEFAULTS) -> Document:
    """JSON text (UTF-8, with or without a BOM) -> Document; InputError if it is not a model."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 JSON (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") \
            from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply") from None
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        raise InputError(
            f"a book of {len(value['articles'])} articles, not one article's model"
        )
    try:
        return Document.from_dict(value)
    except ModelError as exc:
        raise InputError(str(exc)) from None
    except RecursionError:
        raise InputError("malformed model: nested too deeply") from None


READER = Reader(
    name="json",
    extensions=(".json",),
    read=read,
    description="the intermediate model as JSON (docs/model.md), versions 1 and 2",
    read_bytes=read_bytes,
)
