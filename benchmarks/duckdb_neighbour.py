"""Does a DuckDB session in the same process slow the analysis that follows? (corpus overhead, issue #10)

The 1-worker corpus ingest analyses in the main process, which also holds the DuckDB writer; with 2+
workers the analysis runs in worker processes without DuckDB. This times the bare pipeline (as
``benchmarks.corpus_speed`` does) after a warm-up, in a fresh process, either alone (``plain``) or after
writing and closing a 200,000-row DuckDB table in the same process (``duck``: default threads,
``duck1``: one DuckDB thread). Run each mode several times, interleaved:

    for m in plain duck1 duck plain duck1 duck; do \
      OMP_NUM_THREADS=1 .venv/bin/python -m benchmarks.duckdb_neighbour $m; done
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.corpus_speed import bare
from benchmarks.corpus_synth import synthetic_articles, write_corpus
from unspun.config import IngestOptions, PipelineOptions


def main(mode: str, n: int = 600) -> None:
    tmp = Path(tempfile.mkdtemp())
    texts, _ = synthetic_articles(n, max_words=120)
    folder = write_corpus(tmp / "c", texts)
    ingest = IngestOptions(language="en")
    pipeline = PipelineOptions(stages=("segmentation", "entities", "actors"))
    if mode.startswith("duck"):
        import duckdb

        con = duckdb.connect(str(tmp / "x.duckdb"), config={"threads": 1} if mode == "duck1" else {})
        con.execute("CREATE TABLE t AS SELECT range AS i, repeat('x', 500) AS s FROM range(200000)")
        con.close()
    bare(folder, ingest, pipeline)  # warm-up: model load and first batches
    docs, seconds = bare(folder, ingest, pipeline)
    print(f"{mode}\t{docs} docs\t{seconds:.2f} s")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "plain")
