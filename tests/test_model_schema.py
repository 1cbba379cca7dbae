"""docs/model.schema.json is the contract: what we write validates, what breaks it does not."""

import json
from pathlib import Path

import jsonschema
import pytest

from convert.reader import read_file
from convert.writers import get_writer
from convert.writers.base import RenderOptions
from tests import documents
from tests.conftest import ROOT, SAMPLES

SCHEMA = json.loads((ROOT / "docs" / "model.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
EVERY = {**documents.ALL, "every_node": documents.every_node}


def written(doc) -> dict:
    return json.loads(get_writer("json").render(doc, RenderOptions()).data)


def test_the_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("name", sorted(EVERY))
def test_the_json_writer_output_validates(name):
    VALIDATOR.validate(written(EVERY[name]()))


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_sample_validates(path: Path):
    VALIDATOR.validate(written(read_file(path)))


def test_version_1_json_validates():
    VALIDATOR.validate({
        "meta": {"title": "旧文", "source": None, "published": "2020-05-16", "authors": [],
                 "language": "zh-Hans", "encoding": "gb18030"},
        "blocks": [{"type": "heading", "level": 2, "text": "一、"},
                   {"type": "paragraph", "text": "正文。"}],
        "rights": [], "dropped": [], "warnings": [],
    })


BASE = {"version": 2, "meta": {"title": "x"}}


@pytest.mark.parametrize(
    "bad",
    [
        {"version": 3, "meta": {"title": "x"}},
        {"version": 2},
        {**BASE, "blocks": [{"type": "video", "text": "x"}]},
        {**BASE, "blocks": [{"type": "paragraph"}]},
        {**BASE, "blocks": [{"type": "heading", "level": 0, "text": "x"}]},
        {**BASE, "blocks": [{"type": "rule", "text": "x"}]},
        {**BASE, "blocks": [{"type": "figure", "alt": "no src"}]},
        {**BASE, "blocks": [{"type": "list", "items": [{"type": "paragraph", "text": "x"}]}]},
        {**BASE, "blocks": [{"type": "paragraph", "text": "x",
                             "inlines": [{"type": "link", "inlines": []}]}]},
        {**BASE, "blocks": [{"type": "table", "body": [[{"text": 1}]]}]},
        {**BASE, "meta": {"title": "x", "published": "16/05/2020"}},
        {**BASE, "meta": {"title": "x", "authors": [{"role": "记者"}]}},
    ],
)
def test_what_breaks_the_contract_does_not_validate(bad):
    assert not VALIDATOR.is_valid(bad)
