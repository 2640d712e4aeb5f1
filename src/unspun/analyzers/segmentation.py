"""Sentences: the ``sentences`` layer, inside the body, never across a paragraph boundary.

Each body paragraph is parsed on its own (:func:`unspun.analyzers.nlp.parse_paragraphs`), so a sentence
cannot run into the next paragraph. English boundaries come from the dependency parser of
``en_core_web_sm``; other languages use spaCy's rule-based ``sentencizer``. Leading and trailing
whitespace is trimmed from every sentence.
"""

from __future__ import annotations

from unspun.analyzers.nlp import ParsedAnalyzer, parse_paragraphs
from unspun.document import Document, Span


class SegmentationAnalyzer(ParsedAnalyzer):
    """Split the body into sentences; attrs: ``paragraph`` (body paragraph index, or null for a heading)."""

    name = "segmentation"
    requires = ("body", "paragraphs")
    produces = ("sentences",)
    version = "1"

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        index_of = {(p.start, p.end): p for p in doc.layer("paragraphs")}
        spans: list[Span] = []
        for ordinal, para in enumerate(parse_paragraphs(doc)):
            source = index_of.get((para.start, para.end))
            if source is not None and source.label == "heading":
                attrs: dict = {"paragraph": None, "heading": True}
            else:
                idx = source.attrs.get("index", ordinal) if source is not None else ordinal
                attrs = {"paragraph": idx}
            for sent in para.sdoc.sents:
                start = para.start + sent.start_char
                end = para.start + sent.end_char
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    spans.append(Span(start, end, "sentence", attrs=dict(attrs)))
        doc.set_layer("sentences", spans)
        return doc

