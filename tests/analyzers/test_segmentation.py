"""Sentences: inside the body, never across paragraphs, trimmed, in six languages and the fallback."""

from __future__ import annotations

from unspun.analyzers.segmentation import SegmentationAnalyzer
from unspun.document import Document, Span


def _sentences(doc: Document) -> list[str]:
    return [doc.span_text(s) for s in SegmentationAnalyzer()(doc).layer("sentences")]


def test_english_sentences_are_split_and_trimmed(make_doc) -> None:
    doc = make_doc("Moscow condemned the move. Kyiv disagreed strongly.\n\nBerlin said nothing.  ")
    assert _sentences(doc) == ["Moscow condemned the move.", "Kyiv disagreed strongly.", "Berlin said nothing."]


def test_no_sentence_crosses_a_paragraph_boundary(make_doc) -> None:
    # no full stop at the end of the first paragraph: a whole-text parse would glue the two
    text = "The minister said that the talks would continue\n\nand the delegates left the room."
    doc = SegmentationAnalyzer()(make_doc(text))
    paragraphs = doc.layer("paragraphs")
    for sent in doc.layer("sentences"):
        assert sum(1 for p in paragraphs if p.contains(sent)) == 1
    assert [s.attrs["paragraph"] for s in doc.layer("sentences")] == [0, 1]


def test_only_the_body_is_segmented() -> None:
    text = "Subscribe to our newsletter.\n\nThe body starts here. It has two sentences.\n\nCopyright 2024."
    paragraphs = [Span(0, 28, "paragraph"), Span(30, 73, "paragraph", attrs={"index": 0}), Span(75, 90, "paragraph")]
    doc = Document(text, metadata={"language": "en"}, layers={"paragraphs": paragraphs, "body": [Span(30, 73, "body")]})
    assert _sentences(doc) == ["The body starts here.", "It has two sentences."]


def test_headings_are_marked() -> None:
    text = "A subheading\n\nA sentence follows."
    paragraphs = [Span(0, 12, "heading"), Span(14, 33, "paragraph", attrs={"index": 0})]
    doc = Document(text, metadata={"language": "en"}, layers={"paragraphs": paragraphs, "body": [Span(0, 33, "body")]})
    spans = SegmentationAnalyzer()(doc).layer("sentences")
    assert spans[0].attrs == {"paragraph": None, "heading": True}
    assert spans[1].attrs == {"paragraph": 0}


def test_other_languages_use_the_sentencizer(make_doc) -> None:
    cases = {
        "de": "Moskau hat die Entscheidung verurteilt. Berlin schweigt.",
        "ru": "Москва осудила решение. Берлин молчит.",
        "fr": "Moscou a condamné la décision. Berlin se tait.",
        "it": "Mosca ha condannato la decisione. Berlino tace.",
        "pl": "Moskwa potępiła decyzję. Berlin milczy.",
        "es": "Moscú condenó la decisión. Berlín calla.",  # unknown language: multilingual fallback
    }
    for lang, text in cases.items():
        assert len(_sentences(make_doc(text, lang))) == 2, lang


def test_pipe_matches_call(make_doc) -> None:
    docs = [make_doc("One. Two.\n\nThree."), make_doc("Раз. Два.", "ru")]
    piped = list(SegmentationAnalyzer().pipe([d.copy() for d in docs], batch_size=2))
    called = [SegmentationAnalyzer()(d.copy()) for d in docs]
    assert [d.layer("sentences") for d in piped] == [d.layer("sentences") for d in called]
