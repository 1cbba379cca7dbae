"""The article's language (BCP 47) from the text itself.

Kana means Japanese, hangul Korean. Han text is Traditional (`zh-Hant`) when
it uses more common Traditional-only characters (們, 這, 國) than
Simplified-only ones (们, 这, 国), and `zh-Hant-HK` when Cantonese particles
(嘅, 咗, 哋 …) show it is written in Hong Kong. Latin text is English when
English function words are frequent, otherwise undetermined (`und`).
"""

from __future__ import annotations

from collections import Counter

from convert import regex_cache
from convert.charclass import is_han, is_hangul, is_kana, simplified_only, traditional_only

_CANTONESE = frozenset("嘅咗哋冇啲嚟睇唔喺嗰")
_WORD = regex_cache.compile(r"[A-Za-z]+")
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "that",
        "for",
        "it",
        "was",
        "on",
        "with",
        "as",
        "by",
        "at",
        "from",
        "he",
        "she",
        "they",
        "said",
        "this",
        "be",
        "are",
        "has",
        "have",
        "were",
        "an",
        "will",
        "not",
        "but",
    ]
)


def detect_language(text: str) -> str:
    han = kana = hangul = latin = cyrillic = 0
    simp = trad = cantonese = 0
    simplified, traditional = simplified_only(), traditional_only()
    for ch, n in Counter(text).items():
        if is_han(ch):
            han += n
            if ch in simplified:
                simp += n
            elif ch in traditional:
                trad += n
            if ch in _CANTONESE:
                cantonese += n
        elif is_kana(ch):
            kana += n
        elif is_hangul(ch):
            hangul += n
        elif ch.isascii() and ch.isalpha():
            latin += n
        elif "\u0400" <= ch <= "\u04ff":
            cyrillic += n
    if kana >= 3 and kana >= 0.05 * (han + kana):
        return "ja"
    if hangul > han and hangul >= latin / 4:
        return "ko"
    if han and han >= latin / 4:
        if trad > simp:
            return "zh-Hant-HK" if cantonese >= 3 else "zh-Hant"
        return "zh-Hans"
    if cyrillic > latin:
        return "ru"
    if latin:
        return "en" if _looks_english(text) else "und"
    return "zh-Hans" if han else "und"


def _looks_english(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < 20:
        return True  # too little to tell; English is the likely Latin-script news language
    return sum(w in _ENGLISH for w in words) >= 0.08 * len(words)
