"""The framing analyzer with the shipped model: the seed article, thresholds, languages and evidence."""

from __future__ import annotations

import pytest

from unspun.document import Document, Span
from unspun.models.datasets.semeval2023_articles import FRAMES


@pytest.fixture(scope="module")
def analyzer():
    from unspun.analyzers.framing import FramingAnalyzer

    return FramingAnalyzer()


@pytest.fixture(scope="module")
def seed_doc(seed_path, analyzer) -> Document:
    from unspun.ingest import from_path

    return analyzer(from_path(seed_path))


def test_seed_article_is_framed_as_security_and_defense(seed_doc) -> None:
    frames = seed_doc.labels["frames"]
    assert frames["status"] == "ok" and frames["language"] == "en"
    assert "Security_and_defense" in frames["labels"]
    assert set(frames["scores"]) == set(FRAMES) == set(frames["thresholds"])


def test_labels_are_exactly_the_frames_at_or_above_threshold(seed_doc) -> None:
    frames = seed_doc.labels["frames"]
    expected = {f for f in FRAMES if frames["scores"][f] >= frames["thresholds"][f]}
    assert set(frames["labels"]) == expected
    assert [frames["scores"][f] for f in frames["labels"]] == sorted(
        (frames["scores"][f] for f in frames["labels"]), reverse=True
    )
    assert all(0.0 <= p <= 1.0 for p in frames["scores"].values())


def test_each_asserted_frame_has_paragraph_evidence(seed_doc) -> None:
    frames = seed_doc.labels["frames"]
    paragraphs = {(p.start, p.end) for p in seed_doc.layer("paragraphs")}
    assert {ev["frame"] for ev in frames["evidence"]} <= set(frames["labels"])
    assert "Security_and_defense" in {ev["frame"] for ev in frames["evidence"]}
    for ev in frames["evidence"]:
        assert (ev["start"], ev["end"]) in paragraphs and ev["weight"] > 0


def test_evidence_follows_the_text(analyzer) -> None:
    text = (
        "The city council met on Monday to discuss the new park and the library opening hours.\n\n"
        "The army moved troops, tanks and missile batteries to the border as the war threatened to spread, "
        "and NATO put its forces on alert."
    )
    cut = text.index("\n\n")
    paragraphs = [Span(0, cut, "paragraph"), Span(cut + 2, len(text), "paragraph")]
    doc = Document(
        text,
        metadata={"language": "en", "title": "Troops on the border"},
        layers={"body": [Span(0, len(text), "body")], "paragraphs": paragraphs},
    )
    frames = analyzer(doc).labels["frames"]
    evidence = [ev for ev in frames["evidence"] if ev["frame"] == "Security_and_defense"]
    assert "Security_and_defense" in frames["labels"]
    assert evidence and (evidence[0]["start"], evidence[0]["end"]) == (cut + 2, len(text))


def test_unsupported_language_gets_no_frames(analyzer) -> None:
    text = "Ο στρατός μετέφερε στρατεύματα στα σύνορα."
    doc = Document(text, metadata={"language": "el"}, layers={"body": [Span(0, len(text), "body")]})
    frames = analyzer(doc).labels["frames"]
    assert frames["status"] == "unsupported_language"
    assert frames["labels"] == [] and frames["scores"] == {} and frames["evidence"] == []


def test_body_without_paragraph_layer_is_split_at_blank_lines(analyzer) -> None:
    text = "Navigation\n\nTroops and missiles moved to the border.\n\nThe army said the war could spread."
    body_start = text.index("Troops")
    doc = Document(text, metadata={"language": "en"}, layers={"body": [Span(body_start, len(text), "body")]})
    frames = analyzer(doc).labels["frames"]
    assert frames["status"] == "ok"
    assert all(ev["start"] >= body_start for ev in frames["evidence"])
