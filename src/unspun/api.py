"""The Python API: ``unspun.analyze(text=... | html=... | path=... | url=...) -> Document``."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from unspun.config import IngestOptions, PipelineOptions
from unspun.document import Document
from unspun.errors import ConfigError
from unspun.pipeline import Pipeline


@lru_cache(maxsize=4)
def _cached_pipeline(stages: tuple[str, ...]) -> Pipeline:
    return Pipeline.from_config(stages)


def load_pipeline(options: PipelineOptions | None = None) -> Pipeline:
    """Build (and, for default options, cache) the analysis pipeline."""
    options = options or PipelineOptions()
    stages = options.resolved_stages()
    if options.stage_options:
        return Pipeline.from_config(stages, options.stage_options)
    return _cached_pipeline(stages)


def read(
    text: str | None = None,
    *,
    html: str | bytes | None = None,
    path: str | Path | None = None,
    url: str | None = None,
    metadata: Mapping[str, Any] | None = None,
    ingest: IngestOptions | None = None,
) -> Document:
    """Turn exactly one of ``text``, ``html``, ``path`` or ``url`` into a Document, without analysis."""
    from unspun import ingest as readers

    given = [k for k, v in {"text": text, "html": html, "path": path, "url": url}.items() if v is not None]
    if len(given) != 1:
        raise ConfigError(f"give exactly one of text, html, path or url (got {given or 'none'})")
    options = ingest or IngestOptions()
    if text is not None:
        doc = readers.from_text(text, options=options)
    elif html is not None:
        doc = readers.from_html(html, options=options)
    elif path is not None:
        doc = readers.from_path(path, options=options)
    else:
        doc = readers.from_url(str(url), options=options)
    if metadata:
        doc.metadata.update(metadata)
    return doc


def analyze(
    text: str | None = None,
    *,
    html: str | bytes | None = None,
    path: str | Path | None = None,
    url: str | None = None,
    metadata: Mapping[str, Any] | None = None,
    ingest: IngestOptions | None = None,
    pipeline: PipelineOptions | Pipeline | None = None,
) -> Document:
    """Read one article and run the analysis pipeline over it.

    >>> doc = analyze(text="The minister said the figures were false.")  # doctest: +SKIP
    >>> [doc.span_text(s) for s in doc.layer("sentences")]  # doctest: +SKIP
    """
    doc = read(text, html=html, path=path, url=url, metadata=metadata, ingest=ingest)
    runner = pipeline if isinstance(pipeline, Pipeline) else load_pipeline(pipeline)
    return runner(doc)
