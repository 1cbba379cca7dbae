"""What the warm-process bench scripts share: where the seed is, timing, summaries.

Imported by scripts/bench_*.py (run as `python scripts/bench_x.py`, so this
folder is on sys.path); it also puts the repository root there so `convert`
imports from the checkout.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
SEED = ROOT.parent / "shared" / "corpus" / "articles" / "jilin-daily-2020-05-16.txt"


def timed(fn: Callable[[], object], n: int) -> list[float]:
    """Milliseconds of each of n calls."""
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(label: str, ms: list[float]) -> str:
    p95 = sorted(ms)[max(int(len(ms) * 0.95) - 1, 0)]
    return f"{label:<24} median {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms   n={len(ms)}"


def article(path: Path):  # -> (convert.model.Document, label)
    """The article to measure: `path` read by the reader, or in a user's clone without the
    shared corpus, the hand-built seed-like document from the tests."""
    if path.is_file():
        from convert.reader import read_file

        return read_file(path), path.name
    from tests.documents import zh_hans

    return zh_hans(), "tests.documents.zh_hans"
