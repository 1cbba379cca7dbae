"""Long texts: a GBK web novel of 1.5 MB and 15 MB (and 30 MB with --big), each format.

    python scripts/bench_novel.py            # 1.5 MB and 15 MB, every format, Calibre if installed
    python scripts/bench_novel.py --big      # also 30 MB (the 400 MB memory target)
    python scripts/bench_novel.py --sizes 1.5 --formats epub

The novel is built from the paragraphs of `samples/` (the Simplified ones that GBK can hold):
a title line, an `作者：` line, a blurb, then volumes (`第一卷 …`) of 100 chapters
(`第一章 …`) of about 3,000 characters each, blank-line separated and indented with
ideographic spaces as novels from the web are. Each run is `python -m convert novel.txt
--to FORMAT -j 1` in its own process: wall time including start-up, CPU time (user +
system: on a shared machine, the figure to compare) and peak RSS of that process.
Calibre's `ebook-convert novel.txt novel.epub` runs on the same file when it is installed
(up to --calibre-max MB), and the table of contents of both books is counted (NCX entries).

Every run of ours is preceded by one unmeasured run on a small file, with bytecode caching on
(PYTHONDONTWRITEBYTECODE is dropped for the children), so start-up is measured as an installed
package runs, not the compiling of its sources. On a loaded machine, `--repeat N` keeps the
least CPU time of N runs of each (ours and Calibre's alike).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from benchlib import ROOT

CHAPTER_CHARS = 3000
CHAPTERS_PER_VOLUME = 100
_DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 21 -> 二十一, 105 -> 一百零五, 1234 -> 一千二百三十四."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            out += ("零" if zero and out else "") + _DIGITS[digit] + unit
            zero = False
        else:
            zero = bool(out)
    return out


def sample_paragraphs() -> list[str]:
    """Body paragraphs of the Simplified samples, those GBK can encode."""
    sys.path.insert(0, str(ROOT))
    from convert.reader import read_file

    out = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        doc = read_file(path)
        if doc.meta.language != "zh-Hans":
            continue
        for block in doc.blocks:
            if block.type == "paragraph" and len(block.text) > 30:
                try:
                    block.text.encode("gbk")
                except UnicodeEncodeError:
                    continue
                out.append(block.text)
    return out


def novel(megabytes: float) -> bytes:
    """A GBK novel of about `megabytes` MB."""
    paragraphs = sample_paragraphs()
    han = re.compile(r"[\u4e00-\u9fff]+")
    lines = ["《长河旧事》", "作者：林晚舟", "", "内容简介", "　　" + paragraphs[0], ""]
    size, chapter, p = 0, 0, 0
    target = int(megabytes * 1_000_000)
    while size < target:
        if chapter % CHAPTERS_PER_VOLUME == 0:
            volume = chapter // CHAPTERS_PER_VOLUME + 1
            lines += [f"第{zh_number(volume)}卷 潮{zh_number(volume)}", ""]
        chapter += 1
        words = "".join(han.findall(paragraphs[(chapter * 7) % len(paragraphs)]))
        start = chapter % max(len(words) - 6, 1)
        lines += [f"第{zh_number(chapter)}章 {words[start:start + 2 + chapter % 5]}", ""]
        chars = 0
        while chars < CHAPTER_CHARS:
            text = paragraphs[p % len(paragraphs)]
            p += 1
            lines += ["　　" + text, ""]
            chars += len(text)
        size += chars * 2
    return "\r\n".join(lines).encode("gbk")


def one_line(megabytes: float) -> bytes:
    """A title, then a single line of about `megabytes` MB (UTF-8): the worst case for a
    paragraph-at-a-time layout."""
    text = "".join(sample_paragraphs())
    line = text * (int(megabytes * 1_000_000) // len(text.encode()) + 1)
    return ("一行到底\n" + line).encode()[: int(megabytes * 1_000_000)].decode(
        "utf-8", "ignore").encode()


_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(cmd: list[str], memory_mb: int = 4096, repeat: int = 1
            ) -> tuple[float, float, int, bool]:
    """(wall seconds, CPU seconds, peak RSS in MB, failed) of one command, the run of least
    CPU time of `repeat`. CPU time is what to compare on a shared machine: wall time grows
    with the load, CPU time much less."""
    def cap() -> None:  # a runaway tool must not take the shared machine down with it
        limit = memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                preexec_fn=cap, cwd=ROOT, env=_ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        runs.append((usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss // 1024,
                     status != 0))
    cpu, wall, peak, failed = min(runs)
    return wall, cpu, peak, failed


def warm_up(folder: Path, formats: list[str]) -> None:
    """One small conversion to every format, unmeasured: bytecode cached, files in memory."""
    src = folder / "warm-up.txt"
    src.write_bytes(novel(0.05))
    subprocess.run([sys.executable, "-m", "convert", str(src), "--to", ",".join(formats),
                    "-o", str(folder / "warm-up"), "-j", "1", "-q", "--force"],
                   cwd=ROOT, env=_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)


def toc_entries(book: Path) -> int:
    """Entries of the EPUB's table of contents: NCX navPoints (both tools write an NCX)."""
    with zipfile.ZipFile(book) as z:
        ncx = next(n for n in z.namelist() if n.endswith(".ncx"))
        return z.read(ncx).count(b"<navPoint")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1.5,15", help="novel sizes in MB")
    parser.add_argument("--big", action="store_true", help="also a 30 MB novel")
    parser.add_argument("--formats", default="epub,docx,pdf,json")
    parser.add_argument("--no-calibre", action="store_true")
    parser.add_argument("--calibre-max", type=float, default=15.0, metavar="MB",
                        help="run Calibre only on novels up to this size (it is slow)")
    parser.add_argument("--one-line", type=float, metavar="MB",
                        help="instead: a single line of MB megabytes, as PDF")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run each N times and keep the least CPU time")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")] + [30.0] * args.big
    if args.one_line:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "one-line.txt"
            src.write_bytes(one_line(args.one_line))
            cmd = [sys.executable, "-m", "convert", str(src), "--to", "pdf", "-o", tmp,
                   "-j", "1", "-q", "--force"]
            wall, cpu, peak, failed = measure(cmd)
            print(f"one line of {src.stat().st_size / 1e6:.1f} MB as PDF: {wall:.1f} s "
                  f"({cpu:.1f} s CPU), peak {peak} MB{' (FAILED)' if failed else ''}")
        return
    calibre = None if args.no_calibre else shutil.which("ebook-convert")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        warm_up(base, args.formats.split(","))
        print(f"{'input':<12} {'format':<8} {'wall s':>8} {'CPU s':>8} {'MB/CPU s':>8} "
              f"{'peak MB':>8}  notes")
        for mb in sizes:
            src = base / f"novel-{mb:g}MB.txt"
            src.write_bytes(novel(mb))
            real = src.stat().st_size / 1e6
            label = f"{real:.1f} MB GBK"
            for fmt in args.formats.split(","):
                out = base / f"out-{mb:g}"
                cmd = [sys.executable, "-m", "convert", str(src), "--to", fmt, "-o", str(out),
                       "-j", "1", "-q", "--force"]
                wall, cpu, peak, failed = measure(cmd, repeat=args.repeat)
                note = "FAILED" if failed else ""
                if fmt == "epub" and not failed:
                    note += f"{toc_entries(out / (src.stem + '.epub'))} TOC entries"
                print(f"{label:<12} {fmt:<8} {wall:8.2f} {cpu:8.2f} {real / cpu:8.2f} "
                      f"{peak:8d}  {note}", flush=True)
            if calibre and mb <= args.calibre_max:
                book = base / f"calibre-{mb:g}.epub"
                wall, cpu, peak, failed = measure([calibre, str(src), str(book)],
                                                  repeat=args.repeat)
                note = "FAILED" if failed else f"{toc_entries(book)} TOC entries"
                print(f"{label:<12} {'calibre':<8} {wall:8.2f} {cpu:8.2f} {real / cpu:8.2f} "
                      f"{peak:8d}  {note}", flush=True)


if __name__ == "__main__":
    main()
