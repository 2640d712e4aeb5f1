"""Document and Span: validation, immutability of text, JSON round trips (property-based)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.document import Document, Span
from unspun.errors import DocumentError

json_scalars = st.none() | st.booleans() | st.integers(-(2**31), 2**31) | st.text(max_size=20)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def documents(draw) -> Document:
    text = draw(st.text(min_size=1, max_size=200))
    layers = {}
    for name in draw(st.lists(st.sampled_from(["body", "sentences", "quotes", "x-custom"]), max_size=3, unique=True)):
        spans = []
        for _ in range(draw(st.integers(0, 5))):
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            score = draw(st.none() | st.floats(0, 1, allow_nan=False))
            attrs = draw(st.dictionaries(st.text(max_size=6), json_values, max_size=3))
            spans.append(Span(start, end, draw(st.text(min_size=1, max_size=10)), score, attrs))
        layers[name] = spans
    labels = draw(st.dictionaries(st.text(min_size=1, max_size=8), json_values, max_size=3))
    metadata = draw(st.dictionaries(st.text(max_size=8), json_values, max_size=4))
    return Document(text, metadata=metadata, layers=layers, labels=labels)


@given(documents())
@settings(max_examples=150, deadline=None)
def test_json_round_trip_preserves_everything(doc: Document) -> None:
    again = Document.from_json(doc.to_json())
    assert again == doc
    assert again.to_dict() == doc.to_dict()
    for name, spans in doc.layers.items():
        assert [again.span_text(s) for s in again.layer(name)] == [doc.span_text(s) for s in spans]


@given(st.text(min_size=0, max_size=50), st.integers(-5, 60), st.integers(-5, 60))
@settings(max_examples=200, deadline=None)
def test_out_of_range_offsets_are_rejected(text: str, start: int, end: int) -> None:
    valid = 0 <= start < end <= len(text)
    doc = Document(text)
    if valid:
        doc.set_layer("x", [Span(start, end, "x")])
        assert doc.span_text(doc.layer("x")[0]) == text[start:end]
    else:
        with pytest.raises(DocumentError):
            doc.set_layer("x", [Span(start, end, "x")])


@given(st.text(max_size=30), st.integers(0, 40), st.integers(0, 80))
@settings(max_examples=100, deadline=None)
def test_deserialising_bad_offsets_fails_with_a_typed_error(text: str, start: int, end: int) -> None:
    raw = {"schema_version": "1.0", "text": text, "metadata": {}, "labels": {},
           "layers": {"x": [{"start": start, "end": end, "label": "x", "score": None, "attrs": {}}]}}
    if 0 <= start < end <= len(text):
        assert Document.from_dict(raw).layer("x")[0].end == end
    else:
        with pytest.raises(DocumentError):
            Document.from_dict(raw)


def test_text_is_read_only() -> None:
    doc = Document("abc")
    with pytest.raises(AttributeError):
        doc.text = "xyz"  # type: ignore[misc]


def test_layers_view_is_read_only_and_sorted() -> None:
    doc = Document("hello world")
    doc.set_layer("w", [Span(6, 11, "b"), Span(0, 5, "a")])
    assert [s.label for s in doc.layer("w")] == ["a", "b"]
    with pytest.raises(TypeError):
        doc.layers["w"] = ()  # type: ignore[index]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"start": 3, "end": 3, "label": "x"},
        {"start": 4, "end": 2, "label": "x"},
        {"start": -1, "end": 2, "label": "x"},
        {"start": 0, "end": 2, "label": ""},
        {"start": 0, "end": 2, "label": "x", "score": 1.5},
        {"start": 0, "end": 2, "label": "x", "score": float("nan")},
        {"start": 0.0, "end": 2, "label": "x"},
        {"start": True, "end": 2, "label": "x"},
    ],
)
def test_invalid_spans_are_rejected(kwargs: dict) -> None:
    with pytest.raises(DocumentError):
        Span(**kwargs)


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        "[]",
        json.dumps({"schema_version": "2.0", "text": "a", "metadata": {}, "layers": {}, "labels": {}}),
        json.dumps({"schema_version": "1.0", "text": 3, "metadata": {}, "layers": {}, "labels": {}}),
        json.dumps({"schema_version": "1.0", "text": "a", "metadata": {}, "layers": {"x": {}}, "labels": {}}),
        json.dumps({"schema_version": "1.0", "text": "a", "metadata": {}, "layers": {}, "labels": {}, "extra": 1}),
        json.dumps({"schema_version": "1.0", "text": "a", "metadata": {}, "layers": {"x": [{"start": 0}]},
                    "labels": {}}),
    ],
)
def test_malformed_json_documents_raise_document_error(raw: str) -> None:
    with pytest.raises(DocumentError):
        Document.from_json(raw)


def test_labels_must_be_json_serialisable() -> None:
    doc = Document("abc")
    with pytest.raises(DocumentError):
        doc.set_label("genre", {"scores": {1, 2}})
    doc.set_label("genre", {"label": "opinion", "scores": {"opinion": 0.9}})
    assert doc.labels["genre"]["label"] == "opinion"


def test_copy_is_deep() -> None:
    doc = Document("abc def", layers={"x": [Span(0, 3, "a", attrs={"k": [1]})]}, labels={"g": {"a": 1}})
    clone = doc.copy()
    clone.layer("x")[0].attrs["k"].append(2)
    clone.metadata["title"] = "t"
    assert doc.layer("x")[0].attrs["k"] == [1]
    assert "title" not in doc.metadata
    assert clone != doc


def test_spans_within() -> None:
    doc = Document("one two three")
    doc.set_layer("w", [Span(0, 3, "w"), Span(4, 7, "w"), Span(8, 13, "w")])
    assert [doc.span_text(s) for s in doc.spans_within("w", Span(2, 13, "p"))] == ["two", "three"]
