"""Hashed TF-IDF features and a pruned sparse linear head, both saved without pickle.

Hashing (scikit-learn's HashingVectorizer) needs no vocabulary, so the artifact is only an IDF vector and
the kept weights. Word 1-2-grams and character 2-5-grams sit in separate hash spaces. Weights are pruned to
the largest ``keep`` per label and stored as float16, which keeps a 23-label model to a few MB.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from unspun.models.artifacts import load_arrays, load_json, save_arrays, save_json


@dataclass
class HashedTfidf:
    """Word and character n-gram TF-IDF over hashed features (sublinear tf, l2-normalised)."""

    word_bits: int = 17
    char_bits: int = 17
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    idf_: np.ndarray | None = field(default=None, repr=False)

    @property
    def n_features(self) -> int:
        return 2**self.word_bits + 2**self.char_bits

    def _vectorizers(self):
        from sklearn.feature_extraction.text import HashingVectorizer

        common = {"alternate_sign": False, "norm": None, "lowercase": True, "dtype": np.float32}
        return (
            HashingVectorizer(n_features=2**self.word_bits, ngram_range=self.word_ngrams, **common),
            HashingVectorizer(n_features=2**self.char_bits, analyzer="char_wb", ngram_range=self.char_ngrams, **common),
        )

    def counts(self, texts: list[str]) -> sp.csr_matrix:
        """Raw hashed n-gram counts (before tf scaling, IDF and normalisation)."""
        word, char = self._vectorizers()
        return sp.hstack([word.transform(texts), char.transform(texts)], format="csr")

    def fit(self, texts: list[str]) -> HashedTfidf:
        counts = self.counts(texts)
        df = np.bincount(counts.indices, minlength=self.n_features)
        n = counts.shape[0]
        self.idf_ = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)
        return self

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        if self.idf_ is None:
            raise RuntimeError("HashedTfidf is not fitted")
        x = self.counts(texts)
        x.data = np.log1p(x.data)
        x = x @ sp.diags(self.idf_)
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1 / norms) @ x, dtype=np.float32)

    def fit_transform(self, texts: list[str]) -> sp.csr_matrix:
        return self.fit(texts).transform(texts)

    def config(self) -> dict:
        return {
            "word_bits": self.word_bits,
            "char_bits": self.char_bits,
            "word_ngrams": list(self.word_ngrams),
            "char_ngrams": list(self.char_ngrams),
        }


@dataclass
class SparseLinear:
    """Scores = X @ W.T + b for L labels, with W pruned and kept sparse."""

    weights: sp.csr_matrix  # (L, n_features)
    bias: np.ndarray  # (L,)

    @classmethod
    def from_dense(cls, coef: np.ndarray, intercept: np.ndarray, keep: int = 20000) -> SparseLinear:
        coef = np.atleast_2d(coef)
        rows, cols, vals = [], [], []
        for i, w in enumerate(coef):
            k = min(keep, w.size)
            idx = np.argpartition(-np.abs(w), k - 1)[:k]
            idx = idx[w[idx] != 0]
            rows.append(np.full(idx.size, i))
            cols.append(idx)
            vals.append(w[idx])
        w = sp.csr_matrix(
            (np.concatenate(vals).astype(np.float16).astype(np.float32), (np.concatenate(rows), np.concatenate(cols))),
            shape=coef.shape,
        )
        return cls(w, np.asarray(intercept, dtype=np.float32).ravel())

    def decision_function(self, x: sp.csr_matrix) -> np.ndarray:
        return np.asarray((x @ self.weights.T).toarray()) + self.bias


def save_sparse_text_model(folder: Path, tfidf: HashedTfidf, head: SparseLinear, meta: dict) -> None:
    """Write ``features.json``, ``model.safetensors`` and ``meta.json`` (labels, calibration, thresholds)."""
    w = head.weights.tocoo()
    save_arrays(
        folder / "model.safetensors",
        {
            "idf": tfidf.idf_.astype(np.float16),
            "w_row": w.row.astype(np.uint8 if head.weights.shape[0] <= 256 else np.int32),  # label index
            "w_col": w.col.astype(np.int32),
            "w_val": w.data.astype(np.float16),
            "bias": head.bias.astype(np.float32),
        },
    )
    save_json(folder / "features.json", tfidf.config())
    save_json(folder / "meta.json", meta)


def load_sparse_text_model(folder: Path) -> tuple[HashedTfidf, SparseLinear, dict]:
    cfg = load_json(folder / "features.json")
    arr = load_arrays(folder / "model.safetensors")
    tfidf = HashedTfidf(
        word_bits=cfg["word_bits"],
        char_bits=cfg["char_bits"],
        word_ngrams=tuple(cfg["word_ngrams"]),
        char_ngrams=tuple(cfg["char_ngrams"]),
        idf_=arr["idf"].astype(np.float32),
    )
    n_labels = arr["bias"].shape[0]
    w = sp.csr_matrix(
        (arr["w_val"].astype(np.float32), (arr["w_row"], arr["w_col"])), shape=(n_labels, tfidf.n_features)
    )
    return tfidf, SparseLinear(w, arr["bias"]), load_json(folder / "meta.json")
