"""The column order of every table, as the migrations create it (a test keeps the two equal).

Rows travel between the workers, the repository and the exports as plain tuples in this order, so that
a backend needs no mapping layer. ``JSON_COLUMNS`` are passed as JSON text.
"""

from __future__ import annotations

TABLES: dict[str, tuple[str, ...]] = {
    "runs": (
        "run_id", "started_at", "finished_at", "status", "pipeline", "stages", "sources", "workers",
        "unspun_version", "n_read", "n_analyzed", "n_skipped", "n_failed",
    ),
    "documents": (
        "doc_id", "content_hash", "pipeline", "run_id", "source", "url", "outlet", "domain", "title",
        "published", "published_at", "language", "genre", "n_chars", "n_body_chars", "n_shingles", "minhash",
        "analyzed_at", "text",
    ),
    "metadata": ("doc_id", "key", "value"),
    "spans": ("doc_id", "layer", "idx", "start_char", "end_char", "label", "score", "attrs"),
    "labels": ("doc_id", "name", "value"),
    "techniques": (
        "doc_id", "level", "technique", "category", "score", "threshold", "paragraph", "start_char",
        "end_char", "text",
    ),
    "claims": (
        "doc_id", "idx", "claim_type", "sourcing", "source", "hedges", "quantities", "score", "start_char",
        "end_char", "text",
    ),
    "quotes": (
        "doc_id", "idx", "kind", "speaker", "speaker_id", "cue", "quote_date", "score", "start_char",
        "end_char", "text",
    ),
    "actors": ("doc_id", "actor_id", "name", "actor_type", "role", "affiliation", "mentions", "first_char"),
    "frames": ("doc_id", "frame", "score", "threshold", "asserted"),
    "genre": ("doc_id", "label", "score", "scores"),
    "errors": ("run_id", "logged_at", "stage", "source", "doc_id", "error_type", "message"),
    "republication_clusters": (
        "cluster_id", "size", "n_outlets", "earliest_doc_id", "earliest_published", "computed_at",
    ),
    "republication_members": ("cluster_id", "doc_id", "relation", "jaccard", "containment", "evidence"),
    "corpus_state": ("key", "value"),
}

#: Tables that hold one document's analysis; a document's rows in them are replaced together.
DOCUMENT_TABLES: tuple[str, ...] = (
    "documents", "metadata", "spans", "labels", "techniques", "claims", "quotes", "actors", "frames", "genre",
)
#: Tables recomputed as a whole from the documents (republication).
DERIVED_TABLES: tuple[str, ...] = ("republication_clusters", "republication_members")

JSON_COLUMNS: frozenset[tuple[str, str]] = frozenset({
    ("runs", "stages"), ("runs", "sources"), ("metadata", "value"), ("spans", "attrs"), ("labels", "value"),
    ("claims", "hedges"), ("claims", "quantities"), ("genre", "scores"), ("republication_members", "evidence"),
    ("corpus_state", "value"),
})


def columns(table: str) -> tuple[str, ...]:
    """The columns of ``table``, in order; a clear error for unknown names."""
    from unspun.store.errors import UnknownTableError

    try:
        return TABLES[table]
    except KeyError:
        raise UnknownTableError(
            f"no table named {table!r}", hint=f"known tables: {', '.join(TABLES)}"
        ) from None
