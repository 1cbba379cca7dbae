"""Patterns compiled from the machine's cache (convert.regex_cache) are the patterns
re.compile makes: same program, groups, flags and matches; any problem with the cache
only means compiling again."""

from __future__ import annotations

import marshal
import re
from pathlib import Path

import pytest

from convert import regex_cache

PATTERNS = [
    (r"^(?P<name>[\u3400-\u9fff·]{2,4})\s*[/／|｜]\s*(?P<outlet>[\u3400-\u9fff]{2,8})$", 0),
    (r"(?:下载|下載|download).{0,24}(?:APP|App|app|客户端|客戶端)", re.I),
    (r"\b(?P<d>\d{1,2})(?:\s+|-)(?P<mon>september|may)\b", re.IGNORECASE | re.MULTILINE),
    (r"^[\u3400-\u9fff\U00020000-\U000323af·•]{2,6}$", 0),
    (r"(?i:chapter)\s+(\d+)|第(\d+)章", 0),
    (r"(?x) \d+  # digits, verbose", 0),
]
TEXTS = ["王晓明 / 新华社", "扫码下载 App 看更多", "On 12 September 1987", "张𠮷·李",
         "CHAPTER 7", "第3章", "年份 2024", ""]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder, and the module as a new process finds it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    forget(monkeypatch)
    return tmp_path / "convert"


def forget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_cache, "_programs", None)
    monkeypatch.setattr(regex_cache, "_new", {})
    monkeypatch.setattr(regex_cache, "_used", set())


def same(ours: re.Pattern[str], theirs: re.Pattern[str]) -> None:
    assert ours.pattern == theirs.pattern
    assert ours.flags == theirs.flags
    assert ours.groups == theirs.groups and ours.groupindex == theirs.groupindex
    for text in TEXTS:
        a, b = ours.search(text), theirs.search(text)
        assert (a and (a.span(), a.groups(), a.groupdict())) == (
            b and (b.span(), b.groups(), b.groupdict())), (ours.pattern, text)


def test_the_next_process_compiles_from_the_kept_programs(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for pattern, flags in PATTERNS:
        same(regex_cache.compile(pattern, flags), re.compile(pattern, flags))
    regex_cache.save()
    (kept,) = fresh.glob("regex-*.marshal")
    assert len(marshal.loads(kept.read_bytes())) == len(PATTERNS)
    assert not list(fresh.glob(".*"))  # written whole: no partial file left

    before = kept.read_bytes()
    forget(monkeypatch)
    compiled_anew: list[str] = []
    program = regex_cache._program
    monkeypatch.setattr(regex_cache, "_program",
                        lambda p, f: compiled_anew.append(p) or program(p, f))
    for pattern, flags in PATTERNS:
        same(regex_cache.compile(pattern, flags), re.compile(pattern, flags))
    assert compiled_anew == []  # every one came from the file
    regex_cache.save()  # nothing new: the file is left as it is
    assert kept.read_bytes() == before


def test_a_damaged_file_is_compiled_anew_and_replaced(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pattern, flags = PATTERNS[0]
    regex_cache.compile(pattern, flags)
    regex_cache.save()
    (kept,) = fresh.glob("regex-*.marshal")
    kept.write_bytes(kept.read_bytes()[:50])  # cut short, as by a full disk
    forget(monkeypatch)
    same(regex_cache.compile(pattern, flags), re.compile(pattern, flags))
    regex_cache.save()
    assert (pattern, flags) in marshal.loads(kept.read_bytes())


def test_a_program_the_engine_refuses_falls_back_to_compiling(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pattern, flags = PATTERNS[2]
    fresh.mkdir(parents=True)
    # A program that is not one (a tampered or foreign file under the right name).
    regex_cache._file().write_bytes(marshal.dumps({(pattern, int(flags)): (0, [1, 2, 3], 0, {},
                                                                            ())}))
    same(regex_cache.compile(pattern, flags), re.compile(pattern, flags))


def test_a_bad_pattern_is_still_an_error(fresh: Path) -> None:
    with pytest.raises(re.error):
        regex_cache.compile(r"(unclosed")


def test_an_unwritable_cache_folder_still_compiles(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh.parent.mkdir(exist_ok=True)
    fresh.write_text("a file where the folder would go", encoding="utf-8")
    pattern, flags = PATTERNS[1]
    same(regex_cache.compile(pattern, flags), re.compile(pattern, flags))
    regex_cache.save()  # nothing written, no error
    assert fresh.is_file()
