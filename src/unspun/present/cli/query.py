"""``unspun query PRESET``: the preset corpus queries, printed as a table, CSV or JSON."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from unspun.errors import ConfigError
from unspun.present.cli.groups import app
from unspun.store import QueryResult

OUTPUT_FORMATS = ("table", "csv", "json")
DB_HELP = "The corpus database written by `unspun ingest`."

query_app = typer.Typer(
    help="Preset questions over a corpus (see also `unspun sql`). Readable while an ingest runs.",
    no_args_is_help=True,
)
app.add_typer(query_app, name="query")

DbOption = Annotated[Path, typer.Option("--db", help=DB_HELP, dir_okay=False)]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="Output: table, csv or json.")]
LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many rows.")]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return value


def write_result(result: QueryResult, fmt: str) -> None:
    """Print a query result to stdout in ``fmt`` (table, csv or json)."""
    if fmt not in OUTPUT_FORMATS:
        raise ConfigError(f"unknown output format {fmt!r}", hint=f"choose from {', '.join(OUTPUT_FORMATS)}")
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[_plain(v) for v in row] for row in result.rows])
    elif fmt == "json":
        records = [{k: _plain(v) for k, v in r.items()} for r in result.records()]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*result.columns, show_lines=False)
        for row in result.rows:
            table.add_row(*["" if v is None else str(_plain(v)) for v in row])
        Console(file=sys.stdout).print(table)
        sys.stderr.write(f"{len(result.rows)} row(s)\n")


def _open(db: Path) -> Any:
    from unspun.store import open_repository

    return open_repository(db, read_only=True)


def _preset(name: str, db: Path, fmt: str, limit: int) -> None:
    from unspun.corpus.queries import run_preset

    repo = _open(db)
    try:
        write_result(run_preset(repo, name, limit), fmt)
    finally:
        repo.close()


@query_app.command("techniques-by-outlet")
def techniques_by_outlet(db: DbOption = Path("corpus.duckdb"), fmt: FormatOption = "table",
                         limit: LimitOption = 100) -> None:
    """Persuasion techniques per outlet: documents, share of the outlet's documents, paragraphs, spans."""
    _preset("techniques-by-outlet", db, fmt, limit)


@query_app.command("top-claims")
def top_claims(db: DbOption = Path("corpus.duckdb"), fmt: FormatOption = "table", limit: LimitOption = 50) -> None:
    """Claims repeated across documents and outlets, most widespread first, with when first seen."""
    _preset("top-claims", db, fmt, limit)


@query_app.command("speakers")
def speakers(db: DbOption = Path("corpus.duckdb"), fmt: FormatOption = "table", limit: LimitOption = 50) -> None:
    """Who is quoted, how often, directly or not, in how many documents and outlets."""
    _preset("speakers", db, fmt, limit)


@query_app.command("actor-pairs")
def actor_pairs(db: DbOption = Path("corpus.duckdb"), fmt: FormatOption = "table", limit: LimitOption = 50) -> None:
    """Actors named together in the same documents, most frequent pairs first."""
    _preset("actor-pairs", db, fmt, limit)


@query_app.command("republication")
def republication(
    db: DbOption = Path("corpus.duckdb"),
    fmt: FormatOption = "table",
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many clusters.")] = 20,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Recompute the clusters first (needs write access: not during an ingest).")
    ] = False,
) -> None:
    """Articles republished across the corpus: clusters of copies, the earliest dated copy first.

    Each row is one copy: its relation to the earliest (near_duplicate, contained, contains) and evidence.

    Clusters are computed at the end of each `unspun ingest`; --refresh recomputes them.
    """
    from unspun.corpus.republication import is_stale, update_republication
    from unspun.store import open_repository

    if refresh:
        repo = open_repository(db)
        try:
            update_republication(repo)
        finally:
            repo.close()
    repo = _open(db)
    try:
        if is_stale(repo):
            sys.stderr.write("note: the clusters predate the latest documents; run with --refresh to update them\n")
    finally:
        repo.close()
    _preset("republication", db, fmt, limit)
