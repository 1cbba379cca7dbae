"""A face's characters, recorded once, answer for it without parsing it."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert import fonts
from convert.writers import face_coverage, pdf_fonts
from convert.writers.face_coverage import Coverage

RARE = "\U00020BB7"  # 𠮷: in HanaMinA, in no UMing face


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder and nothing known in this process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(face_coverage, "_known", {})
    return tmp_path / "convert"


def test_coverage_is_the_set_it_was_made_from() -> None:
    codes = {0x20, 0x21, 0x22, 0x41, 0xA0, 0x4E00, 0x4E01, 0x4E03, 0x20BB7, 0x10FFFF}
    found = Coverage.of(codes)
    assert all(code in found for code in codes)
    assert not any(code in found for code in set(range(0x5000)) - codes)
    assert 0x20BB6 not in found and 0x20BB8 not in found and 0 not in found
    again = Coverage.from_bytes(found.to_bytes())
    assert again is not None
    assert [c for c in range(0x21000) if c in again] == sorted(c for c in codes if c < 0x21000)


def test_an_empty_face_covers_nothing() -> None:
    again = Coverage.from_bytes(Coverage.of([]).to_bytes())
    assert again is not None and 0x41 not in again


@pytest.mark.parametrize("damage", [
    lambda b: b"",
    lambda b: b[:-1],  # cut short
    lambda b: b[:-4],  # a whole bound missing
    lambda b: b[:10] + bytes([b[10] ^ 1]) + b[11:],  # the count changed
    lambda b: b[:-1] + bytes([b[-1] ^ 0x40]),  # a bound changed
    lambda b: b"x" + b[1:],  # not our format
])
def test_a_damaged_coverage_is_not_believed(damage) -> None:
    data = Coverage.of([0x41, 0x42, 0x4E00, 0x20BB7]).to_bytes()
    assert Coverage.from_bytes(damage(data)) is None


def _chain() -> pdf_fonts.FontChain:
    """The default body chain."""
    faces = [fonts.serif_face("zh-Hans"), *fonts.bundled_fallbacks("zh-Hans")]
    return pdf_fonts.FontChain(faces, frozenset())


def test_the_walk_parses_only_a_face_that_has_the_character(
        fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for face in fonts.bundled_fallbacks("zh-Hans"):  # what earlier processes recorded
        face_coverage.remember(face, pdf_fonts.registered(face).cmap)
    assert len(list(fresh.glob("face-cover-*.bin"))) == len(fonts.bundled_fallbacks("zh-Hans"))
    monkeypatch.setattr(face_coverage, "_known", {})  # a new process: read back from files
    parsed: list[str] = []
    real_load = pdf_fonts.load
    monkeypatch.setattr(pdf_fonts, "load", lambda face, chars: parsed.append(face.family)
                        or real_load(face, chars))
    chain = _chain()
    assert chain.font_for(RARE).family == "HanaMinA"
    assert parsed == ["AR PL UMing CN", "HanaMinA"]  # not UMing TW nor HK: they lack it
    assert chain.font_for("\uffff") is None  # nothing has it: nothing more parsed for it
    assert parsed == ["AR PL UMing CN", "HanaMinA"]


def test_the_walk_finds_what_a_full_walk_finds(fresh: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    sample = [chr(c) for c in (0x41, 0x4E00, 0x5C5B, 0x7881, 0x9FA5, 0x3400, 0x4DB5, 0xFFFF,
                               0x2A6D6, 0x20BB7, 0x20000, 0x2B740, 0xE000, 0x1F600, 0x3001)]
    bare = _chain()  # nothing recorded: every face parsed in turn
    want = [(f.family if f else None) for f in map(bare.font_for, sample)]
    for face in fonts.bundled_fallbacks("zh-Hans"):
        face_coverage.remember(face, pdf_fonts.registered(face).cmap)
    monkeypatch.setattr(face_coverage, "_known", {})
    covered = _chain()
    assert [(f.family if f else None) for f in map(covered.font_for, sample)] == want


def test_a_damaged_file_means_the_face_is_parsed_and_recorded_again(fresh: Path) -> None:
    face = fonts.bundled_fallbacks("zh-Hans")[0]
    cmap = pdf_fonts.registered(face).cmap
    face_coverage.remember(face, cmap)
    (path,) = fresh.glob("face-cover-*.bin")
    path.write_bytes(path.read_bytes()[:-3])
    face_coverage._known.clear()
    assert face_coverage.known(face) is None
    assert not pdf_fonts.lacks(face, RARE)  # not known: the walk parses the face
    face_coverage._known.clear()
    face_coverage.remember(face, cmap)
    face_coverage._known.clear()
    again = face_coverage.known(face)
    assert again is not None and all(code in again for code in cmap)


def test_a_changed_font_file_is_not_answered_for_by_its_old_record(
        fresh: Path, tmp_path: Path) -> None:
    source = fonts.bundled_fallbacks("zh-Hans")[2]  # HanaMinA, a small file
    copy = tmp_path / "face.ttf"
    copy.write_bytes(source.path.read_bytes())
    face = fonts.FontFace(copy, 0, "copy")
    face_coverage.remember(face, [0x41])
    face_coverage._known.clear()
    assert face_coverage.known(face) is not None
    copy.write_bytes(source.path.read_bytes() + b"\0\0\0\0")  # another size: another key
    face_coverage._known.clear()
    assert face_coverage.known(face) is None


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setattr(face_coverage, "_known", {})
    face = fonts.bundled_fallbacks("zh-Hans")[2]
    face_coverage.remember(face, [0x41, 0x42])
    assert face_coverage.known(face) is not None  # known in this process all the same
    assert 0x41 in face_coverage.known(face)
