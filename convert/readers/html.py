"""Saved web pages (.html, .htm, .xhtml) -> Document: the article, not the page.

1. Charset: a byte-order mark; else the page's own declaration (<meta charset>,
   http-equiv, <?xml encoding?>) checked against the bytes, since pages lie;
   else detection (convert.decode). GBK/GB2312 read as gb18030, Big5 as big5hkscs.
2. Main content: trafilatura (the strongest extractor on the published
   benchmarks; it carries its own readability and jusText fallbacks) gives the
   article as TEI-like XML with headings, lists, quotes, tables, images, links
   and emphasis. With --keep-boilerplate the whole <body> is converted instead.
3. Metadata from the page (og:title, article:published_time, JSON-LD
   NewsArticle, <meta name=author>), then the text recogniser over the
   paragraphs (convert.readers.structure) for Chinese bylines, datelines,
   sources, editors and rights.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from convert import regex_cache
from convert.decode import decode, plausibility
from convert.errors import InputError
from convert.model import (
    Block,
    Cell,
    Code,
    Document,
    Emphasis,
    Figure,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Node,
    Quote,
    Strong,
    Table,
    Text,
    paragraph,
    plain,
)
from convert.normalise import join_wrapped
from convert.read_options import ReadOptions
from convert.readers.base import Reader
from convert.readers.structure import (
    Found,
    Images,
    check_size,
    finish,
    link_target,
    read_source,
)

DEFAULTS = ReadOptions()
MAX_BYTES = 32 * 1024 * 1024  # larger than any article page; trafilatura refuses 20 MB anyway
MAX_DEPTH = 120  # deeper markup is flattened to its text rather than recursed into
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32's start alike
_DECLARED_WINDOW = 4096  # browsers look for <meta charset> within the first 1024 bytes
# WHATWG's encoding labels -> the codec that decodes what such pages really hold.
_SUPERSET = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "chinese": "gb18030", "csgb2312": "gb18030", "gb_2312-80": "gb18030",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "x-x-big5": "big5hkscs",
    "cn-big5": "big5hkscs", "cp950": "big5hkscs",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
    "shift_jis": "cp932", "euc-kr": "cp949", "utf8": "utf-8",
}
_META_CHARSET = regex_cache.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = regex_cache.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_MARKUP = regex_cache.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|br|h[1-6]|article|table)\b",
                     re.IGNORECASE)
_SAVED_FROM = regex_cache.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_DATA_URI = regex_cache.compile(r"data:[a-zA-Z0-9.+/-]*;base64,[A-Za-z0-9+/=\s]{256,}")
_NEWS_TYPES = {"newsarticle", "article", "blogposting", "reportagenewsarticle", "webpage"}

# trafilatura, htmldate and courlan log what they could not do; the warnings go on the model.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


# -- charset ------------------------------------------------------------------------------


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares for itself, as a Python codec name (None: none/unknown)."""
    head = data[:_DECLARED_WINDOW]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if m is None:
        return None
    label = m.group(1).decode("ascii", "replace").lower()
    label = _SUPERSET.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_page(data: bytes, forced: str | None = None) -> tuple[str, str, float | None, list[str]]:
    """(text, codec, confidence, warnings): BOM, then the declaration checked, then detection."""
    detected = decode(data, forced)  # refuses binary and empty input with a one-line reason
    as_detected = (detected.text, detected.encoding, detected.confidence, list(detected.warnings))
    if forced or data.startswith(_BOMS):
        return as_detected
    declared = declared_charset(data)
    if declared is None or codecs.lookup(declared).name == codecs.lookup(detected.encoding).name:
        return as_detected
    if detected.encoding == "utf-8" and not data.isascii():
        # Legacy bytes almost never form valid UTF-8: a page re-saved by an editor in UTF-8
        # that still declares GB2312 is UTF-8.
        return (*as_detected[:3], [*detected.warnings,
                f"the page declares charset {declared} but its bytes are UTF-8: read as UTF-8"])
    try:
        text = data.decode(declared)
    except UnicodeDecodeError:
        return detected.text, detected.encoding, detected.confidence, [
            *detected.warnings,
            f"the page declares charset {declared} but its bytes are not {declared}: "
            f"read as {detected.encoding}",
        ]
    # A legacy codec decodes many foreign bytes without error (Big5 bytes are mostly
    # valid GBK): believe the declaration unless the detected reading is clearly better.
    if plausibility(_visible(detected.text)) > plausibility(_visible(text)) + 0.15:
        return detected.text, detected.encoding, detected.confidence, [
            *detected.warnings,
            f"the page declares charset {declared} but reads as {detected.encoding}",
        ]
    return text, declared, 0.95, []


def _visible(text: str) -> str:
    """Roughly the text a reader sees (tags out, one linear pass over a bounded sample),
    so ASCII markup does not drown the evidence of the decoded characters."""
    return re.sub(r"<[^<>]*>", " ", text[:200_000])


# -- page metadata ------------------------------------------------------------------------


def page_metadata(tree: Any, text: str) -> Found:
    found = Found()

    def meta(*names: str) -> str | None:
        for name in names:
            for attr in ("property", "name", "itemprop"):
                hits = tree.xpath(f"//meta[translate(@{attr},'ABCDEFGHIJKLMNOPQRSTUVWXYZ',"
                                  f"'abcdefghijklmnopqrstuvwxyz')='{name}']/@content")
                for hit in hits:
                    if str(hit).strip():
                        return str(hit).strip()
        return None

    ld = _json_ld(tree)
    found.title = meta("og:title", "twitter:title") or _str(ld.get("headline"))
    if not found.title:
        titles = tree.xpath("//title//text()")
        found.title = " ".join(str(t) for t in titles).strip() or None
    found.published = _date(
        meta("article:published_time", "datepublished", "pubdate", "publishdate",
             "og:release_date", "publish-date", "dc.date", "dc.date.issued")
        or _str(ld.get("datePublished"))
    )
    author = meta("author", "article:author", "dc.creator")
    names = _ld_names(ld.get("author"))
    if names:
        found.authors = names
    elif author and not author.startswith("http"):
        found.authors = [a.strip() for a in re.split(r"[,，、;；]|\band\b", author) if a.strip()]
    found.site = meta("og:site_name", "application-name")
    publisher = ld.get("publisher")
    found.source = (_ld_names(publisher) or [None])[0] or found.site
    found.header_lines = byline_elements(tree)
    # found.language stays None: the language is detected from the text, since pages keep
    # their template's `<html lang="en">` whatever they hold.
    base = tree.xpath("//base/@href")
    m = _SAVED_FROM.search(text[:4096])
    found.base_url = next(
        (u for u in (
            str(base[0]).strip() if base else None,
            meta("og:url"),
            next((str(h) for h in tree.xpath("//link[@rel='canonical']/@href")), None),
            m.group(1) if m else None,
        ) if u and re.match(r"(?i)https?://", u)),
        None,
    )
    return found


# Class or id names a page's template gives its byline element. Only the byline: the
# page's source and date come from its metadata, and a `source` element often names the
# site that republished the story rather than the agency that wrote it.
_BYLINE_CLASS = regex_cache.compile(r"(?i)byline|author|reporter|writer")
_BYLINE_MAX = 80  # characters: a byline, not an author's biography


def byline_elements(tree: Any) -> list[str]:
    """The short texts of the page's byline elements, in page order, each once (nested
    matches give the outermost): the extractor drops them from the article."""
    lines: list[str] = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "meta", "link"):
            continue
        if not _BYLINE_CLASS.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
            continue
        text = " ".join(el.text_content().split())
        if text and len(text) <= _BYLINE_MAX and not any(text in seen for seen in lines):
            lines.append(text)
    return lines[:4]


def _json_ld(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object of a news/article type (or {})."""
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(str(script))
        except (ValueError, RecursionError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(str(k).lower() in _NEWS_TYPES for k in kinds):
                return item
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack.extend(graph)
    return {}


def _ld_names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            names.append(name.strip())
    return names


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _date(value: str | None) -> str | None:
    from convert.dates import parse_date

    return parse_date(value) if value else None


# -- trafilatura's XML (or the raw page) -> model nodes -------------------------------------


class _Builder:
    """TEI-like XML (trafilatura's output vocabulary) -> model nodes."""

    def __init__(self, images: Images, base_url: str | None, hints: Hints | None = None
                 ) -> None:
        self.images = images
        self.base_url = base_url
        self.hints = hints or Hints()
        self.captions = self.hints.captions
        self.used_captions: set[str] = set()

    def blocks(self, parent: Any, depth: int = 0) -> list[Node]:
        out: list[Node] = []
        if depth > MAX_DEPTH:
            text = " ".join("".join(parent.itertext()).split())
            return [paragraph(text)] if text else []
        if parent.text and parent.tag in ("main", "quote", "item", "div"):
            out.extend(_lines(parent.text))
        for el in parent:
            tag = el.tag if isinstance(el.tag, str) else ""
            out.extend(self.block(el, tag, depth))
            tail = (el.tail or "").strip()
            if tail and parent.tag in ("main", "quote", "item", "div") and not (
                tag == "graphic" and " ".join(tail.split()) in self.used_captions
            ):
                out.extend(_lines(tail))
        return out

    def block(self, el: Any, tag: str, depth: int) -> list[Node]:
        if tag == "head":
            inlines = self.inlines(el, depth)
            if not plain(inlines).strip():
                return []
            rend = el.get("rend", "h2")
            n = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            return [Block("heading", "", 1 if n == 1 else max(2, n), _strip(inlines))]
        if tag == "p":
            return self.paragraphs(el, depth)
        if tag == "list":
            return [self.list_block(el, depth)]
        if tag in ("quote", "code"):
            literal = self.hints.pre.get(_squash("".join(el.itertext())))
            if literal is not None:  # a <pre> the extractor flattened: its lines come back
                return [Block("preformatted", literal)]
        if tag == "quote":
            inner = self.blocks(el, depth + 1) if len(el) and any(
                c.tag in ("p", "list", "quote", "table", "head") for c in el
            ) else self.paragraphs(el, depth)
            return [Quote(tuple(inner))] if inner else []
        if tag == "table":
            return self.table(el, depth)
        if tag == "graphic":
            fig = self.figure(el)
            return [fig] if fig else []
        if tag == "code":
            return [Block("preformatted", "".join(el.itertext()).strip("\n"))]
        if tag in ("main", "div", "doc", "item"):
            return self.blocks(el, depth + 1)
        if tag in ("lb",):
            return []
        return self.paragraphs(el, depth)

    def paragraphs(self, el: Any, depth: int) -> list[Node]:
        """A <p>: its inlines; images inside it become figures after the text."""
        figures: list[Node] = []
        inlines = self.inlines(el, depth, figures)
        inlines = _strip(inlines)
        out: list[Node] = []
        if plain(inlines).strip():
            text = plain(inlines).strip()
            if figures and text in self.used_captions:
                inlines = ()  # a caption already set under its figure
            else:
                out.append(Block("paragraph", "", None, inlines))
        return out + figures

    def figure(self, el: Any) -> Figure | None:
        src = el.get("src", "")
        alt = (el.get("alt") or el.get("title") or "").strip()
        caption = self.captions.get(src, "")
        if caption:
            self.used_captions.add(caption)
        return self.images.figure(src, alt, (Text(caption),) if caption else ())

    def inlines(self, el: Any, depth: int, figures: list[Node] | None = None) -> tuple[Inline, ...]:
        out: list[Inline] = []
        if el.text:
            out.append(Text(el.text))
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if depth > MAX_DEPTH:
                out.append(Text("".join(child.itertext())))
            elif tag == "lb":
                out.append(LineBreak())
            elif tag == "hi":
                inner = self.inlines(child, depth + 1, figures)
                rend = child.get("rend", "")
                if rend in ("#b", "#strong"):
                    out.append(Strong(inner))
                elif rend in ("#i", "#em", "#u"):
                    out.append(Emphasis(inner))
                else:
                    out.extend(inner)
            elif tag == "ref":
                inner = self.inlines(child, depth + 1, figures)
                target = link_target(child.get("target", ""), self.base_url)
                out.append(Link(inner, target) if target and plain(inner).strip() else
                           Text(plain(inner)))
            elif tag == "code":
                out.append(Code("".join(child.itertext())))
            elif tag == "graphic":
                fig = self.figure(child)
                if fig is not None and figures is not None:
                    figures.append(fig)
            elif tag in ("list", "table", "quote", "p", "head") and figures is not None:
                figures.extend(self.block(child, tag, depth + 1))
            else:
                out.extend(self.inlines(child, depth + 1, figures))
            if child.tail:
                out.append(Text(child.tail))
        return _merge(out)

    def list_block(self, el: Any, depth: int) -> ListBlock:
        items: list[tuple[Node, ...]] = []
        for item in el:
            if item.tag != "item":
                continue
            blocks: list[Node] = []
            inline_part = _strip(self.inlines_only(item, depth))
            if plain(inline_part).strip():
                blocks.append(Block("paragraph", "", None, inline_part))
            for child in item:
                if child.tag in ("list", "table", "quote", "p", "graphic", "head"):
                    blocks.extend(self.block(child, child.tag, depth + 1))
            if blocks:
                items.append(tuple(blocks))
        ordered = el.get("rend", "ul") == "ol"
        start = self.hints.starts.get(_squash("".join(el.itertext())), 1) if ordered else 1
        return ListBlock(tuple(items), ordered, start)

    def inlines_only(self, item: Any, depth: int) -> tuple[Inline, ...]:
        """An item's own inline text, without the nested lists/blocks it holds."""
        out: list[Inline] = []
        if item.text:
            out.append(Text(item.text))
        for child in item:
            if child.tag in ("list", "table", "quote", "p", "graphic", "head"):
                pass
            else:
                holder = etree.Element("x")
                holder.append(_copy_without_tail(child))
                out.extend(self.inlines(holder, depth + 1))
            if child.tail:
                out.append(Text(child.tail))
        return _merge(out)

    def table(self, el: Any, depth: int) -> list[Node]:
        head: list[tuple[Cell, ...]] = []
        body: list[tuple[Cell, ...]] = []
        for row in el.iter("row"):
            cells = [c for c in row if c.tag == "cell"]
            if not cells:
                continue
            out = tuple(Cell(_strip(self.inlines(c, depth + 1))) for c in cells)
            is_head = all(c.get("role") == "head" for c in cells)
            (head if is_head and not body else body).append(out)
        if not head and not body:
            return []
        width = max(len(r) for r in head + body)
        pad = [tuple(r) + (Cell(),) * (width - len(r)) for r in head + body]
        return [Table(tuple(pad[: len(head)]), tuple(pad[len(head):]))]


def _lines(text: str) -> list[Node]:
    """Bare text in a container: a paragraph per line (the extractor keeps line ends)."""
    return [paragraph(" ".join(line.split())) for line in text.splitlines() if line.strip()]


def _copy_without_tail(el: Any) -> Any:
    import copy

    c = copy.deepcopy(el)
    c.tail = None
    return c


def _merge(inlines: list[Inline]) -> tuple[Inline, ...]:
    """Adjacent text runs joined, whitespace collapsed as a browser would."""
    out: list[Inline] = []
    for inline in inlines:
        if isinstance(inline, Text):
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + inline.text)
            elif inline.text:
                out.append(Text(inline.text))
        elif isinstance(inline, Emphasis | Strong) and not inline.text.strip():
            if inline.text:
                out.append(Text(" "))
        else:
            out.append(inline)
    return tuple(Text(_SPACE_RUN.sub(" ", i.text)) if isinstance(i, Text) else i for i in out)


_SPACE_RUN = regex_cache.compile(r"[ \t\r\n\f]+")


def _join_wrapped_source(text: str) -> str:
    """A line break in the page's source beside Chinese text joins without a space, as in
    a hard-wrapped text file (browsers show a space there; the extractor keeps it).
    <pre> blocks keep their lines."""

    def one(m: re.Match[str]) -> str:
        whole = m.string
        if m.start() == 0 or m.end() == len(whole):
            return m.group()
        joined = join_wrapped(whole[m.start() - 1], whole[m.end()])
        return m.group() if len(joined) > 2 else ""

    parts = re.split(r"(?is)(<pre\b.*?</pre>)", text)
    return "".join(p if i % 2 else _LINE_END.sub(one, p) for i, p in enumerate(parts))


# One line end and the blanks around it (a blank line stays: bare text in a page's body
# separates paragraphs with one). Starts only where a run of blanks starts, and never
# gives blanks back, so a megabyte of spaces is scanned once.
_LINE_END = regex_cache.compile(r"(?<![ \t])[ \t]*+\r?\n[ \t]*+(?![\r\n])")


def _strip(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """No leading or trailing whitespace or line breaks in a block's inlines."""
    items = list(inlines)
    while items and (isinstance(items[0], LineBreak) or
                     (isinstance(items[0], Text) and not items[0].text.strip())):
        items.pop(0)
    while items and (isinstance(items[-1], LineBreak) or
                     (isinstance(items[-1], Text) and not items[-1].text.strip())):
        items.pop()
    if items and isinstance(items[0], Text):
        items[0] = Text(items[0].text.lstrip())
    if items and isinstance(items[-1], Text):
        items[-1] = Text(items[-1].text.rstrip())
    return tuple(items)


# Raw HTML tags -> trafilatura's vocabulary, for --keep-boilerplate and Markdown's HTML blocks.
_RAW: dict[str, tuple[str, dict[str, str]]] = {
    **{f"h{n}": ("head", {"rend": f"h{n}"}) for n in range(1, 7)},
    "p": ("p", {}), "ul": ("list", {"rend": "ul"}), "ol": ("list", {"rend": "ol"}),
    "dl": ("list", {"rend": "ul"}), "li": ("item", {}), "dt": ("item", {}), "dd": ("item", {}),
    "blockquote": ("quote", {}), "pre": ("code", {}), "table": ("table", {}),
    "tr": ("row", {}), "td": ("cell", {}), "th": ("cell", {"role": "head"}),
    "b": ("hi", {"rend": "#b"}), "strong": ("hi", {"rend": "#b"}),
    "i": ("hi", {"rend": "#i"}), "em": ("hi", {"rend": "#i"}), "u": ("hi", {"rend": "#u"}),
    "a": ("ref", {}), "code": ("hi", {"rend": "#t"}), "br": ("lb", {}), "img": ("graphic", {}),
    "hr": ("lb", {}),
}
_BLOCKY = {"div", "section", "article", "main", "header", "footer", "nav", "aside", "figure",
           "body", "form", "center", "tbody", "thead", "tfoot", "figcaption", "details"}


def raw_to_tei(root: Any) -> Any:
    """A page's <body> renamed into trafilatura's vocabulary (scripts and styles out)."""
    doc = etree.Element("main")
    body = root.find(".//body") if root.tag != "body" else root
    source = body if body is not None else root
    for el in list(source.iter("script", "style", "noscript", "template", "iframe")):
        _drop_keep_tail(el)

    def convert(el: Any, depth: int) -> Any:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        name, attrs = _RAW.get(tag, ("div" if tag in _BLOCKY else "span", {}))
        if depth > MAX_DEPTH:
            out = etree.Element("p")
            out.text = "".join(el.itertext())
            out.tail = el.tail
            return out
        out = etree.Element(name, attrs)
        if tag == "a" and el.get("href"):
            out.set("target", el.get("href"))
        if tag == "img":
            out.set("src", el.get("src") or el.get("data-src") or "")
            out.set("alt", el.get("alt") or "")
        out.text = el.text
        for child in el:
            if isinstance(child.tag, str):
                out.append(convert(child, depth + 1))
            elif child.tail:  # a comment: keep the text after it
                out.text = (out.text or "") + child.tail if len(out) == 0 else out.text
                if len(out):
                    out[-1].tail = (out[-1].tail or "") + child.tail
        out.tail = el.tail
        return out

    converted = convert(source, 0)
    for el in converted.iter("span"):
        el.tag = "hi"  # no rend: its text only
    doc.append(converted)
    return doc


def _drop_keep_tail(el: Any) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


@dataclass
class Hints:
    """What the extractor drops that the page itself says, looked up by content."""

    captions: dict[str, str] = field(default_factory=dict)  # image src -> <figcaption>
    pre: dict[str, str] = field(default_factory=dict)  # squashed text -> a <pre>'s lines
    starts: dict[str, int] = field(default_factory=dict)  # squashed text -> <ol start>


def _squash(text: str) -> str:
    return "".join(text.split())


def page_hints(tree: Any) -> Hints:
    hints = Hints(captions=_figcaptions(tree))
    for pre in tree.iter("pre"):
        text = "".join(pre.itertext()).strip("\n")
        if _squash(text):
            hints.pre[_squash(text)] = text
    for ol in tree.iter("ol"):
        start = ol.get("start", "")
        if start.strip().isdigit() and int(start) != 1:
            hints.starts[_squash("".join(ol.itertext()))] = int(start)
    return hints


def _figcaptions(tree: Any) -> dict[str, str]:
    """Image source -> its <figcaption> (trafilatura keeps images but drops their captions)."""
    out: dict[str, str] = {}
    for fig in tree.iter("figure"):
        caption = fig.find(".//figcaption")
        img = fig.find(".//img")
        if caption is not None and img is not None:
            text = " ".join("".join(caption.itertext()).split())
            src = img.get("src") or img.get("data-src") or ""
            if text and src:
                out[src] = text
    return out


# -- reading ------------------------------------------------------------------------------


def read(path: Path, options: ReadOptions = DEFAULTS) -> Document:
    data = read_source(Path(path), MAX_BYTES, "a web page")
    return read_bytes(data, options, base=str(Path(path).parent))


def read_bytes(data: bytes, options: ReadOptions = DEFAULTS, *, base: str | None = None
               ) -> Document:
    """A page's bytes; `base` is the folder or URL prefix its relative images are in
    (None for standard input)."""
    check_size(data, MAX_BYTES, "a web page")
    text, codec, confidence, warnings = decode_page(data, options.encoding)
    return read_html(text, options, base=base, encoding=codec, confidence=confidence,
                     warnings=warnings)


def read_html(
    text: str,
    options: ReadOptions = DEFAULTS,
    *,
    base: str | None = None,
    encoding: str = "utf-8",
    confidence: float | None = None,
    warnings: list[str] | None = None,
) -> Document:
    """Decoded HTML -> Document (InputError, one line, when there is nothing to read)."""
    warnings = list(warnings or [])
    if not _MARKUP.search(text[:65536]):
        from convert.reader import read_text

        doc = read_text(text, options, encoding=encoding, confidence=confidence,
                        warnings=tuple(warnings))
        return doc.with_warnings("no HTML markup found: read as plain text")
    try:
        return _read_html(text, options, base, encoding, confidence, warnings)
    except RecursionError:
        raise InputError("markup nested too deeply to read") from None
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"unreadable HTML: {str(exc).splitlines()[0] if str(exc) else exc}") \
            from None


@cache
def _config() -> Any:
    """trafilatura's settings, but a short article is still an article: below 250
    characters its own extraction gives way to a fallback that flattens the structure into
    one paragraph, and a Chinese news brief says in 150 characters what English says in 500."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "50")
    return config


def _extract(trafilatura: Any, text: str, **mode: bool) -> Any:
    xml = trafilatura.extract(
        text, output_format="xml", include_images=True, include_links=True,
        include_formatting=True, include_tables=True, include_comments=False,
        deduplicate=False, with_metadata=False, config=_config(), **mode,
    )
    if not xml:
        return None
    return etree.fromstring(xml.encode("utf-8"), etree.XMLParser(huge_tree=False)).find("main")


def _key(node: Node) -> str:
    if isinstance(node, Figure):
        return "figure:" + node.src
    return "".join(node.text.split())


def _union(primary: list[Node], secondary: list[Node]) -> list[Node]:
    """primary's nodes, with each node only secondary has put back before the next node
    both share (a table the recall mode lost comes back in its place)."""
    shared = {_key(n) for n in primary}  # where secondary's extra nodes can be anchored
    seen = set(shared)
    out = list(primary)
    pending: list[Node] = []
    for node in secondary:
        key = _key(node)
        if key not in shared:
            if key and key not in seen:  # (a repeat of a pending node is no anchor)
                pending.append(node)
                seen.add(key)
            continue
        if pending:
            at = next(i for i, n in enumerate(out) if _key(n) == key)
            out[at:at] = pending
            pending = []
    return out + pending


def _read_html(
    text: str, options: ReadOptions, base: str | None, encoding: str,
    confidence: float | None, warnings: list[str],
) -> Document:
    import trafilatura

    # Inline images (`data:` URIs, as single-file savers write them) can make a page of text
    # tens of megabytes, beyond what the extractor accepts: the bytes of the picture go.
    text, inline_images = _DATA_URI.subn("data:,", text.replace("\x00", ""))
    if inline_images:
        warnings.append(f"{inline_images} inline image{'s' if inline_images > 1 else ''} "
                        "(data: URIs) not kept")
    # lxml refuses a str carrying an encoding declaration; the bytes are decoded already.
    cleaned = _join_wrapped_source(re.sub(r"^\s*<\?xml[^>]*\?>", "", text))
    parser = lxml_html.HTMLParser(huge_tree=False, remove_comments=False)
    tree = lxml_html.document_fromstring(cleaned, parser=parser)
    found = page_metadata(tree, text)
    images = Images(base, found.base_url)
    builder = _Builder(images, found.base_url, page_hints(tree))
    dropped: list[str] = []
    nodes: list[Node] = []
    if not options.keep_boilerplate:
        # trafilatura's two modes each lose something the other keeps (recall drops small
        # tables, the default drops figures, lists and subheadings): read both, merged.
        recall = _extract(trafilatura, cleaned, favor_recall=True)
        default = _extract(trafilatura, cleaned)
        nodes = _union(builder.blocks(recall) if recall is not None else [],
                       builder.blocks(default) if default is not None else [])
    if not nodes:
        if not options.keep_boilerplate:
            warnings.append("no article found by the extractor: the whole page is kept")
        nodes = builder.blocks(raw_to_tei(tree))
    nodes = [n for n in nodes if n.text.strip() or not isinstance(n, Block) or n.type == "rule"
             or isinstance(n, Figure)]
    if not any(n.text.strip() for n in nodes):
        what = "only its title" if found.title else "no article, no title"
        raise InputError(f"no text in the page ({what})")
    doc = finish(nodes, found, options, encoding=encoding, confidence=confidence,
                 warnings=warnings, dropped=dropped)
    return doc.with_warnings(*images.warnings())


READER = Reader(
    name="html",
    extensions=(".html", ".htm", ".xhtml", ".shtml"),
    read=read,
    read_bytes=read_bytes,
    takes_base=True,
    description="saved web pages: the article (trafilatura), its structure and metadata",
)
