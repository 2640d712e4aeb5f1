"""Body shingles and their MinHash signature (datasketch), computed once per document at ingest.

A shingle is ``SHINGLE_WORDS`` consecutive lower-cased words of the body (the ``body`` layer, so that
site boilerplate does not make copies look different). Words are hashed and shingles combined with
numpy (hand-written because it is the hot loop: a Python hash call per word or SHA-1 per shingle,
datasketch's default, made 100k documents several times slower), then fed to ``datasketch.MinHash`` as
pre-hashed 32-bit values.
"""

from __future__ import annotations

import numpy as np
from datasketch import LeanMinHash, MinHash

from unspun.document import Document

#: Words per shingle. Five is the usual choice for near-duplicate news text: short enough to survive
#: light edits (a changed word breaks at most five shingles), long enough that unrelated articles share few.
SHINGLE_WORDS = 5
#: Permutations per signature. 64 gives a Jaccard standard error of about 0.06, enough to separate copies
#: (J > 0.5) from articles on the same topic (J < 0.1), at half the cost of the usual 128.
NUM_PERM = 64
SEED = 1
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                 0xFF51AFD7ED558CCD], dtype=np.uint64)
_RNG = np.random.default_rng(20240601)
_BYTE = _RNG.integers(1, 2**63, size=256, dtype=np.uint64) | np.uint64(1)
_POS = _RNG.integers(1, 2**63, size=64, dtype=np.uint64) | np.uint64(1)
_IS_WORD = np.array([chr(b).isalnum() or b >= 128 for b in range(256)], dtype=bool)
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=lambda x: x)


def body_text(doc: Document) -> str:
    """The article proper: the ``body`` spans joined by newlines (the whole text when there is no body)."""
    bodies = doc.layer("body")
    if not bodies:
        return doc.text
    return "\n".join(doc.span_text(s) for s in bodies)


def _word_hashes(text: str) -> np.ndarray:
    """One 64-bit hash per word, vectorised: bytes of letters and digits (and all non-ASCII bytes) form words.

    Each byte contributes ``_BYTE[b] * _POS[position in word]``, summed per word with ``np.add.reduceat``;
    a Python loop with a hash call per word was half of the signature's cost.
    """
    raw = np.frombuffer(text.lower().encode("utf-8", "surrogatepass"), dtype=np.uint8)
    if not raw.size:
        return np.zeros(0, dtype=np.uint64)
    inside = _IS_WORD[raw]
    edges = np.diff(np.concatenate(([False], inside, [False])).astype(np.int8))
    starts = np.flatnonzero(edges == 1)
    if not starts.size:
        return np.zeros(0, dtype=np.uint64)
    ends = np.flatnonzero(edges == -1)
    idx = np.flatnonzero(inside)
    word_of = np.repeat(np.arange(starts.size), ends - starts)
    pos = (idx - starts[word_of]) % len(_POS)
    contrib = _BYTE[raw[idx]] * _POS[pos]
    sums = np.add.reduceat(contrib, np.concatenate(([0], np.cumsum(ends - starts)[:-1])))
    return sums ^ (sums >> np.uint64(29))


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the text's word shingles (one shingle for texts under five words)."""
    w = _word_hashes(text)
    if not w.size:
        return np.zeros(0, dtype=np.uint32)
    k = min(SHINGLE_WORDS, len(w))
    n = len(w) - k + 1
    acc = np.zeros(n, dtype=np.uint64)
    for i in range(k):
        acc ^= w[i : i + n] * _MIX[i]
        acc = (acc << np.uint64(13)) | (acc >> np.uint64(51))
    folded = (acc ^ (acc >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    return np.unique(folded.astype(np.uint32))


def signature(hashes: np.ndarray) -> np.ndarray:
    """The MinHash hash values (``NUM_PERM`` uint32) of a shingle-hash set."""
    m = _TEMPLATE.copy()
    if len(hashes):
        m.update_batch(hashes.tolist())
    return m.hashvalues.astype(np.uint32)


def document_signature(doc: Document) -> tuple[bytes | None, int]:
    """``(signature bytes, shingle count)`` of a document's body; ``(None, 0)`` when it has no words."""
    hashes = shingle_hashes(body_text(doc))
    if not len(hashes):
        return None, 0
    return signature(hashes).astype("<u4").tobytes(), len(hashes)


def from_bytes(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype="<u4").astype(np.uint32)


def minhash(values: np.ndarray) -> LeanMinHash:
    """A datasketch (lean) MinHash over stored hash values, for LSH indexes."""
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=_TEMPLATE.scheme)
