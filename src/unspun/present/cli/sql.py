"""``unspun sql "SELECT …"``: any read-only SQL over a corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from unspun.present.cli.groups import app
from unspun.present.cli.query import DB_HELP, write_result


@app.command(no_args_is_help=True)
def sql(
    statement: Annotated[str, typer.Argument(help="One SQL statement (DuckDB dialect).", show_default=False)],
    db: Annotated[Path, typer.Option("--db", help=DB_HELP, dir_okay=False)] = Path("corpus.duckdb"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output: table, csv or json.")] = "table",
) -> None:
    """Run read-only SQL over a corpus. docs/data-dictionary.md describes every table and column.

    Examples:

      unspun sql "SELECT outlet, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC" --db corpus.duckdb

      unspun sql "SELECT * FROM errors" --db corpus.duckdb -f csv > errors.csv
    """
    from unspun.store import open_repository

    repo = open_repository(db, read_only=True)
    try:
        write_result(repo.query(statement), fmt)
    finally:
        repo.close()
