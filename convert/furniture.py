"""Lines that are not the article's text: markup left by archives and photo captions.

Archived articles keep their Markdown and raw HTML (`### 小标题`, `![](…)`, `<figure>`,
`<figcaption>…</figcaption>`, `---`, Hugo `{{< video >}}` shortcodes); pages keep the
captions under their photos (`▲…`, `…（新华社记者 张三 摄）`, `…。视觉中国`). Each function
looks at one line; recognise.py decides what to do with it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from convert import regex_cache
from convert.charclass import line_width

# --- Markdown and HTML ------------------------------------------------------------------

_ATX = regex_cache.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_IMAGE = regex_cache.compile(r"^!\[[^\]]*\]\([^)]*\)\s*$")
_RULE = regex_cache.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|—{3,})\s*$")
_SHORTCODE = regex_cache.compile(r"^\{\{[<%].*[>%]\}\}$")
_TAGS_ONLY = regex_cache.compile(r"^(?:\s*</?[A-Za-z][^<>]*/?>\s*)+$")
_FIGCAPTION = regex_cache.compile(r"^\s*<figcaption[^>]*>.*</figcaption>\s*$", re.IGNORECASE)
_QUOTE = regex_cache.compile(r"^>\s?")
_ITALIC_LINE = regex_cache.compile(r"^\*(?!\*)(?P<text>[^*]+)\*$|^_(?!_)(?P<text2>[^_]+)_$")


_MARKUP_START = frozenset("!<-*_—{")
_IMAGE_ONLY = regex_cache.compile(
    r"^(?:(?:图片|圖片|图|圖|image|photo|img)\s*[:：]\s*)?(?:\S*/)?[\w.%-]+\.(?:jpe?g|png|gif|webp|bmp)"
    r"(?:\?\S*)?$",
    re.IGNORECASE,
)


def atx_heading(line: str) -> tuple[int, str] | None:
    """`### 小标题` -> (3, '小标题')."""
    m = _ATX.match(line)
    return (len(m.group("marks")), m.group("text")) if m else None


def is_markup_only(line: str) -> bool:
    """An image, a rule, a shortcode, a line of bare HTML tags, or only an image's address
    or file name (`图片：https://…/a.jpg`): nothing to read."""
    if _IMAGE_ONLY.match(line.strip()):
        return True
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
_CREDIT_END = regex_cache.compile(
    r"(?:[（(]?[\w·\s]{0,16}(?<!拍)(?:摄|攝|摄影|攝影)[）)]?"
    r"|[（(]?(?:图|圖)(?:片)?(?:翻摄|翻攝|来源|來源|来自|來自)[^（()）]{0,30}[）)]?"
    r"|[（(]?[\w·\s]{0,16}(?:翻摄|翻攝)[^（()）。]{0,30}[）)]?"
    r"|[（(]?[\w·\s]{0,16}(?:供图|供圖)[）)]?(?:\s+[\u4e00-\u9fff]{1,6})?|[（(][\w·\s]{0,16}提供[）)]"
    r"|(?:视觉中国|視覺中國|东方IC|東方IC)(?:\s*资料|\s*資料)?|图片来自网络|圖片來自網路"
    r"|[（(]?资料图片?[）)]?|[（(]?資料照片?[）)]?"
    r"|视频截图|視頻截圖|影片截圖|截图|截圖"
    r"|[A-Za-z]+照片|[（(][港台]*圖片[）)]"
    r"|\b(?:File|Handout|Stock|Staff|CNA|AP|AFP|Reuters)?\s*photo(?:\s+\w+\s+\d{1,2},\s+\d{4})?"
    r"(?:\s*[:：]\s*[A-Z][\w/ .]{1,24})?"
    # a news agency credited in brackets after a caption sentence: `…慶祝。（路透社）`
    r"|(?<=[。.!！])\s*[（(](?:路透社|法新社|美联社|美聯社|新华社|新華社|中央社|共同社|欧新社|歐新社"
    r"|AP|AFP|Reuters|EPA|Getty Images)[）)]"
    # a video's or photo's line crediting where it came from: `某某被停机 （来源：某某视频）`;
    # after a finished sentence the bracket is the story's own source, not a caption's
    r"|(?<=[^\s。！？.!?”」])\s*[（(](?:来源|來源)[:：][^（()）]{1,12}[）)]"
    r")\s*$",
    re.IGNORECASE,
)
_CAPTION_START = regex_cache.compile(
    r"^(?:[▲▼△▽↑↓]+|图为|圖為|图：|圖：|图/|圖／|图片来源[:：]|圖片來源[:：]"
    r"|(?:视频|視頻|影片|Video)\s*[-－:：｜|])"
)
# Every credit above holds one of these: a cheap test before the costly pattern.
_CREDIT_HINT = regex_cache.compile(
    r"[摄攝图圖供视視截照翻資资社来來]|photo|IC|AP|AFP|Reuters|EPA|Getty", re.IGNORECASE
)
# A short note wholly in brackets with no sentence inside (a byline in brackets is read as
# meta before this is asked).
_BRACKETED_NOTE = regex_cache.compile(
    r"^[（(](?![一二三四五六七八九十百零〇\d]+[）)])(?![A-Za-z]{1,12}[）)])[^（()）。！？!?]{2,24}[）)]$"
)  # not a numbered heading `（十一）`, not a wire's `(AP)`
CAPTION_MAX_WIDTH = 120  # a caption is a line or two under a photo


# A reporter's photo credit with its date: strong enough for a caption of several sentences.
_REPORTER_CREDIT = regex_cache.compile(
    r"(?:记者|記者)[\w·\s]{2,16}(?:摄|攝|摄影|攝影|傳真|传真)\s*(?:\d{2,4}年\d{1,2}月\d{1,2}日)?[）)]?\s*$"
)
LONG_CAPTION_MAX_WIDTH = 240


@lru_cache(maxsize=8192)
def is_caption(line: str) -> bool:
    """A photo caption: opens with ▲ or 图为, ends with a photo credit, or is a short note
    wholly in brackets under a picture (`（某公司的部分报价单）`)."""
    if line_width(line) <= LONG_CAPTION_MAX_WIDTH and _REPORTER_CREDIT.search(line[-40:]):
        return True
    if line_width(line) > CAPTION_MAX_WIDTH:
        return False
    if _BRACKETED_NOTE.match(line):
        return True
    if _CAPTION_START.match(line):
        return True
    tail = line[-48:]
    return _CREDIT_HINT.search(tail) is not None and _CREDIT_END.search(tail) is not None


# --- counters and desk bylines ----------------------------------------------------------

# `1032人参与308评论`, `跟贴888`, `尚餘0篇`, `12,934 views`: a page's counters.
_COUNTER = regex_cache.compile(
    r"^(?:(?:[\d,.]+[万萬]?\s*(?:人参与|人參與|人评论|条评论|條評論|评论|評論|跟帖|跟贴|次阅读|阅读|閱讀"
    r"|赞|讚|收藏|转发|轉發|views?|comments?|shares?)|(?:跟帖|跟贴|评论|評論|阅读|閱讀|点赞|尚餘|剩余|剩餘)"
    r"\s*[\d,.]+[万萬]?\s*(?:篇|条|條)?)\s*)+$",
    re.IGNORECASE,
)
# `社會中心／綜合報導`, `国际部/综合报道`: a desk, not a person, reported it.
_DESK_BYLINE = regex_cache.compile(
    r"^[（(〔\[]?[\u3400-\u9fff]{2,8}(?:中心|部|組|组|台)[／/](?:綜合報導|综合报道|報導|报道)[）)〕\]]?$"
)


def is_counter(line: str) -> bool:
    return bool(_COUNTER.match(line.strip()))


def is_desk_byline(line: str) -> bool:
    return bool(_DESK_BYLINE.match(line.strip()))


# The heading of a page's list of other stories: what follows it is not the article.
_RELATED = regex_cache.compile(
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


# --- promos and prompts -----------------------------------------------------------------

# What a page asks of its reader: download the app, scan the code, keep reading, log in,
# subscribe; and what a player says when it cannot play. Two words of the same request on a
# short line, so a sentence of the story that mentions an app is left alone.
_PROMO = regex_cache.compile(
    r"(?:下载|下載|download).{0,24}(?:APP|App|app|客户端|客戶端)"
    r"|(?:扫描|掃描|扫码|掃碼|扫一扫|掃一掃|scan).{0,16}(?:二维码|二維碼|QR)"
    r"|(?:关注|關注|follow|加入|按讚|按赞).{0,12}(?:公众号|公眾號|粉丝团|粉絲團|粉丝页|粉絲頁|官方微信|官方帳號)"
    r"|^(?:点击|點擊|Click)\s*(?:进入|進入|查看|阅读|閱讀|下载|下載|这里|這裡|here)"
    r"|(?:继续|繼續)(?:往下)?(?:阅读|閱讀)|(?:阅读|閱讀|展开|展開)全文|Continue reading"
    r"|(?:浏览器|瀏覽器|browser).{0,12}(?:无法|無法|不支持|不支援|does not support|cannot)"
    r"|(?:登录|登入|注册|註冊|成为|成為|加入).{0,8}(?:会员|會員|评论|評論)"
    r"|(?:订阅|訂閱|訂戶|订户|subscribe|sign up)"
    r"|正文已结束|正文已結束"
    # a teaser glued to its label: `Related articleWhat you need to know`
    r"|^(?:Related (?:articles?|stories|content)|Read more|相关阅读|相關閱讀)\s*[:：]?\s*\S"
    # a credit for help with the reporting: `Jane Doe contributed reporting.`
    r"|^[A-Z][\w'’ .,-]{2,60} contributed (?:to )?(?:this )?report(?:ing)?\.?$",
    re.IGNORECASE,
)
PROMO_MAX_WIDTH = 100
# A banner's bracketed button anywhere on its line: `…评选火热进行中！【点击投票】…`.
_BUTTON = regex_cache.compile(r"[【\[](?:点击|點擊|立即|马上|馬上)[^】\]]{1,6}[】\]]")
BANNER_MAX_WIDTH = 200


@lru_cache(maxsize=8192)
def is_promo(line: str) -> bool:
    """`还想看更多？下载某某APP`, `扫描二维码关注`, `請繼續往下閱讀...`, `登录后参与评论`."""
    width = line_width(line)
    if width <= BANNER_MAX_WIDTH and _BUTTON.search(line):
        return True
    return width <= PROMO_MAX_WIDTH and _PROMO.search(line) is not None


# --- captions known by their place ------------------------------------------------------

# `<figcaption>第一行` … `第二行</figcaption>`: a caption the archive broke over lines.
_FIGCAPTION_OPEN = regex_cache.compile(r"^\s*<figcaption[^>]*>(?!.*</figcaption>)", re.IGNORECASE)
_FIGCAPTION_CLOSE = regex_cache.compile(r"</figcaption>\s*$", re.IGNORECASE)


def opens_figcaption(line: str) -> bool:
    """A `<figcaption>` whose closing tag is on a later line."""
    return "<" in line[:8] and bool(_FIGCAPTION_OPEN.match(line))


def closes_figcaption(line: str) -> bool:
    return bool(_FIGCAPTION_CLOSE.search(line))


# `原文链接：某某网 [标题](http://…)`, `原文刊发于某某报，此文本根据… [标题](http://…)`: an
# archive's note on where the text came from, with the link to the original.
_PROVENANCE = regex_cache.compile(
    r"^[（(]?(?:原文链接|原文鏈接|原文地址|原文網址|原始链接|原始網址|原文刊发于|原文刊發於|原文刊登于"
    r"|原文刊登於|原文发表于|原文發表於|原载于|原載於|本文原载|本文原載).{0,200}https?://",
)


def is_provenance_note(line: str) -> bool:
    if line[:1] not in "原本（(":  # a cheap test before the pattern
        return False
    return line_width(line) <= 400 and _PROVENANCE.match(line) is not None


# A caption without a credit is known only by its shape and place: a short noun phrase that
# closes with 。 (`小花家。`, `搜救现场。`, `事发次日的检查单。`), standing alone between
# two paragraphs of the story. A one-sentence paragraph of the story is a clause: it has a
# comma, a quote, a verb of saying or being, a pronoun or a closing particle.
_BARE_CAPTION_MAX_WIDTH = 40  # 20 CJK characters
_CLAUSE_MARKS = regex_cache.compile(r"[，,、：:；;“”「」『』‘’\"'！？!?（）()《》—…\s]")
_CLAUSE_WORDS = regex_cache.compile(
    r"是|說|说|称|稱|道|问|問|答|表示|认为|認為|觉得|覺得|我|你|您|咱|他|她|它|"
    # negation, the passive and the adverbs that carry a clause: `并未接走`, `亦被采纳`
    r"不|没|沒|未|别|別|被|也|亦|都|就|还|還|已|将|將|会|會|能|要|才|却|卻|"
    r"[了吗嗎呢吧啊呀哦嘛过過着著么麼]$"
)
_NEIGHBOUR_MIN_WIDTH = 60  # a paragraph of the story, not another short line


def _han_share(text: str) -> float:
    return sum(1 for c in text if "\u3400" <= c <= "\u9fff") / max(1, len(text))


def bare_caption_shaped(line: str) -> bool:
    """Short, one noun phrase in Chinese, closed by 。 and nothing else inside."""
    if not line.endswith("。") or line_width(line) > _BARE_CAPTION_MAX_WIDTH:
        return False
    phrase = line[:-1]
    return (
        len(phrase) >= 2
        and _han_share(phrase) >= 0.8
        and _CLAUSE_MARKS.search(phrase) is None
        and "。" not in phrase
        and _CLAUSE_WORDS.search(phrase) is None
    )


def bare_captions(lines: list[str]) -> list[int]:
    """Indexes of uncredited photo captions: caption-shaped lines between two long
    paragraphs. Photos come several to a story; one such line alone may be a terse
    paragraph of the story, so it takes two of them to read them as captions."""
    found = [
        i
        for i in range(1, len(lines) - 1)
        if bare_caption_shaped(lines[i])
        and line_width(lines[i - 1]) >= _NEIGHBOUR_MIN_WIDTH
        and line_width(lines[i + 1]) >= _NEIGHBOUR_MIN_WIDTH
    ]
    return found if len(found) >= 2 else []


def repeated_captions(lines: list[str]) -> list[int]:
    """A short unpunctuated line printed twice in a row (an image's alt text, then its
    caption): both are the photo's, neither is the story's."""
    found: list[int] = []
    for i in range(len(lines) - 1):
        line = lines[i]
        if (
            line == lines[i + 1]
            and (i == 0 or lines[i - 1] != line)  # twice exactly: a run of three is no photo's
            and (i + 2 == len(lines) or lines[i + 2] != line)
            and line_width(line) <= CAPTION_MAX_WIDTH
            and not line.rstrip("”’」』\"')）").endswith(tuple("。！？.!?…；;，,：:"))
        ):
            found += [i, i + 1]
    return found


# --- help-line notices ------------------------------------------------------------------

# Pages reporting a suicide close with a help-line notice (Taiwan's media rules ask for one):
# `自殺防治諮詢安心專線：0800-788995（24小時）`, `生命線：1995`, a slogan or two above them
# (`珍惜生命`, `再給自己一次機會`). The notice is the page's, not the story's.
_HELPLINE = regex_cache.compile(
    r"(?:專線|专线|熱線|热线|生命線|生命线|[Hh]otline|[Hh]elpline)\s*[:：]?\s*\+?[\d][\d\s-]{2,}"
)
_HELPLINE_SLOGAN = regex_cache.compile(
    r"珍惜生命|再給自己一次機會|再给自己一次机会|(?:自殺|自杀)(?:解決|解决|不能解決|不能解决|防治)"
    r"|勇敢求救|關心您|关心您"
)
HELPLINE_MAX_WIDTH = 80
_SLOGAN_REACH = 3  # slogans sit right above the numbers


def is_helpline(line: str) -> bool:
    if not ("線" in line or "线" in line or "line" in line):  # a cheap test before the pattern
        return False
    return line_width(line) <= HELPLINE_MAX_WIDTH and _HELPLINE.search(line) is not None


def is_helpline_slogan(lines: list[str] | tuple[str, ...], n: int) -> bool:
    """A short slogan line of a help-line notice: the numbers follow within a few lines."""
    line = lines[n]
    return (
        len(line) <= HELPLINE_MAX_WIDTH
        and _HELPLINE_SLOGAN.search(line) is not None
        and line_width(line) <= HELPLINE_MAX_WIDTH
        and any(is_helpline(x) for x in lines[n + 1 : n + 1 + _SLOGAN_REACH])
    )
