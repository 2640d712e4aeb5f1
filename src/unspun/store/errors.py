"""Typed errors of the corpus store, each with a message that says what to do."""

from __future__ import annotations

from unspun.errors import ConfigError, InputNotFoundError, UnspunError


class StoreError(UnspunError):
    """The corpus store cannot do what was asked."""


class StoreNotFoundError(StoreError, InputNotFoundError):
    """``--db`` names a file that does not exist (exit 3)."""

    exit_code = 3


class StoreLockedError(StoreError):
    """Another process holds the database for longer than we are willing to wait."""


class SchemaVersionError(StoreError, ConfigError):
    """The database was written by a newer unspun, or needs a migration a reader cannot apply (exit 2)."""

    exit_code = 2


class UnknownTableError(StoreError, ConfigError):
    """A table name that the schema does not have (exit 2)."""

    exit_code = 2


class QueryError(StoreError, ConfigError):
    """A SQL query failed: syntax, unknown column, or a write on a read-only store (exit 2)."""

    exit_code = 2
