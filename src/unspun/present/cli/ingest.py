"""``unspun ingest``: a thin wrapper over :func:`unspun.corpus.run_ingest`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from unspun.config import DEFAULT_MAX_BYTES, IngestOptions, PipelineOptions
from unspun.present.cli.groups import app

DB_HELP = "The corpus database (a DuckDB file; created when missing)."


def _stages(value: str | None) -> tuple[str, ...] | None:
    return tuple(s.strip() for s in value.split(",") if s.strip()) if value is not None else None


@app.command()
def ingest(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Folders, globs, files, JSONL, WARC, feeds or URLs to add to the corpus.",
                       show_default=False),
    ] = None,
    db: Annotated[Path, typer.Option("--db", help=DB_HELP, dir_okay=False)] = Path("corpus.duckdb"),
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=0,
                                  help="Analysis processes (default: one per CPU; 0 analyses in this process, "
                                  "for debugging).")
    ] = None,
    reanalyze: Annotated[
        bool, typer.Option("--reanalyze", help="Redo documents stored by an older pipeline (otherwise skipped).")
    ] = False,
    stages: Annotated[
        str | None, typer.Option(help="Comma-separated analyzers to run, in order (default: all).")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per worker task.")] = 16,
    commit_docs: Annotated[int, typer.Option(min=1, help="Documents per database commit.")] = 64,
    republication: Annotated[
        bool, typer.Option("--republication/--no-republication", help="Recompute republication clusters at the end.")
    ] = True,
    lang: Annotated[str | None, typer.Option(help="Force the language (ISO 639-1) instead of detecting it.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse inputs larger than this many bytes.")] = DEFAULT_MAX_BYTES,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with code 3 when any document failed.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Analyse many articles into a corpus database, in parallel, resumably.

    Re-running the same command skips what is already stored, so an interrupted or killed run simply continues.

    Errors are logged per document (table `errors`) and summarised at the end; a bad document never stops the run.

    `unspun query`, `unspun sql` and `unspun export` can read the database while an ingest runs. See docs/corpus.md.

    Examples:

      unspun ingest articles/ --db corpus.duckdb

      unspun ingest 'dumps/*.jsonl' crawl.warc.gz --db corpus.duckdb --workers 4

      unspun ingest articles/ --db corpus.duckdb --reanalyze  # after an upgrade
    """
    from unspun.corpus import CorpusOptions, run_ingest
    from unspun.corpus.progress import RichProgress

    console = Console(stderr=True)
    progress = RichProgress(console, disable=quiet or not console.is_terminal)
    summary = run_ingest(
        list(sources or []),
        db,
        options=CorpusOptions(workers=workers, batch_size=batch_size, commit_docs=commit_docs,
                              reanalyze=reanalyze, republication=republication),
        pipeline=PipelineOptions(stages=_stages(stages)),
        ingest=IngestOptions(max_bytes=max_bytes, language=lang),
        progress=progress,
    )
    out = Console(file=sys.stdout, soft_wrap=True)
    table = Table(title=f"ingest into {db} · run {summary.run_id}", show_header=False, box=None)
    table.add_row("read", f"{summary.read:,}")
    n = summary.workers
    where = "in this process" if n == 0 else f"{n} worker" + ("s" if n > 1 else "")
    table.add_row("analysed", f"{summary.analyzed:,}  ({summary.docs_per_s:,.1f} docs/s, {where})")
    table.add_row("skipped", f"{summary.skipped:,} already stored"
                  + (f", of which {summary.stale:,} by an older pipeline (use --reanalyze)" if summary.stale else ""))
    failed = ", ".join(f"{k} {v}" for k, v in sorted(summary.error_types.items(), key=lambda kv: -kv[1]))
    table.add_row("failed", f"{summary.failed:,}" + (f"  ({failed})" if failed else ""))
    if summary.clusters is not None:
        table.add_row("republication", f"{summary.clusters:,} clusters (unspun query republication --db {db})")
    table.add_row("time", f"{summary.elapsed_s:,.1f} s")
    out.print(table)
    for stage, source, error_type, message in summary.errors:
        out.print(f"  {stage} error · {source} · {error_type}: {message}", highlight=False, markup=False)
    if summary.failed > len(summary.errors):
        out.print(f"  … and {summary.failed - len(summary.errors)} more: "
                  f"unspun sql \"SELECT * FROM errors WHERE run_id = '{summary.run_id}'\" --db {db}",
                  highlight=False, markup=False)
    if strict and summary.failed:
        raise typer.Exit(code=3)
