"""Count how much of three Chinese character standards each bundled font covers.

    python scripts/font_coverage.py [--unihan PATH] [--markdown]

- 通用规范汉字表 (Table of General Standard Chinese Characters, 2013, 8,105
  characters): the code points carrying a `kTGH` field in Unicode's Unihan
  database (Unihan_OtherMappings.txt; Debian's `unicode-data` package puts it
  at /usr/share/unicode/Unihan_OtherMappings.txt.bz2). Skipped if not found.
- GB 2312 (6,763 hanzi): every two-byte code in rows 16-87, decoded with
  Python's gb2312 codec.
- Big5 (13,053 hanzi): A440-C67E (5,401 frequent) and C940-F9D5 (7,652 less
  frequent), decoded with Python's big5 codec.

A face "covers" a character when its cmap maps the code point to a glyph.
"""

from __future__ import annotations

import argparse
import bz2
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from convert import fonts

UNIHAN_PLACES = [
    Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2"),
    Path("/usr/share/unicode/Unihan_OtherMappings.txt"),
]


def gb2312_hanzi() -> set[str]:
    found = set()
    for row in range(0xB0, 0xF8):  # GB 2312 rows 16-87 hold the 6,763 hanzi
        for cell in range(0xA1, 0xFF):
            try:
                found.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # row 55 ends at cell 89
    return found


def big5_hanzi() -> set[str]:
    found = set()
    ranges = [(0xA4, 0xC6, 0xC67E), (0xC9, 0xF9, 0xF9D5)]
    for first, last, stop in ranges:
        for lead in range(first, last + 1):
            for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
                code = lead << 8 | trail
                if code > stop:
                    continue
                try:
                    ch = bytes([lead, trail]).decode("big5")
                except UnicodeDecodeError:
                    continue
                if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
                    found.add(ch)
    return found


def tgh_from_unihan(path: Path | None) -> set[str] | None:
    candidates = [path] if path else UNIHAN_PLACES
    for place in candidates:
        if place is None or not place.is_file():
            continue
        opener = bz2.open if place.suffix == ".bz2" else open
        with opener(place, "rt", encoding="utf-8") as f:
            return {chr(int(line.split("\t")[0][2:], 16)) for line in f if "\tkTGH\t" in line}
    return None


def faces() -> list[fonts.FontFace]:
    folder = fonts.fonts_dir()
    return [
        fonts.serif_face("zh-Hans"),
        fonts.serif_face("zh-Hant"),
        fonts.serif_face("zh-Hant-HK"),
        fonts.sans_face(),
        fonts.FontFace(folder / "HanaMinA-fallback.ttf", 0, "HanaMinA (cut to what UMing lacks)"),
        fonts.FontFace(folder / "HanaMinB.ttf", 0, "HanaMinB"),
    ]


def count(face_cover: frozenset[int], chars: set[str]) -> int:
    return sum(1 for ch in chars if ord(ch) in face_cover)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unihan", type=Path, help="Unihan_OtherMappings.txt(.bz2)")
    parser.add_argument("--markdown", action="store_true", help="a table for fonts/README.md")
    args = parser.parse_args(argv)

    sets: dict[str, set[str] | None] = {
        "通用规范汉字表": tgh_from_unihan(args.unihan),
        "Big5": big5_hanzi(),
        "GB2312": gb2312_hanzi(),
    }
    rows = []
    union: frozenset[int] = frozenset()
    for face in faces():
        cover = fonts.coverage(face)
        union |= cover
        rows.append((face.family, cover))
    serif_chain = frozenset().union(*(c for _, c in rows[:3]), rows[4][1], rows[5][1])
    rows.append(("the serif chain (UMing CN/TW/HK + HanaMin A/B)", serif_chain))
    rows.append(("every bundled face together", union))

    names = list(sets)
    totals = {n: (len(s) if s is not None else None) for n, s in sets.items()}
    header = ["face"] + [f"{n} ({totals[n] if totals[n] is not None else '?'})" for n in names]
    lines = []
    for family, cover in rows:
        cells = [family]
        for n in names:
            chars = sets[n]
            cells.append("not counted" if chars is None else str(count(cover, chars)))
        lines.append(cells)
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for cells in lines:
            print("| " + " | ".join(cells) + " |")
    else:
        width = max(len(c[0]) for c in lines) + 2
        print("".ljust(width) + "  ".join(h.rjust(18) for h in header[1:]))
        for cells in lines:
            print(cells[0].ljust(width) + "  ".join(c.rjust(18) for c in cells[1:]))
    if sets["通用规范汉字表"] is None:
        print(
            "\n通用规范汉字表 not counted: no Unihan_OtherMappings.txt "
            "(apt-get install unicode-data, or pass --unihan)",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
