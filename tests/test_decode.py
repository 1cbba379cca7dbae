"""Decoding: BOMs, binary refusal, detection confirmed by strict decodes, replacement."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert.decode import decode, plausibility, text_codec
from convert.errors import InputError

SIMPLIFIED = (
    "省委书记主持召开会议，传达学习中央政治局常委会会议精神，听取当前全省疫情防控重点工作"
    "情况汇报。他强调，要深入学习贯彻重要讲话精神，抓紧抓实抓细各项工作。"
)
TRADITIONAL = (
    "臺北捷運公司今天宣布，自下個月起每逢週五、週六及國定假日前夕，全線末班車將延後至凌晨"
    "一時，試辦期間為期三個月，期滿後將依運量決定是否常態實施。"
)


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    ],
)
def test_a_byte_order_mark_wins(bom: bytes, codec: str, expected: str) -> None:
    decoded = decode(bom + SIMPLIFIED.encode(codec))
    assert decoded.encoding == expected
    assert decoded.text.lstrip("\ufeff") == SIMPLIFIED
    assert decoded.confidence == 1.0
    assert (bom + SIMPLIFIED.encode(codec)).decode(decoded.encoding).lstrip("\ufeff") == SIMPLIFIED


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(codec: str) -> None:
    text = "来源：新华网 2024-03-08\n" + SIMPLIFIED
    decoded = decode(text.encode(codec))
    assert decoded.encoding == codec
    assert decoded.text == text


def test_utf16_without_bom_of_pure_cjk_with_a_few_digits() -> None:
    decoded = decode(("2025年" + TRADITIONAL).encode("utf-16-be"))
    assert decoded.text == "2025年" + TRADITIONAL


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED, "gb2312", "gb18030"),
        (SIMPLIFIED + "𠮷", "gb18030", "gb18030"),
        (TRADITIONAL, "big5", "big5hkscs"),
        (TRADITIONAL, "cp950", "big5hkscs"),
    ],
)
def test_chinese_legacy_sets_decode_as_their_supersets(
    text: str, codec: str, expected: str
) -> None:
    data = text.encode(codec)
    decoded = decode(data)
    assert decoded.encoding == expected
    assert decoded.text == text
    assert 0 < (decoded.confidence or 0) <= 1
    assert not decoded.warnings


@pytest.mark.parametrize("title", ["北京", "上海", "我们", "中文测试，你好", "今天天气很好。"])
def test_short_gbk_titles_are_not_read_as_korean_or_cyrillic(title: str) -> None:
    assert decode(title.encode("gbk")).text == title


@pytest.mark.parametrize("title", ["臺北", "香港", "我們", "今天天氣很好。"])
def test_short_big5_titles(title: str) -> None:
    assert decode(title.encode("big5")).text == title


def test_ascii_is_reported_as_utf8() -> None:
    decoded = decode(b"Plain ASCII headline\n\nBody text.")
    assert decoded.encoding == "utf-8"
    assert decoded.confidence == 1.0


def test_utf8_is_taken_when_it_decodes_strictly() -> None:
    decoded = decode(TRADITIONAL.encode("utf-8"))
    assert (decoded.encoding, decoded.text) == ("utf-8", TRADITIONAL)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
        (b"\xff\xd8\xff\xe0" + bytes(100), "JPEG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04" + bytes(50), "ZIP"),
        (b"\x1f\x8b\x08\x00" + bytes(50), "GZIP"),
    ],
)
def test_binary_formats_are_refused_by_magic_bytes(data: bytes, what: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data)
    message = str(info.value)
    assert what in message and "\n" not in message


def test_nul_heavy_data_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(256)) * 20)


def test_empty_input_is_refused() -> None:
    with pytest.raises(InputError, match="empty"):
        decode(b"")


def test_forced_encoding_is_used_even_when_detection_would_differ() -> None:
    data = SIMPLIFIED.encode("gbk")
    decoded = decode(data, forced="big5hkscs")
    assert decoded.encoding == "big5hkscs"
    assert decoded.text != SIMPLIFIED  # the user asked for it: their call
    assert decode(data, forced="GBK").encoding == "gbk"  # Python's canonical codec name


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("no-such-codec", "unknown encoding"),
        ("base64", "not a text encoding"),
        ("rot13", "not a text encoding"),
        ("zlib", "not a text encoding"),
        ("idna", "not an encoding text files are written in"),
    ],
)
def test_unknown_or_non_text_forced_encoding_is_a_clear_error(name: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode(b"abc", forced=name)


def test_forced_codec_that_fails_replaces_and_says_where() -> None:
    decoded = decode(b"abc\xffdef\xfe", forced="utf-8")
    assert decoded.text == "abc\ufffddef\ufffd"
    (warning,) = decoded.warnings
    assert "2 undecodable bytes" in warning and "offsets 3, 7" in warning


def test_a_corrupt_byte_in_gbk_gives_gbk_with_one_replacement() -> None:
    good = (SIMPLIFIED * 20).encode("gbk")
    cut = len((SIMPLIFIED * 10).encode("gbk"))  # a character boundary
    decoded = decode(good[:cut] + b"\xff" + good[cut:])
    assert decoded.encoding == "gb18030"
    assert decoded.text.count("\ufffd") == 1
    assert decoded.text.replace("\ufffd", "") == SIMPLIFIED * 20
    (warning,) = decoded.warnings
    assert "1 undecodable byte " in warning and f"offset {cut}" in warning


def test_mojibake_scores_below_real_text() -> None:
    data = (SIMPLIFIED * 3).encode("gbk")
    assert plausibility(data.decode("gb18030")) > 0.8
    assert plausibility(data.decode("big5hkscs", errors="replace")) < 0.55
    assert plausibility(data.decode("cp1252", errors="replace")) < 0.55
    assert plausibility(data.decode("cp949", errors="replace")) < 0.55


def test_arbitrary_bytes_give_text_or_a_clear_error() -> None:
    data = bytes((i * 7919) % 251 for i in range(5000))
    try:
        decoded = decode(data)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(decoded.text, str) and decoded.encoding


@pytest.mark.parametrize("text", ["䶮䶮", "𠮷𪚥", "😀", "镕", "Café"])
def test_short_valid_utf8_stays_utf8(text: str) -> None:
    decoded = decode(text.encode("utf-8"))
    assert (decoded.encoding, decoded.text) == ("utf-8", text)


def test_gbk_bytes_that_happen_to_be_valid_utf8_are_read_as_gbk() -> None:
    data = "一".encode("gbk")
    assert data.decode("utf-8") == "һ"  # D2 BB: a Cyrillic letter in UTF-8
    assert decode(data).text == "一"


def test_hong_kong_characters_need_big5hkscs() -> None:
    text = "佢哋話今日嘅天氣唔係幾好，我哋都冇出去，喺屋企睇電視。" * 3
    data = text.encode("big5hkscs")
    with pytest.raises(UnicodeDecodeError):
        data.decode("big5")  # plain Big5 lacks 哋 and 嘅
    decoded = decode(data)
    assert (decoded.encoding, decoded.text) == ("big5hkscs", text)


ARTICLE_ZH = "河西村合作社今年迎来了建社以来规模最大的一批订单，村民们连续三天忙着分拣装箱。" * 4


@pytest.mark.parametrize(
    ("damage", "bad_bytes"),
    [
        (lambda d: d[:60] + b"\xff" + d[60:], 1),  # a stray byte in the middle
        (lambda d: d + "河".encode()[:2], 2),  # a sequence cut at the end
        (lambda d: d[:60] + b"\xc0\xaf" + d[60:], 2),  # an overlong form of '/'
    ],
)
def test_one_bad_byte_is_not_a_new_encoding(damage: object, bad_bytes: int) -> None:
    data = damage(ARTICLE_ZH.encode("utf-8"))  # type: ignore[operator]
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text.replace("\ufffd", "") == ARTICLE_ZH
    (warning,) = decoded.warnings
    assert f"{bad_bytes} undecodable byte" in warning and "offset" in warning


def test_gbk_bytes_are_not_mistaken_for_damaged_utf8() -> None:
    decoded = decode(ARTICLE_ZH.encode("gbk"))
    assert decoded.encoding == "gb18030" and decoded.text == ARTICLE_ZH


def test_text_codec_names_only_text_encodings() -> None:
    assert text_codec("GBK") == "gbk"
    for name in ("rot13", "base64", "zlib", "idna", "nope"):
        with pytest.raises(ValueError):
            text_codec(name)


def _stray_verdict(sample: bytes) -> bool:
    from convert.decode import _decode_replacing, _few_stray

    text, _, spans = _decode_replacing(sample, "utf-8")
    return _few_stray(text, spans)


@pytest.mark.parametrize(
    "sample",
    [
        ARTICLE_ZH.encode("gbk"),  # legacy bytes: invalid nearly everywhere
        TRADITIONAL.encode("big5"),
        ARTICLE_ZH.encode("utf-8"),
        ARTICLE_ZH.encode("utf-8")[:61] + b"\xff\xfe" + ARTICLE_ZH.encode("utf-8")[61:],
        # U+FFFD already in the text is not a bad byte, and is not valid text either.
        ("\ufffd" * 5 + ARTICLE_ZH).encode("utf-8") + b"\xff",
        ("\ufffd" * 40 + "abc").encode("utf-8"),
        ARTICLE_ZH.encode("utf-8") + b"\xe6\x97" * 3,  # cut sequences: runs of two bytes
        ARTICLE_ZH.encode("utf-8") + b"\xe6\x97" * 8,
        b"plain ascii" * 10 + b"\xe9",
        SIMPLIFIED.encode("gb18030") + ARTICLE_ZH.encode("utf-8"),
    ],
)
def test_quick_utf8_refusal_only_refuses_what_the_full_count_refuses(sample: bytes) -> None:
    from convert.decode import _clearly_not_utf8

    if _clearly_not_utf8(sample):
        assert not _stray_verdict(sample)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(
    st.text(min_size=1, max_size=30).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(min_size=1, max_size=3),  # stray bytes, cut sequences
    st.sampled_from([ARTICLE_ZH.encode("gbk"), "\ufffd".encode(), "河".encode()]),
), max_size=40))
def test_quick_utf8_refusal_never_refuses_what_the_full_count_keeps(pieces: list[bytes]) -> None:
    from convert.decode import _clearly_not_utf8

    sample = b"".join(pieces)
    if _clearly_not_utf8(sample):
        assert not _stray_verdict(sample)


def test_quick_utf8_refusal_settles_legacy_chinese() -> None:
    from convert.decode import _clearly_not_utf8

    assert _clearly_not_utf8((ARTICLE_ZH * 50).encode("gbk"))
    assert _clearly_not_utf8((TRADITIONAL * 50).encode("big5"))
    assert not _clearly_not_utf8(ARTICLE_ZH.encode("utf-8") + b"\xff")
