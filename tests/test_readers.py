"""Readers registry and the JSON reader: a model is an input, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from convert import batch, readers
from convert.cli import main
from convert.errors import InputError
from convert.model import Document
from convert.readers import json_reader
from convert.writers import get_writer
from convert.writers.base import RenderOptions
from tests import documents
from tests.conftest import SAMPLES

OPTIONS = RenderOptions()
SAMPLE_PATHS = sorted(SAMPLES.glob("*.txt"))


def convert(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def model_json(doc: Document) -> bytes:
    return get_writer("json").render(doc, OPTIONS).data


def test_registry_lists_builtins_and_chooses_by_extension():
    assert readers.available()[:2] == ["text", "json"]
    assert readers.reader_for(Path("a.json")) == "json"
    assert readers.reader_for(Path("A.JSON")) == "json"
    assert readers.reader_for(Path("a.txt")) == "text"
    assert readers.reader_for(Path("notes.md")) == "markdown"
    assert readers.reader_for(Path("page.HTM")) == "html"
    assert readers.reader_for(Path("notes.rst")) == "text"  # anything named is tried as text
    assert readers.get_reader("json").extensions == (".json",)
    with pytest.raises(KeyError, match="known: text, json, html, markdown"):
        readers.get_reader("xml")


@pytest.mark.parametrize("path", SAMPLE_PATHS, ids=lambda p: p.stem)
def test_a_models_json_makes_the_same_files_as_its_article(path: Path, tmp_path: Path):
    from_article = readers.read_file(path)
    saved = tmp_path / f"{path.stem}.json"
    saved.write_bytes(model_json(from_article))
    from_json = readers.read_file(saved)
    assert from_json == from_article
    for fmt in ("docx", "pdf", "epub"):
        render = get_writer(fmt).render
        assert render(from_json, OPTIONS).data == render(from_article, OPTIONS).data, fmt
    assert model_json(from_json) == saved.read_bytes()


def test_every_node_type_round_trips_through_a_file(tmp_path: Path):
    saved = tmp_path / "rich.json"
    saved.write_bytes(model_json(documents.every_node()))
    assert readers.read_file(saved) == documents.every_node()


def test_the_command_reads_a_model_back(tmp_path: Path):
    sample = SAMPLES / "cna-taipei-mrt-big5.txt"
    assert convert(sample, "--to", "json", "-o", tmp_path / "j", "-j", 1).exit_code == 0
    model = tmp_path / "j" / f"{sample.stem}.json"
    res = convert(model, "--pdf", "--epub", "-o", tmp_path / "from-json", "-j", 1)
    assert res.exit_code == 0, res.output
    assert convert(sample, "--pdf", "--epub", "-o", tmp_path / "from-text", "-j", 1).exit_code == 0
    for ext in (".pdf", ".epub"):
        made = (tmp_path / "from-json" / f"{sample.stem}{ext}").read_bytes()
        assert made == (tmp_path / "from-text" / f"{sample.stem}{ext}").read_bytes(), ext


def test_a_scrapers_minimal_version_1_model_converts(tmp_path: Path):
    mine = tmp_path / "scraped.json"
    mine.write_text(json.dumps({
        "meta": {"title": "自建模型"},
        "blocks": [{"type": "paragraph", "text": "由爬虫生成的正文。"}],
    }, ensure_ascii=False), encoding="utf-8")
    res = convert(mine, "--to", "epub", "-j", 1)
    assert res.exit_code == 0, res.output
    assert (tmp_path / "scraped.epub").is_file()


def test_from_forces_a_reader(tmp_path: Path):
    model = tmp_path / "article.model"
    model.write_bytes(model_json(documents.zh_hant()))
    assert convert(model, "--from", "json", "--to", "json", "-o", tmp_path / "o").exit_code == 0
    assert json.loads((tmp_path / "o/article.json").read_bytes())["meta"]["title"] == (
        documents.zh_hant().meta.title
    )
    # --from text typesets a .json file's characters as an article instead
    data = tmp_path / "data.json"
    data.write_text('{"note": "不是模型"}\n', encoding="utf-8")
    assert convert(data, "--from", "text", "--to", "json", "-o", tmp_path / "t").exit_code == 0


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "not valid JSON: Expecting property name enclosed in double quotes at "
                       "line 1 column 2"),
        (b"\xff\xfe{}", "not UTF-8 JSON"),
        (b'{"version": 9, "meta": {"title": "x"}}', "model version 9 is not one this convert"),
        (b'{"note": "x"}', 'not a convert model (no "meta" object)'),
        (b'{"title": "t", "articles": [{}, {}]}', "a book of 2 articles, not one article's model"),
        (b"[" * 100000 + b"]" * 100000, "nested too deeply"),
    ],
)
def test_what_is_not_a_model_fails_with_one_line(tmp_path: Path, content: bytes, reason: str):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(InputError) as info:
        json_reader.read(bad)
    assert reason in str(info.value) and "\n" not in str(info.value)
    res = convert(bad, "--to", "pdf", "-j", 1)
    assert res.exit_code == 1 and reason in res.stdout and "Traceback" not in res.output
    assert not (tmp_path / "bad.pdf").exists()


def test_models_make_a_book_like_their_articles(tmp_path: Path):
    articles = [SAMPLES / "jilin-daily-2020-05-16.txt", SAMPLES / "english-harbor-bridge.txt"]
    assert convert(*articles, "--to", "json", "-o", tmp_path / "j", "-j", 1).exit_code == 0
    models = [tmp_path / "j" / f"{a.stem}.json" for a in articles]
    for name, inputs in (("from-text", articles), ("from-json", models)):
        res = convert(*inputs, "--combine", tmp_path / f"{name}.epub", "--title", "合集", "-j", 1)
        assert res.exit_code == 0, res.output
    assert (tmp_path / "from-json.epub").read_bytes() == (tmp_path / "from-text.epub").read_bytes()


def test_a_folder_walk_skips_our_own_json_outputs(tmp_path: Path):
    (tmp_path / "a.txt").write_text("标题\n\n正文。\n", encoding="utf-8")
    assert convert(tmp_path, "--to", "json", "-j", 1).exit_code == 0
    assert (tmp_path / "a.json").is_file()
    taken = [s.path.name for s in batch.collect((tmp_path,), batch.DEFAULT_INCLUDE, (), None)]
    assert taken == ["a.txt"]
    res = convert(tmp_path, "--to", "json", "-j", 1)
    assert "1 up to date" in res.stdout  # a.json was not taken as an input


# --- properties ---------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from convert import model as m  # noqa: E402
from tests.model_strategies import blocks as _blocks  # noqa: E402
from tests.model_strategies import text as _text  # noqa: E402
from tests.test_model_schema import VALIDATOR  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(_blocks, _text)
def test_any_model_survives_its_json(blocks, title):
    doc = m.Document(m.Meta(title), blocks)
    data = json.dumps(doc.to_dict(), ensure_ascii=True)  # \\u escapes carry any code point
    assert json_reader.read_bytes(data.encode("ascii")) == doc
    VALIDATOR.validate(json.loads(data))  # and the schema agrees it is a model


@settings(max_examples=200, deadline=None)
@given(st.one_of(
    st.binary(max_size=200),
    st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5)),
                 lambda kids: st.one_of(st.lists(kids, max_size=3),
                                        st.dictionaries(st.sampled_from(
                                            ["meta", "title", "blocks", "type", "text", "version",
                                             "inlines", "items", "level", "articles"]),
                                            kids, max_size=4)),
                 max_leaves=12).map(lambda v: json.dumps(v).encode()),
))
def test_any_bytes_give_a_model_or_a_one_line_error(data):
    try:
        doc = json_reader.read_bytes(data)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(doc, Document)
