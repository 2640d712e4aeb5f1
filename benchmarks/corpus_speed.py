"""Corpus ingest throughput: 1 vs 2 workers, and the corpus overhead over the bare pipeline.

Three runs over the same synthetic corpus, in this order, each timed from start to finish:
  bare  read with ``iter_documents`` and analyse with ``Pipeline.pipe`` in this process, keep nothing;
  w1    ``run_ingest`` with 1 worker (in-process) into a fresh DuckDB file;
  w2    ``run_ingest`` with 2 worker processes into a fresh DuckDB file.
Overhead = w1 / bare - 1 (store, hashing, signatures, scheduling); speed-up = w2 docs/s / w1 docs/s.
Language is forced to English (``--lang en``) unless ``--detect-language``, so that reading costs the
same in every run. Republication is off in the timed runs (measured by corpus_republication.py).

    .venv/bin/python -m benchmarks.corpus_speed --n 2000
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.corpus_synth import synthetic_articles, write_corpus
from unspun.config import IngestOptions, PipelineOptions
from unspun.corpus import CorpusOptions, run_ingest


def bare(folder: Path, ingest: IngestOptions, pipeline: PipelineOptions) -> tuple[int, float]:
    from unspun.api import load_pipeline
    from unspun.ingest import IngestFailure, iter_documents

    start = time.perf_counter()
    runner = load_pipeline(pipeline)
    docs = (d for d in iter_documents([str(folder)], options=ingest) if not isinstance(d, IngestFailure))
    n = sum(1 for _ in runner.pipe(docs, batch_size=16))
    return n, time.perf_counter() - start


def corpus(folder: Path, db: Path, workers: int, ingest: IngestOptions, pipeline: PipelineOptions) -> tuple[int, float]:
    start = time.perf_counter()
    summary = run_ingest([str(folder)], db, options=CorpusOptions(workers=workers, republication=False),
                         pipeline=pipeline, ingest=ingest)
    return summary.analyzed, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles (the target is stated for >= 2000)")
    parser.add_argument("--words", type=int, default=None, help="cut each article to this many words")
    parser.add_argument("--stages", default=None, help="comma-separated stages (default: the default pipeline)")
    parser.add_argument("--detect-language", action="store_true")
    args = parser.parse_args()
    texts, origin = synthetic_articles(args.n, max_words=args.words)
    ingest = IngestOptions(language=None if args.detect_language else "en")
    pipeline = PipelineOptions(stages=tuple(args.stages.split(",")) if args.stages else None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(Path(tmp) / "corpus", texts)
        n0, t0 = bare(folder, ingest, pipeline)
        n1, t1 = corpus(folder, Path(tmp) / "w1.duckdb", 1, ingest, pipeline)
        n2, t2 = corpus(folder, Path(tmp) / "w2.duckdb", 2, ingest, pipeline)
    assert n0 == n1 == n2 == args.n, (n0, n1, n2)
    stages = ", ".join(pipeline.resolved_stages())
    print(f"### Corpus ingest speed ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)\n")
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}; corpus: {origin}; "
          f"stages: {stages}; language {'detected' if args.detect_language else 'forced to en'}.\n")
    print("| run | documents | seconds | docs/s |\n|---|---|---|---|")
    for name, n, t in (("bare pipeline", n0, t0), ("ingest, 1 worker", n1, t1), ("ingest, 2 workers", n2, t2)):
        print(f"| {name} | {n} | {t:.1f} | {n / t:.2f} |")
    print(f"\n- corpus overhead (1 worker / bare - 1): **{(t1 / t0 - 1) * 100:+.1f}%** (target <= 15%)")
    print(f"- speed-up 2 workers / 1 worker: **{t1 / t2:.2f}x** (target >= 1.7x)")


if __name__ == "__main__":
    main()
