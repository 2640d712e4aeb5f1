"""Where in a paragraph a technique sits: a per-technique token tagger over hashed window features.

The paragraph model decides *whether* a paragraph uses a technique; this model decides *which words*. For
each technique a logistic regression is trained on the tokens of the paragraphs whose gold spans contain that
technique (SemEval-2023 spans in six languages, plus PTC's English spans mapped to the 2023 names): a token
is positive when a gold span of the technique covers it. Conditioning on the paragraph keeps the two levels
consistent by construction: spans are only decoded for techniques the paragraph model asserts.

A second head, the *detector*, is trained on the same features over every token of every paragraph (a token
is positive when a gold span of the technique covers it, wherever it is). It does not locate spans; it says
how likely a word is to carry the technique at all, and its most confident token per technique is evidence
for the paragraph-level score (see ``persuasion_stack``).

Features are strings (the word, its neighbours within two tokens, bigrams, affixes, shape, the VADER valence
bucket of the word and its neighbours for English; word and neighbours also joined with the language)
hashed by scikit-learn's ``FeatureHasher``; weights are pruned and stored as float16.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from unspun.models.artifacts import load_arrays, load_json, save_arrays, save_json
from unspun.models.calibration import tune_threshold
from unspun.models.sparse_linear import SparseLinear

TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
HASH_BITS = 18
DEFAULT_TOKEN_THRESHOLD = 0.5


def tokenize(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word or punctuation mark."""
    return [m.span() for m in TOKEN.finditer(text)]


def _shape(w: str) -> str:
    if w.isupper() and len(w) > 1:
        return "UP"
    if w[:1].isupper():
        return "Cap"
    if w.isdigit():
        return "num"
    if not w[:1].isalnum():
        return "punct"
    return "low"


@functools.cache
def valence_lexicon() -> dict[str, float]:
    """English word valence from VADER (Hutto & Gilbert 2014, MIT licence), read from its data file.

    Read as a file rather than through ``SentimentIntensityAnalyzer`` to keep the import light.
    """
    from importlib.resources import files

    out: dict[str, float] = {}
    for line in files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            out[parts[0].lower()] = float(parts[1])
    return out


def _valence(word: str, language: str) -> str:
    """``vd=neg2`` style bucket of a word's VADER valence (English only), or ``vd=none``."""
    if language != "en":
        return "vd=na"
    v = valence_lexicon().get(word)
    if v is None:
        return "vd=none"
    return f"vd={'neg' if v < 0 else 'pos'}{min(3, int(abs(v)))}"


@functools.cache
def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop-word list for ``language`` (empty when spaCy has none)."""
    import importlib

    try:
        return frozenset(importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS)
    except (ImportError, AttributeError):
        return frozenset()


def content_mask(text: str, tokens: list[tuple[int, int]], language: str) -> np.ndarray:
    """True for tokens that can carry a technique on their own: words that are not stop words."""
    stops = stop_words(language)
    return np.array([text[s:e].isalpha() and text[s:e].lower() not in stops for s, e in tokens], dtype=bool)


def token_features(text: str, tokens: list[tuple[int, int]], language: str) -> list[list[str]]:
    """One list of feature strings per token."""
    words = [text[s:e] for s, e in tokens]
    low = [w.lower() for w in words]
    n = len(low)
    val = [_valence(w, language) for w in low]

    def at(i: int) -> str:
        return low[i] if 0 <= i < n else ("<s>" if i < 0 else "</s>")

    out = []
    for i, w in enumerate(low):
        feats = [
            f"w={w}",
            f"p1={at(i - 1)}",
            f"n1={at(i + 1)}",
            f"p2={at(i - 2)}",
            f"n2={at(i + 2)}",
            f"b={at(i - 1)}_{w}",
            f"a={w}_{at(i + 1)}",
            f"s3={w[-3:]}",
            f"f4={w[:4]}",
            f"sh={_shape(words[i])}",
            val[i],
            f"p{val[i - 1] if i else 'vd=start'}",
            f"n{val[i + 1] if i + 1 < n else 'vd=end'}",
        ]
        out.append(feats + [f"{language}|{f}" for f in feats[:3]])
    return out


def _hasher():
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(n_features=2**HASH_BITS, input_type="string", alternate_sign=False, dtype=np.float32)


def featurize(text: str, tokens: list[tuple[int, int]], language: str) -> sp.csr_matrix:
    return _hasher().transform(token_features(text, tokens, language)).tocsr()


@dataclass
class SpanUnit:
    """A stretch of text (a paragraph or a PTC line) with its gold spans relative to the unit."""

    text: str
    language: str
    spans: list[tuple[str, int, int]]  # (technique, start, end), offsets into ``text``


@dataclass
class DecodeParams:
    """How token probabilities become spans; tuned for span F1 on the calibration split."""

    scale: float = 1.0  # multiplies each technique's token threshold
    max_gap: int = 2  # runs separated by fewer than this many tokens are joined
    max_runs: int = 0  # keep the best N runs per technique and paragraph (0: all)
    fallback: bool = True  # when no token reaches the threshold, still mark the most likely words

    def to_dict(self) -> dict:
        return {"scale": self.scale, "max_gap": self.max_gap, "max_runs": self.max_runs, "fallback": self.fallback}


@dataclass
class SpanTagger:
    techniques: list[str]
    head: SparseLinear  # one row per technique
    token_thresholds: np.ndarray
    params: dict[str, DecodeParams] = field(default_factory=dict)  # language -> params; "*" for any other
    detector: SparseLinear | None = None  # one row per technique, trained on every token (see module docstring)
    # both heads' weights, transposed to CSR once (scipy would convert ``weights.T`` on every product)
    _joint: tuple = field(default=(), init=False, repr=False, compare=False)

    def params_for(self, language: str) -> DecodeParams:
        return self.params.get(language) or self.params.get("*") or DecodeParams()

    def token_proba(self, text: str, language: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        """Tokens of ``text`` and a ``(tokens, techniques)`` matrix of localisation probabilities."""
        tokens, probs, _ = self.token_scores(text, language)
        return tokens, probs

    def token_scores(self, text: str, language: str) -> tuple[list[tuple[int, int]], np.ndarray, np.ndarray | None]:
        """Tokens, localisation probabilities and detector probabilities (None without a detector), each
        ``(tokens, techniques)``; the features are computed once for both heads."""
        tokens = tokenize(text)
        n = len(self.techniques)
        if not tokens:
            return tokens, np.zeros((0, n)), None if self.detector is None else np.zeros((0, n))
        heads = (self.head,) if self.detector is None else (self.head, self.detector)
        if not self._joint or self._joint[0] != tuple(map(id, heads)):
            w = sp.vstack([h.weights for h in heads]).T.tocsr()
            self._joint = (tuple(map(id, heads)), w, np.concatenate([h.bias for h in heads]))
        _, w, bias = self._joint
        p = 1.0 / (1.0 + np.exp(-(np.asarray((featurize(text, tokens, language) @ w).toarray()) + bias)))
        return tokens, p[:, :n], (None if self.detector is None else p[:, n:])

    def decode(
        self,
        tokens: list[tuple[int, int]],
        probs: np.ndarray,
        j: int,
        params: DecodeParams,
        content: np.ndarray | None = None,
    ) -> list[tuple[int, int, float]]:
        """Spans ``(start, end, mean token probability)`` of technique ``j``.

        Runs of tokens at or above the technique's token threshold (times ``params.scale``) become spans, runs
        closer than ``params.max_gap`` tokens are joined, and the ``params.max_runs`` best runs are kept. When
        no token reaches the threshold, with ``params.fallback`` the best token and its neighbours above half
        its probability form the span; without it there is no span. With ``content`` (see ``content_mask``),
        a span made only of stop words and punctuation is dropped: such words cannot carry a technique alone.
        """
        if not tokens:
            return []
        p = probs[:, j]
        on = p >= min(0.99, self.token_thresholds[j] * params.scale)
        if not on.any() and not params.fallback:
            return []
        if not on.any():
            best = int(p.argmax())
            lo = hi = best
            while lo > 0 and p[lo - 1] >= p[best] / 2:
                lo -= 1
            while hi + 1 < len(p) and p[hi + 1] >= p[best] / 2:
                hi += 1
            if content is not None and not content[lo : hi + 1].any():
                return []
            return [(tokens[lo][0], tokens[hi][1], float(p[lo : hi + 1].mean()))]
        idx = np.flatnonzero(on)
        runs, start, prev = [], idx[0], idx[0]
        for i in idx[1:]:
            if i - prev > params.max_gap:
                runs.append((start, prev))
                start = i
            prev = i
        runs.append((start, prev))
        if content is not None:
            runs = [(a, b) for a, b in runs if content[a : b + 1].any()]
        spans = [(tokens[a][0], tokens[b][1], float(p[a : b + 1].mean())) for a, b in runs]
        if params.max_runs:
            keep = sorted(range(len(spans)), key=lambda k: -float(p[runs[k][0] : runs[k][1] + 1].max()))
            spans = [spans[k] for k in sorted(keep[: params.max_runs])]
        return spans

    def save(self, folder: Path) -> None:
        arrays = _coo_arrays("w", self.head) | {"token_thresholds": self.token_thresholds.astype(np.float32)}
        arrays["bias"] = arrays.pop("w_bias")
        if self.detector is not None:
            arrays |= _coo_arrays("d", self.detector)
        save_arrays(folder / "spans.safetensors", arrays)
        save_json(
            folder / "spans.json",
            {
                "techniques": self.techniques,
                "hash_bits": HASH_BITS,
                "decode": {k: v.to_dict() for k, v in self.params.items()},
            },
        )

    @classmethod
    def load(cls, folder: Path) -> SpanTagger:
        meta = load_json(folder / "spans.json")
        arr = load_arrays(folder / "spans.safetensors")
        shape = (len(meta["techniques"]), 2 ** meta["hash_bits"])
        params = {k: DecodeParams(**v) for k, v in meta.get("decode", {}).items()}
        detector = _from_coo(arr, "d", arr["d_bias"], shape) if "d_bias" in arr else None
        head = _from_coo(arr, "w", arr["bias"], shape)
        return cls(meta["techniques"], head, arr["token_thresholds"].astype(float), params, detector)


def _coo_arrays(prefix: str, head: SparseLinear) -> dict[str, np.ndarray]:
    w = head.weights.tocoo()
    return {
        f"{prefix}_row": w.row.astype(np.int32),
        f"{prefix}_col": w.col.astype(np.int32),
        f"{prefix}_val": w.data.astype(np.float16),
        f"{prefix}_bias": head.bias.astype(np.float32),
    }


def _from_coo(arr: dict[str, np.ndarray], prefix: str, bias: np.ndarray, shape: tuple[int, int]) -> SparseLinear:
    w = sp.csr_matrix(
        (arr[f"{prefix}_val"].astype(np.float32), (arr[f"{prefix}_row"], arr[f"{prefix}_col"])), shape=shape
    )
    return SparseLinear(w, bias)


def _unit_matrix(units: Sequence[SpanUnit], techniques: list[str]):
    """Stacked token features, token labels and the unit index of every token."""
    feats, labels, owner = [], [], []
    col = {t: j for j, t in enumerate(techniques)}
    for u_i, u in enumerate(units):
        tokens = tokenize(u.text)
        if not tokens:
            continue
        y = np.zeros((len(tokens), len(techniques)), dtype=bool)
        starts = np.array([s for s, _ in tokens])
        ends = np.array([e for _, e in tokens])
        for t, s, e in u.spans:
            if t in col:
                y[(starts < e) & (ends > s), col[t]] = True
        feats.append(token_features(u.text, tokens, u.language))
        labels.append(y)
        owner.append(np.full(len(tokens), u_i))
    x = _hasher().transform(f for chunk in feats for f in chunk).tocsr()
    return x, np.vstack(labels), np.concatenate(owner)


def unit_has(units: Sequence[SpanUnit], techniques: list[str]) -> np.ndarray:
    """``(units, techniques)``: does the unit hold a gold span of the technique?"""
    col = {t: j for j, t in enumerate(techniques)}
    out = np.zeros((len(units), len(techniques)), dtype=bool)
    for i, u in enumerate(units):
        for t, _, _ in u.spans:
            if t in col:
                out[i, col[t]] = True
    return out


def train_span_tagger(
    fit_units: Sequence[SpanUnit],
    tune_units: Sequence[SpanUnit],
    techniques: list[str],
    *,
    c: float = 0.15,
    keep: int = 15000,
    seed: int = 0,
    detector: bool = True,
    progress: Callable[[str], None] | None = None,
) -> SpanTagger:
    """Fit one token classifier per technique on the paragraphs holding it; tune token thresholds.

    With ``detector``, also fit the detector head (same ``c`` and ``keep``) on every token of ``fit_units``.
    """
    from sklearn.linear_model import LogisticRegression

    x, y, owner = _unit_matrix(fit_units, techniques)
    has = unit_has(fit_units, techniques)
    xt, yt, owner_t = _unit_matrix(tune_units, techniques)
    has_t = unit_has(tune_units, techniques)
    coef = np.zeros((len(techniques), x.shape[1]), dtype=np.float32)
    bias = np.full(len(techniques), -5.0, dtype=np.float32)
    thresholds = np.full(len(techniques), DEFAULT_TOKEN_THRESHOLD)
    for j, tech in enumerate(techniques):
        rows = has[owner, j]
        yj = y[rows, j]
        if progress:
            progress(tech)
        if yj.sum() < 5 or yj.all():
            continue
        lr = LogisticRegression(C=c, solver="liblinear", random_state=seed).fit(x[rows], yj)
        coef[j], bias[j] = lr.coef_[0], lr.intercept_[0]
        rows_t = has_t[owner_t, j]
        if rows_t.any():
            z = xt[rows_t] @ coef[j] + bias[j]
            thresholds[j] = tune_threshold(yt[rows_t, j], 1 / (1 + np.exp(-z)), fallback=DEFAULT_TOKEN_THRESHOLD)
    head = SparseLinear.from_dense(coef, bias, keep=keep)
    det = None
    if detector:
        coef = np.zeros_like(coef)
        bias = np.full(len(techniques), -10.0, dtype=np.float32)
        for j, tech in enumerate(techniques):
            if progress:
                progress(f"detector: {tech}")
            if y[:, j].sum() < 5 or y[:, j].all():
                continue
            lr = LogisticRegression(C=c, solver="liblinear", random_state=seed).fit(x, y[:, j])
            coef[j], bias[j] = lr.coef_[0], lr.intercept_[0]
        det = SparseLinear.from_dense(coef, bias, keep=keep)
    return SpanTagger(list(techniques), head, thresholds, detector=det)
