"""What the HTML and Markdown readers share: nodes with structure -> Document.

Both readers turn their input into model nodes (headings, paragraphs with
inlines, lists, quotes, tables, figures) and a little metadata from the
markup (a page's og:title, a note's front matter). This module finishes the
job the same way for both:

- images: a local file is kept as a path relative to the input file; a
  remote one keeps its URL and is listed in one warning (we never fetch);
- the text recogniser (convert.recognise) reads the paragraphs' text, so a
  Chinese byline, dateline, source, editor line or rights notice is found
  as in a text article and leaves the body;
- punctuation is restored as for text, and the language detected.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from convert.language import detect_language
from convert.model import (
    Author,
    Block,
    Document,
    Figure,
    Inline,
    Meta,
    Node,
    Text,
)
from convert.reader import ReadOptions, _punctuation_fixer  # the text reader's one rule
from convert.recognise import recognise
from convert.titleblock import split_site_suffix

MAX_LISTED_IMAGES = 8  # a warning names this many remote images, then counts the rest


@dataclass
class Found:
    """What a reader found in the markup itself (None: not given)."""

    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    language: str | None = None
    base_url: str | None = None  # the page's own address: relative links resolve against it
    site: str | None = None  # the site's name, to strip from the headline


class Images:
    """Resolves image sources for one input and remembers the remote ones."""

    def __init__(self, folder: Path | None, base_url: str | None) -> None:
        self.folder = folder
        self.base_url = base_url
        self.remote: list[tuple[str, str]] = []
        self.missing: list[str] = []

    def figure(self, src: str, alt: str, caption: tuple[Inline, ...] = ()) -> Figure | None:
        src = src.strip()
        if not src:
            return None
        scheme = urlsplit(src).scheme.lower()
        if scheme in ("http", "https", "ftp") or src.startswith("//"):
            url = urljoin(self.base_url or "https:", src) if src.startswith("//") else src
            self.remote.append((url, alt))
            return Figure(url, alt, caption)
        if scheme == "data":
            self.remote.append(("an inline data: image", alt))
            return None  # nothing to point at: the alt text stays in the warning
        if scheme == "file":
            src = urlsplit(src).path
        local = unquote(src.split("#", 1)[0].split("?", 1)[0])
        if self.folder is not None and local and not scheme:
            path = (self.folder / local.lstrip("/")) if local.startswith("/") else (
                self.folder / local
            )
            if path.is_file():
                return Figure(Path(local).as_posix(), alt, caption)
        if self.base_url and not scheme:
            url = urljoin(self.base_url, src)
            self.remote.append((url, alt))
            return Figure(url, alt, caption)
        self.missing.append(local or src)
        return Figure(local or src, alt, caption)

    def warnings(self) -> list[str]:
        out = []
        if self.remote:
            listed = "; ".join(
                f"{url} ({alt})" if alt else url for url, alt in self.remote[:MAX_LISTED_IMAGES]
            )
            more = len(self.remote) - MAX_LISTED_IMAGES
            tail = f"; and {more} more" if more > 0 else ""
            n = len(self.remote)
            out.append(
                f"{n} remote image{'s' if n > 1 else ''} not fetched (convert stays offline): "
                f"{listed}{tail}"
            )
        if self.missing:
            out.append("image file not found next to the input: " + "; ".join(self.missing[:8]))
        return out


def link_target(href: str, base_url: str | None) -> str | None:
    """An absolute link target, or None for links that lead nowhere in a document."""
    href = href.strip()
    if not href or href.startswith("#") or re.match(r"(?i)(javascript|vbscript|data):", href):
        return None
    return urljoin(base_url, href) if base_url else href


def clean_title(title: str, site: str | None = None) -> str:
    """A headline without the site's name: `标题_新闻中心_某某网`, `Title | Site`."""
    title = re.sub(r"\s+", " ", title).strip()
    if site and site.strip() and title.endswith(site.strip()):
        head = title[: -len(site.strip())].rstrip(" _-|｜—–·:：")
        if head:
            title = head
    head, _site = split_site_suffix(title)
    title = head
    # Portal chains: `标题_新闻中心_某某网`, `标题_滚动新闻_某某网`: underscores never
    # belong to a Chinese headline, so everything from the first one is the site's.
    if "_" in title and re.search(r"[\u4e00-\u9fff]", title):
        first = title.split("_", 1)[0].strip()
        if len(first) >= 4:
            title = first
    m = re.match(r"^(.{8,}?)\s+[|｜]\s+[^|｜]{1,40}$", title)
    return m.group(1).strip() if m else title


def trim_inlines(inlines: tuple[Inline, ...], start: int, end: int) -> tuple[Inline, ...]:
    """The inlines covering plain-text characters [start, end): the recogniser took a
    dateline or byline off the front of a paragraph; keep the rest's emphasis and links."""
    out: list[Inline] = []
    pos = 0
    for inline in inlines:
        text = inline.text
        a, b = pos, pos + len(text)
        pos = b
        if b <= start or a >= end:
            continue
        if a >= start and b <= end:
            out.append(inline)
        elif isinstance(inline, Text):
            out.append(Text(text[max(start - a, 0) : end - a]))
        elif hasattr(inline, "inlines"):
            inner = trim_inlines(inline.inlines, max(start - a, 0), end - a)  # type: ignore[attr-defined]
            out.append(replace(inline, inlines=inner))  # type: ignore[type-var]
        else:
            out.append(Text(text[max(start - a, 0) : end - a]))
    return tuple(out)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def finish(
    nodes: list[Node],
    found: Found,
    options: ReadOptions,
    *,
    encoding: str = "utf-8",
    confidence: float | None = None,
    warnings: list[str] | None = None,
    dropped: list[str] | None = None,
) -> Document:
    """Nodes and markup metadata -> Document, with the recogniser's findings."""
    warnings = list(warnings or [])
    dropped = list(dropped or [])
    title = clean_title(found.title, found.site) if found.title else ""
    if nodes and isinstance(nodes[0], Block) and nodes[0].type == "heading" and (
        not title or nodes[0].level == 1 or _norm(nodes[0].text) == _norm(title)
    ):
        # The article's own headline (an <h1>, a `# Title`) is the title, not a heading;
        # it is cleaner than a <title> that carries the site's name.
        first = nodes.pop(0)
        title = clean_title(first.text, found.site) or title

    texts = [n.text for n in nodes if isinstance(n, Block) and n.type in ("paragraph", "heading")]
    units = ([title] if title else []) + [t for t in texts if t.strip()]
    r = recognise(units, keep_boilerplate=options.keep_boilerplate) if units else None

    body: list[Node] = []
    rights: list[str] = []
    if r is None:
        body = nodes
    else:
        title = title or r.title
        kept = Counter(_norm(b.text) for b in r.blocks)
        trimmed = [b.text for b in r.blocks]
        rights_set = {_norm(t) for t in r.rights}
        dropped_set = {_norm(t) for t in r.dropped}
        for node in nodes:
            if not (isinstance(node, Block) and node.type in ("paragraph", "heading")):
                body.append(node)
                continue
            key = _norm(node.text)
            if kept[key] > 0:
                kept[key] -= 1
                body.append(node)
            elif key in rights_set:
                rights.append(node.text.strip())
            elif key in dropped_set or not key:
                dropped.append(node.text)
            else:
                part = next((t for t in trimmed if len(_norm(t)) >= 2 and t in node.text), None)
                if part is None:
                    continue  # a byline, dateline, source or editor line: now in the meta
                start = node.text.index(part)
                kept[_norm(part)] -= 1
                if node.inlines:
                    body.append(Block(node.type, "", node.level,
                                      trim_inlines(node.inlines, start, start + len(part))))
                else:
                    body.append(replace(node, text=part))
        rights += [t for t in r.rights if t.strip() not in rights]
        warnings += r.warnings

    body_text = "\n".join(n.text for n in body[:200])
    language = found.language or detect_language(title + "\n" + body_text)
    authors: tuple[Author, ...] = tuple(r.authors) if r and r.authors else tuple(
        Author(a, None) for a in found.authors
    )
    meta = Meta(
        title=title,
        subtitle=r.subtitle if r else None,
        source=(r.source if r and r.source else None) or found.source,
        published=found.published or (r.published if r else None),
        authors=authors,
        editors=tuple(r.editors) if r else (),
        dateline=r.dateline if r else None,
        kicker=r.kicker if r else None,
        language=language,
        encoding=encoding,
        encoding_confidence=confidence,
    )
    doc = Document(meta, tuple(body), tuple(rights), tuple(dropped), tuple(warnings))
    fix = _punctuation_fixer(language, options)
    return doc if fix is str else doc.map_text(fix, literal=False)
