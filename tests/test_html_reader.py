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
    ("港特首就住宅违建事件道歉 - BBC中文网 - 两岸三地", "BBC", "港特首就住宅违建事件道歉"),
    ("Snow - what to expect this winter", None, "Snow - what to expect this winter"),
    ("短缺药品保供稳价 全力保障临床用药需求-新华网", None, "短缺药品保供稳价 全力保障临床用药需求"),
    ("中美关系-历史与未来", None, "中美关系-历史与未来"),  # no site after the hyphen
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
    # Declares GB2312; re-saved as UTF-8 (valid UTF-8 is never really GBK).
    text, codec, _conf, warnings = html.decode_page(NEWS.encode("utf-8"))
    assert codec == "utf-8" and PARA in text
    assert any("declares charset gb18030 but its bytes are UTF-8" in w for w in warnings)
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


def test_what_the_extractor_flattens_comes_back_from_the_page(tmp_path: Path) -> None:
    page = f"""<html><head><title>步骤说明</title></head><body><article><h1>步骤说明</h1>
<p>{PARA}</p><p>第二部分接着上一部分，继续说明新区项目建设的具体步骤和要求，以及注意事项。</p>
<ol start="3"><li>第三步，申报项目</li><li>第四步，审核材料</li></ol>
<p>配置文件的写法如下，缩进必须保留，否则程序无法读取这个配置文件的内容。</p>
<pre>server:
    port: 8080
    name: 新区</pre>
<p>{PARA}</p></article></body></html>"""
    doc = readers.read_file(save(tmp_path, "steps.html", page, image=False))
    lst = next(b for b in doc.blocks if isinstance(b, ListBlock))
    assert lst.ordered and lst.start == 3
    pre = next(b for b in doc.blocks if b.type == "preformatted")
    assert pre.text == "server:\n    port: 8080\n    name: 新区"


def test_share_lines_inside_the_article_and_headings_above_lists(tmp_path: Path) -> None:
    page = f"""<html><head><title>新区建设</title></head><body><article><h1>新区建设</h1>
<p>{PARA}</p><p>分享到：微信 微博 QQ空间</p>
<h2>主要项目</h2><ul><li>先进制造业项目四十个</li><li>现代服务业项目三十五个</li></ul>
</article></body></html>"""
    doc = readers.read_file(save(tmp_path, "share.html", page, image=False))
    assert "分享到：微信 微博 QQ空间" in doc.dropped
    assert [b.type for b in doc.blocks] == ["paragraph", "heading", "list"]
    kept = readers.read_file(tmp_path / "share.html", ReadOptions(keep_boilerplate=True))
    assert "分享到：微信 微博 QQ空间" in body_text(kept)


def test_inline_data_images_do_not_swamp_the_page(tmp_path: Path, monkeypatch) -> None:
    blob = "A" * 3_000_000
    page = f"""<html><body><article><h1>新区建设</h1><p>{PARA}</p>
<p><img src="data:image/png;base64,{blob}" alt="内嵌图"></p><p>{PARA}第二段。</p>
</article></body></html>"""
    doc = readers.read_file(save(tmp_path, "inline.html", page, image=False))
    assert PARA + "第二段。" in body_text(doc)
    assert any("1 inline image (data: URIs) not kept" in w for w in doc.warnings)
    assert not any("whole page" in w for w in doc.warnings)


def test_trimming_a_paragraph_keeps_the_emphasis_and_links_of_what_is_left() -> None:
    from convert.model import Text
    from convert.readers.structure import trim_inlines

    inlines = (Text("（记者 李明）开工"), Strong((Text("一百个"),)), Text("项目，见"),
               Link((Text("报道"),), "https://e.cn/a"), Text("。"))
    got = trim_inlines(inlines, len("（记者 李明）"), len("（记者 李明）开工一百个项目，见报道"))
    assert got == (Text("开工"), Strong((Text("一百个"),)), Text("项目，见"),
                   Link((Text("报道"),), "https://e.cn/a"))
    inner = trim_inlines((Strong((Text("重点内容"),)),), 2, 4)
    assert inner == (Strong((Text("内容"),)),)


@pytest.mark.parametrize("filler", [
    " " * 2_000_000,  # one enormous run of blanks
    "<script>" * 50_000,  # thousands of unclosed scripts
    "<table><tr><td>" * 3000,  # deeply nested layout tables
], ids=["blanks", "unclosed-scripts", "nested-tables"])
def test_pathological_markup_finishes(tmp_path: Path, filler: str) -> None:
    page = f"<html><body><article><h1>新区建设</h1><p>{PARA}</p>{filler}<p>{PARA}</p>"
    path = save(tmp_path, "odd.html", page, image=False)
    # In a child process with a generous bound: a regression to quadratic time fails here
    # instead of hanging the suite.
    code = ("import sys; from pathlib import Path; from convert import readers; "
            "from convert.errors import InputError\n"
            "try:\n d = readers.read_file(Path(sys.argv[1])); print('ok', len(d.blocks))\n"
            "except InputError as e:\n print('error', e)")
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                            text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith(("ok", "error"))


def test_a_hard_wrapped_chinese_source_joins_without_spaces(tmp_path: Path) -> None:
    page = ("<html><body><article><h1>新区建设</h1><p>记者在超市看到，\n    蔬菜价格比节前"
            "下降了不少，\n  Prices of imported\nfruit stayed high. " + PARA + "</p>"
            "<pre>第一行\n第二行</pre><p>" + PARA + "</p></article></body></html>")
    doc = readers.read_file(save(tmp_path, "wrapped.html", page, image=False))
    assert doc.blocks[0].text.startswith(
        "记者在超市看到，蔬菜价格比节前下降了不少，Prices of imported fruit stayed high.")
    assert any(b.type == "preformatted" and b.text == "第一行\n第二行" for b in doc.blocks)
    # A blank line still separates paragraphs of bare text.
    bare = readers.read_file(save(tmp_path, "bare.html", f"<html><body>{PARA}\n\n"
                                  f"第二段，\n接着写。{PARA}</body></html>", image=False))
    assert [b.text for b in bare.blocks if b.type == "paragraph"][-1] == "第二段，接着写。" + PARA


def test_share_buttons_logos_and_a_chinese_sites_licence_footer_stay_out(tmp_path: Path) -> None:
    page = f"""<html><head><title>新区建设</title><meta name="author" content="王晓">
<meta property="og:site_name" content="吉林某某网"></head><body><article><h1>新区建设</h1>
<p><img src="/images/share/weixin.png"><img src="/img/logo_2020.gif"><img src="/p/a1.jpg"></p>
<p>{PARA}</p><p><img src="/p/a1.jpg"></p><p>{PARA}二。</p><p>责任编辑：王晓</p>
<ul><li>互联网新闻信息服务许可证22120170001</li><li>吉ICP备05002981号-1</li>
<li>吉公网安备22010202000001号</li></ul></article></body></html>"""
    doc = readers.read_file(save(tmp_path, "footer.html", page, image=False))
    figures = [n.src for n in doc.walk() if isinstance(n, Figure)]
    assert figures == ["/p/a1.jpg"]  # once; no share button, no logo
    assert "ICP" not in body_text(doc) and "吉ICP备05002981号-1" in doc.dropped
    assert doc.meta.editors == ("王晓",) and doc.meta.authors == ()  # the web editor


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
@pytest.mark.parametrize("name", ["pipe.html", "pipe.md"])
def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path, name: str) -> None:
    os.mkfifo(tmp_path / name)
    with pytest.raises(InputError, match="FIFO"):
        readers.read_file(tmp_path / name)


def test_an_all_bold_short_paragraph_between_paragraphs_is_a_subheading(tmp_path: Path) -> None:
    page = f"""<html><body><article><h1>新区建设</h1><p>{PARA}</p>
<p><strong>项目进展顺利</strong></p><p>{PARA}</p>
<p><strong>这一句加粗强调的话，是完整的句子而不是小标题。</strong></p><p>{PARA}</p>
<p>部分<strong>加粗</strong></p><p>{PARA}</p></article></body></html>"""
    doc = readers.read_file(save(tmp_path, "bold.html", page, image=False))
    assert [(b.text, b.level) for b in doc.blocks if b.type == "heading"] == [("项目进展顺利", 2)]
    assert "这一句加粗强调的话，是完整的句子而不是小标题。" in [
        b.text for b in doc.blocks if b.type == "paragraph"]


# -- a short article, its byline in the template's own element -------------------------------

SHORT_PAGE = """<!DOCTYPE html><html><head><meta charset="gbk">
<title>港口大桥今日通车_新闻中心_某某网</title></head><body>
<nav><a href="/">首页</a> <a href="/news">新闻</a> <a href="/sports">体育</a></nav>
<article><h1>港口大桥今日通车</h1>
<div class="article-info"><span class="byline">本报记者 王明 李小红</span></div>
<p>经过两年施工，港口大桥今天上午正式通车，市民可以步行、骑车或驾车通过大桥。</p>
<h2>交通怎么走</h2>
<p>通车后，往返东西两岸的时间将从四十分钟缩短到十分钟。</p>
<ul><li>早高峰：7:00–9:00</li><li>晚高峰：17:00–19:00</li></ul>
</article><footer>版权所有 某某网</footer></body></html>"""


def test_a_short_chinese_article_keeps_its_structure(tmp_path: Path) -> None:
    # Under trafilatura's default 250 characters its fallback flattens the page into one
    # paragraph; a Chinese brief is that short.
    doc = readers.read_file(save(tmp_path, "short.html", SHORT_PAGE, "gbk", image=False))
    assert doc.meta.title == "港口大桥今日通车"
    kinds = [(n.type, n.text[:4]) for n in doc.blocks]
    assert kinds == [("paragraph", "经过两年"), ("heading", "交通怎么"), ("paragraph", "通车后，"),
                     ("list", "早高峰：")]



def test_a_byline_in_the_templates_own_element_is_read(tmp_path: Path) -> None:
    doc = readers.read_file(save(tmp_path, "short.html", SHORT_PAGE, "gbk", image=False))
    assert [(a.name, a.role) for a in doc.meta.authors] == [("王明", "本报记者"),
                                                            ("李小红", "本报记者")]
    assert "本报记者" not in body_text(doc)


def test_byline_elements_are_short_and_each_once() -> None:
    import lxml.html

    tree = lxml.html.document_fromstring(
        '<div class="post-meta"><div class="byline"><span class="author">记者 王明</span>'
        '</div><div class="source">来源：某某日报</div></div>'
        '<div class="author-bio">' + "他长期关注城市交通。" * 20 + "</div>"
        '<p id="reporter-line">By JANE DOE</p>')
    assert html.byline_elements(tree) == ["记者 王明", "By JANE DOE"]


def test_union_anchors_extra_nodes_only_on_nodes_both_extractions_have() -> None:
    # The recall extraction split what the precise one kept whole ('; ; ;' against three
    # ';'): a repeat of a node only it has is no place to put the others back.
    primary = [html.Block("paragraph", "; ; ;")]
    secondary = [html.Block("paragraph", ";"), html.Block("paragraph", ";"),
                 html.Block("paragraph", "; ; ;"), html.Block("paragraph", "尾")]
    merged = html._union(primary, secondary)
    assert [b.text for b in merged] == [";", "; ; ;", "尾"]
    page = b"<html><body><div>;</div>;<p>;"  # found by test_web_readers_properties
    doc = html.read_bytes(page, ReadOptions())
    assert ";" in "".join(b.text for b in doc.blocks) + doc.meta.title
