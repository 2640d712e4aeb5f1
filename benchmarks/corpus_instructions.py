"""Corpus overhead in executed instructions (valgrind's callgrind), which machine load does not move.

The wall-clock overhead of ``corpus_speed.py`` swings from +11% to +27% between runs on the shared 2-CPU
machine, more than the 15% budget it is meant to settle. Instructions retired are deterministic for the
same inputs (valgrind counts them in software; ``perf`` has no hardware counters in this VM), so this
script counts them for the same two configurations as ``corpus_speed.py``:

  bare  ``iter_documents`` + ``Pipeline.pipe`` in one process, keeping nothing;
  w1    ``run_ingest`` with one worker process into a fresh DuckDB file (every process it starts is
        traced: the main process, the worker, multiprocessing's resource tracker).

Each runs at two corpus sizes. The difference between sizes gives the instructions per document
(start-up cancels out), and the intercept the fixed start-up cost; the overhead is reported per document,
for start-up, and projected for a corpus of ``--project`` documents. The time-based commit of the store
(every 5 s) is switched off in the traced runs, because under valgrind's ~50x slowdown it would commit
after every few documents, which natively happens every 64 documents.

    .venv/bin/python -m benchmarks.corpus_instructions --sizes 40,160 --words 120 \
        --stages segmentation,entities,actors

Needs ``valgrind`` (Debian package). A run of the default sizes takes about 20 minutes on one core.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.corpus_synth import synthetic_articles, write_corpus

_TOTALS = re.compile(r"^(?:summary|totals):\s*(\d+)", re.MULTILINE)
_CMD = re.compile(r"^cmd:\s*(.*)$", re.MULTILINE)
_PID = re.compile(r"^pid:\s*(\d+)", re.MULTILINE)


@dataclass(frozen=True)
class Traced:
    """Instructions executed by one traced process."""

    pid: int
    role: str  # main, worker, tracker
    instructions: int


def _role(cmd: str, first: bool) -> str:
    if "resource_tracker" in cmd:
        return "tracker"
    if "spawn_main" in cmd or "multiprocessing" in cmd:
        return "worker"
    return "main" if first else "other"


def read_outputs(folder: Path) -> list[Traced]:
    """Every callgrind output file in ``folder``: its process, role and instruction total."""
    found = []
    for path in sorted(folder.glob("cg.*")):
        text = path.read_text(errors="replace")
        totals = _TOTALS.search(text)
        pid = _PID.search(text)
        if not totals or not pid:
            continue
        cmd = _CMD.search(text)
        found.append((int(pid.group(1)), cmd.group(1) if cmd else "", int(totals.group(1))))
    found.sort()
    return [Traced(pid, _role(cmd, i == 0), n) for i, (pid, cmd, n) in enumerate(found)]


def trace(mode: str, folder: Path, out: Path, args: argparse.Namespace) -> list[Traced]:
    """Run one ``corpus_speed`` child under callgrind and read what each of its processes executed."""
    out.mkdir(parents=True, exist_ok=True)
    cmd = ["valgrind", "--tool=callgrind", "--trace-children=yes", f"--callgrind-out-file={out}/cg.%p",
           sys.executable, "-m", "benchmarks.corpus_speed", "--child", mode, "--folder", str(folder),
           "--commit-interval", "1e9"]
    cmd += ["--stages", args.stages] if args.stages else []
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "PYTHONHASHSEED": "0"}
    subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    return read_outputs(out)


def fit(points: Sequence[tuple[int, float]]) -> tuple[float, float]:
    """``(per document, fixed)`` from the line through the first and last ``(documents, instructions)``."""
    (n0, y0), (n1, y1) = points[0], points[-1]
    per_doc = (y1 - y0) / (n1 - n0)
    return per_doc, y0 - per_doc * n0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="40,160", help="two corpus sizes, comma-separated")
    parser.add_argument("--words", type=int, default=120, help="cut each article to this many words")
    parser.add_argument("--stages", default="segmentation,entities,actors", help="comma-separated stages")
    parser.add_argument("--project", type=int, default=2000, help="corpus size the overhead is projected to")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if len(sizes) != 2 or sizes[0] == sizes[1]:
        sys.exit("--sizes takes two different sizes")
    texts, origin = synthetic_articles(sizes[-1], max_words=args.words)
    rows: dict[str, list[tuple[int, list[Traced]]]] = {"bare": [], "w1": []}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = write_corpus(Path(tmp) / f"corpus{n}", texts[:n])
            for mode in ("bare", "w1"):
                rows[mode].append((n, trace(mode, folder, Path(tmp) / f"cg-{mode}-{n}", args)))
    print(f"### Corpus overhead in instructions ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)\n")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"valgrind callgrind; corpus: {origin}, cut to {args.words} words; stages: {args.stages}; "
          "language forced to en.\n")
    print("| run | documents | instructions, all processes (G) | main (G) | worker (G) | other (G) |")
    print("|---|---|---|---|---|---|")
    for mode, label in (("bare", "bare pipeline"), ("w1", "ingest, 1 worker process")):
        for n, traced in rows[mode]:
            by = {r: sum(t.instructions for t in traced if t.role == r) for r in ("main", "worker")}
            other = sum(t.instructions for t in traced if t.role not in ("main", "worker"))
            total = sum(t.instructions for t in traced)
            print(f"| {label} | {n} | {total / 1e9:.2f} | {by['main'] / 1e9:.2f} | {by['worker'] / 1e9:.2f} | "
                  f"{other / 1e9:.2f} |")
    fits = {mode: fit([(n, sum(t.instructions for t in traced)) for n, traced in rows[mode]]) for mode in rows}
    worker_only = fit([(n, sum(t.instructions for t in tr if t.role == "worker")) for n, tr in rows["w1"]])
    (bare_doc, bare_fixed), (w1_doc, w1_fixed) = fits["bare"], fits["w1"]
    projected = (w1_fixed + args.project * w1_doc) / (bare_fixed + args.project * bare_doc) - 1
    print(f"\n- per document: bare {bare_doc / 1e6:.1f} M, 1-worker ingest {w1_doc / 1e6:.1f} M in all "
          f"processes ({worker_only[0] / 1e6:.1f} M in the worker): **{(w1_doc / bare_doc - 1) * 100:+.1f}%**")
    print(f"- start-up (intercept): bare {bare_fixed / 1e9:.2f} G, 1-worker ingest {w1_fixed / 1e9:.2f} G "
          f"({(w1_fixed / bare_fixed - 1) * 100:+.1f}%)")
    print(f"- projected corpus overhead at {args.project} documents, instructions in all processes: "
          f"**{projected * 100:+.1f}%** (target <= 15%)")


if __name__ == "__main__":
    main()
