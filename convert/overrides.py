"""Metadata given on the command line (`--title`, `--author`, `--date`, `--source`,
`--language`), replacing what the reader recognised, as pandoc's `-M` does.

Each override is checked once, before the run (a usage error names the bad value),
and applied to every article read; a `--combine` book takes its authors, date and
language from its articles, so the overrides reach the book too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from convert import regex_cache
from convert.dates import parse_date
from convert.model import Author, Document

# BCP 47, loosely: a language subtag, then script / region / variant subtags.
_LANGUAGE = regex_cache.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


@dataclass(frozen=True, slots=True)
class Overrides:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601, from --date
    source: str | None = None
    language: str | None = None

    def __bool__(self) -> bool:
        return any((self.title, self.authors, self.published, self.source, self.language))

    def apply(self, doc: Document) -> Document:
        if not self:
            return doc
        meta = doc.meta
        meta = replace(
            meta,
            title=self.title if self.title is not None else meta.title,
            authors=tuple(Author(a) for a in self.authors) if self.authors else meta.authors,
            published=self.published or meta.published,
            source=self.source if self.source is not None else meta.source,
            language=self.language or meta.language,
        )
        return replace(doc, meta=meta)


def parse_published(text: str) -> str:
    """--date as an ISO date (or date and time); ValueError when it is not a date."""
    found = parse_date(text)
    if found is None:
        raise ValueError(f"not a date: {text!r} (e.g. 2024-05-16, 2024-05-16T11:36, 2024年5月16日)")
    return found


def parse_language(text: str) -> str:
    """--language as a BCP 47 tag (zh-Hans, zh-Hant-HK, en); ValueError otherwise."""
    if not _LANGUAGE.fullmatch(text):
        raise ValueError(f"not a language tag: {text!r} (e.g. zh-Hans, zh-Hant, en)")
    return text
