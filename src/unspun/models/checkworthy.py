"""Check-worthiness: is this sentence a factual claim worth checking? A calibrated probability.

Model: all-MiniLM-L6-v2 fine-tuned on ClaimBuster two-class train (the part outside validation and
calibration) with a one-logit head on the mean-pooled tokens, exported to ONNX and quantised to int8
(dynamic, onnxruntime). Inference is onnxruntime + ``tokenizers`` (:mod:`unspun.models.encoder_onnx`),
lazy-loaded, one thread by default. Training needs torch (``pip install -e '.[train]'``) and lives in
:mod:`unspun.models.checkworthy_train`.

Threshold policy (as for the other models):
  1. the validation split is carved from train with :func:`unspun.models.splits.is_validation`
     (ClaimBuster by sentence id, CheckThat by debate);
  2. of the rest of ClaimBuster, a calibration part (``fold_of(key, 10) == 0``) is held out of
     fine-tuning; Platt scaling is fitted on the quantised model's logits on it;
  3. the decision threshold maximises F1 of the positive class on the ClaimBuster validation split;
  4. the shipped model never saw the validation split, so the quality gate's figures are held-out figures.

The earlier model (hashed TF-IDF + sparse logistic regression, F1 0.766) is described in docs/claims.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from unspun.errors import ConfigError
from unspun.models.artifacts import artifact_dir, load_json, require_files, save_json
from unspun.models.calibration import Platt, expected_calibration_error
from unspun.models.datasets import checkthat, claimbuster
from unspun.models.datasets.claimbuster import LabelledSentence
from unspun.models.encoder_onnx import DEFAULT_MAX_LENGTH, MODEL_FILE, TOKENIZER_FILE, OnnxTextScorer
from unspun.models.splits import is_validation

NAME = "checkworthy"
META_FILE = "meta.json"
FILES = [MODEL_FILE, TOKENIZER_FILE, META_FILE]
TRAIN_COMMAND = "unspun train checkworthy --data DIR --seed 0 --out src/unspun/models/artifacts/checkworthy"


@dataclass
class CheckworthyModel:
    """An ONNX sentence scorer + Platt calibration + a tuned decision threshold."""

    scorer: OnnxTextScorer | None = field(default=None, repr=False)
    platt_: Platt = field(default_factory=Platt)
    threshold_: float = 0.5
    meta_: dict = field(default_factory=dict, repr=False)

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        """The model's raw logit for each text."""
        if self.scorer is None:
            raise ConfigError("CheckworthyModel has no scorer", hint="use CheckworthyModel.load()")
        return self.scorer.logits(texts)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated probability that each text is check-worthy."""
        return self.platt_(self.decision_function(texts))

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """1 where the probability reaches the tuned threshold."""
        return (self.predict_proba(texts) >= self.threshold_).astype(int)

    def save_meta(self, folder: Path) -> Path:
        """Write calibration, threshold and the rest of ``meta_`` to ``folder/meta.json``."""
        meta = {
            **self.meta_,
            "name": NAME,
            "calibration": self.platt_.to_dict(),
            "threshold": self.threshold_,
        }
        save_json(Path(folder) / META_FILE, meta)
        return Path(folder)

    @classmethod
    def load(cls, folder: Path | None = None, *, threads: int = 1) -> CheckworthyModel:
        """Load a saved model (default: the shipped artifact); the ONNX session starts on first use."""
        folder = require_files(Path(folder) if folder else artifact_dir(NAME), FILES, train_command=TRAIN_COMMAND)
        meta = load_json(folder / META_FILE)
        if not isinstance(meta, dict) or "threshold" not in meta:
            raise ConfigError(f"{folder / META_FILE} has no threshold", hint=f"retrain: {TRAIN_COMMAND}")
        cal = meta.get("calibration", {})
        scorer = OnnxTextScorer(folder, max_length=int(meta.get("max_length", DEFAULT_MAX_LENGTH)), threads=threads)
        return cls(
            scorer=scorer,
            platt_=Platt(float(cal.get("a", 1.0)), float(cal.get("b", 0.0))),
            threshold_=float(meta["threshold"]),
            meta_=meta,
        )


# -- data and metrics -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Splits:
    train: list[LabelledSentence]
    valid_claimbuster: list[LabelledSentence]
    valid_checkthat: list[LabelledSentence]


def load_splits(data_dir: Path, *, use_checkthat: bool = True) -> Splits:
    """Train (everything not in validation) and the two validation parts, carved from the train files."""
    cb = claimbuster.load_train(data_dir)
    ct = checkthat.load_train(data_dir) if use_checkthat else []
    return Splits(
        train=[s for s in cb + ct if not is_validation(s.key)],
        valid_claimbuster=[s for s in cb if is_validation(s.key)],
        valid_checkthat=[s for s in ct if is_validation(s.key)],
    )


def binary_metrics(y: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, float]:
    """Precision, recall and F1 of the positive class, ECE and positive rate."""
    y = np.asarray(y).astype(bool)
    pred = np.asarray(p) >= threshold
    tp = float((pred & y).sum())
    precision = tp / pred.sum() if pred.sum() else 0.0
    recall = tp / y.sum() if y.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "f1": float(f1),
        "precision": float(precision),
        "recall": float(recall),
        "ece": expected_calibration_error(y, p),
        "n": float(y.size),
    }


def mean_average_precision(groups: Sequence[str], y: np.ndarray, p: np.ndarray) -> float:
    """CheckThat's official measure: average precision of the ranking within each group, averaged."""
    groups_arr = np.asarray(groups)
    aps: list[float] = []
    for g in dict.fromkeys(groups_arr.tolist()):
        mask = groups_arr == g
        yg, pg = np.asarray(y)[mask].astype(bool), np.asarray(p)[mask]
        if not yg.any():
            continue
        order = np.argsort(-pg, kind="stable")
        hits = yg[order]
        ranks = np.flatnonzero(hits) + 1
        aps.append(float(np.mean(np.arange(1, len(ranks) + 1) / ranks)))
    return float(np.mean(aps)) if aps else 0.0


def evaluate_model(model: CheckworthyModel, splits: Splits) -> dict[str, float]:
    """Validation figures of ``model``: ClaimBuster F1/ECE at the model's threshold; CheckThat MAP (per
    debate, the official measure) and the average precision of all its validation sentences ranked together
    (steadier: one debate with a single check-worthy sentence can move MAP by 0.07)."""
    vc = splits.valid_claimbuster
    p = model.predict_proba([s.text for s in vc])
    y = np.array([s.label for s in vc])
    out = {f"claimbuster_{k}": v for k, v in binary_metrics(y, p, model.threshold_).items()}
    if splits.valid_checkthat:
        vt = splits.valid_checkthat
        pt = model.predict_proba([s.text for s in vt])
        yt = np.array([s.label for s in vt])
        out["checkthat_map"] = mean_average_precision([s.key for s in vt], yt, pt)
        out["checkthat_pooled_ap"] = mean_average_precision(["all"] * len(vt), yt, pt)
    return out
