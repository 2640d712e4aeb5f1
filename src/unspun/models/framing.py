"""Framing (SemEval-2023 subtask 2): which of the 14 frames an article uses, one multilingual model.

Training (:func:`train_framing`), in four steps:
  1. hashed TF-IDF over the pooled train part of all six languages (validation articles held out);
  2. out-of-fold scores (``K_FOLDS`` folds) from one balanced binary logistic regression per frame;
  3. per frame, Platt scaling fitted on the out-of-fold scores (calibrated probabilities) and the threshold
     on those probabilities that maximises the frame's F1 (``calibration.tune_threshold``; frames with
     fewer than five positives keep the fallback threshold);
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

#: Inverse regularisation of each binary head; 10 scored best of 1/3/10/30 in out-of-fold micro-F1.
C_FRAMES = 10.0
K_FOLDS = 4


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

    @property
    def thresholds(self) -> dict[str, float]:
        return dict(zip(self.labels, self.model.meta["thresholds"], strict=True))

    def proba_from_scores(self, scores: np.ndarray) -> np.ndarray:
        scores = np.atleast_2d(scores)
        out = np.empty_like(scores, dtype=float)
        for j, params in enumerate(self.model.meta["platt"]):
            out[:, j] = Platt(params["a"], params["b"])(scores[:, j])
        return out

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return self.proba_from_scores(self.model.decision(texts))

    def assert_labels(self, proba: np.ndarray) -> list[list[str]]:
        t = np.asarray(self.model.meta["thresholds"])
        return [[self.labels[j] for j in np.flatnonzero(row >= t)] for row in np.atleast_2d(proba)]

    def predict(self, texts: Sequence[str]) -> list[list[str]]:
        return self.assert_labels(self.predict_proba(texts))


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
    pred = proba >= np.asarray(thresholds)
    langs = np.array([a.language for a in train])
    # 4.
    head = fit(x, np.arange(len(train)))
    if progress:
        progress()
    meta = {
        "task": "framing",
        "labels": list(FRAMES),
        "platt": [p.to_dict() for p in platt],
        "thresholds": thresholds,
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
    pred = proba >= np.asarray(model.model.meta["thresholds"])
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
