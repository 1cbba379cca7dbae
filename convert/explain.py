"""`convert FILE --explain`: what the reader made of each line of an article.

One row per input unit (a line; a hard-wrapped paragraph is one unit), saying
where it went: title, kicker, subtitle, meta (with what was taken from it),
heading, paragraph, rights, or dropped with the reason, so a user can report a
misreading in one paste.
"""

from __future__ import annotations

from pathlib import Path

from convert.charclass import line_width
from convert.datelines import sign_off
from convert.decode import decode
from convert.errors import InputError
from convert.furniture import (
    atx_heading,
    bare_caption_shaped,
    is_caption,
    is_helpline,
    is_markup_only,
    is_promo,
    is_provenance_note,
    strip_quote,
)
from convert.normalise import paragraphs
from convert.read_options import ReadOptions
from convert.recognise import (
    SCRAPER_LABEL,
    Recognised,
    is_boilerplate,
    parse_header_line,
    recognise,
)
from convert.textrepair import repair_c1

SHOWN_WIDTH = 60  # a long line is shown cut, enough to find it in the file


_DEFAULT = ReadOptions()


def explain_file(path: Path, options: ReadOptions = _DEFAULT) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    decoded = decode(data, options.encoding)
    head = [f"{path}: {decoded.encoding}"]
    head += [f"warning: {w}" for w in decoded.warnings]
    return "\n".join(head + explain_text(decoded.text, options))


def explain_text(text: str, options: ReadOptions = _DEFAULT) -> list[str]:
    text, _ = repair_c1(text)
    units = paragraphs(text).paragraphs
    found = recognise(units, keep_boilerplate=options.keep_boilerplate)
    rows = []
    titled = False
    for n, unit in enumerate(units, start=1):
        what = role(unit, found)
        if what == "dropped: repeated title" and not titled and unit == found.title:
            what = "title"  # the first of the copies is the one read as the title
        titled = titled or what == "title"
        rows.append(f"{n:5}  {what:34} {_shown(unit)}")
    for warning in found.warnings:
        rows.append(f"warning: {warning}")
    return rows


def role(unit: str, found: Recognised) -> str:
    """What the reader made of one unit."""
    unit = SCRAPER_LABEL.sub("", unit, count=1) or unit
    atx = atx_heading(unit)
    text = atx[1] if atx else strip_quote(unit)
    blocks = {b.text: b for b in found.blocks}
    if text in blocks:
        b = blocks[text]
        return f"heading (level {b.level})" if b.type == "heading" else "paragraph"
    if unit == found.kicker:
        return "kicker"
    if unit == found.subtitle:
        return "subtitle"
    if unit in found.rights:
        return "rights"
    if found.title and (unit == found.title or found.title in unit) and unit not in found.dropped:
        return "title"
    if unit in found.dropped:
        return "dropped: " + _why_dropped(unit, found)
    fields = parse_header_line(unit) if line_width(unit) <= 160 else None
    if fields is not None:
        return "meta: " + _what_meta(fields)
    if any(unit in b.text for b in found.blocks):
        return "paragraph (joined)"
    return "meta"


def _why_dropped(unit: str, found: Recognised) -> str:
    if found.title and unit.replace(" ", "") == found.title.replace(" ", ""):
        return "repeated title"
    if unit.lstrip("（(").startswith(("原标题", "原題", "原题")):
        return "original-title note"
    if is_markup_only(unit):
        return "markup (image, rule, HTML)"
    if is_caption(unit):
        return "photo caption"
    if bare_caption_shaped(unit):
        return "photo caption (by its place)"
    if is_helpline(unit):
        return "help-line notice"
    if is_provenance_note(unit):
        return "note on the original"
    if is_promo(unit):
        return "promo or prompt"
    if is_boilerplate(unit):
        return "share/print widget, breadcrumb"
    if sign_off(unit):
        return "wire sign-off"
    return "page frame (outside the article)"


def _what_meta(fields: dict[str, object]) -> str:
    parts = []
    if fields.get("source"):
        parts.append("source")
    if fields.get("published"):
        parts.append("date")
    if fields.get("authors"):
        parts.append("byline")
    if fields.get("editors"):
        parts.append("editors")
    if fields.get("affiliation"):
        parts.append("outlet")
    return ", ".join(parts) or "furniture"


def _shown(unit: str) -> str:
    if line_width(unit) <= SHOWN_WIDTH:
        return unit
    out, width = "", 0
    for ch in unit:
        width += line_width(ch)
        if width > SHOWN_WIDTH - 1:
            break
        out += ch
    return out + "…"
