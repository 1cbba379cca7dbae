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

Font subsets are deflated at level 6, everything else at 7. Measured on the streams of
the 48 benchmark articles (8.9 MB of font subsets, 0.3 MB of CMaps, 0.7 MB of pages) and
a 1.5 MB novel (14 MB of page streams), libdeflate levels 5 / 6 / 7: the subsets took
119 / 135 / 161 ms and made 4.54 / 4.51 / 4.49 MB; the novel's pages took 100 / 127 /
177 ms and made 2.05 / 1.98 / 1.94 MB. Level 6 for the subsets saves a sixth of their
time for +0.45% of an article's file (at most +0.6% over the regression set); level 5
would pass +1% on some files. Pages stay at 7: in an article they are a few
milliseconds, and a novel's file would grow by 2% at 6.

reportlab deflates every stream through one filter object (pdfdoc.PDFZCompress);
install() gives it this encoder. The bytes depend only on the input and the
libdeflate version (pinned in pyproject.toml), so a PDF stays reproducible.
"""

from __future__ import annotations

import deflate
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc

LEVEL = 7  # page content streams (a novel's bulk), CMaps
FONT_LEVEL = 6  # embedded font subsets: most of an article's bytes and deflate time
_TRUETYPE = b"\x00\x01\x00\x00"  # how a TrueType font program starts (reportlab writes these)


def compress(data: bytes | str) -> bytes:
    """A zlib stream (RFC 1950), as zlib.compress makes, for a FlateDecode filter."""
    if isinstance(data, str):
        data = data.encode("utf8")  # as reportlab's own filter does
    level = FONT_LEVEL if data[:4] == _TRUETYPE else LEVEL
    return bytes(deflate.zlib_compress(data, level))  # a bytearray: reportlab wants bytes


def install() -> None:
    """Route reportlab's Flate filter through compress, without the ASCII85 layer
    (idempotent)."""
    pdfdoc.PDFZCompress.encode = compress  # type: ignore[method-assign]
    # reportlab wraps page streams (and images) in ASCII85 after deflating them, to keep
    # the file 7-bit: a quarter more bytes of every page, encoded and decoded for
    # nothing, since the embedded fonts are binary streams in the same file anyway.
    rl_config.useA85 = 0
