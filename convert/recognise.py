"""Paragraphs -> the parts of an article: title, metadata, body, rights, dropped.

Each rule is a small function with its reason next to it. Everything taken
out of the body is kept: metadata on the meta fields, web furniture on
`dropped`, the closing copyright block on `rights`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from convert import regex_cache
from convert.chapters import apply_chapters, is_book
from convert.charclass import is_han, line_width
from convert.datelines import dateline_source, sign_off
from convert.dates import find_date, parse_date
from convert.extent import find_extent, is_meta_line, is_prose
from convert.furniture import (
    atx_heading,
    bare_caption_shaped,
    bare_captions,
    closes_figcaption,
    is_caption,
    is_counter,
    is_desk_byline,
    is_helpline,
    is_helpline_slogan,
    is_image_line,
    is_markup_only,
    is_promo,
    is_provenance_note,
    is_related_header,
    italic_line,
    opens_figcaption,
    repeated_captions,
    strip_quote,
)
from convert.model import Author, Block, heading, paragraph
from convert.titleblock import derive_title, is_kicker, split_media_tag, split_site_suffix

HEADER_LINES = 8  # metadata sits within the first lines after the title
TAIL_LINES = 6  # editor lines and the copyright block sit within the last lines
MAX_TITLE_WIDTH = 120  # a longer first line is a paragraph, not a title
_SEPARATORS = " \t|｜/·•　,，;；"


@dataclass
class Recognised:
    title: str = ""
    subtitle: str | None = None
    kicker: str | None = None
    source: str | None = None
    published: str | None = None
    authors: list[Author] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    dateline: str | None = None
    blocks: list[Block] = field(default_factory=list)
    rights: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source_is_affiliation: bool = False  # the source is only a reporter's paper
    # Header lines taken as metadata, with what was read from each.
    consumed: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    # Meta lines found below the story, applied after the header's.
    tail_meta: list[tuple[dict[str, object], str]] = field(default_factory=list)

    def add_author(self, name: str, role: str | None) -> None:
        if name and all(a.name != name for a in self.authors):
            self.authors.append(Author(name, role))

    def add_editor(self, name: str) -> None:
        if name and name not in self.editors:
            self.editors.append(name)


# --- boilerplate ------------------------------------------------------------------------

# Web furniture: share buttons, print/close links, font-size pickers, QR prompts.
_ACTION_WORDS = (
    "分享到|分享至|分享|打印本页|打印此文|打印|关闭窗口|关闭本页|关闭|返回顶部|回到顶部|扫一扫|收藏|点赞|纠错|字体|字号|复制链接|"
    "分享到臉書|列印|關閉視窗|關閉|返回頂部|回到頂部|字級設定|字級|字体设置|转寄|轉寄|傳送|举报|舉報|扫码|掃碼|"
    "调整字体|調整字體|Share|Tweet|Print|Email|Close|"
    "Back to top"
)
_TARGET_WORDS = (
    "微信朋友圈|朋友圈|微信|新浪微博|腾讯微博|微博|QQ空间|QQ好友|QQ|豆瓣|人人网|今日头条|钉钉|臉書|LINE|Facebook|"
    "Twitter|LinkedIn|WhatsApp|Reddit|X|大|中|小|默认|标准|在手机打开当前页|用微信扫描二维码|二维码|"
    "手机看|手机浏览|this|article|this article|on|to|with|via|by email|好友和朋友圈|至|到|腾讯QQ|"
    "易信|更多|缩小|放大|用|特|特大|超大"
)
_ACTIONS = tuple(_ACTION_WORDS.split("|"))
_TARGETS = tuple(_TARGET_WORDS.split("|"))  # what a share button shares to, font sizes
_TOKEN_RE = regex_cache.compile(
    "|".join(re.escape(t) for t in sorted(_ACTIONS + _TARGETS, key=len, reverse=True))
)
_ACTION_RE = regex_cache.compile(
    "|".join(re.escape(t) for t in sorted(_ACTIONS, key=len, reverse=True)))
_FURNITURE_PUNCT = regex_cache.compile(r"[\s【】\[\]「」()（）<>《》|｜/·•:：,，、>»«-]+")


# Share buttons one per line name only the platform.
_PLATFORMS = frozenset(
    [
        *("微信", "微信朋友圈", "朋友圈", "微博", "新浪微博", "腾讯微博", "qq空间", "qq好友"),
        *("腾讯qq", "易信", "豆瓣", "人人网", "钉钉", "臉書", "複製連結", "复制链接"),
        *("facebook", "twitter", "linkedin", "whatsapp", "reddit", "line", "weibo", "telegram"),
    ]
)

_APP_NAME = regex_cache.compile(r"[\w\u4e00-\u9fff]{0,8}(?:APP|App|客户端|客戶端)")

# Breadcrumbs: `首页 > 新闻中心 > 正文`, `当前位置：首页 » 要闻`.
_BREADCRUMB = regex_cache.compile(
    r"^(?:当前位置|您的位置|您现在的位置|現在位置|首页|首頁|Home)\s*[:：>»/]")


@lru_cache(maxsize=8192)
def is_boilerplate(line: str) -> bool:
    """A short line made only of share/print/close/font-size words, at least one an action;
    a share button alone on its line; a page's counter; or a breadcrumb trail."""
    if len(line) <= 80 and _BREADCRUMB.match(line) and re.search("[>»]", line):
        return True
    if len(line) > 40:
        return False
    if line.strip().lower() in _PLATFORMS or is_counter(line):
        return True  # a share button alone on its line (`Facebook`), `1032人参与308评论`
    rest = _APP_NAME.sub("", _FURNITURE_PUNCT.sub("", line))  # `某某财经APP` beside the buttons
    if not rest or not _ACTION_RE.search(rest):
        return False
    return _TOKEN_RE.sub("", rest) == ""


# --- header metadata --------------------------------------------------------------------

_ROLE_WORDS = (
    "特约记者|见习记者|本报记者|实习记者|特派记者|记者|通讯员|實習記者|見習記者|記者|通訊員|实习生|實習生"
)
_BOUNDARY = r"(?:(?<=^)|(?<=[\s|｜·•/　【\[（(]))"
_LABEL_RE = regex_cache.compile(
    r"(?:"
    # A label with its colon is a label even glued to what precedes it (`12:11来源：`).
    r"(?P<source>本文来源|本文來源|来源|稿源|來源|出处|出處|Source)\s*[:：]"
    r"|(?P<editor>责任编辑|責任編輯|责编|責編|编辑|編輯|Editor|Editing by)\s*[:：]"
    rf"|(?P<author>作者|撰文|撰稿|采写|採寫|执笔|執筆|{_ROLE_WORDS}"
    r"|Author|Reporter|Reporting by)\s*[:：]"
    r"|(?P<date>发布时间|發佈時間|發布時間|发布日期|發布日期|发表时间|更新时间|更新時間|建立時間"
    r"|最新更新|时间|時間|日期|Published|Updated|Posted|Date)\s*[:：]+"
    r"|(?P<counter>浏览次数|浏览量|点击数|点击量|阅读量|阅读数|访问量|瀏覽次數|點閱數|Views)\s*[:：]"
    # Without a colon a label needs a boundary before it: `文/张三`, `By Jane Doe`, `时间 …`.
    rf"|{_BOUNDARY}(?P<author2>文|圖文|图文|执笔|執筆)\s*[／/|｜]"
    rf"|(?P<role>{_ROLE_WORDS})(?=\s|$|[\u3400-\u9fff]{{2,4}}(?:[／/\s]|$))"
    r"|(?<=[》」])(?P<role2>作者)(?=\s)"  # `《某某》作者 张三`: a column's writer
    rf"|{_BOUNDARY}(?P<source2>信息源自|信息來源|本文转自|本文轉自|转载自|轉載自|转自|轉自)\s*"
    rf"|{_BOUNDARY}(?P<by>By|Reporting by)\s+(?=[A-Z])"
    rf"|{_BOUNDARY}(?P<editor2>Editing by)\s+(?=[A-Z])"
    rf"|{_BOUNDARY}(?P<date2>发布时间|發佈時間|發布時間|更新时间|Published|Updated|Posted)\s"
    r")\s*"
)
_NAME_SPLIT_CJK = regex_cache.compile(r"[\s、，,；;&＆]+")
_NAME_SPLIT_LATIN = regex_cache.compile(r"\s*(?:,|\band\b|&|;)\s*", re.IGNORECASE)
_CJK_NAME = regex_cache.compile(r"^[\u3400-\u9fff\U00020000-\U000323af·•]{2,6}$")
_LATIN_NAME = regex_cache.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}$")
_CMS_CODE = regex_cache.compile(r"[_\s]*[A-Za-z]+\d+$")  # `李曦_NN2587`: the CMS's user code
# What a byline says after the names: `, staff reporter`, `, BBC News`, `整合`, `／台北報導`.
_NAME_TAIL = regex_cache.compile(
    r"(?:\s*[／/][^／/]{1,10}(?:報導|报道|電|电)|\s*(?:整合|整理|综合报道|綜合報導|报道|報導))$"
    r"|,\s*(?:staff\s+)?(?:reporter|writer|correspondent|editor)s?\b.*$"
    r"|,\s*[A-Z][\w ]{1,30}(?:News|Times|Post|Press|Agency)$",
    re.IGNORECASE,
)


def _names(value: str) -> list[str]:
    value = value.strip(_SEPARATORS + "（）()【】[]")
    value = _NAME_TAIL.sub("", value).strip(_SEPARATORS)
    if not value:
        return []
    if any(is_han(ch) for ch in value):
        parts = [_CMS_CODE.sub("", p) for p in _NAME_SPLIT_CJK.split(value) if p]
        parts = _rejoin_padded(parts)
        return parts if all(_CJK_NAME.match(p) for p in parts) else []
    parts = [p for p in _NAME_SPLIT_LATIN.split(value) if p]
    if parts and all(p.isupper() or not p.isalpha() for p in parts):
        parts = [_title_case(p) for p in parts]  # `By JANE DOE and JOHN ROE`
    return parts if all(_LATIN_NAME.match(p) for p in parts) else []


def _title_case(name: str) -> str:
    """JANE DOE -> Jane Doe; a letter after a dot or an apostrophe stays a capital
    (S.A. Corey, O'Neill)."""
    return " ".join(
        re.sub(r"(?<=[A-Za-z])[A-Z]+", lambda m: m.group().lower(), w) if w.isupper() else w
        for w in name.split()
    )


def _rejoin_padded(parts: list[str]) -> list[str]:
    """`王  明  李小红`: names padded to align are split into single characters; a lone
    character is half of a two-character name."""
    out: list[str] = []
    i = 0
    while i < len(parts):
        if len(parts[i]) == 1 and i + 1 < len(parts) and len(parts[i + 1]) == 1:
            out.append(parts[i] + parts[i + 1])
            i += 2
        else:
            out.append(parts[i])
            i += 1
    return out


# An outlet, channel or column named without a label: `北京日报`, `CNA`, `《棱镜》`.
_OUTLET = regex_cache.compile(
    r"^(?:[《〈]?[\u3400-\u9fff\w·]{2,14}[》〉]?|[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){0,3})$"
)
_URL_ONLY = regex_cache.compile(r"^(?:https?://|www\.)\S+$")
_TAGS = regex_cache.compile(
    r"^(?:原创|原創|独家|獨家|快讯|快訊)\s+")  # labels a page puts before its outlet


def _outlet(value: str) -> str | None:
    value = _TAGS.sub("", value.strip(_SEPARATORS))
    if not _OUTLET.match(value) or _CJK_NAME_ONLY.match(value):
        return None
    return value.strip("《》〈〉")


# Three characters or fewer of Han with no outlet word: more likely a person than an outlet.
_CJK_NAME_ONLY = regex_cache.compile(r"^[\u3400-\u9fff]{2,3}$(?<![报報社台网網刊闻聞])")


def _unlabelled(value: str, line_has_date: bool, fields: dict[str, object]) -> str | None:
    """An unlabelled piece of a header line: "meta" for a date or an outlet beside a
    date, "furniture" for a URL or a page button, None for anything else (then the
    line is not a header)."""
    if is_boilerplate(value) or _URL_ONLY.match(value):  # `【纠错】`, the page's address
        fields.setdefault("dropped", []).append(value)  # type: ignore[union-attr]
        return "furniture"
    hit = find_date(value)
    if hit is None:
        outlet = _outlet(value) if line_has_date else None
        if outlet is None:
            return None
        fields.setdefault("source", outlet)
        return "meta"
    iso, start, end = hit
    for after, rest in ((False, value[:start]), (True, value[end:])):
        spaced = rest[:1].isspace()
        rest = _WEEKDAY_OR_ZONE.sub("", rest).strip(_SEPARATORS + "()（）")
        if not rest:
            continue
        words = rest.split()
        while words and (is_boilerplate(words[-1]) or _URL_ONLY.match(words[-1])):
            fields.setdefault("dropped", []).append(words.pop())  # type: ignore[union-attr]
        rest = " ".join(words)
        if not rest:
            continue
        outlet = _outlet(rest)
        site = _SITE_DOMAIN.match(rest) if outlet is None else None
        if site:  # `Example.com - RSS Channel | <date>`: the outlet is the site's name
            fields.setdefault("dropped", []).append(rest)  # type: ignore[union-attr]
            outlet = site.group("name")
        names = _names(rest) if outlet is None and after and spaced else []
        if outlet is None and not (names and all(len(x) <= 4 for x in names)):
            return None
        if outlet is not None:
            fields.setdefault("source", outlet)
        else:  # `2020-06-05 20:35 张三 李四`: the writers beside the date
            fields["authors"] += [(x, None) for x in names]  # type: ignore[operator]
    fields.setdefault("published", iso)
    return "meta"


# A feed or site named by its domain beside a date: `Example.com - RSS Channel`.
_SITE_DOMAIN = regex_cache.compile(
    r"^(?P<name>[A-Za-z][\w-]{1,30})\.(?:com|net|org|hk|tw|cn|co\.uk)\b")
_WEEKDAY_OR_ZONE = regex_cache.compile(
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b\.?|(?:星期|週|周|礼拜|禮拜)[一二三四五六日天]"
    r"|\b(?:GMT|UTC|HKT|BST|EST|EDT|ET)\b"
)
# `石佳/中国青年报`: a reporter and the paper, with nothing else on the line.
_NAME_SLASH_OUTLET = regex_cache.compile(
    r"^(?P<name>[\u3400-\u9fff·]{2,4})\s*[/／|｜]\s*(?P<outlet>[\u3400-\u9fff]{2,10}"
    r"(?:报|報|网|網|社|台|刊|新闻|新聞))$"
)


# Four or more characters ending in an outlet word: a paper, not a person.
_OUTLET_NAME = regex_cache.compile(
    r"^(?=.{4,12}$)[\u3400-\u9fff]{2,10}(?:报|報|网|網|社|台|刊|新闻|新聞)$")


def _by_affiliation(value: str, fields: dict[str, object]) -> str:
    """`Mark Doe, Reuters`: a single word after the last comma is the writer's outlet, not
    a second writer (a person's name has two words)."""
    head, sep, last = value.rpartition(",")
    last = last.strip()
    if sep and re.fullmatch(r"[A-Z][\w.&'-]+", last) and _names(head):
        fields.setdefault("affiliation", last)
        return head
    return value


# Right before a role word, a short name is the reporter's paper (`南都见习记者`).
_GLUED_OUTLET = regex_cache.compile(r"^[《「]?[\u3400-\u9fff]{2,12}[》」]?$")
_NAMED = regex_cache.compile(r"^[「《【“](?P<name>[^」》】”]{2,20})[」》】”]")


def parse_header_line(line: str) -> dict[str, object] | None:
    """Source, date, authors and editors on one line, in any order and combination.

    Returns the fields only if nothing else is on the line (then the line is
    metadata and leaves the body); None otherwise.
    """
    if line.rstrip().endswith(("。", "！", "？")):
        return None  # a finished Chinese sentence is never a header line
    fields = _parse_header_cached(line)  # each stage asks about the same lines again
    if fields is None:
        return None
    return {k: list(v) if isinstance(v, list) else v for k, v in fields.items()}


@lru_cache(maxsize=4096)
def _parse_header_cached(line: str) -> dict[str, object] | None:
    fields: dict[str, object] = {"authors": [], "editors": []}
    slash = _NAME_SLASH_OUTLET.match(line.strip())
    if slash:
        fields["authors"] = [(slash["name"], "作者")]
        fields["affiliation"] = slash["outlet"]
        return fields
    matches = list(_LABEL_RE.finditer(line))
    line_has_date = find_date(line) is not None
    pieces: list[tuple[str | None, str]] = []
    if not matches:
        pieces.append((None, line))
    else:
        pieces.append((None, line[: matches[0].start()]))
        for m, nxt in zip(matches, [*matches[1:], None], strict=True):
            end = nxt.start() if nxt else len(line)
            kind = (m.lastgroup or "").rstrip("2")
            label = m.group(m.lastgroup) if m.lastgroup else ""
            pieces.append((f"{kind}:{label}", line[m.end() : end]))
    found_any = False
    for n, (label, value) in enumerate(pieces):
        raw = value
        value = value.strip(_SEPARATORS)
        kind, _, word = (label or "").partition(":")
        nxt = matches[n] if n < len(matches) else None
        if (
            nxt is not None
            and (nxt.lastgroup or "").rstrip("2") in ("role", "author")
            and value
            and raw == raw.rstrip()
            and kind in ("", "author")
        ):
            hit = find_date(value) if kind == "" else None
            if hit is not None and not value[: hit[1]].strip(_SEPARATORS):
                fields.setdefault("published", hit[0])  # `2019-10-23　某某新闻记者`
                found_any = True
                value = value[hit[2] :].strip(_SEPARATORS)
            # `澎湃新闻记者 张三`, `采写：某报见习记者`, `《某某》作者`: the paper or column
            outlet = _outlet(value)
            if outlet is None and _GLUED_OUTLET.match(value):
                outlet = value.strip("《》「」")
            if outlet is None:
                return None
            fields["affiliation"] = outlet
            continue
        if not label:
            value = value.rstrip("【[（(" + _SEPARATORS)  # the bracket opening the next label
            if not value.strip("【】[]（）()"):
                continue
            kind_of = _unlabelled(value, line_has_date, fields)
            if kind_of is None:
                return None
            found_any = found_any or kind_of == "meta"
            continue
        # A labelled value may run into an unlabelled date: `来源：吉林日报 2020-05-16`.
        hit = find_date(value)
        if hit is not None and kind != "date" and value[: hit[1]].strip(_SEPARATORS):
            if value[hit[2] :].strip(_SEPARATORS):
                return None
            fields.setdefault("published", hit[0])
            value = value[: hit[1]].strip(_SEPARATORS)
        if kind == "date":
            iso = parse_date(value)
            if iso is None:
                return None
            fields.setdefault("published", iso)
        elif kind == "counter":  # `浏览次数：1234`: page furniture, not metadata
            if not value.isdigit():
                return None
            fields.setdefault("dropped", []).append(f"{word}：{value}")  # type: ignore[union-attr]
        elif kind == "source":
            named = _NAMED.match(value)  # `信息源自「某某周刊」：[link]`: the name; a link after
            if named:
                rest = value[named.end() :].strip()
                if rest.strip(_SEPARATORS + ":："):
                    fields.setdefault("dropped", []).append(rest)  # type: ignore[union-attr]
                value = named.group("name")
            words = value.split()
            while len(words) > 1 and is_boilerplate(words[-1]):  # `来源：新华社 举报`
                fields.setdefault("dropped", []).append(words.pop())  # type: ignore[union-attr]
            value = " ".join(words)
            if not re.search(r"[（(【\[]", value):
                value = value.rstrip("）)】]")  # `（来源：某某日报）`: the bracket closes the line
            if not value or len(value) > 40:
                return None
            fields.setdefault("source", value)
        elif kind == "editor":
            names = _names(value)
            if not names:
                return None
            fields["editors"] += names  # type: ignore[operator]
        else:  # author, role, by
            if kind == "role" and not value and n == len(pieces) - 1 and "affiliation" in fields:
                continue  # `某某新闻記者` closing the line: a desk byline, no one named
            if kind == "by":
                value = _by_affiliation(value, fields)
            names = _names(value)
            outlets = [x for x in names if _OUTLET_NAME.match(x)]
            if outlets and len(outlets) < len(names):  # `作者：王海燕 某某生活周刊`
                fields.setdefault("affiliation", outlets[0])
                names = [x for x in names if x not in outlets]
            if not names:
                return None
            role = {"by": "author", "author": _author_role(word)}.get(kind, word)
            role = "author" if word == "Reporting by" else role
            if word in _ROLE_WORDS.split("|"):
                role = word
            fields["authors"] += [(n, role) for n in names]  # type: ignore[operator]
        found_any = True
    if not found_any and (fields["authors"] or "affiliation" in fields):
        return fields if fields["authors"] else None
    return fields if found_any else None


def _author_role(word: str) -> str:
    return {
        "文": "作者",
        "圖文": "作者",
        "图文": "作者",
        "采写": "作者",
        "採寫": "作者",
        "执笔": "作者",
        "執筆": "作者",
        "Reporting by": "author",
        "撰文": "作者",
        "撰稿": "作者",
        "Author": "author",
        "Reporter": "reporter",
    }.get(word, word)


# --- bylines inside the dateline --------------------------------------------------------

_BRACKET = regex_cache.compile(r"[（(〔【\[](?P<inner>[^（()）〔〕【】\[\]]{2,60})[）)〕】\]]")
# `記者林育如／臺北報導`: the place after the slash is not a name.
_REPORTED_FROM = regex_cache.compile(r"[／/][^／/]{1,10}(?:報導|报道|電|电)$")
_ROLE_RE = regex_cache.compile(rf"^(?P<role>{_ROLE_WORDS})")
_CNA = regex_cache.compile(
    r"^(?P<agency>中央社|中新社|本報|本报)?(?P<role>記者|记者)(?P<rest>.+?)"
    r"(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})日(?:電|电)$"
)
_PLACES = (
    "臺北 台北 新北 桃園 臺中 台中 臺南 台南 高雄 基隆 新竹 嘉義 花蓮 臺東 台東 宜蘭 屏東 澎湖 "
    "金門 馬祖 苗栗 彰化 南投 雲林 香港 澳門 東京 華盛頓 紐約 倫敦 巴黎 北京 上海"
)


def find_byline(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """(dateline, [(name, role)]) from `本报5月15日讯（记者缪友银）`-style openings.

    The bracket must come early (a dateline opens the paragraph) and hold a
    reporter's role word; the names are what follows each role word.
    """
    for m in _BRACKET.finditer(text[:80]):
        inner = m.group("inner")
        if not re.search(_ROLE_WORDS, inner):
            continue
        cna = _CNA.match(inner)
        people = _cna_names(cna) if cna else _bracket_names(inner)
        if people:
            return text[: m.end()], people
    plain = _UNBRACKETED.match(text[:80])
    if plain:
        people = _bracket_names(plain.group("role") + plain.group("names"))
        if people:
            return plain.group(0), people
    return None


# `本报讯　记者张三报道`: the byline without brackets, closed by 报道.
_UNBRACKETED = regex_cache.compile(
    r"^\S{0,24}?(?:讯|訊|电|電)[\s　]*(?P<role>" + _ROLE_WORDS + r")\s*"
    r"(?P<names>[\u3400-\u9fff、 　]{2,24}?)\s*(?:报道|報導)"
)


def _bracket_names(inner: str) -> list[tuple[str, str]]:
    """`记者张三 通讯员李四`, `记者萧辉实习记者于璐`, `记者陈智 整合`: each role word names the
    people after it."""
    inner = _NAME_TAIL.sub("", _REPORTED_FROM.sub("", inner)).strip()
    people: list[tuple[str, str]] = []
    role: str | None = None
    for piece in re.split(f"({_ROLE_WORDS})", inner):
        if re.fullmatch(_ROLE_WORDS, piece):
            role = piece
            continue
        for token in _NAME_SPLIT_CJK.split(piece):
            if token and role and _CJK_NAME.match(token) and len(token) <= 4:
                people.append((token, role))
            elif token:
                return []  # something that is not a name: not a byline
    return people


def _cna_names(m: re.Match[str]) -> list[tuple[str, str]]:
    """`中央社記者王大明臺北5日電`: the names run into the place name."""
    rest = m.group("rest")
    *names, last = re.split(r"[、，,]", rest)
    for place in _PLACES.split(" "):
        if last.endswith(place) and len(last) > len(place):
            last = last[: -len(place)]
            break
    else:
        last = last[:3] if len(last) > 3 else last  # most Chinese names have three characters
    names.append(last)
    role = m.group("role")
    return [(n, role) for n in names if _CJK_NAME.match(n)]


# --- editors and rights at the end ------------------------------------------------------

_TRAILING_EDITOR = regex_cache.compile(
    r"[（(【\[]\s*(?:责任编辑|責任編輯|责编|编辑|編輯)\s*[:：]\s*(?P<names>[^）)】\]]{1,30})"
    r"[）)】\]]\s*$"
)
_RIGHTS = regex_cache.compile(
    r"版权说明|版权声明|版权所有|版权保护|版权归|免责声明|版權|免責聲明|本文系转载|本文为转载"
    r"|本文為轉載|转载请注明|轉載請註明"
    r"|(?:未经|非经).{0,30}(?:授权|许可|允许|同意).{0,20}(?:不得|禁止|严禁)"
    r"|(?:未經|非經).{0,30}(?:授權|許可|允許|同意).{0,20}(?:不得|禁止|嚴禁)"
    r"|Copyright|©|All rights reserved"
    # Disclaimers: `声明：…`, `本站郑重声明：…`, `【免责声明】…`, investment caveats.
    r"|^[【\[]?[^，。,.]{0,6}(?:声明|聲明)[】\]:：]|投资有风险|投資有風險|不构成.{0,8}投资建议"
    r"|不構成.{0,8}投資建議",
    re.IGNORECASE,
)


def is_rights(text: str) -> bool:
    return len(text) <= 800 and _RIGHTS.search(text) is not None


def split_rights(text: str) -> tuple[str, str]:
    """(article text, rights notice) of a paragraph whose closing sentences are a notice:
    `……他说。（图片版权归某某所有，未经授权不得转载。）` keeps the first sentence. The
    notice runs from the start of the sentence the first rights phrase is in to the end."""
    m = _RIGHTS.search(text)
    if m is None:
        return "", text
    starts = [e.end() for e in _SENTENCE_BOUNDARY.finditer(text, 0, m.start() + 1)]
    cut = starts[-1] if starts else 0
    while cut < len(text) and text[cut].isspace():
        cut += 1
    return text[:cut].rstrip(), text[cut:].strip()


# Where a sentence ends: a full stop (and closing quotes), or `. ` in Latin text.
_SENTENCE_BOUNDARY = regex_cache.compile(r"[。！？!?][”’」』]*|\.(?=\s)")


# --- headings ---------------------------------------------------------------------------

_NUMBERED = regex_cache.compile(r"^[一二三四五六七八九十百]+[、.．]")
_PAREN_NUMBERED = regex_cache.compile(r"^[（(][一二三四五六七八九十百]+[）)]")
_CHAPTER = regex_cache.compile(r"^第[一二三四五六七八九十百零〇\d]+(?P<kind>[章节節部篇编編])")
_SENTENCE_END = tuple("。！？；，、.!?;,…：:")
_HEADING_MAX_WIDTH = 60  # 30 CJK characters
_SHORT_HEADING_WIDTH = 40  # an unnumbered heading is shorter still
_REAL_PARAGRAPH_WIDTH = 60


def heading_level(
    text: str, before: str | None, after: str | None, *, opens_body: bool = False
) -> int | None:
    """2 for `一、`/`第二章`, 3 for `（一）`/`第二节`, 2 for a short unpunctuated line
    between paragraphs (or opening the body under the headline); None for a paragraph."""
    width = line_width(text)
    if (
        _is_question_heading(text)
        and before is not None
        and after is not None
        and min(line_width(before), line_width(after)) >= _REAL_PARAGRAPH_WIDTH
    ):
        return 2  # a short question between two paragraphs
    if width > _HEADING_MAX_WIDTH or _ends_sentence(text, _SENTENCE_END[:4]):
        return None  # numbered paragraphs run long and end a sentence
    if _NUMBERED.match(text):
        return 2
    if _PAREN_NUMBERED.match(text):
        return 3
    chapter = _CHAPTER.match(text)
    if chapter:
        return 3 if chapter.group("kind") in "节節" else 2
    if after is None or line_width(after) < _REAL_PARAGRAPH_WIDTH:
        return None
    if not heading_shaped(text):
        return None
    if before is None:  # a channel label (`社会`) is no subheading: three characters at least
        return 2 if opens_body and width >= _OPENING_HEADING_MIN_WIDTH else None
    if line_width(before) >= _REAL_PARAGRAPH_WIDTH or _ends_sentence(before, _LEAD_IN):
        return 2  # a long paragraph or a finished sentence (a caption-like line) above
    return None


_LEAD_IN = (*_SENTENCE_END[:4], "：", ":")  # a finished sentence or a lead-in above


def _is_question_heading(text: str) -> bool:
    """`一分钱变一元钱，可取吗？` between two paragraphs: a subheading asking a question
    (not a quoted line of dialogue, not two sentences)."""
    return (
        text.endswith(("？", "?"))
        and line_width(text) <= _QUESTION_HEADING_WIDTH
        and text[:1] not in "“「\"'"
        and not re.search(r"[。！？!?：:]", text[:-1])  # not `记者：为什么…？` in an interview
    )


_QUESTION_HEADING_WIDTH = 40
_OPENING_HEADING_MIN_WIDTH = 6


def heading_shaped(text: str) -> bool:
    """Short, no closing punctuation (inside quotes too), no date, few words, not a
    bracketed note: what a subheading looks like whatever its neighbours."""
    return (
        line_width(text) <= _SHORT_HEADING_WIDTH
        and not _ends_sentence(text, _SENTENCE_END)
        and find_date(text) is None
        and len(text.split()) <= 8
        and not (text[:1] in "（(" and text[-1:] in "）)")
    )


def _ends_sentence(text: str, marks: tuple[str, ...]) -> bool:
    """Ends with a mark, also inside closing quotes: `…老叔。”`."""
    return text.rstrip("”’」』\"'）)").endswith(marks) or text.endswith(marks)


def _shape(text: str) -> tuple[bool, bool, bool]:
    """What makes subheadings of one article alike: two phrases with a space between
    (`联村发力 抱团致富`), opening with a quote, closing with a quote."""
    return (
        bool(re.search(r"[\u3400-\u9fff”」]\s+[\u3400-\u9fff“「]", text)),
        text[:1] in "“「『\"",
        text[-1:] in "”」』\"",
    )


def same_shape_headings(blocks: list[Block]) -> list[Block]:
    """When several lines of an article share the shape of its recognised subheadings,
    treat them alike: a heading-shaped paragraph with a real paragraph after it and the
    shape of a found subheading is one too."""
    shapes = {_shape(b.text) for b in blocks if b.type == "heading" and b.level == 2}
    shapes.discard((False, False, False))  # a plain short line says too little
    if not shapes:
        return blocks
    out = list(blocks)
    for i, b in enumerate(blocks):
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if (
            b.type == "paragraph"
            and heading_shaped(b.text)
            and _shape(b.text) in shapes
            and after is not None
            and after.type == "paragraph"
            and line_width(after.text) >= _REAL_PARAGRAPH_WIDTH
        ):
            out[i] = heading(b.text, 2)
    return out


_WORDY = regex_cache.compile(r"[^\W\d_]{2}")
_MARKUP_CHARS = regex_cache.compile(r"[<>{}=]")


def headings_over_short_paragraphs(blocks: list[Block]) -> list[Block]:
    """A subheading whose section opens with a one-sentence paragraph (`你还记得…吗？`)
    has no long paragraph right under it, so the neighbour rule misses it. In an article
    that has subheadings, a heading-shaped line between a long paragraph and a finished
    short sentence that a long paragraph follows is one too."""
    if not any(b.type == "heading" and b.level == 2 for b in blocks):
        return blocks
    out = list(blocks)
    for i in range(1, len(blocks) - 2):
        before, b, after, then = blocks[i - 1], blocks[i], blocks[i + 1], blocks[i + 2]
        if (
            b.type == before.type == after.type == then.type == "paragraph"
            and line_width(before.text) >= _REAL_PARAGRAPH_WIDTH
            and line_width(then.text) >= _REAL_PARAGRAPH_WIDTH
            and line_width(after.text) < _REAL_PARAGRAPH_WIDTH
            and _ends_sentence(after.text, _SENTENCE_END[:3])
            and heading_shaped(b.text)
            and _WORDY.search(b.text)  # words, not a rule of `=====` or left-over markup
            and not _MARKUP_CHARS.search(b.text)
        ):
            out[i] = heading(b.text, 2)
    return out


_BARE_NUMBER = regex_cache.compile(r"^(?:\d{1,2}|[０-９]{1,2}|[一二三四五六七八九十]{1,3})$")
_CJK_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")}
_NUMERAL_START = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十 ")


def _number_value(text: str) -> int | None:
    """`3`, `３`, `三`, `十二` -> the number; anything else -> None."""
    text = text.strip()
    if not _BARE_NUMBER.match(text):
        return None
    if text.isdigit():
        return int(text)  # int() reads full-width digits too
    if len(text) == 1:
        return _CJK_DIGITS[text]
    tens, _, units = text.partition("十")  # `十二`, `二十`, `二十三`
    return _CJK_DIGITS.get(tens, 1) * 10 + _CJK_DIGITS.get(units, 0)


def numbered_section_headings(blocks: list[Block]) -> list[Block]:
    """Sections numbered by a bare number on a line of its own (`1`, `2`, `3` between the
    paragraphs): the numbers are the article's subheadings when they count up from 1 (or
    一) in order, two at least, each with a paragraph after it. A lone number is data."""
    found = []
    for i, b in enumerate(blocks):
        numeral = len(b.text) <= 4 and b.text[:1] in _NUMERAL_START  # a cheap test first
        value = _number_value(b.text) if numeral and b.type == "paragraph" else None
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if value is not None and after is not None and after.type == "paragraph":
            found.append((i, value))
    values = [v for _, v in found]
    if len(found) < 2 or values != list(range(1, len(values) + 1)):
        return blocks
    out = list(blocks)
    for i, _ in found:
        out[i] = heading(blocks[i].text.strip(), 2)
    return out


_LEAD_LINE_WIDTH = 40  # `英国《泰晤士报》：`: who or what the section is about


def two_line_headings(blocks: list[Block]) -> list[Block]:
    """A subheading over two lines: a short lead line ending in a colon (an outlet, a
    speaker, a place) and under it a short line without closing punctuation, then the
    section's paragraphs. Taken when the article has two such pairs at least, so one
    `某某说：` line before a short quotation stays a paragraph."""
    pairs = []
    for i in range(len(blocks) - 2):
        lead, line, after = blocks[i], blocks[i + 1], blocks[i + 2]
        if (
            lead.type == "paragraph"
            and lead.text.endswith(("：", ":"))
            and line_width(lead.text) <= _LEAD_LINE_WIDTH
            and not re.search(r"[。！？!?；;：:]", lead.text[:-1])
            and line_width(line.text) <= _HEADING_MAX_WIDTH
            and not _ends_sentence(line.text, _SENTENCE_END)
            and find_date(line.text) is None
            and after.type == "paragraph"
            and line_width(after.text) >= _REAL_PARAGRAPH_WIDTH
        ):
            pairs.append(i)
    if len(pairs) < 2:
        return blocks
    out = list(blocks)
    for i in pairs:
        out[i] = heading(blocks[i].text, 2)
        out[i + 1] = heading(blocks[i + 1].text, blocks[i + 1].level or 2)
    return out


# --- the whole article ------------------------------------------------------------------


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


# `（原标题：…）`, `（原题为《…》）`: the headline the story first ran under.
_ORIGINAL_TITLE = regex_cache.compile(r"^[（(]?(?:原标题|原標題|原题|原題)(?:为|為)?\s*[：:《]")


# Labels a scraper writes before each field it saved; the value is the text.
SCRAPER_LABEL = regex_cache.compile(
    r"^(?:标题|標題|题目|內容|内容|正文|Title|Content|Body)\s*[:：]+\s*(?=\S)"
)


def recognise(units: list[str] | tuple[str, ...], keep_boilerplate: bool = False) -> Recognised:
    r = Recognised()
    body: list[str] = []
    marked: dict[str, int] = {}  # Markdown subheadings (`### …`) by their text
    after_image = False
    in_figcaption = False  # inside a `<figcaption>` broken over lines
    for n, unit in enumerate(units):
        if not keep_boilerplate and (in_figcaption or opens_figcaption(unit)):
            r.dropped.append(unit)
            in_figcaption = not closes_figcaption(unit)
            continue
        unit = SCRAPER_LABEL.sub("", unit, count=1) or unit  # `标题：…`, `正文：…`: the value
        atx = atx_heading(unit)
        if atx is not None:
            level, text = atx
            if level > 1 and not is_prose(text) and line_width(text) <= _HEADING_MAX_WIDTH:
                marked[text] = 2 if level <= 3 else 3
            body.append(text)
            after_image = False
            continue
        if keep_boilerplate:
            body.append(unit)
        elif is_markup_only(unit) or (after_image and italic_line(unit) is not None):
            r.dropped.append(unit)  # an image, a rule, bare HTML, the caption under an image
            after_image = is_image_line(unit) or unit.strip().lower().startswith("<figure")
            continue
        elif (
            is_boilerplate(unit)
            or is_counter(unit)
            or is_desk_byline(unit)
            or (n > 0 and is_promo(unit))
            or _ORIGINAL_TITLE.match(unit)
            or is_provenance_note(unit)
            or (n > 0 and is_caption(unit) and parse_header_line(unit) is None)
            or _between_buttons(units, n)
            or is_helpline(unit)
            or is_helpline_slogan(units, n)
        ):
            r.dropped.append(unit)
        else:
            body.append(strip_quote(unit))
        after_image = False
    if not body:
        body = list(units)  # nothing but furniture: keep it rather than lose everything
        r.dropped.clear()

    page = not keep_boilerplate and not is_book(body)  # a novel's 楔子 and 尾声 are no page frame
    if page:
        body = _drop_frame(r, body)
    _take_leading_header(r, body)
    _take_title(r, body)
    _take_byline_line(r, body)
    _take_header(r, body)
    for _, fields in r.consumed:
        if isinstance(fields.get("affiliation"), str):
            _unglue_channel(r, str(fields["affiliation"]))
    _take_tagged_outlet(r, body, closing_tags(units))
    if page:
        _drop_channel_label(r, body)
        _drop_title_variant(r, body)
    for fields, line in r.tail_meta:  # after the header's: its date and source come first
        _apply(r, fields, line)
    _take_tail(r, body)
    _take_byline(r, body)
    if page:  # a book has no photos between its paragraphs: a terse line there is text
        _drop_placed_captions(r, body)
    _keep_unused_meta(r)
    # Dropped lines in the order they appeared (header furniture found later comes last).
    position: dict[str, int] = {}
    for i, unit in enumerate(units):
        position.setdefault(unit, i)
    r.dropped.sort(key=lambda text: position.get(text, len(units)))
    book = apply_chapters(r, body)  # a novel or long report: its chapter lines are the headings
    for i, text in enumerate(body):
        level = book.level(i) if book else heading_level(
            text,
            body[i - 1] if i > 0 else None,
            body[i + 1] if i + 1 < len(body) else None,
            opens_body=i == 0 and bool(r.title) and not r.warnings,
        )
        level = marked.get(text, level)
        r.blocks.append(heading(text, level) if level else paragraph(text))
    r.blocks = headings_over_short_paragraphs(same_shape_headings(r.blocks))
    r.blocks = two_line_headings(numbered_section_headings(r.blocks))
    return r


def _between_buttons(units: list[str] | tuple[str, ...], n: int) -> bool:
    """A photo's caption framed by the share buttons the page puts around the photo."""
    return (
        0 < n < len(units) - 1
        and bare_caption_shaped(units[n])
        and is_boilerplate(units[n - 1])
        and is_boilerplate(units[n + 1])
    )


def _drop_placed_captions(r: Recognised, body: list[str]) -> None:
    """Captions known only by their place among the story's paragraphs (no credit, no
    ▲): uncredited noun-phrase lines between paragraphs, a line printed twice in a row."""
    drop = set(bare_captions(body)) | set(repeated_captions(body))
    if not drop:
        return
    r.dropped.extend(body[i] for i in sorted(drop))
    body[:] = [line for i, line in enumerate(body) if i not in drop]


def _keep_unused_meta(r: Recognised) -> None:
    """A header line with a value the model does not hold (a source or date that lost to
    another line's) is kept on `dropped`, so that what it said is not lost."""
    people = {a.name for a in r.authors} | set(r.editors)
    for line, fields in r.consumed:
        outlets = [v for k in ("source", "affiliation") if isinstance(v := fields.get(k), str)]
        names = [n for n, _ in fields.get("authors", [])]  # type: ignore[attr-defined]
        names += list(fields.get("editors", []))  # type: ignore[call-overload]
        published = fields.get("published")
        lost_date = isinstance(published, str) and not (
            r.published and (r.published.startswith(published) or published.startswith(r.published))
        )
        lost = (
            lost_date or any(o != r.source for o in outlets) or any(n not in people for n in names)
        )
        if lost and line not in r.dropped:
            r.dropped.append(line)


def _drop_frame(r: Recognised, body: list[str]) -> list[str]:
    """A whole page copied as text: the site's frame above the headline and below the
    story goes to `dropped`; rights and meta lines found below the story are kept."""
    ext = find_extent(body, _is_meta, _only_rights)
    end = ext.body_end
    for i in range(ext.body_start + 1, ext.body_end):
        if is_related_header(body[i]):  # `相关新闻`, `延伸閱讀`, `Related Topics`: the story ended
            end = i
            break
    head, zone, tail = body[: ext.title], body[ext.title : ext.body_start], body[end:]
    r.dropped.extend(head)
    _date_over_lines(r, zone)
    kept = zone[:1] + [line for line in zone[1:] if not _is_head_furniture(line)]
    r.dropped.extend(line for line in zone[1:] if _is_head_furniture(line))
    article = kept + body[ext.body_start : end]
    for n, line in enumerate(tail):
        glued = _GLUED_SIGN_OFF.search(line)
        if n == 0 and glued and sign_off(glued.group("wire")):  # `…products. Reuter`
            article.append(line[: glued.start("wire")].rstrip())
            line = glued.group("wire")
        fields = parse_header_line(line) if line_width(line) <= 160 else None
        wire = sign_off(line)
        if is_rights(line):
            kept, notice = split_rights(line)
            if kept and n == 0 and is_prose(kept):
                article.append(kept)  # the story's last paragraph ends with the notice
            elif kept:
                r.dropped.append(kept)
            r.rights.append(notice)
        elif wire:
            r.dropped.append(line)
            r.source = r.source or wire
        elif fields is not None and (n < TAIL_LINES or not fields.get("published")):
            r.tail_meta.append((fields, line))  # a date far below the story is a teaser's
        else:
            r.dropped.append(line)
    return article


_DATE_PIECE = regex_cache.compile(r"^[\d/:：.\-年月日\s]{2,12}$")


def _date_over_lines(r: Recognised, zone: list[str]) -> None:
    """`2019` / `09/07` / `19:02` on lines of their own under the headline: one date."""
    for i in range(1, len(zone)):
        run = []
        for line in zone[i : i + 4]:
            if not _DATE_PIECE.match(line):
                break
            run.append(line)
        if len(run) >= 2:
            joined = " ".join(x.strip() for x in run).replace(" 0", " 0")
            iso = parse_date(re.sub(r"^(\d{4}) (\d{1,2})/(\d{1,2})", r"\1/\2/\3", joined))
            if iso and r.published is None:
                r.published = iso  # the pieces themselves go to dropped as furniture
            return


def _only_rights(line: str) -> bool:
    """A rights notice with no sentence of the article before it in the line."""
    return is_rights(line) and not is_prose(split_rights(line)[0] or "")


@lru_cache(maxsize=8192)
def _is_meta(line: str) -> bool:
    if is_meta_line(line):
        return True
    return line_width(line) <= 160 and parse_header_line(line) is not None


# Labels of what a page shows beside the story, not the story: `原标题：…`, `正在阅读：…`.
_PAGE_LABEL = regex_cache.compile(
    r"^[（(]?(?:原标题|原題|原题|正在阅读|正在閱讀|当前位置|您的位置|現在位置)\s*[:：]"
)


def _is_head_furniture(line: str) -> bool:
    """Between a page's headline and its story: share buttons one per line (`微信`),
    counters (`357`), font-size pickers (`A-A+`, `大`), `原标题：…` labels."""
    if _PAGE_LABEL.match(line):
        return True
    if is_prose(line) or _is_meta(line) or line.startswith(("——", "—", "--")):
        return False
    words = re.findall(r"[^\W\d_]", line)
    if len(words) <= 2 and not any(is_han(w) for w in words):
        return True  # a number, a mark, `A-A+`: a counter or a button
    if line.strip() in _HEAD_BUTTONS:
        return True
    return _TOKEN_RE.sub("", _FURNITURE_PUNCT.sub("", line)).strip("0123456789,+-") == ""


# Buttons a page puts under its headline, one per line (a two-character section name such
# as 楔子 or 前言 is not one of them).
_HEAD_BUTTONS = frozenset(
    ["留言", "评论", "評論", "收藏", "登录", "登入", "注册", "註冊", "订阅", "訂閱", "关注", "關注"]
)


def _take_leading_header(r: Recognised, body: list[str]) -> None:
    """Metadata lines above the title (some sites put the date first) are not the title."""
    while len(body) > 1 and line_width(body[0]) <= 160:
        fields = parse_header_line(body[0])
        if fields is None:
            return
        _apply(r, fields, body[0])
        body.pop(0)


def _reads_as_prose(line: str) -> bool:
    """A first line that opens with a reporter's dateline, or is a finished sentence with a
    comma inside, is the first paragraph: headlines neither carry bylines nor end in 。"""
    if find_byline(line):
        return True
    ends_sentence = line.rstrip().endswith(("。", "．", "！", "？", "."))
    return ends_sentence and ("，" in line or ", " in line)


def _take_title(r: Recognised, body: list[str]) -> None:
    """The first meaningful line is the title (a kicker may sit above it, a subtitle
    under it); a repeat of it is dropped."""
    if len(body) > 2 and is_kicker(body[0], body[1]) and not _reads_as_prose(body[1]):
        r.kicker = body.pop(0)
    first = body[0]
    if line_width(first) <= MAX_TITLE_WIDTH and not _reads_as_prose(first):
        r.title = body.pop(0)
        r.title, tag = split_media_tag(r.title)
        if tag:
            r.dropped.append(tag)
        r.title, site = split_site_suffix(r.title)
        if site and r.source is None:
            r.source, r.source_is_affiliation = site, True  # a source line may still name one
        elif site:
            r.dropped.append(site)
    else:
        # No title line: name the article after its first sentence, without the dateline.
        byline = find_byline(first)
        opening = first[len(byline[0]) :] if byline and len(first) > len(byline[0]) else first
        r.title = derive_title(opening)
        r.warnings.append(
            "no title line: the title is derived from the first sentence of the text"
        )
    for i in range(min(3, len(body))):
        if _same(body[i], r.title):
            r.dropped.append(body.pop(i))
            break
    # `——记省劳动模范张三` under the title is a subtitle (a lone dash is not); the dash
    # stays, as Chinese subtitles are printed with it.
    if (
        body
        and body[0].startswith(("——", "—", "--"))
        and line_width(body[0]) <= 100
        and len(body[0].lstrip("—- ")) >= 2
    ):
        r.subtitle = body.pop(0)


def _take_header(r: Recognised, body: list[str]) -> None:
    """Metadata lines near the top leave the body for the meta fields."""
    i = 0
    seen = 0
    while i < len(body) and seen < HEADER_LINES:
        seen += 1
        fields = parse_header_line(body[i]) if line_width(body[i]) <= 160 else None
        if fields is None:
            i += 1
            continue
        _apply(r, fields, body[i])
        body.pop(i)


_BYLINE_LINE_REACH = 15  # a summary box or a few paragraphs may stand above the byline
_KEY_POINTS = regex_cache.compile(
    r"^[【\[]?(?:划重点|劃重點|要点速览|要點速覽|本文要点|本文要點|Key points)[】\]]?\s*[:：]?$"
)
_KEY_POINTS_MAX_LINES = 8


def _take_byline_line(r: Recognised, body: list[str]) -> None:
    """A line that is only a byline (`《某刊》作者 张三`, `记者 张三`) in the header zone or
    below it, under a key-points box: the writers, not a paragraph. The box above it
    (`划重点：` and its sentences, which the story repeats) is the page's summary."""
    for j, line in enumerate(body[:_BYLINE_LINE_REACH]):
        if line_width(line) > 60:
            continue
        fields = parse_header_line(line)
        if not fields or not fields["authors"] or fields.get("published"):
            continue
        if not all(role for _, role in fields["authors"]):  # type: ignore[attr-defined]
            continue  # a role word (`作者`, `记者`) says these are writers
        box = [k for k in range(max(0, j - _KEY_POINTS_MAX_LINES), j) if _KEY_POINTS.match(body[k])]
        _apply(r, fields, line)
        start = box[0] if box else j
        r.dropped.extend(body[start:j])
        del body[start : j + 1]
        return


def _unglue_channel(r: Recognised, outlet: str) -> None:
    """`金融市场棱镜` (a channel glued to the column) and a byline naming `棱镜`: the
    outlet is the byline's."""
    glued = r.source and r.source != outlet and r.source.endswith(outlet)
    if glued and not r.source_is_affiliation:
        r.source = outlet


_VARIANT_MIN_RATIO = 0.8  # one word changed in a headline of a dozen characters


def _drop_title_variant(r: Recognised, body: list[str]) -> None:
    """The headline again with a word changed (`姚明对周琦说了啥？` … over the embedded
    video, or the page's other headline) opening the body: not the story's first line."""
    if not r.title or not body or body[0].rstrip().endswith(("。", ".", "！", "!")):
        return
    first = re.sub(r"\s+", "", body[0])
    title = re.sub(r"\s+", "", r.title)
    if abs(len(first) - len(title)) > max(2, len(title) // 5):
        return
    if SequenceMatcher(None, first, title, autojunk=False).ratio() >= _VARIANT_MIN_RATIO:
        r.dropped.append(body.pop(0))


_CHANNEL_LABEL = regex_cache.compile(r"^[\u3400-\u9fff]{2}$")


def _drop_channel_label(r: Recognised, body: list[str]) -> None:
    """`社會`, `國際` alone under the headline and its meta lines, over the first
    paragraph: the page's section label. Two characters say nothing a heading would."""
    if (
        r.title
        and r.consumed
        and len(body) > 1
        and _CHANNEL_LABEL.match(body[0].strip())
        and line_width(body[1]) >= _REAL_PARAGRAPH_WIDTH
    ):
        r.dropped.append(body.pop(0))


# `(某某报 )`, `（某某網）` alone on a line near the end: the page's closing tag of its outlet.
_CLOSING_TAG = regex_cache.compile(
    r"^[（(]\s*(?P<name>[\u3400-\u9fff]{2,8}|[A-Z][\w.&'-]{1,20})\s*[）)]$")
_CLOSING_TAG_LINES = 40  # the story's end and the page's footer


def closing_tags(units: list[str] | tuple[str, ...]) -> set[str]:
    """Names in closing tags among the last lines of a page."""
    return {m["name"] for u in units[-_CLOSING_TAG_LINES:] if (m := _CLOSING_TAG.match(u.strip()))}


def _take_tagged_outlet(r: Recognised, body: list[str], tags: set[str]) -> None:
    """A bare short line under the headline that the page's closing tag repeats (`中時` …
    `(中時 )`) names the outlet; a bare two- or three-character name right under it is the
    reporter (`中時` / `謝明俊`). Without the tag a bare short line says too little."""
    if not tags:
        return
    for i, line in enumerate(body[:HEADER_LINES]):
        if line.strip() not in tags:
            continue
        _apply(r, {"source": line.strip(), "authors": [], "editors": []}, body.pop(i))
        if i < len(body) and _CJK_NAME_ONLY.match(body[i].strip()) and find_byline(body[i]) is None:
            name = body[i].strip()
            _apply(r, {"authors": [(name, None)], "editors": []}, body.pop(i))
        break
    if r.source is not None and body and body[-1].strip().strip("()（） ") == r.source:
        r.dropped.append(body.pop())  # the closing tag itself, when the story runs to it


def _apply(r: Recognised, fields: dict[str, object], line: str) -> None:
    r.consumed.append((line, fields))
    if isinstance(fields.get("source"), str) and (r.source is None or r.source_is_affiliation):
        r.source, r.source_is_affiliation = str(fields["source"]), False
    if r.source is None and isinstance(fields.get("affiliation"), str):
        # `澎湃新闻记者 张三`: the reporter's paper, unless a source line names another
        r.source, r.source_is_affiliation = str(fields["affiliation"]), True
    published = fields.get("published")
    if isinstance(published, str) and (
        r.published is None or (len(r.published) == 10 and published.startswith(r.published))
    ):
        r.published = published  # the first date wins, unless a later one adds its time
    for name, role in fields.get("authors", []):  # type: ignore[attr-defined]
        r.add_author(name, role)
    for name in fields.get("editors", []):  # type: ignore[attr-defined]
        r.add_editor(name)
    r.dropped.extend(fields.get("dropped", []))  # type: ignore[arg-type]


_GLUED_SIGN_OFF = regex_cache.compile(r"(?<=[.!?\"”])\s+(?P<wire>\S+)$")


def _take_tail(r: Recognised, body: list[str]) -> None:
    """Editor lines and the closing copyright/disclaimer block leave the body."""
    start = max(1, len(body) - TAIL_LINES)
    for i in range(len(body) - 1, start - 1, -1):
        if line_width(body[i]) > 160:
            continue  # an editor line is short
        fields = parse_header_line(body[i])
        if fields and (fields["editors"] or fields["authors"] or fields.get("source")):
            _apply(r, fields, body[i])  # `责任编辑：…`, `（来源：某某日报）`, `采写：记者 张三`
            body.pop(i)
    glued = _GLUED_SIGN_OFF.search(body[-1]) if body else None
    if glued and sign_off(glued.group("wire")):  # a hard-wrapped wire's last line rejoined
        body[-1] = body[-1][: glued.start("wire")].rstrip()
        body.append(glued.group("wire"))
    if len(body) > 1:
        wire = sign_off(body[-1])
        if wire:
            r.dropped.append(body.pop())
            if r.source is None:
                r.source = wire
    rights: list[str] = []
    while len(body) > 1 and is_rights(body[-1]):
        kept, notice = split_rights(body[-1])
        rights.insert(0, notice)
        if kept:  # the notice ends a paragraph of the article: only the notice moves
            body[-1] = kept
            break
        body.pop()
    r.rights = rights + r.rights
    if body:
        m = _TRAILING_EDITOR.search(body[-1])
        if m and len(body[-1]) > m.end() - m.start():
            names = _names(m.group("names"))
            if names:
                for name in names:
                    r.add_editor(name)
                body[-1] = body[-1][: m.start()].rstrip()
                if is_boilerplate(body[-1]):
                    r.dropped.append(body.pop())


_AGENCY = regex_cache.compile(
    r"^[（(]?(?P<agency>新华社|中新社|中央社|路透社|法新社|美联社|共同社|美聯社|新華社)"
)


def _take_byline(r: Recognised, body: list[str]) -> None:
    """`本报5月15日讯（记者缪友银）` adds the reporter; the text stays in the paragraph.

    A news agency opening the dateline (新华社, 中央社) is the source when no
    header named one.
    """
    for text in body[:5]:
        outlet = dateline_source(text)
        if outlet and (r.source is None or r.source_is_affiliation):
            r.source, r.source_is_affiliation = outlet, False
        found = find_byline(text)
        if found:
            r.dateline = found[0]
            for name, role in found[1]:
                r.add_author(name, role)
            agency = _AGENCY.match(found[0])
            if agency and r.source is None:
                r.source = agency.group("agency")
            return
        if outlet:
            return
