"""Score the reader against a hand-written ground truth.

    python scripts/score_reader.py CORPUS_DIR [--quiet]

CORPUS_DIR holds the articles (in `articles/`, or directly in the folder) and
`expected.json`: one entry per file name with `encoding`, `title`, `source`,
`published`, `authors`, `language`, `paragraphs` (count of body paragraphs),
`headings`, `body_must_contain`, `body_must_not_contain` and, optionally,
`rights_must_contain`. A missing `source` or `authors` means the file names
none (the reader must find none). Prints per-field accuracy, every miss with
what was produced, and the total.

Titles and headings are compared ignoring whitespace; a published time to the
second, or with an offset, matches the ground truth's minute. The ground truth keeps
each article's marks as published, so the reader runs with punctuation
restoration off: this measures recognition, not the (separately tested)
restoration of full-width marks.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from convert.errors import InputError
from convert.reader import ReadOptions, read_bytes

FIELDS = (
    "encoding",
    "language",
    "title",
    "source",
    "published",
    "authors",
    "paragraphs",
    "headings",
    "body_must_contain",
    "body_must_not_contain",
    "rights_must_contain",
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)

    def check(self, name: str, fld: str, ok: bool, want: object, got: object) -> None:
        self.total[fld] += 1
        if ok:
            self.right[fld] += 1
        else:
            self.misses.append(f"{name}: {fld}: expected {want!r}, got {got!r}")

    @property
    def percent(self) -> float:
        total = sum(self.total.values())
        return 100.0 * sum(self.right.values()) / total if total else 100.0


def _same_codec(data: bytes, want: str, got: str) -> bool:
    """Two codec names agree when they decode this file to the same text (ascii = utf-8 here)."""
    try:
        a = data.decode(want).lstrip("\ufeff")
        b = data.decode(got).lstrip("\ufeff")
    except (LookupError, UnicodeDecodeError):
        return False
    return a == b


def _same_time(want: str | None, got: str | None) -> bool:
    """The ground truth gives local time to the minute; seconds or an offset the reader
    also found are extra precision, not a different time."""
    if want is None or got is None:
        return want == got
    return got[: len(want)] == want and (len(got) == len(want) or got[len(want)] in ":+-Z")


def score_file(name: str, data: bytes, want: dict[str, Any], score: Score) -> None:
    try:
        doc = read_bytes(data, ReadOptions(keep_punctuation=True))
    except InputError as exc:
        for fld in FIELDS:
            if fld in want or fld in ("source", "authors"):
                score.check(name, fld, False, want.get(fld), f"error: {exc}")
        return
    m = doc.meta
    body_blocks = [b.text for b in doc.blocks]
    body = _squash("".join(body_blocks))
    rights = _squash("".join(doc.rights))
    heads = [b.text for b in doc.blocks if b.type == "heading"]
    paras = [b for b in doc.blocks if b.type == "paragraph"]
    authors = [a.name for a in m.authors]
    check: Callable[[str, bool, object, object], None] = lambda f, ok, w, g: score.check(  # noqa: E731
        name, f, ok, w, g
    )
    check("encoding", _same_codec(data, want["encoding"], m.encoding), want["encoding"], m.encoding)
    check("language", m.language == want["language"], want["language"], m.language)
    check("title", _squash(m.title) == _squash(want["title"]), want["title"], m.title)
    check("source", m.source == want.get("source"), want.get("source"), m.source)
    check("published", _same_time(want["published"], m.published), want["published"], m.published)
    want_authors = want.get("authors", [])
    check("authors", sorted(authors) == sorted(want_authors), want_authors, authors)
    check("paragraphs", len(paras) == want["paragraphs"], want["paragraphs"], len(paras))
    check(
        "headings",
        [_squash(h) for h in heads] == [_squash(h) for h in want["headings"]],
        want["headings"],
        heads,
    )
    missing = [s for s in want["body_must_contain"] if _squash(s) not in body]
    check("body_must_contain", not missing, want["body_must_contain"], f"missing {missing}")
    junk = [s for s in want["body_must_not_contain"] if _squash(s) in body]
    check("body_must_not_contain", not junk, want["body_must_not_contain"], f"kept {junk}")
    if "rights_must_contain" in want:
        lost = [s for s in want["rights_must_contain"] if _squash(s) not in rights]
        check("rights_must_contain", not lost, want["rights_must_contain"], f"not in rights {lost}")


def score_corpus(corpus: Path) -> Score:
    expected = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))
    folder = corpus / "articles" if (corpus / "articles").is_dir() else corpus
    score = Score()
    for name in sorted(expected):
        score_file(name, (folder / name).read_bytes(), expected[name], score)
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="folder with expected.json and the articles")
    parser.add_argument("--quiet", action="store_true", help="figures only, no misses")
    args = parser.parse_args(argv)
    if not (args.corpus / "expected.json").is_file():
        print(f"{args.corpus}: no expected.json", file=sys.stderr)
        return 2
    score = score_corpus(args.corpus)
    if not args.quiet:
        for miss in score.misses:
            print(miss)
        print()
    for fld in FIELDS:
        if score.total[fld]:
            r, t = score.right[fld], score.total[fld]
            print(f"{fld:24} {r:4}/{t:<4} {100.0 * r / t:5.1f}%")
    right, total = sum(score.right.values()), sum(score.total.values())
    print(f"{'total':24} {right:4}/{total:<4} {score.percent:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
