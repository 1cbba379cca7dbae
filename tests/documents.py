"""Hand-built documents for writer tests, independent of the reader.

Each one stresses something a writer must get right: Simplified and
Traditional tagging, headings, rights, literal markup, rare characters,
every node type of the model.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from convert.model import (
    Author,
    Cell,
    Code,
    Document,
    Emphasis,
    Figure,
    LineBreak,
    Link,
    ListBlock,
    Meta,
    Quote,
    Strong,
    Table,
    Text,
    cell,
    heading,
    paragraph,
    preformatted,
    rule,
)

SEED_TITLE = "巴音朝鲁主持召开省委常委会议暨疫情防控工作领导小组会议"


def zh_hans() -> Document:
    return Document(
        meta=Meta(
            title=SEED_TITLE,
            source="吉林日报",
            published="2020-05-16T11:36",
            authors=(Author("缪友银", "记者"),),
            language="zh-Hans",
            encoding="utf-8",
        ),
        blocks=(
            paragraph(
                "本报5月15日讯（记者缪友银）今天，省委书记、省疫情防控工作领导小组组长巴音朝鲁"
                "主持召开省委常委会议暨疫情防控工作领导小组会议，传达学习习近平总书记在5月14日"
                "中央政治局常委会会议上的重要讲话精神。"
            ),
            heading("一、工程概况", 2),
            paragraph(
                "巴音朝鲁指出，要把防控成效作为检验“四个意识”强不强、“两个维护”坚决不坚决的"
                "试金石，自觉扛起政治责任；要坚持举一反三，勇于反思反省。"
            ),
            heading("（一）总体要求", 3),
            paragraph("会议以视频形式召开。各市（州）、长白山开发区负责同志参加会议。"),
        ),
        rights=(
            "中国日报网版权说明：凡注明来源为“中国日报网：XXX（署名）”，未经允许禁止转载。"
            "如需使用，请与010-84883777联系。",
            "版权保护：本网登载的内容版权属中国日报网独家所有使用。给中国日报网提意见："
            "rx@chinadaily.com.cn",
        ),
        dropped=("分享", "分享到", "分享到微信"),
    )


def zh_hant() -> Document:
    return Document(
        meta=Meta(
            title="臺北捷運新線通車　沿線居民盼帶動發展",
            source="中央社",
            published="2024-03-05",
            authors=(Author("王小明", "記者"),),
            language="zh-Hant",
            encoding="big5hkscs",
        ),
        blocks=(
            paragraph(
                "（中央社記者王小明臺北5日電）臺北捷運環狀線北環段今天正式通車，"
                "沿線居民表示，期待新線帶動地方發展，「通勤時間可望縮短一半」。"
            ),
            heading("一、交通衝擊", 2),
            paragraph("市府指出，通車首週將加派人力疏導，並於各站設置服務台，協助旅客轉乘。"),
        ),
        rights=("本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。",),
    )


def english() -> Document:
    return Document(
        meta=Meta(
            title="City Council Approves New Transit Budget",
            source="The Daily Ledger",
            published="2025-03-03T16:15",
            authors=(Author("Jane Doe", "author"), Author("John Roe", "author")),
            language="en",
            encoding="utf-8",
        ),
        blocks=(
            paragraph(
                "The city council voted 7-2 on Monday to approve a $1.5 billion transit budget, "
                "the largest in the city's history."
            ),
            heading("What changes", 2),
            paragraph("Bus frequency will double on 12 routes, officials said."),
        ),
        rights=("Copyright 2025 The Daily Ledger. All rights reserved.",),
    )


def literal_markup() -> Document:
    """Text that looks like markup must come out as the same characters."""
    return Document(
        meta=Meta(title="<b>标题</b> & “引号”", language="zh-Hans"),
        blocks=(
            paragraph('<img src="/etc/passwd"> 与 <a href="http://x">链接</a> & <font size=9>'),
            paragraph("<script>alert(1)</script> 以及 &amp; &lt; ]]> 和 <![CDATA[x]]>"),
            paragraph("Tab\tand  double  spaces, a lone & and a lone < sign."),
        ),
    )


RARE_CHARACTERS = "镕喆堃昇赟玥燚垚䶮𠮷𪚥"


def rare_characters() -> Document:
    return Document(
        meta=Meta(title="罕用字测试", language="zh-Hans"),
        blocks=(
            paragraph("人名用字：朱镕基、张喆、王堃、李昇、陈赟、刘玥、燚、垚。"),
            paragraph("扩展A：䶮；扩展B：𠮷、𪚥。"),
        ),
    )


def every_node() -> Document:
    """One of every block and inline type the model has (docs/model.md)."""
    return Document(
        meta=Meta(title="新馆开放：读者指南", source="城市晚报", published="2025-04-01",
                  language="zh-Hans"),
        blocks=(
            paragraph((
                Text("新馆"), Strong((Text("今天"),)), Text("开放，"),
                Emphasis((Text("免费"),)), Text("入场，详见"),
                Link((Text("官网"),), "https://library.example.org/new"), Text("。"),
                LineBreak(), Text("咨询电话："), Code("0571-8888 0000"), Text("。"),
            )),
            heading("一、开放时间", 2),
            ListBlock((
                (paragraph("周二至周日 9:00—21:00"),),
                (paragraph("周一闭馆，节假日照常开放"),
                 ListBlock(((paragraph("春节除外"),),), ordered=True)),
            )),
            Quote((paragraph("“这是我们城市的客厅。”馆长说。"),)),
            Figure(
                "images/hall.jpg", "新馆大厅", (Text("新馆大厅，"), Emphasis((Text("摄于3月"),)))
            ),
            rule(),
            Table(
                head=((cell("楼层"), cell("功能")),),
                body=(
                    (cell("一层"), cell("借还书")),
                    (cell("二层"), Cell((Strong((Text("少儿阅览"),)),))),
                ),
            ),
            preformatted("开放时间  9:00\n闭馆时间 21:00"),
        ),
        rights=("版权所有 城市晚报",),
    )


ALL = {
    "zh_hans": zh_hans,
    "zh_hant": zh_hant,
    "english": english,
    "literal_markup": literal_markup,
    "rare_characters": rare_characters,
}


def block_texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks]


def write_photo(path: Path, size: tuple[int, int] = (640, 360)) -> bytes:
    """A small striped JPEG at `path` (folders made); its bytes."""
    from PIL import Image

    image = Image.new("RGB", size, (70, 120, 180))
    for x in range(0, size[0], 32):
        for y in range(size[1]):
            image.putpixel((x, y), (255, 255, 255))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="JPEG", quality=70)
    return path.read_bytes()


def every_node_in(folder: Path) -> Document:
    """every_node() read from `folder`, its figure's photo (images/hall.jpg) there."""
    write_photo(folder / "images" / "hall.jpg")
    return replace(every_node(), base=str(folder))
