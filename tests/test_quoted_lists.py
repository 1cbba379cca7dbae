"""A list inside a quote keeps its indent in every writer: the quote's indent plus the
list's own, the same steps as a list in the body (and a quote inside a quote is
indented as far again)."""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict

import pdfplumber
from lxml import etree

from convert.model import Document, ListBlock, Meta, Quote, paragraph
from convert.writers import get_writer
from convert.writers.base import RenderOptions

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XHTML = {"x": "http://www.w3.org/1999/xhtml"}


def quoted_lists() -> Document:
    return Document(Meta("引文里的清单", language="zh-Hans"), (
        paragraph("正文第一段，用来对照缩进的位置。" * 4),
        ListBlock(((paragraph("正文清单第一项"),),
                   (paragraph("正文清单第二项"), ListBlock(((paragraph("正文清单下一级"),),)),
                    paragraph("正文清单第二项的补充段落")))),
        Quote((
            paragraph("引文第一段，说明下面的三件事情。" * 4),
            ListBlock(((paragraph("引文清单第一项"),),
                       (paragraph("引文清单第二项"),
                        ListBlock(((paragraph("引文清单下一级"),),), ordered=True),
                        paragraph("引文清单第二项的补充段落")))),
            Quote((paragraph("引文里的引文。" * 8),)),
        )),
        paragraph("正文最后一段。"),
    ))


def render(fmt: str) -> bytes:
    return get_writer(fmt).render(quoted_lists(), RenderOptions()).data


# -- DOCX: the indents Word and LibreOffice use ------------------------------------------


def _ind(element: etree._Element | None) -> dict[str, int]:
    if element is None:
        return {}
    ind = element.find(f"{W}ind")
    return {} if ind is None else {k[len(W):]: int(v) for k, v in ind.attrib.items()
                                   if k[len(W):] in ("left", "right", "hanging", "firstLine")}


def docx_indents() -> dict[str, dict[str, int]]:
    """Each paragraph's text -> its left/right/hanging indent as Word resolves it:
    the style's, then the numbering level's, then the paragraph's own."""
    with zipfile.ZipFile(io.BytesIO(render("docx"))) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
        numbering = etree.fromstring(z.read("word/numbering.xml"))
    style_ind = {s.get(f"{W}styleId"): _ind(s.find(f"{W}pPr"))
                 for s in styles.iter(f"{W}style")}
    abstract = {a.get(f"{W}abstractNumId"): {lvl.get(f"{W}ilvl"): _ind(lvl.find(f"{W}pPr"))
                                              for lvl in a.iter(f"{W}lvl")}
                for a in numbering.iter(f"{W}abstractNum")}
    nums = {n.get(f"{W}numId"): n.find(f"{W}abstractNumId").get(f"{W}val")
            for n in numbering.iter(f"{W}num")}
    out = {}
    for p in body.iter(f"{W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        ppr = p.find(f"{W}pPr")
        style = ppr.find(f"{W}pStyle").get(f"{W}val") if ppr is not None and \
            ppr.find(f"{W}pStyle") is not None else "Normal"
        ind = {"left": 0, "right": 0, "hanging": 0, **style_ind.get(style, {})}
        num = ppr.find(f"{W}numPr") if ppr is not None else None
        if num is not None:
            level = abstract[nums[num.find(f"{W}numId").get(f"{W}val")]][
                num.find(f"{W}ilvl").get(f"{W}val")]
            ind.update(level)
        ind.update(_ind(ppr))
        out[text] = ind
    return out


def test_docx_a_list_in_a_quote_is_indented_by_the_quote_too() -> None:
    ind = docx_indents()
    quote = ind["引文第一段，说明下面的三件事情。" * 4]
    assert quote["left"] > 0 and quote["right"] == quote["left"]
    for body, quoted in [("正文清单第一项", "引文清单第一项"), ("正文清单下一级", "引文清单下一级"),
                         ("正文清单第二项的补充段落", "引文清单第二项的补充段落")]:
        assert ind[quoted]["left"] == ind[body]["left"] + quote["left"], quoted
        assert ind[quoted]["hanging"] == ind[body]["hanging"], quoted
        assert ind[quoted]["right"] == quote["right"], quoted
    assert ind["正文清单下一级"]["left"] > ind["正文清单第一项"]["left"]  # levels still step in
    inner = ind["引文里的引文。" * 8]
    assert (inner["left"], inner["right"]) == (2 * quote["left"], 2 * quote["right"])


# -- PDF: where the lines are drawn --------------------------------------------------------


def pdf_lines() -> list[tuple[float, str]]:
    """(left x, text) of every line of the first page, top to bottom (list markers, drawn
    apart, are left out: the x is the text's)."""
    with pdfplumber.open(io.BytesIO(render("pdf"))) as pdf:
        rows: dict[int, list] = defaultdict(list)
        for ch in pdf.pages[0].chars:
            if ch["text"] not in "•◦▪.0123456789":
                rows[round(ch["top"])].append(ch)
    return [(min(c["x0"] for c in row), "".join(c["text"] for c in sorted(row, key=lambda c:
                                                                             c["x0"])))
            for _, row in sorted(rows.items())]


def test_pdf_a_list_in_a_quote_is_indented_by_the_quote_too() -> None:
    lines = pdf_lines()

    def x(start: str) -> float:
        return next(x for x, text in lines if text.startswith(start))

    def left_edge(first: str, until: str) -> float:
        """The left edge of a paragraph: its lines after the first (no first-line indent)."""
        i = next(i for i, (_, text) in enumerate(lines) if text.startswith(first))
        j = next(j for j, (_, text) in enumerate(lines) if text.startswith(until))
        assert j - i >= 2, "the paragraph must wrap"
        return min(x for x, _ in lines[i + 1:j])

    body = left_edge("正文第一段", "正文清单第一项")
    quote = left_edge("引文第一段", "引文清单第一项")
    assert quote - body > 15  # the quote is indented
    step = quote - body
    for body_item, quoted_item in [("正文清单第一项", "引文清单第一项"),
                                   ("正文清单下一级", "引文清单下一级"),
                                   ("正文清单第二项的补充段落", "引文清单第二项的补充段落")]:
        assert abs((x(quoted_item) - x(body_item)) - step) < 0.5, quoted_item
    assert x("正文清单下一级") > x("正文清单第一项") + 15
    inner = left_edge("引文里的引文", "正文最后一段")  # a quote in a quote: indented again
    assert abs(inner - (quote + step)) < 0.5


# -- EPUB: the nesting a reading system indents by -------------------------------------------


def test_epub_a_list_in_a_quote_is_nested_in_it() -> None:
    with zipfile.ZipFile(io.BytesIO(render("epub"))) as z:
        root = etree.fromstring(z.read("EPUB/article.xhtml"))
        css = z.read("EPUB/style.css").decode()
    quote = root.find(".//x:section/x:blockquote", XHTML)
    items = quote.findall("x:ul/x:li", XHTML)

    def text(el: etree._Element | None) -> str:  # a paragraph's end may be a nobr span
        return "".join(el.itertext()) if el is not None else ""

    assert [text(li.find("x:p", XHTML)) for li in items] == ["引文清单第一项", "引文清单第二项"]
    assert text(items[1].find("x:ol/x:li/x:p", XHTML)) == "引文清单下一级"
    assert text(quote.find("x:blockquote/x:p", XHTML)) == "引文里的引文。" * 8
    # The stylesheet indents both, so the nesting adds up.
    assert "blockquote { margin: 0.8em 2em" in css and "ul, ol { margin: 0.5em 0 0.5em 2em" in css


def test_docx_a_list_in_a_quote_is_set_in_the_quote_grey() -> None:
    with zipfile.ZipFile(io.BytesIO(render("docx"))) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))

    def color(style_id: str) -> str | None:
        """The text colour a paragraph style gives, through its basedOn chain."""
        while style_id:
            style = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == style_id)
            found = style.find(f"{W}rPr/{W}color")
            if found is not None:
                return found.get(f"{W}val")
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else ""
        return None

    by_text = {"".join(p.itertext()): p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
               for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle") is not None}
    quote_grey = color(by_text["引文第一段，说明下面的三件事情。" * 4])
    assert quote_grey is not None
    for item in ("引文清单第一项", "引文清单下一级", "引文清单第二项的补充段落"):
        assert color(by_text[item]) == quote_grey, item
    assert color(by_text["正文清单第一项"]) != quote_grey  # a list in the body stays black
