"""Peak memory of corpus ingest at 1k and 10k documents: it must stay flat (10k <= 1.2x 1k).

The corpus is written by this process; each size is ingested by its own child process (``--child``),
which reports its own peak RSS and its workers' (``ru_maxrss`` of itself and of its children). The
pipeline is ``--stages`` (default: none, so that the figure is the corpus machinery's own memory:
reading, batching, the store and the skip index; a real pipeline adds its models once per worker,
independent of corpus size). Republication clustering, which must hold every signature and an LSH index
(memory linear in the corpus by design), is off unless ``--republication``; corpus_republication.py
measures it.

    .venv/bin/python -m benchmarks.corpus_memory --sizes 1000,10000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def child(folder: Path, stages: str, workers: int, republication: bool) -> None:
    from unspun.config import IngestOptions, PipelineOptions
    from unspun.corpus import CorpusOptions, run_ingest

    n = sum(1 for _ in folder.iterdir())
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        summary = run_ingest([str(folder)], Path(tmp) / "c.duckdb",
                             options=CorpusOptions(workers=workers, republication=republication),
                             pipeline=PipelineOptions(stages=tuple(s for s in stages.split(",") if s)),
                             ingest=IngestOptions(language="en"))
        elapsed = time.perf_counter() - start
        db_mb = (Path(tmp) / "c.duckdb").stat().st_size / 2**20
    print(json.dumps({
        "n": n, "analyzed": summary.analyzed, "seconds": elapsed, "db_mb": db_mb,
        "main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--stages", default="")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--republication", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child), args.stages, args.workers, args.republication)
        return
    from benchmarks.corpus_synth import synthetic_articles, write_corpus

    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        texts, origin = synthetic_articles(n, max_words=300)
        with tempfile.TemporaryDirectory() as tmp:
            folder = write_corpus(Path(tmp) / "c", texts)
            del texts
            cmd = [sys.executable, "-m", "benchmarks.corpus_memory", "--child", str(folder), "--stages",
                   args.stages, "--workers", str(args.workers)] + (["--republication"] if args.republication else [])
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    print(f"### Corpus ingest memory (stages: {args.stages or 'none'}, {args.workers} workers, "
          f"republication {'on' if args.republication else 'off'}; corpus: {origin})\n")
    print("| documents | seconds | main peak RSS MB | worker peak RSS MB | DuckDB file MB |\n|---|---|---|---|---|")
    for r in results:
        print(f"| {r['n']:,} | {r['seconds']:.1f} | {r['main_mb']:.0f} | {r['worker_mb']:.0f} | {r['db_mb']:.1f} |")
    if len(results) >= 2:
        a, b = results[0], results[-1]
        print(f"\n- main RSS {b['n']:,} / {a['n']:,}: **{b['main_mb'] / a['main_mb']:.2f}x**; "
              f"worker RSS: **{b['worker_mb'] / a['worker_mb']:.2f}x** (target <= 1.2x)")


if __name__ == "__main__":
    main()
