"""The quality gate fails on a drop, refuses silent lowering, and records deliberate changes."""

from __future__ import annotations

from pathlib import Path

from evaluation import gate


def test_drop_below_minimum_fails() -> None:
    pinned = {"minimums": {"f1": 0.80}, "maximums": {"ece": 0.05}}
    assert gate.check("t", {"f1": 0.81, "ece": 0.04}, pinned) == []
    problems = gate.check("t", {"f1": 0.79, "ece": 0.06}, pinned)
    assert any("f1" in p and "below" in p for p in problems)
    assert any("ece" in p and "above" in p for p in problems)
    assert gate.check("t", {}, pinned)  # a pinned metric that was not measured fails too


def test_update_raises_freely_but_refuses_to_lower_without_flag() -> None:
    entry = {"minimums": {"f1": 0.80}}
    assert gate.update_entry(entry, {"f1": 0.90}, allow_lower=False, reason=None, margin=0.01) == []
    assert entry["minimums"]["f1"] == 0.89
    refused = gate.update_entry(entry, {"f1": 0.50}, allow_lower=False, reason=None, margin=0.01)
    assert refused and entry["minimums"]["f1"] == 0.89


def test_deliberate_lowering_is_recorded_with_reason() -> None:
    entry = {"minimums": {"f1": 0.80}, "maximums": {"ece": 0.02}}
    refused = gate.update_entry(entry, {"f1": 0.70, "ece": 0.10}, allow_lower=True, reason="new data", margin=0.0)
    assert refused == []
    assert entry["minimums"]["f1"] == 0.70 and entry["maximums"]["ece"] == 0.10
    assert {c["metric"] for c in entry["changes"]} == {"f1", "ece"}
    assert all(c["reason"] == "new data" for c in entry["changes"])


def test_data_hash_sees_content_and_names(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("x")
    first = gate.data_hash(tmp_path, ["d"])
    assert first == gate.data_hash(tmp_path, ["d"])
    (tmp_path / "d" / "a.txt").write_text("y")
    assert gate.data_hash(tmp_path, ["d"]) != first


def test_every_task_module_is_pinned_in_the_baseline() -> None:
    pinned = gate.read_baseline()["tasks"]
    for mod in gate.load_tasks():
        assert mod.NAME in pinned, f"evaluation task {mod.NAME} has no minimums in evaluation/baseline.json"
        assert pinned[mod.NAME].get("minimums"), f"{mod.NAME} pins no minimum"
        assert callable(mod.evaluate) and mod.DATA


def test_gate_skips_cleanly_without_data(monkeypatch, tmp_path: Path, capsys) -> None:
    import unspun.models.datapaths as datapaths

    monkeypatch.setattr(datapaths, "default_data_dir", lambda: None)
    assert gate.run([]) == 0
    assert "skipped" in capsys.readouterr().out
    assert gate.run(["--data", str(tmp_path / "absent")]) == 2


def test_refused_update_is_counted_apart_from_the_tasks(monkeypatch, tmp_path: Path, capsys) -> None:
    import json
    from types import SimpleNamespace

    (tmp_path / "data" / "d").mkdir(parents=True)
    task = SimpleNamespace(NAME="t", DATA=["d"], evaluate=lambda data_dir: {"f1": 0.5, "new": 0.3})
    monkeypatch.setattr(gate, "load_tasks", lambda only=None: [task])
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"tasks": {"t": {"minimums": {"f1": 0.8}}}}))
    argv = ["--data", str(tmp_path / "data"), "--baseline", str(baseline), "--update"]
    assert gate.run(argv) == 1  # lowering f1 is refused, so the update fails
    out = capsys.readouterr().out
    assert "1 of 1 tasks within their pinned scores; 1 updates refused" in out
    pinned = json.loads(baseline.read_text())["tasks"]["t"]["minimums"]
    assert pinned == {"f1": 0.8, "new": 0.29}  # the new metric is pinned, the refused one kept
