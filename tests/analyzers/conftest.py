"""Fixtures for the NLP-layer tests: build small Documents and run segmentation -> entities -> actors."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from unspun.document import Document, Span


def _make_doc(text: str, lang: str = "en") -> Document:
    """A Document whose body is the whole text, one paragraph per blank-line-separated block."""
    paragraphs: list[Span] = []
    pos = 0
    for index, block in enumerate(text.split("\n\n")):
        start = text.index(block, pos)
        if block.strip():
            paragraphs.append(Span(start, start + len(block), "paragraph", attrs={"index": index}))
        pos = start + len(block)
    body = [Span(paragraphs[0].start, paragraphs[-1].end, "body")]
    return Document(text, metadata={"language": lang}, layers={"paragraphs": paragraphs, "body": body})


@pytest.fixture(scope="session")
def analyze() -> Callable[[str, str], Document]:
    from unspun.analyzers.actors import ActorsAnalyzer
    from unspun.analyzers.entities import EntitiesAnalyzer
    from unspun.analyzers.segmentation import SegmentationAnalyzer

    stages = [SegmentationAnalyzer(), EntitiesAnalyzer(), ActorsAnalyzer()]

    def run(text: str, lang: str = "en") -> Document:
        doc = _make_doc(text, lang)
        for stage in stages:
            doc = stage(doc)
        return doc

    return run


@pytest.fixture(scope="session")
def make_doc() -> Callable[..., Document]:
    """Build a Document: body = the whole text, one paragraph per blank-line-separated block."""
    return _make_doc
