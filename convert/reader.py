"""The reader: bytes of an article file -> Document.

decode (which encoding) -> normalise (newlines, whitespace, paragraphs)
-> recognise (title, source, date, byline, boilerplate, rights)
-> punctuation (full-width marks restored in Chinese and Japanese text).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from convert import locale, progress
from convert.charclass import is_cjk
from convert.decode import decode, refuse_binary
from convert.errors import InputError
from convert.inputs import DEFAULT_MAX_SIZE, read_input
from convert.language import detect_language
from convert.model import Document, Meta
from convert.normalise import paragraphs
from convert.punctuation import restore
from convert.read_options import ReadOptions
from convert.recognise import recognise
from convert.textrepair import repair_c1
from convert.typography import smarten

DEFAULTS = ReadOptions()  # a frozen dataclass: one shared default


def read_file(
    path: Path, options: ReadOptions = DEFAULTS, max_size: int = DEFAULT_MAX_SIZE
) -> Document:
    """Read one article file. Raises InputError with a one-line reason (convert.inputs
    refuses FIFOs, devices and files above max_size before reading, and a binary
    file from its first bytes)."""
    sniff = None if options.encoding else refuse_binary  # decode obeys --encoding as given
    return read_bytes(read_input(Path(path), max_size, sniff), options)


def read_bytes(data: bytes, options: ReadOptions = DEFAULTS) -> Document:
    decoded = decode(data, options.encoding)
    return read_text(
        decoded.text,
        options,
        encoding=decoded.encoding,
        confidence=decoded.confidence,
        warnings=decoded.warnings,
    )


def read_text(
    text: str,
    options: ReadOptions = DEFAULTS,
    *,
    encoding: str = "utf-8",
    confidence: float | None = None,
    warnings: tuple[str, ...] = (),
) -> Document:
    # The reader builds strings, tuples and frozen dataclasses, which form no cycles: the
    # cyclic collector would only walk a novel's tens of thousands of them again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_text(text, options, encoding, confidence, warnings)
    finally:
        if enabled:
            gc.enable()


def _read_text(
    text: str,
    options: ReadOptions,
    encoding: str,
    confidence: float | None,
    warnings: tuple[str, ...],
) -> Document:
    # Three steps of about equal cost: lines into paragraphs, recognition, punctuation.
    steps = progress.meter(3, "step", announce=len(text) >= progress.LONG_CHARS)
    text, repairs = repair_c1(text)
    norm = paragraphs(text)
    if not norm.paragraphs:
        raise InputError("no text (the file holds only whitespace or control characters)")
    steps.update(1)
    language = detect_language("\n".join(norm.paragraphs[:200]))
    found = recognise(norm.paragraphs, keep_boilerplate=options.keep_boilerplate)
    steps.update(2)

    fix = punctuation_fixer(language, options)
    # A block whose punctuation is already right (most of a novel's) is kept, not rebuilt.
    blocks = tuple(b.map_text(fix) for b in found.blocks)
    steps.finish()
    meta = Meta(
        title=fix(found.title),
        subtitle=fix(found.subtitle) if found.subtitle else None,
        source=found.source,
        published=found.published,
        authors=tuple(found.authors),
        editors=tuple(found.editors),
        dateline=fix(found.dateline) if found.dateline else None,
        kicker=fix(found.kicker) if found.kicker else None,
        language=language,
        encoding=encoding,
        encoding_confidence=confidence,
    )
    return Document(
        meta=meta,
        blocks=blocks,
        rights=tuple(fix(t) for t in found.rights),
        dropped=tuple(found.dropped),
        warnings=tuple(warnings) + repairs + norm.warnings + tuple(found.warnings),
    )


def punctuation_fixer(language: str, options: ReadOptions) -> Callable[[str], str]:
    """Full-width restoration is for Chinese and Japanese text; English gets smart quotes."""
    if options.keep_punctuation:
        return str
    if language.startswith("en"):
        return smarten
    if not locale.uses_full_width(language):
        return str
    return _restore_or_smarten


def _restore_or_smarten(text: str) -> str:
    """In a Chinese or Japanese article, a text with no CJK character in it (an English
    paragraph, a quoted English sentence) is English: its quotes become “ ” ‘ ’, not
    full-width, and its apostrophes ’."""
    return restore(text) if any(is_cjk(ch) for ch in text) else smarten(text)
