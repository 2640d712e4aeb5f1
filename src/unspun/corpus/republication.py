"""Republication clusters: which stored articles are copies of one another, and which copy came first.

Stages:
  1. candidates: ``datasketch.MinHashLSH`` over the body signatures, at the low ``CANDIDATE_THRESHOLD``
     so that it also catches a body inside a page up to about four times longer;
  2. containment: for corpora up to ``ENSEMBLE_MAX_ITEMS`` documents, ``datasketch.MinHashLSHEnsemble``
     also finds bodies inside much longer pages (its index is too slow for 100k documents in our budget);
  3. every candidate pair is checked on the signatures, and where those are not conclusive on the
     shingle sets themselves: near-duplicates (estimated Jaccard at least
     ``JACCARD_THRESHOLD``: copies with edits, other boilerplate, a changed headline) and contained copies
     (at least ``CONTAINMENT_THRESHOLD`` of the shorter body inside the longer: truncated copies, an
     article pasted into a longer page); the pairs that pass are joined (union-find);
  4. each cluster gets its earliest copy by publication date (undated copies count as latest) and, per
     member, its relation to that copy and the syndication notices ingest found ("Originally published
     at ...", metadata ``original_source``) as evidence.

A cluster says that texts are shared, not who copied whom: the earliest *dated* copy is only the earliest
evidence, and the notices are shown as found.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
from datasketch import MinHashLSH, MinHashLSHEnsemble

from unspun.corpus.minhash import NUM_PERM, body_text, from_bytes, minhash, shingle_hashes
from unspun.store.repository import Repository

#: Estimated Jaccard similarity of body shingles at which two articles count as copies. Copies with light
#: edits and other boilerplate score 0.6-1.0 on the test corpora; unrelated articles on one story stay
#: under 0.1. 0.5 leaves room for rewording of a few sentences.
JACCARD_THRESHOLD = 0.5
#: Share of the shorter body's shingles found in the longer body for it to count as contained.
CONTAINMENT_THRESHOLD = 0.8
#: Bodies with fewer shingles (about 25 words) are left out: too little text to call anything a copy.
MIN_SHINGLES = 20
#: Jaccard threshold of the candidate LSH. Containment C of a body in a page r times longer means a
#: Jaccard of C / (1 + r - C): 0.8 inside a 3x page is 0.25, so 0.2 finds those; pairs are verified after.
CANDIDATE_THRESHOLD = 0.2
#: Partitions of the LSH Ensemble (by set size); datasketch's default of 16 is tuned for millions of sets.
ENSEMBLE_PARTITIONS = 4
#: Largest corpus for which the LSH Ensemble runs (its index costs about 0.4 ms per document here).
ENSEMBLE_MAX_ITEMS = 20_000


@dataclass(frozen=True)
class Item:
    """One document's signature and what dates and places it."""

    doc_id: str
    values: np.ndarray
    size: int
    published_at: datetime | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Member:
    doc_id: str
    relation: str
    jaccard: float
    containment: float
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Cluster:
    cluster_id: int
    earliest: str
    earliest_published: datetime | None
    n_outlets: int
    members: list[Member]

    @property
    def size(self) -> int:
        return len(self.members)


ShingleLoader = Callable[[str], np.ndarray]


def exact(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """``(jaccard, containment)`` of two shingle-hash sets, computed exactly."""
    inter = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - inter
    small = min(len(a), len(b))
    return (inter / union if union else 0.0), (inter / small if small else 0.0)


def estimate(a: Item, b: Item) -> tuple[float, float]:
    """``(jaccard, containment)``: estimated Jaccard, and the share of the smaller set inside the larger."""
    j = float(np.count_nonzero(a.values == b.values)) / len(a.values)
    small, large = sorted((a.size, b.size))
    c = j * (small + large) / ((1.0 + j) * small) if small else 0.0
    return j, min(1.0, c)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def candidate_pairs(items: Sequence[Item], jaccard: float, containment: float) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, that LSH or LSH Ensemble put together."""
    hashes = [minhash(it.values) for it in items]
    pairs: set[tuple[int, int]] = set()
    # 1. candidates
    lsh = MinHashLSH(threshold=min(CANDIDATE_THRESHOLD, jaccard), num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for i, m in enumerate(hashes):
            session.insert(i, m, check_duplication=False)
    for i, m in enumerate(hashes):
        pairs.update((min(i, j), max(i, j)) for j in lsh.query(m) if j != i)
    # 2. containment
    if 1 < len(items) <= ENSEMBLE_MAX_ITEMS:
        ensemble = MinHashLSHEnsemble(
            threshold=containment, num_perm=NUM_PERM, num_part=ENSEMBLE_PARTITIONS, m=2
        )
        ensemble.index((i, m, items[i].size) for i, m in enumerate(hashes))
        for i, m in enumerate(hashes):
            pairs.update((min(i, j), max(i, j)) for j in ensemble.query(m, items[i].size) if j != i)
    return pairs


def _earliest_key(item: Item) -> tuple[bool, datetime, int, str]:
    """Earliest date first, undated last; on equal dates the longer body (a truncation is not the source)."""
    return (item.published_at is None, item.published_at or datetime.max, -item.size, item.doc_id)


def find_clusters(
    items: Sequence[Item],
    *,
    jaccard: float = JACCARD_THRESHOLD,
    containment: float = CONTAINMENT_THRESHOLD,
    evidence: Mapping[str, list[dict[str, Any]]] | None = None,
    shingles: ShingleLoader | None = None,
) -> list[Cluster]:
    """Group copies (see the module docstring); clusters of two or more, largest first.

    ``shingles(doc_id)``, when given, returns a document's shingle hashes: pairs that are not clear
    near-duplicates on the signatures are then checked exactly. With 64 permutations the containment
    estimate of a body inside a page three times longer errs by about 0.15, too much to decide on alone.
    """
    items = [it for it in items if it.size >= MIN_SHINGLES and len(it.values) == NUM_PERM]
    evidence = evidence or {}
    cached = functools.lru_cache(maxsize=4096)(shingles) if shingles else None

    def similarity(a: Item, b: Item) -> tuple[float, float]:
        jac, con = estimate(a, b)
        if cached is not None and jac < jaccard:
            jac, con = exact(cached(a.doc_id), cached(b.doc_id))
        return jac, con

    uf = _UnionFind(len(items))
    # 3. check each candidate pair
    for i, j in candidate_pairs(items, jaccard, containment):
        jac, con = similarity(items[i], items[j])
        if jac >= jaccard or con >= containment:
            uf.union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(uf.find(i), []).append(i)
    # 4. earliest copy, relations and evidence
    clusters: list[Cluster] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        first = min((items[i] for i in members), key=_earliest_key)
        out = []
        for i in sorted(members, key=lambda k: _earliest_key(items[k])):
            it = items[i]
            jac, con = (1.0, 1.0) if it is first else similarity(it, first)
            out.append(Member(it.doc_id, _relation(it, first, jac, jaccard), jac, con, evidence.get(it.doc_id, [])))
        outlets = {items[i].outlet for i in members if items[i].outlet}
        clusters.append(Cluster(0, first.doc_id, first.published_at, len(outlets), out))
    clusters.sort(key=lambda c: (-c.size, c.earliest))
    for n, cluster in enumerate(clusters, 1):
        cluster.cluster_id = n
    return clusters


def _relation(item: Item, first: Item, jac: float, threshold: float) -> str:
    if item is first:
        return "earliest"
    if jac >= threshold:
        return "near_duplicate"
    return "contained" if item.size < first.size else "contains"


# --- over a repository ----------------------------------------------------------------------------
def load_items(repo: Repository) -> list[Item]:
    """Every stored document that has a signature."""
    items = []
    for doc_id, raw, size, published_at, outlet, domain, source in repo.iter_rows(
        "documents", ("doc_id", "minhash", "n_shingles", "published_at", "outlet", "domain", "source")
    ):
        if raw:
            items.append(Item(doc_id, from_bytes(bytes(raw)), int(size), published_at, outlet or domain or source))
    return items


def load_evidence(repo: Repository, doc_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """Syndication notices of the given documents: metadata ``original_source`` and ``syndication`` boilerplate."""
    wanted = set(doc_ids)
    found: dict[str, list[dict[str, Any]]] = {}
    if not wanted:
        return found
    for doc_id, value in repo.query("SELECT doc_id, value FROM metadata WHERE key = 'original_source'").rows:
        if doc_id in wanted and value:
            found.setdefault(doc_id, []).append({**_as_object(json.loads(value)), "from": "metadata.original_source"})
    rows = repo.query(
        "SELECT s.doc_id, s.start_char, s.end_char, substr(d.text, s.start_char + 1, s.end_char - s.start_char) "
        "FROM spans s JOIN documents d ON d.doc_id = s.doc_id "
        "WHERE s.layer = 'boilerplate' AND s.label = 'syndication' ORDER BY s.doc_id, s.start_char"
    ).rows
    for doc_id, start, end, text in rows:
        if doc_id in wanted:
            notice = {"from": "boilerplate.syndication", "start": start, "end": end, "text": text}
            found.setdefault(doc_id, []).append(notice)
    return found


def _as_object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {"name": value}


def cluster_rows(clusters: Sequence[Cluster], computed_at: datetime) -> dict[str, list[tuple[Any, ...]]]:
    """The ``republication_clusters`` and ``republication_members`` rows."""
    return {
        "republication_clusters": [
            (c.cluster_id, c.size, c.n_outlets, c.earliest, c.earliest_published, computed_at) for c in clusters
        ],
        "republication_members": [
            (c.cluster_id, m.doc_id, m.relation, round(m.jaccard, 4), round(m.containment, 4),
             json.dumps(m.evidence, ensure_ascii=False) if m.evidence else None)
            for c in clusters
            for m in c.members
        ],
    }


def store_shingles(repo: Repository) -> ShingleLoader:
    """A loader of stored documents' body shingles (for the exact check of borderline pairs)."""

    def load(doc_id: str) -> np.ndarray:
        doc = repo.document(doc_id)
        return shingle_hashes(body_text(doc)) if doc is not None else np.zeros(0, dtype=np.uint32)

    return load


def update_republication(repo: Repository) -> list[Cluster]:
    """Recompute the clusters over the whole store and replace the stored ones, atomically."""
    items = load_items(repo)
    clusters = find_clusters(items, shingles=store_shingles(repo))
    evidence = load_evidence(repo, (m.doc_id for c in clusters for m in c.members))
    for c in clusters:
        c.members = [Member(m.doc_id, m.relation, m.jaccard, m.containment, evidence.get(m.doc_id, []))
                     for m in c.members]
    now = datetime.now(UTC).replace(tzinfo=None)
    repo.replace_derived(
        cluster_rows(clusters, now),
        {"republication": {"computed_at": now.isoformat(), "n_documents": repo.count("documents"),
                           "n_clusters": len(clusters)}},
    )
    return clusters


def is_stale(repo: Repository) -> bool:
    """True when documents were added or removed since the clusters were computed."""
    state = repo.state("republication")
    return not state or state.get("n_documents") != repo.count("documents")
