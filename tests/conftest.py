"""Shared fixtures: where the corpus is (skip cleanly when it is not)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# The articles a folder walk of samples/ takes: text, the saved page and the Markdown note.
SAMPLE_ARTICLES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html", ".md"))
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "articles" / "jilin-daily-2020-05-16.txt"


@pytest.fixture
def memory() -> Iterator[object]:
    """A clean fsspec in-memory file system (one per process: tests using it run -j 1)."""
    fsspec = pytest.importorskip("fsspec", reason="the s3 extra (fsspec) is not installed")
    fs = fsspec.filesystem("memory")
    fs.store.clear()
    fs.pseudo_dirs.clear()
    fs.pseudo_dirs.append("")
    yield fs
    fs.store.clear()


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not present (a user's clone)")
    return CORPUS


@pytest.fixture
def seed_path(corpus: Path) -> Path:
    return SEED


def needs_tool(name: str) -> str:
    """Path of an external tool, or skip the test that needs it."""
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} not installed")
    return found
