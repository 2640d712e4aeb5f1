"""Persuasion techniques: the ``techniques`` layer (one span per body paragraph) and ``technique_spans``.

Every body paragraph gets calibrated probabilities for the 23 SemEval-2023 techniques; a technique is
asserted only when its probability reaches the threshold tuned for that technique (and language, where
the data allowed). For each asserted technique the span tagger marks the words that carry it, so the two
layers agree by construction: every evidence span lies in a paragraph that asserts its technique. Each
asserted technique says how many evidence spans it has (``evidence_spans``); when none of its words is
likely enough, it has none and ``evidence_note`` says why (the tuned decoder prefers no span to a guess).

Supported languages: en, fr, de, it, pl, ru (``doc.metadata["language"]``, ISO 639-1; a region suffix such as
``en-GB`` is ignored). Any other or missing language gets ``status: "unsupported_language"`` on every
paragraph, with no scores and no assertions: never English-model output in disguise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from unspun.analyzers.persuasion_taxonomy import BY_ID
from unspun.document import Document, Span
from unspun.pipeline import BaseAnalyzer

STATUS_OK = "ok"
STATUS_UNSUPPORTED = "unsupported_language"
NO_EVIDENCE = (
    "the paragraph-level score passed the threshold but no word reached the span tagger's threshold; "
    "the technique is asserted for the paragraph as a whole"
)


def normalise_language(value: Any) -> str | None:
    """``"en-GB"`` -> ``"en"``; None for missing or non-string values."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().lower().replace("_", "-").split("-")[0]


class PersuasionAnalyzer(BaseAnalyzer):
    """Label body paragraphs with persuasion techniques and highlight the words that carry them."""

    name = "persuasion"
    requires = ("paragraphs",)
    produces = ("techniques", "technique_spans")
    version = "1"

    def __init__(self, model_dir: str | Path | None = None) -> None:
        from unspun.models.persuasion import PersuasionModel

        folder = Path(model_dir) if model_dir is not None else None
        self.model = PersuasionModel.load(folder)
        self.model_hash = PersuasionModel.hash(folder)

    def __call__(self, doc: Document) -> Document:
        paragraphs = [p for p in doc.layer("paragraphs") if p.label == "paragraph"]
        language = normalise_language(doc.metadata.get("language"))
        if language not in self.model.languages:
            doc.set_layer("techniques", [self._unsupported(p, language) for p in paragraphs])
            doc.set_layer("technique_spans", [])
            return doc
        texts = [doc.text[p.start : p.end] for p in paragraphs]
        probs, asserted = self.model.predict(texts, language) if texts else (np.zeros((0, 0)), np.zeros((0, 0)))
        thresholds = self.model.thresholds_for(language)
        names = self.model.techniques
        layer, evidence = [], []
        for i, para in enumerate(paragraphs):
            index = para.attrs.get("index", i)
            js = sorted(np.flatnonzero(asserted[i]).tolist(), key=lambda j: -probs[i, j])
            located = self.model.locate(texts[i], language, js)
            n_spans = {j: sum(1 for k, *_ in located if k == j) for j in js}
            layer.append(
                Span(
                    para.start,
                    para.end,
                    "paragraph",
                    attrs={
                        "techniques": [
                            {
                                "technique": names[j],
                                "category": BY_ID[names[j]]["category"],
                                "score": round(float(probs[i, j]), 4),
                                "threshold": round(float(thresholds[j]), 4),
                                "evidence_spans": n_spans[j],
                            }
                            | ({} if n_spans[j] else {"evidence_note": NO_EVIDENCE})
                            for j in js
                        ],
                        "scores": {t: round(float(probs[i, j]), 4) for j, t in enumerate(names)},
                        "language": language,
                        "status": STATUS_OK,
                    },
                )
            )
            for j, s, e, loc in located:
                evidence.append(
                    Span(
                        para.start + s,
                        para.start + e,
                        names[j],
                        score=round(float(probs[i, j]), 4),
                        attrs={
                            "category": BY_ID[names[j]]["category"],
                            "name": BY_ID[names[j]]["name"],
                            "paragraph": index,
                            "localisation": round(loc, 4),
                        },
                    )
                )
        doc.set_layer("techniques", layer)
        doc.set_layer("technique_spans", evidence)
        return doc

    def _unsupported(self, para: Span, language: str | None) -> Span:
        supported = ", ".join(self.model.languages)
        return Span(
            para.start,
            para.end,
            "paragraph",
            attrs={
                "techniques": [],
                "scores": {},
                "language": language,
                "status": STATUS_UNSUPPORTED,
                "reason": f"no persuasion model for language {language or 'unknown'!r}; supported: {supported}",
            },
        )
