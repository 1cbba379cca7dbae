"""Lines that are not the article's text: markup left by archives and photo captions.

Archived articles keep their Markdown and raw HTML (`### 小标题`, `![](…)`, `<figure>`,
`<figcaption>…</figcaption>`, `---`, Hugo `{{< video >}}` shortcodes); pages keep the
captions under their photos (`▲…`, `…（新华社记者 张三 摄）`, `…。视觉中国`). Each function
looks at one line; recognise.py decides what to do with it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from convert.charclass import line_width

# --- Markdown and HTML ------------------------------------------------------------------

_ATX = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|—{3,})\s*$")
_SHORTCODE = re.compile(r"^\{\{[<%].*[>%]\}\}$")
_TAGS_ONLY = re.compile(r"^(?:\s*</?[A-Za-z][^<>]*/?>\s*)+$")
_FIGCAPTION = re.compile(r"^\s*<figcaption[^>]*>.*</figcaption>\s*$", re.IGNORECASE)
_QUOTE = re.compile(r"^>\s?")
_ITALIC_LINE = re.compile(r"^\*(?!\*)(?P<text>[^*]+)\*$|^_(?!_)(?P<text2>[^_]+)_$")


_MARKUP_START = frozenset("!<-*_—{")


def atx_heading(line: str) -> tuple[int, str] | None:
    """`### 小标题` -> (3, '小标题')."""
    m = _ATX.match(line)
    return (len(m.group("marks")), m.group("text")) if m else None


def is_markup_only(line: str) -> bool:
    """An image, a rule, a shortcode or a line of bare HTML tags: nothing to read."""
    if line.lstrip()[:1] not in _MARKUP_START:
        return False  # most lines: no markup can start here
    return bool(
        _IMAGE.match(line)
        or _RULE.match(line)
        or _SHORTCODE.match(line.strip())
        or _TAGS_ONLY.match(line)
        or _FIGCAPTION.match(line)
    )


def is_image_line(line: str) -> bool:
    return bool(_IMAGE.match(line) or re.match(r"^\s*<img\b", line, re.IGNORECASE))


def italic_line(line: str) -> str | None:
    """`*说明文字*` as a whole line (Markdown puts captions under images this way)."""
    m = _ITALIC_LINE.match(line.strip())
    return (m.group("text") or m.group("text2")) if m else None


def strip_quote(line: str) -> str:
    """`> 引文` -> `引文`: a Markdown blockquote is a paragraph of the article."""
    return _QUOTE.sub("", line, count=1) if line.startswith(">") else line


# --- photo captions ---------------------------------------------------------------------

# A credit ending a caption: `（新华社记者 张三 摄）`, `张三／攝影`, `。视觉中国`, `（翻攝自…）`,
# `。视频截图`, `EyePress照片`, `（港台圖片）`, `File photo`.
_CREDIT_END = re.compile(
    r"(?:[（(]?[\w·\s]{0,16}(?<!拍)(?:摄|攝|摄影|攝影)[）)]?"
    r"|[（(]?(?:图|圖)(?:片)?(?:翻摄|翻攝|来源|來源|来自|來自)[^（()）]{0,30}[）)]?"
    r"|[（(]?[\w·\s]{0,16}(?:翻摄|翻攝)[^（()）。]{0,30}[）)]?"
    r"|[（(]?[\w·\s]{0,16}(?:供图|供圖)[）)]?|[（(][\w·\s]{0,16}提供[）)]"
    r"|(?:视觉中国|視覺中國|东方IC|東方IC)(?:\s*资料|\s*資料)?|图片来自网络|圖片來自網路"
    r"|[（(]?资料图片?[）)]?|[（(]?資料照片?[）)]?"
    r"|视频截图|視頻截圖|影片截圖|截图|截圖"
    r"|[A-Za-z]+照片|[（(][港台]*圖片[）)]"
    r"|\b(?:File|Handout|Stock|Staff|CNA|AP|AFP|Reuters)?\s*photo(?:\s+\w+\s+\d{1,2},\s+\d{4})?"
    r")\s*$",
    re.IGNORECASE,
)
_CAPTION_START = re.compile(
    r"^(?:[▲▼△▽↑↓]+|图为|圖為|图：|圖：|图/|圖／|图片来源[:：]|圖片來源[:：]"
    r"|(?:视频|視頻|影片|Video)\s*[-－:：｜|])"
)
# Every credit above holds one of these: a cheap test before the costly pattern.
_CREDIT_HINT = re.compile(r"[摄攝图圖供视視截照翻資资]|photo|IC", re.IGNORECASE)
CAPTION_MAX_WIDTH = 120  # a caption is a line or two under a photo


@lru_cache(maxsize=8192)
def is_caption(line: str) -> bool:
    """A photo caption: opens with ▲ or 图为, or ends with a photo credit."""
    if line_width(line) > CAPTION_MAX_WIDTH:
        return False
    if _CAPTION_START.match(line):
        return True
    tail = line[-48:]
    return _CREDIT_HINT.search(tail) is not None and _CREDIT_END.search(tail) is not None


# --- counters and desk bylines ----------------------------------------------------------

# `1032人参与308评论`, `跟贴888`, `尚餘0篇`, `12,934 views`: a page's counters.
_COUNTER = re.compile(
    r"^(?:(?:[\d,.]+[万萬]?\s*(?:人参与|人參與|人评论|条评论|條評論|评论|評論|跟帖|跟贴|次阅读|阅读|閱讀"
    r"|赞|讚|收藏|转发|轉發|views?|comments?|shares?)|(?:跟帖|跟贴|评论|評論|阅读|閱讀|点赞|尚餘|剩余|剩餘)"
    r"\s*[\d,.]+[万萬]?\s*(?:篇|条|條)?)\s*)+$",
    re.IGNORECASE,
)
# `社會中心／綜合報導`, `国际部/综合报道`: a desk, not a person, reported it.
_DESK_BYLINE = re.compile(
    r"^[（(〔\[]?[\u3400-\u9fff]{2,8}(?:中心|部|組|组|台)[／/](?:綜合報導|综合报道|報導|报道)[）)〕\]]?$"
)


def is_counter(line: str) -> bool:
    return bool(_COUNTER.match(line.strip()))


def is_desk_byline(line: str) -> bool:
    return bool(_DESK_BYLINE.match(line.strip()))


# The heading of a page's list of other stories: what follows it is not the article.
_RELATED = re.compile(
    r"^[【\[]?(?:相关新闻|相關新聞|相关阅读|相關閱讀|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|为你推荐|為你推薦"
    r"|相关推荐|相關推薦|热门推荐|熱門推薦|猜你喜欢|猜你喜歡|你可能会喜欢|你可能會喜歡|热门新闻|熱門新聞"
    r"|更多新闻|更多新聞|相关文章|相關文章|相关报道|相關報導|热点推荐|今日推荐|精彩推荐|延伸 · 推荐"
    r"|Related(?: Topics| articles| stories| news| coverage)?|Read more|More stories|Recommended)"
    r"[】\]]?\s*[:：]?$",
    re.IGNORECASE,
)


def is_related_header(line: str) -> bool:
    """`相关新闻`, `延伸閱讀：`, `Related Topics`: the heading of a list of other stories."""
    return bool(_RELATED.match(line.strip()))
