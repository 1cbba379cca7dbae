#!/usr/bin/env python3
"""What a proofreader would notice in a folder of PDFs, measured from glyph positions.

    python scripts/typography_report.py out/            # every *.pdf under out/
    python scripts/typography_report.py a.pdf b.pdf -v  # list every finding

Prints the widest gap between two Han characters and the widest word space in a
justified line (in ems of the font size), how many ambiguous-width marks (“ ” ‘ ’
– — …) are drawn in a CJK face inside Latin text, how many paragraphs end in
a line of one Han character, and how many lines inside a paragraph stop short of the
margin (set ragged because no break could justify them within the limits, or ended
by a hard line break). Needs pdfplumber (`pip install -e '.[test]'`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from convert.typography_check import Report, analyse_pdf  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every finding")
    args = parser.parse_args(argv)
    pdfs = sorted(
        p for path in args.paths for p in ([path] if path.is_file() else path.rglob("*.pdf"))
    )
    if not pdfs:
        print("typography_report: no PDF found", file=sys.stderr)
        return 2
    total = Report()
    for pdf in pdfs:
        total.merge(analyse_pdf(pdf), pdf.name)
    print(f"PDFs                              {len(pdfs)}")
    print(f"widest Han gap                    {total.han_gap:.2f} em   {total.han_gap_where[:70]}")
    print(f"widest word space                 {total.word_space:.2f} em   "
          f"{total.word_space_where[:70]}")
    print(f"CJK-face marks in Latin text      {len(total.cjk_marks_in_latin)}")
    print(f"one-character last lines          {len(total.one_char_last_lines)}")
    print(f"short lines inside paragraphs     {len(total.short_lines)}")
    if args.verbose:
        for item in total.cjk_marks_in_latin + total.one_char_last_lines + total.short_lines:
            print("  ", item)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
