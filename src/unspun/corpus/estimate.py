"""A cheap estimate of how many documents the sources hold, for the progress bar's ETA.

Only counts, never parses: files under folders and glob matches, lines of JSONL files. Sources whose
count cannot be known cheaply (WARC, feeds, URLs) make the estimate ``None`` and the bar shows no ETA.
The real counts come from ingest; this is never used for anything but display.
"""

from __future__ import annotations

import glob
import gzip
from collections.abc import Iterable
from pathlib import Path

_UNCOUNTABLE = (".warc", ".warc.gz", ".arc", ".arc.gz", ".xml", ".rss", ".atom")
_JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


def _count_file(path: Path) -> int | None:
    name = path.name.lower()
    if name.endswith(_UNCOUNTABLE):
        return None
    if name.endswith(_JSONL):
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    return 1


def estimate_total(sources: Iterable[str]) -> int | None:
    """The number of documents the sources likely hold, or None when it cannot be counted cheaply."""
    total = 0
    for source in sources:
        if "://" in source:
            return None
        path = Path(source)
        if path.is_dir():
            files = [p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.parts)]
        elif path.is_file():
            files = [path]
        else:
            files = [Path(p) for p in glob.glob(source, recursive=True) if Path(p).is_file()]
        for f in files:
            n = _count_file(f)
            if n is None:
                return None
            total += n
    return total
