"""The view shared by every format: absent versus empty layers, no text lost, defensive reading."""

from __future__ import annotations

import sys

import pytest

from unspun.document import Document, Span
from unspun.present.report import definitions
from unspun.present.report.confidence import confidence_text, confidence_word
from unspun.present.report.view import build_view, clean


def test_absent_layers_are_not_analysed_and_empty_ones_are_none_found(minimal_doc, empty_doc) -> None:
    absent, empty = build_view(minimal_doc), build_view(empty_doc)
    assert absent.claims is None and absent.quotes is None and absent.actors is None and absent.entities is None
    assert absent.genre is None and absent.frames is None and not absent.techniques_analysed
    assert all(b.techniques is None for b in absent.body_paragraphs)
    assert empty.claims == [] and empty.quotes == [] and empty.actors == [] and empty.entities == []
    assert empty.techniques_analysed and empty.techniques == []
    assert empty.body_paragraphs[0].techniques is not None
    assert empty.body_paragraphs[0].techniques.asserted == []


@pytest.mark.parametrize("name", ["seed", "hostile", "minimal", "empty"])
def test_every_visible_character_lands_in_exactly_one_block(name: str, request) -> None:
    doc = request.getfixturevalue(f"{name}_doc")
    view = build_view(doc)
    owner = [0] * len(doc.text)
    for block in view.blocks:
        for i in range(block.start, block.end):
            owner[i] += 1
    assert all(n <= 1 for n in owner), "blocks overlap"
    missing = [i for i, ch in enumerate(doc.text) if not ch.isspace() and owner[i] == 0]
    assert missing == [], f"text dropped from the report: {doc.text[missing[0]:missing[0] + 40]!r}"


def test_seed_boilerplate_is_kept_apart_from_the_body(seed_doc) -> None:
    view = build_view(seed_doc)
    kinds = {b.kind for b in view.blocks}
    assert {"paragraph", "boilerplate"} <= kinds
    assert len(view.body_paragraphs) == len(seed_doc.layer("paragraphs"))
    disclaimer = next(b for b in view.blocks if b.label == "disclaimer")
    assert seed_doc.text[disclaimer.start:disclaimer.end].startswith("**Disclaimer:**")


def test_seed_tables(seed_doc) -> None:
    view = build_view(seed_doc)
    killed = next(c for c in view.claims if c.text.startswith("At least 164"))
    assert killed.type == "numeric" and killed.sourcing == "none" and "at least 164" in killed.quantities
    psaki = [q for q in view.quotes if q.speaker_id == "psaki"]
    assert psaki and all(q.role == "White House spokeswoman" and q.affiliation == "United States" for q in psaki)
    actors = {a.id: a for a in view.actors}
    assert actors["RUS"].mentions == 9 and set(actors["RUS"].via) == {"name", "metonym"}
    assert actors["tokayev"].roles == ["President"]  # the actors label overrides the layer
    loaded = next(t for t in view.techniques if t.technique == "Loaded_Language")
    assert loaded.count == 3 and loaded.max_score == pytest.approx(0.81)
    assert loaded.definition  # from the (fixed) taxonomy
    assert {c.name for c in view.categories} >= {"Manipulative wording", "Attack on reputation"}


def test_paragraph_panels_get_their_own_techniques(seed_doc) -> None:
    view = build_view(seed_doc)
    second = view.body_paragraphs[1]
    assert [h.technique for h in second.techniques.asserted] == ["Doubt", "Name_Calling-Labeling"]
    assert second.techniques.considered and all(h.score < 0.3 for h in second.techniques.considered)


def test_malformed_attrs_do_not_break_the_view() -> None:
    doc = Document("Some text here.", metadata={"title": ["not", "a", "string"], "authors": "Solo",
                                                "tags": "oops", "outlet_rating": {"score": 7}})
    doc.set_layer("claims", [Span(0, 4, "numeric", None, {"quantities": "many", "hedges": 3, "source": {}})])
    doc.set_layer("quotes", [Span(5, 9, "direct", None, {"speaker": 42, "cue": []})])
    doc.set_layer("techniques", [Span(0, 15, "paragraph", None, {"techniques": ["Doubt", {"x": 1}, None],
                                                                 "scores": {"Doubt": "high"}})])
    doc.set_label("frames", {"labels": "Political"})
    view = build_view(doc)
    assert view.header.authors == ["Solo"] and view.header.rating.score is None  # 7 is not a score
    assert view.claims[0].quantities == "many"
    assert [h.technique for h in view.body_paragraphs[0].techniques.asserted] == ["Doubt"]


def test_control_characters_are_replaced_without_moving_offsets() -> None:
    text = "a\x1b[31mred\x00\ud800b"
    doc = Document(text)
    view = build_view(doc)
    assert len(view.text) == len(text) and "\x1b" not in view.text and "\ud800" not in view.text
    assert clean("x\x07y") == "x\ufffdy"


def test_confidence_words_and_numbers() -> None:
    assert confidence_text(0.91) == "very high (0.91)"
    assert confidence_text(0.5) == "moderate (0.50)"
    assert confidence_word(0.1) == "very low"
    assert confidence_text(None) == "no score" and confidence_text(1.5) == "no score"
    assert confidence_text(True) == "no score"


def test_definitions_fall_back_to_the_name_without_the_taxonomy(monkeypatch) -> None:
    monkeypatch.undo()
    monkeypatch.setitem(sys.modules, "unspun.analyzers.persuasion_taxonomy", None)  # import fails
    definitions._taxonomy.cache_clear()
    try:
        info = definitions.technique_info("Name_Calling-Labeling")
        assert info.name == "Name calling / labeling" and info.definition is None
    finally:
        definitions._taxonomy.cache_clear()


def test_definitions_come_from_the_installed_taxonomy_when_present(monkeypatch) -> None:
    monkeypatch.undo()
    definitions._taxonomy.cache_clear()
    taxonomy = pytest.importorskip("unspun.analyzers.persuasion_taxonomy")
    entry = next(e for e in taxonomy.TECHNIQUES if isinstance(e, dict) and e.get("definition"))
    assert definitions.technique_info(str(entry.get("id") or entry["name"])).definition == entry["definition"]


def test_stock_rating_caveat_is_not_repeated_but_an_own_explanation_is_kept() -> None:
    from unspun.ingest.sources import EXPLANATION

    def rating_of(explanation: str) -> str:
        doc = Document(text="Body.", metadata={"outlet_rating": {"domain": "x.org", "score": 0.4,
                                                                "explanation": explanation}})
        return build_view(doc).header.rating.explanation

    assert rating_of(EXPLANATION) == ""
    assert rating_of("  " + EXPLANATION.upper()) == ""
    assert rating_of("Rated by a panel in 2021.") == "Rated by a panel in 2021."
