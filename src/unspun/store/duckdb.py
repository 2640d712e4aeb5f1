"""The DuckDB backend: one embedded file, one writer process, readers between commits.

DuckDB lets one process open a file for writing, or many processes open it read-only, never both at
once. So the writer does not hold the file: with ``hold=False`` (what ``unspun ingest`` uses) it opens
the database for each commit and closes it straight after, and readers (``unspun query``, ``unspun sql``,
``unspun export``) open it read-only in between. Whoever finds the file locked waits and retries
(``lock_timeout_s``), so a query during an ingest waits at most one commit. Each batch is one
transaction: after a crash DuckDB's write-ahead log restores every committed batch and nothing else.

Closing the file checkpoints it, and each commit's rows become a small row group that the checkpoint
later merges with its neighbours ("vacuum"). DuckDB merges a trailing run of row groups only once it
doubles the first, up to three row groups of ``ROW_GROUP_SIZE`` rows; with the default size (122,880)
a merge rewrites about the whole ``documents`` table (every text) at each doubling, so the writer's
peak memory grows with the corpus. The writer therefore attaches the file with a small row-group size
(:data:`WRITER_ROW_GROUP_SIZE`), which bounds what one checkpoint rewrites, whatever the corpus size.
Small row groups are rarely rewritten, so the partly filled last block of each checkpoint stays as it
is; a new file gets smaller blocks (:data:`NEW_FILE_BLOCK_SIZE`) to waste less of it. Readers need
nothing special: row-group and block sizes are the file's own.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from unspun.document import Document
from unspun.store import migrations
from unspun.store.errors import QueryError, SchemaVersionError, StoreLockedError, StoreNotFoundError
from unspun.store.repository import Batch, QueryResult
from unspun.store.rows import Row, document_from_rows
from unspun.store.schema import DOCUMENT_TABLES, TABLES
from unspun.store.schema import columns as table_columns

#: How long a reader waits for a writer's commit before giving up: a commit takes well under a second,
#: so 60 s only runs out when something holds the file for good (another program, a stuck process).
READER_LOCK_TIMEOUT_S = 60.0
#: A writer waits longer: a long analytical query may hold a read-only connection for minutes.
WRITER_LOCK_TIMEOUT_S = 600.0
EXPORT_FORMATS = ("parquet", "csv", "jsonl")
#: DuckDB threads of a writing connection. A commit inserts a few thousand rows: one thread does it in
#: milliseconds, leaves the cores to the analysis workers, and keeps the writer's memory from growing
#: with per-thread arenas.
WRITER_THREADS = 1
#: Rows per row group written by the writer (DuckDB's smallest: its vector size). A checkpoint merges at
#: most three row groups, so it holds a few thousand rows in memory instead of the whole growing table;
#: see the module docstring.
WRITER_ROW_GROUP_SIZE = 2048
#: Block size of a new corpus file (DuckDB's default: 256 KiB). Each checkpoint leaves its last, partly
#: filled block as it is, and small row groups are not rewritten later, so smaller blocks waste less.
NEW_FILE_BLOCK_SIZE = 131_072
#: Name of the attached corpus inside the writer's connection (its default catalog, set by ``USE``).
_WRITER_CATALOG = "corpus"


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _is_lock_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


class DuckDBRepository:
    """A corpus in a DuckDB file (or ``":memory:"``). See the module docstring for the locking scheme."""

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        hold: bool = True,
        lock_timeout_s: float | None = None,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.in_memory = self.path == ":memory:"
        self.hold = hold or self.in_memory
        self.lock_timeout_s = lock_timeout_s if lock_timeout_s is not None else (
            READER_LOCK_TIMEOUT_S if read_only else WRITER_LOCK_TIMEOUT_S
        )
        self._con: duckdb.DuckDBPyConnection | None = None
        self._types: dict[str, dict[str, str]] = {}
        if read_only and not self.in_memory and not Path(self.path).is_file():
            raise StoreNotFoundError(
                f"no corpus database at {self.path}", hint="create one with: unspun ingest SOURCES --db " + self.path
            )
        with self._connection() as con:
            if read_only:
                self._check_version(con)
            else:
                self._migrate(con)
            self._types = self._column_types(con)

    # --- connections ------------------------------------------------------------------------
    def _open(self) -> duckdb.DuckDBPyConnection:
        delay, deadline = 0.02, time.monotonic() + self.lock_timeout_s
        while True:
            try:
                if self.read_only:
                    return duckdb.connect(self.path, read_only=True)
                if self.in_memory:
                    return duckdb.connect(self.path, config={"threads": WRITER_THREADS})
                return _attach_writer(self.path)
            except duckdb.IOException as exc:
                if not _is_lock_error(exc):
                    raise QueryError(f"cannot open {self.path}: {exc}") from exc
                if time.monotonic() >= deadline:
                    raise StoreLockedError(
                        f"{self.path} stayed locked by another process for {self.lock_timeout_s:.0f} s",
                        hint="is another `unspun ingest` or a long query using it? wait, or stop it",
                    ) from exc
                time.sleep(delay)
                delay = min(delay * 1.5, 0.5)

    @contextlib.contextmanager
    def _connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._con is not None:
            yield self._con
            return
        con = self._open()
        if self.hold:
            self._con = con
            yield con
            return
        try:
            yield con
        finally:
            con.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> DuckDBRepository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema -----------------------------------------------------------------------------
    def _migrate(self, con: duckdb.DuckDBPyConnection) -> None:
        con.execute(migrations.BOOKKEEPING_SQL)
        applied = {v for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}
        if applied and max(applied) > migrations.latest_version():
            raise SchemaVersionError(
                f"{self.path} has schema version {max(applied)}, newer than this unspun knows "
                f"({migrations.latest_version()})",
                hint="upgrade unspun",
            )
        for m in migrations.available():
            if m.version in applied:
                continue
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute(m.sql)
                con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [m.version, m.name, _utcnow()])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def _check_version(self, con: duckdb.DuckDBPyConnection) -> None:
        try:
            (version,) = con.execute("SELECT max(version) FROM schema_migrations").fetchone() or (None,)
        except duckdb.CatalogException:
            version = None
        if version is None:
            raise SchemaVersionError(
                f"{self.path} is not an unspun corpus yet (no schema)",
                hint="if an ingest was stopped while creating it, run `unspun ingest` again",
            )
        if version != migrations.latest_version():
            newer = version > migrations.latest_version()
            raise SchemaVersionError(
                f"{self.path} has schema version {version}; this unspun uses {migrations.latest_version()}",
                hint="upgrade unspun" if newer else f"migrate it once with: unspun ingest --db {self.path}",
            )

    @staticmethod
    def _column_types(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
        types: dict[str, dict[str, str]] = {}
        for table, column, dtype in con.execute(
            "SELECT table_name, column_name, data_type FROM duckdb_columns() "
            "WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal"
        ).fetchall():
            types.setdefault(table, {})[column] = dtype
        return types

    def schema_version(self) -> int:
        with self._connection() as con:
            return int(con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0])

    # --- writes -----------------------------------------------------------------------------
    def _insert(self, con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Row]) -> None:
        if not rows:
            return
        cols = table_columns(table)
        types = self._types[table]
        select = ", ".join(f"unnest(${i + 1}::{types[c]}[])" for i, c in enumerate(cols))
        values = [list(col) for col in zip(*rows, strict=True)]
        con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select}", values)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self._require_writable()
        with self._connection() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def _require_writable(self) -> None:
        if self.read_only:
            raise QueryError(f"{self.path} is open read-only")

    def start_run(self, run: Row) -> None:
        with self._transaction() as con:
            self._insert(con, "runs", [run])

    def finish_run(self, run_id: str, status: str, counts: Mapping[str, int]) -> None:
        with self._transaction() as con:
            con.execute(
                "UPDATE runs SET finished_at = ?, status = ?, n_read = ?, n_analyzed = ?, n_skipped = ?, "
                "n_failed = ? WHERE run_id = ?",
                [_utcnow(), status, counts.get("read", 0), counts.get("analyzed", 0), counts.get("skipped", 0),
                 counts.get("failed", 0), run_id],
            )

    def write_batch(self, batch: Batch) -> None:
        ids = list(batch.documents)
        with self._transaction() as con:
            if ids:
                existing = [r[0] for r in con.execute(
                    "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest($1::VARCHAR[]))", [ids]
                ).fetchall()]
                if existing:
                    for table in DOCUMENT_TABLES:
                        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest($1::VARCHAR[]))",
                                    [existing])
                for table in DOCUMENT_TABLES:
                    self._insert(con, table, [r for rows in batch.documents.values() for r in rows.get(table, ())])
            self._insert(con, "errors", batch.errors)

    def replace_derived(self, tables: Mapping[str, Sequence[Row]], state: Mapping[str, Any]) -> None:
        with self._transaction() as con:
            for table, rows in tables.items():
                table_columns(table)
                con.execute(f"DELETE FROM {table}")
                self._insert(con, table, rows)
            for key, value in state.items():
                con.execute("DELETE FROM corpus_state WHERE key = ?", [key])
                self._insert(con, "corpus_state", [(key, json.dumps(value))])

    # --- reads ------------------------------------------------------------------------------
    def analyzed(self) -> dict[str, str]:
        with self._connection() as con:
            return dict(con.execute("SELECT doc_id, pipeline FROM documents").fetchall())

    def state(self, key: str) -> Any:
        with self._connection() as con:
            row = con.execute("SELECT value FROM corpus_state WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row and row[0] is not None else None

    def count(self, table: str) -> int:
        table_columns(table)
        with self._connection() as con:
            return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def iter_rows(self, table: str, columns: Sequence[str] | None = None, batch_size: int = 10_000) -> Iterator[Row]:
        known = table_columns(table)
        cols = tuple(columns) if columns else known
        bad = [c for c in cols if c not in known]
        if bad:
            raise QueryError(f"table {table!r} has no column(s) {bad}", hint=f"columns: {', '.join(known)}")
        with self._connection() as con:
            cur = con.cursor()
            try:
                if not (self.read_only or self.in_memory):
                    cur.execute(f"USE {_WRITER_CATALOG}")  # a cursor starts in the writer's empty :memory:
                cur.execute(f"SELECT {', '.join(cols)} FROM {table}")
                while chunk := cur.fetchmany(batch_size):
                    yield from chunk
            finally:
                cur.close()

    def document(self, doc_id: str) -> Document | None:
        with self._connection() as con:
            row = con.execute("SELECT text FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
            if row is None:
                return None
            meta = con.execute("SELECT key, value FROM metadata WHERE doc_id = ? ORDER BY key", [doc_id]).fetchall()
            spans = con.execute(
                "SELECT layer, start_char, end_char, label, score, attrs FROM spans WHERE doc_id = ? "
                "ORDER BY layer, idx", [doc_id]).fetchall()
            labels = con.execute("SELECT name, value FROM labels WHERE doc_id = ? ORDER BY name", [doc_id]).fetchall()
        return document_from_rows(row[0], meta, spans, labels)

    def query(self, sql: str, params: Sequence[Any] | None = None) -> QueryResult:
        with self._connection() as con:
            try:
                cur = con.execute(sql, list(params) if params else None)
            except duckdb.Error as exc:
                raise QueryError(f"query failed: {str(exc).splitlines()[0]}") from exc
            if cur.description is None:
                return QueryResult((), [])
            return QueryResult(tuple(d[0] for d in cur.description), cur.fetchall())

    def export_table(self, table: str, path: str, fmt: str) -> int:
        table_columns(table)
        options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json"}
        if fmt not in options:
            raise QueryError(f"unknown export format {fmt!r}", hint=f"choose from {', '.join(EXPORT_FORMATS)}")
        with self._connection() as con:
            con.execute(f"COPY (SELECT * FROM {table}) TO '{_quote(path)}' ({options[fmt]})")
            return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def table_comments(self) -> list[tuple[str, str | None, list[tuple[str, str, bool, str | None]]]]:
        """Schema introspection for the data dictionary: ``(table, comment, [(column, type, nullable, comment)])``."""
        with self._connection() as con:
            tables = con.execute(
                "SELECT table_name, comment FROM duckdb_tables() "
                "WHERE database_name = current_database() AND schema_name = 'main' ORDER BY table_name"
            ).fetchall()
            cols = con.execute(
                "SELECT table_name, column_name, data_type, is_nullable, comment FROM duckdb_columns() "
                "WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal "
                "ORDER BY table_name, column_index"
            ).fetchall()
        by_table: dict[str, list[tuple[str, str, bool, str | None]]] = {}
        for t, c, dtype, nullable, comment in cols:
            by_table.setdefault(t, []).append((c, dtype, bool(nullable), comment))
        return [(t, comment, by_table.get(t, [])) for t, comment in tables]


def _attach_writer(path: str) -> duckdb.DuckDBPyConnection:
    """A writing connection to ``path`` with small row groups (see the module docstring)."""
    con = duckdb.connect(":memory:", config={"threads": WRITER_THREADS})
    try:
        new = "" if Path(path).exists() else f", BLOCK_SIZE {NEW_FILE_BLOCK_SIZE}"  # fixed when the file is created
        con.execute(f"ATTACH '{_quote(path)}' AS {_WRITER_CATALOG} (ROW_GROUP_SIZE {WRITER_ROW_GROUP_SIZE}{new})")
        con.execute(f"USE {_WRITER_CATALOG}")
    except BaseException:
        con.close()
        raise
    return con


def _quote(path: str) -> str:
    return str(path).replace("'", "''")


__all__ = ["EXPORT_FORMATS", "TABLES", "DuckDBRepository"]
