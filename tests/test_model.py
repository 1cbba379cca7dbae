import json

import pytest

from convert.model import Block, Document
from convert.writers import available, get_writer
from convert.writers.base import RenderOptions
from tests import documents


@pytest.mark.parametrize("make", documents.ALL.values(), ids=documents.ALL.keys())
def test_json_round_trip(make):
    doc = make()
    assert Document.from_dict(json.loads(json.dumps(doc.to_dict()))) == doc


def test_json_form_matches_design():
    data = documents.zh_hans().to_dict()
    assert set(data) >= {"meta", "blocks", "rights", "dropped", "warnings"}
    assert data["meta"]["authors"] == [{"name": "缪友银", "role": "记者"}]
    assert data["blocks"][1] == {"type": "heading", "level": 2, "text": "一、工程概况"}
    assert data["blocks"][0]["type"] == "paragraph"


def test_unknown_block_type_rejected():
    with pytest.raises(ValueError):
        Block("table", "x")


def test_registry_lists_builtins_and_json_renders():
    assert available()[:4] == ["json", "docx", "pdf", "epub"]
    result = get_writer("json").render(documents.zh_hans(), RenderOptions())
    assert json.loads(result.data)["meta"]["source"] == "吉林日报"
    with pytest.raises(KeyError):
        get_writer("nope")
