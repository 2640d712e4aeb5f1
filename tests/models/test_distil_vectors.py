"""Distilling the teacher's sentence vectors: the cached teacher outputs, the extra loss and the card."""

from __future__ import annotations

from dataclasses import asdict

import numpy as np
import pytest

from unspun.errors import ModelError
from unspun.models.checkworthy_train import FineTune, _command, _soft_targets, _standardised


def test_teacher_outputs_round_trip_and_clear_errors(tmp_path, monkeypatch):
    from unspun.models import mpnet_teacher

    monkeypatch.setenv("UNSPUN_CACHE_DIR", str(tmp_path))
    key = mpnet_teacher.outputs_key("teacher", ["a", "b"])
    assert key != mpnet_teacher.outputs_key("teacher", ["a", "c"])
    assert key != mpnet_teacher.outputs_key("other teacher", ["a", "b"])
    path = mpnet_teacher.cached_outputs(key)
    assert path.parent == tmp_path / "teachers"
    logits = np.array([0.5, -1.25], dtype=np.float32)
    vectors = np.array([[0.1, 2.0], [3.0, -4.0]], dtype=np.float32)
    mpnet_teacher.save_outputs(path, logits, vectors)
    got_logits, got_vectors = mpnet_teacher.load_outputs(path, 2)
    assert got_logits.tolist() == logits.tolist()
    assert got_vectors.dtype == np.float16 and np.allclose(got_vectors, vectors, atol=1e-3)
    with pytest.raises(ModelError, match="2 rows, not 3") as err:
        mpnet_teacher.load_outputs(path, 3)
    assert "rm " in err.value.hint
    path.write_bytes(b"not an npz")
    with pytest.raises(ModelError, match="cannot be read"):
        mpnet_teacher.load_outputs(path, 2)


def test_soft_targets_mix_gold_on_the_labelled_rows_only():
    got = _soft_targets(np.array([0.5, 0.5, 0.5]), [1.0, 0.0], alpha=0.5)
    assert got == pytest.approx([0.75, 0.25, 0.5])


def test_standardised_vectors_have_unit_spread_and_survive_a_constant_dimension():
    v = np.array([[1.0, 5.0], [3.0, 5.0], [5.0, 5.0]], dtype=np.float16)
    got = _standardised(v)
    assert got.dtype == np.float32
    assert got[:, 0].mean() == pytest.approx(0.0) and got[:, 0].std() == pytest.approx(1.0)
    assert np.all(got[:, 1] == 0.0)


def test_train_command_in_the_card_names_the_vector_weight():
    ft = asdict(FineTune(threads=1))
    distil = {"alpha": 0.5, "news": 100, "variants": 0, "embed": 0.5, "teacher_fine_tune": {"epochs": 3}}
    assert "--embed-weight 0.5" in _command(0, ft, distil)
    assert "--embed-weight" not in _command(0, ft, {**distil, "embed": 0.0})
    assert "--teachers 3" in _command(0, ft, {**distil, "teachers": 3})
    assert "--teachers" not in _command(0, ft, {**distil, "teachers": 1})


def test_teachers_are_seeded_in_turn_and_their_probabilities_averaged(monkeypatch):
    from unspun.models import checkworthy_train

    seen: list[int] = []

    def fake_outputs(texts, labels, extra, *, seed, cfg, progress=None):
        seen.append(seed)
        logit = 0.0 if seed == 7 else np.log(3.0)  # probabilities 0.5, then 0.75
        vectors = np.full((len(texts) + len(extra), 2), float(seed), dtype=np.float16)
        vectors[0, 0] = 0.0
        if seed != 7:
            vectors[0, 1] = 0.0  # the second teacher's column 1 varies; the first teacher's is constant
        return np.full(len(texts) + len(extra), logit, dtype=np.float32), vectors

    monkeypatch.setattr(checkworthy_train, "teacher_outputs", fake_outputs)
    distil = checkworthy_train.Distil(alpha=0.5, teachers=2)
    targets, vectors = checkworthy_train.teacher_targets(["a", "b"], [1.0, 0.0], ["c"], seed=7, distil=distil)
    assert seen == [7, 8]
    assert targets == pytest.approx([0.5 + 0.3125, 0.3125, 0.625])
    assert vectors.shape == (3, 2) and np.all(vectors[:, 1] == 0.0)  # the first teacher's (constant) column
    seen.clear()
    checkworthy_train.teacher_targets(["a"], [1.0], [], seed=7, distil=checkworthy_train.Distil(teachers=1))
    assert seen == [7]


def _tiny_model():
    """A stand-in for MiniLM with the parts ``fit`` uses: ``pooled``, ``drop`` and ``head``."""
    import torch

    class Tiny(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = torch.nn.Embedding(20, 4)
            self.drop = torch.nn.Dropout(0.0)
            self.head = torch.nn.Linear(4, 1)

        def pooled(self, ids, mask):
            m = mask.unsqueeze(-1).float()
            return (self.emb(ids) * m).sum(1) / m.sum(1).clamp(min=1.0)

        def forward(self, ids, mask):
            return self.head(self.drop(self.pooled(ids, mask))).squeeze(-1)

    return Tiny()


def test_fit_learns_the_vectors_only_when_weighted_and_is_deterministic():
    torch = pytest.importorskip("torch")
    from unspun.models.checkworthy_train import fit

    ids = [[1, 2, 3], [4, 5], [6, 7, 8, 9], [10, 11]] * 4
    y = [1.0, 0.0, 1.0, 0.0] * 4
    vectors = _standardised(np.random.default_rng(0).normal(size=(len(ids), 6)).astype(np.float16))
    cfg = FineTune(epochs=2, batch_size=4, lr=1e-2, threads=1, sort_chunk=2)

    def trained(embed: float):
        torch.manual_seed(0)
        model = _tiny_model()
        return fit(model, ids, y, pad_id=0, seed=0, cfg=cfg, vectors=vectors, embed=embed)

    plain, with_vectors, again = trained(0.0), trained(1.0), trained(1.0)
    assert torch.equal(with_vectors.emb.weight, again.emb.weight)  # deterministic
    assert not torch.equal(plain.emb.weight, with_vectors.emb.weight)  # the vector loss moved the encoder
    assert set(with_vectors.state_dict()) == set(plain.state_dict())  # the linear map is not part of the model
