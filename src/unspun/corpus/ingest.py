"""Corpus ingest: read sources, analyse in worker processes, commit to the store in atomic batches.

Stages of :func:`run_ingest`:
  1. open the store, learn what is already analysed, ask a worker for the pipeline fingerprint, and
     record the run;
  2. read the sources lazily (``unspun.ingest.iter_documents``): single-article files in the workers,
     containers (JSONL, WARC, feeds) and URLs here; skip documents already stored with this pipeline (or
     with any pipeline, unless ``reanalyze``), log unreadable sources, cut the rest into batches;
  3. analyse the batches in the process pool; commit finished documents and error rows together, one
     transaction per ``commit_docs`` documents or ``commit_interval_s`` seconds;
  4. recompute the republication clusters when documents changed, and close the run with its counts.

A SIGKILL at any point loses at most the uncommitted batches; the next run skips what was committed.
"""

from __future__ import annotations

import contextlib
import functools
import secrets
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from unspun import __version__
from unspun.config import IngestOptions, PipelineOptions
from unspun.corpus import worker
from unspun.corpus.estimate import estimate_total
from unspun.corpus.progress import IngestProgress
from unspun.corpus.skip_index import SkipIndex
from unspun.corpus.sources import FileSource, split_sources
from unspun.errors import ConfigError, UnspunError
from unspun.scale import LocalPool, Outcome, default_workers
from unspun.store import Batch, Repository, open_repository

#: Documents per worker task. Small enough that two workers stay busy on short corpora and a crash loses
#: little; large enough for spaCy's ``nlp.pipe`` batching and to amortise pickling.
DEFAULT_BATCH_SIZE = 16
#: Documents per store commit. Each commit reopens the DuckDB file (so readers get a turn) and costs
#: tens of milliseconds; 64 documents of analysis take seconds, so commits stay a small overhead.
DEFAULT_COMMIT_DOCS = 64
#: Commit at least this often, so that a slow pipeline still shows progress to readers and loses little.
DEFAULT_COMMIT_INTERVAL_S = 5.0
#: Errors kept in the summary (all of them go to the store's ``errors`` table).
SUMMARY_ERRORS = 20


@dataclass(frozen=True)
class CorpusOptions:
    """How a corpus run is scheduled and what it redoes."""

    workers: int | None = None  # None: one per CPU; 0: analyse in this process (debugging)
    batch_size: int = DEFAULT_BATCH_SIZE
    commit_docs: int = DEFAULT_COMMIT_DOCS
    commit_interval_s: float = DEFAULT_COMMIT_INTERVAL_S
    reanalyze: bool = False
    republication: bool = True
    analyzers: tuple[tuple[str, str], ...] = ()  # extra (name, "module:Class") registered in each worker

    def __post_init__(self) -> None:
        if self.workers is not None and self.workers < 0:
            raise ConfigError(f"workers must be 0 (in this process) or more, got {self.workers}")
        if self.batch_size < 1 or self.commit_docs < 1:
            raise ConfigError("batch_size and commit_docs must be at least 1")

    def resolved_workers(self) -> int:
        return default_workers() if self.workers is None else self.workers


@dataclass
class IngestSummary:
    """What a run did. ``errors`` holds the first few ``(stage, source, error_type, message)``."""

    run_id: str
    pipeline: str
    stages: list[str]
    workers: int
    read: int = 0
    analyzed: int = 0
    skipped: int = 0
    stale: int = 0
    failed: int = 0
    clusters: int | None = None
    elapsed_s: float = 0.0
    status: str = "running"
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)
    error_types: dict[str, int] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return {"read": self.read, "analyzed": self.analyzed, "skipped": self.skipped, "failed": self.failed}

    @property
    def docs_per_s(self) -> float:
        return self.analyzed / self.elapsed_s if self.elapsed_s > 0 else 0.0


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _new_run_id() -> str:
    return f"{_now():%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


class _Committer:
    """Collects finished documents and errors; writes them as one transaction when due."""

    def __init__(self, repo: Repository, summary: IngestSummary, options: CorpusOptions,
                 progress: IngestProgress) -> None:
        self.repo, self.summary, self.options, self.progress = repo, summary, options, progress
        self.batch = Batch()
        self.last = time.monotonic()
        self.sent: set[str] = set()
        self.taken: set[str] = set()

    def error(self, stage: str, source: str, doc_id: str | None, error_type: str, message: str) -> None:
        s = self.summary
        self.batch.errors.append((s.run_id, _now(), stage, source, doc_id, error_type, message))
        s.failed += 1
        s.error_types[error_type] = s.error_types.get(error_type, 0) + 1
        if len(s.errors) < SUMMARY_ERRORS:
            s.errors.append((stage, source, error_type, message))
        self.progress.error(f"{source}: {error_type}: {message}")

    def read(self) -> None:
        self.summary.read += 1

    def send(self, doc_id: str) -> bool:
        """False when this run already has the document (the same source given twice)."""
        if doc_id in self.sent or doc_id in self.taken:
            return False
        self.sent.add(doc_id)
        return True

    def skip(self, stale: bool) -> None:
        self.summary.skipped += 1
        self.summary.stale += int(stale)
        if self.summary.skipped % 64 == 0:
            self.progress.update(self.counts())

    def counts(self) -> dict[str, int]:
        return {**self.summary.counts, "analyzed": self.summary.analyzed + len(self.batch)}

    def result(self, result: worker.Result) -> None:
        """One document's outcome from a worker."""
        self.read()
        if isinstance(result, worker.Skipped):
            self.skip(result.stale)
        elif isinstance(result, worker.Failed):
            doc_id = result.identity.doc_id if result.identity else None
            self.error(result.stage, result.source, doc_id, result.error_type, result.message)
        elif result.identity.doc_id in self.taken:
            self.skip(False)
        else:
            self.taken.add(result.identity.doc_id)
            self.batch.add(result.identity.doc_id, result.rows)
            self.progress.update(self.counts())

    def maybe_flush(self) -> None:
        due = time.monotonic() - self.last >= self.options.commit_interval_s
        if len(self.batch) >= self.options.commit_docs or (due and (len(self.batch) or self.batch.errors)):
            self.flush()

    def flush(self) -> None:
        if len(self.batch) or self.batch.errors:
            self.repo.write_batch(self.batch)
            self.summary.analyzed += len(self.batch)
            self.batch = Batch()
        self.last = time.monotonic()
        self.progress.update(self.counts())


def _tasks(
    sources: Sequence[str], ingest: IngestOptions, known: SkipIndex, fingerprint: str,
    options: CorpusOptions, committer: _Committer,
) -> Iterator[list[worker.Task | worker.ReadTask]]:
    """2. Single-article files go to the workers to read; containers are streamed and sorted out here."""
    from unspun.ingest import IngestFailure, iter_documents

    batch: list[worker.Task | worker.ReadTask] = []
    for unit in split_sources(sources):
        if isinstance(unit, FileSource):
            batch.append(worker.ReadTask(unit.path))
        else:
            for item in iter_documents([unit.source], options=ingest):
                if isinstance(item, IngestFailure):
                    committer.read()
                    committer.error("ingest", item.source, None, type(item.error).__name__, str(item.error))
                    continue
                got = worker.classify(item, fingerprint, known, options.reanalyze)
                if isinstance(got, worker.Skipped) or not committer.send(got.identity.doc_id):
                    committer.read()
                    committer.skip(getattr(got, "stale", False))
                    continue
                batch.append(got)
                if len(batch) >= options.batch_size:
                    yield batch
                    batch = []
        if len(batch) >= options.batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_ingest(
    sources: Sequence[str],
    db: str | Path | Repository,
    *,
    options: CorpusOptions | None = None,
    pipeline: PipelineOptions | None = None,
    ingest: IngestOptions | None = None,
    progress: IngestProgress | None = None,
) -> IngestSummary:
    """Ingest ``sources`` into the corpus ``db`` (a DuckDB path or an open repository); see the module doc."""
    options = options or CorpusOptions()
    pipeline = pipeline or PipelineOptions()
    ingest = ingest or IngestOptions()
    progress = progress or IngestProgress()
    started = time.monotonic()
    owns_repo = not isinstance(db, Repository)
    repo: Repository = open_repository(db, hold=False) if owns_repo else db  # type: ignore[arg-type]
    workers = options.resolved_workers()
    try:
        known = SkipIndex(repo.analyzed())  # compact: every worker gets a copy
        init_args = (pipeline, options.analyzers, ingest, known, options.reanalyze)
        with LocalPool(workers, worker.init, init_args) as pool:
            # 1. what is stored, which pipeline, a run row. A worker builds the pipeline, which checks the
            # stages and their order, and sends back the error if they are wrong: this process need not
            # import the analyzers (spaCy: 0.7 s of CPU that two workers on two cores would share with it).
            try:
                fingerprint, stages = pool.call(worker.describe)
            except BrokenProcessPool as exc:
                raise UnspunError("the analysis workers could not start",
                                  hint="run with --workers 0 (analysis in this process) to see why") from exc
            summary = IngestSummary(_new_run_id(), fingerprint, stages, workers)
            repo.start_run((summary.run_id, _now(), None, "running", fingerprint, _json(stages), _json(list(sources)),
                            workers, __version__, None, None, None, None))
            committer = _Committer(repo, summary, options, progress)
            progress.start(estimate_total(sources))
            try:
                # 2. + 3. read lazily, analyse in the pool, commit in batches
                analyse = functools.partial(worker.analyze_batch, run_id=summary.run_id)
                tasks: Iterable[list[worker.Task | worker.ReadTask]] = _tasks(
                    sources, ingest, known, fingerprint, options, committer
                )
                retrying = False
                while True:
                    suspects: list[worker.Task | worker.ReadTask] = []
                    pending = 1 if retrying else 2 * workers
                    for outcome in pool.imap_unordered(analyse, tasks, max_pending=pending):
                        _handle(outcome, committer, suspects, retrying)
                        committer.maybe_flush()
                    if not suspects:
                        break
                    # a worker died: every batch lost with its pool is retried one document at a time, one
                    # task in flight, so that a crash then names its document and no neighbour shares the blame
                    progress.note(f"a worker died; retrying {len(suspects)} document(s) one by one")
                    tasks = ([item] for item in suspects)
                    retrying = True
                committer.flush()
            except KeyboardInterrupt:
                committer.flush()
                summary.status = "interrupted"
                repo.finish_run(summary.run_id, summary.status, summary.counts)
                raise
            except Exception as exc:
                summary.status = "failed"
                with contextlib.suppress(Exception):
                    committer.flush()
                with contextlib.suppress(Exception):
                    repo.finish_run(summary.run_id, summary.status, summary.counts)
                if isinstance(exc, BrokenProcessPool):
                    raise UnspunError(
                        "an analysis worker died (out of memory, or a crash in a native library)",
                        hint="what was committed is kept: run the same command again to resume, "
                        "with fewer --workers if memory is short",
                    ) from exc
                raise
            finally:
                progress.stop()
        # 4. republication, and the run's end (imported here: datasketch brings scipy, 0.5 s of start-up)
        from unspun.corpus.republication import is_stale, update_republication

        if options.republication and (summary.analyzed or is_stale(repo)):
            progress.note("computing republication clusters …")
            summary.clusters = len(update_republication(repo))
        summary.status = "finished"
        summary.elapsed_s = time.monotonic() - started
        repo.finish_run(summary.run_id, summary.status, summary.counts)
        return summary
    finally:
        if owns_repo:
            repo.close()


def _handle(
    outcome: Outcome, committer: _Committer, suspects: list[worker.Task | worker.ReadTask], retrying: bool = False
) -> None:
    """Record a batch's results. A batch lost with a dead worker goes to ``suspects``; when retrying (one
    document in flight at a time), the lost document is the one that crashed it."""
    if outcome.error is None:
        for result in outcome.result or []:
            committer.result(result)
        return
    if isinstance(outcome.error, BrokenProcessPool) and not retrying:
        suspects.extend(outcome.item)
        return
    crashed = isinstance(outcome.error, BrokenProcessPool)
    for item in outcome.item:
        source = item.path if isinstance(item, worker.ReadTask) else item.source
        doc_id = None if isinstance(item, worker.ReadTask) else item.identity.doc_id
        committer.read()
        if crashed:
            committer.error("analysis", source, doc_id, "WorkerCrash",
                            "the analysis worker died on this document (a crash in native code, or out of memory)")
        else:
            committer.error("analysis", source, doc_id, type(outcome.error).__name__,
                            str(outcome.error) or repr(outcome.error))


def _json(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
