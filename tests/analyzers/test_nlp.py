"""The shared spaCy layer: pipelines per language, paragraph parsing, offsets and the parse cache."""

from __future__ import annotations

from unspun.analyzers import nlp
from unspun.document import Document, Span


def _doc(text: str, lang: str = "en", paragraphs: list[tuple[int, int]] | None = None) -> Document:
    layers: dict[str, list[Span]] = {}
    if paragraphs is not None:
        layers["paragraphs"] = [
            Span(s, e, "paragraph", attrs={"index": i}) for i, (s, e) in enumerate(paragraphs)
        ]
        layers["body"] = [Span(paragraphs[0][0], paragraphs[-1][1], "body")]
    return Document(text, metadata={"language": lang}, layers=layers)


def test_english_pipeline_has_parser_and_ner_but_not_senter() -> None:
    en = nlp.get_nlp("en")
    assert {"parser", "ner", "lemmatizer"} <= set(en.pipe_names)
    assert "senter" not in en.pipe_names
    assert nlp.get_nlp("EN-us") is en


def test_blank_languages_and_fallback_split_sentences() -> None:
    for lang in ("fr", "de", "it", "pl", "ru", "es"):
        p = nlp.get_nlp(lang)
        assert "sentencizer" in p.pipe_names
    assert nlp.get_nlp("es").lang == "xx"
    assert nlp.get_nlp("ru").lang == "ru"


def test_offsets_map_back_to_document_text() -> None:
    text = "Headline\n\nMoscow condemned the move. Kyiv disagreed.\n\nBerlin said nothing."
    doc = _doc(text, paragraphs=[(10, 52), (54, len(text))])
    parsed = nlp.parse_paragraphs(doc)
    assert [(p.start, p.end) for p in parsed] == [(10, 52), (54, len(text))]
    for p in parsed:
        for tok in p.sdoc:
            assert text[p.start + tok.idx : p.start + tok.idx + len(tok.text)] == tok.text


def test_paragraphs_outside_body_are_not_parsed() -> None:
    text = "Menu Home\n\nThe body sentence.\n\nCopyright 2024."
    doc = Document(
        text,
        metadata={"language": "en"},
        layers={
            "paragraphs": [Span(0, 9, "paragraph"), Span(11, 29, "paragraph"), Span(31, 46, "paragraph")],
            "body": [Span(11, 29, "body")],
        },
    )
    assert [(p.start, p.end) for p in nlp.parse_paragraphs(doc)] == [(11, 29)]


def test_fallback_to_whole_text_without_layers() -> None:
    doc = Document("One sentence. Two sentences.")
    parsed = nlp.parse_paragraphs(doc)
    assert len(parsed) == 1 and parsed[0].start == 0 and len(list(parsed[0].sdoc.sents)) == 2


def test_cache_returns_same_parse_and_distinguishes_language() -> None:
    nlp.clear_cache()
    a = _doc("Paris a répondu. Berlin aussi.", "fr")
    first = nlp.parse_paragraphs(a)
    assert nlp.parse_paragraphs(a.copy()) is first
    other = nlp.parse_paragraphs(_doc("Paris a répondu. Berlin aussi.", "de"))
    assert other is not first


def test_parse_many_batches_mixed_languages_in_order() -> None:
    docs = [
        _doc("Moscow said no.", "en"),
        _doc("Москва сказала нет.", "ru"),
        _doc("Berlin sagte nein.", "de"),
    ]
    out = nlp.parse_many(docs)
    assert [p[0].sdoc.text for p in out] == [d.text for d in docs]


def test_overlong_range_is_chunked() -> None:
    assert nlp._chunks("aaa bbb ccc", 0, 11, 5) == [(0, 3), (3, 7), (7, 11)]
