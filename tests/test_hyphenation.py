"""English hyphenation patterns cached (marshal): the same breaks as pyphen's own parse."""

from __future__ import annotations

from pathlib import Path

import pyphen
import pytest

from convert import hyphenation

WORDS = ["hyphenation", "typesetting", "interoperability", "Taiwan", "infrastructure",
         "commuters", "retrofit", "semiconductor", "ombudsman", "exoplanet"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(pyphen, "hdcache", {})  # every english() below parses or loads anew
    return tmp_path / "convert"


def reference() -> pyphen.Pyphen:
    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    return pyphen.Pyphen(filename=path, left=2, right=3, cache=False)


def test_the_first_parse_is_kept_and_the_next_process_reads_it(cache: Path) -> None:
    first = hyphenation.english()
    files = list(cache.glob("hyph-en_US-*.marshal"))
    assert len(files) == 1 and not list(cache.glob(".*"))  # whole, no partial left
    pyphen.hdcache.clear()
    second = hyphenation.english()
    assert second.hd is not first.hd  # read back from the file, not pyphen's memory
    assert second.hd.patterns == reference().hd.patterns
    for word in WORDS:
        assert second.positions(word) == reference().positions(word), word


def test_a_damaged_cache_is_parsed_again(cache: Path) -> None:
    hyphenation.english()
    (damaged,) = cache.glob("hyph-en_US-*.marshal")
    damaged.write_bytes(damaged.read_bytes()[:100])  # cut short, as by a full disk
    pyphen.hdcache.clear()
    again = hyphenation.english()
    assert [again.positions(w) for w in WORDS] == [reference().positions(w) for w in WORDS]


def test_an_unwritable_cache_folder_still_hyphenates(cache: Path) -> None:
    cache.parent.mkdir(exist_ok=True)
    cache.write_text("a file where the folder would go", encoding="utf-8")
    h = hyphenation.english()
    assert h.inserted("typesetting") == "type-set-ting"
    assert cache.is_file()  # nothing written in its place
