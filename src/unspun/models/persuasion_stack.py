"""Stacked calibration: the paragraph score of a technique combined with the span tagger's evidence for it.

A paragraph holding a word the span tagger is confident about (a confident Loaded-language word, say) is more
likely to use the technique than its n-gram score alone says. Per technique a small logistic regression
maps ``[paragraph score, evidence..., one indicator per language but English]`` to a calibrated probability.
Evidence columns (``EVIDENCE``): ``top3``, the logit of the mean of the 3 highest localisation probabilities
of the technique; ``detect_max``, the logit of the highest probability of the span tagger's detector head.
Each variant in ``VARIANTS`` is a stack over some of them. A stack is fitted on the calibration split (the
paragraph head and the span tagger never saw it); its thresholds are tuned on 5-fold out-of-fold
probabilities of the same split, so they are not tuned on the points the regression was fitted to.

Per language, a variant is eligible only where, out-of-fold on the calibration split, it beats plain Platt
scaling on micro-F1 *and* its ECE over the pairs scored >= 0.1 is no worse than Platt's or within the
issue's target (``ECE_TARGET``); of the eligible variants the one with the best out-of-fold micro-F1 is used,
and a language with none keeps Platt scaling and its thresholds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from unspun.models.calibration import FALLBACK_THRESHOLD, Platt, expected_calibration_error, tune_threshold
from unspun.models.persuasion_scoring import paragraph_f1

TOP_TOKENS = 3
STACK_C = 1.0  # among 0.1, 0.3, 1: best pooled out-of-fold micro-F1 on the calibration split
FOLDS = 5
EPS = 1e-6
EVIDENCE = ("top3", "detect_max")
# name -> evidence columns; "span" is the stack of 2026-12-01, "span+detector" adds the detector head
VARIANTS = {"span": ("top3",), "span+detector": ("top3", "detect_max")}
ECE_TARGET = 0.05  # issue #7: ECE <= 0.05


def span_evidence(token_probs: np.ndarray, n_techniques: int, detect: np.ndarray | None = None) -> np.ndarray:
    """``(techniques, len(EVIDENCE))``: the mean of the ``TOP_TOKENS`` highest localisation probabilities and
    the highest detector probability per technique (zeros for an empty paragraph or without a detector)."""
    out = np.zeros((n_techniques, len(EVIDENCE)))
    if token_probs.shape[0] == 0:
        return out
    k = min(TOP_TOKENS, token_probs.shape[0])
    out[:, 0] = np.sort(token_probs, axis=0)[-k:].mean(axis=0)
    if detect is not None:
        out[:, 1] = detect.max(axis=0)
    return out


def _logit(p: np.ndarray) -> np.ndarray:
    return np.log(p + EPS) - np.log1p(-p + EPS)


def _columns(evidence: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """The ``names`` columns of ``(rows, techniques, len(EVIDENCE))`` evidence; a 2-D array is ``top3`` alone."""
    if evidence.ndim == 2:
        if tuple(names) != ("top3",):
            raise ValueError(f"2-D evidence holds top3 only, not {names}")
        return evidence[:, :, None]
    return evidence[:, :, [EVIDENCE.index(n) for n in names]]


def design(
    z: np.ndarray,
    evidence: np.ndarray,
    languages: Sequence[str],
    all_languages: Sequence[str],
    names: Sequence[str] = ("top3",),
) -> np.ndarray:
    """``(rows, techniques, features)`` stacker inputs: score, the ``names`` evidence columns, indicators."""
    rows, t = z.shape
    lang = np.array(languages)
    ind = np.zeros((rows, len(all_languages) - 1))
    for i, code in enumerate(all_languages[1:]):
        ind[:, i] = lang == code
    ind = np.broadcast_to(ind.reshape(rows, 1, -1), (rows, t, len(all_languages) - 1))
    return np.concatenate([z[:, :, None], _logit(_columns(evidence, names)), ind], axis=2)


@dataclass
class Stack:
    """Per-technique logistic regression over :func:`design` features."""

    coef: np.ndarray  # (techniques, features)
    bias: np.ndarray  # (techniques,)
    languages: tuple[str, ...]  # the first is the reference language (no indicator)
    evidence: tuple[str, ...] = ("top3",)  # evidence columns, among ``EVIDENCE``

    def __call__(self, z: np.ndarray, evidence: np.ndarray, language: str) -> np.ndarray:
        x = design(z, evidence, [language] * len(z), self.languages, self.evidence)
        return 1.0 / (1.0 + np.exp(-(np.einsum("rtf,tf->rt", x, self.coef) + self.bias)))

    def to_dict(self) -> dict:
        return {
            "coef": self.coef.tolist(),
            "bias": self.bias.tolist(),
            "languages": list(self.languages),
            "evidence": list(self.evidence),
        }

    @classmethod
    def from_dict(cls, d: dict) -> Stack:
        return cls(
            np.asarray(d["coef"], dtype=float),
            np.asarray(d["bias"], dtype=float),
            tuple(d["languages"]),
            tuple(d.get("evidence", ("top3",))),
        )


def _fit_columns(x: np.ndarray, y: np.ndarray, c: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    t, f = x.shape[1], x.shape[2]
    coef, bias = np.zeros((t, f)), np.full(t, -10.0)
    for j in range(t):
        if y[:, j].min() == y[:, j].max():
            continue
        lr = LogisticRegression(C=c, max_iter=1000, random_state=seed).fit(x[:, j], y[:, j])
        coef[j], bias[j] = lr.coef_[0], lr.intercept_[0]
    return coef, bias


def _apply(x: np.ndarray, coef: np.ndarray, bias: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(np.einsum("rtf,tf->rt", x, coef) + bias)))


def tune_thresholds(
    y: np.ndarray,
    p: np.ndarray,
    languages: np.ndarray,
    all_languages: Sequence[str],
    min_lang_positives: int,
    shrink: float | Mapping[str, float] = 1.0,
) -> dict[str, list[float]]:
    """Per-technique thresholds over all rows (``"*"``), and per language where it has enough positives.

    With ``shrink`` < 1 each threshold is moved toward its table's shared threshold (:func:`shared_threshold`
    over the same rows), in log-odds: ``logit t = shrink * logit own + (1 - shrink) * logit shared`` (see
    ``persuasion.THRESHOLD_SHRINK``). A
    mapping gives the shrink per table (language, or ``"*"``); a table it does not name takes ``"*"``'s.
    """
    t = y.shape[1]
    glob = [tune_threshold(y[:, j], p[:, j], fallback=FALLBACK_THRESHOLD) for j in range(t)]
    out: dict[str, list[float]] = {"*": glob}
    for lang in all_languages:
        m = languages == lang
        out[lang] = [
            tune_threshold(y[m, j], p[m, j], fallback=glob[j]) if y[m, j].sum() >= min_lang_positives else glob[j]
            for j in range(t)
        ]
    for key in out:
        w = shrink.get(key, shrink.get("*", 1.0)) if isinstance(shrink, Mapping) else shrink
        m = np.ones(len(y), dtype=bool) if key == "*" else languages == key
        if w == 1.0 or not m.any():
            continue
        shared = _logit(np.array(shared_threshold(y[m], p[m])))
        own = _logit(np.asarray(out[key]))
        out[key] = [float(round(t, 4)) for t in 1.0 / (1.0 + np.exp(-(w * own + (1 - w) * shared)))]
    return out


def shared_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The one threshold for every technique that maximises micro-F1 over ``(rows, techniques)``: the F1-optimal
    threshold of all pairs pooled (``calibration.tune_threshold``). For calibrated probabilities it sits near
    half the attainable micro-F1, well above the per-technique F1-optimal thresholds of rare techniques."""
    return tune_threshold(np.ravel(y), np.ravel(p), fallback=FALLBACK_THRESHOLD)


def _micro_by_language(y, p, languages, thresholds, all_languages) -> dict[str, float]:
    out = {}
    for lang in all_languages:
        m = languages == lang
        if m.any():
            out[lang] = paragraph_f1(y[m], p[m] >= np.asarray(thresholds[lang]))["micro_f1"]
    return out


def _ece_above(y: np.ndarray, p: np.ndarray, floor: float = 0.1) -> float:
    hi = p >= floor
    return expected_calibration_error(y[hi], p[hi]) if hi.any() else 0.0


@dataclass
class StackFit:
    stack: Stack
    thresholds: dict[str, list[float]]
    languages: list[str]  # the languages where the stack is eligible (see the module docstring)
    report: dict[str, float]  # out-of-fold micro-F1 and ECE (pairs >= 0.1) per language, plain and stacked


def fit_stack(
    z: np.ndarray,
    evidence: np.ndarray,
    y: np.ndarray,
    languages: np.ndarray,
    folds: np.ndarray,
    all_languages: Sequence[str],
    *,
    min_lang_positives: int,
    c: float = STACK_C,
    seed: int = 0,
    names: Sequence[str] = ("top3",),
    shrink: float | Mapping[str, float] = 1.0,
) -> StackFit:
    """Fit the stack over the ``names`` evidence columns on all rows, tune its thresholds out-of-fold, and
    pick the languages where it is eligible.

    ``folds`` assigns each row (by article) to one of ``FOLDS`` folds. The eligibility compares stack and
    Platt scaling with per-technique thresholds; the thresholds returned are shrunk by ``shrink`` (see
    :func:`tune_thresholds`).
    """
    x = design(z, evidence, list(languages), all_languages, names)
    p_stack, p_plain = np.zeros(y.shape), np.zeros(y.shape)
    for k in range(FOLDS):
        tr, te = folds != k, folds == k
        if not te.any():
            continue
        coef, bias = _fit_columns(x[tr], y[tr], c, seed)
        p_stack[te] = _apply(x[te], coef, bias)
        for j in range(y.shape[1]):
            p_plain[te, j] = Platt.fit(z[tr, j], y[tr, j])(z[te, j])
    t_stack = tune_thresholds(y, p_stack, languages, all_languages, min_lang_positives)
    t_plain = tune_thresholds(y, p_plain, languages, all_languages, min_lang_positives)
    f_stack = _micro_by_language(y, p_stack, languages, t_stack, all_languages)
    f_plain = _micro_by_language(y, p_plain, languages, t_plain, all_languages)
    report: dict[str, float] = {}
    use = []
    for lang in f_stack:
        m = languages == lang
        e_stack, e_plain = _ece_above(y[m], p_stack[m]), _ece_above(y[m], p_plain[m])
        report |= {
            f"{lang}_oof_micro_f1_plain": f_plain[lang],
            f"{lang}_oof_micro_f1_stacked": f_stack[lang],
            f"{lang}_oof_ece_above_0.1_plain": e_plain,
            f"{lang}_oof_ece_above_0.1_stacked": e_stack,
        }
        if f_stack[lang] > f_plain[lang] and e_stack <= max(e_plain, ECE_TARGET):
            use.append(lang)
    if shrink != 1.0:  # a float or a mapping; 1.0 keeps the thresholds tuned above
        t_stack = tune_thresholds(y, p_stack, languages, all_languages, min_lang_positives, shrink)
    coef, bias = _fit_columns(x, y, c, seed)
    return StackFit(Stack(coef, bias, tuple(all_languages), tuple(names)), t_stack, use, report)
