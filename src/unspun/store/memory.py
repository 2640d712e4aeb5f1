"""An in-memory repository for tests and small scripts: plain Python lists, nothing on disk.

Writes and reads are pure Python. SQL (``query``, ``export_table``) runs on a throw-away in-memory
DuckDB loaded with a snapshot of the rows, so that preset queries behave exactly as on a real store.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from unspun.document import Document
from unspun.store.errors import QueryError
from unspun.store.repository import Batch, QueryResult
from unspun.store.rows import Row, document_from_rows
from unspun.store.schema import DOCUMENT_TABLES, TABLES
from unspun.store.schema import columns as table_columns


class MemoryRepository:
    """A corpus held in memory; thread-safe; each write replaces the table lists atomically."""

    def __init__(self) -> None:
        self._tables: dict[str, list[Row]] = {t: [] for t in TABLES}
        self._lock = threading.Lock()

    def analyzed(self) -> dict[str, str]:
        with self._lock:
            return {r[0]: r[2] for r in self._tables["documents"]}

    def start_run(self, run: Row) -> None:
        if len(run) != len(TABLES["runs"]):
            raise QueryError(f"a runs row has {len(TABLES['runs'])} values, got {len(run)}")
        with self._lock:
            self._tables["runs"] = [*self._tables["runs"], tuple(run)]

    def finish_run(self, run_id: str, status: str, counts: Mapping[str, int]) -> None:
        now = datetime.now(UTC).replace(tzinfo=None)
        with self._lock:
            rows = []
            for r in self._tables["runs"]:
                if r[0] == run_id:
                    r = (*r[:2], now, status, *r[4:9], counts.get("read", 0), counts.get("analyzed", 0),
                         counts.get("skipped", 0), counts.get("failed", 0))
                rows.append(r)
            self._tables["runs"] = rows

    def write_batch(self, batch: Batch) -> None:
        for rows in batch.documents.values():
            for table, table_rows in rows.items():
                width = len(table_columns(table))
                if any(len(r) != width for r in table_rows):
                    raise QueryError(f"a {table} row must have {width} values")
        ids = set(batch.documents)
        with self._lock:
            new = {t: [r for r in self._tables[t] if r[0] not in ids] for t in DOCUMENT_TABLES}
            for rows in batch.documents.values():
                for table in DOCUMENT_TABLES:
                    new[table].extend(tuple(r) for r in rows.get(table, ()))
            new["errors"] = [*self._tables["errors"], *map(tuple, batch.errors)]
            self._tables.update(new)

    def replace_derived(self, tables: Mapping[str, Sequence[Row]], state: Mapping[str, Any]) -> None:
        with self._lock:
            for table, rows in tables.items():
                table_columns(table)
                self._tables[table] = [tuple(r) for r in rows]
            kept = [r for r in self._tables["corpus_state"] if r[0] not in state]
            self._tables["corpus_state"] = kept + [(k, json.dumps(v)) for k, v in state.items()]

    def state(self, key: str) -> Any:
        with self._lock:
            for k, v in self._tables["corpus_state"]:
                if k == key:
                    return json.loads(v) if v is not None else None
        return None

    def count(self, table: str) -> int:
        table_columns(table)
        return len(self._tables[table])

    def iter_rows(self, table: str, columns: Sequence[str] | None = None, batch_size: int = 10_000) -> Iterator[Row]:
        known = table_columns(table)
        if not columns:
            yield from list(self._tables[table])
            return
        bad = [c for c in columns if c not in known]
        if bad:
            raise QueryError(f"table {table!r} has no column(s) {bad}")
        pos = [known.index(c) for c in columns]
        for r in list(self._tables[table]):
            yield tuple(r[i] for i in pos)

    def document(self, doc_id: str) -> Document | None:
        with self._lock:
            docs = [r for r in self._tables["documents"] if r[0] == doc_id]
            if not docs:
                return None
            text = docs[0][table_columns("documents").index("text")]
            meta = sorted((r[1], r[2]) for r in self._tables["metadata"] if r[0] == doc_id)
            spans = sorted((r for r in self._tables["spans"] if r[0] == doc_id), key=lambda r: (r[1], r[2]))
            labels = sorted((r[1], r[2]) for r in self._tables["labels"] if r[0] == doc_id)
        return document_from_rows(text, meta, [r[1:2] + r[3:] for r in spans], labels)

    def _sql(self) -> Any:
        from unspun.store.duckdb import DuckDBRepository

        sql = DuckDBRepository(":memory:")
        with self._lock:
            snapshot = {t: list(rows) for t, rows in self._tables.items()}
        with sql._connection() as con:
            for table, rows in snapshot.items():
                sql._insert(con, table, rows)
        return sql

    def query(self, sql: str, params: Sequence[Any] | None = None) -> QueryResult:
        engine = self._sql()
        try:
            return engine.query(sql, params)
        finally:
            engine.close()

    def export_table(self, table: str, path: str, fmt: str) -> int:
        engine = self._sql()
        try:
            return engine.export_table(table, path, fmt)
        finally:
            engine.close()

    def close(self) -> None:
        """Nothing to release; kept for the interface."""
