"""PDF streams deflated by libdeflate instead of zlib.

Half a PDF article's compression time is its embedded glyph outlines (a CJK
article draws 500–1,500 glyphs, 3–7 ms of zlib at level 6 per article, every
article again). libdeflate makes the same zlib-format FlateDecode streams about
2.5 times faster, and a little smaller at the level used here (measured on the
benchmark's articles: font subsets 1.89 MB in 117 ms with zlib level 6, 1.88 MB in
53 ms with libdeflate level 7). Compressing each glyph once per process and joining
the pieces (DESIGN.md's idea) was measured too and rejected: every piece is a
deflate block of its own, with its own code tables and no matches across glyphs,
and the outlines grew by half.

reportlab deflates every stream through one filter object (pdfdoc.PDFZCompress);
install() gives it this encoder. The bytes depend only on the input and the
libdeflate version (pinned in pyproject.toml), so a PDF stays reproducible.
"""

from __future__ import annotations

import deflate
from reportlab.pdfbase import pdfdoc

LEVEL = 7


def compress(data: bytes | str) -> bytes:
    """A zlib stream (RFC 1950), as zlib.compress makes, for a FlateDecode filter."""
    if isinstance(data, str):
        data = data.encode("utf8")  # as reportlab's own filter does
    return bytes(deflate.zlib_compress(data, LEVEL))  # a bytearray: reportlab wants bytes


def install() -> None:
    """Route reportlab's Flate filter through compress (idempotent)."""
    pdfdoc.PDFZCompress.encode = compress  # type: ignore[method-assign]
