"""Inputs, -o and --report at fsspec URLs: memory://, file:// and s3:// (a local moto server)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from convert import storage
from convert.cli import main
from convert.state import STATE_NAME
from tests.conftest import SAMPLE_ARTICLES

fsspec = pytest.importorskip("fsspec", reason="the s3 extra (fsspec) is not installed")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def convert(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def upload(fs: object, prefix: str) -> list[str]:
    names = sorted(p.name for p in SAMPLES.glob("*.txt"))
    for name in names:
        fs.pipe_file(f"{prefix}/news/{name}", (SAMPLES / name).read_bytes())  # type: ignore[attr-defined]
    fs.pipe_file(f"{prefix}/news/.draft.txt", b"hidden: never taken\n")  # type: ignore[attr-defined]
    fs.pipe_file(f"{prefix}/news/photo.jpg", b"\xff\xd8 not an article")  # type: ignore[attr-defined]
    return names


def test_location_parsing_keeps_urls_and_turns_file_urls_into_paths() -> None:
    assert storage.local_or_url("s3://bucket/prefix/") == "s3://bucket/prefix"
    assert storage.local_or_url("file:///tmp/a%20b") == Path("/tmp/a b")
    assert storage.local_or_url("news/a.txt") == Path("news/a.txt")
    assert storage.is_url("memory://x") and not storage.is_url(Path("memory:/x"))
    assert storage.join("s3://b/out/", "sub", ".", "a.pdf") == "s3://b/out/sub/a.pdf"


def test_memory_urls_give_the_local_outputs_report_and_state(
    memory: object, tmp_path: Path
) -> None:
    names = upload(memory, "/in")
    local_in = tmp_path / "in" / "news"
    shutil.copytree(SAMPLES, local_in, ignore=shutil.ignore_patterns("*.md"))
    first = convert("memory://in", "-o", "memory://out", "--to", "epub,json", "-j", "1",
                    "--report", "memory://reports/run.json")
    assert first.exit_code == 0, first.output
    local = convert(tmp_path / "in", "-o", tmp_path / "out", "--to", "epub,json", "-j", "1")
    assert local.exit_code == 0
    for name in names:
        stem = Path(name).stem
        for ext in (".epub", ".json"):
            remote = memory.cat_file(f"/out/news/{stem}{ext}")  # type: ignore[attr-defined]
            assert remote == (tmp_path / "out" / "news" / f"{stem}{ext}").read_bytes()
    assert not memory.exists("/out/news/.draft.epub")  # type: ignore[attr-defined]
    report = json.loads(memory.cat_file("/reports/run.json"))  # type: ignore[attr-defined]
    assert report["summary"]["converted"] == len(names)
    assert report["inputs"][0]["path"] == f"memory://in/news/{names[0]}"
    state = json.loads(memory.cat_file(f"/out/news/{STATE_NAME}"))  # type: ignore[attr-defined]
    assert sorted(state["outputs"]) == sorted(
        f"{Path(n).stem}{e}" for n in names for e in (".epub", ".json"))


def test_state_on_an_object_store_skips_what_is_up_to_date_and_remakes_a_new_upload(
    memory: object,
) -> None:
    names = upload(memory, "/in")
    assert convert("memory://in", "-o", "memory://out", "--to", "json", "-j", "1").exit_code == 0
    again = convert("memory://in", "-o", "memory://out", "--to", "json", "-j", "1")
    assert f"0 converted, {len(names)} up to date" in again.output
    # A new upload of one article (a new modification time) remakes that one only.
    memory.pipe_file(f"/in/news/{names[0]}", (SAMPLES / names[0]).read_bytes() + b"\n")  # type: ignore[attr-defined]
    third = convert("memory://in", "-o", "memory://out", "--to", "json", "-j", "1")
    assert f"1 converted, {len(names) - 1} up to date" in third.output


def test_local_inputs_to_an_object_store_and_file_urls_as_paths(
    memory: object, tmp_path: Path
) -> None:
    result = convert(SAMPLES, "-o", "memory://up", "--to", "json", "-j", "1")
    assert result.exit_code == 0, result.output
    made = sorted(memory.find("/up"))  # type: ignore[attr-defined]
    assert len([m for m in made if m.endswith(".json") and "/." not in m]) == len(
        SAMPLE_ARTICLES)
    assert f"/up/{STATE_NAME}" in made
    # file:// is a local path: the usual atomic writes, state and report.
    out = tmp_path / "out"
    result = convert(SAMPLES.as_uri(), "-o", out.as_uri(), "--to", "json", "-j", "1",
                     "--report", (tmp_path / "r.json").as_uri())
    assert result.exit_code == 0, result.output
    assert (out / STATE_NAME).is_file() and (tmp_path / "r.json").is_file()
    assert json.loads((tmp_path / "r.json").read_text())["inputs"][0]["path"].startswith("/")


def test_an_object_larger_than_max_size_fails_alone(memory: object) -> None:
    memory.pipe_file("/big/news/huge.txt", ("大" * 1000 + "\n\n正文。\n").encode())  # type: ignore[attr-defined]
    memory.pipe_file("/big/news/small.txt", "标题\n\n正文。\n".encode())  # type: ignore[attr-defined]
    result = convert("memory://big", "-o", "memory://bigout", "--to", "json", "-j", "1",
                     "--max-size", "1K")
    assert result.exit_code == 1
    assert "huge.txt: too large" in result.output and "see --max-size" in result.output
    assert memory.exists("/bigout/news/small.json")  # type: ignore[attr-defined]
    assert not memory.exists("/bigout/news/huge.json")  # type: ignore[attr-defined]


def test_bad_urls_are_one_line_errors(memory: object, tmp_path: Path) -> None:
    missing = convert("memory://nowhere", "--to", "json", "-j", "1")
    assert missing.exit_code == 2
    assert missing.output.strip() == "convert: memory://nowhere: no such file or folder"
    unknown = convert("nosuchproto://x/y", "--to", "json", "-j", "1")
    assert unknown.exit_code == 2
    assert unknown.output.count("\n") == 1 and "nosuchproto://x/y" in unknown.output


@pytest.fixture(scope="module")
def s3_server() -> Iterator[str]:
    """moto's S3 server on 127.0.0.1 (a free port), with one bucket."""
    pytest.importorskip("s3fs", reason="the s3 extra (s3fs) is not installed")
    server_mod = pytest.importorskip("moto.server", reason="moto[server] is not installed")
    boto3 = pytest.importorskip("boto3", reason="moto[server] is not installed")
    server = server_mod.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{server._server.port}"
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                 aws_access_key_id="test", aws_secret_access_key="test"
                 ).create_bucket(Bucket="news")
    yield endpoint
    server.stop()


def test_s3_through_a_local_server(
    s3_server: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import s3fs

    options = {"key": "test", "secret": "test",
               "client_kwargs": {"endpoint_url": s3_server, "region_name": "us-east-1"}}
    monkeypatch.setitem(fsspec.config.conf, "s3", options)  # how a user sets an endpoint too
    s3fs.S3FileSystem.clear_instance_cache()
    fs = s3fs.S3FileSystem(**options)
    names = upload(fs, "news/in")
    result = convert("s3://news/in", "-o", "s3://news/out", "--to", "json,docx", "-j", "1",
                     "--report", "s3://news/reports/r.json")
    assert result.exit_code == 0, result.output
    fs.invalidate_cache()
    assert sorted(fs.ls("news/out/news", detail=False)) == sorted(
        [f"news/out/news/{STATE_NAME}"]
        + [f"news/out/news/{Path(n).stem}{e}" for n in names for e in (".docx", ".json")])
    local = convert(SAMPLES, "-o", tmp_path, "--to", "docx", "-j", "1")
    assert local.exit_code == 0
    stem = Path(names[0]).stem
    assert fs.cat_file(f"news/out/news/{stem}.docx") == (tmp_path / f"{stem}.docx").read_bytes()
    assert json.loads(fs.cat_file("news/reports/r.json"))["summary"]["converted"] == len(names)
    fs.invalidate_cache()
    again = convert("s3://news/in", "-o", "s3://news/out", "--to", "json,docx", "-j", "1")
    assert f"0 converted, {len(names)} up to date" in again.output
