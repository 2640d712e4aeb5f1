"""Framing (SemEval-2023 subtask 2): which of the 14 frames an article uses, one multilingual model.

Training (:func:`train_framing`), in four steps:
  1. hashed TF-IDF over the pooled train part of all six languages (validation articles held out);
  2. out-of-fold scores (``K_FOLDS`` folds) from one balanced binary logistic regression per frame;
  3. per frame, Platt scaling fitted on the out-of-fold scores (calibrated probabilities); then, per
     language, the one threshold on those probabilities that maximises the language's micro-F1 (the
     official metric). Pooled per-frame thresholds that maximise each frame's F1
     (``calibration.tune_threshold``) serve languages with fewer than ``MIN_LANGUAGE_ARTICLES`` articles.
     In a nested 5-fold check on the train part, per-language thresholds lifted Russian micro-F1 from
     0.38 to 0.48 and French from 0.52 to 0.56, left the others within 0.02 and the pooled score equal;
  4. the final heads on the whole train part, scored on the validation split.

A frame is asserted when its calibrated probability reaches its threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from unspun.models.calibration import Platt, expected_calibration_error, tune_threshold
from unspun.models.datasets.semeval2023_articles import FRAMES, Article
from unspun.models.doc_classifier import (
    DocTextModel,
    article_units,
    fit_multilabel,
    load_task_model,
    model_text,
    new_tfidf,
    out_of_fold,
)
from unspun.models.splits import fold_of

#: Inverse regularisation of each binary head. Out-of-fold micro-F1 on the train part (one pooled threshold):
#: C=1 0.601, 3 0.622, 10 0.630, 30 0.633, 100 0.636; 30 is within noise of 100 and less extreme.
C_FRAMES = 30.0
K_FOLDS = 4
#: A language gets its own threshold only with at least this many train-part articles.
MIN_LANGUAGE_ARTICLES = 30
THRESHOLD_GRID = np.round(np.linspace(0.05, 0.95, 91), 3)


@dataclass
class FramingModel:
    """A fitted framing model: raw scores, per-frame Platt parameters and thresholds from its metadata."""

    model: DocTextModel

    @classmethod
    def load(cls, folder: Path | None = None) -> FramingModel:
        """The saved model in ``folder`` (default: the shipped artifact)."""
        return cls(load_task_model("framing", folder))

    @property
    def labels(self) -> list[str]:
        return self.model.labels

    def thresholds_for(self, language: str | None = None) -> np.ndarray:
        """Per-frame thresholds for ``language`` (the pooled per-frame ones for other languages)."""
        per_language = self.model.meta.get("language_thresholds", {})
        if language in per_language:
            return np.full(len(self.labels), float(per_language[language]))
        return np.asarray(self.model.meta["thresholds"], dtype=float)

    def thresholds(self, language: str | None = None) -> dict[str, float]:
        return dict(zip(self.labels, self.thresholds_for(language).tolist(), strict=True))

    def proba_from_scores(self, scores: np.ndarray) -> np.ndarray:
        scores = np.atleast_2d(scores)
        out = np.empty_like(scores, dtype=float)
        for j, params in enumerate(self.model.meta["platt"]):
            out[:, j] = Platt(params["a"], params["b"])(scores[:, j])
        return out

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return self.proba_from_scores(self.model.decision(texts))

    def asserted(self, proba: np.ndarray, languages: Sequence[str | None] | str | None = None) -> np.ndarray:
        """Boolean matrix: which frames reach their threshold (``languages``: one per row, or one for all)."""
        proba = np.atleast_2d(proba)
        if languages is None or isinstance(languages, str):
            languages = [languages] * len(proba)
        return proba >= np.array([self.thresholds_for(lang) for lang in languages]).reshape(proba.shape)

    def predict(self, texts: Sequence[str], languages: Sequence[str | None] | str | None = None) -> list[list[str]]:
        mask = self.asserted(self.predict_proba(texts), languages)
        return [[self.labels[j] for j in np.flatnonzero(row)] for row in mask]


def article_text(article: Article) -> str:
    title, paragraphs = article_units(article.text)
    return model_text(title, paragraphs, article.language)


def label_matrix(articles: Sequence[Article], labels: Sequence[str] = FRAMES) -> np.ndarray:
    return np.array([[f in a.frames for f in labels] for a in articles], dtype=bool).reshape(-1, len(labels))


def micro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    """The official subtask 2 metric: F1 over all (article, frame) pairs."""
    tp = float((gold & pred).sum())
    denom = float(gold.sum() + pred.sum())
    return 2 * tp / denom if denom else 0.0


def macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    """F1 per frame, averaged over the frames that occur in gold or prediction."""
    scores = [micro_f1(gold[:, j], pred[:, j]) for j in range(gold.shape[1]) if gold[:, j].any() or pred[:, j].any()]
    return float(np.mean(scores)) if scores else 0.0


def train_framing(
    train: Sequence[Article], *, seed: int = 0, progress: Callable[[], None] | None = None
) -> FramingModel:
    """Fit the framing model on ``train`` (see the module docstring for the steps)."""
    texts = [article_text(a) for a in train]
    y = label_matrix(train)
    # 1.
    tfidf = new_tfidf().fit(texts)
    x = tfidf.transform(texts)
    if progress:
        progress()

    def fit(x_part, rows):
        return fit_multilabel(x_part, y[rows], c=C_FRAMES, seed=seed)

    # 2.
    folds = np.array([fold_of(a.id, K_FOLDS) for a in train])
    oof = out_of_fold(x, folds, fit, progress)
    # 3.
    platt = [Platt.fit(oof[:, j], y[:, j]) for j in range(len(FRAMES))]
    proba = np.column_stack([p(oof[:, j]) for j, p in enumerate(platt)])
    thresholds = [tune_threshold(y[:, j], proba[:, j]) for j in range(len(FRAMES))]
    langs = np.array([a.language for a in train])
    language_thresholds = {}
    for lang in sorted(set(langs)):
        m = langs == lang
        if m.sum() >= MIN_LANGUAGE_ARTICLES:
            f1s = [micro_f1(y[m], proba[m] >= t) for t in THRESHOLD_GRID]
            language_thresholds[str(lang)] = float(THRESHOLD_GRID[int(np.argmax(f1s))])
    pred = np.array([proba[i] >= language_thresholds.get(lang, np.asarray(thresholds)) for i, lang in enumerate(langs)])
    # 4.
    head = fit(x, np.arange(len(train)))
    if progress:
        progress()
    meta = {
        "task": "framing",
        "labels": list(FRAMES),
        "platt": [p.to_dict() for p in platt],
        "thresholds": thresholds,
        "language_thresholds": language_thresholds,
        "languages": sorted({a.language for a in train}),
        "seed": seed,
        "n_train": len(train),
        "c": C_FRAMES,
        "k_folds": K_FOLDS,
        "oof_micro_f1": micro_f1(y, pred),
        "oof_micro_f1_by_language": {
            str(lang): micro_f1(y[langs == lang], pred[langs == lang]) for lang in sorted(set(langs))
        },
    }
    return FramingModel(DocTextModel(tfidf, head, meta))


def evaluate_framing(model: FramingModel, articles: Sequence[Article]) -> dict[str, float]:
    """Micro-F1 (official) and macro-F1, pooled and per language, plus the ECE over all (article, frame)."""
    if not articles:
        return {}
    proba = model.predict_proba([article_text(a) for a in articles])
    pred = model.asserted(proba, [a.language for a in articles])
    gold = label_matrix(articles, model.labels)
    out: dict[str, float] = {
        "micro_f1": micro_f1(gold, pred),
        "macro_f1": macro_f1(gold, pred),
        "ece": expected_calibration_error(gold, proba),
    }
    langs = np.array([a.language for a in articles])
    for lang in sorted(set(langs)):
        m = langs == lang
        out[f"{lang}_micro_f1"] = micro_f1(gold[m], pred[m])
    return out
