"""SIGKILL a real ingest process at random moments, then finish: the store equals a clean run's."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO
from tests.corpus.conftest import PROBE, probe_options, variants
from unspun.corpus import run_ingest
from unspun.store import SchemaVersionError, StoreNotFoundError, open_repository

N_DOCS = 40
KILLS = 5
#: Columns that legitimately differ between runs: when and by which run a row was written, and the order
#: of spans that tie on (start, end, label) within a layer, which an analyzer may emit in set order (and
#: Python's string hashing differs per process).
VOLATILE = {"documents": ("run_id", "analyzed_at"), "spans": ("idx",)}
COMPARED = ("documents", "metadata", "spans", "labels", "techniques", "claims", "quotes", "actors", "frames",
            "genre")


def _driver(db: Path, sources: list[str], delay: float) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.corpus.ingest_driver", str(db), str(delay), "4", *sources],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every document table, minus volatile columns, sorted: comparable between two stores."""
    from unspun.store.schema import TABLES

    repo = open_repository(db, read_only=True)
    try:
        out = {}
        for table in COMPARED:
            cols = [c for c in TABLES[table] if c not in VOLATILE.get(table, ())]
            out[table] = sorted(repo.iter_rows(table, cols), key=repr)
        return out
    finally:
        repo.close()


def _count(db: Path) -> int:
    try:
        repo = open_repository(db, read_only=True)
    except (StoreNotFoundError, SchemaVersionError):  # killed before the schema was committed
        return 0
    try:
        return repo.count("documents")
    finally:
        repo.close()


def test_sigkill_at_random_moments_then_resume_equals_clean_run(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, text in enumerate(variants(N_DOCS)):
        (folder / f"d{i:03d}.txt").write_text(text, encoding="utf-8")
    sources = [str(folder)]
    db = tmp_path / "killed.duckdb"
    rng = random.Random(20240601)
    counts = []
    for round_ in range(KILLS):
        proc = _driver(db, sources, delay=0.04)
        if round_ > 0:  # the first kill lands during start-up (creating the schema), the others mid-analysis
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 1.2))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        counts.append(_count(db))
    # nothing committed is ever lost, and most kills landed mid-run
    assert counts == sorted(counts), counts
    assert sum(0 < c < N_DOCS for c in counts) >= 2, counts
    finish = _driver(db, sources, delay=0.0)
    out, err = finish.communicate(timeout=120)
    assert finish.returncode == 0, err.decode()[-2000:]
    assert f"skipped={counts[-1]}" in out.decode()

    clean = tmp_path / "clean.duckdb"
    summary = run_ingest(sources, clean, options=probe_options(), pipeline=PROBE)
    assert summary.analyzed == N_DOCS

    killed, reference = snapshot(db), snapshot(clean)
    ids = [r[0] for r in killed["documents"]]
    assert len(ids) == len(set(ids)) == N_DOCS  # no duplicates, nothing missing
    for table in COMPARED:
        extra, missing = set(killed[table]) - set(reference[table]), set(reference[table]) - set(killed[table])
        assert killed[table] == reference[table], (table, sorted(extra, key=repr)[:3], sorted(missing, key=repr)[:3])
