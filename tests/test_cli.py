"""The `convert` command over batches: outputs, exit codes, reruns, failures, reports."""

from __future__ import annotations

import json
import multiprocessing.process
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from convert import runner
from convert.cli import main
from convert.errors import InputError
from convert.state import STATE_NAME
from tests.batch_fakes import (  # noqa: F401  (fixture)
    fake_writer,
    raw_file,
    warm_ups,
    write_article,
)

ROOT = Path(__file__).resolve().parent.parent
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def convert(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def files(folder: Path) -> list[str]:
    """Every non-hidden file under folder, relative, sorted."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    )


def leftovers(folder: Path) -> list[Path]:
    """Temporary files of write_atomic that outlived their write."""
    return [p for p in folder.rglob("*.part")]


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    write_article(root / "a.txt", "Alpha", "Alpha body.")
    write_article(root / "world" / "b.txt", "Bravo", "Bravo body.")
    write_article(root / "world" / "asia" / "c.txt", "Charlie", "Charlie body.")
    return root


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_folder_tree_is_mirrored_under_the_output_folder(articles: Path, tmp_path: Path) -> None:
    res = convert(articles, "--to", "json", "-o", tmp_path / "out", "-j", 1)
    assert res.exit_code == 0, res.output
    assert files(tmp_path / "out") == ["a.json", "world/asia/c.json", "world/b.json"]
    doc = read_json(tmp_path / "out/world/asia/c.json")
    assert doc["meta"]["title"] == "Charlie"
    assert "Charlie body." in [b["text"] for b in doc["blocks"]]
    assert "3 converted" in res.stdout


def test_files_and_folders_mixed_and_outputs_next_to_inputs(articles: Path, tmp_path: Path
                                                            ) -> None:
    extra = write_article(tmp_path / "loose" / "d.txt", "Delta")
    res = convert(extra, articles / "world", "--to", "json", "-j", 1)
    assert res.exit_code == 0, res.output
    assert (tmp_path / "loose/d.json").is_file()
    assert files(articles) == ["a.txt", "world/asia/c.json", "world/asia/c.txt",
                               "world/b.json", "world/b.txt"]


def test_help_says_where_outputs_go_without_o() -> None:
    res = convert("--help")
    assert res.exit_code == 0
    assert "outputs go next to their inputs" in " ".join(res.output.split())


def test_broken_and_empty_files_fail_alone_with_their_reasons(articles: Path, tmp_path: Path
                                                              ) -> None:
    (articles / "world" / "broken.txt").write_bytes(PNG)
    (articles / "world" / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    res = convert(articles, "--to", "json", "-o", out, "-j", 1, "--report", tmp_path / "r.json")
    assert res.exit_code == 1
    assert files(out) == ["a.json", "world/asia/c.json", "world/b.json"]
    failures = res.stdout.split("Failed (2):")[1]
    assert "broken.txt: " in failures and "empty.txt: empty file" in failures
    records = {Path(r["path"]).name: r for r in read_json(tmp_path / "r.json")["inputs"]}
    assert records["broken.txt"]["status"] == records["empty.txt"]["status"] == "failed"
    assert records["broken.txt"]["errors"] and records["empty.txt"]["errors"]
    assert "Traceback" not in res.output


def test_a_writer_bug_is_a_one_line_failure_and_v_shows_the_traceback(
    fake_writer: str, articles: Path, tmp_path: Path  # noqa: F811
) -> None:
    write_article(articles / "bad.txt", "Bad FAIL")
    res = convert(articles, "--to", "fake,json", "-o", tmp_path / "out", "-j", 1)
    assert res.exit_code == 1
    assert "bad.txt: fake: RuntimeError: boom second line of the message" in res.stdout
    assert "Traceback" not in res.output
    # The same input's other format and every other input still converted.
    assert "bad.json" in files(tmp_path / "out")
    assert len([f for f in files(tmp_path / "out") if f.endswith(".fake")]) == 3
    res = convert(articles, "--to", "fake", "-o", tmp_path / "out", "-j", 1, "-v")
    assert "Traceback" in res.stdout and "raise RuntimeError" in res.stdout


def test_rerun_does_nothing_and_force_remakes(articles: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert convert(articles, "--to", "json", "-o", out).exit_code == 0
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}

    def no_reading(*args: object) -> None:
        raise AssertionError("an up-to-date input was read")

    monkeypatch.setattr(runner, "read_article", no_reading)
    res = convert(articles, "--to", "json", "-o", out, "-j", 1)
    assert res.exit_code == 0, res.output
    assert "0 converted, 3 up to date" in res.stdout
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.json")} == stamps
    monkeypatch.undo()
    res = convert(articles, "--to", "json", "-o", out, "-j", 1, "--force")
    assert "3 converted, 0 up to date" in res.stdout
    assert all(p.stat().st_mtime_ns >= stamps[p] for p in stamps)
    assert (out / STATE_NAME).is_file() and (out / "world" / STATE_NAME).is_file()


def test_changed_input_or_options_are_remade(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert(articles, "--to", "json", "-o", out, "-j", 1)
    write_article(articles / "a.txt", "Alpha", "A new body.")
    res = convert(articles, "--to", "json", "-o", out, "-j", 1)
    assert "1 converted, 2 up to date" in res.stdout
    assert "A new body." in [b["text"] for b in read_json(out / "a.json")["blocks"]]
    res = convert(articles, "--to", "json", "-o", out, "-j", 1, "--keep-boilerplate")
    assert "3 converted, 0 up to date" in res.stdout


def test_up_to_date_rerun_imports_no_writer_library(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert convert(articles, "--docx", "-o", out, "-j", 1).exit_code == 0
    code = (
        "import sys\nfrom convert.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n    code = e.code\n"
        "heavy = [m for m in ('docx', 'reportlab', 'ebooklib', 'fontTools') if m in sys.modules]\n"
        "print('HEAVY', heavy, code)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(articles), "--docx", "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert "HEAVY [] 0" in proc.stdout, proc.stdout + proc.stderr
    assert "3 up to date" in proc.stdout


def test_name_collisions_keep_both_outputs(tmp_path: Path) -> None:
    write_article(tmp_path / "in/a.txt", "From txt")
    write_article(tmp_path / "in/a.text", "From text")
    res = convert(tmp_path / "in", "--to", "json", "-o", tmp_path / "out", "-j", 1)
    assert res.exit_code == 0
    assert read_json(tmp_path / "out/a.txt.json")["meta"]["title"] == "From txt"
    assert read_json(tmp_path / "out/a.text.json")["meta"]["title"] == "From text"
    assert "full file name" in res.stdout


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    src = tmp_path / "a.json"
    src.write_text("Title\n\nBody.\n", encoding="utf-8")
    res = convert(src, "--to", "json")
    assert res.exit_code == 1
    assert src.read_text(encoding="utf-8") == "Title\n\nBody.\n"
    assert "overwrite an input" in res.stdout


def test_non_utf8_and_chinese_file_names(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write_article(root / "新闻稿.txt", "Chinese name")
    raw = raw_file(root, b"caf\xe9.txt", b"Latin-1 name\n\nBody.\n")
    report = tmp_path / "r.json"
    res = convert(root, "--to", "json", "-o", tmp_path / "out", "-j", 1, "--report", report)
    assert res.exit_code == 0, res.output
    out = os.fsencode(tmp_path / "out")
    made = sorted(n for n in os.listdir(out) if not n.startswith(b"."))
    assert made == sorted([b"caf\xe9.json", "新闻稿.json".encode()])
    assert "caf\\xe9.txt (json)" in res.stderr  # the progress line
    records = read_json(report)["inputs"]
    odd = next(r for r in records if "caf" in r["path"])
    assert bytes.fromhex(odd["path_bytes"]) == raw
    assert any(r["path"].endswith("新闻稿.txt") and "path_bytes" not in r for r in records)


def test_report_has_one_record_per_input_in_plan_order(articles: Path, tmp_path: Path) -> None:
    out, report = tmp_path / "out", tmp_path / "report.json"
    (articles / "world" / "empty.txt").write_bytes(b"")
    res = convert(articles, "--to", "json", "-o", out, "-j", 2, "--report", report)
    assert res.exit_code == 1
    data = read_json(report)
    paths = [Path(r["path"]).relative_to(articles).as_posix() for r in data["inputs"]]
    assert paths == ["a.txt", "world/asia/c.txt", "world/b.txt", "world/empty.txt"]
    first = data["inputs"][0]
    assert first["status"] == "converted"
    assert first["outputs"] == {"json": {"path": str(out / "a.json"), "status": "converted"}}
    assert first["encoding"] and first["seconds"] > 0 and first["errors"] == []
    assert data["inputs"][3]["status"] == "failed" and data["inputs"][3]["errors"]
    assert data["summary"]["formats"]["json"] == {"converted": 3, "failed": 1}
    convert(articles, "--to", "json", "-o", out, "--report", report)
    statuses = [r["status"] for r in read_json(report)["inputs"]]
    assert statuses == ["up-to-date", "up-to-date", "up-to-date", "failed"]


def test_warnings_reach_summary_and_report(fake_writer: str, articles: Path,  # noqa: F811
                                           tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    res = convert(articles, "--to", "fake", "-o", tmp_path / "out", "-j", 1, "--report", report)
    assert "Warnings (3):" in res.stdout and "fake: fake warning" in res.stdout
    assert all("fake: fake warning" in r["warnings"] for r in read_json(report)["inputs"])


def test_two_jobs_give_the_same_outputs_and_warm_the_writers_once(
    fake_writer: str, articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    for i in range(8):
        write_article(articles / "more" / f"m{i}.txt", f"More {i}")
    warm, started = tmp_path / "warm", tmp_path / "started"
    warm.mkdir()
    started.mkdir()
    monkeypatch.setenv("CONVERT_FAKE_WARM", str(warm))
    monkeypatch.setenv("CONVERT_FAKE_STARTED", str(started))
    res = convert(articles, "--to", "fake,json", "-o", tmp_path / "out", "-j", 2)
    assert res.exit_code == 0, res.output
    assert len(files(tmp_path / "out")) == 2 * 11
    assert read_json(tmp_path / "out/more/m7.fake")["title"] == "More 7"
    renderers = {int(p.read_text()) for p in started.iterdir()}
    assert renderers and os.getpid() not in renderers  # worker processes did the work
    if runner._context().get_start_method() == "fork":
        # Warmed once, in this process before forking: the workers inherit the loaded
        # writers and never warm up themselves (however many are hired or replaced).
        assert warm_ups(warm) == {os.getpid(): 1}
    else:  # each worker warms itself, once, whatever the number of articles it takes
        assert renderers <= set(warm_ups(warm)) and set(warm_ups(warm).values()) == {1}


def test_a_worker_seen_alive_then_dead_still_fails_its_own_article(
    fake_writer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    # The pipe of a dying worker reads EOF a moment before the process can be reaped:
    # is_alive() then still says True. Played here for sure: the first is_alive() after
    # each death says True once. The article must be failed, not dropped unreported.
    real = multiprocessing.process.BaseProcess.is_alive
    lagged: set[int | None] = set()

    def lagging(self: multiprocessing.process.BaseProcess) -> bool:
        if not real(self) and self.pid not in lagged:
            lagged.add(self.pid)
            return True
        return real(self)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "is_alive", lagging)
    write_article(tmp_path / "in/a.txt", "A EXIT")
    for name in "bcd":
        write_article(tmp_path / f"in/{name}.txt", name)
    res = convert(tmp_path / "in", "--to", "fake", "-o", tmp_path / "out", "-j", 2)
    assert res.exit_code == 1, res.output
    assert "a.txt: the worker process died (exit status 3)" in res.output
    assert "3 converted, 0 up to date, 1 failed" in res.output
    assert lagged  # the lag was played


def test_fail_fast_stops_at_the_first_failure(fake_writer: str, tmp_path: Path) -> None:  # noqa: F811
    write_article(tmp_path / "in/a.txt", "A FAIL")
    for name in "bcd":
        write_article(tmp_path / f"in/{name}.txt", name)
    res = convert(tmp_path / "in", "--to", "fake", "-o", tmp_path / "out", "-j", 1, "--fail-fast")
    assert res.exit_code == 1
    assert files(tmp_path / "out") == []
    assert "3 not run" in res.stdout and "--fail-fast" in res.stdout


def test_fail_fast_with_workers_stops_and_keeps_what_finished(
    fake_writer: str, tmp_path: Path  # noqa: F811
) -> None:
    write_article(tmp_path / "in/a.txt", "A FAIL")
    for name in "bcdefghijk":
        write_article(tmp_path / f"in/{name}.txt", name)
    report = tmp_path / "r.json"
    res = convert(tmp_path / "in", "--to", "fake", "-o", tmp_path / "out", "-j", 2,
                  "--fail-fast", "--report", report)
    assert res.exit_code == 1
    assert "Stopped at the first failure (--fail-fast)." in res.stdout
    statuses = [r["status"] for r in read_json(report)["inputs"]]
    # How many others finished depends on the machine's pace; each is whole and recorded.
    assert statuses[0] == "failed" and set(statuses[1:]) <= {"converted", "not-run"}
    assert len(files(tmp_path / "out")) == statuses.count("converted")


def test_ctrl_c_mid_batch_keeps_finished_outputs_and_no_partial_file(
    fake_writer: str, tmp_path: Path  # noqa: F811
) -> None:
    for name in "abc":
        write_article(tmp_path / f"in/{name}.txt", name)
    write_article(tmp_path / "in/d.txt", "d INTERRUPT")
    write_article(tmp_path / "in/e.txt", "e")
    out = tmp_path / "out"
    res = convert(tmp_path / "in", "--to", "fake", "-o", out, "-j", 1,
                  "--report", tmp_path / "r.json")
    assert res.exit_code == 130
    assert files(out) == ["a.fake", "b.fake", "c.fake"]
    assert leftovers(out) == []
    assert "Interrupted: 3 finished" in res.stdout
    statuses = [r["status"] for r in read_json(tmp_path / "r.json")["inputs"]]
    assert statuses == ["converted"] * 3 + ["not-run"] * 2
    # The next run picks up the rest (d still interrupts; without it, e converts).
    (tmp_path / "in/d.txt").unlink()
    res = convert(tmp_path / "in", "--to", "fake", "-o", out, "-j", 1)
    assert res.exit_code == 0 and "1 converted, 3 up to date" in res.stdout


def test_quiet_prints_only_failures(articles: Path, tmp_path: Path) -> None:
    (articles / "empty.txt").write_bytes(b"")
    res = convert(articles, "--to", "json", "-o", tmp_path / "out", "-q", "-j", 1)
    assert res.exit_code == 1
    assert res.stdout == ""
    assert res.stderr.strip().splitlines() == [f"convert: {articles / 'empty.txt'}: empty file"]


def test_plain_progress_lines_when_not_a_terminal(articles: Path, tmp_path: Path) -> None:
    res = convert(articles, "--to", "json", "-o", tmp_path / "out", "-j", 1)
    lines = [line for line in res.stderr.splitlines() if line.startswith("[")]
    assert [line.split()[0] for line in lines] == ["[1/3]", "[2/3]", "[3/3]"]
    assert "\r" not in res.stderr


@pytest.mark.parametrize(
    "args",
    [["--to", "doc"], ["--encoding", "no-such-codec"], ["--combine", "book.odt"], ["-j", "0"],
     ["--title", "A book without --combine"]],
)
def test_usage_errors_exit_2(articles: Path, args: list[str]) -> None:
    res = convert(articles, *args)
    assert res.exit_code == 2


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    assert convert(tmp_path / "nope.txt").exit_code == 2


def test_reader_errors_carry_the_path(monkeypatch: pytest.MonkeyPatch, articles: Path,
                                      tmp_path: Path) -> None:
    def refuse(task: object, options: object, max_size: int = 0) -> None:
        raise InputError("binary data (PNG image)")

    monkeypatch.setattr(runner, "read_article", refuse)
    res = convert(articles / "a.txt", "--to", "json", "-o", tmp_path, "-j", 1)
    assert res.exit_code == 1
    assert f"{articles / 'a.txt'}: binary data (PNG image)" in res.stdout


def test_the_output_folder_inside_the_input_folder_is_not_converted_again(articles: Path
                                                                          ) -> None:
    out = articles / "converted"
    convert(articles, "--to", "json", "-o", out, "-j", 1)
    (out / "stray.txt").write_text("Stray\n\nBody.\n", encoding="utf-8")
    res = convert(articles, "--to", "json", "-o", out, "-j", 1)
    assert "3 up to date" in res.stdout and "stray" not in res.output
    assert not (out / "converted").exists()


def test_report_names_the_encoding_each_input_was_read_in(tmp_path: Path) -> None:
    body = "今年一季度，全省经济稳步回升，就业形势总体稳定，市场预期持续改善。"
    text = f"经济稳步回升\n\n{body}\n\n{body}\n"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "gbk.txt").write_bytes(text.encode("gbk"))
    (tmp_path / "in" / "utf8.txt").write_bytes(text.encode("utf-8"))
    report = tmp_path / "r.json"
    res = convert(tmp_path / "in", "--to", "json", "-o", tmp_path / "out", "--report", report)
    assert res.exit_code == 0, res.output
    found = {Path(r["path"]).name: r["encoding"] for r in read_json(report)["inputs"]}
    assert found == {"gbk.txt": "gb18030", "utf8.txt": "utf-8"}
    # The model written for the GBK file holds the same text as the UTF-8 one.
    assert read_json(tmp_path / "out/gbk.json")["blocks"] == read_json(
        tmp_path / "out/utf8.json")["blocks"]
