"""One contract, every registered analyzer (like scikit-learn's estimator checks).

Each analyzer declares what it produces, writes only those layers and labels, never changes the text or
metadata, produces every layer it declares, and is deterministic. Inputs are real articles run through the
default pipeline up to the analyzer under test.
"""

from __future__ import annotations

import pytest

from unspun.api import load_pipeline
from unspun.document import Document
from unspun.document.layers import LABEL_PREFIX
from unspun.ingest import from_text
from unspun.pipeline import registry

FRENCH = (
    "Le ministre des Affaires étrangères a déclaré lundi à Paris que la France soutiendrait l'Ukraine.\n\n"
    "« Nous ne céderons pas », a-t-il ajouté devant les journalistes."
)


@pytest.fixture(scope="module")
def states(seed_text: str) -> dict[str, list[Document]]:
    """For each stage of the default pipeline, the documents as they are just before it runs."""
    pipeline = load_pipeline()
    before: dict[str, list[Document]] = {}
    for text, lang in ((seed_text, None), (FRENCH, "fr")):
        doc = from_text(text)
        if lang:
            doc.metadata["language"] = lang
        for analyzer in pipeline.analyzers:
            before.setdefault(analyzer.name, []).append(doc.copy())
            doc = analyzer(doc)
    return before


def _snapshot(doc: Document) -> dict:
    return doc.to_dict()


@pytest.mark.parametrize("name", registry.names())
def test_analyzer_contract(name: str, states: dict[str, list[Document]]) -> None:
    cls = registry.get(name)
    assert cls.name == name
    assert isinstance(cls.requires, tuple) and isinstance(cls.produces, tuple)
    assert cls.produces, f"{name} declares nothing it produces"
    analyzer = next((a for a in load_pipeline().analyzers if a.name == name), None) or cls()
    docs = states.get(name)
    assert docs, f"{name} is registered but not in the default pipeline"
    for doc in docs:
        before = _snapshot(doc)
        first = analyzer(doc.copy())
        second = analyzer(doc.copy())
        after = _snapshot(first)
        assert first.text == doc.text, f"{name} changed the text"
        assert after["metadata"] == before["metadata"], f"{name} changed the metadata"
        declared_layers = {p for p in cls.produces if not p.startswith(LABEL_PREFIX)}
        declared_labels = {p[len(LABEL_PREFIX):] for p in cls.produces if p.startswith(LABEL_PREFIX)}
        changed_layers = {k for k in set(after["layers"]) | set(before["layers"])
                          if after["layers"].get(k) != before["layers"].get(k)}
        changed_labels = {k for k in set(after["labels"]) | set(before["labels"])
                          if after["labels"].get(k) != before["labels"].get(k)}
        assert changed_layers <= declared_layers, f"{name} wrote undeclared layers {changed_layers - declared_layers}"
        assert changed_labels <= declared_labels, f"{name} wrote undeclared labels {changed_labels - declared_labels}"
        missing = (declared_layers - set(after["layers"])) | (declared_labels - set(after["labels"]))
        assert not missing, f"{name} did not produce {missing}"
        assert _snapshot(second) == after, f"{name} is not deterministic"
        piped = list(analyzer.pipe([doc.copy()], batch_size=4))
        assert len(piped) == 1 and _snapshot(piped[0]) == after, f"{name}.pipe differs from __call__"


def test_contract_catches_a_misbehaving_analyzer(states) -> None:
    """The checks above must be able to fail: an analyzer writing an undeclared layer is caught."""
    from unspun.document import Span
    from unspun.pipeline import BaseAnalyzer

    class Sneaky(BaseAnalyzer):
        name = "t-sneaky"
        requires = ("body",)
        produces = ("t-declared",)

        def __call__(self, doc: Document) -> Document:
            doc.set_layer("t-declared", [])
            doc.set_layer("sentences", [Span(0, 1, "x")])
            return doc

    registry.register(Sneaky.name, Sneaky)
    try:
        states[Sneaky.name] = [from_text("Some text here.")]
        with pytest.raises(AssertionError, match="undeclared layers"):
            test_analyzer_contract(Sneaky.name, states)
    finally:
        registry.unregister(Sneaky.name)
        states.pop(Sneaky.name, None)
