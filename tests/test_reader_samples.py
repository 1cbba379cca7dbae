"""Every sample reads to a sensible model; one article in many encodings, one model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from convert.model import Document
from convert.reader import read_bytes, read_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ALL = sorted(SAMPLES.glob("*.txt"))


def test_there_are_samples() -> None:
    assert len(ALL) >= 5


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_sample_reads_sensibly(path: Path) -> None:
    doc = read_file(path)
    assert doc.meta.title and len(doc.meta.title) < 80
    assert doc.meta.published
    paragraphs = [b for b in doc.blocks if b.type == "paragraph"]
    assert len(paragraphs) >= 3
    assert not any("\ufffd" in b.text for b in doc.blocks)
    assert not doc.warnings
    assert path.read_bytes().decode(doc.meta.encoding)  # the codec named decodes the file
    assert doc.meta.encoding_confidence is not None and doc.meta.encoding_confidence > 0.3


EXPECTED = {
    "cna-taipei-mrt-big5.txt": dict(
        encoding="big5hkscs",
        language="zh-Hant",
        source="中央社",
        authors=[("林育如", "記者")],
        editors=("陳怡君",),
        rights=1,
        headings=0,
    ),
    "english-harbor-bridge.txt": dict(
        encoding="utf-8",
        language="en",
        published="2025-03-03T16:15",
        authors=[("Jane Okafor", "author"), ("Daniel Reyes", "author")],
        rights=1,
        headings=1,
    ),
    "county-water-project-gbk-wrapped.txt": dict(
        encoding="gb18030",
        language="zh-Hans",
        source="清河县融媒体中心",
        published="2024-09-18T09:30",
        editors=("周晓梅",),
        headings=3,
        paragraphs=5,
    ),
    "hangzhou-city-library-utf16.txt": dict(
        encoding="utf-16",
        language="zh-Hans",
        source="新华网",
        authors=[("李明远", "记者"), ("陈思", "记者")],
        editors=("王璐",),
        paragraphs=4,
    ),
    "science-awards-rare-characters.txt": dict(
        encoding="utf-8",
        language="zh-Hans",
        authors=[("郑镕", "作者")],
        headings=2,
        rights=1,
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_specifics(name: str) -> None:
    doc = read_file(SAMPLES / name)
    want = EXPECTED[name]
    meta = doc.meta
    for key in ("encoding", "language", "source", "published", "editors"):
        if key in want:
            assert getattr(meta, key) == want[key], key
    if "authors" in want:
        assert [(a.name, a.role) for a in meta.authors] == want["authors"]
    if "rights" in want:
        assert len(doc.rights) == want["rights"]
    if "headings" in want:
        assert sum(b.type == "heading" for b in doc.blocks) == want["headings"]
    if "paragraphs" in want:
        assert sum(b.type == "paragraph" for b in doc.blocks) == want["paragraphs"]
    assert doc.dropped  # every sample carries some web furniture or a repeated title


def test_hard_wrapped_gbk_rejoins_lines_without_spaces() -> None:
    doc = read_file(SAMPLES / "county-water-project-gbk-wrapped.txt")
    raw = (SAMPLES / "county-water-project-gbk-wrapped.txt").read_bytes().decode("gbk")
    first = doc.blocks[0].text
    assert first.startswith("9月17日上午") and first.endswith("共享同质水。")
    assert " " not in first and "\n" not in first
    assert "一体化工程全面通水" in first and "一体\r\n化" in raw  # a wrap was inside this word
    assert [b.text for b in doc.blocks if b.type == "heading"] == [
        "一、工程概况",
        "二、智慧管理",
        "三、下一步安排",
    ]
    assert "412个，在各村" in doc.blocks[5].text  # ASCII commas restored


def test_rare_characters_survive() -> None:
    doc = read_file(SAMPLES / "science-awards-rare-characters.txt")
    text = doc.all_text()
    for ch in "镕喆堃昇赟玥燚垚䶮𠮷𪚥":
        assert ch in text


def _same_apart_from_encoding(a: Document, b: Document) -> bool:
    def strip(d: Document) -> Document:
        meta = dataclasses.replace(d.meta, encoding="", encoding_confidence=None)
        return dataclasses.replace(d, meta=meta)

    return strip(a) == strip(b)


TRADITIONAL = (SAMPLES / "cna-taipei-mrt-big5.txt").read_bytes().decode("big5")
SIMPLIFIED = (SAMPLES / "hangzhou-city-library-utf16.txt").read_bytes().decode("utf-16")


@pytest.mark.parametrize(
    ("text", "codecs"),
    [
        (TRADITIONAL, ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk", "big5", "utf-16-le"]),
        (SIMPLIFIED, ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk", "utf-16-be"]),
    ],
    ids=["traditional", "simplified"],
)
def test_one_article_in_many_encodings_gives_one_model(text: str, codecs: list[str]) -> None:
    docs = {codec: read_bytes(text.encode(codec)) for codec in codecs}
    reference = docs[codecs[0]]
    assert len(reference.blocks) >= 4
    for codec, doc in docs.items():
        assert _same_apart_from_encoding(doc, reference), codec
        assert text.encode(codec).decode(doc.meta.encoding).lstrip("\ufeff") == text
