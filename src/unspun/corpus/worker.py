"""What each analysis worker does with a batch: read files, skip stored documents, run the pipeline,
flatten to rows, sign the body.

Runs in worker processes (or in the main process with ``workers=0``). :func:`init` builds the pipeline once per
process and keeps what is already stored, so that a worker can skip a file it has just read. A document
that makes the pipeline raise becomes an error record; the rest of its batch is analysed one by one, so
a bad document never costs its neighbours.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from unspun.config import IngestOptions, PipelineOptions
from unspun.corpus import identity
from unspun.corpus.skip_index import SkipIndex
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
class ReadTask:
    """A single-article file for the worker to read first."""

    path: str


@dataclass(frozen=True)
class Skipped:
    """A document read by a worker and found already stored (``stale``: by another pipeline)."""

    identity: DocumentIdentity
    stale: bool


@dataclass(frozen=True)
class Done:
    identity: DocumentIdentity
    rows: dict[str, list[Row]]


@dataclass(frozen=True)
class Failed:
    identity: DocumentIdentity | None
    source: str
    error_type: str
    message: str
    stage: str = "analysis"


Result = Done | Failed | Skipped


def init(
    options: PipelineOptions,
    analyzers: Sequence[tuple[str, str]] = (),
    ingest: IngestOptions | None = None,
    known: SkipIndex | Mapping[str, str] | None = None,
    reanalyze: bool = False,
) -> None:
    """Build this process's pipeline; ``analyzers`` registers extra ``(name, "module:Class")`` first.

    ``known`` maps stored doc_ids to their pipeline fingerprints, for skipping files read here.
    """
    from unspun.api import load_pipeline
    from unspun.pipeline import registry

    _STATE.pop("init_error", None)
    try:
        for name, target in analyzers:
            registry.register(name, target)
        _STATE["pipeline"] = load_pipeline(options)
    except Exception as exc:  # kept and raised by the first call, so the caller sees the real error
        _STATE["init_error"] = exc
        return
    _STATE["ingest"] = ingest or IngestOptions()
    _STATE["known"] = known or {}
    _STATE["reanalyze"] = reanalyze


def _ready() -> None:
    if "init_error" in _STATE:
        raise _STATE["init_error"]


def describe() -> tuple[str, list[str]]:
    """``(fingerprint, stage names)`` of this process's pipeline (or the error that kept it from loading)."""
    _ready()
    pipeline = _STATE["pipeline"]
    return pipeline.fingerprint, list(pipeline.names)


def _done(task: Task, doc: Document, run_id: str) -> Done:
    from unspun.corpus.minhash import document_signature  # here: the main process need not import datasketch

    raw, n_shingles = document_signature(doc)
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = document_rows(doc, task.identity, run_id=run_id, analyzed_at=now, minhash=raw, n_shingles=n_shingles)
    return Done(task.identity, rows)


def _failed(task: Task, exc: BaseException) -> Failed:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})" if where else ""
    return Failed(task.identity, task.source, type(exc).__name__, f"{exc}{at}")


def classify(doc: Document, fingerprint: str, known: SkipIndex | Mapping[str, str], reanalyze: bool) -> Task | Skipped:
    """A document just read: a task to analyse, or skipped because it is stored already."""
    text_hash = identity.content_hash(doc.text)
    ident = DocumentIdentity(identity.doc_id(doc, text_hash), text_hash, fingerprint)
    stored = known.get(ident.doc_id)
    if stored == fingerprint or (stored is not None and not reanalyze):
        return Skipped(ident, stale=stored != fingerprint)
    source = str(doc.metadata.get("source") or identity.origin(doc) or "?")
    return Task(ident, source, doc)


def _read(path: str) -> list[Task | Result]:
    from unspun.ingest import IngestFailure, iter_documents

    fingerprint = _STATE["pipeline"].fingerprint
    out: list[Task | Result] = []
    for item in iter_documents([path], options=_STATE["ingest"]):
        if isinstance(item, IngestFailure):
            out.append(Failed(None, item.source, type(item.error).__name__, str(item.error), "ingest"))
        else:
            out.append(classify(item, fingerprint, _STATE["known"], _STATE["reanalyze"]))
    return out


def analyze_batch(items: Sequence[Task | ReadTask], run_id: str) -> list[Result]:
    """Read what needs reading, then analyse; each document ends as Done, Failed or Skipped."""
    _ready()
    tasks: list[Task] = []
    results: list[Result] = []
    for item in items:
        for got in _read(item.path) if isinstance(item, ReadTask) else [item]:
            (tasks if isinstance(got, Task) else results).append(got)
    return results + _analyze(tasks, run_id) if tasks else results


def _analyze(tasks: Sequence[Task], run_id: str) -> list[Result]:
    pipeline = _STATE["pipeline"]
    copies = [t.doc.copy() for t in tasks]
    try:
        analysed = list(pipeline.pipe(copies, batch_size=max(1, len(tasks))))
        if len(analysed) != len(tasks):
            raise RuntimeError(f"the pipeline returned {len(analysed)} documents for {len(tasks)}")
        return [_done(t, d, run_id) for t, d in zip(tasks, analysed, strict=True)]
    except Exception:
        pass  # find the culprit: one by one, from fresh copies
    out: list[Result] = []
    for task in tasks:
        try:
            out.append(_done(task, pipeline(task.doc.copy()), run_id))
        except Exception as exc:
            out.append(_failed(task, exc))
    return out
