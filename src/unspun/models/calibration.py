"""Probability calibration, threshold tuning and calibration error.

Platt scaling is written out (two parameters, fitted with scikit-learn's LogisticRegression) so that it
serialises to JSON; scikit-learn's CalibratedClassifierCV objects would need pickle.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Threshold used when a label has too few validation positives to tune one; a high bar keeps the model
# abstaining rather than asserting on thin evidence.
FALLBACK_THRESHOLD = 0.5
MIN_POSITIVES_TO_TUNE = 5


@dataclass(frozen=True)
class Platt:
    """p = sigmoid(a * score + b)."""

    a: float = 1.0
    b: float = 0.0

    @classmethod
    def fit(cls, scores: np.ndarray, y: np.ndarray) -> Platt:
        from sklearn.linear_model import LogisticRegression

        y = np.asarray(y).astype(int)
        if y.min() == y.max():  # one class only: keep the scores' own scale
            return cls()
        lr = LogisticRegression(C=1e4).fit(np.asarray(scores).reshape(-1, 1), y)
        return cls(float(lr.coef_[0, 0]), float(lr.intercept_[0]))

    def __call__(self, scores: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(self.a * np.asarray(scores, dtype=float) + self.b)))

    def to_dict(self) -> dict[str, float]:
        return {"a": self.a, "b": self.b}


def expected_calibration_error(y: np.ndarray, p: np.ndarray, n_bins: int = 10) -> float:
    """ECE with equal-width bins over [0, 1] (flattened for multi-label input)."""
    y = np.asarray(y, dtype=float).ravel()
    p = np.asarray(p, dtype=float).ravel()
    if y.size == 0:
        return 0.0
    bins = np.minimum((p * n_bins).astype(int), n_bins - 1)
    ece = 0.0
    for b in range(n_bins):
        mask = bins == b
        if mask.any():
            ece += mask.mean() * abs(p[mask].mean() - y[mask].mean())
    return float(ece)


def tune_threshold(
    y: np.ndarray,
    p: np.ndarray,
    grid: np.ndarray | None = None,
    fallback: float = FALLBACK_THRESHOLD,
) -> float:
    """The threshold on ``p`` that maximises F1 of the positive class; ``fallback`` when data is thin."""
    y = np.asarray(y).astype(bool)
    p = np.asarray(p, dtype=float)
    if y.sum() < MIN_POSITIVES_TO_TUNE:
        return fallback
    grid = np.linspace(0.05, 0.95, 91) if grid is None else grid
    best_t, best_f = fallback, -1.0
    for t in grid:
        pred = p >= t
        tp = float((pred & y).sum())
        f = 2 * tp / (pred.sum() + y.sum()) if (pred.sum() + y.sum()) else 0.0
        if f > best_f:
            best_t, best_f = float(t), f
    return best_t
