"""Republication clustering over 100k synthetic documents (target: under 2 minutes on this machine).

Documents are random 250-word texts over the seed article's vocabulary; every tenth one spawns a copy:
edited (a few words changed), truncated (first half) or pasted inside a longer page. Timed separately:
building the Documents' body signatures (at ingest this runs inside the workers, spread over them) and
clustering (``find_clusters``: LSH candidates + checks, what runs at the end of an ingest). The check of
borderline pairs on exact shingle sets uses the documents' texts, as the store does.

    .venv/bin/python -m benchmarks.corpus_republication --n 100000
"""

from __future__ import annotations

import argparse
import re
import time
from datetime import datetime

import numpy as np

from benchmarks.corpus_texts import SEED
from unspun.corpus.minhash import body_text, document_signature, from_bytes, shingle_hashes
from unspun.corpus.republication import ENSEMBLE_MAX_ITEMS, Item, find_clusters
from unspun.document import Document


def synthetic(n: int, seed: int = 0) -> tuple[list[str], set[frozenset[int]]]:
    vocab = sorted(set(re.findall(r"[a-z]+", SEED.read_text(encoding="utf-8").lower())))
    rng = np.random.default_rng(seed)
    texts: list[str] = []
    truth: set[frozenset[int]] = set()
    while len(texts) < n:
        words = [vocab[i] for i in rng.integers(0, len(vocab), 250)]
        base = len(texts)
        texts.append(" ".join(words))
        if base % 10 == 0 and len(texts) < n:
            kind = (base // 10) % 3
            if kind == 0:
                copy = list(words)
                for i in rng.integers(0, len(copy), 4):
                    copy[i] = "edited"
                texts.append(" ".join(copy))
            elif kind == 1:
                texts.append(" ".join(words[:125]))
            else:
                filler = [vocab[i] for i in rng.integers(0, len(vocab), 250)]
                texts.append(" ".join(filler + words + filler[:100]))
            truth.add(frozenset({base, base + 1}))
    return texts[:n], truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    texts, truth = synthetic(args.n)
    start = time.perf_counter()
    items = []
    for i, text in enumerate(texts):
        raw, size = document_signature(Document(text))
        items.append(Item(str(i), from_bytes(raw), size, datetime(2022, 1, 1 + i % 28)))
    t_sign = time.perf_counter() - start
    start = time.perf_counter()
    clusters = find_clusters(items, shingles=lambda doc_id: shingle_hashes(body_text(Document(texts[int(doc_id)]))))
    t_cluster = time.perf_counter() - start
    found = {frozenset(int(m.doc_id) for m in c.members) for c in clusters}
    recall = len(found & truth) / len(truth)
    precision = len(found & truth) / len(found) if found else 0.0
    print(f"### Republication over {args.n:,} synthetic documents\n")
    print("| step | seconds |\n|---|---|")
    print(f"| body signatures (64-permutation MinHash, one process) | {t_sign:.1f} |")
    print(f"| clustering (LSH at J 0.2, checks; ensemble off above {ENSEMBLE_MAX_ITEMS:,}) | {t_cluster:.1f} |")
    print(f"| **total** | **{t_sign + t_cluster:.1f}** (target < 120) |")
    print(f"\n- planted copy pairs: {len(truth):,}; clusters found: {len(found):,}; exact-pair recall "
          f"{recall:.3f}, precision {precision:.3f}")


if __name__ == "__main__":
    main()
