"""Entities: spaCy labels in English, gazetteer and role entities in the other languages."""

from __future__ import annotations

from unspun.analyzers.entities import EntitiesAnalyzer
from unspun.document import Document


def _ents(doc: Document) -> list[tuple[str, str]]:
    return [(doc.span_text(s), s.label) for s in EntitiesAnalyzer()(doc).layer("entities")]


def test_english_uses_spacy_labels_with_document_offsets(make_doc) -> None:
    text = "Intro line.\n\nThe German minister Annalena Baerbock visited Paris on Monday."
    doc = make_doc(text)
    ents = _ents(doc)
    assert ("Annalena Baerbock", "PERSON") in ents
    person = next(s for s in doc.layer("entities") if s.label == "PERSON")
    assert person.start == text.index("Annalena")
    assert ("Paris", "GPE") in ents
    assert ("German", "NORP") in ents
    assert any(label == "DATE" for _, label in ents)


def test_german_entities_come_from_gazetteer_and_roles(make_doc) -> None:
    ents = _ents(
        make_doc("Der russische Außenminister Sergej Lawrow reiste nach Berlin und traf Vertreter der NATO.", "de")
    )
    assert ("russische", "NORP") in ents
    assert ("Sergej Lawrow", "PERSON") in ents
    assert ("Berlin", "GPE") in ents
    assert ("NATO", "ORG") in ents


def test_russian_inflected_forms_are_entities(make_doc) -> None:
    ents = _ents(make_doc("Делегация России прибыла в Казахстан по приглашению ОДКБ.", "ru"))
    assert ("России", "GPE") in ents and ("Казахстан", "GPE") in ents and ("ОДКБ", "ORG") in ents


def test_entities_stay_inside_the_body(make_doc) -> None:
    doc = make_doc("Paris is lovely.\n\nRome too.")
    from unspun.document import Span

    doc.set_layer("body", [Span(18, 27, "body")])
    assert _ents(doc) == [("Rome", "GPE")]
