"""The published JSON Schema matches the code and validates serialised Documents."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from unspun.document import Document, Span
from unspun.document.serialize import json_schema, json_schema_text

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "document.schema.json"


def test_published_schema_is_up_to_date() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text(), (
        "docs/document.schema.json is stale: regenerate it with "
        "python -c 'from unspun.document.serialize import json_schema_text as t; print(t(), end=\"\")' "
        "> docs/document.schema.json"
    )


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_serialised_document_validates() -> None:
    doc = Document(
        "Moscow denied it.",
        metadata={"title": "t", "authors": ["A B"], "language": "en"},
        layers={"actors": [Span(0, 6, "state", 0.9, {"id": "RUS"})]},
        labels={"genre": {"label": "reporting", "scores": {"reporting": 0.7}}},
    )
    jsonschema.validate(doc.to_dict(), json_schema())


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.pop("layers"),
        lambda d: d.update(schema_version="x"),
        lambda d: d["layers"]["actors"][0].update(score=2),
        lambda d: d["metadata"].update(authors="A B"),
    ],
)
def test_schema_rejects_broken_documents(mutate) -> None:
    data = json.loads(
        Document("Moscow", metadata={"authors": ["A"]}, layers={"actors": [Span(0, 6, "state")]}).to_json()
    )
    mutate(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())
