"""Unlabelled English news sentences (PolNeAR train, SemEval-2023 task 3 English train) for distillation.

Only the teacher's probabilities are used on them, never a label. They widen the check-worthiness model's
transfer set from debates to the news text it is applied to. Sentences are cut by a regular expression,
not by spaCy: a transfer set only needs sentence-sized pieces, and the regex is fast and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from unspun.models.datasets import polnear, semeval2023_articles

SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
MIN_WORDS, MAX_WORDS = 5, 60


def split_sentences(text: str) -> Iterator[str]:
    """Sentences of ``text`` (line by line, then at sentence-final punctuation) of 5 to 60 words."""
    for line in text.splitlines():
        for piece in SENTENCE_END.split(line.strip()):
            piece = piece.strip()
            if MIN_WORDS <= len(piece.split()) <= MAX_WORDS:
                yield piece


def load(data_dir: Path, limit: int, seed: int) -> list[str]:
    """Up to ``limit`` distinct sentences (case-insensitive), sampled with ``seed`` from both corpora."""
    texts = [a.text for a in polnear.iter_articles(data_dir)]
    texts += [a.text for a in semeval2023_articles.iter_articles(data_dir, "en", "genre")]
    seen: set[str] = set()
    pool: list[str] = []
    for text in texts:
        for sentence in split_sentences(text):
            if sentence.lower() not in seen:
                seen.add(sentence.lower())
                pool.append(sentence)
    if limit >= len(pool):
        return pool
    keep = np.sort(np.random.default_rng(seed).choice(len(pool), size=limit, replace=False))
    return [pool[i] for i in keep]
