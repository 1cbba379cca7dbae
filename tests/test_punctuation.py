"""Full-width punctuation restored beside CJK characters, and only there."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert.charclass import is_cjk
from convert.punctuation import restore


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("本报5月15日讯(记者缪友银)今天,省委书记", "本报5月15日讯（记者缪友银）今天，省委书记"),
        ("各市(州)、长白山", "各市（州）、长白山"),
        ("真的吗?是的!", "真的吗？是的！"),
        ("要抓隔离点;要抓民生", "要抓隔离点；要抓民生"),
        ("来源: 吉林日报", "来源：吉林日报"),
        ("“你好”,他说", "“你好”，他说"),
        ("报告(2020)显示", "报告（2020）显示"),
        ("XXX(署名)", "XXX（署名）"),
    ],
)
def test_ascii_marks_beside_cjk_become_full_width(before: str, after: str) -> None:
    assert restore(before) == after


@pytest.mark.parametrize(
    "kept",
    [
        "2020-05-16 11:36",
        "增长1.5%",
        "共1,000元",
        "比分3:1。",
        "请与010-84883777联系",
        "Hello, world (test)!",
        "https://example.com/a?b=1,c=2",
        "rx@chinadaily.com.cn",
    ],
)
def test_numbers_times_urls_emails_and_latin_are_untouched(kept: str) -> None:
    assert restore(kept) == kept


def test_url_beside_chinese_keeps_its_own_characters() -> None:
    out = restore("详见https://example.com/a?b=1,c=2(见附件),谢谢")
    assert "https://example.com/a?b=1,c=2" in out
    assert out.endswith("（见附件），谢谢")


def test_email_after_a_chinese_colon() -> None:
    assert restore("提意见:rx@chinadaily.com.cn") == "提意见：rx@chinadaily.com.cn"


def test_brackets_convert_as_a_pair() -> None:
    out = restore("公司(Beijing)成立")
    assert out.count("（") == out.count("）") == 1


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("预计明年成立.", "预计明年成立。"),
        ("成立. 政务委员表示", "成立。政务委员表示"),
        ('他说:"我很欣慰."他强调', "他说：“我很欣慰。”他强调"),
        ('他说"OK"。', "他说“OK”。"),
        ("版本2.0发布.", "版本2.0发布。"),
    ],
)
def test_cjk_full_stops_and_paired_quotes(before: str, after: str) -> None:
    assert restore(before) == after


@pytest.mark.parametrize(
    "kept",
    [
        "访问www.xinhua.net.",
        "新华网.cn",
        "他说...",
        "美国U.S.政策",
        'She said "hello" today.',
        '"只有一个引号',  # an odd count cannot be paired with confidence
    ],
)
def test_full_stops_and_quotes_left_alone(kept: str) -> None:
    assert restore(kept) == kept


def test_spaces_go_only_beside_marks_converted_here() -> None:
    # The scraper's space after an original 。 is the author's text: the comma fix
    # elsewhere in the paragraph must not change it (nor depend on there being one).
    assert restore("使用。 未经授权,禁止转载") == "使用。 未经授权，禁止转载"
    assert restore("使用。 未经授权，禁止转载") == "使用。 未经授权，禁止转载"
    assert restore("他说 , 好的") == "他说，好的"


def test_an_english_paragraph_in_a_chinese_article_gets_english_quotes() -> None:
    from convert.reader import ReadOptions, punctuation_fixer

    fix = punctuation_fixer("zh-Hans", ReadOptions())
    assert fix('He said "we can\'t stop" and left.') == "He said “we can’t stop” and left."
    assert fix('他说"好的"。') == "他说“好的”。"  # Chinese text: the Chinese rules
    assert fix("CNN") == "CNN"


# The character-at-a-time version restore replaced (the rules unchanged): the same output.
def _reference_restore(text: str) -> str:
    from convert.punctuation import (
        _ANY_MARK,
        _MARKS,
        FULL_WIDTH,
        _convertible,
        _full_stops,
        _protected_mask,
    )

    if not _ANY_MARK.search(text):
        return text
    mask = _protected_mask(text)
    convert = {m.start() for m in _MARKS.finditer(text) if not mask[m.start()]}
    convert = {i for i in convert if _convertible(text, i)}
    stack: list[int] = []
    for i, ch in enumerate(text):  # partner brackets
        if mask[i]:
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            if (i in convert) != (j in convert):
                convert.add(i if j in convert else j)
    replace = {i: FULL_WIDTH[text[i]] for i in convert}
    replace |= {i: "。" for i in _full_stops(text, mask)}
    marks = [i for i, ch in enumerate(text) if ch == '"' and not mask[i]]
    quotes: dict[int, str] = {}
    if marks and not len(marks) % 2:
        for start, end in zip(marks[::2], marks[1::2], strict=True):
            touching = text[start - 1 : start] + text[end + 1 : end + 2]
            if any(is_cjk(c) for c in text[start + 1 : end] + touching):
                quotes[start], quotes[end] = "“", "”"
    if not replace and not quotes:
        return text
    out: list[str] = []
    after_converted = False
    for i, ch in enumerate(text):
        if i in quotes:
            out.append(quotes[i])
            after_converted = False
        elif i in replace:
            while out and out[-1] == " ":
                out.pop()
            out.append(replace[i])
            after_converted = True
        elif ch == " " and after_converted:
            continue
        else:
            out.append(ch)
            after_converted = False
    return "".join(out)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(
    ["中", "文", "a", "b", "1", "2", " ", "  ", ",", ":", ";", "?", "!", "(", ")", ".", "...",
     '"', "“", "”", "'", "http://a.b/c(d)", "x@y.cn", "。", "\u3000"]), max_size=30))
def test_restore_copies_the_text_between_marks_as_the_old_loop_did(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert restore(text) == _reference_restore(text)
