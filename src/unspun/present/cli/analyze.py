"""``unspun analyze``: read articles, run the pipeline, write reports."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from unspun.config import DEFAULT_MAX_BYTES, IngestOptions, PipelineOptions
from unspun.document import Document
from unspun.errors import ConfigError, InputError
from unspun.present.cli.groups import app
from unspun.present.report import EXTENSIONS, FORMATS, render

_URL = re.compile(r"^https?://", re.IGNORECASE)


def parse_formats(value: str) -> list[str]:
    """``"html,json"`` -> ``["html", "json"]``, checked against the known formats."""
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise ConfigError(f"unknown format {', '.join(bad) or value!r}", hint=f"choose from {', '.join(FORMATS)}")
    return formats


def output_stem(source: str) -> str:
    """A file name stem for a source: the file's stem, or a slug plus a short hash for URLs and stdin."""
    if source == "-":
        return "stdin"
    if _URL.match(source):
        slug = re.sub(r"[^A-Za-z0-9]+", "-", source.split("://", 1)[1]).strip("-")[:60]
        return f"{slug}-{hashlib.sha256(source.encode()).hexdigest()[:8]}"
    return Path(source).stem or "document"


def read_source(source: str, options: IngestOptions) -> Document:
    """One command-line source (path, URL or ``-`` for stdin) as a Document."""
    from unspun import ingest

    if source == "-":
        data = sys.stdin.buffer.read(options.max_bytes + 1)
        return ingest.from_bytes(data, name="stdin", options=options)
    if _URL.match(source):
        return ingest.from_url(source, options=options)
    return ingest.from_path(source, options=options)


@app.command(no_args_is_help=True)
def analyze(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Articles to analyze: files (.txt, .md, .html), http(s) URLs, or '-' for stdin.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Report format(s), comma-separated: text (terminal summary), json (the full Document), "
            "md (Markdown), html (self-contained page).",
        ),
    ] = "text",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write one file per article and format into this folder, "
                     "instead of printing to stdout.", file_okay=False),
    ] = None,
    stages: Annotated[
        str | None,
        typer.Option(help="Comma-separated analyzers to run, in order (default: all). "
                     "See 'unspun analyzers'."),
    ] = None,
    lang: Annotated[str | None, typer.Option(help="Force the language (ISO 639-1) instead of detecting it.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse inputs larger than this many bytes.")] = DEFAULT_MAX_BYTES,
    allow_private_network: Annotated[
        bool, typer.Option(help="Allow URLs that resolve to loopback or private addresses (off for safety).")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="With --out, print no summary.")] = False,
) -> None:
    """Analyze articles and report provenance, quotes, claims and persuasion techniques.

    Examples:

      unspun analyze article.txt                      # terminal summary

      unspun analyze article.html -f json > doc.json  # the full Document as JSON

      unspun analyze *.txt -f html,json -o out/       # one report per article

      curl -s URL | unspun analyze - -f md            # from stdin

    Exit codes: 0 ok, 2 usage, 3 bad input (every readable input is still analyzed), 4 model problem.
    """
    formats = parse_formats(fmt)
    if out is None and len(formats) > 1:
        raise ConfigError("several formats need --out DIR", hint="or give one --format")
    if out is None and len(sources) > 1 and formats[0] == "html":
        raise ConfigError("several HTML reports need --out DIR")
    ingest_options = IngestOptions(max_bytes=max_bytes, allow_private_network=allow_private_network, language=lang)
    pipeline_options = PipelineOptions(
        stages=tuple(s.strip() for s in stages.split(",") if s.strip()) if stages is not None else None
    )
    from unspun.api import load_pipeline

    pipeline = load_pipeline(pipeline_options)
    failures: list[tuple[str, InputError]] = []
    written: list[Path] = []
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    show_progress = len(sources) > 1 and sys.stderr.isatty()
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        disable=not show_progress,
        transient=True,
    ) as progress:
        task = progress.add_task("analyzing", total=len(sources))
        for source in sources:
            try:
                doc = pipeline(read_source(source, ingest_options))
            except InputError as exc:
                failures.append((source, exc))
                sys.stderr.write(f"unspun: error: {exc}\n")
                progress.advance(task)
                continue
            if out is None:
                text = render(doc, formats[0])
                if formats[0] == "json" and len(sources) > 1:
                    text = doc.to_json() + "\n"  # JSON Lines for several documents
                sys.stdout.write(text)
            else:
                stem = output_stem(source)
                for f in formats:
                    path = out / f"{stem}.{EXTENSIONS[f]}"
                    path.write_text(render(doc, f), encoding="utf-8")
                    written.append(path)
                if not quiet:
                    sys.stdout.write(render(doc, "text"))
            progress.advance(task)
    for path in written:
        sys.stderr.write(f"wrote {path}\n")
    if failures:
        if len(sources) > 1:
            sys.stderr.write(f"unspun: {len(failures)} of {len(sources)} inputs failed\n")
        raise typer.Exit(code=failures[0][1].exit_code)
