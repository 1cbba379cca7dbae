import json

import pytest

from convert.model import (
    MODEL_VERSION,
    Block,
    Code,
    Document,
    Emphasis,
    Figure,
    LineBreak,
    Link,
    ListBlock,
    Meta,
    ModelError,
    Quote,
    Strong,
    Table,
    Text,
    cell,
    heading,
    paragraph,
    plain_blocks,
    rule,
)
from convert.writers import available, get_writer
from convert.writers.base import RenderOptions
from tests import documents

EVERY = {**documents.ALL, "every_node": documents.every_node}


@pytest.mark.parametrize("make", EVERY.values(), ids=EVERY.keys())
def test_json_round_trip(make):
    doc = make()
    assert Document.from_dict(json.loads(json.dumps(doc.to_dict()))) == doc


def test_json_form_matches_the_contract():
    data = documents.zh_hans().to_dict()
    assert data["version"] == MODEL_VERSION == 2
    assert set(data) >= {"meta", "blocks", "rights", "dropped", "warnings"}
    assert data["meta"]["authors"] == [{"name": "缪友银", "role": "记者"}]
    # A plain block is spelt as in version 1, so older consumers still read it.
    assert data["blocks"][1] == {"type": "heading", "level": 2, "text": "一、工程概况"}
    assert data["blocks"][0]["type"] == "paragraph" and set(data["blocks"][0]) == {"type", "text"}


def test_the_version_1_api_still_builds_and_reads_blocks():
    h, p = Block("heading", "一、概况", 3), Block("paragraph", "正文。")
    assert (h.type, h.text, h.level) == ("heading", "一、概况", 3)
    assert (p.type, p.text, p.level) == ("paragraph", "正文。", None)
    assert heading("标题") == Block("heading", "标题", 2) and paragraph("正文。") == p
    assert Block("heading", "x").level == 2


def test_unversioned_json_reads_as_version_1():
    old = {
        "meta": {"title": "旧文", "language": "zh-Hans", "encoding": "gbk"},
        "blocks": [{"type": "heading", "level": 2, "text": "一、"}, {"type": "paragraph",
                                                                      "text": "正文。"}],
        "rights": ["版权"],
    }
    doc = Document.from_dict(old)
    assert doc.blocks == (heading("一、", 2), paragraph("正文。"))
    assert doc.rights == ("版权",) and doc.meta.encoding == "gbk"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"version": 3, "meta": {"title": "x"}}, "version 3"),
        ({"version": "2", "meta": {"title": "x"}}, "version '2'"),
        ({"blocks": []}, "no \"meta\""),
        ([1, 2], "no \"meta\""),
        ({"meta": {"title": "x"}, "blocks": [{"type": "video", "text": "x"}]}, "'video'"),
        ({"meta": {"title": "x"}, "blocks": [{"type": "paragraph", "inlines": [{"type": "sup"}]}]},
         "'sup'"),
        ({"meta": {}}, "malformed"),
        ({"meta": {"title": "x"}, "blocks": [{"type": "figure"}]}, "malformed"),
    ],
)
def test_what_is_not_a_model_is_one_line_error(data, reason):
    with pytest.raises(ModelError) as info:
        Document.from_dict(data)
    assert reason in str(info.value) and "\n" not in str(info.value)


def test_unknown_block_type_rejected_with_a_hint():
    with pytest.raises(ModelError, match="unknown block type 'video'"):
        Block("video", "x")
    with pytest.raises(ModelError, match="use Quote, ListBlock, Figure or Table"):
        Block("table", "x")
    with pytest.raises(ModelError, match="no level"):
        Block("paragraph", "x", 2)
    with pytest.raises(ModelError, match="no text"):
        Block("rule", "—")


def test_every_block_gives_its_plain_text_in_one_call():
    link = Link((Text("官网"),), "https://example.org", "新馆")
    p = paragraph(
        (Text("详见"), link, Text("，"), Emphasis((Code("a<b"),)), LineBreak(), Text("完"))
    )
    assert p.text == "详见官网，a<b\n完" and p.type == "paragraph" and p.level is None
    assert Quote((paragraph("甲"), paragraph("乙"))).text == "甲\n乙"
    nested = ListBlock(((paragraph("一"),), (paragraph("二"), ListBlock(((paragraph("三"),),)))))
    assert nested.text == "一\n二\n三" and nested.level is None
    assert Figure("a.jpg", "大厅", (Text("新馆"),)).text == "新馆"
    assert Figure("a.jpg", "大厅").text == "大厅"
    table = Table(((cell("楼层"), cell("功能")),), ((cell("一层"), cell("借还")),))
    assert table.text == "楼层\t功能\n一层\t借还"
    assert rule().text == ""


def test_plain_inlines_are_stored_as_plain_text():
    assert paragraph((Text("甲"), Text("乙"))) == paragraph("甲乙")
    assert paragraph((Text("甲"),)).to_dict() == {"type": "paragraph", "text": "甲"}
    rich = paragraph((Strong((Text("重"),)),))
    assert rich.inlines and rich.to_dict()["text"] == "重"


def test_text_and_inlines_must_agree():
    with pytest.raises(ModelError, match="disagree"):
        Block("paragraph", "甲", None, (Emphasis((Text("乙"),)),))
    assert Block("paragraph", "乙", None, (Emphasis((Text("乙"),)),)).text == "乙"


def test_map_text_reaches_every_text_but_not_targets():
    doc = documents.every_node()
    upper = doc.map_text(lambda s: s.replace("新馆", "NEW"))
    assert "新馆" not in upper.all_text()
    link = next(i for i in upper.blocks[0].inlines if isinstance(i, Link))
    assert link.href == "https://library.example.org/new"
    figure = next(n for n in upper.walk() if isinstance(n, Figure))
    assert figure.src == "images/hall.jpg" and figure.alt == "NEW大厅"
    # literal=False leaves code and preformatted alone
    marked = doc.map_text(lambda s: s + "·", literal=False)
    code = next(i for i in marked.blocks[0].inlines if isinstance(i, Code))
    assert code.text == "0571-8888 0000"
    assert marked.blocks[-1].text == doc.blocks[-1].text


def test_walk_visits_nested_nodes_and_all_text_has_them():
    doc = documents.every_node()
    types = [n.type for n in doc.walk()]
    assert types.count("list") == 2 and "quote" in types and "table" in types
    text = doc.all_text()
    for needle in ("春节除外", "少儿阅览", "新馆大厅", "摄于3月", "0571-8888 0000", "闭馆时间"):
        assert needle in text


def test_plain_blocks_degrade_unknown_nodes_to_paragraphs_of_their_text():
    doc = documents.every_node()
    flat = plain_blocks(doc.blocks)
    assert {b.type for b in flat} == {"heading", "paragraph"}
    texts = [b.text for b in flat]
    assert "春节除外" in texts and "二层\t少儿阅览" in texts and "新馆大厅，摄于3月" in texts
    assert "" not in texts  # the rule has no text and leaves nothing
    assert flat[0] is doc.blocks[0]  # known blocks pass through, inlines and all
    assert plain_blocks(doc.blocks, {"heading", "paragraph", "list", "quote", "figure", "table",
                                     "rule", "preformatted"}) == doc.blocks


def test_registry_lists_builtins_and_json_renders():
    assert available()[:4] == ["json", "docx", "pdf", "epub"]
    result = get_writer("json").render(documents.zh_hans(), RenderOptions())
    assert json.loads(result.data)["meta"]["source"] == "吉林日报"
    with pytest.raises(KeyError):
        get_writer("nope")


def test_json_book_carries_the_version():
    writer = get_writer("json")
    book = json.loads(writer.render_book([documents.zh_hans()], "合集", RenderOptions()).data)
    assert book["version"] == MODEL_VERSION and book["title"] == "合集"


def test_meta_language_defaults_and_traditional_flags():
    assert Document(Meta("x", language="zh-Hant-HK")).is_traditional
    assert not Document(Meta("x", language="zh-Hans")).is_traditional
    assert Document(Meta("x", language="ja")).is_cjk
    assert not Document(Meta("x", language="en")).is_cjk


def test_a_block_a_pass_leaves_alone_is_kept_not_copied():
    block = paragraph("正文。")
    assert block.map_text(lambda s: s) is block
    changed = block.map_text(lambda s: s + "！")
    assert changed == paragraph("正文。！") and changed is not block
