"""The user's cache folder keeps the latest files of each kind and lets the oldest go."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from convert import cache


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(cache, "KEEP_PER_KIND", 3)
    return tmp_path / "convert"


def aged(path: Path, seconds_ago: int) -> None:
    when = 1_700_000_000 - seconds_ago
    os.utime(path, (when, when))


def test_writing_a_new_file_lets_the_least_recently_used_of_its_kind_go(folder: Path) -> None:
    for n in range(3):
        cache.write(cache.path_for("ttf-maps", n, suffix=".marshal"), b"maps")
        aged(cache.path_for("ttf-maps", n, suffix=".marshal"), 100 - n)  # 0 oldest
    other = cache.path_for("regex", 0, suffix=".marshal")
    cache.write(other, b"programs")
    aged(other, 1000)  # older than all, but another kind
    cache.write(cache.path_for("ttf-maps", 3, suffix=".marshal"), b"maps")
    kept = sorted(p.name for p in folder.iterdir())
    assert cache.path_for("ttf-maps", 0, suffix=".marshal").name not in kept
    assert len([k for k in kept if k.startswith("ttf-maps-")]) == 3
    assert other.name in kept


def test_a_file_read_lately_is_kept_over_one_written_lately(folder: Path) -> None:
    paths = [cache.path_for("face-cover", n, suffix=".bin") for n in range(3)]
    for n, path in enumerate(paths):
        cache.write(path, b"ranges")
        aged(path, 100 - n)
    os.utime(paths[0], (1_700_000_000, 1_700_000_000 - 100))  # read just now, written first
    cache.write(cache.path_for("face-cover", 9, suffix=".bin"), b"ranges")
    assert paths[0].exists() and not paths[1].exists() and paths[2].exists()
