"""Simplified <-> Traditional Chinese with OpenCC (--zh-variant).

Title, meta (subtitle, source, authors, editors, dateline), body and rights
are converted; code and preformatted text are left alone. The language tag
follows the conversion (zh-Hans, zh-Hant, zh-Hant-TW, zh-Hant-HK), so fonts,
DOCX w:lang, EPUB dc:language and PDF /Lang follow it. Traditional targets
get the corner quotes Taiwan and Hong Kong use (“” -> 「」, ‘’ -> 『』),
Simplified ones the curly quotes of the mainland, unless --keep-quotes.
Articles that are not Chinese (English, Japanese …) pass through unchanged.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from convert import locale, regex_cache
from convert.errors import ConvertError
from convert.model import Document
from convert.read_options import ReadOptions

# OpenCC configuration -> the article's language after it. Listed here, not
# asked of OpenCC, so the command line can check --zh-variant without loading it.
VARIANTS: dict[str, str] = {
    "s2t": "zh-Hant",  # OpenCC's standard Traditional characters
    "s2tw": "zh-Hant-TW",  # Taiwan's standard characters
    "s2twp": "zh-Hant-TW",  # … and Taiwan's words (软件 -> 軟體, 出租车 -> 計程車)
    "s2hk": "zh-Hant-HK",  # Hong Kong's standard characters
    "s2hkp": "zh-Hant-HK",  # … and Hong Kong's words
    "t2tw": "zh-Hant-TW",
    "t2hk": "zh-Hant-HK",
    "tw2t": "zh-Hant",
    "hk2t": "zh-Hant",
    "t2s": "zh-Hans",
    "tw2s": "zh-Hans",
    "tw2sp": "zh-Hans",  # … and mainland words (軟體 -> 软件)
    "hk2s": "zh-Hans",
    "hk2sp": "zh-Hans",
}

# An apostrophe between Latin letters (China’s) is not a quotation mark.
_APOSTROPHE = regex_cache.compile(r"(?<=[A-Za-z0-9])’(?=[A-Za-z])")
_TO_CORNER = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})
_TO_CURLY = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})
_HOLD = "\ue000"  # a private-use stand-in while the apostrophes sit out the swap


def usage() -> str:
    return ", ".join(VARIANTS)


@cache
def converter(config: str) -> Any:
    """One OpenCC converter per configuration per process (building one reads its dictionaries)."""
    if config not in VARIANTS:
        raise ConvertError(f"unknown --zh-variant {config!r} (known: {usage()})")
    try:
        import opencc
    except ImportError:
        raise ConvertError("--zh-variant needs OpenCC: pip install opencc") from None
    try:
        return opencc.OpenCC(config)
    except Exception as exc:  # OpenCC reports a missing configuration as RuntimeError
        raise ConvertError(f"OpenCC cannot load {config!r}: {exc}") from None


def corner_quotes(text: str) -> str:
    """“” ‘’ -> 「」 『』, leaving apostrophes in Latin words."""
    held = _APOSTROPHE.sub(_HOLD, text)
    return held.translate(_TO_CORNER).replace(_HOLD, "’")


def curly_quotes(text: str) -> str:
    return text.translate(_TO_CURLY)


def apply(doc: Document, options: ReadOptions) -> Document:
    config = options.zh_variant
    if config is None or locale.parse(doc.meta.language).language != "zh":
        return doc
    target = VARIANTS.get(config)
    convert = converter(config).convert
    quotes = None
    if target is not None and not options.keep_quotes:
        quotes = corner_quotes if locale.is_traditional(target) else curly_quotes

    def fix(text: str) -> str:
        text = convert(text) if text else text
        return quotes(text) if quotes else text

    out = doc.map_text(fix, literal=False)
    return replace(out, meta=replace(out.meta, language=target or out.meta.language))
