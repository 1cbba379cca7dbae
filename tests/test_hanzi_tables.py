"""The common-character sets read from the user's cache are the ones the code tables give,
and any problem with the cache only means building them again."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert import charclass


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    charclass._derived.cache_clear()  # as a new process finds it
    yield tmp_path / "convert"
    charclass._derived.cache_clear()


def built() -> tuple[frozenset[str], ...]:
    level1_gb, level1_big5 = charclass.gb2312_level1(), charclass.big5_level1()
    return (level1_gb | level1_big5, level1_gb - charclass.big5_all(),
            level1_big5 - charclass.gb2312_all())


def sets() -> tuple[frozenset[str], ...]:
    return charclass.common_hanzi(), charclass.simplified_only(), charclass.traditional_only()


def test_the_sets_tell_the_scripts_apart() -> None:
    common, simplified, traditional = sets()
    assert {"们", "这", "国"} <= simplified and {"們", "這", "國"} <= traditional
    assert not simplified & traditional and (simplified | traditional) <= common
    assert "的" in common and "的" not in simplified | traditional  # in both tables


def test_the_next_process_reads_them_back(cache: Path) -> None:
    first = sets()
    (kept,) = cache.glob("hanzi-*.marshal")
    assert not list(cache.glob(".*"))  # written whole
    charclass._derived.cache_clear()
    kept_bytes = kept.read_bytes()
    assert sets() == first == built()
    assert kept.read_bytes() == kept_bytes  # read, not written again


def test_a_damaged_cache_is_built_again(cache: Path) -> None:
    sets()
    (kept,) = cache.glob("hanzi-*.marshal")
    kept.write_bytes(kept.read_bytes()[:40])  # cut short
    charclass._derived.cache_clear()
    assert sets() == built()
