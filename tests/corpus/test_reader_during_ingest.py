"""Readers query the store while an ingest process writes to it: they see whole batches, never an error."""

from __future__ import annotations

import time
from pathlib import Path

from tests.corpus.conftest import variants
from tests.corpus.test_kill_resume import _driver
from unspun.store import SchemaVersionError, StoreNotFoundError, open_repository

N_DOCS = 30


def test_queries_succeed_while_an_ingest_runs(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, text in enumerate(variants(N_DOCS)):
        (folder / f"d{i:03d}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "c.duckdb"
    proc = _driver(db, [str(folder)], delay=0.05)
    seen: list[tuple[int, int]] = []
    deadline = time.monotonic() + 240
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            repo = open_repository(db, read_only=True, lock_timeout_s=60)
        except (StoreNotFoundError, SchemaVersionError):  # not created yet
            time.sleep(0.05)
            continue
        try:
            docs, spans_docs = repo.query("SELECT (SELECT count(*) FROM documents), "
                                          "(SELECT count(DISTINCT doc_id) FROM spans)").rows[0]
        finally:
            repo.close()
        seen.append((docs, spans_docs))
        time.sleep(0.05)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()[-2000:]
    assert f"analyzed={N_DOCS}" in out.decode()
    counts = [d for d, _ in seen]
    assert counts == sorted(counts)  # committed documents never disappear
    assert any(0 < d < N_DOCS for d in counts), counts  # some reads happened mid-ingest
    assert all(d == s for d, s in seen)  # a document and its spans arrive in the same commit
