"""Properties of the web-page and Markdown readers (hypothesis).

- Any bytes give a Document or a one-line InputError, never a traceback.
- Nothing lost: every paragraph, heading, list item, quote and table cell of a
  generated Markdown note, or of a generated page read with --keep-boilerplate,
  ends up somewhere in the model (title, a block, rights or dropped).
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert.charclass import FREQUENT_HANZI
from convert.errors import InputError
from convert.model import Document
from convert.reader import ReadOptions
from convert.readers import html as html_reader
from convert.readers import markdown as markdown_reader

HAN = "".join(sorted(FREQUENT_HANZI))
KEEP = ReadOptions(keep_punctuation=True)

clause = st.text(alphabet=HAN, min_size=4, max_size=16)
sentence = st.lists(clause, min_size=2, max_size=5).map(lambda cs: "，".join(cs) + "。")
label = st.text(alphabet=HAN, min_size=3, max_size=10)

# Units of an article: (kind, texts).
unit = st.one_of(
    sentence.map(lambda s: ("p", [s])),
    label.map(lambda s: ("h", [s])),
    st.lists(sentence, min_size=1, max_size=4).map(lambda xs: ("ul", xs)),
    st.lists(sentence, min_size=1, max_size=3).map(lambda xs: ("quote", xs)),
    st.lists(st.tuples(label, label), min_size=1, max_size=4).map(
        lambda rows: ("table", [c for r in rows for c in r])),
)
article = st.tuples(label, st.lists(unit, min_size=1, max_size=8))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def everything(doc: Document) -> str:
    m = doc.meta
    parts = [m.title, m.subtitle or "", m.kicker or "", *doc.rights, *doc.dropped]
    parts += [getattr(node, "text", "") for node in doc.walk()]
    return squash("\n".join(parts))


def as_markdown(title: str, units: list[tuple[str, list[str]]]) -> str:
    out = [f"# {title}", ""]
    for kind, texts in units:
        if kind == "p":
            out += [texts[0], ""]
        elif kind == "h":
            out += [f"## {texts[0]}", ""]
        elif kind == "ul":
            out += [f"- {t}" for t in texts] + [""]
        elif kind == "quote":
            out += ["\n>\n".join(f"> {t}" for t in texts), ""]
        else:
            rows = list(zip(texts[::2], texts[1::2], strict=True))
            out += ["| 项目 | 内容 |", "|---|---|"] + [f"| {a} | {b} |" for a, b in rows] + [""]
    return "\n".join(out)


def as_page(title: str, units: list[tuple[str, list[str]]]) -> str:
    e = html.escape
    body = [f"<h1>{e(title)}</h1>"]
    for kind, texts in units:
        if kind == "p":
            body.append(f"<p>{e(texts[0])}</p>")
        elif kind == "h":
            body.append(f"<h2>{e(texts[0])}</h2>")
        elif kind == "ul":
            body.append("<ul>" + "".join(f"<li>{e(t)}</li>" for t in texts) + "</ul>")
        elif kind == "quote":
            body.append("<blockquote>" + "".join(f"<p>{e(t)}</p>" for t in texts)
                        + "</blockquote>")
        else:
            rows = zip(texts[::2], texts[1::2], strict=True)
            body.append("<table>" + "".join(f"<tr><td>{e(a)}</td><td>{e(b)}</td></tr>"
                                            for a, b in rows) + "</table>")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{e(title)}</title>"
            f"</head><body><article>{''.join(body)}</article></body></html>")


READERS = {
    "markdown": (markdown_reader.read_bytes, as_markdown, KEEP),
    # A page read whole: the extractor's choice of what is boilerplate is not tested here.
    "html": (html_reader.read_bytes, as_page,
             ReadOptions(keep_punctuation=True, keep_boilerplate=True)),
}


@pytest.mark.parametrize("name", READERS)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=article)
def test_nothing_in_a_generated_note_or_page_is_lost(name: str, parts: tuple[str, list]) -> None:
    read, write, options = READERS[name]
    title, units = parts
    found = everything(read(write(title, units).encode(), options))
    for _, texts in units:
        for text in texts:
            assert squash(text) in found, text
    assert squash(title) in found


tag = st.sampled_from(["p", "div", "h1", "h2", "ul", "li", "table", "tr", "td", "blockquote",
                       "pre", "em", "a", "img", "figure", "script", "style", "article"])


@st.composite
def tag_soup(draw: st.DrawFn) -> bytes:
    pieces = draw(st.lists(st.one_of(
        tag.map(lambda t: f"<{t}>"), tag.map(lambda t: f"</{t}>"),
        st.text(alphabet=HAN + "<>&;\"'=/ abc", max_size=20)), max_size=40))
    return ("<html><body>" + "".join(pieces)).encode("utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), tag_soup(),
                 st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_give_a_document_or_a_one_line_error(data: bytes) -> None:
    for read in (html_reader.read_bytes, markdown_reader.read_bytes):
        try:
            doc = read(data)
        except InputError as exc:
            assert str(exc) and "\n" not in str(exc)
        else:
            assert isinstance(doc, Document)
