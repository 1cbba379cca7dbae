"""The one intermediate model every writer reads.

Small, typed and immutable; it knows nothing of any output format and
round-trips through JSON (`Document.to_dict` / `Document.from_dict`).
`docs/model.md` is the contract (with `docs/model.schema.json`).

Blocks: `Block` carries the text blocks (heading, paragraph, preformatted,
rule) exactly as before — `Block("heading", text, level)`, `.type`, `.text`,
`.level` — and may hold rich inlines; `Quote`, `ListBlock`, `Figure` and
`Table` hold other nodes. Every node answers `.type`, `.text` (its plain
text, in one call) and `.level` (None but for headings), so code written
when there were only headings and paragraphs keeps working: an unknown
node degrades to its plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Literal

from convert import locale

# The JSON form's version. 1: unversioned, headings and paragraphs of plain text.
# 2: the "version" key, rich inlines, quotes, lists, figures, tables, rules, preformatted.
MODEL_VERSION = 2

BlockType = Literal["heading", "paragraph", "preformatted", "rule"]
TEXT_BLOCK_TYPES: tuple[str, ...] = ("heading", "paragraph", "preformatted", "rule")

Fn = Callable[[str], str]


class ModelError(ValueError):
    """A model (or its JSON) that breaks the contract; the message is one line."""


# -- inlines ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    type: ClassVar[str] = "text"

    def map_text(self, fn: Fn, literal: bool = True) -> Text:
        return Text(fn(self.text))


@dataclass(frozen=True, slots=True)
class Code:
    """Inline code: literal, set in a monospaced face."""

    text: str
    type: ClassVar[str] = "code"

    def map_text(self, fn: Fn, literal: bool = True) -> Code:
        return Code(fn(self.text)) if literal else self


@dataclass(frozen=True, slots=True)
class LineBreak:
    type: ClassVar[str] = "break"
    text: ClassVar[str] = "\n"

    def map_text(self, fn: Fn, literal: bool = True) -> LineBreak:
        return self


@dataclass(frozen=True, slots=True)
class Emphasis:
    inlines: tuple[Inline, ...]
    type: ClassVar[str] = "emphasis"

    @property
    def text(self) -> str:
        return plain(self.inlines)

    def map_text(self, fn: Fn, literal: bool = True) -> Emphasis:
        return Emphasis(_map_inlines(self.inlines, fn, literal))


@dataclass(frozen=True, slots=True)
class Strong:
    inlines: tuple[Inline, ...]
    type: ClassVar[str] = "strong"

    @property
    def text(self) -> str:
        return plain(self.inlines)

    def map_text(self, fn: Fn, literal: bool = True) -> Strong:
        return Strong(_map_inlines(self.inlines, fn, literal))


@dataclass(frozen=True, slots=True)
class Link:
    inlines: tuple[Inline, ...]
    href: str
    title: str | None = None
    type: ClassVar[str] = "link"

    @property
    def text(self) -> str:
        return plain(self.inlines)

    def map_text(self, fn: Fn, literal: bool = True) -> Link:
        title = fn(self.title) if self.title is not None else None
        return Link(_map_inlines(self.inlines, fn, literal), self.href, title)


Inline = Text | Code | LineBreak | Emphasis | Strong | Link


def plain(inlines: Sequence[Inline]) -> str:
    """The plain text of a run of inlines (a line break is a newline)."""
    return "".join(i.text for i in inlines)


def _map_inlines(inlines: tuple[Inline, ...], fn: Fn, literal: bool) -> tuple[Inline, ...]:
    return tuple(i.map_text(fn, literal) for i in inlines)


def _rich(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """() when the inlines are only text: a plain block is stored one way only."""
    return () if all(type(i) is Text for i in inlines) else inlines


# -- blocks -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, paragraph, preformatted text or rule.

    `text` is always the plain text; `inlines` is set only when the text has
    more than plain runs (emphasis, links, code, line breaks), and then `text`
    is derived from it (give `text=""` or the same plain text).
    """

    type: BlockType
    text: str = ""
    level: int | None = None  # headings only: 2 for 一、…, 3 for （一）…
    inlines: tuple[Inline, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in TEXT_BLOCK_TYPES:
            hint = " (use Quote, ListBlock, Figure or Table)" if self.type in _CONTAINERS else ""
            raise ModelError(f"unknown block type {self.type!r}{hint}")
        if self.type == "heading":
            if self.level is None:
                object.__setattr__(self, "level", 2)
            elif self.level < 1:  # deeper than 6 is allowed: writers set it as their deepest
                raise ModelError(f"heading level {self.level} is below 1")
        elif self.level is not None:
            raise ModelError(f"a {self.type} has no level")
        if self.type == "rule" and (self.text or self.inlines):
            raise ModelError("a rule has no text")
        if self.inlines:
            if self.type == "preformatted":
                raise ModelError("preformatted text is literal: no inlines")
            derived = plain(self.inlines)
            if self.text and self.text != derived:
                raise ModelError("block text and inlines disagree")
            object.__setattr__(self, "text", derived)
            object.__setattr__(self, "inlines", _rich(self.inlines))

    @property
    def content(self) -> tuple[Inline, ...]:
        """The inlines to draw: the rich ones, or the text as one run."""
        return self.inlines or ((Text(self.text),) if self.text else ())

    def map_text(self, fn: Fn, literal: bool = True) -> Block:
        """A copy with `fn` applied to every piece of text (not to link targets);
        `literal=False` leaves code and preformatted text alone."""
        if self.inlines:
            return Block(self.type, "", self.level, _map_inlines(self.inlines, fn, literal))
        if self.type == "rule" or (self.type == "preformatted" and not literal):
            return self
        text = fn(self.text)
        # Unchanged (a pass that found nothing to do): the block itself, not a copy of it.
        return self if text is self.text else replace(self, text=text)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        if self.type == "heading":
            out["level"] = self.level
        if self.type != "rule":
            out["text"] = self.text
        if self.inlines:
            out["inlines"] = [inline_to_dict(i) for i in self.inlines]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        inlines = tuple(inline_from_dict(i) for i in data.get("inlines", ()))
        text = "" if inlines else str(data.get("text", ""))
        return cls(type=data["type"], text=text, level=data.get("level"), inlines=inlines)


def heading(text: str, level: int = 2) -> Block:
    return Block("heading", text, level)


def paragraph(text: str | tuple[Inline, ...]) -> Block:
    if isinstance(text, tuple):
        return Block("paragraph", "", None, text)
    return Block("paragraph", text)


def preformatted(text: str) -> Block:
    return Block("preformatted", text)


def rule() -> Block:
    return Block("rule")


@dataclass(frozen=True, slots=True)
class Quote:
    """A block quote: blocks set apart (indented) from the body."""

    blocks: tuple[Node, ...]
    type: ClassVar[str] = "quote"
    level: ClassVar[None] = None

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    def map_text(self, fn: Fn, literal: bool = True) -> Quote:
        return Quote(tuple(b.map_text(fn, literal) for b in self.blocks))


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A list; each item is a run of blocks (a nested list is a ListBlock in an item)."""

    items: tuple[tuple[Node, ...], ...]
    ordered: bool = False
    start: int = 1  # the first number of an ordered list
    type: ClassVar[str] = "list"
    level: ClassVar[None] = None

    def __post_init__(self) -> None:
        if not self.ordered:  # a bulleted list has no numbers: one spelling for it
            object.__setattr__(self, "start", 1)

    @property
    def text(self) -> str:
        return "\n".join(b.text for item in self.items for b in item)

    def map_text(self, fn: Fn, literal: bool = True) -> ListBlock:
        items = tuple(tuple(b.map_text(fn, literal) for b in item) for item in self.items)
        return ListBlock(items, self.ordered, self.start)


@dataclass(frozen=True, slots=True)
class Figure:
    """An image with its alternative text and caption.

    `src` is a URL or a path relative to the file the model was read from.
    """

    src: str
    alt: str = ""
    caption: tuple[Inline, ...] = ()
    type: ClassVar[str] = "figure"
    level: ClassVar[None] = None

    @property
    def text(self) -> str:
        """The caption, or the alternative text when there is no caption."""
        return plain(self.caption) or self.alt

    def map_text(self, fn: Fn, literal: bool = True) -> Figure:
        return Figure(self.src, fn(self.alt), _map_inlines(self.caption, fn, literal))


@dataclass(frozen=True, slots=True)
class Cell:
    inlines: tuple[Inline, ...] = ()

    def __post_init__(self) -> None:
        if not _rich(self.inlines):  # plain text: one spelling (one run, or none when empty)
            text = plain(self.inlines)
            object.__setattr__(self, "inlines", (Text(text),) if text else ())

    @property
    def text(self) -> str:
        return plain(self.inlines)

    def map_text(self, fn: Fn, literal: bool = True) -> Cell:
        return Cell(_map_inlines(self.inlines, fn, literal))


def cell(text: str) -> Cell:
    return Cell((Text(text),) if text else ())


Row = tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells: `head` rows (column headings, repeated on each page) then `body` rows.
    `align` gives each column's alignment, "left", "center" or "right" ("" or a missing
    entry: the writer's default), as a Markdown table's `|---:|` line does."""

    head: tuple[Row, ...] = ()
    body: tuple[Row, ...] = ()
    align: tuple[str, ...] = ()
    type: ClassVar[str] = "table"
    level: ClassVar[None] = None

    @property
    def text(self) -> str:
        """A row per line, cells separated by tabs."""
        return "\n".join("\t".join(c.text for c in row) for row in self.head + self.body)

    def map_text(self, fn: Fn, literal: bool = True) -> Table:
        def rows(rs: tuple[Row, ...]) -> tuple[Row, ...]:
            return tuple(tuple(c.map_text(fn, literal) for c in r) for r in rs)

        return Table(rows(self.head), rows(self.body), self.align)

    def column_align(self, column: int) -> str:
        """"left", "center", "right", or "" for the writer's default."""
        found = self.align[column] if column < len(self.align) else ""
        return found if found in TABLE_ALIGNMENTS else ""


TABLE_ALIGNMENTS = ("left", "center", "right")

Node = Block | Quote | ListBlock | Figure | Table
_CONTAINERS = ("quote", "list", "figure", "table")


def walk(nodes: tuple[Node, ...]) -> Iterator[Node]:
    """Every node, depth first, containers before what they contain."""
    for node in nodes:
        yield node
        if isinstance(node, Quote):
            yield from walk(node.blocks)
        elif isinstance(node, ListBlock):
            for item in node.items:
                yield from walk(item)


# The block types every writer has drawn since version 1.
BASIC_TYPES = frozenset({"heading", "paragraph"})


def plain_blocks(
    nodes: tuple[Node, ...], known: frozenset[str] | set[str] = BASIC_TYPES
) -> tuple[Node, ...]:
    """The blocks a writer knowing only `known` types can draw: every other node
    degrades to its plain text, a paragraph per line (a rule, having none, goes).

    This is docutils' `unknown_visit` done once for every writer, so a writer
    keeps working when the model grows."""
    out: list[Node] = []
    for node in nodes:
        if node.type in known:
            out.append(node)
        else:
            out.extend(paragraph(line) for line in node.text.split("\n") if line.strip())
    return tuple(out)


# -- JSON ---------------------------------------------------------------------------------

_SIMPLE_INLINES: dict[str, type[Text] | type[Code]] = {"text": Text, "code": Code}
_NESTED_INLINES: dict[str, type[Emphasis] | type[Strong]] = {
    "emphasis": Emphasis,
    "strong": Strong,
}


def inline_to_dict(inline: Inline) -> dict[str, Any]:
    if isinstance(inline, Text | Code):
        return {"type": inline.type, "text": inline.text}
    if isinstance(inline, LineBreak):
        return {"type": "break"}
    out: dict[str, Any] = {"type": inline.type}
    if isinstance(inline, Link):
        out["href"] = inline.href
        if inline.title is not None:
            out["title"] = inline.title
    out["inlines"] = [inline_to_dict(i) for i in inline.inlines]
    return out


def inline_from_dict(data: dict[str, Any]) -> Inline:
    kind = data.get("type")
    if kind in _SIMPLE_INLINES:
        return _SIMPLE_INLINES[kind](str(data["text"]))
    if kind == "break":
        return LineBreak()
    children = tuple(inline_from_dict(i) for i in data.get("inlines", ()))
    if kind in _NESTED_INLINES:
        return _NESTED_INLINES[kind](children)
    if kind == "link":
        return Link(children, str(data["href"]), data.get("title"))
    raise ModelError(f"unknown inline type {kind!r}")


def _cell_to_dict(c: Cell) -> dict[str, Any]:
    if _rich(c.inlines):
        return {"inlines": [inline_to_dict(i) for i in c.inlines]}
    return {"text": c.text}


def _cell_from_dict(data: dict[str, Any]) -> Cell:
    if "inlines" in data:
        return Cell(tuple(inline_from_dict(i) for i in data["inlines"]))
    return cell(str(data.get("text", "")))


def node_to_dict(node: Node) -> dict[str, Any]:
    if isinstance(node, Block):
        return node.to_dict()
    if isinstance(node, Quote):
        return {"type": "quote", "blocks": [node_to_dict(b) for b in node.blocks]}
    if isinstance(node, ListBlock):
        out: dict[str, Any] = {"type": "list", "ordered": node.ordered}
        if node.ordered and node.start != 1:
            out["start"] = node.start
        out["items"] = [[node_to_dict(b) for b in item] for item in node.items]
        return out
    if isinstance(node, Figure):
        fig: dict[str, Any] = {"type": "figure", "src": node.src, "alt": node.alt}
        if node.caption:
            fig["caption"] = [inline_to_dict(i) for i in node.caption]
        return fig
    if isinstance(node, Table):
        table: dict[str, Any] = {
            "type": "table",
            "head": [[_cell_to_dict(c) for c in row] for row in node.head],
            "body": [[_cell_to_dict(c) for c in row] for row in node.body],
        }
        if any(node.align):
            table["align"] = list(node.align)
        return table
    text = getattr(node, "text", None)
    if isinstance(text, str):  # a node type this model does not have: its plain text
        return paragraph(text).to_dict()
    raise ModelError(f"not a model node: {type(node).__name__}")


def node_from_dict(data: dict[str, Any]) -> Node:
    kind = data.get("type")
    if kind in TEXT_BLOCK_TYPES:
        return Block.from_dict(data)
    if kind == "quote":
        return Quote(tuple(node_from_dict(b) for b in data.get("blocks", ())))
    if kind == "list":
        items = tuple(tuple(node_from_dict(b) for b in item) for item in data.get("items", ()))
        return ListBlock(items, bool(data.get("ordered", False)), int(data.get("start", 1)))
    if kind == "figure":
        caption = tuple(inline_from_dict(i) for i in data.get("caption", ()))
        return Figure(str(data["src"]), str(data.get("alt", "")), caption)
    if kind == "table":
        return Table(
            tuple(tuple(_cell_from_dict(c) for c in row) for row in data.get("head", ())),
            tuple(tuple(_cell_from_dict(c) for c in row) for row in data.get("body", ())),
            tuple(a if a in TABLE_ALIGNMENTS else "" for a in map(str, data.get("align", ()))),
        )
    raise ModelError(f"unknown block type {kind!r}")


# -- the document -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    role: str | None = None  # 记者, 通讯员, 作者, author, …

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Author:
        return cls(name=str(data["name"]), role=data.get("role"))


@dataclass(frozen=True, slots=True)
class Meta:
    title: str
    source: str | None = None
    published: str | None = None  # ISO 8601 date or date-time
    authors: tuple[Author, ...] = ()
    language: str = "zh-Hans"  # BCP 47
    encoding: str = "utf-8"  # a Python codec name that decodes the input
    encoding_confidence: float | None = None
    subtitle: str | None = None
    editors: tuple[str, ...] = ()
    dateline: str | None = None
    kicker: str | None = None  # 引题: the line above the headline

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "source": self.source,
            "published": self.published,
            "authors": [a.to_dict() for a in self.authors],
            "editors": list(self.editors),
            "dateline": self.dateline,
            "kicker": self.kicker,
            "language": self.language,
            "encoding": self.encoding,
            "encoding_confidence": self.encoding_confidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Meta:
        return cls(
            title=str(data["title"]),
            subtitle=data.get("subtitle"),
            source=data.get("source"),
            published=data.get("published"),
            authors=tuple(Author.from_dict(a) for a in data.get("authors", ())),
            editors=tuple(data.get("editors", ())),
            dateline=data.get("dateline"),
            kicker=data.get("kicker"),
            language=str(data.get("language", "zh-Hans")),
            encoding=str(data.get("encoding", "utf-8")),
            encoding_confidence=data.get("encoding_confidence"),
        )

    def map_text(self, fn: Fn) -> Meta:
        """`fn` over what a reader sees: title, subtitle, source, authors, editors, dateline."""

        def opt(value: str | None) -> str | None:
            return fn(value) if value is not None else None

        return replace(
            self,
            title=fn(self.title),
            subtitle=opt(self.subtitle),
            source=opt(self.source),
            authors=tuple(Author(fn(a.name), opt(a.role)) for a in self.authors),
            editors=tuple(fn(e) for e in self.editors),
            dateline=opt(self.dateline),
        )


@dataclass(frozen=True, slots=True)
class Document:
    meta: Meta
    blocks: tuple[Node, ...] = ()
    rights: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    # The folder a figure's relative `src` is resolved against (the input's folder,
    # set by convert.readers.read_file). Not part of the JSON nor of equality: the
    # same model read from another place is the same model.
    base: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": MODEL_VERSION,
            "meta": self.meta.to_dict(),
            "blocks": [node_to_dict(b) for b in self.blocks],
            "rights": list(self.rights),
            "dropped": list(self.dropped),
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """The model from its JSON form, any version up to MODEL_VERSION.

        Raises ModelError (one line) for JSON that is not a model."""
        if not isinstance(data, dict) or not isinstance(data.get("meta"), dict):
            raise ModelError("not a convert model (no \"meta\" object)")
        version = data.get("version", 1)
        if not isinstance(version, int) or not 1 <= version <= MODEL_VERSION:
            raise ModelError(
                f"model version {version!r} is not one this convert reads (1–{MODEL_VERSION})"
            )
        try:
            return cls(
                meta=Meta.from_dict(data["meta"]),
                blocks=tuple(node_from_dict(b) for b in data.get("blocks", ())),
                rights=tuple(str(r) for r in data.get("rights", ())),
                dropped=tuple(str(d) for d in data.get("dropped", ())),
                warnings=tuple(str(w) for w in data.get("warnings", ())),
            )
        except ModelError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"malformed model: {type(exc).__name__} {exc}") from None

    def with_warnings(self, *extra: str) -> Document:
        return replace(self, warnings=self.warnings + tuple(extra))

    def map_text(self, fn: Fn, literal: bool = True) -> Document:
        """A copy with `fn` over the meta a reader sees, every block and the rights
        (`literal=False` leaves code and preformatted text alone)."""
        return replace(
            self,
            meta=self.meta.map_text(fn),
            blocks=tuple(b.map_text(fn, literal) for b in self.blocks),
            rights=tuple(fn(r) for r in self.rights),
        )

    def walk(self) -> Iterator[Node]:
        return walk(self.blocks)

    @property
    def is_traditional(self) -> bool:
        return locale.is_traditional(self.meta.language)

    @property
    def is_cjk(self) -> bool:
        return locale.is_cjk(self.meta.language)

    def all_text(self) -> str:
        """Every character a writer may have to draw (for font subsetting)."""
        m = self.meta
        parts = [m.title, m.subtitle or "", m.source or "", m.published or ""]
        parts += [a.name + (a.role or "") for a in m.authors]
        parts += list(m.editors)
        parts += [b.text for b in self.blocks]
        parts += [n.alt for n in self.walk() if isinstance(n, Figure)]
        parts += list(self.rights)
        return "\n".join(parts)
