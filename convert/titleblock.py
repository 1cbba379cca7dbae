"""The title block: kicker (引题), headline, subtitle (副题), and what pages add to a headline.

Pure functions on strings; recognise.py decides where they apply.
"""

from __future__ import annotations

import re

from convert import regex_cache
from convert.charclass import line_width

# A media-type tag a feed puts on the headline: `[视频]`, `【组图】`, `(图)`, `[Video]`.
_MEDIA_TAG = regex_cache.compile(
    r"^\s*[\[【(（](?:视频|視頻|影音|图|圖|组图|組圖|图文|圖文|多图|音频|音頻|直播|Video|Photos?|Audio)"
    r"[\]】)）]\s*|\s*[\[【(（](?:视频|視頻|影音|图|圖|组图|組圖|图文|圖文|多图|Video|Photos?)[\]】)）]\s*$",
    re.IGNORECASE,
)
# The site's name a page title ends with: `标题 ｜ 某某新闻网 PNN`, `Headline - Example News`,
# `标题_某某网`. The separator has spaces around it (or is `_`), the name is short.
_SITE_SUFFIX = regex_cache.compile(r"(?:\s+[|｜\-–—]\s+|\s*_\s*)(?P<site>[^|｜_]{2,24})$")
_LATIN_BRAND = regex_cache.compile(r"(?<=[\u3400-\u9fff])\s+[A-Z]{2,6}$")  # `某某新闻网 PNN`
_SITE_WORD = regex_cache.compile(r"(?:网|網|报|報|社|台|新闻|新聞|News|Times|Post|\.com)")
# A kicker ends in a dash or a colon and sits above a headline.
_KICKER_END = ("——", "—", "--", "：", ":")
_CLAUSE_END = regex_cache.compile(r"[，、；：,;:]")
DERIVED_TITLE_WIDTH = 60  # a derived title is at most about 30 Chinese characters
DERIVED_LOOK = 400  # characters of the opening looked at


def split_media_tag(title: str) -> tuple[str, str | None]:
    """(`[视频]某某`) -> ('某某', '[视频]'); a column tag such as `【科学发展】` stays."""
    m = _MEDIA_TAG.search(title)
    if m is None or not (title[: m.start()] + title[m.end() :]).strip():
        return title, None
    return (title[: m.start()] + title[m.end() :]).strip(), m.group().strip()


def split_site_suffix(title: str) -> tuple[str, str | None]:
    """('标题 ｜ 某某新闻网 PNN') -> ('标题', '某某新闻网'): the site's name, not the headline.

    Only a name that looks like an outlet's (网, 报, News …) is split off, and only from
    a headline long enough to stand without it.
    """
    m = _SITE_SUFFIX.search(title)
    if m is None:
        return title, None
    site = m.group("site").strip()
    head = title[: m.start()].strip()
    if not _SITE_WORD.search(site) or line_width(head) < 2 * line_width(site):
        return title, None
    return head, _LATIN_BRAND.sub("", site).strip()


def is_kicker(line: str, following: str | None) -> bool:
    """`喜看乡村新变化——` above a headline: a short line ending in a dash or colon with a
    headline (not a sentence) under it."""
    if following is None or line_width(line) > 60 or line_width(following) > 120:
        return False
    if following.rstrip().endswith(("。", ".", "，")):
        return False
    return line.rstrip().endswith(_KICKER_END) and len(line.rstrip("—-：: ")) >= 2


def derive_title(opening: str) -> str:
    """A title from an article's first sentence: the whole sentence if short, else cut
    at the last clause boundary that fits (never mid-word), without trailing marks."""
    head = opening[:DERIVED_LOOK]  # a title never needs more than the opening
    sentence = re.split(r"(?<=[。！？!?])|(?<=\.)\s", head, maxsplit=1)[0].strip()
    sentence = sentence.rstrip("。.！!？?")
    if line_width(sentence) <= DERIVED_TITLE_WIDTH:
        return sentence
    cut = 0
    for m in _CLAUSE_END.finditer(sentence):
        if line_width(sentence[: m.start()]) > DERIVED_TITLE_WIDTH:
            break
        cut = m.start()
    if cut == 0:  # no clause boundary in reach: cut at a word boundary
        words = sentence.split(" ")
        out = ""
        for word in words:
            if line_width(out + " " + word) > DERIVED_TITLE_WIDTH:
                break
            out = f"{out} {word}".strip()
        if out and " " in sentence:
            return out.rstrip(",;:") + "…"
        width, i = 0, 0
        while i < len(sentence) and width + line_width(sentence[i]) <= DERIVED_TITLE_WIDTH - 2:
            width += line_width(sentence[i])
            i += 1
        return sentence[:i].rstrip() + "…"
    return sentence[:cut].rstrip() + "…"
