"""Nothing lost: every line of a generated article ends up somewhere in the model.

Articles are generated from invented parts in real-world layouts (a page's menu,
header lines in many forms, share widgets, subheadings, a related-links list, a
rights notice). Every input unit must land in the title, kicker, subtitle, a
block, `rights` or `dropped` (whitespace aside), or be a header line whose values
are on the meta fields. Punctuation restoration is the one named change left out
(keep_punctuation); labels and date formats are what a header line may lose.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert.charclass import FREQUENT_HANZI
from convert.model import Document
from convert.normalise import paragraphs
from convert.reader import ReadOptions, read_text
from convert.recognise import parse_header_line

HAN = "".join(sorted(FREQUENT_HANZI))  # common characters: text, not mojibake
NAMES = ["王小明", "李华", "张三", "赵丽颖", "陈一", "林大伟"]
OUTLETS = ["某某晚报", "河东日报", "某某新闻网", "北方时报"]
MENU = ["首页", "新闻", "财经", "体育", "娱乐", "科技", "登录", "注册", "下载客户端"]
WIDGETS = ["分享到：", "微信", "微博", "打印", "【字体：大 中 小】", "扫一扫"]

han = st.text(alphabet=HAN, min_size=4, max_size=14)


@st.composite
def paragraph_text(draw: st.DrawFn) -> str:
    clauses = draw(st.lists(st.text(alphabet=HAN, min_size=4, max_size=20), min_size=2, max_size=6))
    return "，".join(clauses) + "。"


@st.composite
def date_text(draw: st.DrawFn) -> str:
    y = draw(st.integers(2000, 2030))
    m = draw(st.integers(1, 12))
    d = draw(st.integers(1, 28))
    form = draw(
        st.sampled_from(["{y}-{m:02d}-{d:02d} 08:15", "{y}年{m}月{d}日", "{y}/{m:02d}/{d:02d}"])
    )
    return form.format(y=y, m=m, d=d)


@st.composite
def header_line(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(NAMES))
    outlet = draw(st.sampled_from(OUTLETS))
    date = draw(date_text())
    form = draw(
        st.sampled_from(
            [
                "来源：{o}",
                "{d}　来源：{o}",
                "{o}　{d}",
                "记者 {n}",
                "作者：{n}",
                "发布时间：{d}",
                "{d} 来源：{o} 作者：{n}",
                "{o}记者 {n}",
            ]
        )
    )
    return form.format(n=name, o=outlet, d=date)


@st.composite
def article(draw: st.DrawFn) -> str:
    lines: list[str] = []
    if draw(st.booleans()):
        lines += draw(st.lists(st.sampled_from(MENU), min_size=3, max_size=9))
    lines.append(draw(han))  # the headline
    lines += draw(st.lists(header_line(), max_size=3))
    lines += draw(st.lists(st.sampled_from(WIDGETS), max_size=3))
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.integers(0, 4)) == 0:
            lines.append(draw(han))  # a subheading
        lines.append(draw(paragraph_text()))
    if draw(st.booleans()):
        lines += ["相关新闻", *draw(st.lists(han, min_size=2, max_size=5))]
    if draw(st.booleans()):
        lines.append("责任编辑：" + draw(st.sampled_from(NAMES)))
    if draw(st.booleans()):
        lines.append("版权所有 未经授权不得转载")
    elif draw(st.booleans()):  # a rights notice closing the last paragraph
        lines[-1] += "（图片版权归某某所有，未经授权不得转载）"
    return draw(st.sampled_from(["\n", "\n\n"])).join(lines) + "\n"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _kept(doc: Document) -> str:
    m = doc.meta
    parts = [m.title, m.kicker or "", m.subtitle or "", *(b.text for b in doc.blocks)]
    parts += [*doc.rights, *doc.dropped]
    return "\u0000".join(_squash(p) for p in parts)


def _split_into_rights(unit: str, doc: Document) -> bool:
    """A paragraph whose closing sentence is a rights notice: the paragraph stays, the
    notice moves (the one named split)."""
    texts = [b.text for b in doc.blocks] + list(doc.dropped)
    return any(_squash(unit) == _squash(t + notice) for t in texts for notice in doc.rights)


def _in_meta(unit: str, doc: Document) -> bool:
    fields = parse_header_line(unit)
    if fields is None:
        return False
    m = doc.meta
    values: list[str] = [n for n, _ in fields["authors"]]  # type: ignore[union-attr]
    values += list(fields["editors"])  # type: ignore[arg-type]
    for key in ("source", "affiliation"):
        if isinstance(fields.get(key), str):
            values.append(str(fields[key]))
    meta = {m.source, *(a.name for a in m.authors), *m.editors}
    published = fields.get("published")
    date_ok = published is None or (
        m.published is not None
        and (m.published.startswith(str(published)) or str(published).startswith(m.published))
    )
    return all(v in meta for v in values) and date_ok


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article())
def test_nothing_is_lost(text: str) -> None:
    doc = read_text(text, ReadOptions(keep_punctuation=True))
    kept = _kept(doc)
    for unit in paragraphs(text).paragraphs:
        assert (
            _squash(unit) in kept or _in_meta(unit, doc) or _split_into_rights(unit, doc)
        ), (unit, doc.to_dict())
