"""Synthetic corpora for the corpus benchmarks, built from the shared benchmark texts.

Each synthetic article takes the paragraphs of one source text (``benchmarks/corpus_texts.py``: SemEval
articles or the seed), keeps a random 60-100% of them in a shuffled order and adds a unique dateline, so
that every article is distinct but reads like news. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from benchmarks.corpus_texts import benchmark_texts


def synthetic_articles(
    n: int, *, sources: int = 200, seed: int = 0, max_words: int | None = None
) -> tuple[list[str], str]:
    """``n`` distinct article texts and a description of what they were built from."""
    texts, origin = benchmark_texts(sources)
    pools = [[p for p in re.split(r"\n\s*\n", t) if p.strip()] for t in texts]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        paragraphs = list(pools[i % len(pools)])
        rng.shuffle(paragraphs)
        keep = paragraphs[: max(1, round(len(paragraphs) * rng.uniform(0.6, 1.0)))]
        text = f"Dispatch {i}, {rng.choice(['Monday', 'Tuesday', 'Friday'])}.\n\n" + "\n\n".join(keep)
        if max_words:
            text = " ".join(text.split(" ")[:max_words])
        out.append(text + "\n")
    return out, f"{n} articles reshuffled from {origin}"


def write_corpus(folder: Path, texts: list[str]) -> Path:
    """One ``.txt`` file per article (so that workers read them in parallel)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"a{i:06d}.txt").write_text(text, encoding="utf-8")
    return folder
