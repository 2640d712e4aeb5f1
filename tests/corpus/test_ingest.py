"""run_ingest: corrupt items in the middle, idempotent re-runs, --reanalyze, parallel equals serial."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus.conftest import PROBE, probe_options
from tests.corpus.fake_analyzers import NAME, CorpusProbe
from unspun.config import PipelineOptions
from unspun.corpus import run_ingest
from unspun.pipeline import registry
from unspun.store import MemoryRepository, open_repository

GOOD = 12


def test_corrupt_items_in_the_middle_do_not_stop_the_run(small_corpus: Path) -> None:
    repo = MemoryRepository()
    summary = run_ingest([str(small_corpus)], repo, options=probe_options(), pipeline=PROBE)
    assert summary.status == "finished"
    assert (summary.read, summary.analyzed, summary.failed) == (GOOD + 3, GOOD, 3)
    assert repo.count("documents") == GOOD
    errors = {(r[2], Path(r[3]).name, r[5]) for r in repo.iter_rows("errors")}
    assert ("analysis", "a08-boom.txt", "ValueError") in errors
    assert {name for _, name, _ in errors} == {"a06-binary.txt", "a07-empty.txt", "a08-boom.txt"}
    assert {stage for stage, name, _ in errors if name != "a08-boom.txt"} == {"ingest"}
    # the documents after the corrupt ones were analysed, with every table filled
    sources = {Path(r[0]).name for r in repo.iter_rows("documents", ("source",))}
    assert {"a09.txt", "a14.txt"} <= sources
    for table in ("spans", "claims", "actors", "techniques", "frames", "genre", "metadata"):
        assert repo.count(table) > 0, table
    (run,) = repo.query("SELECT status, n_read, n_analyzed, n_failed FROM runs").rows
    assert run == ("finished", GOOD + 3, GOOD, 3)


def test_rerun_skips_finished_documents(small_corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    first = run_ingest([str(small_corpus)], db, options=probe_options(), pipeline=PROBE)
    again = run_ingest([str(small_corpus)], db, options=probe_options(), pipeline=PROBE)
    assert first.analyzed == GOOD
    assert (again.analyzed, again.skipped, again.stale) == (0, GOOD, 0)
    repo = open_repository(db, read_only=True)
    assert repo.query("SELECT count(*), count(DISTINCT doc_id) FROM documents").rows == [(GOOD, GOOD)]
    assert repo.count("runs") == 2
    repo.close()


def test_the_same_source_twice_in_one_run_is_one_document(small_corpus: Path) -> None:
    repo = MemoryRepository()
    one = str(small_corpus / "a00.txt")
    summary = run_ingest([one, one], repo, options=probe_options(), pipeline=PROBE)
    assert (summary.analyzed, summary.skipped) == (1, 1)


class ProbeV2(CorpusProbe):
    version = "2"


def test_reanalyze_redoes_documents_after_a_pipeline_change(small_corpus: Path) -> None:
    repo = MemoryRepository()
    old = run_ingest([str(small_corpus)], repo, options=probe_options(), pipeline=PROBE)
    registry.register(NAME, ProbeV2)  # a new analyzer version changes the fingerprint
    try:
        new_pipeline = PipelineOptions(stages=(NAME,), stage_options={NAME: {}})
        skipped = run_ingest([str(small_corpus)], repo, options=probe_options(analyzers=()), pipeline=new_pipeline)
        assert (skipped.analyzed, skipped.skipped, skipped.stale) == (0, GOOD, GOOD)
        redone = run_ingest([str(small_corpus)], repo, options=probe_options(analyzers=(), reanalyze=True),
                            pipeline=new_pipeline)
    finally:
        registry.register(NAME, CorpusProbe)
    assert redone.pipeline != old.pipeline
    assert redone.analyzed == GOOD
    assert set(repo.analyzed().values()) == {redone.pipeline}
    assert repo.query("SELECT count(*), count(DISTINCT doc_id) FROM documents").rows == [(GOOD, GOOD)]
    spans_per_doc = repo.query("SELECT count(*) FROM spans GROUP BY doc_id, layer, idx HAVING count(*) > 1").rows
    assert spans_per_doc == []


def test_two_workers_store_what_the_in_process_run_stores(small_corpus: Path) -> None:
    serial, parallel = MemoryRepository(), MemoryRepository()
    run_ingest([str(small_corpus)], serial, options=probe_options(workers=0), pipeline=PROBE)
    summary = run_ingest([str(small_corpus)], parallel, options=probe_options(workers=2, batch_size=2),
                         pipeline=PROBE)
    assert summary.workers == 2 and summary.analyzed == GOOD and summary.failed == 3
    for table in ("spans", "claims", "techniques", "actors", "frames"):
        assert sorted(serial.iter_rows(table), key=repr) == sorted(parallel.iter_rows(table), key=repr), table


def test_a_document_that_kills_its_worker_fails_alone(small_corpus: Path) -> None:
    (small_corpus / "a08-boom.txt").write_text("A story that CRASHes the worker process.\n", encoding="utf-8")
    repo = MemoryRepository()
    summary = run_ingest([str(small_corpus)], repo, options=probe_options(workers=2, batch_size=4), pipeline=PROBE)
    assert summary.status == "finished"
    assert summary.analyzed == GOOD  # every neighbour of the crashing document was retried and stored
    crashes = [r for r in repo.iter_rows("errors") if r[5] == "WorkerCrash"]
    assert [Path(r[3]).name for r in crashes] == ["a08-boom.txt"]


@pytest.mark.parametrize("workers", [0, 1])
def test_unknown_stage_fails_before_anything_is_written(small_corpus: Path, workers: int) -> None:
    from unspun.errors import UnknownAnalyzerError

    repo = MemoryRepository()
    with pytest.raises(UnknownAnalyzerError):  # the stage check's own error, though the workers start first
        run_ingest([str(small_corpus)], repo, options=probe_options(workers=workers),
                   pipeline=PipelineOptions(stages=("nope",)))
    assert repo.count("runs") == 0


def test_a_pipeline_that_cannot_load_in_the_workers_reports_the_real_error(small_corpus: Path) -> None:
    from unspun.errors import ModelError

    broken = PipelineOptions(stages=(NAME,), stage_options={NAME: {"broken": True}})
    repo = MemoryRepository()
    with pytest.raises(ModelError, match="asked to fail"):
        run_ingest([str(small_corpus)], repo, options=probe_options(workers=2), pipeline=broken)
    assert repo.count("documents") == 0


@pytest.mark.slow
def test_default_pipeline_end_to_end_on_three_documents(tmp_path: Path, seed_text: str) -> None:
    folder = tmp_path / "three"
    folder.mkdir()
    for i in range(3):
        (folder / f"s{i}.txt").write_text(seed_text + f"\n\nNote {i}.\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    summary = run_ingest([str(folder)], db)
    assert (summary.analyzed, summary.failed) == (3, 0)
    repo = open_repository(db, read_only=True)
    try:
        layers = {r[0] for r in repo.query("SELECT DISTINCT layer FROM spans").rows}
        assert {"body", "paragraphs"} <= layers and len(layers) > 3
        # three copies of one article: one republication cluster
        assert repo.query("SELECT size FROM republication_clusters").rows == [(3,)]
        doc_id = repo.query("SELECT doc_id FROM documents ORDER BY doc_id LIMIT 1").rows[0][0]
        assert "Peacekeeping Mission in Kazakhstan" in repo.document(doc_id).text
    finally:
        repo.close()
