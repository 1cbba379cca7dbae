"""Normalising: newlines, invisible characters, NFC, the three paragraph layouts."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from convert.normalise import clean_characters, join_wrapped, paragraphs, wrap_width

PARA_A = (
    "巴音朝鲁指出，习近平总书记的重要讲话和重要批示，充分体现了党中央对吉林疫情防控工作的高度重视。"
)
PARA_B = "全省上下要把思想和行动统一到重要讲话精神上来，把疫情防控作为当前全省工作的重中之重。"


def test_crlf_and_cr_become_lf() -> None:
    text, removed = clean_characters("a\r\nb\rc\u2028d")
    assert text == "a\nb\nc\nd" and removed == 0


def test_zero_width_and_control_characters_are_removed_and_counted() -> None:
    result = paragraphs("标\u200b题\n\n正\x00文\x07内容\ufeff")
    assert result.paragraphs == ("标题", "正文内容")
    (warning,) = result.warnings
    assert "4" in warning


def test_zwj_in_emoji_is_kept() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert family in paragraphs(f"标题\n{family}").paragraphs[1]


def test_nfc_not_nfkc() -> None:
    decomposed = "Cafe\u0301，（全角）１２３"
    (text,) = paragraphs(decomposed).paragraphs
    assert text == unicodedata.normalize("NFC", decomposed)
    assert "，（全角）１２３" in text  # NFKC would have made these ASCII


def test_indentation_is_stripped() -> None:
    result = paragraphs("标题\n\u3000\u3000第一段。\n\u00a0\u00a0第二段。\n\t第三段。")
    assert result.paragraphs == ("标题", "第一段。", "第二段。", "第三段。")


def test_blank_line_separated_layout() -> None:
    result = paragraphs(f"标题\n\n{PARA_A}\n\n{PARA_B}\n")
    assert result.layout == "blank-line"
    assert result.paragraphs == ("标题", PARA_A, PARA_B)


def test_one_line_per_paragraph_layout() -> None:
    result = paragraphs(f"标题\n{PARA_A}\n{PARA_B}")
    assert result.layout == "line-per-paragraph"
    assert result.paragraphs == ("标题", PARA_A, PARA_B)


def _wrap(text: str, chars: int) -> list[str]:
    return [text[i : i + chars] for i in range(0, len(text), chars)]


def test_hard_wrapped_cjk_is_rejoined_without_spaces() -> None:
    lines = ["标题"]
    for para in (PARA_A * 2, PARA_B * 2):
        wrapped = _wrap(para, 20)
        lines += ["\u3000\u3000" + wrapped[0], *wrapped[1:]]
    result = paragraphs("\n".join(lines))
    assert result.layout == "hard-wrapped"
    assert result.paragraphs == ("标题", PARA_A * 2, PARA_B * 2)


def test_hard_wrapped_latin_is_rejoined_with_spaces() -> None:
    words = ("The harbor bridge reopened to traffic on Monday after a long closure " * 6).split()
    lines, current = [], ""
    for word in words:
        if len(current) + len(word) + 1 > 60:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    result = paragraphs("Title\n\n" + "\n".join(lines) + "\n\n" + "\n".join(lines))
    assert result.layout == "hard-wrapped"
    assert result.paragraphs == ("Title", " ".join(words), " ".join(words))


def test_numbered_heading_after_a_full_line_starts_a_new_block() -> None:
    para = "县水务局负责人介绍，过去全县农村供水以单村小水站为主，水源多为浅层地下水情况好。"
    body = _wrap(para * 3, len(para))
    assert len(body[-1]) == len(para)  # the paragraph ends on a full line
    text = "\n".join(["标题", "\u3000\u3000" + body[0], *body[1:], "二、智慧管理", *body])
    result = paragraphs(text)
    assert "二、智慧管理" in result.paragraphs


def test_wrap_width_needs_many_full_lines() -> None:
    assert wrap_width([]) is None
    ragged = paragraphs("标题\n短\n" + PARA_A + "\n很短的一行\n" + PARA_B * 3)
    assert ragged.layout != "hard-wrapped"


def test_join_wrapped() -> None:
    assert join_wrapped("中文", "继续") == "中文继续"
    assert join_wrapped("GDP", "增长") == "GDP增长"
    assert join_wrapped("the", "bridge") == "the bridge"
    assert join_wrapped("well-", "known") == "well-known"


def test_a_list_of_similar_sentences_is_not_hard_wrapped() -> None:
    items = [f"第{n}项：全省各地要按时完成本项任务并上报结果。" for n in range(1, 9)]
    result = paragraphs("通知\n" + "\n".join(items))
    assert result.layout != "hard-wrapped"
    assert result.paragraphs == ("通知", *items)


def test_separators_crawls_leave_inside_lines_become_paragraph_breaks() -> None:
    text = "第一段说完了。<br>第二段接着说。<BR/>第三段。"
    assert paragraphs(text).paragraphs == ("第一段说完了。", "第二段接着说。", "第三段。")
    text = "第一段说完了。　　第二段接着说。　　第三段。"
    assert paragraphs(text).paragraphs == ("第一段说完了。", "第二段接着说。", "第三段。")
    text = "第一段说完了。\ue40c第二段接着说。\ue40c第三段。"
    norm = paragraphs(text)
    assert norm.paragraphs == ("第一段说完了。", "第二段接着说。", "第三段。")
    assert any("separator" in w for w in norm.warnings)


def test_a_private_use_character_inside_a_word_is_not_a_separator() -> None:
    text = "人名用字\ue40c在这里。下一句。"
    assert paragraphs(text).paragraphs == (text,)


def test_list_items_and_urls_are_not_glued_onto_wrapped_text() -> None:
    wrapped = "这一行写满了固定宽度的文字，一直写到行尾才换行，下一行接着"
    lines = [
        wrapped,
        "继续写，直到这一段结束为止，然后再写一个列表。这里还是正文的内容",
        "1. 第一项",
        wrapped,
        "https://example.com/a/very/long/address/that/fills/the/line/x",
        wrapped,
        "结束。",
    ]
    out = paragraphs("\n".join(lines)).paragraphs
    assert "1. 第一项" in out  # not glued onto the full line above it
    assert "https://example.com/a/very/long/address/that/fills/the/line/x" in out


def test_typewriter_copy_with_indented_paragraphs_and_a_ragged_margin() -> None:
    text = "\n".join(
        [
            "    The council voted on Tuesday to close the old harbour",
            "ferry at the end of the year, citing falling numbers.",
            "    Officials said a new bus route would replace the",
            "crossing, which has run since 1952,",
            "would stay the same for the first year of service.",
            "    Residents plan to protest at the next meeting.",
        ]
    )
    assert len(paragraphs(text).paragraphs) == 3


# The patterns clean_characters and split_separators used before they were made quick.
_OLD_NEWLINES = re.compile("\r\n|\r|[\u2028\u2029\x85\x0b\x0c]")
_OLD_IDEOGRAPHIC_BREAK = re.compile(r"(?<=[。！？!?”」])[\u3000]{2,}(?=\S)")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="\r\n\u2028\u2029\x85\x0b\x0c\u3000 。！”」文a", max_size=40))
def test_quick_newlines_and_breaks_are_the_old_patterns(text: str) -> None:
    from convert.normalise import split_separators

    unified = _OLD_NEWLINES.sub("\n", text)
    assert clean_characters(text)[0] == unicodedata.normalize("NFC", unified)
    old = _OLD_IDEOGRAPHIC_BREAK.subn("\n", unified)
    assert split_separators(unified) == old
