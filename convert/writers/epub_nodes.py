"""EPUB: how each layout item is drawn, as semantic XHTML.

Headings are h2–h6, lists ol/ul (with `start`), quotes blockquote, figures
figure/img/figcaption with the image in the package, tables thead/tbody with th
and td, preformatted text pre, rules hr; inlines em, strong, code, a and br.
Everything is escaped text built by hand (convert.writers.epub_xhtml), never
parsed, so an article's `<script>` stays text.

Links go out only to http(s) and mailto addresses: a relative link would point
into the package at a file that is not there (an EPUBCheck error).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from urllib.parse import urlparse

from convert.images import Images
from convert.layout import Drawer, Furniture, Run, runs
from convert.model import Block, Cell, Figure, ListBlock, Quote, Table
from convert.writers.epub_xhtml import NavHeading, clean, escape, with_kept_end

IMAGE_FOLDER = "images"
LINK_SCHEMES = ("http", "https", "mailto")

# Appended to the stylesheet: how the nodes a plain article never had look.
CSS = """
blockquote { margin: 0.8em 2em; color: #333; }
blockquote p { text-indent: 0; }
ul, ol { margin: 0.5em 0 0.5em 2em; padding: 0; }
li p { text-indent: 0; margin: 0.2em 0; }
figure { margin: 1em 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
figcaption, figure p.alt { font-size: 0.9em; color: #555; text-indent: 0; }
table { border-collapse: collapse; margin: 0.8em auto; }
th, td { border: 1px solid #999; padding: 0.2em 0.5em; text-indent: 0; }
th { font-weight: bold; }
pre, code { font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", "Courier New",
  monospace; }
pre { white-space: pre-wrap; word-break: break-all; overflow-wrap: anywhere; text-indent: 0;
  text-align: left; margin: 0.8em 0; padding: 0.4em 0.6em; background: #f2f2f2;
  line-height: 1.4; font-size: 0.9em; }
hr { border: none; border-top: 1px solid #999; margin: 1em 20%; }
p.kicker { text-align: center; text-indent: 0; }
"""


def image_name(data: bytes, extension: str) -> str:
    """Named by content: the same photo in two chapters is one file in the package."""
    return f"{IMAGE_FOLDER}/img-{hashlib.sha1(data, usedforsecurity=False).hexdigest()[:16]}" \
        + extension


class XhtmlDrawer(Drawer):
    """Appends XHTML for each item to `out`; `text` escapes (and remembers) what is shown."""

    def __init__(self, text: Callable[[str], str], images: Images, has_title: bool) -> None:
        self.text = text
        self.images = images
        self.has_title = has_title
        self.out: list[str] = []
        self.headings: list[NavHeading] = []
        self.files: dict[str, tuple[str, bytes]] = {}  # package file name -> (type, data)
        self._anchors = 0
        self._in_header = False
        self._in_rights = False
        self._rights_label = ""

    # -- furniture --------------------------------------------------------------------

    def _header(self) -> None:
        if not self._in_header:
            self.out.append('<header class="title-block">\n')
            self._in_header = True

    def end_header(self) -> None:
        """Close the title block if it is open (before a long text's next document)."""
        if self._in_header:
            self.out.append("</header>\n")
            self._in_header = False

    def visit_kicker(self, item: Furniture) -> None:
        self._header()
        self.out.append(f'<p class="kicker">{self.text(item.text)}</p>\n')

    def visit_title(self, item: Furniture) -> None:
        self._header()
        if self.has_title:
            self.out.append(f'<h1 id="title">{self.text(item.text)}</h1>\n')

    def visit_subtitle(self, item: Furniture) -> None:
        self._header()
        self.out.append(f'<p class="subtitle">{self.text(item.text)}</p>\n')

    def visit_meta(self, item: Furniture) -> None:
        self._header()
        self.out.append(f'<p class="meta">{self.text(item.text)}</p>\n')
        self.end_header()

    def visit_editors(self, item: Furniture) -> None:
        self.end_header()
        self.out.append(f'<p class="editors">{self.text(item.text)}</p>\n')

    def start_rights(self, label: str) -> None:
        self._rights_label = label

    def visit_rights(self, item: Furniture) -> None:
        self.end_header()
        if item.index == 0:
            label = escape(self._rights_label)
            self.out.append(f'<section class="rights" id="rights" aria-label="{label}">\n')
            self._in_rights = True
        self.out.append(f"<p>{self.text(item.text)}</p>\n")

    def finish(self) -> None:
        self.end_header()
        if self._in_rights:
            self.out.append("</section>\n")
            self._in_rights = False

    def draw(self, item: object) -> None:
        if not isinstance(item, Furniture):
            self.end_header()
        super().draw(item)

    # -- blocks -----------------------------------------------------------------------

    def visit_heading(self, block: Block) -> None:
        level = min(max(block.level or 2, 2), 6)  # h1 is the article's title
        self._anchors += 1
        anchor = f"h{self._anchors}"
        label = clean(block.text).strip()
        if label:  # a nav entry needs text; a blank heading stays out of the nav
            self.headings.append(NavHeading(level, anchor, label))
        self.out.append(f'<h{level} id="{anchor}">{self.inlines(block)}</h{level}>\n')

    def visit_paragraph(self, block: Block) -> None:
        self.out.append(f"<p>{self.inlines(block, keep_end=True)}</p>\n")

    def visit_preformatted(self, block: Block) -> None:
        # A newline right after <pre> is swallowed by HTML parsers: keep a leading one.
        lead = "\n" if block.text.startswith("\n") else ""
        self.out.append(f"<pre>{lead}{self.text(block.text)}</pre>\n")

    def visit_rule(self, block: Block) -> None:
        self.out.append("<hr/>\n")

    def visit_quote(self, quote: Quote) -> None:
        self.out.append("<blockquote>\n")
        self.draw_all(quote.blocks)
        self.out.append("</blockquote>\n")

    def visit_list(self, lst: ListBlock) -> None:
        if lst.ordered:
            start = f' start="{lst.start}"' if lst.start != 1 else ""
            tag = "ol"
        else:
            start, tag = "", "ul"
        self.out.append(f"<{tag}{start}>\n")
        for item in lst.items:
            self.out.append("<li>")
            self.draw_all(item)
            self.out.append("</li>\n")
        self.out.append(f"</{tag}>\n")

    def visit_figure(self, figure: Figure) -> None:
        self.out.append("<figure>\n")
        image = self.images.get(figure.src)
        alt = escape(figure.alt)
        if image is not None:
            name = image_name(image.data, image.extension)
            self.files[name] = (image.media_type, image.data)
            self.out.append(f'<img src="{escape(name)}" alt="{alt}"/>\n')
            self.text(figure.alt)
        elif figure.alt.strip():  # not embedded: its description stands in
            self.out.append(f'<p class="alt">[{self.text(figure.alt)}]</p>\n')
        if figure.caption:
            self.out.append(f"<figcaption>{self.runs(runs(figure.caption))}</figcaption>\n")
        self.out.append("</figure>\n")

    def visit_table(self, table: Table) -> None:
        self.out.append("<table>\n")
        for section, cell_tag, rows in (("thead", "th", table.head), ("tbody", "td", table.body)):
            if not rows:
                continue
            self.out.append(f"<{section}>\n")
            for row in rows:
                self.out.append("<tr>" + "".join(self.cell(cell_tag, c, table.column_align(n))
                                                  for n, c in enumerate(row)) + "</tr>\n")
            self.out.append(f"</{section}>\n")
        self.out.append("</table>\n")

    def cell(self, tag: str, cell: Cell, align: str = "") -> str:
        style = f' style="text-align: {align}"' if align else ""
        return f"<{tag}{style}>{self.runs(runs(cell.inlines))}</{tag}>"

    # -- inlines ----------------------------------------------------------------------

    def inlines(self, block: Block, keep_end: bool = False) -> str:
        """`keep_end`: a paragraph's last two Han characters stay on one line."""
        if not block.inlines:
            return with_kept_end(block.text, self.text) if keep_end else self.text(block.text)
        return self.runs(runs(block.inlines), keep_end)

    def runs(self, pieces: list[Run], keep_end: bool = False) -> str:
        """Runs as XHTML; consecutive runs of one link share one <a>."""
        out: list[str] = []
        link: str | None = None
        for n, run in enumerate(pieces):
            href = run.href if run.href and _linkable(run.href) else None
            if href != link:
                if link is not None:
                    out.append("</a>")
                if href is not None:
                    out.append(f'<a href="{escape(href)}">')
                link = href
            if run.line_break:
                out.append("<br/>")
                continue
            if run.code:
                html = f"<code>{self.text(run.text)}</code>"
            elif keep_end and n == len(pieces) - 1:
                html = with_kept_end(run.text, self.text)
            else:
                html = self.text(run.text)
            if run.emphasis:
                html = f"<em>{html}</em>"
            if run.strong:
                html = f"<strong>{html}</strong>"
            out.append(html)
        if link is not None:
            out.append("</a>")
        return "".join(out)


def _linkable(href: str) -> bool:
    return urlparse(href.strip()).scheme.lower() in LINK_SCHEMES
