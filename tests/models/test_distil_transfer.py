"""The distillation transfer set (news sentences, word variants) and the teacher cache."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from unspun.errors import ModelError
from unspun.models.augment import word_variants
from unspun.models.checkworthy import Splits
from unspun.models.checkworthy_train import Distil, FineTune, _command, transfer_sentences
from unspun.models.datasets import news_sentences
from unspun.models.datasets.claimbuster import LabelledSentence

DEBATE = [
    "We have lost eight hundred thousand jobs in the last year alone.",
    "Unemployment in this state is higher than it was four years ago.",
    "Thank you.",
]


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    it = iter(whole)
    return all(word in it for word in part)


def test_word_variants_are_deterministic_pieces_of_long_enough_sentences():
    variants = word_variants(DEBATE, 50, seed=3)
    assert variants == word_variants(DEBATE, 50, seed=3)
    assert variants != word_variants(DEBATE, 50, seed=4)
    assert len(variants) == 50
    sources = [s.split() for s in DEBATE[:2]]  # "Thank you." is too short to vary
    for v in variants:
        words = v.split()
        assert len(words) >= 4
        assert any(_is_subsequence(words, s) for s in sources), v
    assert any(v not in DEBATE for v in variants)  # they are variants, not copies


def test_word_variants_of_nothing_usable():
    assert word_variants(["Yes.", "No, sir."], 5, seed=0) == []
    assert word_variants(DEBATE, 0, seed=0) == []


def test_news_sentences_split_at_sentence_ends_and_keep_sentence_sized_pieces():
    text = ('The minister said 164 people died. "We will not stop," he added. Ok.\n'
            "A second paragraph starts here with enough words to count. " + "Word " * 70 + "end.")
    got = list(news_sentences.split_sentences(text))
    assert got == ["The minister said 164 people died.", '"We will not stop," he added.',
                   "A second paragraph starts here with enough words to count."]


def test_news_sentences_sample_is_distinct_and_seeded(data_dir: Path):
    first = news_sentences.load(data_dir, 300, seed=0)
    assert len(first) == 300 and len({s.lower() for s in first}) == 300
    assert first == news_sentences.load(data_dir, 300, seed=0)
    assert first != news_sentences.load(data_dir, 300, seed=1)


def _sentence(i: int, source: str, text: str) -> LabelledSentence:
    return LabelledSentence(key=f"{source}:{i}", text=text, label=i % 2, source=source)


def test_transfer_set_is_checkthat_train_then_variants(tmp_path):
    train = [_sentence(i, "claimbuster", t) for i, t in enumerate(DEBATE)]
    train += [_sentence(i, "checkthat2020-task5", f"Taxes went up by {i} percent under this governor.")
              for i in range(4)]
    held_out = [_sentence(9, "checkthat2020-task5", "A validation sentence that must never be seen.")]
    splits = Splits(train=train, valid_claimbuster=[], valid_checkthat=held_out)
    tuned = [s.text for s in train[:3]]
    got = transfer_sentences(tmp_path, splits, tuned, Distil(variants=6), seed=0)
    assert got[:4] == [s.text for s in train[3:]]
    assert len(got) == 10 and held_out[0].text not in got
    assert transfer_sentences(tmp_path, splits, tuned, Distil(checkthat=False), seed=0) == []


def test_train_command_in_the_card_names_the_transfer_set():
    ft = asdict(FineTune(threads=1))
    distil = {"alpha": 0.5, "news": 20000, "variants": 0, "teacher_fine_tune": {"epochs": 3}}
    command = _command(0, ft, distil)
    assert "--news 20000" in command and "--variants" not in command and "--threads 1" in command


def test_teacher_key_follows_everything_the_teacher_depends_on():
    from unspun.models.mpnet_teacher import teacher_key

    base = teacher_key({"lr": 3e-5}, 0, ["a", "b"], [1.0, 0.0])
    assert base == teacher_key({"lr": 3e-5}, 0, ["a", "b"], [1.0, 0.0])
    assert base != teacher_key({"lr": 3e-5}, 0, ["a", "b"], [1.0, 1.0])
    assert base != teacher_key({"lr": 5e-5}, 0, ["a", "b"], [1.0, 0.0])
    assert base != teacher_key({"lr": 3e-5}, 1, ["a", "b"], [1.0, 0.0])
    assert base != teacher_key({"lr": 3e-5}, 0, ["a", "c"], [1.0, 0.0])


def test_cached_teacher_round_trip_and_a_clear_error_when_it_does_not_fit(tmp_path, monkeypatch):
    torch = pytest.importorskip("torch")
    pytest.importorskip("safetensors")
    from unspun.models import mpnet_teacher

    monkeypatch.setenv("UNSPUN_CACHE_DIR", str(tmp_path))
    path = mpnet_teacher.cached_teacher("k")
    assert path.parent == tmp_path / "teachers"
    torch.manual_seed(0)
    saved = torch.nn.Linear(3, 1)
    mpnet_teacher.save_teacher(saved, path)
    loaded = torch.nn.Linear(3, 1)
    mpnet_teacher.restore_teacher(loaded, path)
    assert torch.equal(saved.weight, loaded.weight) and torch.equal(saved.bias, loaded.bias)
    with pytest.raises(ModelError, match="cannot be loaded") as err:
        mpnet_teacher.restore_teacher(torch.nn.Linear(4, 1), path)
    assert "rm " in err.value.hint


def test_train_command_in_the_card_names_fine_tuned_embeddings():
    ft = asdict(FineTune(train_embeddings=True))
    assert "--train-embeddings" in _command(0, ft, None)
    assert "--train-embeddings" not in _command(0, {**ft, "train_embeddings": False}, None)
