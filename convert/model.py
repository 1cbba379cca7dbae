"""The one intermediate model every writer reads.

Small, typed and immutable; it knows nothing of any output format and
round-trips through JSON (`Document.to_dict` / `Document.from_dict`).
The JSON form is the contract described in DESIGN.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

BlockType = Literal["heading", "paragraph"]


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


@dataclass(frozen=True, slots=True)
class Block:
    type: BlockType
    text: str
    level: int | None = None  # headings only: 2 for 一、…, 3 for （一）…

    def __post_init__(self) -> None:
        if self.type not in ("heading", "paragraph"):
            raise ValueError(f"unknown block type {self.type!r}")
        if self.type == "heading" and self.level is None:
            object.__setattr__(self, "level", 2)

    def to_dict(self) -> dict[str, Any]:
        if self.type == "heading":
            return {"type": "heading", "level": self.level, "text": self.text}
        return {"type": self.type, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        return cls(type=data["type"], text=str(data["text"]), level=data.get("level"))


def heading(text: str, level: int = 2) -> Block:
    return Block("heading", text, level)


def paragraph(text: str) -> Block:
    return Block("paragraph", text)


@dataclass(frozen=True, slots=True)
class Document:
    meta: Meta
    blocks: tuple[Block, ...] = ()
    rights: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "meta": self.meta.to_dict(),
            "blocks": [b.to_dict() for b in self.blocks],
            "rights": list(self.rights),
            "dropped": list(self.dropped),
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            meta=Meta.from_dict(data["meta"]),
            blocks=tuple(Block.from_dict(b) for b in data.get("blocks", ())),
            rights=tuple(data.get("rights", ())),
            dropped=tuple(data.get("dropped", ())),
            warnings=tuple(data.get("warnings", ())),
        )

    def with_warnings(self, *extra: str) -> Document:
        return replace(self, warnings=self.warnings + tuple(extra))

    @property
    def is_traditional(self) -> bool:
        return self.meta.language.startswith("zh-Hant")

    @property
    def is_cjk(self) -> bool:
        return self.meta.language.split("-")[0] in ("zh", "ja", "ko")

    def all_text(self) -> str:
        """Every character a writer may have to draw (for font subsetting)."""
        m = self.meta
        parts = [m.title, m.subtitle or "", m.source or "", m.published or ""]
        parts += [a.name + (a.role or "") for a in m.authors]
        parts += list(m.editors)
        parts += [b.text for b in self.blocks]
        parts += list(self.rights)
        return "\n".join(parts)
