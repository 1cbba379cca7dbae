"""The outlet a story names in its dateline or sign-off.

`新华社北京6月11日电`, `中新网上海3月8日电`, `某某晚报讯`, `新京报快讯`, `【某某网报道】`,
`（中央社記者…電）`, `(CNN) —`, `LONDON (Reuters) -`, `BEIJING, June 11 (Xinhua) --`,
`Taipei, April 7 (CNA)`; at the end, a wire's sign-off line (`Reuter`, `(AP)`).
`本报讯` ("this paper reports") names no outlet.
"""

from __future__ import annotations

from convert import regex_cache

_OUTLET_END = r"(?:网|網|社|报|報|台|客户端|客戶端|新闻|新聞|时报|時報)"
_CN_DATELINE = regex_cache.compile(
    r"^[（(【\[]?(?P<outlet>[\u3400-\u9fff]{1,8}?" + _OUTLET_END + r")"
    r"(?:[-－—·][\u3400-\u9fff]{2,10})?"  # `华龙网-新重庆客户端`: the outlet's app
    r"(?:[\u3400-\u9fff]{0,6}?\d{1,2}月\d{1,2}日(?:\d{1,2}时)?)?"
    r"(?:快讯|快訊|电|電|讯|訊|消息|报道|報導)"
)
_BRACKETED = regex_cache.compile(
    r"^【(?P<outlet>[^】]{2,12}?" + _OUTLET_END + r")(?:报道|報導|讯|訊)?】")
_EN_DATELINE = regex_cache.compile(
    r"^(?:[A-Z][\w .,'-]{0,40}?\s*)?\((?P<outlet>[A-Z][A-Za-z]{1,14})\)\s*(?:--|—|–|-|:)?\s"
)
_NOT_OUTLETS = {"本报", "本報", "本台", "本网", "本網", "本刊"}
# A wire's sign-off as the article's last line; the name it signs with.
_SIGN_OFFS = {
    "reuter": "Reuters",
    "reuters": "Reuters",
    "ap": "AP",
    "afp": "AFP",
    "xinhua": "Xinhua",
}


def dateline_source(text: str) -> str | None:
    """The outlet named by the dateline opening text, if any."""
    for pattern in (_BRACKETED, _CN_DATELINE, _EN_DATELINE):
        m = pattern.match(text)
        if m and m.group("outlet") not in _NOT_OUTLETS:
            outlet = m.group("outlet")
            return None if outlet.startswith(("本", "據", "据")) else outlet
    return None


def sign_off(line: str) -> str | None:
    """`Reuter`, `REUTER`, `(AP)` alone on the last line: the wire that signs the story."""
    key = line.strip().strip("()（）").lower()
    return _SIGN_OFFS.get(key)
