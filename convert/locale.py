"""What a language tag means to us: script, region, CJK or not, labels, a book's language.

The model carries a BCP 47 tag (`zh-Hans`, `zh-Hant-HK`, `en`, `ja`); Word, PDF
/Lang and the bundled fonts want a region (`zh-CN`, `zh-TW`, `zh-HK`); the
stylesheets want a script. Every such decision is made here, once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

DEFAULT = "zh-Hans"  # the language of a book with no articles, and of a model without one

_CJK = ("zh", "ja", "ko")
_TRADITIONAL_REGIONS = ("TW", "HK", "MO")
# The region a tag without one implies: what word processors and fonts expect.
_DEFAULT_REGION = {"zh-Hans": "CN", "zh-Hant": "TW", "en": "US", "ja": "JP", "ko": "KR"}
_SCRIPT_OF = {"ja": "Jpan", "ko": "Kore"}


@dataclass(frozen=True, slots=True)
class Locale:
    language: str  # the primary subtag, lower case: 'zh', 'en', 'und'
    script: str | None  # 'Hans', 'Hant', 'Jpan', 'Kore', 'Latn', or None when unknown
    region: str | None  # 'CN', 'TW', 'HK', 'US', … or None when unknown

    @property
    def cjk(self) -> bool:
        return self.language in _CJK

    @property
    def traditional(self) -> bool:
        return self.script == "Hant"

    @property
    def region_tag(self) -> str:
        """'zh-CN', 'zh-TW', 'zh-HK', 'en-US', 'ja-JP': the tag Word and PDF /Lang want."""
        return f"{self.language}-{self.region}" if self.region else self.language

    @property
    def script_class(self) -> str:
        """'zh-hans', 'zh-hant', 'ja', 'ko' or 'latin': which font stack and label set."""
        if self.language == "zh":
            return "zh-hant" if self.traditional else "zh-hans"
        return self.language if self.cjk else "latin"


@cache
def parse(tag: str) -> Locale:
    """A BCP 47 tag, with the script and region it implies filled in.

    'zh' and 'zh-CN' are Simplified; 'zh-TW', 'zh-HK', 'zh-MO' Traditional;
    'zh-Hant' is Taiwan's unless a region says otherwise.
    """
    parts = [p for p in tag.replace("_", "-").split("-") if p]
    language = parts[0].lower() if parts else "und"
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if language == "zh" and script is None:
        script = "Hant" if region in _TRADITIONAL_REGIONS else "Hans"
    if script is None:
        script = _SCRIPT_OF.get(language, "Latn" if language not in ("und", "") else None)
    if region is None:
        key = f"{language}-{script}" if language == "zh" else language
        region = _DEFAULT_REGION.get(key)
    return Locale(language, script, region)


def is_cjk(tag: str) -> bool:
    return parse(tag).cjk


def is_traditional(tag: str) -> bool:
    return parse(tag).traditional


def uses_full_width(tag: str) -> bool:
    """Chinese and Japanese set punctuation full width and dates as 2020年5月16日."""
    return parse(tag).language in ("zh", "ja")


def region_tag(tag: str) -> str:
    return parse(tag).region_tag


def font_region(tag: str) -> str:
    """Which regional cut of the bundled Ming face: 'CN', 'TW' or 'HK'."""
    loc = parse(tag)
    if loc.region in ("HK", "MO"):
        return "HK"
    return "TW" if loc.traditional or loc.region == "TW" else "CN"


def script_class(tag: str) -> str:
    return parse(tag).script_class


# script class -> label name -> text
_LABELS: dict[str, dict[str, str]] = {
    "zh-hans": {"contents": "目录", "page": "页", "rights": "版权声明", "guide": "导览",
                "untitled": "无标题", "editor": "责任编辑："},
    "zh-hant": {"contents": "目錄", "page": "頁", "rights": "版權聲明", "guide": "導覽",
                "untitled": "無標題", "editor": "責任編輯："},
    "ja": {"contents": "目次", "page": "ページ", "rights": "著作権", "guide": "ガイド",
           "untitled": "無題", "editor": "編集："},
    "ko": {"contents": "목차", "page": "쪽", "rights": "저작권", "guide": "안내",
           "untitled": "제목 없음", "editor": "편집: "},
    "latin": {"contents": "Contents", "page": "Page", "rights": "Rights", "guide": "Guide",
              "untitled": "Untitled", "editor": "Editor: "},
}


def label(tag: str, name: str) -> str:
    """A piece of furniture's text in the article's language ('contents' -> 目录/目錄/Contents)."""
    return _LABELS[script_class(tag)][name]


def book_language(languages: Sequence[str]) -> str:
    """The one rule for a book of articles: the commonest regional language wins
    (ties: the earliest article's), tagged as its first article has it."""
    if not languages:
        return DEFAULT
    counts = Counter(region_tag(t) for t in languages)
    top = max(counts.values())
    return next(t for t in languages if counts[region_tag(t)] == top)
