#!/usr/bin/env python3
"""The PDF writer's line breaking alone, in a warm process (issue 12).

    python scripts/bench_linebreak.py                  # the seed article
    python scripts/bench_linebreak.py -n 7 ARTICLE.txt …

Renders the articles to PDF once, keeping every paragraph the layout breaks
(`Flow.lines`: body text, titles, table cells), then breaks them all again n
times and prints the CPU time of the best pass. Each pass starts every article's
character widths afresh, as a new document does.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchlib import SEED, article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", nargs="*", type=Path, default=[SEED])
    parser.add_argument("-n", type=int, default=5, help="passes (the best is kept)")
    parser.add_argument("--cold", action="store_true",
                        help="measure every character afresh in each pass")
    args = parser.parse_args()

    from convert.writers import pdf, pdf_layout
    from convert.writers.base import RenderOptions

    calls = []
    lines = pdf_layout.Flow.lines

    def keep(flow, text, style, width=None):  # type: ignore[no-untyped-def]
        calls.append((flow, text, style, width))
        return lines(flow, text, style, width)

    pdf_layout.Flow.lines = keep  # type: ignore[method-assign]
    options = RenderOptions()
    for path in args.articles:
        pdf.render(article(path)[0], options)
    pdf_layout.Flow.lines = lines  # type: ignore[method-assign]

    passes = []
    for _ in range(args.n):
        flows = {id(flow): flow for flow, *_ in calls}
        if args.cold:
            pdf_layout._MEASURES.clear()
            for flow in flows.values():
                flow._widths.clear()
        start = time.process_time()
        for flow, text, style, width in calls:
            flow.lines(text, style, width)
        passes.append(time.process_time() - start)
    chars = sum(len(text) for _, text, _, _ in calls)
    print(f"{len(args.articles)} articles, {len(calls)} paragraphs, {chars} characters: "
          f"best {min(passes) * 1000:.1f} ms of CPU a pass "
          f"({' '.join(f'{p * 1000:.0f}' for p in passes)})")


if __name__ == "__main__":
    main()
