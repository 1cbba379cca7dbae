#!/usr/bin/env python3
"""The faces a pool worker parses for what the default ones lack, and what they cost (issue 12).

    python scripts/bench_font_first_use.py                 # samples/*.txt
    python scripts/bench_font_first_use.py ARTICLE.txt …

Warms up as the pool's parent does (the default faces parsed, the fallbacks' recorded
coverage read), then converts the articles to PDF once, as a fresh worker would, and
prints each face parsed on the way with its milliseconds, then the CPU seconds of
that first pass and of a second one (the difference is every first-use cost, fonts
and the rest). Run it twice: the first run on a machine also fills the user's cache.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path

from benchlib import ROOT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", nargs="*", type=Path,
                        default=sorted((ROOT / "samples").glob("*.txt")))
    args = parser.parse_args()

    from convert import runner
    from convert.read_options import ReadOptions
    from convert.writers import RenderOptions, pdf_fonts

    read, render = ReadOptions(), RenderOptions()
    runner.warm_up(["pdf"], render)
    gc.freeze()  # as the parent does before the pool forks
    parsed: list[tuple[str, str, float]] = []
    register = pdf_fonts._register
    current = [""]

    def timed_register(name, source, index, family):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        font = register(name, source, index, family)
        parsed.append((current[0], family, (time.perf_counter() - start) * 1000))
        return font

    pdf_fonts._register = timed_register  # type: ignore[assignment]
    out = Path(tempfile.mkdtemp())

    def one_pass() -> float:
        start = time.process_time()
        for i, path in enumerate(args.articles):
            current[0] = path.name
            task = runner.Task(i, path, (("pdf", out / f"{i}.pdf"),))
            runner.convert_one(task, read, render, durable=False)
        return time.process_time() - start

    first, second = one_pass(), one_pass()
    for article, family, ms in parsed:
        print(f"{article:<48} {family:<24} {ms:6.1f} ms")
    print(f"faces parsed: {len(parsed)}, {sum(ms for _, _, ms in parsed):.1f} ms")
    print(f"{len(args.articles)} articles, CPU s: first pass {first:.3f}, second {second:.3f}")


if __name__ == "__main__":
    main()
