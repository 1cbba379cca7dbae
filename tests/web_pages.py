"""Real saved pages from public test suites, obtained at test time (never committed).

The pages are not ours to redistribute, so the suite takes them from the
source distributions on PyPI that ship them, the one network CI has:

- chardet 5.2.0 (LGPL-2.1) ships its charset-detection test pages: a Big5
  Traditional Chinese news page with no declared encoding, a GB2312 portal
  page (Mozilla bug 171813);
- trafilatura 2.0.0 (Apache-2.0) ships the pages of its own extraction tests:
  Mozilla's Firefox Developer Edition page (English, lists, images, a big
  footer and navigation);
- newspaper4k 0.9.6 (MIT) ships the news pages of its extraction tests: China
  Daily and Xinhua (Simplified, with share bars, editors, rights and licence
  footers), BBC Chinese (captioned photos, a subheading), CNN (English).

They are downloaded once into $CONVERT_TEST_PAGES (default
~/.cache/convert-test-pages); a test that needs one skips, saying why, when
PyPI cannot be reached.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

SDISTS = {"chardet": "5.2.0", "trafilatura": "2.0.0", "newspaper4k": "0.9.6"}
PAGES = {
    "big5": ("chardet", "tests/Big5/_chromium_Big5_with_no_encoding_specified.html"),
    "gb2312": ("chardet", "tests/GB2312/_mozilla_bug171813_text.html"),
    "mozilla": ("trafilatura", "tests/resources/mozilla.org.firefox.developer.html"),
    "chinadaily": ("newspaper4k", "tests/data/html/chinese_article_001.html"),
    "xinhua": ("newspaper4k", "tests/data/html/chinese_article_002.html"),
    "bbc-zh": ("newspaper4k", "tests/data/html/chinese_article.html"),
    "cnn": ("newspaper4k", "tests/data/html/cnn_article.html"),
}


def cache() -> Path:
    root = os.environ.get("CONVERT_TEST_PAGES")
    return Path(root) if root else Path.home() / ".cache" / "convert-test-pages"


def page(name: str) -> Path:
    """The saved page `name` (see PAGES), or skip the test with the reason."""
    package, member = PAGES[name]
    version = SDISTS[package]
    folder = cache() / f"{package}-{version}"
    target = folder / member
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / f"{package}-{version}.tar.gz"
    if not archive.is_file():
        try:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary",
                 ":all:", "-d", str(folder), f"{package}=={version}"],
                capture_output=True, timeout=300, check=True,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            pytest.skip(f"cannot download the {package} {version} sdist: {type(exc).__name__}")
    if not archive.is_file():
        pytest.skip(f"the {package} {version} sdist did not arrive")
    with tarfile.open(archive) as tar:
        data = tar.extractfile(f"{package}-{version}/{member}")
        if data is None:
            pytest.skip(f"{member} is not in the {package} sdist")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.read())
    return target
