"""Corpus ingest throughput: 1 vs 2 workers, and the corpus overhead over the bare pipeline.

Three configurations over the same synthetic corpus, each run in a fresh process and timed from start
(pipeline loading included) to finish:
  bare  read with ``iter_documents`` and analyse with ``Pipeline.pipe``, keep nothing;
  w1    ``run_ingest`` with 1 worker process (the main process reads containers and writes the store)
        into a fresh DuckDB file;
  w2    ``run_ingest`` with 2 worker processes into a fresh DuckDB file.
They run ``--repeat`` times in alternating order (bare, w1, w2, then w2, w1, bare, ...) and each keeps
its best time, so that drift in the machine's load hits all three alike. Every process is held to one
native thread (OMP/OpenBLAS/MKL), so that "1 worker" really uses one core.
Overhead = w1 / bare - 1 (store, hashing, signatures, scheduling), in wall clock and in CPU seconds
summed over the main process and its workers (what the store costs on a machine with no spare core);
speed-up = w1 time / w2 time.
Language is forced to English (``--lang en``) unless ``--detect-language``, so that reading costs the
same in every run. Republication is off in the timed runs (measured by corpus_republication.py).

    .venv/bin/python -m benchmarks.corpus_speed --n 2000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.corpus_synth import synthetic_articles, write_corpus
from unspun.config import IngestOptions, PipelineOptions
from unspun.corpus import CorpusOptions, run_ingest
from unspun.corpus.ingest import DEFAULT_COMMIT_INTERVAL_S


def bare(folder: Path, ingest: IngestOptions, pipeline: PipelineOptions) -> tuple[int, float]:
    from unspun.api import load_pipeline
    from unspun.ingest import IngestFailure, iter_documents

    start = time.perf_counter()
    runner = load_pipeline(pipeline)
    docs = (d for d in iter_documents([str(folder)], options=ingest) if not isinstance(d, IngestFailure))
    n = sum(1 for _ in runner.pipe(docs, batch_size=16))
    return n, time.perf_counter() - start


def corpus(folder: Path, db: Path, workers: int, ingest: IngestOptions, pipeline: PipelineOptions,
           commit_interval_s: float = DEFAULT_COMMIT_INTERVAL_S) -> tuple[int, float]:
    start = time.perf_counter()
    options = CorpusOptions(workers=workers, republication=False, commit_interval_s=commit_interval_s)
    summary = run_ingest([str(folder)], db, options=options, pipeline=pipeline, ingest=ingest)
    return summary.analyzed, time.perf_counter() - start


def child(mode: str, folder: Path, args: argparse.Namespace) -> None:
    ingest = IngestOptions(language=None if args.detect_language else "en")
    pipeline = PipelineOptions(stages=tuple(args.stages.split(",")) if args.stages else None)
    if mode == "bare":
        n, t = bare(folder, ingest, pipeline)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            n, t = corpus(folder, Path(tmp) / "c.duckdb", int(mode[1:]), ingest, pipeline, args.commit_interval)
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"mode": mode, "n": n, "seconds": t, "stages": list(pipeline.resolved_stages()),
                      "cpu_main": me.ru_utime + me.ru_stime, "cpu_workers": kids.ru_utime + kids.ru_stime}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles (the target is stated for >= 2000)")
    parser.add_argument("--words", type=int, default=None, help="cut each article to this many words")
    parser.add_argument("--stages", default=None, help="comma-separated stages (default: the default pipeline)")
    parser.add_argument("--detect-language", action="store_true")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each configuration (best kept)")
    parser.add_argument("--commit-interval", type=float, default=DEFAULT_COMMIT_INTERVAL_S,
                        help="the store's time-based commit, in seconds (corpus_instructions.py turns it off)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.folder), args)
        return
    texts, origin = synthetic_articles(args.n, max_words=args.words)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    best: dict[str, float] = {}
    cpu: dict[str, tuple[float, float]] = {}
    stages = ""
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(Path(tmp) / "corpus", texts)
        order = [m for r in range(args.repeat) for m in (("bare", "w1", "w2") if r % 2 == 0 else ("w2", "w1", "bare"))]
        for mode in order:
            cmd = [sys.executable, "-m", "benchmarks.corpus_speed", "--child", mode, "--folder", str(folder)]
            cmd += ["--stages", args.stages] if args.stages else []
            cmd += ["--detect-language"] if args.detect_language else []
            out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
            result = json.loads(out.strip().splitlines()[-1])
            assert result["n"] == args.n, result
            if result["seconds"] < best.get(mode, float("inf")):
                best[mode] = result["seconds"]
                cpu[mode] = (result["cpu_main"], result["cpu_workers"])
            stages = ", ".join(result["stages"])
    t0, t1, t2 = best["bare"], best["w1"], best["w2"]
    print(f"### Corpus ingest speed ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)\n")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs shared with other jobs (load average "
          f"{os.getloadavg()[0]:.1f} at the end), Python {platform.python_version()}; corpus: {origin}; "
          f"stages: {stages}; language {'detected' if args.detect_language else 'forced to en'}.\n")
    print(f"| run (best of {args.repeat}) | documents | seconds | docs/s | CPU s, main | CPU s, workers |")
    print("|---|---|---|---|---|---|")
    for name, mode, t in (("bare pipeline", "bare", t0), ("ingest, 1 worker process", "w1", t1),
                          ("ingest, 2 workers", "w2", t2)):
        print(f"| {name} | {args.n} | {t:.1f} | {args.n / t:.2f} | {cpu[mode][0]:.1f} | {cpu[mode][1]:.1f} |")
    main2, workers2 = cpu["w2"]
    bound = (cpu["w1"][0] + cpu["w1"][1]) / max(main2, workers2 / 2)
    cpu0, cpu1 = sum(cpu["bare"]), sum(cpu["w1"])
    print(f"\n- corpus overhead (1 worker / bare - 1): **{(t1 / t0 - 1) * 100:+.1f}%** wall clock, "
          f"{(cpu1 / cpu0 - 1) * 100:+.1f}% CPU (main + worker) (target <= 15%)")
    print(f"- speed-up 2 workers / 1 worker, wall clock: **{t1 / t2:.2f}x** (target >= 1.7x)")
    print(f"- speed-up the CPU accounts allow on two free cores (1-worker CPU time / max(main CPU, worker "
          f"CPU / 2) with 2 workers): {bound:.2f}x")


if __name__ == "__main__":
    main()
