# ruff: noqa: E501  (the invented pages are written as sites write them: long lines)
"""The web-page reader: charset, the article and only the article, structure, metadata,
images, bad input. Every page here is invented; tests/test_web_pages.py reads real ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from convert import readers
from convert.errors import InputError
from convert.model import Figure, Link, ListBlock, Quote, Strong, Table, walk
from convert.reader import ReadOptions
from convert.readers import html
from convert.readers.structure import clean_title
from tests.conftest import ROOT

PARA = "长春新区举行重点工程集中开工仪式，共有一百个项目开工建设，总投资超过八百亿元，这是新区今年规模最大的一次集中开工。"
NEWS = """<!DOCTYPE html>
<!-- saved from url=(0040)https://news.example.cn/2024/05/a1.html -->
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>长春新区启动百项重点工程建设_新闻中心_吉林某某网</title>
<meta property="og:title" content="长春新区启动百项重点工程建设_新闻中心_吉林某某网">
<meta property="article:published_time" content="2024-05-16T09:30:00+08:00">
<script>var share = "分享到微信的脚本文字";</script>
<style>.nav { color: red } /* 样式表文字 */</style></head>
<body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/news">新闻中心</a></li>
<li><a href="/sports">体育频道</a></li><li><a href="/ent">娱乐频道</a></li></ul></div>
<div class="breadcrumb">首页 &gt; 新闻中心 &gt; 正文</div>
<div class="article">
<h1>长春新区启动百项重点工程建设</h1>
<div class="info">2024-05-16 09:30　来源：吉林日报　作者：李明</div>
<p>本报讯（记者 李明）5月15日，PARA</p>
<p>据介绍，本次开工的项目涵盖<strong>先进制造业</strong>、现代服务业和基础设施等领域，其中<a href="/news/2024/05/b2.html">汽车零部件项目</a>占比最高。新区管委会负责人表示，将全力做好要素保障。</p>
<figure><img src="page_files/photo.jpg" alt="开工现场"><figcaption>5月15日，开工仪式现场。记者 王华 摄</figcaption></figure>
<h2>一、项目情况</h2>
<ul><li>先进制造业项目四十个，总投资三百亿元</li><li>现代服务业项目三十五个，总投资二百亿元</li>
<li>基础设施项目二十五个，总投资三百亿元</li></ul>
<table><tr><th>类别</th><th>项目数</th></tr><tr><td>制造业</td><td>40</td></tr>
<tr><td>服务业</td><td>35</td></tr></table>
<blockquote><p>“我们要以项目建设的加速度推动高质量发展。”新区主要负责同志在仪式上说。</p></blockquote>
<p>下一步，新区将建立项目推进机制，实行“一个项目、一名领导、一套方案”，确保项目早投产、早见效。<img src="https://img.example.cn/remote.jpg" alt="远程图片"></p>
<p>责任编辑：王晓</p>
<p>版权所有 吉林某某网 未经授权禁止转载</p>
</div>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/x">长春新区召开会议研究部署工作</a></li>
<li><a href="/y">吉林省推进重点项目建设</a></li></ul></div>
<div class="comments"><h3>网友评论</h3><p>网友甲：好消息，盼早日建成！</p></div>
<div class="footer">关于我们 | 联系我们 | 网站地图 Copyright 2024 吉林某某网</div>
</body></html>
""".replace("PARA", PARA)
FURNITURE = ("首页", "体育频道", "分享到", "相关新闻", "召开会议研究部署", "网友", "关于我们",
             "脚本文字", "样式表文字", "网站地图")


def save(folder: Path, name: str, text: str, codec: str = "utf-8", image: bool = True) -> Path:
    path = folder / name
    path.write_bytes(text.encode(codec))
    if image:
        (folder / "page_files").mkdir(exist_ok=True)
        (folder / "page_files" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a real jpeg")
    return path


def body_text(doc) -> str:
    return "\n".join(n.text for n in doc.walk())


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("page")
    return readers.read_file(save(folder, "page.html", NEWS, "gb18030"))


# -- the article, not the page --------------------------------------------------------------


def test_a_saved_gbk_page_gives_the_article_and_its_metadata(news) -> None:
    m = news.meta
    assert m.encoding == "gb18030"
    assert m.title == "长春新区启动百项重点工程建设"  # no `_新闻中心_吉林某某网`
    assert m.published == "2024-05-16T09:30:00+08:00"  # article:published_time
    assert m.source == "吉林日报"  # the recogniser's 来源, not the site
    assert [a.name for a in m.authors] == ["李明"]
    assert m.editors == ("王晓",)
    assert m.language == "zh-Hans"
    assert news.rights == ("版权所有 吉林某某网 未经授权禁止转载",)
    text = body_text(news)
    assert PARA in text
    for furniture in FURNITURE:
        assert furniture not in text, furniture
    assert "责任编辑" not in text and "来源：" not in text


def test_structure_is_kept_in_order(news) -> None:
    kinds = [n.type for n in news.blocks]
    assert kinds == ["paragraph", "paragraph", "figure", "heading", "list", "table", "quote",
                     "paragraph", "figure"]
    heading = news.blocks[3]
    assert (heading.text, heading.level) == ("一、项目情况", 2)
    lst = news.blocks[4]
    assert isinstance(lst, ListBlock) and not lst.ordered and len(lst.items) == 3
    table = news.blocks[5]
    assert isinstance(table, Table)
    assert [c.text for c in table.head[0]] == ["类别", "项目数"]
    assert [[c.text for c in row] for row in table.body] == [["制造业", "40"], ["服务业", "35"]]
    assert isinstance(news.blocks[6], Quote)


def test_emphasis_and_absolute_links(news) -> None:
    inlines = news.blocks[1].inlines
    assert any(isinstance(i, Strong) and i.text == "先进制造业" for i in inlines)
    links = [i for i in inlines if isinstance(i, Link)]
    # Relative links resolve against the address the page was saved from.
    assert [(lk.text, lk.href) for lk in links] == [
        ("汽车零部件项目", "https://news.example.cn/news/2024/05/b2.html")]


def test_local_image_relative_to_the_page_and_remote_image_listed(news) -> None:
    local, remote = (n for n in news.walk() if isinstance(n, Figure))
    assert (local.src, local.alt) == ("page_files/photo.jpg", "开工现场")
    assert local.text == "5月15日，开工仪式现场。记者 王华 摄"  # the <figcaption>
    assert remote.src == "https://img.example.cn/remote.jpg"
    warning = next(w for w in news.warnings if "remote image" in w)
    assert "https://img.example.cn/remote.jpg (远程图片)" in warning
    # The caption is under its figure, not repeated as a paragraph.
    assert sum(local.text in n.text for n in news.walk()) == 1


def test_keep_boilerplate_keeps_what_the_extractor_dropped(tmp_path: Path) -> None:
    path = save(tmp_path, "page.html", NEWS, "gb18030")
    doc = readers.read_file(path, ReadOptions(keep_boilerplate=True))
    text = body_text(doc) + "\n".join(doc.rights)
    for kept in ("体育频道", "相关新闻", "网友甲", "关于我们"):
        assert kept in text
    assert PARA in text
    assert "脚本文字" not in text and "样式表文字" not in text  # never: not text at all


def test_a_page_with_json_ld_and_meta_author(tmp_path: Path) -> None:
    page = f"""<html lang="en"><head><title>Harbour bridge reopens | The Daily Example</title>
<meta name="author" content="Jane Roe, John Doe">
<script type="application/ld+json">{{"@context": "https://schema.org", "@graph": [
 {{"@type": "WebSite", "name": "The Daily Example"}},
 {{"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs",
   "datePublished": "2023-11-02T07:15:00Z",
   "publisher": {{"@type": "Organization", "name": "The Daily Example"}}}}]}}</script>
</head><body><main><article><p>{"The harbour bridge reopened to traffic on Thursday morning after eight months of repairs to its deck and cables. " * 3}</p>
<p>{"Officials said the work finished two weeks ahead of schedule and under budget, and that tolls will not rise this year. " * 3}</p>
</article></main><footer>Subscribe to our newsletter. Terms of use.</footer></body></html>"""
    doc = readers.read_file(save(tmp_path, "bridge.htm", page, image=False))
    assert doc.meta.title == "Harbour bridge reopens after repairs"
    assert doc.meta.published == "2023-11-02T07:15:00+00:00"
    assert [a.name for a in doc.meta.authors] == ["Jane Roe", "John Doe"]
    assert doc.meta.source == "The Daily Example"
    assert doc.meta.language == "en"
    assert "newsletter" not in body_text(doc)


@pytest.mark.parametrize(("raw", "site", "want"), [
    ("长春新区启动百项重点工程建设_新闻中心_吉林某某网", None, "长春新区启动百项重点工程建设"),
    ("长春新区启动百项重点工程建设_滚动新闻", None, "长春新区启动百项重点工程建设"),
    ("Harbour bridge reopens after repairs | The Daily Example", None,
     "Harbour bridge reopens after repairs"),
    ("Harbour bridge reopens - Example News", "Example News", "Harbour bridge reopens"),
    ("春节｜返乡路上的故事", None, "春节｜返乡路上的故事"),  # too short to be a site suffix
])
def test_headline_without_the_sites_name(raw: str, site: str | None, want: str) -> None:
    assert clean_title(raw, site) == want


# -- charset ------------------------------------------------------------------------------

BIG5_PAGE = """<html><head><meta charset="big5"><title>臺北捷運新線通車</title></head><body>
<article><h1>臺北捷運新線通車</h1><p>【中央社記者王小明臺北16日電】臺北捷運環狀線今天正式通車，沿線居民搭乘更為便利，市府表示將持續改善轉乘設施與公車路網。</p>
<p>市長在通車典禮上表示，新線啟用後，通勤時間平均可縮短十五分鐘，對於減少交通壅塞有很大的幫助。</p></article></body></html>"""


def test_declared_big5_reads_as_big5hkscs_and_traditional(tmp_path: Path) -> None:
    doc = readers.read_file(save(tmp_path, "taipei.html", BIG5_PAGE, "big5", image=False))
    assert doc.meta.encoding == "big5hkscs"
    assert doc.meta.title == "臺北捷運新線通車"
    assert doc.meta.language.startswith("zh-Hant")
    assert "通勤時間平均可縮短十五分鐘" in body_text(doc)


def test_a_bom_beats_the_declaration() -> None:
    data = "\ufeff".encode() + NEWS.encode("utf-8")  # says gb2312, is UTF-8 with a BOM
    text, codec, _conf, _warn = html.decode_page(data)
    assert codec == "utf-8-sig" and PARA in text


def test_a_declaration_that_lies_is_checked_against_the_bytes() -> None:
    # Declares UTF-8; the bytes are GBK, which is not valid UTF-8.
    data = NEWS.replace("charset=gb2312", "charset=utf-8").encode("gb18030")
    text, codec, _conf, warnings = html.decode_page(data)
    assert codec == "gb18030" and PARA in text
    assert any("declares charset utf-8" in w for w in warnings)
    # Declares GB2312; the bytes are Big5, which GBK decodes into nonsense without error.
    data = BIG5_PAGE.replace('charset="big5"', 'charset="gb2312"').encode("big5")
    text, codec, _conf, warnings = html.decode_page(data)
    assert codec in ("big5hkscs", "cp950") and "通勤時間" in text
    assert any("declares charset gb18030" in w for w in warnings)


@pytest.mark.parametrize(("head", "want"), [
    (b'<meta charset="GBK">', "gb18030"),
    (b"<meta http-equiv='Content-Type' content='text/html; charset=GB2312'>", "gb18030"),
    (b'<meta charset=x-x-big5>', "big5hkscs"),
    (b'<?xml version="1.0" encoding="Big5"?><html>', "big5hkscs"),
    (b'<meta charset="iso-8859-1">', "cp1252"),
    (b'<meta charset="no-such-codec">', None),
    (b"<p>no declaration</p>", None),
])
def test_declared_charset_labels(head: bytes, want: str | None) -> None:
    got = html.declared_charset(head if head.startswith(b"<?xml") else b"<html><head>" + head)
    assert got == (None if want is None else __import__("codecs").lookup(want).name)


# -- bad input ----------------------------------------------------------------------------


def test_binary_named_html_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "photo.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match="PNG"):
        readers.read_file(path)


def test_a_page_without_text_is_refused(tmp_path: Path) -> None:
    path = save(tmp_path, "empty.html", "<html><head><script>x=1</script></head><body>"
                "<div><img src='a.gif'></div></body></html>", image=False)
    with pytest.raises(InputError, match="no text"):
        readers.read_file(path)


def test_plain_text_named_html_is_read_as_text_with_a_warning(tmp_path: Path) -> None:
    path = save(tmp_path, "note.html", "标题\n\n" + PARA + "\n", image=False)
    doc = readers.read_file(path)
    assert PARA in body_text(doc)
    assert any("no HTML markup" in w for w in doc.warnings)


def test_malformed_markup_is_read_best_effort(tmp_path: Path) -> None:
    page = f"<html><body><div><p>{PARA}<p>第二段<b>没有闭合<i>的标签 <table><tr><td>格" \
           f"<div></span></body>"
    doc = readers.read_file(save(tmp_path, "bad.html", page, image=False))
    assert PARA in body_text(doc)


def test_deeply_nested_markup_does_not_crash_or_hang(tmp_path: Path) -> None:
    page = "<html><body>" + "<div>" * 5000 + PARA + "</div>" * 5000 + "</body></html>"
    path = save(tmp_path, "deep.html", page, image=False)
    try:
        doc = readers.read_file(path)
    except InputError as exc:  # one line is the other acceptable answer
        assert "\n" not in str(exc)
    else:
        assert PARA in body_text(doc)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(html, "MAX_BYTES", 1000)
    path = save(tmp_path, "huge.html", "<html><body>" + "<p>段落</p>" * 500, image=False)
    with pytest.raises(InputError, match="too large"):
        readers.read_file(path)


def test_cli_gives_one_line_failures_never_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "photo.html").write_bytes(b"\xff\xd8\xff\xe0" + bytes(300))
    save(tmp_path, "empty.htm", "<html><body><script>1</script></body></html>", image=False)
    result = subprocess.run(
        [sys.executable, "-m", "convert", str(tmp_path), "--to", "json", "-o",
         str(tmp_path / "out")],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    failures = [line for line in (result.stdout + result.stderr).splitlines()
                if "photo.html" in line or "empty.htm" in line]
    assert any("JPEG" in line for line in failures)
    assert any("no text" in line for line in failures)


# -- choosing the reader --------------------------------------------------------------------


def test_a_file_without_extension_is_sniffed(tmp_path: Path) -> None:
    page = save(tmp_path, "saved-page", NEWS, "gb18030")
    note = tmp_path / "note"
    note.write_text("---\ntitle: 笔记\n---\n\n正文第一段。\n", encoding="utf-8")
    plain = tmp_path / "plain"
    plain.write_text("标题\n\n正文 <b>不是网页</b>。\n", encoding="utf-8")
    assert readers.reader_for(page) == "html"
    assert readers.reader_for(note) == "markdown"
    assert readers.reader_for(plain) == "text"
    assert readers.read_file(page).meta.title == "长春新区启动百项重点工程建设"


def test_from_forces_a_reader(tmp_path: Path) -> None:
    path = save(tmp_path, "page.txt", NEWS, "gb18030")
    as_text = readers.read_file(path)
    as_html = readers.read_file(path, ReadOptions(source_format="html"))
    assert "<p>" in body_text(as_text) or "</" in body_text(as_text)
    assert "</" not in body_text(as_html) and PARA in body_text(as_html)


def test_folder_walk_takes_pages_and_notes_but_not_a_saved_pages_own_files(tmp_path: Path
                                                                           ) -> None:
    from convert import batch

    save(tmp_path, "page.html", NEWS)
    (tmp_path / "page_files" / "frame.html").write_text("<html>ad</html>")
    (tmp_path / "note.md").write_text("# 笔记\n\n正文。\n")
    (tmp_path / "old.htm").write_text("<html><body><p>旧</p></body></html>")
    found = [s.rel.as_posix() for s in batch.collect([tmp_path])]
    assert found == ["note.md", "old.htm", "page.html"]


def test_nodes_never_nest_deeper_than_the_model_can_walk(news) -> None:
    assert len(list(walk(news.blocks))) >= len(news.blocks)
