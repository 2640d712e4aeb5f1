"""Framing: ``labels.frames``, the SemEval-2023 frames an article uses, calibrated, with evidence.

Value: ``{"labels", "scores", "thresholds", "evidence", "language", "status"}``. ``scores`` holds the
calibrated probability of all 14 frames, ``thresholds`` the threshold applied to each frame (tuned out-of-fold
on the training data: one per language for the six supported languages); ``labels`` lists the frames whose
probability reaches their threshold, most probable first. ``evidence`` gives, for each asserted frame, the
body paragraphs that push its score up most (``{"frame", "start", "end", "weight"}``, weight = the paragraph's
additive share of the linear score).

Languages: en, fr, de, it, pl, ru (``doc.metadata["language"]``). Any other or missing language gets
``status: "unsupported_language"`` with no labels and no scores.
"""

from __future__ import annotations

from pathlib import Path

from unspun.analyzers.doc_labels import (
    STATUS_EMPTY,
    STATUS_OK,
    STATUS_UNSUPPORTED,
    SUPPORTED_LANGUAGES,
    body_paragraphs,
    normalise_language,
    title_of,
)
from unspun.document import Document
from unspun.models.doc_classifier import top_evidence
from unspun.pipeline import BaseAnalyzer

#: Paragraphs shown as evidence for each asserted frame.
EVIDENCE_PARAGRAPHS = 2


class FramingAnalyzer(BaseAnalyzer):
    """Find the frames (economic, security and defence, political, ...) an article uses."""

    name = "framing"
    requires = ("body", "paragraphs")
    produces = ("labels.frames",)
    version = "1"

    def __init__(self, model_dir: str | Path | None = None) -> None:
        from unspun.models.artifacts import artifact_dir, folder_hash
        from unspun.models.framing import FramingModel as Model

        folder = Path(model_dir) if model_dir is not None else artifact_dir("framing")
        self.model = Model.load(folder)
        self.model_hash = folder_hash(folder)

    def __call__(self, doc: Document) -> Document:
        language = normalise_language(doc.metadata.get("language"))
        ranges = body_paragraphs(doc)
        value: dict = {"labels": [], "scores": {}, "thresholds": {}, "evidence": [], "language": language}
        if language not in SUPPORTED_LANGUAGES:
            doc.set_label("frames", {**value, "status": STATUS_UNSUPPORTED})
            return doc
        if not ranges:
            doc.set_label("frames", {**value, "status": STATUS_EMPTY})
            return doc
        paragraphs = [doc.text[s:e] for s, e in ranges]
        scores, per_paragraph = self.model.model.contributions(title_of(doc), paragraphs, language)
        proba = self.model.proba_from_scores(scores)[0]
        frames = self.model.labels
        thresholds = self.model.thresholds(language)
        asserted = sorted((j for j, f in enumerate(frames) if proba[j] >= thresholds[f]), key=lambda j: -proba[j])
        value.update(
            labels=[frames[j] for j in asserted],
            scores={f: round(float(p), 4) for f, p in zip(frames, proba, strict=True)},
            thresholds={f: round(float(t), 4) for f, t in thresholds.items()},
            evidence=[
                {"frame": frames[j], "start": s, "end": e, "weight": w}
                for j in asserted
                for s, e, w in top_evidence(per_paragraph, ranges, j, EVIDENCE_PARAGRAPHS)
            ],
            status=STATUS_OK,
        )
        doc.set_label("frames", value)
        return doc
