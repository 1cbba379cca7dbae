"""The meta line names a shared role once."""

from __future__ import annotations

from convert.model import Author, Document, Meta
from convert.presentation import authors_text


def doc(language: str, *authors: Author) -> Document:
    return Document(meta=Meta(title="t", language=language, authors=authors), blocks=())


def test_consecutive_names_with_one_role_share_it() -> None:
    d = doc("zh-Hans", Author("朱镕", "本报记者"), Author("吴喆", "本报记者"),
            Author("李明", "通讯员"))
    assert authors_text(d) == "本报记者 朱镕 吴喆　通讯员 李明"


def test_a_role_that_comes_back_later_is_named_again() -> None:
    d = doc("zh-Hant", Author("王小明", "記者"), Author("陳大文", "攝影"), Author("林育如", "記者"))
    assert authors_text(d) == "記者 王小明　攝影 陳大文　記者 林育如"


def test_names_without_a_role_are_listed_plainly() -> None:
    assert authors_text(doc("zh-Hans", Author("张三", None), Author("李四", None))) == "张三 李四"


def test_english_names_share_one_by() -> None:
    d = doc("en", Author("Jane Alvarez", None), Author("Tom Becker", None))
    assert authors_text(d) == "By Jane Alvarez and Tom Becker"
    three = doc("en", Author("A Li", None), Author("B Wu", None), Author("C Ma", None))
    assert authors_text(three) == "By A Li, B Wu and C Ma"
