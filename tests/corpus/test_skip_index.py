"""SkipIndex: the same answers as the dict it replaces, in a fraction of the memory."""

from __future__ import annotations

import pickle
import random

from unspun.corpus.skip_index import SkipIndex


def _ids(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [f"{rng.getrandbits(128):032x}" for _ in range(n)]


def test_lookups_agree_with_a_dict() -> None:
    stored = {doc_id: ("fp-old" if i % 3 else "fp-new") for i, doc_id in enumerate(_ids(5000, 1))}
    stored["not-a-hex-id"] = "fp-old"  # ids from elsewhere fall back to a dict
    index = SkipIndex(stored)
    assert len(index) == len(stored)
    for doc_id, fingerprint in stored.items():
        assert index.get(doc_id) == fingerprint
    for doc_id in [*_ids(2000, 2), "", "zz" * 16, "0" * 31]:
        assert index.get(doc_id) is None and doc_id not in index
    assert "not-a-hex-id" in index


def test_it_pickles_small_and_intact() -> None:
    stored = dict.fromkeys(_ids(20_000, 3), "0123456789abcdef")
    index = pickle.loads(pickle.dumps(SkipIndex(stored)))
    assert index.nbytes == 16 * len(stored)
    assert len(pickle.dumps(index)) < len(pickle.dumps(stored)) / 2
    assert all(index.get(doc_id) == "0123456789abcdef" for doc_id in list(stored)[:500])


def test_an_empty_index_finds_nothing() -> None:
    index = SkipIndex({})
    assert len(index) == 0 and index.get("ab" * 16) is None
