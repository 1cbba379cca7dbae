#!/usr/bin/env python3
"""PDF writer speed in a warm process (the writer alone, no reader, no CLI).

    python scripts/bench_pdf.py            # the seed article, 100 renders
    python scripts/bench_pdf.py -n 300 ARTICLE.txt

Prints what is paid once per process (import, parsing the bundled faces), the
median and 95th percentile per article afterwards, how many times a font file
was parsed (it must stay at one per face), a ten-article book, the file size
and where its bytes go (each font subset's program, glyph outlines and ToUnicode
map, page content, the rest), and peak traced memory of one render.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from pathlib import Path

from benchlib import ROOT, SEED, article, summary, timed  # noqa: F401  (ROOT: sys.path)


def measure(doc, n: int = 100) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Figures for one document, for scripts/benchmark.py or this script's report."""
    from convert.writers.base import RenderOptions

    options = RenderOptions()
    start = time.perf_counter()
    from convert.writers import pdf, pdf_fonts

    imported = time.perf_counter()
    pdf.warm_up(options)
    warmed = time.perf_counter()
    first = pdf.render(doc, options)
    first_done = time.perf_counter()
    runs = timed(lambda: pdf.render(doc, options), n)
    parses = (
        pdf_fonts.registered.cache_info().misses + pdf_fonts.registered_subset.cache_info().misses
    )
    return {
        "import_ms": (imported - start) * 1000,
        "warm_up_ms": (warmed - imported) * 1000,
        "first_render_ms": (first_done - warmed) * 1000,
        "median_ms": statistics.median(runs),
        "p95_ms": sorted(runs)[max(int(len(runs) * 0.95) - 1, 0)],
        "bytes": len(first.data),
        "font_parses": parses,
        "runs": runs,  # type: ignore[dict-item]
    }


def size_breakdown(data: bytes) -> list[tuple[str, int]]:
    """(what, bytes as stored) for each font subset's parts, the pages' content, the rest."""
    import io
    import zlib

    import pypdf
    from fontTools.ttLib import TTFont

    pdf = pypdf.PdfReader(io.BytesIO(data))
    rows: list[tuple[str, int]] = []
    fonts, contents = {}, 0
    for page in pdf.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
        streams = page["/Contents"].get_object()
        for stream in streams if isinstance(streams, list) else [streams]:
            contents += len(stream.get_object()._data)  # compressed, as stored
    for name, font in fonts.items():
        program = font["/FontDescriptor"]["/FontFile2"].get_object()
        raw = program.get_data()
        glyf = TTFont(io.BytesIO(raw)).reader["glyf"]
        glyphs = len(font["/Widths"])
        rows.append((f"{name} ({glyphs} glyphs) program", len(program._data)))
        rows.append(("    of which glyph outlines (alone, deflated)", len(zlib.compress(glyf))))
        rows.append(("    ToUnicode map", len(font["/ToUnicode"].get_object()._data)))
    rows.append(("page content streams", contents))
    rows.append(("everything else (dictionaries, widths, outline, xref)", 0))
    rows[-1] = (rows[-1][0], len(data) - sum(n for w, n in rows if not w.startswith("    of")))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=SEED)
    parser.add_argument("-n", type=int, default=100)
    args = parser.parse_args()

    doc, label = article(args.article)

    figures = measure(doc, args.n)
    print(
        f"article: {label} ({len(doc.all_text())} characters, {len(set(doc.all_text()))} distinct)"
    )
    print(f"import convert.writers.pdf   {figures['import_ms']:7.1f} ms (once per process)")
    print(f"warm_up (parse 3 faces)      {figures['warm_up_ms']:7.1f} ms (once per process)")
    print(f"first render                 {figures['first_render_ms']:7.1f} ms")
    print(summary("warm render", figures["runs"]))  # type: ignore[arg-type]
    print(f"file size                    {figures['bytes'] / 1024:7.1f} KB")
    from convert.writers import pdf as pdf_writer
    from convert.writers.base import RenderOptions as Options

    for what, size in size_breakdown(pdf_writer.render(doc, Options()).data):
        print(f"  {what:<52} {size / 1024:7.1f} KB")

    from convert.writers import pdf, pdf_fonts
    from convert.writers.base import RenderOptions

    book = timed(lambda: pdf.render_book([doc] * 10, "十篇", RenderOptions()), max(args.n // 10, 3))
    print(summary("ten-article book", book))
    tracemalloc.start()
    pdf.render(doc, RenderOptions())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"peak traced memory, one render {peak / 1e6:5.1f} MB")
    parses = (
        pdf_fonts.registered.cache_info().misses + pdf_fonts.registered_subset.cache_info().misses
    )
    print(f"font files parsed in this process: {parses} (one per face, however many renders)")


if __name__ == "__main__":
    main()
