"""reportlab's PDF object formatting with its commonest cases in fewer steps.

Writing a PDF article calls pdfdoc.format about 800 times: each font subset's
/Widths array is up to 256 numbers, each formatted through isinstance tests and
the Python-level 'extpdfdoc' codec, and every dictionary key goes through PDFName,
a Python loop over its characters. The shortcuts here give the same bytes:
numbers are fp_str's ASCII, a str is encoded by reportlab's own pdfdocEnc once
and remembered (names and operators repeat in every file), a name is escaped once
per process; anything else is reportlab's own code. tests/test_pdf_objects.py
compares them with reportlab's on every kind of element.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc

_format = pdfdoc.format
_name = pdfdoc.PDFName
_encode = pdfdoc.pdfdocEnc
_array = pdfdoc.PDFArray.format
_NUMBERS = frozenset((int, float))

# Strings encoded and names escaped so far. Both are short and few (keys, names,
# filter lists); a string that is neither is not kept, and the tables stop growing
# at a bound a long run of odd documents cannot pass.
_LONGEST = 64
_MOST = 8192
T = TypeVar("T")
_encoded: dict[str, bytes] = {}
_names: dict[str, str] = {}


def format(element: Any, document: Any, toplevel: int = 0) -> bytes:
    """pdfdoc.format: the bytes of `element` in the file."""
    kind = type(element)
    if kind is float or kind is int:
        return fp_str(element).encode("ascii")  # digits, '-' and '.': extpdfdoc's as ASCII's
    if kind is str:
        return _remembered(_encoded, element, _encode)
    if kind is bytes:
        return element
    return _format(element, document, toplevel)


def name(data: Any, lo: str = chr(0x21), hi: str = chr(0x7E)) -> str:
    """pdfdoc.PDFName: '/' and the name, its odd characters written #xx."""
    if type(data) is not str or lo != "\x21" or hi != "\x7e":
        return _name(data, lo, hi)
    return _remembered(_names, data, _name)


def _remembered(table: dict[str, T], key: str, make: Callable[[str], T]) -> T:
    """make(key), kept in `table` when the key is short (the same names and strings
    recur in every document), up to a bound."""
    found = table.get(key)
    if found is None:
        found = make(key)
        if len(key) <= _LONGEST and len(table) < _MOST:
            table[key] = found
    return found


def array(self: pdfdoc.PDFArray, document: Any, IND: bytes = b"\n ") -> bytes:
    """PDFArray.format: an array of numbers (a font's /Widths, a /MediaBox) in one
    fp_str call per ten, reportlab's line length; any other array as reportlab does."""
    seq = self.sequence
    if (not seq or (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced"
            or not _NUMBERS.issuperset(map(type, seq))):
        return _array(self, document, IND)
    if len(seq) <= 10:
        return b"[ " + fp_str(*seq).encode("ascii") + b" ]"
    lines = [fp_str(*seq[i : i + 10]) for i in range(0, len(seq), 10)]
    return b"[ " + " \n  ".join(lines).encode("ascii") + b" ]"


def install() -> None:
    """Route pdfdoc's own formatting through these (its functions look both up by
    module global at each call). Idempotent."""
    pdfdoc.format = format
    pdfdoc.PDFName = name
    pdfdoc.PDFArray.format = array  # type: ignore[method-assign]
