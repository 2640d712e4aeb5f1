"""``unspun analyze``: read articles, run the pipeline, write reports."""

from __future__ import annotations

import hashlib
import re
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from unspun.config import DEFAULT_MAX_BYTES, IngestOptions, PipelineOptions
from unspun.document import Document
from unspun.errors import ConfigError, InputError
from unspun.present.cli.groups import app
from unspun.present.cli.state import STATE
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
    """A file name stem for a source: the file's stem (plus ``#fragment`` for an item in a JSONL file or
    WARC), or a slug and a short hash for URLs."""
    if source == "-":
        return "stdin"
    if _URL.match(source):
        slug = _slug(source.split("://", 1)[1])[:60]
        return f"{slug}-{hashlib.sha256(source.encode()).hexdigest()[:8]}"
    path, _, fragment = source.partition("#")
    stem = Path(path).stem or "document"
    return f"{stem}-{_slug(fragment)[:40]}" if fragment else stem


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def iter_sources(sources: list[str], options: IngestOptions) -> Iterator[tuple[str, Document | InputError]]:
    """Each command-line source (file, folder, glob, URL, JSONL, WARC, feed, or ``-`` for stdin) as
    ``(name, Document)`` or ``(name, error)``; containers yield one pair per article."""
    from unspun import ingest

    for source in sources:
        if source == "-":
            try:
                data = sys.stdin.buffer.read(options.max_bytes + 1)
                yield "-", ingest.from_bytes(data, name="stdin", options=options)
            except InputError as exc:
                yield "-", exc
            continue
        for item in ingest.iter_documents([source], options=options):
            if isinstance(item, ingest.IngestFailure):
                yield item.source, item.error
            else:
                yield str(item.metadata.get("source") or source), item


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

    show_progress = sys.stderr.isatty() and (len(sources) > 1 or out is not None)
    multi = len(sources) > 1
    seen: dict[str, int] = {}
    total = 0
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        disable=not show_progress,
        transient=True,
    ) as progress:
        task = progress.add_task("analyzing", total=None)
        for name, item in iter_sources(sources, ingest_options):
            total += 1
            progress.advance(task)
            if isinstance(item, InputError):
                failures.append((name, item))
                if STATE.debug:
                    traceback.print_exception(item)
                sys.stderr.write(f"unspun: error: {item}\n")
                continue
            doc = pipeline(item)
            if total > 1:
                multi = True
            if out is None:
                if formats[0] == "json" and multi:
                    sys.stdout.write(doc.to_json() + "\n")  # JSON Lines for several documents
                else:
                    sys.stdout.write(render(doc, formats[0]))
                continue
            stem = output_stem(name)
            seen[stem] = seen.get(stem, 0) + 1
            if seen[stem] > 1:
                stem = f"{stem}-{seen[stem]}"
            for f in formats:
                path = out / f"{stem}.{EXTENSIONS[f]}"
                path.write_text(render(doc, f), encoding="utf-8")
                written.append(path)
            if not quiet:
                sys.stdout.write(render(doc, "text"))
    for path in written:
        sys.stderr.write(f"wrote {path}\n")
    if failures:
        if total > 1:
            sys.stderr.write(f"unspun: {len(failures)} of {total} inputs failed\n")
        raise typer.Exit(code=failures[0][1].exit_code)
