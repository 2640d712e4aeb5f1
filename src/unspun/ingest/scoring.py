"""Extraction quality: the shingle-matching metric of the ScrapingHub article-extraction-benchmark.

Re-implemented from the description in github.com/scrapinghub/article-extraction-benchmark (MIT):
texts are split into ``\\w+`` tokens, 4-token shingles are counted, and true positives are the shingles
the prediction shares with the gold text (as multisets). Precision, recall and F1 are micro-averaged
over documents, as the benchmark's evaluate.py does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_TOKEN = re.compile(r"\w+", re.UNICODE)
NGRAM_N = 4


def shingles(text: str, n: int = NGRAM_N) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(len(tokens) - n + 1, 0)))


def match_counts(gold: str, pred: str, n: int = NGRAM_N) -> tuple[int, int, int]:
    """``(tp, fp, fn)`` in shingles for one document."""
    g, p = shingles(gold, n), shingles(pred, n)
    tp = sum((g & p).values())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp


def prf(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Micro-averaged precision, recall and F1 over ``(gold, predicted)`` text pairs."""
    tp = fp = fn = 0
    for gold, pred in pairs:
        a, b, c = match_counts(gold, pred)
        tp, fp, fn = tp + a, fp + b, fn + c
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
