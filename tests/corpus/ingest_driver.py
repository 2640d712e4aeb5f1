"""Runs one ingest in its own process, for the kill/resume and concurrent-reader tests.

Usage: python -m tests.corpus.ingest_driver DB DELAY COMMIT_DOCS SOURCE...
"""

from __future__ import annotations

import sys

from tests.corpus.fake_analyzers import NAME, TARGET
from unspun.config import PipelineOptions
from unspun.corpus import CorpusOptions, run_ingest
from unspun.corpus.progress import IngestProgress
from unspun.pipeline import registry


class LineProgress(IngestProgress):
    """Prints ``ready`` when the first document is analysed, so that a test can kill the process mid-run."""

    ready = False

    def update(self, counts: dict[str, int]) -> None:
        if not self.ready:
            self.ready = True
            print("ready", flush=True)


def main(argv: list[str]) -> int:
    db, delay, commit_docs, *sources = argv
    registry.register(NAME, TARGET)
    summary = run_ingest(
        sources,
        db,
        options=CorpusOptions(workers=1, batch_size=2, commit_docs=int(commit_docs), commit_interval_s=0.2,
                              analyzers=((NAME, TARGET),)),
        pipeline=PipelineOptions(stages=(NAME,), stage_options={NAME: {"delay": float(delay)}}),
        progress=LineProgress(),
    )
    print(f"analyzed={summary.analyzed} skipped={summary.skipped} failed={summary.failed}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
