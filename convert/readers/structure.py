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

import os
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from convert import regex_cache
from convert.errors import InputError
from convert.inputs import human, read_input
from convert.language import detect_language
from convert.model import (
    Author,
    Block,
    Document,
    Figure,
    Inline,
    Meta,
    Node,
    Strong,
    Text,
)
from convert.reader import ReadOptions, punctuation_fixer  # the text reader's one rule
from convert.recognise import heading_level, is_boilerplate, recognise
from convert.titleblock import split_site_suffix

MAX_LISTED_IMAGES = 8  # a warning names this many remote images, then counts the rest
# Image names of page furniture: share buttons, logos, icons, QR codes, spacers.
_FURNITURE_IMAGE = regex_cache.compile(
    r"(?i)(?:^|[/_.-])(?:share|icons?|logo|qrcode|qr|erweima|ewm|weixin|wechat|weibo|qzone|"
    r"facebook|twitter|linkedin|whatsapp|btn|button|spacer|pixel|blank|arrow|loading)"
    r"(?:[/_.-]|\d|$)"
)
# A site's footer in China: ICP licence, public-security filing, reporting hotline.
_SITE_FOOTER = regex_cache.compile(
    r"ICP[备证]|公网安备|网安备|许可证|不良信息举报|举报电话|举报中心")


@dataclass
class Found:
    """What a reader found in the markup itself (None: not given)."""

    title: str | None = None
    # The title was given by the author (Markdown front matter), not by a page template:
    # a first `# Heading` that differs from it stays a heading.
    title_given: bool = False
    subtitle: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    language: str | None = None
    base_url: str | None = None  # the page's own address: relative links resolve against it
    site: str | None = None  # the site's name, to strip from the headline
    # The texts of the page's byline elements (`<p class="byline">`), which the extractor
    # strips from the article: the recogniser reads them as header lines.
    header_lines: list[str] = field(default_factory=list)


class Images:
    """Resolves image sources for one input and remembers the remote ones.

    `base` is where the input's relative images are: a local folder (each is looked
    for), a URL prefix in an object store (kept: the writer reads it from there and
    says if it is missing), or None for standard input (kept, and named in a warning).
    """

    def __init__(self, base: str | None, base_url: str | None) -> None:
        from convert import storage

        self.folder = Path(base) if base is not None and not storage.is_url(base) else None
        self.stored = base is not None and self.folder is None
        self.base_url = base_url
        self.remote: list[tuple[str, str]] = []
        self.missing: list[str] = []
        self.unplaced: list[str] = []

    def figure(self, src: str, alt: str, caption: tuple[Inline, ...] = ()) -> Figure | None:
        src = src.strip()
        if not src or (not alt.strip() and not caption and _FURNITURE_IMAGE.search(src)):
            return None  # a share button, logo or tracking pixel, not a picture of the story
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
        elif self.stored and local and not scheme:
            return Figure(local, alt, caption)
        if self.base_url and not scheme:
            url = urljoin(self.base_url, src)
            self.remote.append((url, alt))
            return Figure(url, alt, caption)
        if self.folder is None and not self.stored and local and not scheme:
            self.unplaced.append(local)
        else:
            self.missing.append(local or src)
        return Figure(local or src, alt, caption)

    def warnings(self) -> list[str]:
        # Each image once, though a page's article may be converted twice (two extractions).
        self.remote = list(dict.fromkeys(self.remote))
        self.missing = list(dict.fromkeys(self.missing))
        self.unplaced = list(dict.fromkeys(self.unplaced))
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
        if self.unplaced:
            out.append("images with relative paths are not drawn from standard input (read "
                       "the file itself to embed them): " + "; ".join(self.unplaced[:8]))
        return out


def read_source(path: Path, limit: int, what: str) -> bytes:
    """The file's bytes: a regular file only (convert.inputs), at most `limit` of them."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    _refuse_size(size, limit, what)
    return read_input(path, limit)


def check_size(data: bytes, limit: int, what: str) -> None:
    """Bytes already read (standard input, an object store) obey the file's limit."""
    _refuse_size(len(data), limit, what)


def _refuse_size(size: int, limit: int, what: str) -> None:
    if size > limit:
        raise InputError(f"too large for {what} ({human(size)}; the limit is {human(limit)})")


def link_target(href: str, base_url: str | None) -> str | None:
    """An absolute link target, or None for links that lead nowhere in a document."""
    href = href.strip()
    if not href or href.startswith("#") or re.match(r"(?i)(javascript|vbscript|data):", href):
        return None
    return urljoin(base_url, href) if base_url else href


# ` - `, ` | `, `_`, and a bare hyphen after Chinese text (`标题-新华网`).
_TITLE_SEPARATOR = regex_cache.compile(r"\s+[-|｜–—·]\s+|\s*[|｜_]\s*|(?<=[\u4e00-\u9fff])[-－—]")


def clean_title(title: str, *sites: str | None) -> str:
    """A headline without the site's name: `标题_新闻中心_某某网`, `Title | Site`,
    `标题 - BBC中文网 - 两岸三地`. `sites` are the names the page gives itself."""
    title = re.sub(r"\s+", " ", title).strip()
    names = [n.strip() for n in sites if n and n.strip()]
    han = re.search(r"[\u4e00-\u9fff]", title) is not None
    for sep in _TITLE_SEPARATOR.finditer(title):
        head = title[: sep.start()].strip()
        if len(head) < 4:
            continue
        following = _TITLE_SEPARATOR.split(title[sep.end():], maxsplit=1)[0].strip()
        if (
            (han and sep.group().strip() == "_")  # underscores never belong to a Chinese headline
            or any(n in following or following in n for n in names if following)
            or split_site_suffix(f"{head} | {following}")[1] is not None
        ):
            return head
    m = re.match(r"^(.{8,}?)\s+[|｜]\s+[^|｜]{1,40}$", title)  # `Title | Anything short`
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


def _bold_subheadings(nodes: list[Node]) -> list[Node]:
    """A paragraph that is all bold and that the text reader would call a subheading
    (short, unpunctuated, between paragraphs: convert.recognise.heading_level) is one:
    Chinese CMS pages mark subheadings `<p><strong>…</strong></p>`."""
    out = list(nodes)
    for i, node in enumerate(out):
        if not (isinstance(node, Block) and node.type == "paragraph" and
                len(node.inlines) == 1 and isinstance(node.inlines[0], Strong)):
            continue
        before = out[i - 1].text if i > 0 else None
        after = out[i + 1].text if i + 1 < len(out) else None
        level = heading_level(node.text, before, after)
        if level:
            out[i] = Block("heading", "", level, node.inlines[0].inlines)
    return out


def _is_site_footer(node: Node) -> bool:
    """Most lines of the node are a Chinese site's licence and filing numbers."""
    lines = [line for line in node.text.split("\n") if line.strip()]
    return bool(lines) and 2 * sum(bool(_SITE_FOOTER.search(x)) for x in lines) >= len(lines) \
        and all(len(x) <= 60 for x in lines)


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
    title = clean_title(found.title, found.site, found.source) if found.title else ""
    if nodes and isinstance(nodes[0], Block) and nodes[0].type == "heading" and (
        not title or (nodes[0].level == 1 and not found.title_given)
        or _norm(nodes[0].text) == _norm(title)
    ):
        # The article's own headline (an <h1>, a `# Title`) is the title, not a heading;
        # it is cleaner than a <title> that carries the site's name.
        first = nodes.pop(0)
        title = clean_title(first.text, found.site, found.source) or title

    # The recogniser sees every paragraph and heading, and the first line of each list, table
    # and quote in its place, so a heading above a list is not taken for the page's tail.
    # Its verdict applies to paragraphs and headings only; figures (whose captions read
    # like bylines: `记者 王华 摄`) are not shown to it.
    texts = [n.text if isinstance(n, Block) else n.text.split("\n", 1)[0]
             for n in nodes if not isinstance(n, Figure)]
    known = {_norm(t) for t in texts}
    header = [h for h in found.header_lines if _norm(h) not in known]
    units = ([title] if title else []) + header + [t for t in texts if t.strip()]
    # The extractor (or the Markdown author) already chose the article: the recogniser's
    # guess at where a flattened page's frame ends would only cut real sections, so it
    # runs with its frame-dropping off, and its share-button rule is applied here.
    r = recognise(units, keep_boilerplate=True) if units else None

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
        seen_images: set[str] = set()
        for node in nodes:
            if _is_site_footer(node) and not options.keep_boilerplate:
                dropped.extend(line for line in node.text.split("\n") if line.strip())
                continue
            if isinstance(node, Figure):
                if node.src not in seen_images:  # the same picture twice is page furniture
                    seen_images.add(node.src)
                    body.append(node)
                continue
            if not (isinstance(node, Block) and node.type in ("paragraph", "heading")):
                body.append(node)
                continue
            key = _norm(node.text)
            if not options.keep_boilerplate and is_boilerplate(node.text.strip()):
                dropped.append(node.text)
            elif kept[key] > 0:
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

    body = _bold_subheadings(body)
    body_text = "\n".join(n.text for n in body[:200])
    language = found.language or detect_language(title + "\n" + body_text)
    outlets = {n for n in (found.site, found.source) if n}
    authors: tuple[Author, ...] = tuple(r.authors) if r and r.authors else tuple(
        # Not the outlet (`…, and Tom Watkins, CNN`), nor the web editor a Chinese page
        # names in <meta name=author> and again in its 责任编辑 line.
        Author(a, None) for a in found.authors
        if a not in outlets and not (r and a in r.editors)
    )
    meta = Meta(
        title=title,
        subtitle=found.subtitle or (r.subtitle if r else None),
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
    fix = punctuation_fixer(language, options)
    return doc if fix is str else doc.map_text(fix, literal=False)
