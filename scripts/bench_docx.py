#!/usr/bin/env python3
"""DOCX writer speed in a warm process (the writer alone, no reader, no CLI).

    python scripts/bench_docx.py            # the seed article, 300 renders
    python scripts/bench_docx.py -n 500 ARTICLE.txt
    python scripts/bench_docx.py --embed-fonts   # the cost of embedding the fonts

Prints the import + template preparation cost paid once per process, the
median and 95th percentile per article afterwards, a ten-article book, the
file size, and peak traced memory of one render. With --embed-fonts it also
prints what a new text costs: the subsets are cached per text, so a rerun of
the same article is cheap and a different article pays for subsetting again.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from pathlib import Path

from benchlib import ROOT, SEED, article, summary, timed  # noqa: F401  (ROOT: sys.path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=SEED)
    parser.add_argument("-n", type=int, default=300)
    parser.add_argument("--embed-fonts", action="store_true",
                        help="render with RenderOptions(embed_fonts=True)")
    args = parser.parse_args()

    from convert.writers.base import RenderOptions

    doc, label = article(args.article)
    options = RenderOptions(embed_fonts=args.embed_fonts)

    start = time.perf_counter()
    from convert.writers.docx import render, render_book, warm_up

    warm_up(options)
    cold = (time.perf_counter() - start) * 1000
    first_start = time.perf_counter()
    first = render(doc, options)
    first_ms = (time.perf_counter() - first_start) * 1000

    print(f"{label}: {len(doc.blocks)} blocks, {len(doc.all_text())} characters")
    print(f"import python-docx + prepare templates  {cold:7.1f} ms (once per process)")
    print(f"first render after warm_up              {first_ms:7.1f} ms")
    ms = timed(lambda: render(doc, options), args.n)
    print(summary("warm render", ms))
    print(f"{'':<22} = {1000 / statistics.median(ms):.0f} articles/s")
    print(summary("book of 10", timed(lambda: render_book([doc] * 10, "t", options),
                                      max(args.n // 10, 5))))
    if args.embed_fonts:
        from convert import fonts

        def new_text() -> None:
            fonts.subset_bytes.cache_clear()  # as if the article had never been seen
            render(doc, options)

        print(summary("new text (subsetting)", timed(new_text, 5)))
        plain = render(doc, RenderOptions()).data
        print(f"size without embedding {len(plain) / 1024:.1f} KiB")
    tracemalloc.start()
    render(doc, options)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"size {len(first.data) / 1024:.1f} KiB; peak traced memory per render "
          f"{peak / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
