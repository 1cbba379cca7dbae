"""Invented long texts for the long-text tests: novels read through the real reader."""

from __future__ import annotations

from convert.model import Document
from convert.reader import read_text

SENTENCES = (
    "雨下了整整一夜，镇上的石板路被冲得发亮。",
    "老周推开铺子的门，看见对面茶馆的灯还亮着。",
    "他把账本合上，想起三十年前第一次来到河边的那个早晨。",
    "船工们的号子声从雾里传来，一声比一声近。",
    "阿梅端着一碗热粥从后院出来，说今天的潮水来得早。",
)


def paragraph(n: int, sentences: int = 6) -> str:
    return "".join(SENTENCES[(n + i) % len(SENTENCES)] for i in range(sentences))


def novel_text(volumes: int = 2, chapters: int = 4, paragraphs: int = 40,
               long_chapter_paragraphs: int = 0) -> str:
    """A Simplified novel: title, author, blurb, volumes of chapters. The last chapter has
    `long_chapter_paragraphs` paragraphs instead, to force a split inside it."""
    lines = ["《长河旧事》", "作者：林晚舟", "内容简介", "　　" + paragraph(0)]
    n = 0
    for v in range(1, volumes + 1):
        lines.append(f"第{v}卷 潮起之{v}")
        for _ in range(chapters):
            n += 1
            lines.append(f"第{n}章 河边第{n}夜")
            last = v == volumes and _ == chapters - 1
            count = long_chapter_paragraphs if last and long_chapter_paragraphs else paragraphs
            lines += ["　　" + paragraph(n + p) for p in range(count)]
    return "\n\n".join(lines)


def novel(**kwargs: int) -> Document:
    return read_text(novel_text(**kwargs))
