"""The command as Unix users expect it: `-` and `-o -`, usage errors, exit codes,
metadata overrides, and the hostile inputs of issue 11 (data loss, FIFOs,
devices, huge files, long paths, odd names, damaged state)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from convert import batch
from convert.cli import main
from convert.state import STATE_NAME
from tests.batch_fakes import fake_writer, write_article  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
CHINESE = "今年一季度，全省经济稳步回升，就业形势总体稳定，市场预期持续改善。"
ARTICLE = f"经济稳步回升\n\n{CHINESE}\n\n{CHINESE}\n"


def convert(*args: object, input: bytes | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], input=input,
                              catch_exceptions=False)


def usage_error(res: Result) -> str:
    """The one reason of a usage error (click prints it after `Error:`)."""
    assert res.exit_code == 2, res.output
    return " ".join(res.stderr.split("Error:")[-1].split())


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "a.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# --- `-o -` and `-` ---------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _docx_text(data: bytes) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def _epub_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith("xhtml"))


def _json_text(data: bytes) -> str:
    return json.dumps(json.loads(data), ensure_ascii=False)


@pytest.mark.parametrize(
    ("fmt", "text_of"),
    [("json", _json_text), ("docx", _docx_text), ("pdf", _pdf_text), ("epub", _epub_text)],
)
def test_o_dash_writes_each_format_to_stdout_and_the_summary_to_stderr(
    article: Path, tmp_path: Path, fmt: str, text_of: object
) -> None:
    res = convert(article, "--to", fmt, "-o", "-")
    assert res.exit_code == 0, res.stderr
    assert "就业形势总体稳定" in text_of(res.stdout_bytes)  # type: ignore[operator]
    assert "1 converted" in res.stderr and "converted" not in res.stdout_bytes.decode("latin-1")
    assert os.listdir(article.parent) == ["a.txt"]  # nothing else written, no state file
    assert not Path("-").exists()


def test_dash_reads_standard_input_in_any_encoding(tmp_path: Path) -> None:
    res = convert("-", "--to", "json", "-o", "-", input=ARTICLE.encode("gb18030"))
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout_bytes)
    assert doc["meta"]["title"] == "经济稳步回升" and doc["meta"]["encoding"] == "gb18030"


def test_standard_input_into_a_folder_or_a_named_file(tmp_path: Path) -> None:
    res = convert("-", "--to", "json", "-o", tmp_path / "out", input=ARTICLE.encode())
    assert res.exit_code == 0, res.output
    assert json.loads((tmp_path / "out/stdin.json").read_text())["meta"]["title"] == "经济稳步回升"
    res = convert("-", "-o", tmp_path / "named.epub", input=ARTICLE.encode())
    assert res.exit_code == 0 and zipfile.is_zipfile(tmp_path / "named.epub")


def test_standard_input_can_be_a_chapter_of_a_book(article: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.json"
    res = convert(article, "-", "--combine", book, "--title", "合集", input=b"Piped\n\nBody.\n")
    assert res.exit_code == 0, res.output
    titles = [a["meta"]["title"] for a in json.loads(book.read_text())["articles"]]
    assert sorted(titles) == ["Piped", "经济稳步回升"]


def test_a_pipeline_through_the_real_command(article: Path) -> None:
    """`cat a.txt | convert - --to pdf -o - | …`: bytes in, a PDF out, nothing else on stdout."""
    proc = subprocess.run(
        [sys.executable, "-m", "convert", "-", "--to", "pdf", "-o", "-"],
        input=article.read_bytes(), capture_output=True, cwd=ROOT, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"%PDF") and b"1 converted" in proc.stderr
    assert "就业形势总体稳定" in _pdf_text(proc.stdout)


def test_a_binary_document_is_not_written_to_a_terminal(article: Path) -> None:
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "convert", str(article), "--to", "pdf", "-o", "-"],
            stdout=follower, stderr=subprocess.PIPE, cwd=ROOT, timeout=60, check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 2
    assert b"would write a pdf file to the terminal; redirect or pipe it" in proc.stderr


def test_a_reader_that_goes_away_is_one_line_not_a_traceback(
    fake_writer: str, article: Path  # noqa: F811
) -> None:
    code = ("import convert.writers as w\n"
            "w._BUILTIN['fake'] = ('tests.batch_fakes', '.fake')\n"
            "from convert.cli import program\nprogram()\n")
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(article), "--to", "fake", "-o", "-"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "CONVERT_FAKE_PADDING": str(16 << 20)},
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(1) == b"{"  # 16 MB are coming: more than any pipe holds
    proc.stdout.close()  # `| head -c 1`
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
    assert "standard output was closed" in stderr


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--to", "json,pdf", "-o", "-"], "choose one format"),
        (["-o", "-"], "choose one format"),
        (["EXTRA", "--to", "json", "-o", "-"], "give one input file"),
        (["--combine", "book.epub", "-o", "-"], "--combine names its own book"),
    ],
)
def test_o_dash_usage_errors_say_why(article: Path, args: list[str], reason: str) -> None:
    args = [str(article.parent) if a == "EXTRA" else a for a in args]
    assert reason in usage_error(convert(article, *args))


def test_standard_input_needs_an_output_and_is_named_once(tmp_path: Path) -> None:
    assert "needs -o" in usage_error(convert("-", "--to", "json", input=b"x"))
    assert "once" in usage_error(convert("-", "-", "-o", tmp_path, input=b"x"))


# --- -o NAME.ext, no input ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["out.html", "notes.md", "doc.odt", "plain.txt", "Page.HTM"])
def test_o_with_an_extension_we_do_not_write_is_a_usage_error(article: Path, tmp_path: Path,
                                                              name: str) -> None:
    reason = usage_error(convert(article, "-o", tmp_path / name))
    assert Path(name).suffix in reason and ".docx" in reason and ".epub" in reason
    assert not (tmp_path / name).exists()


def test_a_folder_with_a_dot_is_still_possible(article: Path, tmp_path: Path) -> None:
    res = convert(article, "--to", "json", "-o", f"{tmp_path / 'site.html'}/")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "site.html" / "a.json").is_file()
    res = convert(article, "--to", "json", "-o", tmp_path / "v2.5")  # not an extension
    assert res.exit_code == 0 and (tmp_path / "v2.5" / "a.json").is_file()


def test_no_input_found_is_an_error_naming_the_patterns(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.rtf").write_text("{\\rtf1 not taken}")
    res = convert(tmp_path / "news")
    assert res.exit_code == 1
    tried = " ".join(batch.DEFAULT_INCLUDE)
    assert res.stderr.strip().splitlines() == [
        f"convert: no input files found in {tmp_path / 'news'} (tried --include {tried})"
    ]
    res = convert(tmp_path / "news", "--include", "*.markdown", "--exclude", "draft*")
    assert res.exit_code == 1
    assert "--include *.markdown, --exclude draft*" in res.stderr


# --- data loss ---------------------------------------------------------------------------


def test_report_onto_an_input_or_an_output_is_refused(article: Path, tmp_path: Path) -> None:
    before = article.read_bytes()
    assert "overwrite an input" in usage_error(
        convert(article.parent, "--to", "json", "--report", article))
    assert article.read_bytes() == before
    out = tmp_path / "out"
    reason = usage_error(convert(article, "--to", "json", "-o", out, "--report", out / "a.json"))
    assert "overwrite the json output of" in reason
    assert not out.exists()


def test_combine_onto_an_articles_output_is_refused(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    # The book named like one of this run's outputs.
    reason = usage_error(convert(article, "--to", "json", "-o", out, "--combine", out / "a.json"))
    assert "overwrite the json output of" in reason
    # ...or like an output an earlier run made (its state file knows it).
    assert convert(article, "--to", "json", "-o", out).exit_code == 0
    made = (out / "a.json").read_bytes()
    reason = usage_error(convert(article, "--combine", out / "a.json"))
    assert "earlier run" in reason
    assert (out / "a.json").read_bytes() == made
    assert "0 converted, 1 up to date" in convert(article, "--to", "json", "-o", out).stdout


def test_report_and_book_cannot_be_one_file(article: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.json"
    assert "same file" in usage_error(convert(article, "--combine", book, "--report", book))


# --- hostile inputs ------------------------------------------------------------------------


def test_a_fifo_named_as_input_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)  # nothing will ever write to it
    proc = subprocess.run(
        [sys.executable, "-m", "convert", str(fifo), "--to", "json", "-o", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=False,
    )
    assert proc.returncode == 1
    assert f"{fifo}: is a FIFO (named pipe), not a regular file" in proc.stdout


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_refused_without_reading_them(tmp_path: Path, device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} on this system")
    res = convert(device, "--to", "json", "-o", tmp_path, "-j", 1)
    assert res.exit_code == 1
    assert f"{device}: is a character device, not a regular file" in res.stdout


def test_max_size_refuses_a_large_input_before_reading_it(article: Path, tmp_path: Path) -> None:
    big = tmp_path / "in" / "big.txt"
    big.write_text(ARTICLE * 200, encoding="utf-8")  # about 40 kB
    res = convert(article.parent, "--to", "json", "-o", tmp_path / "out", "--max-size", "10k",
                  "-j", 1)
    assert res.exit_code == 1
    assert "big.txt: too large (" in res.stdout
    assert "the limit is 10 kB; see --max-size" in res.stdout
    assert (tmp_path / "out" / "a.json").is_file()
    assert usage_error(convert(article, "--max-size", "lots")).startswith("Invalid value")


def test_paths_longer_than_the_system_allows_fail_visibly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "deep"
    root.mkdir()
    write_article(root / "top.txt", "Top")
    monkeypatch.chdir(root)
    for _ in range(24):  # 24 × 201 bytes: past PATH_MAX (4096) as an absolute path
        os.mkdir("d" * 200)
        os.chdir("d" * 200)
    Path("bottom.txt").write_text("Bottom\n\nBody.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = convert(root, "--to", "json", "-o", tmp_path / "out", "-j", 1)
    assert res.exit_code == 1, res.output
    assert "File name too long" in res.stdout
    assert (tmp_path / "out" / "top.json").is_file()


def test_names_near_the_255_byte_limit_convert(tmp_path: Path) -> None:
    stem = "新" * 80  # 240 bytes: the output name is 245, its old temporary name was 260
    write_article(tmp_path / "in" / f"{stem}.txt", "Long name")
    res = convert(tmp_path / "in", "--to", "json", "-o", tmp_path / "out", "-j", 1)
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out" / f"{stem}.json").is_file()


def test_a_run_sweeps_the_old_temporary_files_of_dead_runs(article: Path, tmp_path: Path
                                                            ) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = out / f".convert-{dead}-k9.part"  # a kill -9 mid-write, yesterday
    stale.write_bytes(b"half a file")
    os.utime(stale, (0, 0))
    assert convert(article, "--to", "json", "-o", out).exit_code == 0
    assert not stale.exists() and (out / "a.json").is_file()


def test_newlines_and_escapes_in_file_names_stay_on_one_line(tmp_path: Path) -> None:
    write_article(tmp_path / "in" / "two\nlines\x1b[31m.txt", "Odd name")
    res = convert(tmp_path / "in", "--to", "json", "-o", tmp_path / "out", "-j", 1)
    assert res.exit_code == 0, res.output
    assert "two\\nlines\\x1b[31m.txt" in res.stderr
    assert "\x1b" not in res.output
    assert all(not line.startswith("lines") for line in res.output.splitlines())


def test_a_deeply_nested_state_file_is_just_damaged(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / STATE_NAME).write_text("[" * 200_000)
    res = convert(article, "--to", "json", "-o", out)
    assert res.exit_code == 0, res.output
    assert "1 converted" in res.stdout and "Traceback" not in res.output


# --- messages ----------------------------------------------------------------------------


def test_an_unwritable_report_is_one_line_and_the_summary_still_comes(
    article: Path, tmp_path: Path
) -> None:
    (tmp_path / "afile").write_text("a file, not a folder")
    res = convert(article, "--to", "json", "-o", tmp_path / "out",
                  "--report", tmp_path / "afile" / "r.json")
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    errors = [line for line in res.stderr.splitlines() if line.startswith("convert:")]
    assert errors == [f"convert: --report: cannot write {tmp_path / 'afile' / 'r.json'}: "
                      f"{tmp_path / 'afile'} is not a folder"]
    assert "1 converted" in res.stdout
    assert (tmp_path / "out" / "a.json").is_file()


def test_a_bad_font_is_reported_once_before_the_run(article: Path, tmp_path: Path) -> None:
    write_article(article.parent / "b.txt", "Second")
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"not a font at all" * 100)
    res = convert(article.parent, "--to", "pdf", "-o", tmp_path / "out", "--font", bad)
    reason = usage_error(res)
    assert "not a usable font" in reason and res.stderr.count("not a usable font") == 1
    assert not (tmp_path / "out").exists()
    assert "font family not found" in usage_error(
        convert(article, "--font-family", "No Such Family 12345"))


def test_a_huge_warning_is_cut_on_the_summary_with_a_count() -> None:
    from convert.report import Record, Report

    listed = ", ".join(f"{chr(c)} (U+{c:04X})" for c in range(0x4E00, 0x4E00 + 8000))
    warning = f"PDF: no available font has {listed}; drawn as an empty box"
    report = Report([Record(Path("a.txt"), "converted", warnings=[warning])], ("pdf",), 1.0)
    line = next(x for x in report.summary_lines() if "no available font" in x)
    assert len(line) < 400
    assert f"({len(warning) - 300} more characters; --report has them all)" in line
    assert report.to_dict()["inputs"][0]["warnings"] == [warning]  # the report keeps it whole


def test_the_pdf_missing_characters_warning_lists_twenty_and_counts_the_rest() -> None:
    from convert.writers.pdf import _warnings
    from convert.writers.pdf_fonts import DocumentFonts

    missing = [chr(c) for c in range(0x31350, 0x31350 + 5000)]
    (warning,) = _warnings(DocumentFonts(None, None, missing))  # type: ignore[arg-type]
    assert warning.startswith("PDF: no available font has 5000 character(s): \U00031350 (U+31350)")
    assert "and 4980 more; drawn as an empty box" in warning and len(warning) < 600


# --- metadata overrides --------------------------------------------------------------------


def test_metadata_overrides_replace_what_was_recognised(article: Path, tmp_path: Path) -> None:
    res = convert(article, "--to", "json", "-o", tmp_path / "out", "--title", "新标题",
                  "--author", "张三", "--author", "李四", "--date", "2024年5月16日",
                  "--source", "吉林日报", "--language", "zh-Hant")
    assert res.exit_code == 0, res.output
    meta = json.loads((tmp_path / "out/a.json").read_text())["meta"]
    assert meta["title"] == "新标题" and meta["source"] == "吉林日报"
    assert [a["name"] for a in meta["authors"]] == ["张三", "李四"]
    assert meta["published"] == "2024-05-16" and meta["language"] == "zh-Hant"
    # Another author is another output: remade, not "up to date".
    res = convert(article, "--to", "json", "-o", tmp_path / "out", "--title", "新标题",
                  "--author", "王五")
    assert "1 converted" in res.stdout


def test_overrides_reach_a_book_through_its_articles(article: Path, tmp_path: Path) -> None:
    write_article(article.parent / "b.txt", "Second")
    book = tmp_path / "book.json"
    res = convert(article.parent, "--combine", book, "--title", "合集", "--author", "编辑部",
                  "--language", "zh-Hans")
    assert res.exit_code == 0, res.output
    data = json.loads(book.read_text())
    assert data["title"] == "合集"
    assert {a["meta"]["authors"][0]["name"] for a in data["articles"]} == {"编辑部"}


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--date", "yesterday"], "not a date"),
        (["--language", "Chinese (simplified)"], "not a language tag"),
        (["--title", "One title", "EXTRA"], "--title names one article"),
    ],
)
def test_bad_overrides_are_usage_errors(article: Path, args: list[str], reason: str) -> None:
    args = [str(article.parent) if a == "EXTRA" else a for a in args]
    assert reason in usage_error(convert(article, *args))
