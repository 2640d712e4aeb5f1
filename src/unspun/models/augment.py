"""Word-level variants of sentences, for a larger distillation transfer set.

A distilled model matches its teacher closely on the sentences it learned from but less well on new ones;
more inputs labelled by the teacher narrow that gap. Variants of in-domain sentences (some words dropped,
or a contiguous part kept) stay close to the domain. Written by hand: two numpy draws per variant do not
need an augmentation library.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MIN_WORDS = 5
DROP_RATE = 0.15


def word_variants(texts: Sequence[str], n: int, seed: int) -> list[str]:
    """``n`` variants, each of a random sentence of ``texts`` with at least 5 words: half drop each word with
    probability 0.15, half keep a contiguous 50-90% of the words. Deterministic for ``seed``."""
    words = [t.split() for t in texts]
    source = [i for i, w in enumerate(words) if len(w) >= MIN_WORDS]
    if not source or n <= 0:
        return []
    rng = np.random.default_rng(seed)
    out: list[str] = []
    for pick in rng.choice(len(source), size=n):
        w = words[source[pick]]
        if rng.random() < 0.5:
            kept = [x for x, drop in zip(w, rng.random(len(w)) < DROP_RATE, strict=True) if not drop]
            kept = kept if len(kept) >= MIN_WORDS - 1 else w
        else:
            size = max(MIN_WORDS - 1, round(len(w) * rng.uniform(0.5, 0.9)))
            start = int(rng.integers(0, len(w) - size + 1))
            kept = w[start : start + size]
        out.append(" ".join(kept))
    return out
