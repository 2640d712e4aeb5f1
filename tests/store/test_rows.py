"""Flattening a Document into the corpus tables follows docs/document.md."""

from __future__ import annotations

from datetime import datetime

from unspun.document import Document, Span
from unspun.store.rows import DocumentIdentity, document_rows, parse_published
from unspun.store.schema import DOCUMENT_TABLES, TABLES

TEXT = "Moscow said 40 soldiers left. \"It is over,\" said Putin. The puppet regime fell."


def analysed() -> Document:
    doc = Document(TEXT, metadata={"outlet": "Example", "published": "2022-01-10T08:00:00+02:00",
                                   "original_source": {"name": "InfoBrics"}})
    doc.set_layer("body", [Span(0, len(TEXT), "body")])
    doc.set_layer("paragraphs", [Span(0, len(TEXT), "paragraph", attrs={"index": 0})])
    doc.set_layer("claims", [Span(0, 29, "numeric", 0.8, {"sourcing": "named", "source": "Moscow",
                                                          "quantities": [{"value": 40}], "hedges": []})])
    doc.set_layer("quotes", [Span(30, 55, "direct", None, {"speaker": {"start": 50, "end": 55, "text": "Putin"},
                                                           "speaker_id": "Q7747", "cue": {"text": "said"}})])
    doc.set_layer("actors", [
        Span(0, 6, "state", attrs={"id": "RUS", "name": "Russia", "via": "metonym"}),
        Span(50, 55, "person", attrs={"id": "Q7747", "name": "Vladimir Putin", "role": "president",
                                      "affiliation": "RUS"}),
    ])
    doc.set_layer("technique_spans", [Span(60, 66, "Loaded_Language", 0.7, {"category": "wording", "paragraph": 0})])
    doc.set_layer("techniques", [Span(0, len(TEXT), "paragraph", None, {
        "paragraph": 0, "techniques": [{"technique": "Loaded_Language", "category": "wording", "score": 0.9,
                                        "threshold": 0.5}]})])
    doc.set_label("genre", {"label": "opinion", "scores": {"opinion": 0.7, "reporting": 0.3}})
    doc.set_label("frames", {"labels": ["security"], "scores": {"security": 0.8, "economy": 0.1},
                             "thresholds": {"security": 0.5, "economy": 0.4}})
    return doc


def rows() -> dict[str, list[tuple]]:
    return document_rows(analysed(), DocumentIdentity("d1", "h", "fp"), run_id="r",
                         analyzed_at=datetime(2026, 1, 1), minhash=b"\x00" * 4, n_shingles=3)


def test_every_row_has_its_tables_width() -> None:
    out = rows()
    assert set(out) == set(DOCUMENT_TABLES)
    for table, table_rows in out.items():
        assert all(len(r) == len(TABLES[table]) for r in table_rows), table


def record(table: str, row: tuple) -> dict:
    return dict(zip(TABLES[table], row, strict=True))


def test_documents_row_carries_identity_metadata_and_dates() -> None:
    doc = record("documents", rows()["documents"][0])
    assert (doc["doc_id"], doc["content_hash"], doc["pipeline"], doc["outlet"]) == ("d1", "h", "fp", "Example")
    assert doc["published_at"] == datetime(2022, 1, 10, 6, 0)  # converted to UTC
    assert doc["genre"] == "opinion" and doc["n_chars"] == len(TEXT) and doc["n_body_chars"] == len(TEXT)


def test_flattened_tables() -> None:
    out = rows()
    techniques = sorted(record("techniques", r)["level"] for r in out["techniques"])
    assert techniques == ["paragraph", "span"]
    para = next(record("techniques", r) for r in out["techniques"] if r[1] == "paragraph")
    assert (para["technique"], para["score"], para["threshold"], para["paragraph"]) == ("Loaded_Language", 0.9, 0.5, 0)
    claim = record("claims", out["claims"][0])
    assert (claim["claim_type"], claim["sourcing"], claim["source"], claim["text"]) == (
        "numeric", "named", "Moscow", TEXT[:29])
    quote = record("quotes", out["quotes"][0])
    assert (quote["speaker"], quote["speaker_id"], quote["cue"]) == ("Putin", "Q7747", "said")
    actors = {r[1]: record("actors", r) for r in out["actors"]}
    assert actors["Q7747"]["role"] == "president" and actors["Q7747"]["affiliation"] == "RUS"
    assert actors["RUS"]["name"] == "Russia" and actors["RUS"]["mentions"] == 1
    frames = {r[1]: record("frames", r) for r in out["frames"]}
    assert frames["security"]["asserted"] is True and frames["economy"]["asserted"] is False
    assert frames["economy"]["threshold"] == 0.4
    assert record("genre", out["genre"][0])["score"] == 0.7
    assert {r[1] for r in out["metadata"]} == {"outlet", "published", "original_source"}


def test_missing_layers_and_labels_give_no_rows() -> None:
    doc = Document("Plain text only.")
    out = document_rows(doc, DocumentIdentity("d", "h", "p"), run_id="r", analyzed_at=datetime(2026, 1, 1))
    assert all(not out[t] for t in ("techniques", "claims", "quotes", "actors", "frames", "genre", "spans"))
    assert record("documents", out["documents"][0])["genre"] is None


def test_parse_published() -> None:
    assert parse_published("2022-01-10") == datetime(2022, 1, 10)
    assert parse_published("2022-01-10T10:00:00Z") == datetime(2022, 1, 10, 10)
    assert parse_published("2022-01-10 garbage") == datetime(2022, 1, 10)
    assert parse_published("yesterday") is None
    assert parse_published(None) is None
