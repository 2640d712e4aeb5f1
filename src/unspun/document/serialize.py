"""Versioned JSON for Documents, and the JSON Schema that describes it.

The schema is generated here (one source of truth) and published as docs/document.schema.json; a test
keeps the two equal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from unspun.document.document import Document, _check_json
from unspun.document.span import Span
from unspun.errors import DocumentError

SCHEMA_VERSION = "1.0"
SUPPORTED_MAJOR = "1"
TOP_LEVEL_KEYS = ("schema_version", "text", "metadata", "layers", "labels")


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The JSON object for a Document, keys in the published order."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "text": doc.text,
        "metadata": doc.metadata,
        "layers": {name: [s.to_dict() for s in spans] for name, spans in doc.layers.items()},
        "labels": dict(doc.labels),
    }
    _check_json(data["metadata"], "metadata")
    for name, spans in data["layers"].items():
        _check_json(spans, f"layer {name!r}")
    return data


def document_from_dict(data: Mapping[str, Any]) -> Document:
    """Rebuild a Document from its JSON object, validating version, keys and offsets."""
    if not isinstance(data, Mapping):
        raise DocumentError(f"a Document must be a JSON object, got {type(data).__name__}")
    version = data.get("schema_version")
    if not isinstance(version, str) or version.split(".")[0] != SUPPORTED_MAJOR:
        raise DocumentError(
            f"unsupported schema_version {version!r}",
            hint=f"this unspun reads {SUPPORTED_MAJOR}.x",
        )
    unknown = set(data) - set(TOP_LEVEL_KEYS)
    if unknown:
        raise DocumentError(f"unknown top-level keys {sorted(unknown)}")
    text = data.get("text")
    if not isinstance(text, str):
        raise DocumentError("'text' must be a string")
    metadata = data.get("metadata") or {}
    layers = data.get("layers") or {}
    labels = data.get("labels") or {}
    if not isinstance(metadata, dict) or not isinstance(layers, dict) or not isinstance(labels, dict):
        raise DocumentError("'metadata', 'layers' and 'labels' must be JSON objects")
    parsed: dict[str, list[Span]] = {}
    for name, spans in layers.items():
        if not isinstance(spans, list):
            raise DocumentError(f"layer {name!r} must be a list of spans")
        parsed[name] = [Span.from_dict(s) for s in spans]
    return Document(text, metadata=metadata, layers=parsed, labels=labels)


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the serialised Document."""
    span = {
        "type": "object",
        "required": ["start", "end", "label", "score", "attrs"],
        "additionalProperties": False,
        "properties": {
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 1},
            "label": {"type": "string", "minLength": 1},
            "score": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
            "attrs": {"type": "object"},
        },
    }
    metadata = {
        "type": "object",
        "properties": {
            "title": {"type": ["string", "null"]},
            "authors": {"type": "array", "items": {"type": "string"}},
            "published": {"type": ["string", "null"], "description": "ISO 8601 date or datetime"},
            "outlet": {"type": ["string", "null"]},
            "domain": {"type": ["string", "null"]},
            "url": {"type": ["string", "null"]},
            "language": {"type": ["string", "null"], "description": "ISO 639-1 code"},
            "original_source": {"type": ["object", "string", "null"]},
            "tags": {"type": ["object", "array", "null"]},
            "outlet_rating": {"type": ["object", "null"]},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://unspun.invalid/schema/document-1.json",
        "title": "unspun Document",
        "description": "An article's immutable text with metadata, standoff span layers and "
        "document-level labels. Offsets are Unicode code points, half-open.",
        "type": "object",
        "required": list(TOP_LEVEL_KEYS),
        "additionalProperties": False,
        "properties": {
            "schema_version": {"type": "string", "pattern": r"^1\.[0-9]+$"},
            "text": {"type": "string"},
            "metadata": metadata,
            "layers": {"type": "object", "additionalProperties": {"type": "array", "items": span}},
            "labels": {"type": "object"},
        },
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
