"""convert against pandoc on the same saved pages: what each keeps, what each loses, how fast.

    PYTHONPATH=. python scripts/compare_pandoc.py [--runs 3]

Pages: the invented Chinese news page of tests/test_html_reader.py (saved in GBK as a
browser would, and in UTF-8 to give pandoc a fair chance), and real pages of
tests/web_pages.py (downloaded from PyPI sdists on first use). For each page and tool the
DOCX's text is searched for strings of the article (should be there) and of the site's
furniture — navigation, share bar, related links, comments, footer (should not). Times are
the best of --runs wall-clock runs of each command line (DOCX, then EPUB), start-up included;
"in-process" is what convert pays per page inside a batch (read, DOCX and EPUB in one warm
Python process, best of --runs).
Needs pandoc on PATH (apt-get install pandoc).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docx import Document as Docx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import web_pages  # noqa: E402
from tests.test_html_reader import FURNITURE, NEWS, PARA  # noqa: E402

PROBES: dict[str, tuple[list[str], list[str]]] = {
    # page -> (article strings, furniture strings)
    "news-gbk": ([PARA[:24], "一、项目情况", "先进制造业项目四十个", "服务业"], list(FURNITURE)),
    "news-utf8": ([PARA[:24], "一、项目情况", "先进制造业项目四十个", "服务业"], list(FURNITURE)),
    "big5": (["台北看守所昨天抽查", "「沉默抗議」"], []),
    "chinadaily": (["美中合作基金会执行主席约翰", "美方应当采取更多行动", "翁诗杰"],
                   ["中文网首页", "站内搜索", "分享到", "京ICP备", "不良信息举报", "央视网"]),
    "mozilla": (["Page Inspector", "Sync your new profile", "WebIDE"],
                ["Cookies", "Trademark Abuse", "Other languages", "Dolnoserbšćina",
                 "Contact Us"]),
}


def docx_text(path: Path) -> str:
    doc = Docx(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def best_time(cmd: list[str], runs: int, cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    best, result = float("inf"), None
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env,
                                timeout=600)
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result


def in_process(path: Path, runs: int) -> float:
    """Read + DOCX + EPUB for one page in this (warm) process: a batch's cost per page."""
    from convert.readers import read_file
    from convert.writers import get_writer
    from convert.writers.base import RenderOptions

    opts = RenderOptions()
    best = float("inf")
    for _ in range(runs + 1):  # the first run warms imports and fonts
        start = time.perf_counter()
        doc = read_file(path)
        get_writer("docx").render(doc, opts)
        get_writer("epub").render(doc, opts)
        best = min(best, time.perf_counter() - start)
    return best


def pages(folder: Path) -> dict[str, Path]:
    out = {}
    (folder / "page_files").mkdir(exist_ok=True)
    (folder / "page_files" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    out["news-gbk"] = folder / "news-gbk.html"
    out["news-gbk"].write_bytes(NEWS.encode("gb18030"))
    out["news-utf8"] = folder / "news-utf8.html"
    out["news-utf8"].write_bytes(NEWS.replace("charset=gb2312", "charset=utf-8").encode())
    for name in ("big5", "chinadaily", "mozilla"):
        try:
            src = web_pages.page(name)
        except BaseException as exc:  # pytest's skip outside pytest: the page is unavailable
            print(f"({name}: not available: {exc})", file=sys.stderr)
            continue
        out[name] = folder / f"{name}.html"
        shutil.copyfile(src, out[name])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if shutil.which("pandoc") is None:
        sys.exit("pandoc not found (apt-get install pandoc)")
    version = subprocess.run(["pandoc", "--version"], capture_output=True, text=True)
    print(f"pandoc {version.stdout.split()[1]}; convert from {ROOT}; best of {args.runs} runs\n")
    print("| page | tool | article kept | furniture kept | DOCX s | EPUB s | in-process s "
          "| notes |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, path in pages(folder).items():
            article, furniture = PROBES[name]
            for tool in ("convert", "pandoc"):
                out = folder / tool
                out.mkdir(exist_ok=True)
                docx, epub = out / f"{name}.docx", out / f"{name}.epub"
                if tool == "convert":
                    base = [sys.executable, "-m", "convert", str(path), "--force"]
                    t_docx, r = best_time([*base, "-o", str(docx)], args.runs, folder)
                    t_epub, _ = best_time([*base, "-o", str(epub)], args.runs, folder)
                else:
                    base = ["pandoc", "-f", "html", str(path), "--resource-path", str(folder)]
                    t_docx, r = best_time([*base, "-o", str(docx)], args.runs, folder)
                    t_epub, _ = best_time([*base, "-o", str(epub)], args.runs, folder)
                if not docx.is_file():
                    print(f"| {name} | {tool} | failed: {r.stderr.strip()[:80]} | | | | | |")
                    continue
                warm = f"{in_process(path, args.runs):.2f}" if tool == "convert" else ""
                text = docx_text(docx)
                kept = sum(a in text for a in article)
                noise = [f for f in furniture if f in text]
                notes = []
                if "not UTF-8" in r.stderr:
                    notes.append("read as latin1 (mojibake)")
                if "Could not fetch" in r.stderr:
                    notes.append("tried to fetch remote images")
                if "remote image" in r.stdout + r.stderr:
                    notes.append("remote images listed, not fetched")
                listed = f" ({', '.join(noise)})" if noise else ""
                print(f"| {name} | {tool} | {kept}/{len(article)} | "
                      f"{len(noise)}/{len(furniture)}{listed}"
                      f" | {t_docx:.2f} | {t_epub:.2f} | {warm} | {'; '.join(notes)} |")


if __name__ == "__main__":
    main()
