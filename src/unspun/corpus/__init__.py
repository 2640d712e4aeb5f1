"""Corpus mode: resumable parallel ingest into a store, preset queries, exports, republication clusters.

``run_ingest(sources, "corpus.duckdb")`` is the importable function behind ``unspun ingest``.
"""

from unspun.corpus.ingest import CorpusOptions, IngestSummary, run_ingest

__all__ = ["CorpusOptions", "IngestSummary", "run_ingest"]
