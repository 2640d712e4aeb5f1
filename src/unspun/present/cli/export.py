"""``unspun export``: a corpus's tables as Parquet, CSV or JSON Lines, with the data dictionary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from unspun.present.cli.groups import app
from unspun.present.cli.query import DB_HELP


@app.command()
def export(
    db: Annotated[Path, typer.Option("--db", help=DB_HELP, dir_okay=False)] = Path("corpus.duckdb"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet, csv or jsonl.")] = "parquet",
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.", file_okay=False)] = Path("export"),
    tables: Annotated[
        list[str] | None, typer.Option("--table", "-t", help="Only this table (repeatable; default: all).")
    ] = None,
) -> None:
    """Export every table (one file each) and data-dictionary.md into a folder.

    Examples:

      unspun export --db corpus.duckdb --format parquet --out corpus-parquet/

      unspun export --db corpus.duckdb --format csv -t documents -t claims --out csv/
    """
    from unspun.corpus.export import export_corpus
    from unspun.store import open_repository

    repo = open_repository(db, read_only=True)
    try:
        counts = export_corpus(repo, out, fmt, tables)
    finally:
        repo.close()
    for table, n in counts.items():
        sys.stderr.write(f"wrote {out / table}.{fmt} ({n:,} rows)\n")
    sys.stderr.write(f"wrote {out / 'data-dictionary.md'}\n")
