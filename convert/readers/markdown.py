"""Markdown notes and posts (.md, .markdown) -> Document.

CommonMark with tables (markdown-it-py) and YAML front matter (PyYAML's safe
loader: title, date, author/authors, source, lang). Two changes for Chinese,
each the complaint users raise against every Markdown tool:

- a soft line break beside CJK text joins without a space (a hard-wrapped
  Chinese paragraph has no spaces in it; the text reader's rule for wrapped
  lines, convert.normalise.join_wrapped);
- emphasis next to full-width punctuation is recognised where strict
  CommonMark's flanking rules refuse it: in `这是**“重点”**，然后` the opening
  `**` follows a letter and precedes a punctuation mark, so CommonMark does
  not let it open. We treat a CJK character outside the delimiter like the
  whitespace a Western text would have there (the rule of the
  markdown-cjk-friendly proposal), by scanning delimiters in a subclass of
  markdown-it-py's inline state for our parser only.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from convert import regex_cache
from convert.charclass import is_cjk
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
    plain,
    preformatted,
    rule,
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
MAX_BYTES = 16 * 1024 * 1024
MAX_FRONT_MATTER = 64 * 1024  # YAML aliases can expand; a real front matter is a few lines
_QUOTES = "“”‘’"  # curly quotes sit between Chinese characters as often as 「」 do
_LOOKS_HTML = regex_cache.compile(r"^\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)
MAX_NESTING = 20  # quote and list levels; markdown-it drops what lies deeper than its limit
_MARKER = r"(?:[>*+-]|\d{1,9}[.)])[ \t]*"  # a quote or list marker opening a line
_DEEP = regex_cache.compile(rf"^([ \t]*(?:{_MARKER}){{{MAX_NESTING}}})(?:{_MARKER})+", re.MULTILINE)
_LANG = regex_cache.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def _cjkish(ch: str) -> bool:
    return bool(ch) and (is_cjk(ch) or ch in _QUOTES)


class _CjkInline(StateInline):
    """Delimiter runs flank CJK text as they flank spaces in Western text."""

    def scanDelims(self, start: int, canSplitWord: bool) -> Scanned:
        pos, maximum, marker = start, self.posMax, self.src[start]
        last = self.src[start - 1] if start > 0 else " "
        while pos < maximum and self.src[pos] == marker:
            pos += 1
        count = pos - start
        nxt = self.src[pos] if pos < maximum else " "
        last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
        next_punct = isMdAsciiPunct(ord(nxt)) or isPunctChar(nxt)
        last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(nxt))
        # The relaxation: a CJK character outside the run counts as whitespace would.
        last_open = last_space or last_punct or _cjkish(last)
        next_close = next_space or next_punct or _cjkish(nxt)
        left = not next_space and (not next_punct or last_open)
        right = not last_space and (not last_punct or next_close)
        can_open = left and (canSplitWord or not right or last_punct or _cjkish(last))
        can_close = right and (canSplitWord or not left or next_punct or _cjkish(nxt))
        return Scanned(can_open, can_close, count)


def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": 40}).enable("table").use(front_matter_plugin)

    def parse(self: Any, src: str, md_: MarkdownIt, env: Any, tokens: list[Token]) -> Any:
        state = _CjkInline(src, md_, env, tokens)
        self.tokenize(state)
        for rule_ in self.ruler2.getRules(""):
            rule_(state)
        return state.tokens

    md.inline.parse = types.MethodType(parse, md.inline)  # this parser only, not the class
    return md


# -- front matter -------------------------------------------------------------------------


def front_matter(content: str, warnings: list[str]) -> Found:
    found = Found()
    if len(content) > MAX_FRONT_MATTER:
        warnings.append("front matter longer than 64 KB: ignored")
        return found
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        warnings.append(f"front matter is not valid YAML{line}: ignored")
        return found
    except RecursionError:
        warnings.append("front matter nested too deeply: ignored")
        return found
    if not isinstance(data, dict):
        return found
    data = {str(k).lower(): v for k, v in data.items()}
    found.title = _scalar(data.get("title"))
    found.title_given = found.title is not None
    found.subtitle = _scalar(data.get("subtitle"))
    date = data.get("date") or data.get("published")
    if isinstance(date, dt.datetime):
        found.published = date.replace(tzinfo=None).isoformat(timespec="minutes")
    elif isinstance(date, dt.date):
        found.published = date.isoformat()
    elif date is not None:
        from convert.dates import parse_date

        found.published = parse_date(str(date))
    authors = data.get("authors", data.get("author"))
    items = authors if isinstance(authors, list) else [authors]
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str | int) and str(name).strip():
            found.authors.append(str(name).strip())
    found.source = _scalar(data.get("source"))
    lang = _scalar(data.get("lang") or data.get("language"))
    if lang and _LANG.match(lang):
        found.language = lang
    return found


def _scalar(value: Any) -> str | None:
    if isinstance(value, str | int | float) and str(value).strip():
        return str(value).strip()
    return None


# -- tokens -> nodes ----------------------------------------------------------------------


class _Builder:
    def __init__(self, images: Images, options: ReadOptions) -> None:
        self.images = images
        self.options = options
        self.html_nodes: list[Node] = []

    def blocks(self, tokens: list[Token], i: int, stop: str | None) -> tuple[list[Node], int]:
        """Nodes from tokens[i:] up to the closing token `stop`; returns (nodes, index after)."""
        out: list[Node] = []
        while i < len(tokens):
            tok = tokens[i]
            if stop and tok.type == stop:
                return out, i + 1
            t = tok.type
            if t == "heading_open":
                level = int(tok.tag[1])
                inlines = self.inlines(tokens[i + 1].children or [])
                if plain(inlines).strip():
                    out.append(Block("heading", "", level, inlines))
                i += 3
            elif t == "paragraph_open":
                out.extend(self.paragraph(tokens[i + 1].children or []))
                i += 3
            elif t in ("bullet_list_open", "ordered_list_open"):
                items: list[tuple[Node, ...]] = []
                start = int(tok.attrGet("start") or 1) if t == "ordered_list_open" else 1
                close = t.replace("_open", "_close")
                i += 1
                while tokens[i].type != close:
                    item, i = self.blocks(tokens, i + 1, "list_item_close")
                    items.append(tuple(item))
                out.append(ListBlock(tuple(items), t == "ordered_list_open", max(start, 0)))
                i += 1
            elif t == "blockquote_open":
                inner, i = self.blocks(tokens, i + 1, "blockquote_close")
                if inner:
                    out.append(Quote(tuple(inner)))
            elif t in ("fence", "code_block"):
                if tok.content.strip():
                    out.append(preformatted(tok.content.rstrip("\n")))
                i += 1
            elif t == "hr":
                out.append(rule())
                i += 1
            elif t == "table_open":
                table, i = self.table(tokens, i + 1)
                out.append(table)
            elif t == "html_block":
                out.extend(self.html(tok.content))
                i += 1
            else:
                i += 1  # front matter, and closers of blocks we do not model
        return out, i

    def paragraph(self, children: list[Token]) -> list[Node]:
        """A paragraph; an image on its own makes a figure (its title is the caption)."""
        figures: list[Node] = []
        inlines = self.inlines(children, figures)
        out: list[Node] = []
        if plain(inlines).strip():
            out.append(Block("paragraph", "", None, inlines))
        return out + figures

    def table(self, tokens: list[Token], i: int) -> tuple[Table, int]:
        head: list[tuple[Cell, ...]] = []
        body: list[tuple[Cell, ...]] = []
        section = head
        row: list[Cell] = []
        align: list[str] = []  # from the header cells' `style="text-align:right"` (`|---:|`)
        while tokens[i].type != "table_close":
            t = tokens[i].type
            if t == "tbody_open":
                section = body
            elif t == "tr_open":
                row = []
            elif t == "tr_close":
                section.append(tuple(row))
            elif t == "th_open":
                style = str(tokens[i].attrs.get("style", ""))
                align.append(style.removeprefix("text-align:") if style else "")
            elif t == "inline":
                row.append(Cell(self.inlines(tokens[i].children or [])))
            i += 1
        return Table(tuple(head), tuple(body), tuple(align) if any(align) else ()), i + 1

    def html(self, content: str) -> list[Node]:
        """An HTML block: its text and structure through the HTML reader's converter."""
        from lxml import html as lxml_html

        from convert.readers.html import _Builder as HtmlBuilder
        from convert.readers.html import raw_to_tei

        try:
            fragment = lxml_html.fragment_fromstring(content, create_parent="div")
        except Exception:  # lxml raises several kinds for broken fragments
            return []
        builder = HtmlBuilder(self.images, self.images.base_url)
        return [n for n in builder.blocks(raw_to_tei(fragment)) if n.text.strip() or
                isinstance(n, Figure)]

    def inlines(self, children: list[Token], figures: list[Node] | None = None
                ) -> tuple[Inline, ...]:
        stack: list[tuple[str, list[Inline], Token | None]] = [("root", [], None)]
        for n, tok in enumerate(children):
            t, top = tok.type, stack[-1][1]
            if t == "text":
                top.append(Text(tok.content))
            elif t == "softbreak":
                before = _last_char(stack)
                after = _next_char(children, n + 1)
                # The text reader's rule for a wrapped line: no space beside CJK text.
                top.append(Text(join_wrapped(before or "a", after or "a")[1:-1]))
            elif t == "hardbreak":
                top.append(LineBreak())
            elif t == "code_inline":
                top.append(Code(tok.content))
            elif t in ("em_open", "strong_open", "link_open"):
                stack.append((t, [], tok))
            elif t in ("em_close", "strong_close", "link_close") and len(stack) > 1:
                kind, inner, opener = stack.pop()
                merged = _merge(inner)
                if kind == "em_open":
                    node: Inline = Emphasis(merged)
                elif kind == "strong_open":
                    node = Strong(merged)
                else:
                    href = link_target(str(opener.attrGet("href") or ""), self.images.base_url)
                    title = opener.attrGet("title") if opener else None
                    node = Link(merged, href, str(title) if title else None) if href else \
                        Text(plain(merged))
                stack[-1][1].append(node)
            elif t == "image":
                alt = "".join(c.content for c in tok.children or [])
                title = tok.attrGet("title")
                fig = self.images.figure(str(tok.attrGet("src") or ""), alt,
                                         (Text(str(title)),) if title else ())
                if fig is not None and figures is not None:
                    figures.append(fig)
                elif fig is not None:
                    top.append(Text(alt))
            elif t == "html_inline":
                continue  # <span>, <br>… : the text around it stays
        while len(stack) > 1:  # unbalanced (cannot happen with markdown-it, but be safe)
            _kind, inner, _tok = stack.pop()
            stack[-1][1].extend(inner)
        return _strip(_merge(stack[0][1]))


def _last_char(stack: list[tuple[str, list[Inline], Token | None]]) -> str:
    for _kind, inlines, _tok in reversed(stack):
        text = plain(inlines)
        if text:
            return text[-1]
    return ""


def _next_char(children: list[Token], start: int) -> str:
    for tok in children[start:]:
        if tok.type in ("text", "code_inline") and tok.content:
            return tok.content[0]
        if tok.type in ("softbreak", "hardbreak", "image"):
            return ""
    return ""


def _merge(inlines: list[Inline]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for inline in inlines:
        if isinstance(inline, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + inline.text)
        elif not (isinstance(inline, Text) and not inline.text):
            out.append(inline)
    return tuple(out)


def _strip(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    items = list(inlines)
    if items and isinstance(items[0], Text):
        items[0] = Text(items[0].text.lstrip())
    if items and isinstance(items[-1], Text):
        items[-1] = Text(items[-1].text.rstrip())
    return tuple(i for i in items if not (isinstance(i, Text) and not i.text))


# -- reading ------------------------------------------------------------------------------


def read(path: Path, options: ReadOptions = DEFAULTS) -> Document:
    data = read_source(Path(path), MAX_BYTES, "a Markdown file")
    return read_bytes(data, options, base=str(Path(path).parent))


def read_bytes(data: bytes, options: ReadOptions = DEFAULTS, *, base: str | None = None
               ) -> Document:
    """A Markdown file's bytes; `base` is the folder or URL prefix its relative images
    are in (None for standard input)."""
    from convert.decode import decode

    check_size(data, MAX_BYTES, "a Markdown file")
    decoded = decode(data, options.encoding)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if _LOOKS_HTML.match(text):
        from convert.readers.html import read_html

        doc = read_html(text, options, base=base, encoding=decoded.encoding,
                        confidence=decoded.confidence, warnings=list(decoded.warnings))
        return doc.with_warnings("this Markdown file is an HTML page: read as HTML")
    return read_markdown(text, options, base=base, encoding=decoded.encoding,
                         confidence=decoded.confidence, warnings=list(decoded.warnings))


def read_markdown(
    text: str,
    options: ReadOptions = DEFAULTS,
    *,
    base: str | None = None,
    encoding: str = "utf-8",
    confidence: float | None = None,
    warnings: list[str] | None = None,
) -> Document:
    warnings = list(warnings or [])
    text, deep = _DEEP.subn(r"\1", text)
    if deep:
        warnings.append(f"quotes or lists nested deeper than {MAX_NESTING} levels flattened")
    try:
        tokens = parser().parse(text)
    except RecursionError:
        raise InputError("Markdown nested too deeply to read") from None
    found = Found()
    for tok in tokens[:1]:
        if tok.type == "front_matter":
            found = front_matter(tok.content, warnings)
    images = Images(base, None)
    nodes, _ = _Builder(images, options).blocks(tokens, 0, None)
    if not nodes and not found.title:
        raise InputError("no text (the Markdown file holds no paragraphs or headings)")
    doc = finish(nodes, found, options, encoding=encoding, confidence=confidence,
                 warnings=warnings)
    return doc.with_warnings(*images.warnings())


READER = Reader(
    name="markdown",
    extensions=(".md", ".markdown"),
    read=read,
    read_bytes=read_bytes,
    takes_base=True,
    description="Markdown (CommonMark, tables, YAML front matter), Chinese-aware",
)
