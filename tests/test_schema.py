"""The JSON Schemas editors' tools use are generated from the models and accept the shipped data."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from conftest import ROOT
from sitegen.schema import SCHEMAS, schema_text

FILES = {"site": ["site.yml"], "contacts": ["contacts.yml"], "infographics": ["infographics.yml"]}


@pytest.mark.parametrize("name", SCHEMAS)
def test_committed_schema_matches_the_models(name):
    committed = (ROOT / "data" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(SCHEMAS[name]), "run `sitegen schema` and commit data/schema/"


@pytest.mark.parametrize("name", FILES)
def test_shipped_data_declares_and_passes_its_schema(name):
    schema = json.loads((ROOT / "data" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    for file in FILES[name]:
        path = ROOT / "data" / file
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=schema/{name}.schema.json"
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        jsonschema.validate(data, schema)


def test_schema_catches_what_an_editor_gets_wrong():
    schema = json.loads((ROOT / "data" / "schema" / "contacts.schema.json").read_text(encoding="utf-8"))
    bad = {
        "contacts": [
            {
                "id": "Bad Id",
                "kind": "police",
                "region": "CA",
                "name": {"en": "x"},
                "source": "https://example.org",
                "checked": "2026-01-01",
                "colour": "red",
            }
        ]
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
