"""The web page and Markdown note in samples/: what a user converting the samples sees."""

from __future__ import annotations

from pathlib import Path

from convert.model import Figure, ListBlock, Quote, Table
from convert.readers import read_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_the_saved_page_keeps_the_article_and_drops_the_site() -> None:
    doc = read_file(SAMPLES / "jiangcheng-river-park.html")
    m = doc.meta
    assert doc.meta.encoding in ("gb18030", "gb2312", "gbk")
    assert m.title == "滨江湿地公园今日开园 市民可免费入园"
    assert m.source == "江城晚报" and m.published and m.published.startswith("2025-04-26T08:05")
    assert [(a.name, a.role) for a in m.authors] == [("陈晓雯", "记者"), ("刘洋", "通讯员")]
    assert m.editors == ("孙静",)
    kinds = {type(n) for n in doc.blocks}
    assert {Figure, ListBlock, Table, Quote} <= kinds
    figure = next(n for n in doc.blocks if isinstance(n, Figure))
    assert (SAMPLES / figure.src).is_file() and "导览示意图" in figure.text
    text = "\n".join(getattr(n, "text", "") for n in doc.blocks)
    for junk in ("首页", "分享到", "相关新闻", "ICP", "当前位置"):
        assert junk not in text


def test_the_markdown_note_keeps_its_front_matter_and_structure() -> None:
    doc = read_file(SAMPLES / "field-notes-tea-market.md")
    m = doc.meta
    assert (m.title, m.source, m.published) == ("茶叶市场走访笔记", "城市观察工作室", "2025-03-14")
    assert m.subtitle and m.subtitle.startswith("Notes from a morning")
    assert [a.name for a in m.authors] == ["周明远", "Hannah Price"]
    assert [n.type for n in doc.blocks if not isinstance(n, Figure | ListBlock | Table | Quote)
            ].count("preformatted") == 1
    assert sum(isinstance(n, Table) for n in doc.blocks) == 1
