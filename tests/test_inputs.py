"""Opening inputs (convert.inputs) and writing outputs (convert.atomic) under hostile
conditions: FIFOs, devices, huge and growing files, names at the length limit,
write errors and the temporary files of killed processes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from convert import atomic, decode, inputs, readers
from convert.errors import InputError, OutputError
from convert.reader import ReadOptions


def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # no writer: open() without O_NONBLOCK would wait forever
    with pytest.raises(InputError, match="FIFO"):
        inputs.read_input(fifo)


def test_a_directory_and_a_missing_file_are_one_line_reasons(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^is a directory$"):
        inputs.read_input(tmp_path)
    with pytest.raises(InputError, match=r"^No such file or directory$"):
        inputs.read_input(tmp_path / "nope.txt")


def test_the_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(InputError, match=r"too large \(5 kB, the limit is 4 kB; see --max-size\)"):
        inputs.read_input(path, max_size=4000)
    assert inputs.read_input(path, max_size=5000) == b"x" * 5000
    assert inputs.read_input(path, max_size=0) == b"x" * 5000  # 0: no limit


def test_a_stream_longer_than_the_limit_is_cut_off_not_read_whole() -> None:
    class Endless(io.RawIOBase):
        reads = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            Endless.reads += 1
            buffer[:] = b"\0" * len(buffer)
            return len(buffer)

    with pytest.raises(InputError, match="the limit is 3 MB"):
        inputs.read_bounded(io.BufferedReader(Endless()), 3_000_000)
    assert Endless.reads < 10  # stopped just past the limit


class _Video(io.RawIOBase):
    """A 90 MB MP4-like stream behind a PNG signature, counting the bytes handed out."""

    given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        head = b"\x89PNG\r\n\x1a\n" if _Video.given == 0 else b""
        n = min(len(buffer), 90_000_000 - _Video.given)
        buffer[:n] = (head + b"\0" * n)[:n]
        _Video.given += n
        return n


def test_a_binary_signature_is_refused_from_the_first_bytes_not_the_whole_file() -> None:
    with pytest.raises(InputError, match=r"^a PNG image, not a text file$"):
        inputs.read_bounded(io.BufferedReader(_Video()), 0, decode.refuse_binary)
    assert _Video.given <= 64 * 1024  # one buffer's worth, not 90 MB


def test_a_sniffed_file_is_read_whole_when_its_first_bytes_pass(tmp_path: Path) -> None:
    text = ("第一段。" * 5000).encode("gb18030")  # longer than the sniffed prefix
    (tmp_path / "a.txt").write_bytes(text)
    assert inputs.read_input(tmp_path / "a.txt", 0, decode.refuse_binary) == text
    (tmp_path / "b.txt").write_bytes(b"PK\x03\x04" + text)
    with pytest.raises(InputError, match="ZIP archive"):
        inputs.read_input(tmp_path / "b.txt", 0, decode.refuse_binary)


def test_built_in_readers_sniff_unless_the_encoding_is_forced() -> None:
    assert readers.sniffer("text") is decode.refuse_binary
    assert readers.sniffer("html") is decode.refuse_binary
    assert readers.sniffer("text", ReadOptions(encoding="gbk")) is None  # decode obeys it
    assert readers.sniffer("some-plugin-format") is None  # may read any bytes


@pytest.mark.parametrize(
    ("text", "size"),
    [("100M", 100_000_000), ("1.5G", 1_500_000_000), ("500k", 500_000), ("64MiB", 64 << 20),
     ("2kb", 2000), ("1048576", 1048576), ("0", 0), (" 20 MB ", 20_000_000)],
)
def test_sizes_read_as_people_write_them(text: str, size: int) -> None:
    assert inputs.parse_size(text) == size


@pytest.mark.parametrize("text", ["", "lots", "-5M", "5T", "1e6"])
def test_what_is_not_a_size(text: str) -> None:
    with pytest.raises(ValueError, match="not a size"):
        inputs.parse_size(text)


def test_human_sizes() -> None:
    assert [inputs.human(n) for n in (512, 4000, 2_100_000_000, 100_000_000)] == [
        "512 bytes", "4 kB", "2.1 GB", "100 MB"]


def test_temporary_names_are_short_whatever_the_output_name(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    seen: list[str] = []
    replace = os.replace

    def spy(src: str, dst: object) -> None:
        seen.append(os.path.basename(src))
        replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", spy)
    target = tmp_path / ("長" * 83 + ".pdf")  # 253 bytes: the limit is 255
    atomic.write_atomic(target, b"data")
    assert target.read_bytes() == b"data"
    assert len(seen[0].encode()) < 40 and seen[0].startswith(f".convert-{os.getpid()}-")


def test_a_failed_write_names_the_output_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "article.pdf"
    target.mkdir()  # rename onto a non-empty folder fails, even for root
    (target / "keep").write_text("x")
    with pytest.raises(OutputError) as caught:
        atomic.write_atomic(target, b"data")
    assert str(caught.value).startswith(f"cannot write {target}: ")
    assert ".part" not in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.pdf"]


def test_remove_orphans_takes_only_that_process_temporary_files(tmp_path: Path) -> None:
    mine = tmp_path / ".convert-4242-abcd.part"
    other = tmp_path / ".convert-42420-abcd.part"
    output = tmp_path / "a.pdf"
    for path in (mine, other, output):
        path.write_bytes(b"x")
    assert atomic.remove_orphans(tmp_path, 4242) == [mine]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([other.name, output.name])


def test_stale_temporary_files_of_dead_processes_are_swept(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    old_dead = tmp_path / f".convert-{dead}-old.part"
    new_dead = tmp_path / f".convert-{dead}-new.part"  # maybe still being renamed
    old_alive = tmp_path / f".convert-{os.getpid()}-old.part"  # a live writer's
    lookalike = tmp_path / ".convert-notapid-old.part"
    for path in (old_dead, new_dead, old_alive, lookalike):
        path.write_bytes(b"x")
    hours_ago = time.time() - 2 * 3600
    for path in (old_dead, old_alive, lookalike):
        os.utime(path, (hours_ago, hours_ago))
    assert atomic.sweep_stale(tmp_path) == [old_dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (new_dead, old_alive, lookalike))
