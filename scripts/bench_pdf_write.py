#!/usr/bin/env python3
"""The PDF writer's drawing and saving, apart from laying out, over a batch of articles.

    python scripts/bench_pdf_write.py                 # 48 articles, best of 5 rounds
    python scripts/bench_pdf_write.py -n 100 --rounds 7 [FOLDER]

Reads the articles (FOLDER's *.txt, or the batch scripts/benchmark.py builds from the
samples), lays each out once, then in each round draws every article's pages onto a
fresh canvas (reportlab's text operators, page streams deflated as they are shown) and
saves it (font subsets cut, objects formatted, everything deflated). Prints CPU
milliseconds of each phase for the whole batch (best round, process time: on a shared
machine compare those, alternating the runs of the two versions) and the bytes made.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from functools import partial
from pathlib import Path

from benchlib import ROOT  # noqa: F401  (puts the checkout first on sys.path)
from benchmark import build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, help="articles (*.txt) to use")
    parser.add_argument("-n", type=int, default=48, help="articles built when no folder")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from convert import runner
    from convert.read_options import ReadOptions
    from convert.writers import RenderOptions, pdf
    from convert.writers.long_text import chapter_level
    from convert.writers.pdf_fonts import document_fonts
    from convert.writers.pdf_layout import Flow
    from convert.writers.pdf_options import page_geometry
    from convert.writers.pdf_stream import PagePainter

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or build(Path(tmp) / "batch", args.n)
        files = sorted(folder.rglob("*.txt"))
        read, options = ReadOptions(), RenderOptions()
        pdf.warm_up(options)
        g = page_geometry(options)
        laid_out = []
        for i, path in enumerate(files):
            _, doc = runner.read_article(runner.Task(i, path, ()), read)
            fonts = document_fonts(pdf._chars(doc), options, doc.meta.language)
            pages: list = []
            flow = Flow(fonts, sink=lambda page, marks, pages=pages: pages.append(
                (page, list(marks))), geometry=g)
            chapters = chapter_level(doc)
            pdf._article(flow, doc, "title", chapters=chapters)
            flow.finish()
            laid_out.append((doc, fonts, chapters, pages))

    def one_round() -> tuple[float, float, int]:
        drawing = saving = 0.0
        made = 0
        for doc, fonts, chapters, pages in laid_out:
            start = time.process_time()
            canvas = pdf._canvas(io.BytesIO(), doc, fonts, doc.meta.title, g)
            painter = PagePainter(canvas, fonts, chapters, pdf._draw_line,
                                  partial(pdf._draw_footer, g=g))
            painter.geometry = g
            for page, marks in pages:
                painter(page, marks)
            canvas.showOutline()
            drawn = time.process_time()
            made += len(canvas.getpdfdata())
            saving += time.process_time() - drawn
            drawing += drawn - start
        return drawing, saving, made

    one_round()  # first use: glyphs read, codes and names formatted once per process
    rounds = [one_round() for _ in range(args.rounds)]
    drawing = min(r[0] for r in rounds) * 1000
    saving = min(r[1] for r in rounds) * 1000
    print(f"{len(laid_out)} articles, {sum(len(p) for *_, p in laid_out)} pages, "
          f"best of {args.rounds} rounds (CPU):")
    print(f"  drawing the pages  {drawing:7.1f} ms")
    print(f"  saving the file    {saving:7.1f} ms")
    print(f"  together           {drawing + saving:7.1f} ms   {rounds[0][2]:,} bytes")


if __name__ == "__main__":
    main()
