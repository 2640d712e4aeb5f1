"""The persuasion analyzer on real text: one labelled span per body paragraph, consistent evidence spans,
explicit abstention for unsupported languages."""

from __future__ import annotations

import pytest

from unspun.analyzers.persuasion import STATUS_OK, STATUS_UNSUPPORTED, PersuasionAnalyzer, normalise_language
from unspun.analyzers.persuasion_taxonomy import BY_ID, CATEGORIES, TECHNIQUES, markdown
from unspun.ingest import from_text


@pytest.fixture(scope="module")
def analyzer() -> PersuasionAnalyzer:
    return PersuasionAnalyzer()


@pytest.fixture(scope="module")
def seed_doc(analyzer: PersuasionAnalyzer, seed_text: str):
    doc = from_text(seed_text)
    doc.metadata["language"] = "en"
    return analyzer(doc)


def test_taxonomy_has_23_techniques_in_six_categories() -> None:
    assert len(TECHNIQUES) == 23 and len(BY_ID) == 23
    assert {t["category"] for t in TECHNIQUES} == set(CATEGORIES) and len(CATEGORIES) == 6
    for t in TECHNIQUES:
        assert set(t) == {"id", "name", "category", "definition", "example"}
        assert len(t["definition"]) > 40 and t["example"] and t["name"]


def test_docs_page_is_generated_from_the_taxonomy() -> None:
    from pathlib import Path

    page = Path(__file__).resolve().parents[2] / "docs" / "techniques.md"
    assert page.read_text(encoding="utf-8") == markdown(), "regenerate docs/techniques.md (see the module docstring)"


@pytest.mark.data
def test_taxonomy_ids_are_the_official_labels(data_dir) -> None:
    from unspun.models.datasets.semeval2023_paragraphs import read_techniques

    assert sorted(read_techniques(data_dir)) == sorted(BY_ID)


def test_registered_with_a_model_hash(analyzer: PersuasionAnalyzer) -> None:
    from unspun.analyzers import BUILTIN

    assert BUILTIN["persuasion"] == "unspun.analyzers.persuasion:PersuasionAnalyzer"
    assert len(analyzer.model_hash) == 16


def test_one_techniques_span_per_body_paragraph(seed_doc, analyzer: PersuasionAnalyzer) -> None:
    thresholds = dict(zip(analyzer.model.techniques, analyzer.model.thresholds_for("en"), strict=True))
    body = [p for p in seed_doc.layer("paragraphs") if p.label == "paragraph"]
    layer = seed_doc.layer("techniques")
    assert [(s.start, s.end) for s in layer] == [(p.start, p.end) for p in body]
    for span in layer:
        a = span.attrs
        assert a["status"] == STATUS_OK and a["language"] == "en"
        assert set(a["scores"]) == set(BY_ID)
        for t in a["techniques"]:
            assert t["score"] >= t["threshold"] and a["scores"][t["technique"]] == t["score"]
            assert t["category"] == BY_ID[t["technique"]]["category"]
        asserted = {t["technique"] for t in a["techniques"]}
        assert all(v < thresholds[k] + 1e-4 for k, v in a["scores"].items() if k not in asserted)


def test_evidence_spans_agree_with_paragraph_labels(seed_doc) -> None:
    layer = seed_doc.layer("techniques")
    spans = seed_doc.layer("technique_spans")
    assert spans, "the seed article uses persuasion techniques; some evidence must be highlighted"
    for ev in spans:
        para = next(p for p in layer if p.start <= ev.start and ev.end <= p.end)
        asserted = {t["technique"]: t["score"] for t in para.attrs["techniques"]}
        assert ev.label in asserted and ev.score == asserted[ev.label]
        assert ev.attrs["category"] == BY_ID[ev.label]["category"]
        assert not seed_doc.text[ev.start : ev.end].isspace()
    for para in layer:  # each asserted technique counts its evidence spans, and explains when there are none
        for t in para.attrs["techniques"]:
            inside = [ev for ev in spans if ev.label == t["technique"] and para.start <= ev.start < para.end]
            assert t["evidence_spans"] == len(inside)
            assert bool(inside) != ("evidence_note" in t)


def test_seed_shows_loaded_language_or_name_calling(seed_doc) -> None:
    found = {t["technique"] for p in seed_doc.layer("techniques") for t in p.attrs["techniques"]}
    assert {"Loaded_Language", "Name_Calling-Labeling"} <= found


@pytest.mark.parametrize("phrase", ["desperate", "brazenly", "so-called Maidan Revolution"])
def test_seed_paragraphs_named_in_issue_7_use_manipulative_wording(seed_doc, phrase: str) -> None:
    """Issue #7's "done means": loaded language or name calling in the seed's paragraphs with these words."""
    para = next(p for p in seed_doc.layer("techniques") if phrase in seed_doc.text[p.start : p.end])
    asserted = {t["technique"] for t in para.attrs["techniques"]}
    assert asserted & {"Loaded_Language", "Name_Calling-Labeling"}, para.attrs["scores"]


@pytest.mark.parametrize("language", ["es", None, "xx"])
def test_unsupported_language_is_explicit_never_english(analyzer: PersuasionAnalyzer, language) -> None:
    doc = from_text("El gobierno corrupto mintió otra vez.\n\nLos traidores de siempre aplauden.")
    doc.metadata.pop("language", None)
    if language:
        doc.metadata["language"] = language
    doc = analyzer(doc)
    layer = doc.layer("techniques")
    assert layer and all(s.attrs["status"] == STATUS_UNSUPPORTED for s in layer)
    assert all(s.attrs["techniques"] == [] and s.attrs["scores"] == {} for s in layer)
    assert "supported" in layer[0].attrs["reason"]
    assert list(doc.layer("technique_spans")) == []


def test_french_uses_its_own_thresholds(analyzer: PersuasionAnalyzer) -> None:
    doc = from_text("Ce gouvernement de traîtres ment sans vergogne aux Français.\n\nLe ministre a parlé lundi.")
    doc.metadata["language"] = "fr-FR"
    doc = analyzer(doc)
    layer = doc.layer("techniques")
    assert all(s.attrs["language"] == "fr" and s.attrs["status"] == STATUS_OK for s in layer)
    for t in (t for s in layer for t in s.attrs["techniques"]):
        j = analyzer.model.techniques.index(t["technique"])
        assert t["threshold"] == pytest.approx(analyzer.model.thresholds_for("fr")[j], abs=1e-4)


def test_normalise_language() -> None:
    assert normalise_language("en-GB") == "en" and normalise_language("PL") == "pl"
    assert normalise_language(None) is None and normalise_language("") is None
