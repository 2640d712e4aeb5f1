"""What each analysis worker does with a batch: run the pipeline, flatten to rows, sign the body.

Runs in worker processes (or in-process with one worker). The pipeline is built once per process by
:func:`init`. A document that makes the pipeline raise becomes an error record; the rest of its batch
is analysed one by one, so a bad document never costs its neighbours.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from unspun.config import PipelineOptions
from unspun.corpus.minhash import document_signature
from unspun.document import Document
from unspun.store.rows import DocumentIdentity, Row, document_rows

_STATE: dict[str, Any] = {}


@dataclass(frozen=True)
class Task:
    """One document to analyse: its identity, source name and the Document as read."""

    identity: DocumentIdentity
    source: str
    doc: Document


@dataclass(frozen=True)
class Done:
    identity: DocumentIdentity
    rows: dict[str, list[Row]]


@dataclass(frozen=True)
class Failed:
    identity: DocumentIdentity
    source: str
    error_type: str
    message: str


def init(options: PipelineOptions, analyzers: Sequence[tuple[str, str]] = ()) -> None:
    """Build this process's pipeline; ``analyzers`` registers extra ``(name, "module:Class")`` first."""
    from unspun.api import load_pipeline
    from unspun.pipeline import registry

    for name, target in analyzers:
        registry.register(name, target)
    _STATE["pipeline"] = load_pipeline(options)
    _STATE["batch_size"] = options.batch_size


def describe() -> tuple[str, list[str]]:
    """``(fingerprint, stage names)`` of this process's pipeline."""
    pipeline = _STATE["pipeline"]
    return pipeline.fingerprint, list(pipeline.names)


def _done(task: Task, doc: Document, run_id: str) -> Done:
    raw, n_shingles = document_signature(doc)
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = document_rows(doc, task.identity, run_id=run_id, analyzed_at=now, minhash=raw, n_shingles=n_shingles)
    return Done(task.identity, rows)


def _failed(task: Task, exc: BaseException) -> Failed:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})" if where else ""
    return Failed(task.identity, task.source, type(exc).__name__, f"{exc}{at}")


def analyze_batch(tasks: Sequence[Task], run_id: str) -> list[Done | Failed]:
    """Analyse a batch; each document ends as :class:`Done` (with its rows) or :class:`Failed`."""
    pipeline = _STATE["pipeline"]
    copies = [t.doc.copy() for t in tasks]
    try:
        analysed = list(pipeline.pipe(copies, batch_size=max(1, len(tasks))))
        if len(analysed) != len(tasks):
            raise RuntimeError(f"the pipeline returned {len(analysed)} documents for {len(tasks)}")
        return [_done(t, d, run_id) for t, d in zip(tasks, analysed, strict=True)]
    except Exception:
        pass  # find the culprit: one by one, from fresh copies
    out: list[Done | Failed] = []
    for task in tasks:
        try:
            out.append(_done(task, pipeline(task.doc.copy()), run_id))
        except Exception as exc:
            out.append(_failed(task, exc))
    return out
