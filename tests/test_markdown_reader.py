"""The Markdown reader: CommonMark with tables, front matter, and the two Chinese rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from convert import readers
from convert.errors import InputError
from convert.model import Code, Emphasis, Figure, Link, ListBlock, Quote, Strong, Table
from convert.readers import markdown

NOTE = """---
title: 春节前后的物价观察
date: 2024-02-20 08:30:00
authors:
  - name: 张三
  - 李四
source: 某某日报
lang: zh-Hans
---

# 春节前后的物价观察

记者在超市看到，
蔬菜价格比节前下降了不少。
Prices of imported
fruit stayed high.

1. 第一
2. 第二
   - 嵌套

> 引用的话

| 品类 | 价格 |
|---|---|
| 白菜 | **2.5** |

![超市一角](img/a.jpg "超市一角，记者 摄")

```
code  block
```

---

见[报道](https://example.cn/a "原文")和`x = 1`。

责任编辑：王晓
"""


def read(tmp_path: Path, text: str, name: str = "note.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return readers.read_file(path)


def paragraph_inlines(doc, n: int = 0):
    return [b for b in doc.blocks if b.type == "paragraph"][n].inlines


def test_front_matter_and_structure(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.jpg").write_bytes(b"\xff\xd8\xff")
    doc = read(tmp_path, NOTE)
    m = doc.meta
    assert m.title == "春节前后的物价观察"  # the `# ` heading repeating it is not a heading
    assert m.published == "2024-02-20T08:30"
    assert [a.name for a in m.authors] == ["张三", "李四"]
    assert (m.source, m.language) == ("某某日报", "zh-Hans")
    assert m.editors == ("王晓",)  # the recogniser read the last line
    kinds = [b.type for b in doc.blocks]
    assert kinds == ["paragraph", "list", "quote", "table", "figure", "preformatted", "rule",
                     "paragraph"]
    lst = doc.blocks[1]
    assert isinstance(lst, ListBlock) and lst.ordered
    assert isinstance(lst.items[1][1], ListBlock) and not lst.items[1][1].ordered
    assert isinstance(doc.blocks[2], Quote)
    table = doc.blocks[3]
    assert isinstance(table, Table) and [c.text for c in table.head[0]] == ["品类", "价格"]
    assert isinstance(table.body[0][1].inlines[0], Strong)
    fig = doc.blocks[4]
    assert isinstance(fig, Figure)
    assert (fig.src, fig.alt, fig.text) == ("img/a.jpg", "超市一角", "超市一角，记者 摄")
    assert doc.blocks[5].text == "code  block"
    last = paragraph_inlines(doc, 1)
    link = next(i for i in last if isinstance(i, Link))
    assert (link.href, link.title, link.text) == ("https://example.cn/a", "原文", "报道")
    assert any(isinstance(i, Code) and i.text == "x = 1" for i in last)
    assert doc.warnings == ()


def test_a_soft_break_beside_cjk_text_joins_without_a_space(tmp_path: Path) -> None:
    doc = read(tmp_path, NOTE)
    # Between Chinese lines: nothing; after 。 before Latin: nothing (the text reader's rule
    # for wrapped lines); between Latin words: a space.
    assert doc.blocks[0].text == ("记者在超市看到，蔬菜价格比节前下降了不少。"
                                  "Prices of imported fruit stayed high.")


@pytest.mark.parametrize(("source", "kind", "inner"), [
    ("这是**“重点”**，然后继续。", Strong, "“重点”"),
    ("中文**“重点”**中文。", Strong, "“重点”"),
    ("这是**重点。**然后继续。", Strong, "重点。"),
    ("他说*（注意）*这件事。", Emphasis, "（注意）"),
    ("**“重点”**，在开头。", Strong, "“重点”"),
])
def test_emphasis_next_to_full_width_punctuation(tmp_path: Path, source: str, kind: type,
                                                 inner: str) -> None:
    doc = read(tmp_path, "# 标题\n\n" + source + "\n")
    found = [i for i in doc.blocks[0].inlines if isinstance(i, kind)]
    assert [i.text for i in found] == [inner]
    assert "*" not in doc.blocks[0].text


def test_strict_commonmark_refuses_what_we_accept() -> None:
    # The reason for the rule: markdown-it-py alone leaves the asterisks as text.
    html = MarkdownIt("commonmark").render("中文**“重点”**中文。\n\n这是**重点。**然后继续。")
    assert "<strong>" not in html
    ours = markdown.parser().render("中文**“重点”**中文。")
    assert "<strong>“重点”</strong>" in ours


def test_western_emphasis_rules_are_unchanged() -> None:
    md = markdown.parser()
    assert md.render("snake_case_name") == "<p>snake_case_name</p>\n"
    assert md.render("a * b * c") == "<p>a * b * c</p>\n"
    assert md.render("**bold** and *it*") == "<p><strong>bold</strong> and <em>it</em></p>\n"


def test_author_as_a_string_and_a_datetime_less_date(tmp_path: Path) -> None:
    doc = read(tmp_path, "---\ntitle: Notes\nauthor: Jane Roe\ndate: 2023-05-01\n---\n\n"
               "Some text in English, long enough to tell its language.\n")
    assert [a.name for a in doc.meta.authors] == ["Jane Roe"]
    assert doc.meta.published == "2023-05-01"
    assert doc.meta.language == "en"


@pytest.mark.parametrize("front", [
    "title: [unclosed\n",
    "title: !!python/object/apply:os.system ['echo hacked']\n",  # the safe loader refuses
])
def test_bad_front_matter_is_a_warning_not_a_failure(tmp_path: Path, front: str) -> None:
    doc = read(tmp_path, f"---\n{front}---\n\n# 标题\n\n正文第一段。\n")
    assert any("front matter" in w for w in doc.warnings)
    assert "正文第一段。" in doc.blocks[-1].text


def test_markdown_that_is_really_html_is_read_as_html(tmp_path: Path) -> None:
    para = "这是一篇保存成 .md 的网页，正文足够长，能被正文抽取找到，不应把标签当作文字排版。" * 2
    doc = read(tmp_path, f"<!DOCTYPE html><html><head><title>网页标题</title></head>"
               f"<body><nav>首页 导航</nav><article><p>{para}</p></article></body></html>")
    assert any("read as HTML" in w for w in doc.warnings)
    assert para in "\n".join(b.text for b in doc.blocks)
    assert "<" not in "\n".join(b.text for b in doc.blocks)


def test_html_blocks_inside_markdown_keep_their_text_and_images(tmp_path: Path) -> None:
    doc = read(tmp_path, "正文。\n\n<div align=\"center\"><img src=\"https://e.cn/p.png\" "
               "alt=\"示意图\"><p>图注文字</p></div>\n")
    texts = [b.text for b in doc.blocks]
    assert "图注文字" in texts
    assert any(isinstance(b, Figure) and b.src == "https://e.cn/p.png" for b in doc.blocks)
    assert any("https://e.cn/p.png (示意图)" in w for w in doc.warnings)


def test_deep_nesting_and_empty_input(tmp_path: Path) -> None:
    doc = read(tmp_path, ">" * 3000 + " 很深的引用\n\n" + "- " * 2000 + "项\n")
    assert "很深的引用" in "\n".join(n.text for n in doc.walk())
    with pytest.raises(InputError, match="no text"):
        read(tmp_path, "\n\n<!-- only a comment -->\n", "empty.md")


def test_a_front_matter_title_wins_over_a_different_first_heading(tmp_path: Path) -> None:
    # The author named the note; its first `# ` heading is a section of it (pandoc reads
    # it so too). A page's <title> is different: there the <h1> is the cleaner headline.
    doc = read(tmp_path, "---\ntitle: 读书笔记\nsubtitle: 关于城乡的两段\n---\n\n"
               "# 第一部分\n\n正文第一段，讲的是城市。\n\n# 第二部分\n\n正文第二段，讲的是乡村。\n")
    assert (doc.meta.title, doc.meta.subtitle) == ("读书笔记", "关于城乡的两段")
    assert [(b.type, b.text) for b in doc.blocks][:2] == [("heading", "第一部分"),
                                                          ("paragraph", "正文第一段，讲的是城市。")]
