#!/usr/bin/env python3
"""EPUB writer speed and size in a warm process (the writer alone, no reader, no CLI).

    python scripts/bench_epub.py            # the seed article, 200 renders
    python scripts/bench_epub.py -n 500 ARTICLE.txt

Prints the median and 95th percentile per render without and with
--embed-fonts, the first (cold) render, and the EPUB sizes: the size cost of
embedding the subset font is the difference.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchlib import ROOT, SEED, article, summary, timed  # noqa: F401  (ROOT: sys.path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=SEED)
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args()

    from convert.writers.base import RenderOptions

    doc, label = article(args.article)
    start = time.perf_counter()
    from convert.writers.epub import render, render_book

    plain, embed = RenderOptions(), RenderOptions(embed_fonts=True)
    first = render(doc, plain)
    cold = (time.perf_counter() - start) * 1000
    first_embed_start = time.perf_counter()
    embedded = render(doc, embed)
    cold_embed = (time.perf_counter() - first_embed_start) * 1000

    print(f"{label}: {len(doc.blocks)} blocks, {len(doc.all_text())} characters")
    print(f"first render (imports ebooklib)  {cold:7.1f} ms")
    print(f"first render with --embed-fonts  {cold_embed:7.1f} ms (font parse + subset)")
    print(summary("warm render", timed(lambda: render(doc, plain), args.n)))
    print(summary("warm --embed-fonts", timed(lambda: render(doc, embed), max(args.n // 4, 5))))
    print(summary("book of 10", timed(lambda: render_book([doc] * 10, "t", plain), args.n // 4)))
    print(f"size: {len(first.data) / 1024:.1f} KiB plain, {len(embedded.data) / 1024:.1f} KiB "
          f"embedded (+{(len(embedded.data) - len(first.data)) / 1024:.1f} KiB for the font)")
    for warning in embedded.warnings:
        print("warning:", warning)


if __name__ == "__main__":
    main()
