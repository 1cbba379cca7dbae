"""The seed article end to end: exactly what issue 2 says it must give."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert.model import Document
from convert.reader import ReadOptions, read_file

SAMPLE_SEED = Path(__file__).resolve().parent.parent / "samples" / "jilin-daily-2020-05-16.txt"
TITLE = "巴音朝鲁主持召开省委常委会议暨疫情防控工作领导小组会议"


@pytest.fixture(scope="module")
def seed() -> Document:
    return read_file(SAMPLE_SEED)


def test_the_sample_is_the_corpus_seed(seed_path: Path) -> None:
    assert SAMPLE_SEED.read_bytes() == seed_path.read_bytes()


def test_title_once(seed: Document) -> None:
    assert seed.meta.title == TITLE
    assert all(b.text != TITLE for b in seed.blocks)
    assert seed.dropped.count(TITLE) == 1  # the repeat is kept on dropped, not lost


def test_header(seed: Document) -> None:
    assert seed.meta.source == "吉林日报"
    assert seed.meta.published == "2020-05-16T11:36"
    assert [(a.name, a.role) for a in seed.meta.authors] == [("缪友银", "记者")]
    assert seed.meta.language == "zh-Hans"
    assert seed.meta.encoding == "utf-8"
    assert SAMPLE_SEED.read_bytes().decode(seed.meta.encoding)


def test_six_body_paragraphs(seed: Document) -> None:
    assert [b.type for b in seed.blocks] == ["paragraph"] * 6
    assert seed.blocks[0].text.startswith("本报5月15日讯（记者缪友银）今天，省委书记")
    assert seed.blocks[-1].text.startswith("会议以视频形式召开。")


def test_share_buttons_dropped(seed: Document) -> None:
    for junk in ("分享", "分享到", "分享到微信"):
        assert junk in seed.dropped
        assert all(b.text != junk for b in seed.blocks)


def test_two_copyright_paragraphs_on_rights(seed: Document) -> None:
    assert len(seed.rights) == 2
    assert seed.rights[0].startswith("中国日报网版权说明：")
    assert seed.rights[1].startswith("版权保护：")
    assert all("版权" not in b.text for b in seed.blocks)


def test_punctuation_restored_but_numbers_and_addresses_intact(seed: Document) -> None:
    body = "\n".join(b.text for b in seed.blocks)
    assert "各市（州）" in body and "今天，省委书记" in body
    assert "," not in body and "(" not in body and ";" not in body
    rights = "\n".join(seed.rights)
    assert "010-84883777" in rights and "rx@chinadaily.com.cn" in rights
    assert "提意见：rx@chinadaily.com.cn" in rights


def test_keep_punctuation_leaves_ascii(seed: Document) -> None:
    raw = read_file(SAMPLE_SEED, ReadOptions(keep_punctuation=True))
    assert raw.blocks[0].text.startswith("本报5月15日讯(记者缪友银)今天,省委书记")
    assert [(a.name, a.role) for a in raw.meta.authors] == [("缪友银", "记者")]


def test_keep_boilerplate_puts_share_buttons_back(seed: Document) -> None:
    kept = read_file(SAMPLE_SEED, ReadOptions(keep_boilerplate=True))
    texts = [b.text for b in kept.blocks]
    assert {"分享", "分享到", "分享到微信"} <= set(texts)
    assert TITLE not in texts


def test_json_round_trip(seed: Document) -> None:
    assert Document.from_dict(seed.to_dict()) == seed
