"""Genre: ``labels.genre``, opinion, reporting or satire, with calibrated probabilities and evidence.

Value: ``{"label", "scores", "evidence", "language", "status", "abstain_below"}``. ``scores`` holds the
three calibrated probabilities. ``label`` is the most probable genre, or ``null`` (abstention) when that
probability is below the model's ``abstain_below`` (0.5: no genre is more likely than not). ``evidence``
lists the body paragraphs that push the most probable genre up most (``{"label", "start", "end",
"weight"}``, weight = the paragraph's additive share of the linear score), even when abstaining, so a reader
can see why the model leans one way.

Languages: en, fr, de, it, pl, ru (``doc.metadata["language"]``). Any other or missing language gets
``status: "unsupported_language"``, ``label: null`` and no scores: never English-model output in disguise.
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

#: Paragraphs shown as evidence for the genre.
EVIDENCE_PARAGRAPHS = 3


class GenreAnalyzer(BaseAnalyzer):
    """Classify the article as opinion, reporting or satire."""

    name = "genre"
    requires = ("body", "paragraphs")
    produces = ("labels.genre",)
    version = "2"

    def __init__(self, model_dir: str | Path | None = None) -> None:
        from unspun.models.artifacts import artifact_dir, folder_hash
        from unspun.models.genre import GenreModel as Model

        folder = Path(model_dir) if model_dir is not None else artifact_dir("genre")
        self.model = Model.load(folder)
        self.model_hash = folder_hash(folder)

    def __call__(self, doc: Document) -> Document:
        language = normalise_language(doc.metadata.get("language"))
        ranges = body_paragraphs(doc)
        value: dict = {"label": None, "scores": {}, "evidence": [], "language": language}
        if language not in SUPPORTED_LANGUAGES:
            doc.set_label("genre", {**value, "status": STATUS_UNSUPPORTED})
            return doc
        if not ranges:
            doc.set_label("genre", {**value, "status": STATUS_EMPTY})
            return doc
        paragraphs = [doc.text[s:e] for s, e in ranges]
        scores, per_paragraph = self.model.contributions(title_of(doc), paragraphs, language)
        proba = self.model.proba_from_scores(scores, language)[0]
        labels = self.model.labels
        top = int(proba.argmax())
        abstain_below = float(self.model.model.meta.get("abstain_below", 0.5))
        value.update(
            label=labels[top] if proba[top] >= abstain_below else None,
            scores={g: round(float(p), 4) for g, p in zip(labels, proba, strict=True)},
            evidence=[
                {"label": labels[top], "start": s, "end": e, "weight": w}
                for s, e, w in top_evidence(per_paragraph, ranges, top, EVIDENCE_PARAGRAPHS)
            ],
            status=STATUS_OK,
            abstain_below=abstain_below,
        )
        doc.set_label("genre", value)
        return doc
