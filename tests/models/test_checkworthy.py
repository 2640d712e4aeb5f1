"""The check-worthiness model: fit/predict contract, persistence, the shipped artifact and the command."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from unspun.errors import ConfigError, ModelError
from unspun.models.artifacts import artifact_dir
from unspun.models.checkworthy import (
    FILES,
    NAME,
    CheckworthyModel,
    binary_metrics,
    mean_average_precision,
)

FACTUAL = [
    "Unemployment rose to {} percent last year.",
    "The deficit reached {} billion dollars in 2015.",
    "We cut taxes for {} million families.",
    "Crime fell by {} percent in the city.",
    "The state lost {} thousand jobs under his watch.",
]
CHATTER = [
    "Thank you so much, {}.",
    "Let me say this to you, {}.",
    "Good evening and welcome, {}.",
    "I appreciate the question, {}.",
    "Well, {}, we will see.",
]


def _toy() -> tuple[list[str], np.ndarray]:
    texts, y = [], []
    for i in range(12):
        for t in FACTUAL:
            texts.append(t.format(i + 2))
            y.append(1)
        for t in CHATTER:
            texts.append(t.format(["John", "Mary", "folks", "everybody"][i % 4]))
            y.append(0)
    return texts, np.array(y)


@pytest.fixture(scope="module")
def toy_model() -> CheckworthyModel:
    texts, y = _toy()
    return CheckworthyModel(c=1.0, word_bits=12, char_bits=12).fit(texts, y)


def test_fit_separates_and_gives_probabilities(toy_model):
    p = toy_model.predict_proba(["Inflation rose to 9 percent last year.", "Thank you so much, Bill."])
    assert p.min() >= 0 and p.max() <= 1
    assert p[0] > p[1]


def test_save_load_roundtrip(toy_model, tmp_path):
    toy_model.threshold_ = 0.42
    toy_model.save(tmp_path)
    loaded = CheckworthyModel.load(tmp_path)
    texts = ["Taxes rose by 3 percent.", "Good evening, Bill."]
    assert loaded.threshold_ == pytest.approx(0.42)
    np.testing.assert_allclose(loaded.predict_proba(texts), toy_model.predict_proba(texts), atol=1e-3)
    assert loaded.predict(texts).tolist() == (loaded.predict_proba(texts) >= 0.42).astype(int).tolist()


def test_fit_refuses_one_class():
    with pytest.raises(ConfigError):
        CheckworthyModel().fit(["a b", "c d", "e f", "g h", "i j", "k l"], [1] * 6)


def test_unfitted_and_missing_artifact_errors(tmp_path):
    with pytest.raises(ConfigError):
        CheckworthyModel().predict_proba(["x"])
    with pytest.raises(ModelError, match="train checkworthy"):
        CheckworthyModel.load(tmp_path)


def test_metrics_by_hand():
    y = np.array([1, 1, 0, 0])
    p = np.array([0.9, 0.2, 0.6, 0.1])
    m = binary_metrics(y, p, 0.5)
    assert (m["precision"], m["recall"], m["f1"]) == (0.5, 0.5, 0.5)
    # group a: hits at ranks 1 and 3 -> (1/1 + 2/3) / 2; group b: hit at rank 2 -> 1/2
    groups = ["a", "a", "a", "b", "b"]
    assert mean_average_precision(groups, np.array([1, 0, 1, 0, 1]), np.array([0.9, 0.8, 0.7, 0.9, 0.1])) == \
        pytest.approx(((1 + 2 / 3) / 2 + 0.5) / 2)


def test_shipped_artifact_is_small_and_sensible():
    folder = artifact_dir(NAME)
    assert all((folder / f).is_file() for f in [*FILES, "MODEL_CARD.md"])
    assert sum(f.stat().st_size for f in folder.iterdir()) <= 5 * 2**20
    model = CheckworthyModel.load()
    assert 0.05 <= model.threshold_ <= 0.95
    p = model.predict_proba([
        "At least 164 people have been killed and 2,000 arrested since January.",
        "Thank you very much, it is good to be here.",
    ])
    assert p[0] >= model.threshold_ > p[1]


def test_predict_command(tmp_path):
    from unspun.present.cli.main import main

    src = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": "The unemployment rate doubled to 10 percent in 2009."}, {"id": 7, "text": "Hello."}]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["predict", "checkworthy", "--input", str(src), "--out", str(out)]) == 0
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [g["id"] for g in got] == ["a", 7]
    assert got[0]["score"] > got[1]["score"] and got[0]["label"] == 1 and got[1]["label"] == 0


def test_predict_command_rejects_bad_lines(tmp_path, capsys):
    from unspun.present.cli.main import main

    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": 1, "text": "ok"}\n{"text": "no id"}\n', encoding="utf-8")
    assert main(["predict", "checkworthy", "--input", str(src), "--out", str(tmp_path / "o.jsonl")]) == 3
    assert "bad.jsonl:2" in capsys.readouterr().err


@pytest.mark.data
def test_gate_task_scores_shipped_model(data_dir: Path):
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "evaluation" / "tasks" / "checkworthy.py"
    spec = importlib.util.spec_from_file_location("checkworthy_task", path)
    task = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(task)
    assert task.NAME == "checkworthy" and set(task.DATA) == {"claimbuster", "checkthat2020-task5"}
    metrics = task.evaluate(data_dir)
    assert metrics["f1"] >= 0.72
    assert metrics["ece"] <= 0.05


def _fake_data(root: Path) -> Path:
    """A tiny data folder in the shared layout: ClaimBuster JSON and two CheckThat debates."""
    texts, y = _toy()
    pairs = list(zip(texts, y, strict=True))
    rows = [{"sentence_id": i, "label": int(label), "text": t} for i, (t, label) in enumerate(pairs)]
    cb = root / "claimbuster" / "data" / "two_class"
    cb.mkdir(parents=True)
    (cb / "train.json").write_text(json.dumps(rows), encoding="utf-8")
    ct = root / "checkthat2020-task5" / "data" / "v2.0" / "training"
    ct.mkdir(parents=True)
    for d in range(6):
        lines = [f"{n + 1}\tSPEAKER\t{t}\t{label}" for n, (t, label) in enumerate(pairs[d::6])]
        lines.append(f"{len(lines) + 1}\tSYSTEM\t(APPLAUSE)\t0")
        (ct / f"2016010{d}_debate.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_train_end_to_end_on_a_tiny_data_folder(tmp_path):
    from unspun.models.checkworthy import train
    from unspun.models.datasets import checkthat, claimbuster

    data = _fake_data(tmp_path / "data")
    assert all(s.source == "checkthat2020-task5" for s in checkthat.load_train(data))
    assert "(APPLAUSE)" not in {s.text for s in checkthat.load_train(data)}
    assert len(claimbuster.load_train(data)) == 120
    out = tmp_path / "model"
    _, metrics = train(data, out, seed=0, bits=12)
    assert metrics["claimbuster_f1"] > 0.9 and 0 <= metrics["claimbuster_ece"] <= 1
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "claimbuster_f1" in card and "Seed: 0" in card
    model = CheckworthyModel.load(out)
    assert model.meta_["validation"]["claimbuster_f1"] == pytest.approx(metrics["claimbuster_f1"], abs=1e-4)


def test_train_command_names_a_missing_data_folder(tmp_path, capsys):
    from unspun.present.cli.main import main

    assert main(["train", "checkworthy", "--data", str(tmp_path), "--out", str(tmp_path / "m")]) == 4
    assert "claimbuster" in capsys.readouterr().err
