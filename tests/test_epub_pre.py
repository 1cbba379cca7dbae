"""Preformatted text in the EPUB: a pre whose text is the source's, every space kept, in
a monospaced font stack, long lines wrapped at any character rather than overflowing."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from convert.model import Document, Meta, paragraph, preformatted
from convert.writers import get_writer
from convert.writers.base import RenderOptions
from tests.test_pdf_pre import CODE, TABLE

XHTML = "{http://www.w3.org/1999/xhtml}"


def test_pre_keeps_the_text_and_the_stylesheet_keeps_it_monospaced():
    doc = Document(Meta(title="代码示例", language="zh-Hans"),
                   (paragraph("代码如下。"), preformatted(CODE), preformatted(TABLE)))
    book = zipfile.ZipFile(io.BytesIO(get_writer("epub").render(doc, RenderOptions()).data))
    pres = []
    for name in book.namelist():
        if name.endswith(".xhtml"):
            pres += etree.fromstring(book.read(name)).iter(XHTML + "pre")
    assert ["".join(p.itertext()) for p in pres] == [CODE, TABLE]
    css = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".css"))
    rule = re.search(r"pre, code \{([^}]*)\}", css).group(1)
    assert '"DejaVu Sans Mono"' in rule and rule.rstrip("; \n").endswith("monospace")
    pre = re.search(r"\npre \{([^}]*)\}", css).group(1)
    assert "white-space: pre-wrap" in pre and "word-break: break-all" in pre
