"""The migrated schema matches the column lists, the data dictionary is current, versions are enforced."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO
from unspun.store import TABLES, SchemaVersionError, StoreNotFoundError, migrations, open_repository
from unspun.store.dictionary import main as dictionary_main
from unspun.store.dictionary import render_dictionary
from unspun.store.duckdb import DuckDBRepository


def test_migrated_columns_match_schema_module() -> None:
    repo = DuckDBRepository(":memory:")
    with repo._connection() as con:
        found = {}
        for table, column in con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal "
            "ORDER BY table_name, column_index"
        ).fetchall():
            found.setdefault(table, []).append(column)
    found.pop("schema_migrations")
    assert {t: tuple(c) for t, c in found.items()} == TABLES


def test_every_table_and_column_is_documented() -> None:
    repo = DuckDBRepository(":memory:")
    for table, comment, cols in repo.table_comments():
        assert comment, table
        assert all(c[3] for c in cols), (table, [c[0] for c in cols if not c[3]])


def test_data_dictionary_is_up_to_date() -> None:
    path = REPO / "docs" / "data-dictionary.md"
    assert path.read_text(encoding="utf-8") == render_dictionary(), (
        "run: python -m unspun.store.dictionary --write docs/data-dictionary.md"
    )
    assert dictionary_main(["--check", str(path)]) == 0


def test_dictionary_check_fails_on_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "dd.md"
    stale.write_text(render_dictionary().replace("`claims`", "`claim`"), encoding="utf-8")
    assert dictionary_main(["--check", str(stale)]) == 1


def test_migrations_apply_once_and_reopen(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    open_repository(db).close()
    open_repository(db).close()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT version FROM schema_migrations").fetchall() == [(migrations.latest_version(),)]
    con.close()
    reader = open_repository(db, read_only=True)
    assert reader.count("documents") == 0
    reader.close()


def test_migration_numbers_are_unique_and_sequential() -> None:
    versions = [m.version for m in migrations.available()]
    assert versions == list(range(1, len(versions) + 1))


def test_reader_refuses_missing_and_foreign_databases(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFoundError, match="unspun ingest"):
        open_repository(tmp_path / "nope.duckdb", read_only=True)
    foreign = tmp_path / "other.duckdb"
    duckdb.connect(str(foreign)).execute("CREATE TABLE t (x INTEGER)").close()
    with pytest.raises(SchemaVersionError):
        open_repository(foreign, read_only=True)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    open_repository(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_migrations VALUES (999, 'future', now())")
    con.close()
    with pytest.raises(SchemaVersionError, match="newer"):
        open_repository(db)
    with pytest.raises(SchemaVersionError, match="upgrade"):
        open_repository(db, read_only=True)
