"""Official-style scores for persuasion techniques.

Paragraph level (SemEval-2023 Task 3 subtask 3): micro- and macro-F1 over the paragraph × technique matrix,
as the organisers' scorer computes them (scikit-learn's ``f1_score`` on multi-label binarised gold and
predictions over the full technique list; a technique with no gold and no prediction scores 0 in the macro
average). Span level (SemEval-2020 Task 11 style): precision and recall give partial credit for overlap,
``C(s, t, h) = |s ∩ t| / h`` when ``s`` and ``t`` carry the same technique, summed over pairs; F1 is their
harmonic mean; each span's credit is capped at 1.
Written out in numpy because the organisers' scorers are scripts, not an importable package.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def paragraph_f1(gold: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    """``micro_f1`` and ``macro_f1`` of boolean ``(paragraphs, techniques)`` matrices."""
    gold = np.asarray(gold, dtype=bool)
    pred = np.asarray(pred, dtype=bool)
    tp = (gold & pred).sum(axis=0).astype(float)
    fp = (~gold & pred).sum(axis=0).astype(float)
    fn = (gold & ~pred).sum(axis=0).astype(float)
    denom = 2 * tp + fp + fn
    per = np.divide(2 * tp, denom, out=np.zeros_like(tp), where=denom > 0)
    micro_denom = denom.sum()
    return {
        "micro_f1": float(2 * tp.sum() / micro_denom) if micro_denom else 0.0,
        "macro_f1": float(per.mean()) if per.size else 0.0,
    }


def span_prf(
    gold: Sequence[tuple[str, str, int, int]], pred: Sequence[tuple[str, str, int, int]]
) -> dict[str, float]:
    """Overlap precision, recall and F1 of ``(doc, technique, start, end)`` spans, technique-aware."""
    by_key: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for d, t, s, e in gold:
        by_key.setdefault((d, t), []).append((s, e))

    def credit(spans_a, spans_b_lookup) -> float:
        total = 0.0
        for d, t, s, e in spans_a:
            got = 0.0
            for gs, ge in spans_b_lookup.get((d, t), ()):
                inter = min(e, ge) - max(s, gs)
                if inter > 0:
                    got += inter / (e - s)
            total += min(got, 1.0)  # overlapping spans of one technique never earn more than full credit
        return total

    pred_lookup: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for d, t, s, e in pred:
        pred_lookup.setdefault((d, t), []).append((s, e))
    precision = credit(pred, by_key) / len(pred) if pred else 0.0
    # recall: for each gold span, overlap with predictions divided by the gold span's length
    recall = credit(gold, pred_lookup) / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
