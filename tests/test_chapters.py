"""Chapter headings of novels and long texts (convert.chapters), on invented books."""

from __future__ import annotations

import pytest

from convert.chapters import CHAPTER, SECTION, VOLUME, book_title, chapter_kind
from convert.reader import read_text

PARA = ("　　雨下了整整一夜，镇上的石板路被冲得发亮。"
        "老周推开铺子的门，看见对面茶馆的灯还亮着，便披上蓑衣走了过去。")
PARA_HANT = ("　　雨下了整整一夜，鎮上的石板路被沖得發亮。"
             "老周推開鋪子的門，看見對面茶館的燈還亮著，便披上蓑衣走了過去。")
PARA_EN = (
    "The rain had fallen all night, and the stones of the harbour road shone under the lamps. "
    "Old Chow opened the shutters, saw the light still burning in the tea house across the "
    "square, and pulled on his coat."
)


def headings(text: str) -> list[tuple[int | None, str]]:
    doc = read_text(text)
    return [(b.level, b.text) for b in doc.blocks if b.type == "heading"]


def novel(lines: list[str]) -> str:
    return "\n\n".join(lines)


@pytest.mark.parametrize(
    "line, kind",
    [
        ("第一章 风起青萍", CHAPTER),
        ("第1章风起", CHAPTER),
        ("第１２章　夜雨", CHAPTER),
        ("第一百零八章：归来", CHAPTER),
        ("第一回 宴桃园豪杰三结义　斩黄巾英雄首立功", CHAPTER),
        ("第二十回", CHAPTER),
        ("卷一 潮起", VOLUME),
        ("第三卷 江湖远", VOLUME),
        ("第一部", VOLUME),
        ("上卷", VOLUME),
        ("第三节 旧账", SECTION),
        ("第三節 舊賬", SECTION),
        ("序章 雨夜", CHAPTER),
        ("序章", CHAPTER),
        ("楔子", CHAPTER),
        ("尾声", CHAPTER),
        ("尾聲 歸途", CHAPTER),
        ("番外", CHAPTER),
        ("番外一 小镇往事", CHAPTER),
        ("Chapter 1", CHAPTER),
        ("Chapter 12: The Harbour", CHAPTER),
        ("CHAPTER ONE", CHAPTER),
        ("Chapter Twenty-One", CHAPTER),
        ("CHAPTER IV.", CHAPTER),
        ("Part II", VOLUME),
        ("PART TWO: THE CITY", VOLUME),
        ("Book One", VOLUME),
        ("Prologue", CHAPTER),
        ("Epilogue: Home", CHAPTER),
    ],
)
def test_chapter_lines(line: str, kind: int) -> None:
    assert chapter_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "第一章讲述了主人公的童年，第二章写他离开小镇。",  # a sentence opening with 第一章
        "第一章的内容，我们下次再谈",  # ends a clause, not a title
        "正如第一章所说，雨季就要来了。",  # 第一章 mid-sentence
        "Chapter 3 explains the method in detail.",
        "Chapters of this book were written at night",
        "Part of the reason was the rain.",
        "Part civil war",  # not a roman numeral, a word
        "Byron walked home.",
        "序言写得很长，没人读完。",
        "第一章" + "很长的标题" * 12,  # far longer than a title
        "",
    ],
)
def test_not_chapter_lines(line: str) -> None:
    assert chapter_kind(line) is None


def test_simplified_novel_with_volumes() -> None:
    text = novel([
        "《长河旧事》", "作者：林晚舟", "内容简介", PARA,
        "第一卷 潮起", "序章 雨夜", PARA, "第一章 风起青萍", PARA, PARA,
        "第二章 茶馆", PARA, "第二卷 潮落", "第三章 归途", PARA, "尾声", PARA,
    ])
    doc = read_text(text)
    assert doc.meta.title == "长河旧事"
    assert [a.name for a in doc.meta.authors] == ["林晚舟"]
    assert headings(text) == [
        (2, "第一卷 潮起"), (3, "序章 雨夜"), (3, "第一章 风起青萍"), (3, "第二章 茶馆"),
        (2, "第二卷 潮落"), (3, "第三章 归途"), (3, "尾声"),
    ]
    assert not any("作者" in b.text for b in doc.blocks)


def test_novel_without_volumes_has_chapters_at_the_top_level() -> None:
    text = novel(["长河旧事", "第1章风起", PARA, "第2章 茶馆", PARA, "第3章 归途", PARA])
    assert headings(text) == [(2, "第1章风起"), (2, "第2章 茶馆"), (2, "第3章 归途")]


def test_title_line_with_author_after_it() -> None:
    text = novel(["长河旧事 作者：林晚舟", "第一章 风起", PARA, "第二章 茶馆", PARA,
                  "第三章 归途", PARA])
    doc = read_text(text)
    assert doc.meta.title == "长河旧事"
    assert [a.name for a in doc.meta.authors] == ["林晚舟"]


def test_traditional_novel() -> None:
    text = novel([
        "書名：長河舊事", "作者：林晚舟", "楔子", PARA_HANT, "第一回 雨夜", PARA_HANT,
        "第一節 茶館", PARA_HANT, "第二回 歸途", PARA_HANT, "番外 小鎮", PARA_HANT,
    ])
    doc = read_text(text)
    assert doc.meta.title == "長河舊事"
    assert doc.meta.language.startswith("zh-Hant")
    assert headings(text) == [
        (2, "楔子"), (2, "第一回 雨夜"), (3, "第一節 茶館"), (2, "第二回 歸途"), (2, "番外 小鎮"),
    ]


def test_english_novel() -> None:
    text = novel([
        "The Harbour Road", "by Jane Mercer", "PART ONE", "CHAPTER ONE", PARA_EN,
        "Chapter Two: The Tea House", PARA_EN, "Part II", "Chapter 3", PARA_EN,
        "Epilogue", PARA_EN,
    ])
    doc = read_text(text)
    assert doc.meta.title == "The Harbour Road"
    assert [a.name for a in doc.meta.authors] == ["Jane Mercer"]
    assert headings(text) == [
        (2, "PART ONE"), (3, "CHAPTER ONE"), (3, "Chapter Two: The Tea House"),
        (2, "Part II"), (3, "Chapter 3"), (3, "Epilogue"),
    ]


def test_mentions_of_chapters_in_paragraphs_are_not_headings() -> None:
    mention = "　　他翻到第一章，又想起第二章里那场雨，第三章却怎么也读不下去。"
    text = novel(["长河旧事", "第一章 风起", PARA, mention, "第二章 茶馆", PARA,
                  "第三章讲述了主人公的童年，第四章写他离开小镇。", "第三章 归途", PARA])
    found = headings(text)
    assert found == [(2, "第一章 风起"), (2, "第二章 茶馆"), (2, "第三章 归途")]


def test_in_a_book_short_lines_are_not_subheadings() -> None:
    long_para = PARA * 2
    text = novel(["长河旧事", "第一章 风起", long_para, "三天以后", long_para,
                  "第二章 茶馆", long_para, "第三章 归途", long_para])
    assert [t for _, t in headings(text)] == ["第一章 风起", "第二章 茶馆", "第三章 归途"]


def test_an_article_with_two_chapter_lines_keeps_its_own_headings() -> None:
    """Fewer than three chapter lines: the article's rules decide, as before."""
    body = PARA * 3
    text = novel(["条例修订草案公开征求意见", "一、修订背景", body, "第一章 总则", body,
                  "第二章 附则", body])
    found = [t for _, t in headings(text)]
    assert "一、修订背景" in found and "第一章 总则" in found


@pytest.mark.parametrize(
    "line, expected",
    [
        ("《长河旧事》", ("长河旧事", None)),
        ("书名：长河旧事", ("长河旧事", None)),
        ("《长河旧事》作者：林晚舟", ("长河旧事", "林晚舟")),
        ("长河旧事", ("长河旧事", None)),
    ],
)
def test_book_title(line: str, expected: tuple[str, str | None]) -> None:
    assert book_title(line) == expected
