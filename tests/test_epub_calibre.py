"""What a reading app sees: Calibre's `ebook-meta` on our EPUBs.

Issue 5: "where Calibre is installed, `ebook-meta` reads the title, authors and
language". Calibre is too heavy for CI (.ci/run does not install it), so these
tests skip there and on any machine without it; install it with
`apt-get install calibre` to run them.

Each ebook-meta call starts Calibre (about half a second), so a few samples
that differ where it matters (Big5 Traditional, GBK with no byline, English
with two authors, UTF-16 with two reporters) and one --combine-style book are
written once and read once each; so is a byline the reader takes apart into a
staff reporter (本报记者) and a correspondent (通讯员).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from convert.model import Author, Document, Meta, paragraph
from convert.presentation import parse_published
from convert.reader import read_file, read_text
from convert.writers import get_writer
from convert.writers.base import RenderOptions
from convert.writers.epub import majority_language, relator
from tests.conftest import SAMPLES, needs_tool

pytestmark = pytest.mark.slow

ARTICLES = [
    "cna-taipei-mrt-big5",
    "county-water-project-gbk-wrapped",
    "english-harbor-bridge",
    "hangzhou-city-library-utf16",
]
BOOK = "book"
BOOK_TITLE = "新闻合集"
# BCP 47 primary subtag -> the ISO 639-2 code Calibre prints (it drops the script:
# zh-Hans and zh-Hant are both `zho`).
ISO_639_2 = {"zh": "zho", "en": "eng", "ja": "jpn", "ko": "kor"}
# A byline with roles Calibre must tell apart: only `aut` creators are authors.
MIXED_ROLES = Document(
    meta=Meta(
        title="江城夜市重新开张",
        source="江城晚报",
        published="2024-06-01",
        authors=(Author("周记者", "记者"), Author("吴摄影", "摄影"), Author("郑通讯", "通讯员")),
        language="zh-Hans",
    ),
    blocks=(paragraph("江城夜市今晚重新开张，摊位一百二十个。"),),
)
# A staff reporter and a correspondent, as the reader finds them in a common byline.
BYLINE = "byline"
BYLINE_TEXT = (
    "城南新区公园今日开放\n\n来源：城南日报  2024-05-01 09:00\n\n本报记者 张三 通讯员 李四\n\n"
    "本报讯 城南新区中心公园今天正式对市民开放，园内设有步道和儿童乐园。\n\n"
    "公园占地三百亩，种植乔木两万余株。\n"
)


@dataclass(frozen=True)
class Expected:
    title: str
    authors: list[str]
    language: str
    publisher: str | None
    published: str | None


@dataclass(frozen=True)
class Seen:
    """ebook-meta's report, by field name ("Title", "Author(s)", …)."""

    fields: dict[str, str]

    @property
    def authors(self) -> list[str]:
        # "A & B", with the sort form in brackets when Calibre thinks it differs.
        raw = re.sub(r"\s*\[[^\]]*\]$", "", self.fields.get("Author(s)", ""))
        names = [a.strip() for a in raw.split(" & ") if a.strip()]
        return [] if names == ["Unknown"] else names


def calibre_language(bcp47: str) -> str:
    primary = bcp47.split("-")[0].lower()
    assert primary in ISO_639_2, f"add {primary!r} to ISO_639_2"
    return ISO_639_2[primary]


def authors_in_calibre(docs: Sequence[Document]) -> list[str]:
    """The names a reading app lists as authors: creators with role `aut` or with
    no role (a role we do not know is written without one), once each, in order."""
    names = [a.name for d in docs for a in d.meta.authors if relator(a.role) in (None, "aut")]
    return list(dict.fromkeys(names))


def expected_article(doc: Document) -> Expected:
    m = doc.meta
    return Expected(m.title, authors_in_calibre([doc]), calibre_language(m.language),
                    m.source, m.published)


def expected_book(docs: Sequence[Document]) -> Expected:
    sources = {d.meta.source for d in docs}
    dates = sorted(d.meta.published for d in docs if d.meta.published)
    return Expected(BOOK_TITLE, authors_in_calibre(docs),
                    calibre_language(majority_language(docs)),
                    sources.pop() if len(sources) == 1 else None, dates[-1] if dates else None)


def parse_report(text: str) -> dict[str, str]:
    fields = {}
    for line in text.splitlines():
        match = re.match(r"^([A-Za-z()]+(?: [A-Za-z()]+)*)\s*: (.*)$", line)
        if match:
            fields[match[1]] = match[2].strip()
    return fields


def ebook_meta(tool: str, path: Path, config: Path) -> Seen:
    env = {
        **os.environ,
        "CALIBRE_CONFIG_DIRECTORY": str(config),  # not the user's own Calibre settings
        "CALIBRE_OVERRIDE_LANG": "en",  # "Unknown" for a book without authors, in English
        "TZ": "UTC",  # the zone Calibre gives a date-time written without one
        # ebook-meta renders the first page as a cover: no display, and root needs no sandbox.
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",
    }
    out = subprocess.run([tool, str(path)], capture_output=True, text=True, env=env,
                         timeout=120, check=True)
    return Seen(parse_report(out.stdout))


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Expected, Seen]]:
    """Every EPUB of this file, written once and read once by ebook-meta."""
    tool = needs_tool("ebook-meta")
    folder = tmp_path_factory.mktemp("calibre")
    writer = get_writer("epub")
    assert writer.render_book is not None
    plain = RenderOptions()
    docs = {name: read_file(SAMPLES / f"{name}.txt") for name in ARTICLES}
    docs[BYLINE] = read_text(BYLINE_TEXT)
    books: dict[str, tuple[Expected, bytes]] = {
        name: (expected_article(doc), writer.render(doc, plain).data)
        for name, doc in docs.items()
    }
    chapters = [*(docs[name] for name in ARTICLES), MIXED_ROLES]
    books[BOOK] = (expected_book(chapters),
                   writer.render_book(chapters, BOOK_TITLE, plain).data)
    out = {}
    for name, (expected, data) in books.items():
        path = folder / f"{name}.epub"
        path.write_bytes(data)
        out[name] = (expected, ebook_meta(tool, path, folder / "config"))
    return out


NAMES = [*ARTICLES, BYLINE, BOOK]
# Calibre lists only creators with role `aut` once any creator has one (calibre's
# opf3.read_authors: `roled_authors or unroled_authors`), so every byline name must carry
# one: BYLINE's 本报记者 is the case that once went missing.


@pytest.mark.parametrize("name", NAMES)
def test_calibre_reads_the_title(seen: dict[str, tuple[Expected, Seen]], name: str) -> None:
    expected, got = seen[name]
    assert got.fields.get("Title") == expected.title


@pytest.mark.parametrize("name", NAMES)
def test_calibre_lists_the_authors(seen: dict[str, tuple[Expected, Seen]], name: str) -> None:
    expected, got = seen[name]
    assert got.authors == expected.authors


@pytest.mark.parametrize("name", NAMES)
def test_calibre_reads_the_language(seen: dict[str, tuple[Expected, Seen]], name: str) -> None:
    expected, got = seen[name]
    assert got.fields.get("Languages") == expected.language


@pytest.mark.parametrize("name", NAMES)
def test_calibre_reads_publisher_and_date(
    seen: dict[str, tuple[Expected, Seen]], name: str
) -> None:
    expected, got = seen[name]
    assert got.fields.get("Publisher") == expected.publisher
    if expected.published is None:
        assert "Published" not in got.fields
    else:
        assert same_moment(got.fields["Published"], expected.published)


def same_moment(calibre: str, published: str) -> bool:
    """Calibre prints a moment in UTC. It takes a zone-less date-time as the local
    time of the machine (UTC here: ebook-meta runs with TZ=UTC), and moves a bare
    date on the 1st or the last of a month one day inwards (calibre's
    fix_only_date, so no time zone shows the wrong month)."""
    ours = parse_published(published)
    theirs = datetime.fromisoformat(calibre)
    assert ours is not None
    if ours.tzinfo is not None:
        return theirs == ours
    theirs = theirs.replace(tzinfo=None)
    if len(published) == 10:
        return abs((theirs.date() - ours.date()).days) <= 1
    return theirs == ours


def test_the_fixtures_cover_what_they_claim() -> None:
    """The samples still are what the docstring says (else the tests check less)."""
    docs = {name: read_file(SAMPLES / f"{name}.txt") for name in ARTICLES}
    assert {d.meta.language for d in docs.values()} == {"zh-Hans", "zh-Hant", "en"}
    assert any(not d.meta.authors for d in docs.values())
    assert any(len(d.meta.authors) > 1 for d in docs.values())
    assert {relator(a.role) for a in MIXED_ROLES.meta.authors} == {"aut", "pht"}
    byline = read_text(BYLINE_TEXT).meta.authors
    assert [a.name for a in byline] == ["张三", "李四"]
