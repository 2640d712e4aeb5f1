"""The genre analyzer with the shipped model: the seed article, abstention, languages and evidence."""

from __future__ import annotations

import pytest

from unspun.document import Document, Span


@pytest.fixture(scope="module")
def analyzer():
    from unspun.analyzers.genre import GenreAnalyzer

    return GenreAnalyzer()


def _doc(text: str, lang: str | None, title: str = "") -> Document:
    paragraphs, pos = [], 0
    for i, block in enumerate(text.split("\n\n")):
        start = text.index(block, pos)
        paragraphs.append(Span(start, start + len(block), "paragraph", attrs={"index": i}))
        pos = start + len(block)
    meta = {"title": title} | ({"language": lang} if lang else {})
    return Document(text, metadata=meta, layers={"body": [Span(0, len(text), "body")], "paragraphs": paragraphs})


def test_seed_article_is_opinion_with_paragraph_evidence(seed_path, analyzer) -> None:
    from unspun.ingest import from_path

    doc = analyzer(from_path(seed_path))
    genre = doc.labels["genre"]
    assert genre["status"] == "ok" and genre["language"] == "en"
    assert genre["label"] == "opinion"
    assert sum(genre["scores"].values()) == pytest.approx(1.0, abs=1e-3)
    assert genre["scores"]["opinion"] >= genre["abstain_below"]
    body = doc.layer("body")
    paragraphs = {(p.start, p.end) for p in doc.layer("paragraphs")}
    assert genre["evidence"]
    for ev in genre["evidence"]:
        assert ev["label"] == "opinion" and ev["weight"] > 0
        assert (ev["start"], ev["end"]) in paragraphs
        assert any(b.start <= ev["start"] and ev["end"] <= b.end for b in body)
    weights = [ev["weight"] for ev in genre["evidence"]]
    assert weights == sorted(weights, reverse=True)


def test_unsupported_language_is_explicit_not_english(analyzer) -> None:
    doc = analyzer(_doc("El gobierno anunció hoy nuevas medidas económicas.\n\nLa oposición protestó.", "es"))
    genre = doc.labels["genre"]
    assert genre == {"label": None, "scores": {}, "evidence": [], "language": "es", "status": "unsupported_language"}
    missing = analyzer(_doc("Some text.", None)).labels["genre"]
    assert missing["status"] == "unsupported_language" and missing["label"] is None


def test_every_supported_language_gets_scores(analyzer) -> None:
    texts = {
        "fr": "Le gouvernement a annoncé mardi de nouvelles mesures, a déclaré le porte-parole.",
        "de": "Die Regierung kündigte am Dienstag neue Maßnahmen an, sagte ein Sprecher.",
        "it": "Il governo ha annunciato martedì nuove misure, ha detto il portavoce.",
        "pl": "Rząd ogłosił we wtorek nowe środki, powiedział rzecznik.",
        "ru": "Правительство во вторник объявило о новых мерах, сообщил представитель.",
    }
    for lang, text in texts.items():
        genre = analyzer(_doc(text, lang)).labels["genre"]
        assert genre["status"] == "ok" and genre["language"] == lang
        assert set(genre["scores"]) == {"opinion", "reporting", "satire"}
        top = max(genre["scores"], key=genre["scores"].get)
        assert genre["label"] in (top, None)
        assert (genre["label"] is None) == (genre["scores"][top] < genre["abstain_below"])


def test_empty_body_reports_empty(analyzer) -> None:
    doc = Document("   ", metadata={"language": "en"}, layers={})
    assert analyzer(doc).labels["genre"]["status"] == "empty"


def test_model_hash_identifies_the_artifact(analyzer, tmp_path) -> None:
    import shutil

    from unspun.analyzers.genre import GenreAnalyzer
    from unspun.models.artifacts import artifact_dir

    assert len(analyzer.model_hash) == 16
    copy = tmp_path / "genre"
    shutil.copytree(artifact_dir("genre"), copy)
    assert GenreAnalyzer(copy).model_hash == analyzer.model_hash
    (copy / "meta.json").write_text((copy / "meta.json").read_text().replace('"seed": 0', '"seed": 1'))
    assert GenreAnalyzer(copy).model_hash != analyzer.model_hash
