"""Preset queries, `unspun query|sql|export` and their output formats, over a small probe corpus."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest

from tests.corpus.conftest import PROBE, probe_options, variants
from unspun.corpus import run_ingest
from unspun.corpus.queries import PRESETS, run_preset
from unspun.errors import ConfigError
from unspun.present.cli.main import main
from unspun.store import open_repository


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.corpus.fake_analyzers import NAME, TARGET
    from unspun.pipeline import registry

    registry.register(NAME, TARGET)
    root = tmp_path_factory.mktemp("q")
    texts = variants(4, seed=5)
    rows = [
        {"text": texts[0] + ' "We will stay", said Ivan Petrov. The puppet regime lied.', "outlet": "Alpha",
         "published": "2022-01-10"},
        {"text": texts[0] + ' "We will stay", said Ivan Petrov. The puppet regime lied.', "outlet": "Beta",
         "published": "2022-01-12", "url": "https://beta.example/copy"},
        {"text": texts[1] + ' "No comment", said Ivan Petrov.', "outlet": "Alpha", "published": "2022-01-11"},
        {"text": texts[2], "outlet": "Gamma", "published": "2022-01-09"},
    ]
    jsonl = root / "items.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    db = root / "c.duckdb"
    summary = run_ingest([str(jsonl)], db, options=probe_options(), pipeline=PROBE)
    assert summary.analyzed == 4, summary
    return db


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def test_every_preset_runs(corpus_db: Path) -> None:
    repo = open_repository(corpus_db, read_only=True)
    try:
        for name in PRESETS:
            assert run_preset(repo, name, 10).columns
        with pytest.raises(ConfigError):
            run_preset(repo, "nope")
        outlets = {r[0] for r in repo.query("SELECT outlet FROM documents").rows}
    finally:
        repo.close()
    if outlets == {None}:
        pytest.skip("this ingest does not read `outlet` from JSONL yet")


def test_speakers_and_actor_pairs(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    speakers = json.loads(cli(capsys, "query", "speakers", "--db", str(corpus_db), "-f", "json"))
    assert speakers[0]["speaker"] == "Ivan Petrov"
    assert (speakers[0]["quotes"], speakers[0]["documents"], speakers[0]["direct"]) == (3, 3, 3)
    pairs = json.loads(cli(capsys, "query", "actor-pairs", "--db", str(corpus_db), "-f", "json"))
    by_pair = {(p["actor_a"], p["actor_b"]): p["documents"] for p in pairs}
    assert by_pair[("NATO", "RUS")] == 4  # every dispatch names both in its first line


def test_techniques_by_outlet_and_top_claims(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = cli(capsys, "query", "techniques-by-outlet", "--db", str(corpus_db), "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["technique"] == "Loaded_Language" for r in rows)
    assert sum(int(r["documents"]) for r in rows) >= 2
    claims = json.loads(cli(capsys, "query", "top-claims", "--db", str(corpus_db), "-f", "json", "-n", "3"))
    assert len(claims) <= 3 and claims[0]["documents"] >= 2  # the copied article's claims recur


def test_republication_preset_lists_the_copy(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = json.loads(cli(capsys, "query", "republication", "--db", str(corpus_db), "-f", "json"))
    assert [r["relation"] for r in rows] == ["earliest", "near_duplicate"]
    assert rows[0]["published"] == "2022-01-10"


def test_sql_table_and_bad_sql(corpus_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = cli(capsys, "sql", "SELECT count(*) AS n FROM documents", "--db", str(corpus_db))
    assert "n" in out and "4" in out
    assert main(["sql", "SELEC nonsense", "--db", str(corpus_db)]) == 2
    assert "query failed" in capsys.readouterr().err
    assert main(["sql", "DROP TABLE documents", "--db", str(corpus_db)]) == 2  # read-only
    assert main(["sql", "SELECT 1", "--db", str(corpus_db.parent / "missing.duckdb")]) == 3


def test_export_formats(corpus_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("parquet", "csv", "jsonl"):
        out = tmp_path / fmt
        assert main(["export", "--db", str(corpus_db), "-f", fmt, "-o", str(out)]) == 0
        assert (out / "data-dictionary.md").exists()
        reader = {"parquet": "read_parquet", "csv": "read_csv", "jsonl": "read_json"}[fmt]
        n = duckdb.connect().execute(f"SELECT count(*) FROM {reader}('{out / f'documents.{fmt}'}')").fetchone()[0]
        assert n == 4
    assert main(["export", "--db", str(corpus_db), "-f", "xml", "-o", str(tmp_path / "x")]) == 2


def test_ingest_command_summary_and_strict(small_corpus: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cli.duckdb"
    args = ["ingest", str(small_corpus), "--db", str(db), "--stages", "corpus_probe", "--workers", "0", "-q"]
    out = cli(capsys, *args)
    assert "analysed" in out and "12" in out and "failed" in out and "BinaryInputError" in out
    assert "in this process" in out  # --workers 0
    assert "a08-boom.txt" in out  # the per-document error is listed
    assert main([*args, "--strict"]) == 3  # all skipped now, but the corrupt items fail again
    again = capsys.readouterr().out
    assert "12 already stored" in again
