"""Article-level text classifiers (genre, framing): one hashed TF-IDF, one sparse linear head, and evidence.

Both SemEval-2023 subtask 1 (genre) and subtask 2 (framing) classify a whole article from its text. One
multilingual model is trained on the pooled languages; a language token (``xxlangen``) lets the head learn a
per-language prior while character n-grams carry what transfers between languages (names, cognates, digits,
quotation marks).

Evidence is an exact decomposition of the linear score: a document feature's contribution ``w_f * x_f`` is
shared among the paragraphs in proportion to how often the feature occurs in each. The contributions of all
paragraphs plus the title (and a small remainder for n-grams that cross paragraph boundaries) add up to the
score minus the bias.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from unspun.models.sparse_linear import HashedTfidf, SparseLinear, load_sparse_text_model, save_sparse_text_model

#: Hash space sizes: 2**16 word and 2**16 character buckets keep training to minutes on one core and the
#: idf vector to 256 kB; 2**17 measured no better on the validation split.
WORD_BITS = 16
CHAR_BITS = 16
#: Largest weights kept per label (float16): about 200 kB per label on disk.
KEEP_WEIGHTS = 20000
LANGUAGE_TOKEN = "xxlang{}"


def model_text(title: str, paragraphs: Sequence[str], language: str) -> str:
    """The text the model reads: a language token, the title and the paragraphs, one per line."""
    return "\n".join([LANGUAGE_TOKEN.format(language), title, *paragraphs])


def article_units(text: str) -> tuple[str, list[str]]:
    """Title and paragraphs of an organisers' article file (line 1 is the title; blank lines separate)."""
    title, _, body = text.partition("\n")
    return title.strip(), [line.strip() for line in body.split("\n") if line.strip()]


@dataclass
class DocTextModel:
    """A fitted hashed TF-IDF, its sparse linear head and the JSON metadata that goes with them."""

    tfidf: HashedTfidf
    head: SparseLinear
    meta: dict = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        return list(self.meta["labels"])

    def features(self, texts: Sequence[str]) -> sp.csr_matrix:
        return self.tfidf.transform(list(texts))

    def decision(self, texts: Sequence[str]) -> np.ndarray:
        """Raw linear scores, shape ``(len(texts), n_labels)``."""
        return self.head.decision_function(self.features(texts))

    def contributions(self, title: str, paragraphs: Sequence[str], language: str) -> tuple[np.ndarray, np.ndarray]:
        """``(scores, per_paragraph)``: the raw scores of one article and each paragraph's additive share,
        shape ``(len(paragraphs), n_labels)`` (the title's share and the bias are left out)."""
        x = self.features([model_text(title, paragraphs, language)])
        scores = self.head.decision_function(x)[0]
        if not paragraphs:
            return scores, np.zeros((0, len(scores)))
        units = [LANGUAGE_TOKEN.format(language), title, *paragraphs]
        counts = self.tfidf.counts(units)
        total = np.asarray(counts.sum(axis=0)).ravel()
        factor = np.zeros_like(total, dtype=np.float32)  # x_f / (count of f over all units)
        dense_x = x.toarray().ravel()
        nz = total > 0
        factor[nz] = dense_x[nz] / total[nz]
        weighted = sp.csr_matrix(counts[2:].multiply(factor.reshape(1, -1)))  # each paragraph's part of x
        per_par = np.asarray((weighted @ self.head.weights.T).toarray())
        return scores, per_par

    def save(self, folder: Path) -> None:
        save_sparse_text_model(folder, self.tfidf, self.head, self.meta)

    @classmethod
    def load(cls, folder: Path) -> DocTextModel:
        tfidf, head, meta = load_sparse_text_model(folder)
        return cls(tfidf, head, meta)


def new_tfidf() -> HashedTfidf:
    return HashedTfidf(word_bits=WORD_BITS, char_bits=CHAR_BITS)


def top_evidence(
    per_paragraph: np.ndarray, ranges: Sequence[tuple[int, int]], column: int, k: int
) -> list[tuple[int, int, float]]:
    """The ``k`` paragraphs that push label ``column`` up most: ``(start, end, weight)``, positive only."""
    if per_paragraph.size == 0:
        return []
    col = per_paragraph[:, column]
    order = np.argsort(-col, kind="stable")[:k]
    return [(ranges[i][0], ranges[i][1], round(float(col[i]), 4)) for i in order if col[i] > 0]


def fit_multiclass(x: sp.csr_matrix, y: np.ndarray, *, c: float, seed: int, n_labels: int) -> SparseLinear:
    """Multinomial logistic regression with balanced class weights, pruned to a :class:`SparseLinear`."""
    from sklearn.linear_model import LogisticRegression

    present = np.unique(y)
    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=seed).fit(x, y)
    coef = np.zeros((n_labels, x.shape[1]), dtype=np.float64)
    bias = np.full(n_labels, -1e4 if len(present) < n_labels else 0.0)
    if len(present) == 2:  # scikit-learn returns one row for two classes
        coef[present[1]], bias[present[1]] = lr.coef_[0], lr.intercept_[0]
        bias[present[0]] = 0.0
    else:
        coef[present], bias[present] = lr.coef_, lr.intercept_
    return SparseLinear.from_dense(coef, bias, keep=KEEP_WEIGHTS)


def fit_multilabel(x: sp.csr_matrix, y: np.ndarray, *, c: float, seed: int) -> SparseLinear:
    """One binary logistic regression per label column of ``y`` (balanced), pruned to a :class:`SparseLinear`."""
    from sklearn.linear_model import LogisticRegression

    coef = np.zeros((y.shape[1], x.shape[1]), dtype=np.float64)
    bias = np.zeros(y.shape[1])
    for j in range(y.shape[1]):
        col = y[:, j].astype(int)
        if col.min() == col.max():  # never (or always) present: a constant score
            bias[j] = 10.0 if col.max() else -10.0
            continue
        lr = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=seed).fit(x, col)
        coef[j], bias[j] = lr.coef_[0], lr.intercept_[0]
    return SparseLinear.from_dense(coef, bias, keep=KEEP_WEIGHTS)


def out_of_fold(x: sp.csr_matrix, folds: np.ndarray, fit, progress=None) -> np.ndarray:
    """Decision scores for every row from a head fitted on the other folds (``fit(x_train, rows) -> head``)."""
    out: np.ndarray | None = None
    for k in np.unique(folds):
        test = folds == k
        head = fit(x[~test], np.flatnonzero(~test))
        scores = head.decision_function(x[test])
        if out is None:
            out = np.zeros((x.shape[0], scores.shape[1]))
        out[test] = scores
        if progress is not None:
            progress()
    assert out is not None
    return out


def load_task_model(task: str, folder: Path | None = None) -> DocTextModel:
    """The saved ``task`` model (``genre`` or ``framing``) from ``folder``, default the shipped artifact."""
    from unspun.errors import ModelError
    from unspun.models.artifacts import artifact_dir, require_files

    folder = Path(folder) if folder is not None else artifact_dir(task)
    require_files(folder, ["features.json", "model.safetensors", "meta.json"], train_command=f"unspun train {task}")
    model = DocTextModel.load(folder)
    if model.meta.get("task") != task:
        found = model.meta.get("task")
        raise ModelError(f"{folder} holds a {found!r} model, not a {task!r} model", hint="check --model")
    return model
