"""Pipeline construction: order checks name the missing producer; registry lookups fail clearly."""

from __future__ import annotations

import pytest

from unspun.document import Document, Span
from unspun.errors import PipelineOrderError, UnknownAnalyzerError
from unspun.pipeline import BaseAnalyzer, Pipeline, registry


class Words(BaseAnalyzer):
    name = "t-words"
    requires = ("body",)
    produces = ("t-words",)

    def __call__(self, doc: Document) -> Document:
        import re

        doc.set_layer("t-words", [Span(m.start(), m.end(), "w") for m in re.finditer(r"\w+", doc.text)])
        return doc


class Counter(BaseAnalyzer):
    name = "t-count"
    requires = ("t-words",)
    produces = ("labels.t-count",)

    def __call__(self, doc: Document) -> Document:
        doc.set_label("t-count", {"n": len(doc.layer("t-words"))})
        return doc


@pytest.fixture(autouse=True)
def _registered():
    registry.register(Words.name, Words)
    registry.register(Counter.name, Counter)
    yield
    registry.unregister(Words.name)
    registry.unregister(Counter.name)


def _doc(text: str = "one two three") -> Document:
    return Document(text, layers={"body": [Span(0, len(text), "body")], "paragraphs": [], "boilerplate": []})


def test_pipeline_runs_stages_in_order() -> None:
    pipe = Pipeline.from_config(["t-words", "t-count"])
    assert pipe.names == ["t-words", "t-count"]
    assert pipe(_doc()).labels["t-count"] == {"n": 3}
    out = list(pipe.pipe([_doc("a b"), _doc("c")], batch_size=1))
    assert [d.labels["t-count"]["n"] for d in out] == [2, 1]


def test_wrong_order_names_the_producer_that_comes_too_late() -> None:
    with pytest.raises(PipelineOrderError) as err:
        Pipeline.from_config(["t-count", "t-words"])
    assert "'t-words'" in str(err.value) and "before" in str(err.value)


def test_missing_stage_names_the_producer_to_add() -> None:
    with pytest.raises(PipelineOrderError) as err:
        Pipeline.from_config(["t-count"])
    assert "add 't-words'" in str(err.value)


def test_requirement_nobody_produces() -> None:
    class Orphan(BaseAnalyzer):
        name = "t-orphan"
        requires = ("no-such-layer",)

    registry.register(Orphan.name, Orphan)
    try:
        with pytest.raises(PipelineOrderError, match="no registered analyzer produces it"):
            Pipeline.from_config(["t-orphan"])
    finally:
        registry.unregister(Orphan.name)


def test_unknown_analyzer_lists_the_known_ones() -> None:
    with pytest.raises(UnknownAnalyzerError, match="t-words"):
        registry.get("nope")


def test_registered_name_must_match_class_name() -> None:
    registry.register("t-alias", "tests.pipeline.test_pipeline:Words")
    try:
        with pytest.raises(UnknownAnalyzerError, match="declares name"):
            registry.get("t-alias")
    finally:
        registry.unregister("t-alias")


def test_fingerprint_changes_with_stages() -> None:
    a = Pipeline.from_config(["t-words"]).fingerprint
    b = Pipeline.from_config(["t-words", "t-count"]).fingerprint
    assert a != b and len(a) == 16
    assert a == Pipeline.from_config(["t-words"]).fingerprint
