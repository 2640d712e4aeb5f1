"""Both backends honour the repository contract: round trips, replacement, atomic batches, SQL, exports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from tests.store.test_rows import analysed
from unspun.store import Batch, MemoryRepository, QueryError, Repository, open_repository
from unspun.store.rows import DocumentIdentity, document_rows


@pytest.fixture(params=["memory", "duckdb"])
def repo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Repository]:
    r = MemoryRepository() if request.param == "memory" else open_repository(tmp_path / "c.duckdb", hold=False)
    yield r
    r.close()


def batch_of(*pairs: tuple[str, str], text_suffix: str = "") -> Batch:
    batch = Batch()
    for doc_id, pipeline in pairs:
        batch.add(doc_id, document_rows(analysed(), DocumentIdentity(doc_id, "h", pipeline), run_id="r",
                                        analyzed_at=datetime(2026, 1, 1)))
    return batch


def test_is_a_repository(repo: Repository) -> None:
    assert isinstance(repo, Repository)


def test_document_round_trip(repo: Repository) -> None:
    repo.write_batch(batch_of(("d1", "fp")))
    assert repo.document("d1") == analysed()
    assert repo.document("missing") is None
    assert repo.analyzed() == {"d1": "fp"}


def test_rewriting_a_document_replaces_all_its_rows(repo: Repository) -> None:
    repo.write_batch(batch_of(("d1", "old"), ("d2", "old")))
    spans_before = repo.count("spans")
    repo.write_batch(batch_of(("d1", "new")))
    assert repo.analyzed() == {"d1": "new", "d2": "old"}
    assert repo.count("spans") == spans_before
    assert repo.count("documents") == 2
    assert repo.query("SELECT count(*) FROM claims WHERE doc_id = 'd1'").rows == [(1,)]


def test_a_failing_batch_writes_nothing(repo: Repository) -> None:
    repo.write_batch(batch_of(("d1", "fp")))
    bad = batch_of(("d2", "fp"))
    bad.documents["d2"]["claims"] = [("d2", "not-an-int", "numeric")]  # wrong width and type
    bad.errors.append(("r", datetime(2026, 1, 1), "ingest", "x.txt", None, "InputError", "bad"))
    with pytest.raises((QueryError, duckdb.Error, ValueError, TypeError)):
        repo.write_batch(bad)
    assert repo.analyzed() == {"d1": "fp"}
    assert repo.count("errors") == 0
    assert repo.query("SELECT count(*) FROM spans WHERE doc_id = 'd2'").rows == [(0,)]


def test_runs_errors_and_state(repo: Repository) -> None:
    repo.start_run(("r1", datetime(2026, 1, 1), None, "running", "fp", "[]", "[]", 2, "0", None, None, None, None))
    repo.finish_run("r1", "finished", {"read": 3, "analyzed": 2, "skipped": 0, "failed": 1})
    assert repo.query("SELECT status, n_read, n_failed FROM runs").rows == [("finished", 3, 1)]
    repo.replace_derived({"republication_clusters": [(1, 2, 1, "d1", None, datetime(2026, 1, 1))]},
                         {"republication": {"n_documents": 2}})
    repo.replace_derived({"republication_clusters": []}, {"republication": {"n_documents": 5}})
    assert repo.count("republication_clusters") == 0
    assert repo.state("republication") == {"n_documents": 5}
    assert repo.state("missing") is None


def test_iter_rows_selects_columns(repo: Repository) -> None:
    repo.write_batch(batch_of(("d1", "fp"), ("d2", "fp")))
    assert sorted(repo.iter_rows("documents", ("doc_id", "pipeline"))) == [("d1", "fp"), ("d2", "fp")]
    with pytest.raises(QueryError):
        list(repo.iter_rows("documents", ("nope",)))


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_table(repo: Repository, tmp_path: Path, fmt: str) -> None:
    repo.write_batch(batch_of(("d1", "fp"), ("d2", "fp")))
    path = tmp_path / f"spans.{fmt}"
    n = repo.export_table("spans", str(path), fmt)
    assert n == repo.count("spans") > 0
    reader = {"parquet": "read_parquet", "csv": "read_csv", "jsonl": "read_json"}[fmt]
    assert duckdb.connect().execute(f"SELECT count(*) FROM {reader}('{path}')").fetchone()[0] == n
    if fmt == "jsonl":
        first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
        assert {"doc_id", "layer", "start_char", "end_char"} <= set(first)


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    open_repository(db).close()
    reader = open_repository(db, read_only=True)
    with pytest.raises(QueryError):
        reader.query("CREATE TABLE x (y INTEGER)")
    with pytest.raises(QueryError):
        reader.write_batch(Batch())
    reader.close()


def test_the_writer_keeps_row_groups_small_commit_after_commit(tmp_path: Path) -> None:
    """Checkpoints merge each commit's rows into row groups of at most 2,048 rows, never into one growing
    group (rewriting it at each doubling made the writer's peak memory grow with the corpus)."""
    db, commits, per_commit = tmp_path / "c.duckdb", 16, 256
    repo = open_repository(db, hold=False)
    for k in range(commits):
        repo.write_batch(batch_of(*((f"d{k}-{i}", "fp") for i in range(per_commit))))
    repo.close()
    reader = open_repository(db, read_only=True)
    groups = [n for (n,) in reader.query(
        "SELECT sum(count) FROM pragma_storage_info('documents') "
        "WHERE column_name = 'doc_id' AND segment_type = 'VARCHAR' GROUP BY row_group_id").rows]
    reader.close()
    assert sum(groups) == commits * per_commit
    assert max(groups) <= 2048  # DuckDB's default (122,880 rows) merges these 4,096 rows into one group
    assert len(groups) < commits  # small commits are still merged, not kept one row group each


def test_a_new_file_gets_small_blocks_and_an_old_file_keeps_its_own(tmp_path: Path) -> None:
    def block_size(db: Path) -> int:
        reader = open_repository(db, read_only=True)
        try:
            return reader.query("SELECT block_size FROM pragma_database_size()").rows[0][0]
        finally:
            reader.close()

    new = tmp_path / "new.duckdb"
    open_repository(new, hold=False).write_batch(batch_of(("d1", "fp")))
    assert block_size(new) == 131_072
    old = tmp_path / "old.duckdb"
    duckdb.connect(str(old)).close()  # DuckDB's default 256 KiB blocks, as older unspun created them
    repo = open_repository(old, hold=False)
    repo.write_batch(batch_of(("d1", "fp")))
    assert repo.analyzed() == {"d1": "fp"}
    repo.close()
    assert block_size(old) == 262_144
