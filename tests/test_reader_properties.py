"""Properties: text survives encode -> read; arbitrary bytes never crash the reader."""

from __future__ import annotations

import unicodedata
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert.errors import InputError
from convert.model import Document
from convert.normalise import clean_characters
from convert.reader import ReadOptions, read_bytes

RAW = ReadOptions(keep_punctuation=True, keep_boilerplate=True)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Article-like text: CJK, Latin, digits, punctuation, spaces and line breaks.
_CHARS = st.sampled_from(
    list("的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下")
    + list("們這個國來為說時會對過發後裡於臺灣堃喆镕䶮𠮷𪚥")
    + list("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789")
    + list("，。、；：？！“”（）《》—…,.;:?!()\"'-")
    + [" ", " ", "\u3000", "\n", "\n", "\n\n", "\r\n", "\t"]
)
ARTICLE = st.lists(_CHARS, min_size=1, max_size=400).map("".join)
# Legacy encodings are detected from the bytes: a handful of them is ambiguous (two GBK
# bytes are also a Big5 character), so those properties use article-length text. Short
# titles have their own tests in test_decode.py.
LONGER_ARTICLE = st.lists(_CHARS, min_size=60, max_size=400).map("".join)


def _model_text(doc: Document) -> Counter[str]:
    m = doc.meta
    parts = [m.kicker or "", m.title, m.subtitle or "", m.source or "",
             *(a.name for a in m.authors)]
    parts += [*m.editors, *(b.text for b in doc.blocks), *doc.rights, *doc.dropped]
    return Counter(ch for ch in "".join(parts) if not ch.isspace())


def _expected_text(text: str) -> Counter[str]:
    cleaned, _ = clean_characters(text)
    return Counter(ch for ch in unicodedata.normalize("NFC", cleaned) if not ch.isspace())


def _survives(text: str, codec: str) -> None:
    expected = _expected_text(text)
    try:
        doc = read_bytes(text.encode(codec), RAW)
    except InputError:
        assert not expected  # only text with nothing visible may be refused
        return
    got = _model_text(doc)
    # Header lines become meta fields (a date turns into ISO form, a label like 来源 goes),
    # and a title cut from a long first line repeats characters: so, every character of
    # the text is in the model, and anything extra is from a recognised header or title.
    missing = expected - got
    if doc.meta.published is None and not doc.warnings:
        assert not missing, missing


@settings(SETTINGS)
@given(ARTICLE)
def test_utf8_text_survives(text: str) -> None:
    _survives(text, "utf-8")


@settings(SETTINGS)
@given(ARTICLE)
def test_utf16_text_survives(text: str) -> None:
    _survives(text, "utf-16")


@settings(SETTINGS)
@given(LONGER_ARTICLE)
def test_gb18030_text_survives(text: str) -> None:
    _survives(text, "gb18030")


@settings(SETTINGS)
@given(st.binary(min_size=0, max_size=2000))
def test_arbitrary_bytes_give_a_document_or_a_clear_error(data: bytes) -> None:
    try:
        doc = read_bytes(data)
    except InputError as exc:
        message = str(exc)
        assert message and "\n" not in message
    else:
        assert isinstance(doc, Document)
        assert Document.from_dict(doc.to_dict()) == doc
