"""The corpus store: a small repository interface (:class:`Repository`) with DuckDB and in-memory backends.

``open_repository(path)`` opens (and migrates) a DuckDB file; ``":memory:"`` gives an in-memory DuckDB,
and :class:`MemoryRepository` a pure-Python store for tests. The schema lives in numbered SQL migrations
(``store/migrations``) and is described in docs/data-dictionary.md, generated from it.
"""

from __future__ import annotations

from pathlib import Path

from unspun.store.errors import (
    QueryError,
    SchemaVersionError,
    StoreError,
    StoreLockedError,
    StoreNotFoundError,
    UnknownTableError,
)
from unspun.store.memory import MemoryRepository
from unspun.store.repository import Batch, QueryResult, Repository
from unspun.store.schema import DOCUMENT_TABLES, TABLES


def open_repository(
    path: str | Path, *, read_only: bool = False, hold: bool = True, lock_timeout_s: float | None = None
) -> Repository:
    """Open the corpus at ``path`` (a DuckDB file, created and migrated unless ``read_only``)."""
    from unspun.store.duckdb import DuckDBRepository

    return DuckDBRepository(path, read_only=read_only, hold=hold, lock_timeout_s=lock_timeout_s)


__all__ = [
    "DOCUMENT_TABLES",
    "TABLES",
    "Batch",
    "MemoryRepository",
    "QueryError",
    "QueryResult",
    "Repository",
    "SchemaVersionError",
    "StoreError",
    "StoreLockedError",
    "StoreNotFoundError",
    "UnknownTableError",
    "open_repository",
]
