"""The JSON fixtures are what the builder makes, and they follow the Document schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
from report_fixtures import BUILDERS, FIXTURES

from unspun.document import Document, json_schema


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_fixture_matches_builder_and_schema(name: str) -> None:
    stored = Document.from_json((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert stored == BUILDERS[name](), f"run: .venv/bin/python tests/report/report_fixtures.py ({name} drifted)"
    jsonschema.validate(json.loads(stored.to_json()), json_schema())


def test_seed_fixture_has_every_layer_and_label() -> None:
    doc = BUILDERS["seed"]()
    assert set(doc.layers) == {"body", "boilerplate", "paragraphs", "sentences", "entities", "actors", "quotes",
                               "claims", "techniques", "technique_spans"}
    assert set(doc.labels) == {"genre", "frames", "actors"}
    assert doc.span_text(doc.layer("claims")[0]) == "At least 164 Kazakhs have been killed"
