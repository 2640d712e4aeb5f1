"""The repository interface: the few verbs corpus mode needs from a store, whatever the backend.

A backend (DuckDB now, PostgreSQL later, memory for tests) implements :class:`Repository`. Rows are
tuples in ``schema.TABLES`` order; SQL given to :meth:`Repository.query` is the portable subset that both
DuckDB and PostgreSQL accept (the preset queries in ``unspun.corpus.queries`` keep to it).

Concurrency contract: one writer at a time (``write_batch`` commits atomically: all of a batch or none
of it), any number of readers; a reader never sees a half-written batch.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from unspun.document import Document
from unspun.store.rows import Row


@dataclass
class Batch:
    """What one atomic commit writes: the documents' rows (by table) and error-log rows.

    ``documents`` maps a doc_id to its rows by table; any earlier rows of that doc_id are replaced.
    """

    documents: dict[str, dict[str, list[Row]]] = field(default_factory=dict)
    errors: list[Row] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.documents)

    def add(self, doc_id: str, rows: Mapping[str, list[Row]]) -> None:
        self.documents[doc_id] = dict(rows)


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of a query."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@runtime_checkable
class Repository(Protocol):
    """A corpus store. Open one with :func:`unspun.store.open_repository`."""

    def analyzed(self) -> dict[str, str]:
        """Every stored doc_id with the pipeline fingerprint that analysed it."""
        ...

    def start_run(self, run: Row) -> None:
        """Record a new run (a ``runs`` row)."""
        ...

    def finish_run(self, run_id: str, status: str, counts: Mapping[str, int]) -> None:
        """Close a run with its status and ``n_*`` counts."""
        ...

    def write_batch(self, batch: Batch) -> None:
        """Replace the batch's documents and append its errors, atomically."""
        ...

    def replace_derived(self, tables: Mapping[str, Sequence[Row]], state: Mapping[str, Any]) -> None:
        """Replace whole derived tables (republication) and set ``corpus_state`` keys, atomically."""
        ...

    def state(self, key: str) -> Any:
        """A ``corpus_state`` value (decoded JSON), or None."""
        ...

    def iter_rows(self, table: str, columns: Sequence[str] | None = None, batch_size: int = 10_000) -> Iterator[Row]:
        """Stream a table's rows (all columns in schema order, or the ones named)."""
        ...

    def document(self, doc_id: str) -> Document | None:
        """Rebuild a stored Document (layers with no spans are not kept), or None."""
        ...

    def count(self, table: str) -> int:
        ...

    def query(self, sql: str, params: Sequence[Any] | None = None) -> QueryResult:
        """Run a read-only SQL statement."""
        ...

    def export_table(self, table: str, path: str, fmt: str) -> int:
        """Write a table to ``path`` as ``parquet``, ``csv`` or ``jsonl``; return the row count."""
        ...

    def close(self) -> None:
        ...
