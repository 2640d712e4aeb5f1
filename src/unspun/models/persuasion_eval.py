"""Scoring a persuasion model on the validation split: paragraph F1 per language, ECE and span F1."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from unspun.models.calibration import expected_calibration_error
from unspun.models.datasets.semeval2023_paragraphs import LANGUAGES, Article
from unspun.models.persuasion import PersuasionModel, paragraph_rows, split_of
from unspun.models.persuasion_scoring import paragraph_f1, span_prf


def validation_articles(articles: Sequence[Article]) -> list[Article]:
    return [a for a in articles if split_of(a.id) == "validation"]


def evaluate(
    model: PersuasionModel,
    articles: Sequence[Article],
    *,
    languages: Sequence[str] = LANGUAGES,
    spans: bool = True,
    progress: Callable[[str], None] | None = None,
) -> dict[str, float]:
    """Official paragraph micro/macro-F1 per language and pooled, ECE, and span overlap F1.

    ``articles`` are scored as given: pass ``validation_articles(...)`` for the validation split.
    """
    out: dict[str, float] = {}
    all_y, all_p, all_pred = [], [], []
    gold_spans: list[tuple[str, str, int, int]] = []
    pred_spans: list[tuple[str, str, int, int]] = []
    for lang in languages:
        arts = [a for a in articles if a.language == lang]
        rows = paragraph_rows(arts, model.techniques)
        if not rows.texts:
            continue
        if progress:
            progress(f"{lang}: {len(rows.texts)} paragraphs")
        p, pred = model.predict(rows.texts, lang)
        scores = paragraph_f1(rows.y, pred)
        out[f"{lang}_micro_f1"] = scores["micro_f1"]
        out[f"{lang}_macro_f1"] = scores["macro_f1"]
        out[f"{lang}_ece"] = expected_calibration_error(rows.y, p)
        out[f"{lang}_paragraphs"] = len(rows.texts)
        all_y.append(rows.y)
        all_p.append(p)
        all_pred.append(pred)
        if spans:
            lang_gold, lang_pred = _spans(model, arts, lang, pred)
            s = span_prf(lang_gold, lang_pred)
            out[f"{lang}_span_f1"] = s["f1"]
            out[f"{lang}_span_precision"] = s["precision"]
            out[f"{lang}_span_recall"] = s["recall"]
            # SemEval-2020 SI style: where is persuasion at all, whatever the technique
            si = span_prf(_any(lang_gold), _any(lang_pred))
            out[f"{lang}_si_f1"] = si["f1"]
            out[f"{lang}_si_precision"] = si["precision"]
            out[f"{lang}_si_recall"] = si["recall"]
            gold_spans += lang_gold
            pred_spans += lang_pred
    if all_y:
        y, p, pred = np.vstack(all_y), np.vstack(all_p), np.vstack(all_pred)
        pooled = paragraph_f1(y, pred)
        out["all_micro_f1"], out["all_macro_f1"] = pooled["micro_f1"], pooled["macro_f1"]
        out["ece"] = expected_calibration_error(y, p)
        # calibration where it matters: among paragraph-technique pairs the model gives at least 0.1
        hi = p >= 0.1
        out["ece_above_0.1"] = expected_calibration_error(y[hi], p[hi]) if hi.any() else 0.0
    if spans and gold_spans:
        out["all_span_f1"] = span_prf(gold_spans, pred_spans)["f1"]
        out["all_si_f1"] = span_prf(_any(gold_spans), _any(pred_spans))["f1"]
    return out


def _any(spans: list[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
    """The spans with their technique erased (for the technique-agnostic SI score)."""
    return [(d, "*", s, e) for d, _, s, e in spans]


def _spans(model: PersuasionModel, arts: Sequence[Article], lang: str, pred: np.ndarray):
    gold, predicted = [], []
    i = 0
    for a in arts:
        gold += [(a.id, s.technique, s.start, s.end) for s in a.spans]
        for para in a.paragraphs:
            js = [int(j) for j in np.flatnonzero(pred[i])]
            for j, s, e, _ in model.locate(para.text, lang, js):
                predicted.append((a.id, model.techniques[j], para.start + s, para.start + e))
            i += 1
    return gold, predicted
