"""How many workers a batch is given: the user's -j is the cap, small batches run here."""

from __future__ import annotations

from pathlib import Path

from convert.runner import Task, pool_size


def _tasks(tmp_path: Path, sizes: list[int], formats: tuple[str, ...]) -> list[Task]:
    out = []
    for i, size in enumerate(sizes):
        source = tmp_path / f"a{i}.txt"
        source.write_bytes("新".encode() * (size // 3))
        out.append(Task(i, source, tuple((f, tmp_path / f"a{i}.{f}") for f in formats)))
    return out


def test_a_few_short_articles_run_in_this_process(tmp_path: Path) -> None:
    assert pool_size(_tasks(tmp_path, [3000] * 3, ("docx",)), 8) == 1
    assert pool_size(_tasks(tmp_path, [3000], ("pdf",)), 2) == 1


def test_a_batch_worth_splitting_gets_the_jobs_asked_for_at_most(tmp_path: Path) -> None:
    many = _tasks(tmp_path, [3000] * 48, ("pdf",))
    assert pool_size(many, 2) == 2
    assert pool_size(many, 1) == 1  # -j is the user's cap
    assert 2 < pool_size(many, 64) < 48  # not a worker per article for a second of work


def test_size_counts_not_only_the_number_of_articles(tmp_path: Path) -> None:
    # Three novels are worth three workers; three briefs are not worth two.
    assert pool_size(_tasks(tmp_path, [3_000_000] * 3, ("pdf",)), 4) == 3
    assert pool_size(_tasks(tmp_path, [900] * 3, ("pdf", "docx", "epub")), 4) == 1


def test_formats_that_cannot_be_costed_get_every_job(tmp_path: Path) -> None:
    assert pool_size(_tasks(tmp_path, [10] * 3, ("plugin-format",)), 2) == 2


def test_standard_input_and_missing_files_are_costed_without_failing(tmp_path: Path) -> None:
    stdin = Task(0, Path("-"), (("pdf", tmp_path / "o.pdf"),), data=b"x" * 4000)
    gone = Task(1, tmp_path / "gone.txt", (("pdf", tmp_path / "g.pdf"),))
    assert pool_size([stdin, gone], 2) == 1
    assert pool_size([stdin] * 10, 2) == 2
