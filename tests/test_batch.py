"""Batch planning: which files, which output names, what is up to date (no conversion here)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert import batch
from convert.state import STATE_NAME, StateCache, fingerprint
from convert.writers.base import RenderOptions
from tests.batch_fakes import raw_file

FP = {"json": "f" * 16, "docx": "d" * 16}


def touch(path: Path, text: str = "Title\n\nBody.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    for rel in ["a.txt", "b.text", "notes.rst", "sub/c.txt", "sub/deep/d.txt", ".hidden.txt",
                ".git/e.txt", "sub/skip_me.txt"]:
        touch(root / rel)
    return root


def rels(sources: list[batch.Source]) -> list[str]:
    return [s.rel.as_posix() for s in sources]


def test_walk_takes_article_files_recursively_sorted_and_skips_hidden(tree: Path) -> None:
    found = rels(batch.collect([tree]))
    assert found == ["a.txt", "b.text", "sub/c.txt", "sub/deep/d.txt", "sub/skip_me.txt"]


def test_include_and_exclude_match_name_or_relative_path(tree: Path) -> None:
    assert rels(batch.collect([tree], include=["*.rst"])) == ["notes.rst"]
    assert rels(batch.collect([tree], exclude=["skip_*"])) == [
        "a.txt", "b.text", "sub/c.txt", "sub/deep/d.txt"]
    assert rels(batch.collect([tree], exclude=["sub/deep/*"])) == [
        "a.txt", "b.text", "sub/c.txt", "sub/skip_me.txt"]


def test_patterns_ignore_case(tmp_path: Path) -> None:
    # Archives copied from Windows: NEWS.TXT and Report.Text are articles too.
    for name in ["NEWS.TXT", "Report.Text", "photo.JPG"]:
        touch(tmp_path / "in" / name)
    assert rels(batch.collect([tmp_path / "in"])) == ["NEWS.TXT", "Report.Text"]
    assert rels(batch.collect([tmp_path / "in"], exclude=["news.*"])) == ["Report.Text"]


def test_a_file_path_is_taken_whatever_its_extension(tree: Path) -> None:
    found = batch.collect([tree / "notes.md", tree / "sub"])
    assert [s.path for s in found][:1] == [tree / "notes.md"]
    assert rels(found) == ["notes.md", "c.txt", "deep/d.txt", "skip_me.txt"]


def test_an_input_named_twice_is_taken_once(tree: Path) -> None:
    found = batch.collect([tree / "a.txt", tree, tree / "a.txt"])
    assert [s.path.name for s in found].count("a.txt") == 1


def test_symlink_loops_end_and_linked_folders_are_walked_once(tree: Path) -> None:
    (tree / "sub" / "loop").symlink_to(tree, target_is_directory=True)
    (tree / "again").symlink_to(tree / "sub", target_is_directory=True)
    found = rels(batch.collect([tree]))
    assert sorted(found) == sorted(set(found))  # no file twice
    assert len(found) == 5


def test_the_output_folder_inside_the_input_is_not_walked(tree: Path) -> None:
    out = tree / "converted"
    touch(out / "old.txt")
    assert "converted/old.txt" not in rels(batch.collect([tree], output_dir=out))
    assert "converted/old.txt" in rels(batch.collect([tree]))


def test_an_output_folder_equal_to_the_input_folder_still_walks_it(tree: Path) -> None:
    assert len(batch.collect([tree], output_dir=tree)) == 5


def test_plan_mirrors_the_tree_under_the_output_folder(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    plan = batch.plan(batch.collect([tree, tree.parent / "in" / "sub" / "c.txt"]), ["json"], FP,
                      out)
    paths = [o.path for j in plan.jobs for o in j.outputs]
    assert paths == [out / "a.json", out / "b.json", out / "sub/c.json", out / "sub/deep/d.json",
                     out / "sub/skip_me.json"]


def test_without_output_folder_outputs_sit_next_to_inputs(tree: Path) -> None:
    plan = batch.plan(batch.collect([tree]), ["json", "docx"], FP)
    job = plan.jobs[2]
    assert job.source == tree / "sub" / "c.txt"
    assert [o.path for o in job.outputs] == [tree / "sub/c.json", tree / "sub/c.docx"]


def test_shared_stems_keep_their_full_names_instead_of_clobbering(tmp_path: Path) -> None:
    touch(tmp_path / "in/a.txt")
    touch(tmp_path / "in/a.text")
    touch(tmp_path / "in/b.txt")
    plan = batch.plan(batch.collect([tmp_path / "in"]), ["json"], FP, tmp_path / "out")
    names = {j.source.name: j.outputs[0].path.name for j in plan.jobs}
    assert names == {"a.txt": "a.txt.json", "a.text": "a.text.json", "b.txt": "b.json"}
    assert all(j.error is None for j in plan.jobs)
    assert plan.jobs[0].notes and not plan.jobs[2].notes


def test_a_full_name_meeting_another_stem_is_resolved_too(tmp_path: Path) -> None:
    for name in ["a.txt", "a.text", "a.txt.txt"]:
        touch(tmp_path / "in" / name)
    plan = batch.plan(batch.collect([tmp_path / "in"]), ["json"], FP, tmp_path / "out")
    names = {j.source.name: j.outputs[0].path.name for j in plan.jobs}
    assert names == {"a.txt": "a.txt.json", "a.text": "a.text.json",
                     "a.txt.txt": "a.txt.txt.json"}


def test_two_paths_mapping_onto_one_output_fail_the_later_input(tmp_path: Path) -> None:
    one, two = touch(tmp_path / "x/a.txt"), touch(tmp_path / "y/a.txt")
    plan = batch.plan(batch.collect([tmp_path / "x", tmp_path / "y"]), ["json"], FP,
                      tmp_path / "out")
    assert plan.jobs[0].source == one and plan.jobs[0].error is None
    assert plan.jobs[1].source == two
    assert plan.jobs[1].error is not None and "x/a.txt" in plan.jobs[1].error
    assert plan.to_run == [plan.jobs[0]]


def test_an_output_that_would_overwrite_an_input_is_refused(tmp_path: Path) -> None:
    src = touch(tmp_path / "a.json", "Title\n\nBody.\n")
    plan = batch.plan(batch.collect([src]), ["json"], FP)
    assert plan.jobs[0].error is not None and "overwrite an input" in plan.jobs[0].error
    assert plan.jobs[0].outputs == []


def test_non_utf8_file_names_are_walked_and_displayed(tmp_path: Path) -> None:
    raw_file(tmp_path / "in", b"caf\xe9.txt")
    touch(tmp_path / "in" / "新闻.txt")
    plan = batch.plan(batch.collect([tmp_path / "in"]), ["json"], FP, tmp_path / "out")
    outs = sorted(os.fsencode(o.path.name) for j in plan.jobs for o in j.outputs)
    assert outs == sorted([b"caf\xe9.json", "新闻.json".encode()])
    shown = [batch.display(j.source) for j in plan.jobs]
    assert any(s.endswith("caf\\xe9.txt") for s in shown)
    for text in shown:
        text.encode("utf-8")  # printable: no lone surrogates left


def test_up_to_date_needs_same_options_same_input_and_a_newer_output(tmp_path: Path) -> None:
    src = touch(tmp_path / "a.txt")
    out = touch(tmp_path / "out" / "a.json", "{}")
    state = StateCache()
    state.record(out, FP["json"], src.stat())
    state.flush()
    assert (tmp_path / "out" / STATE_NAME).is_file()

    def fresh(fp: str = FP["json"]) -> bool:
        return StateCache().is_fresh(out, fp, src.stat())

    assert fresh()
    assert not fresh("0" * 16)  # other options
    past = src.stat().st_mtime_ns - 10**9
    os.utime(out, ns=(past, past))
    assert not fresh()  # output older than input
    os.utime(out, None)
    src.write_text("Title\n\nAnother body.\n", encoding="utf-8")
    assert not fresh()  # input changed since


def test_a_damaged_state_file_means_remake(tmp_path: Path) -> None:
    src = touch(tmp_path / "a.txt")
    out = touch(tmp_path / "a.json", "{}")
    (tmp_path / STATE_NAME).write_bytes(b"\x00not json")
    assert not StateCache().is_fresh(out, FP["json"], src.stat())
    state = StateCache()
    state.record(out, FP["json"], src.stat())
    state.flush()
    assert StateCache().is_fresh(out, FP["json"], src.stat())


def test_state_survives_non_utf8_output_names(tmp_path: Path) -> None:
    src = touch(tmp_path / "a.txt")
    out = Path(os.fsdecode(raw_file(tmp_path, b"caf\xe9.json", b"{}")))
    state = StateCache()
    state.record(out, FP["json"], src.stat())
    state.flush()
    assert StateCache().is_fresh(out, FP["json"], src.stat())


def test_fingerprint_changes_with_every_option_and_with_the_font_file(tmp_path: Path) -> None:
    font = tmp_path / "f.ttf"
    font.write_bytes(b"one")
    base = fingerprint("pdf", RenderOptions(font=font))
    assert fingerprint("pdf", RenderOptions(font=font)) == base
    assert fingerprint("docx", RenderOptions(font=font)) != base
    assert fingerprint("pdf", RenderOptions(font=font, font_index=1)) != base
    assert fingerprint("pdf", RenderOptions(font=font, embed_fonts=True)) != base
    font.write_bytes(b"a longer font file")
    assert fingerprint("pdf", RenderOptions(font=font)) != base


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "a.txt", "新", "c.d"]),
                  st.sampled_from([".txt", ".text", ".json", ".docx", ""])),
        min_size=1, max_size=8, unique_by=lambda t: t[0] + t[1],
    ),
    st.booleans(),
)
def test_no_two_inputs_share_an_output_and_no_input_is_an_output(
    names: list[tuple[str, str]], with_output_dir: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "in"
        for stem, ext in names:
            touch(root / (stem + ext))
        out = Path(tmp) / "out" if with_output_dir else None
        plan = batch.plan(batch.collect([root], include=["*"], output_dir=out), ["json", "docx"],
                          FP, out)
        inputs = {j.source for j in plan.jobs}
        assert len(plan.jobs) == len(names)
        outputs = [o.path for j in plan.jobs for o in j.outputs]
        assert len(outputs) == len(set(outputs))
        assert not inputs & set(outputs)
        for job in plan.jobs:
            if job.error is None:
                assert [o.fmt for o in job.outputs] == ["json", "docx"]
            else:
                assert "overwrite an input" in job.error and not with_output_dir
