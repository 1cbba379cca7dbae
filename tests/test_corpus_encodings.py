"""Real-world files in labelled encodings (the shared corpus) decode as their label says."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert.decode import decode
from convert.errors import InputError
from convert.reader import read_bytes

# Folder (the true encoding) -> codecs whose reading counts as right.
LABELS = {
    "GB2312": ("gb18030",),
    "Big5": ("big5hkscs", "cp950"),
    "utf-8": ("utf-8",),
    "utf-8-sig": ("utf-8-sig",),
    "UTF-16": ("utf-16",),
    "UTF-16BE": ("utf-16-be",),
    "UTF-16LE": ("utf-16-le",),
    "UTF-32": ("utf-32",),
}


def _files(corpus: Path, folder: str) -> list[Path]:
    files = sorted(p for p in (corpus / "encodings" / folder).iterdir() if p.is_file())
    assert files, folder
    return files


@pytest.mark.parametrize("folder", sorted(LABELS))
def test_labelled_files_decode_to_the_labels_text(corpus: Path, folder: str) -> None:
    for path in _files(corpus, folder):
        data = path.read_bytes()
        decoded = decode(data)
        expected = set()
        for codec in LABELS[folder]:
            try:
                expected.add(data.decode(codec).lstrip("\ufeff"))
            except UnicodeDecodeError:
                continue
        assert expected, path.name
        assert decoded.text.lstrip("\ufeff") in expected, (path.name, decoded.encoding)
        assert not decoded.warnings, path.name
        assert data.decode(decoded.encoding)  # the codec named decodes the file


def test_euc_tw_has_no_python_codec_and_is_flagged_not_crashed(corpus: Path) -> None:
    for path in _files(corpus, "EUC-TW"):
        try:
            doc = read_bytes(path.read_bytes())
        except InputError as exc:
            assert "\n" not in str(exc)
        else:
            assert doc.warnings  # garbled or replaced: the user is told


@pytest.mark.parametrize(
    "folder", ["EUC-JP", "EUC-KR", "SHIFT_JIS", "KOI8-R", "ascii", "iso-8859-1", "windows-1252"]
)
def test_other_sets_give_a_model_or_a_clear_error(corpus: Path, folder: str) -> None:
    for path in _files(corpus, folder):
        try:
            doc = read_bytes(path.read_bytes())
        except InputError as exc:
            assert "\n" not in str(exc) and str(exc)
        else:
            assert doc.meta.title
            assert path.read_bytes().decode(doc.meta.encoding)
