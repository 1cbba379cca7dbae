"""How the model is shown, the same way in every writer.

The meta line under a title (source · date · authors), dates in the
article's own language, and the regional language tags word processors
and fonts want (zh-CN / zh-TW / en-US) derived from the model's BCP 47 tag.
"""

from __future__ import annotations

from datetime import date, datetime

from convert import locale
from convert.model import Document

SEPARATOR = " · "

def region_tag(language: str) -> str:
    """'zh-Hans' -> 'zh-CN', 'zh-Hant' -> 'zh-TW', 'en' -> 'en-US' (see convert.locale)."""
    return locale.region_tag(language)


def parse_published(published: str | None) -> datetime | None:
    """The model's ISO date or date-time as a datetime (midnight for a date)."""
    if not published:
        return None
    try:
        if "T" in published:
            return datetime.fromisoformat(published)
        return datetime.combine(date.fromisoformat(published), datetime.min.time())
    except ValueError:
        return None


def display_date(published: str | None, language: str) -> str:
    """'2020-05-16T11:36' -> '2020年5月16日 11:36' (Chinese) or 'May 16, 2020 11:36'."""
    moment = parse_published(published)
    if moment is None:
        return published or ""
    has_time = published is not None and "T" in published
    if locale.uses_full_width(language):
        text = f"{moment.year}年{moment.month}月{moment.day}日"
        return text + (f" {moment:%H:%M}" if has_time else "")
    text = f"{moment:%B} {moment.day}, {moment.year}"
    return text + (f", {moment:%H:%M}" if has_time else "")


def authors_text(doc: Document) -> str:
    """'记者 缪友银' / 'By Jane Doe and John Roe'."""
    authors = doc.meta.authors
    if not authors:
        return ""
    if doc.is_cjk:
        # Consecutive names with the same role share it: 本报记者 朱镕 吴喆.
        groups: list[tuple[str | None, list[str]]] = []
        for a in authors:
            if groups and groups[-1][0] == a.role:
                groups[-1][1].append(a.name)
            else:
                groups.append((a.role, [a.name]))
        return "　".join(" ".join([role, *names] if role else names) for role, names in groups)
    names = [a.name for a in authors]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return "By " + joined


def meta_line(doc: Document) -> str:
    """Source · date · authors, leaving out what the article lacks."""
    parts = [
        doc.meta.source or "",
        display_date(doc.meta.published, doc.meta.language),
        authors_text(doc),
    ]
    return SEPARATOR.join(p for p in parts if p)


def editors_line(doc: Document) -> str:
    if not doc.meta.editors:
        return ""
    return locale.label(doc.meta.language, "editor") + "、".join(doc.meta.editors)
