#!/usr/bin/env python3
"""Batch speed: articles per second per format, peak memory, and the up-to-date rerun.

    python scripts/benchmark.py                 # 200 articles, -j 1 and -j all cores
    python scripts/benchmark.py -n 400 --rerun 1000 --compare

Builds N articles in a temporary folder from samples/*.txt and the seed article
(each copy gets its own title line, so no two are the same file), then times the
real command (`python -m convert … -q --force`) as a user would run it: wall
clock including start-up, fonts and the worker pool. Peak memory is the largest
single process of the run (ru_maxrss of the children; with -j N the pool's
memory is about N times the worker figure plus the main process).

--compare also times LibreOffice (`soffice --headless --convert-to docx`, one
call for all files, as a user would batch it), pandoc (`pandoc -o x.docx` and
`-o x.epub`, one call per file) and Calibre (`ebook-convert x.txt x.epub`, one
call per file, with its fixed start-up cost per call measured on a one-line
file), where installed, on the first --compare-n of the same files; a tool's
failures and time-outs are counted (--compare-only skips our own batch runs).
Speed only: pandoc reads non-UTF-8 files as latin1 (mojibake) and soffice
garbles the Big5 sample; Calibre decodes GBK, Big5 and UTF-16 but titles every
book with its file name, tags it English and keeps page furniture as text.
None finds title, meta or boilerplate.

convert's own modules are compiled to bytecode first (`compileall`), as `pip install`
does for an installed package: a source checkout run with PYTHONDONTWRITEBYTECODE=1
(as on the build machine) otherwise compiles them again in every run, about 75 ms
of CPU before the first article. --best N runs each of our commands N times and
keeps the fastest (the machine is shared: wall times jump from run to run).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "corpus" / "articles" / "jilin-daily-2020-05-16.txt"


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def templates() -> list[bytes]:
    found = sorted((ROOT / "samples").glob("*.txt"))
    if SEED.is_file():
        found.insert(0, SEED)
    if not found:
        sys.exit("no samples/*.txt and no seed article to build the batch from")
    return [p.read_bytes() for p in found]


def build(folder: Path, n: int) -> Path:
    """N article files, cycling through the templates; UTF-8 ones get a numbered title."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = templates()
    for i in range(n):
        data = sources[i % len(sources)]
        try:
            text = data.decode("utf-8-sig")
            first, _, rest = text.partition("\n")
            data = f"{first.rstrip()}（{i}）\n{rest}".encode()
        except UnicodeDecodeError:
            pass  # a GBK/Big5/UTF-16 sample stays byte for byte
        (folder / f"{i // 100:03}" / f"a{i:05}.txt").parent.mkdir(exist_ok=True)
        (folder / f"{i // 100:03}" / f"a{i:05}.txt").write_bytes(data)
    return folder


PROBE = """
import json, resource, subprocess, sys, time
cmds, limit = json.loads(sys.argv[1]), int(sys.argv[2])

def cap():  # a runaway tool must not take the shared machine down with it
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

failed, ok, t = 0, 0.0, time.perf_counter()
for cmd in cmds:
    one = time.perf_counter()
    try:
        rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            timeout=TIMEOUT, preexec_fn=cap).returncode
    except subprocess.TimeoutExpired:
        rc = -1
    failed += rc != 0
    ok += time.perf_counter() - one if rc == 0 else 0.0
t = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([t, failed, usage.ru_maxrss, ok, usage.ru_utime + usage.ru_stime]))
"""
LAST: dict[str, float] = {}  # the last timed run: seconds of its successful calls, CPU seconds
BEST = [1]  # --best: how many times each of our own commands runs


def timed(
    *cmds: list[str], timeout: float = 3600, memory_mb: int = 4096
) -> tuple[float, int, int]:
    """Wall seconds for running cmds one after another, how many failed (or timed out
    after `timeout` s each), and the peak RSS (MB) of the largest process."""
    probe = PROBE.replace("TIMEOUT", repr(timeout))
    out = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(cmds), str(memory_mb * 2**20)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    seconds, failed, kb, ok, cpu = json.loads(out.stdout.strip().splitlines()[-1])
    LAST.update(ok=ok, cpu=cpu)
    return seconds, failed, kb // 1024


def compile_bytecode() -> None:
    """convert's modules as bytecode, as an installed package has them."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "convert")],
                   check=True, stdout=subprocess.DEVNULL)


def convert_cmd(src: Path, out: Path, formats: str, jobs: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "convert", str(src), "--to", formats, "-o", str(out),
            "-j", str(jobs), "-q", *extra]


def best_of(cmd: list[str]) -> tuple[float, int, int]:
    """timed(cmd) BEST times; the fastest run (LAST keeps its CPU seconds)."""
    runs = []
    for _ in range(BEST[0]):
        runs.append((*timed(cmd), dict(LAST)))
    seconds, failed, mb, last = min(runs, key=lambda r: r[0])
    LAST.update(last)
    return seconds, failed, mb


def row(label: str, n: int, seconds: float, failed: int, mb: int) -> None:
    """One timed run; CPU is every process of the run (steadier than wall on a busy host)."""
    flag = "" if failed == 0 else (
        f"  ({failed} failed or timed out; the other {n - failed} took {LAST['ok']:.2f} s)")
    print(f"{label:<34} {n:>6} {seconds:>8.2f} s {n / seconds:>8.1f}/s {mb:>6} MB "
          f"{LAST.get('cpu', 0):>7.2f} s CPU{flag}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=200, help="articles per timed run")
    parser.add_argument("--formats", default="docx,pdf,epub,docx+pdf+epub",
                        help="runs to time; + joins formats into one run")
    parser.add_argument("--rerun", type=int, default=1000,
                        help="articles for the up-to-date rerun (0: skip)")
    parser.add_argument("--compare", action="store_true", help="time soffice and pandoc too")
    parser.add_argument("--compare-n", type=int, default=50)
    parser.add_argument("--skip", default="", help="tools not to compare: soffice,pandoc,calibre")
    parser.add_argument("--compare-only", action="store_true",
                        help="only the comparison (on --compare-n articles)")
    parser.add_argument("--best", type=int, default=1,
                        help="run each of our commands this many times, keep the fastest")
    args = parser.parse_args()
    BEST[0] = max(1, args.best)
    compile_bytecode()
    if args.compare_only:
        with tempfile.TemporaryDirectory(prefix="convert-bench-") as tmp:
            base = Path(tmp)
            compare(build(base / "in", args.compare_n), base, args.compare_n, args.skip)
        return

    all_cores = cores()
    job_counts = sorted({1, all_cores})
    with tempfile.TemporaryDirectory(prefix="convert-bench-") as tmp:
        base = Path(tmp)
        src = build(base / "in", args.n)
        print(f"{args.n} articles from {len(templates())} templates; {all_cores} cores; "
              f"Python {sys.version.split()[0]}")
        print(f"{'run':<34} {'files':>6} {'wall':>10} {'rate':>10} {'peak':>9}")
        seconds, rc, mb = timed(convert_cmd(src / "000" / "a00000.txt", base / "one", "json", 1))
        row("start-up: 1 article, json", 1, seconds, rc, mb)
        for spec in args.formats.split(","):
            formats = spec.replace("+", ",")
            for jobs in job_counts:
                out = base / f"out-{spec}-{jobs}"
                seconds, rc, mb = timed(convert_cmd(src, out, formats, jobs, "--force"))
                row(f"{formats} -j {jobs}", args.n, seconds, rc, mb)
            shutil.rmtree(base / f"out-{spec}-1", ignore_errors=True)

        if args.rerun:
            many = build(base / "many", args.rerun)
            out = base / "out-many"
            seconds, rc, mb = timed(convert_cmd(many, out, "docx,pdf,epub", all_cores))
            row(f"first run docx,pdf,epub -j {all_cores}", args.rerun, seconds, rc, mb)
            best = min(
                timed(convert_cmd(many, out, "docx,pdf,epub", all_cores))[0] for _ in range(3)
            )
            print(f"{'rerun, all up to date (best of 3)':<34} {args.rerun:>6} {best:>8.2f} s")

        if args.compare:
            compare(src, base, args.compare_n, args.skip)


def compare(src: Path, base: Path, n: int, skip: str = "") -> None:
    files = sorted(src.rglob("*.txt"))[:n]
    subset = base / "subset"
    subset.mkdir()
    for f in files:
        shutil.copy(f, subset / f.name)
    print(f"\nsame {len(files)} files with other tools:")
    ours: dict[str, float] = {}
    for fmt in ("docx", "pdf", "epub"):
        for jobs in sorted({1, cores()}):
            seconds, rc, mb = best_of(convert_cmd(subset, base / "c-ours", fmt, jobs, "--force"))
            best = f" (best of {BEST[0]})" if BEST[0] > 1 else ""
            row(f"convert --to {fmt} -j {jobs}{best}", len(files), seconds, rc, mb)
            ours[fmt] = seconds  # the last one: all cores, as a user runs it
    soffice = None if "soffice" in skip else shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        profile = (base / "lo-profile").as_uri()
        # The first start creates the profile; not counted.
        timed([soffice, f"-env:UserInstallation={profile}", "--headless", "--terminate_after_init"])
        for fmt in ("docx", "pdf"):
            cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                   fmt, "--outdir", str(base / "c-lo"), *map(str, sorted(subset.iterdir()))]
            seconds, rc, mb = timed(cmd)
            row(f"soffice --convert-to {fmt}", len(files), seconds, rc, mb)
            print(f"  convert --to {fmt} (all cores) is {seconds / ours[fmt]:.1f}x faster")
    else:
        print("soffice not installed")
    # pandoc and Calibre get one call per file, as users script them; 10 s and 4 GB each
    # at most (pandoc's markdown reader never finishes on UTF-16 text read as latin1).
    pandoc = None if "pandoc" in skip else shutil.which("pandoc")
    if pandoc:
        (base / "c-pd").mkdir()
        for fmt in ("docx", "epub"):
            cmds = [[pandoc, "-o", str(base / "c-pd" / f"{p.stem}.{fmt}"), str(p)]
                    for p in sorted(subset.iterdir())]
            seconds, failed, mb = timed(*cmds, timeout=10)
            row(f"pandoc -o .{fmt} (per file)", len(files), seconds, failed, mb)
            ok = LAST["ok"] * len(files) / max(1, len(files) - failed)  # as if all had worked
            print(f"  convert --to {fmt} (all cores) is {seconds / ours[fmt]:.1f}x faster; "
                  f"{ok / ours[fmt]:.1f}x counting pandoc's successful calls only")
    else:
        print("pandoc not installed")
    ebook = None if "calibre" in skip else shutil.which("ebook-convert")
    if ebook:
        calibre(ebook, subset, base, len(files))
    else:
        print("calibre ebook-convert not installed")


def calibre(ebook: str, subset: Path, base: Path, n: int) -> None:
    """ebook-convert once per file, as users script it; its fixed cost per call (a
    one-line file), and what it made of the titles and languages."""
    out = base / "c-cal"
    out.mkdir()
    tiny = base / "tiny.txt"
    tiny.write_text("x\n", encoding="utf-8")
    calls = 3
    seconds, failed, _ = timed(*[[ebook, str(tiny), str(out / f"tiny{i}.epub")]
                                 for i in range(calls)], timeout=60)
    startup = seconds / calls
    cmds = [[ebook, str(p), str(out / f"{p.stem}.epub")] for p in sorted(subset.iterdir())]
    seconds, failed, mb = timed(*cmds, timeout=60)
    row("ebook-convert .epub (per file)", n, seconds, failed, mb)
    print(f"  of which start-up (a one-line file): {startup:.2f} s per call, "
          f"{startup * n / seconds:.0%} of the run")
    books = sorted(out.glob("a*.epub"))
    found = [opf_title_language(b) for b in books]
    named = sum(title == b.stem for b, (title, _) in zip(books, found, strict=True))
    english = sum(language.startswith("en") for _, language in found)
    print(f"  dc:title is the file name in {named} of {len(books)} books; "
          f"dc:language is English in {english} of {len(books)}")

def opf_title_language(book: Path) -> tuple[str, str]:
    """dc:title and dc:language of an EPUB's package document."""
    dc = "{http://purl.org/dc/elements/1.1/}"
    with zipfile.ZipFile(book) as z:
        opf = next(n for n in z.namelist() if n.endswith(".opf"))
        root = ElementTree.fromstring(z.read(opf))
    title = root.find(f".//{dc}title")
    language = root.find(f".//{dc}language")
    return ("" if title is None else title.text or "",
            "" if language is None else language.text or "")

if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
