"""Reader throughput: articles per second per input encoding, and peak memory.

    python scripts/bench_reader.py [--repeat N]

Reads every sample (and each re-encoded as GBK/Big5/UTF-16) N times in one
process, as a batch would. No timing assertions live in the tests; this is
where speed is measured.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

from convert.reader import read_bytes

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _inputs() -> dict[str, list[bytes]]:
    by_kind: dict[str, list[bytes]] = {"as stored": [], "utf-8": [], "gbk/big5": [], "utf-16": []}
    for path in sorted(SAMPLES.glob("*.txt")):
        data = path.read_bytes()
        doc = read_bytes(data)
        text = data.decode(doc.meta.encoding)
        by_kind["as stored"].append(data)
        by_kind["utf-8"].append(text.encode("utf-8"))
        by_kind["utf-16"].append(text.encode("utf-16"))
        legacy = "big5" if doc.meta.language.startswith("zh-Hant") else "gbk"
        try:
            by_kind["gbk/big5"].append(text.encode(legacy))
        except UnicodeEncodeError:
            by_kind["gbk/big5"].append(text.encode("gb18030"))
    return by_kind


# Inputs that would take quadratic time in a careless regex or loop (all ~100 KB).
_PATHOLOGICAL = {
    "letters": "a" * 100_000 + ",中文",
    "one line": "中文,测试" * 20_000,
    "short lines": "短行\n" * 30_000,
    "dots@": "a.b" * 30_000 + "@x,中",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    started = time.perf_counter()
    read_bytes("预热".encode("gbk"))  # chardet model and the character tables load once
    print(
        f"first read (imports, chardet model, character tables): "
        f"{(time.perf_counter() - started) * 1000:.0f} ms"
    )
    inputs = _inputs()
    for kind, items in inputs.items():
        size = sum(len(d) for d in items)
        started = time.perf_counter()
        for _ in range(args.repeat):
            for data in items:
                read_bytes(data)
        elapsed = time.perf_counter() - started
        count = args.repeat * len(items)
        print(
            f"{kind:>10}: {count / elapsed:7.0f} articles/s  "
            f"({elapsed / count * 1000:.2f} ms each, {size / len(items) / 1024:.1f} KB average)"
        )
    for name, text in _PATHOLOGICAL.items():
        started = time.perf_counter()
        read_bytes(text.encode("utf-8"))
        print(f"{name:>10}: {(time.perf_counter() - started) * 1000:7.1f} ms")
    tracemalloc.start()  # a separate pass: tracing slows everything down several times
    for items in inputs.values():
        for data in items:
            read_bytes(data)
    _, peak = tracemalloc.get_traced_memory()
    print(f"peak traced memory while reading one article: {peak / 1024 / 1024:.1f} MB")


if __name__ == "__main__":
    main()
