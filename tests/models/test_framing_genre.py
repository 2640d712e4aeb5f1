"""Genre and framing models: the SemEval-2023 article reader, training, metrics, evidence and the CLI."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from unspun.errors import DataNotFoundError, DocumentError
from unspun.models.datasets import semeval2023_articles as ds
from unspun.models.doc_classifier import article_units, model_text
from unspun.models.framing import FramingModel, macro_f1, micro_f1, train_framing
from unspun.models.genre import GenreModel, language_alignment, train_genre, tune_offsets
from unspun.models.genre import macro_f1 as genre_macro_f1

WORDS = {
    "opinion": ["we", "must", "believe", "shameful", "outrage", "disgrace", "think", "should", "never", "betrayal"],
    "reporting": ["said", "tuesday", "officials", "according", "statement", "reported", "agency", "confirmed"],
    "satire": ["banana", "clown", "hilarious", "toaster", "unicorn", "pickle", "wizard", "giggled", "absurd"],
}
FILLER = ["the", "city", "government", "people", "year", "state", "week", "report", "plan", "group"]
FRAME_WORDS = {"Economic": "tax budget prices inflation market", "Security_and_defense": "army troops missile war"}


def _article(rng: random.Random, genre: str, frames: tuple[str, ...]) -> str:
    paragraphs = []
    for _ in range(3):
        words = rng.choices(FILLER, k=12) + rng.choices(WORDS[genre], k=5)
        for f in frames:
            words += rng.choices(FRAME_WORDS[f].split(), k=4)
        rng.shuffle(words)
        paragraphs.append(" ".join(words).capitalize() + ".")
    return f"Title {rng.randint(0, 999)}\n\n" + "\n\n".join(paragraphs) + "\n"


def _corpus(n: int = 90, seed: int = 1) -> list[ds.Article]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        genre = ds.GENRES[i % 3]
        frames = tuple(f for j, f in enumerate(FRAME_WORDS) if (i >> j) & 1) or ("Economic",)
        lang = ("en", "fr")[i % 2]
        out.append(ds.Article(str(1000 + i), lang, _article(rng, genre, frames), genre=genre, frames=frames))
    return out


@pytest.fixture(scope="module", autouse=True)
def small_hash_space():
    """2**12 buckets instead of 2**16: the same code path, trained in seconds."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("unspun.models.doc_classifier.WORD_BITS", 12)
        mp.setattr("unspun.models.doc_classifier.CHAR_BITS", 12)
        yield


@pytest.fixture(scope="module")
def corpus() -> list[ds.Article]:
    return _corpus()


@pytest.fixture(scope="module")
def genre_model(corpus) -> GenreModel:
    return train_genre(corpus, seed=0)


@pytest.fixture(scope="module")
def framing_model(corpus) -> FramingModel:
    return train_framing(corpus, seed=0)


def _write_organisers_folder(root: Path, articles: list[ds.Article]) -> None:
    base = root / ds.FOLDER / "data" / "ge"
    for n, task in ((1, "genre"), (2, "framing")):
        folder = base / f"train-articles-subtask-{n}"
        folder.mkdir(parents=True)
        rows = []
        for a in articles:
            (folder / f"article{a.id}.txt").write_text(a.text, encoding="utf-8")
            rows.append(f"{a.id}\t{a.genre if task == 'genre' else ','.join(a.frames)}")
        (base / f"train-labels-subtask-{n}.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_reader_maps_folder_codes_and_reads_labels(tmp_path: Path, corpus) -> None:
    _write_organisers_folder(tmp_path, corpus[:6])
    genre = list(ds.iter_articles(tmp_path, "de", "genre"))
    frames = list(ds.iter_articles(tmp_path, "ge", "framing"))
    assert [a.id for a in genre] == [a.id for a in corpus[:6]]
    assert {a.language for a in genre} == {"de"}
    assert [a.genre for a in genre] == [a.genre for a in corpus[:6]]
    assert [a.frames for a in frames] == [a.frames for a in corpus[:6]]
    assert genre[0].title.startswith("Title")
    with pytest.raises(DataNotFoundError):
        list(ds.iter_articles(tmp_path, "en", "genre"))
    with pytest.raises(DataNotFoundError):
        ds.language_folder("es")


def test_reader_rejects_unknown_frames(tmp_path: Path, corpus) -> None:
    _write_organisers_folder(tmp_path, corpus[:2])
    labels = tmp_path / ds.FOLDER / "data" / "ge" / "train-labels-subtask-2.txt"
    labels.write_text(f"{corpus[0].id}\tEconomic,Not_A_Frame\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="Not_A_Frame"):
        list(ds.iter_articles(tmp_path, "de", "framing"))


def test_article_folder_is_read_in_numeric_order(tmp_path: Path) -> None:
    for i in (10, 9, 100):
        (tmp_path / f"article{i}.txt").write_text(f"t{i}\n\nbody\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert [i for i, _ in ds.read_article_folder(tmp_path)] == ["9", "10", "100"]


def test_line_ranges_skip_blank_lines() -> None:
    text = "Title\n\n  First para. \nSecond\n\n"
    assert [text[s:e] for s, e in ds.line_ranges(text)] == ["Title", "First para.", "Second"]


def test_micro_and_macro_f1_by_hand() -> None:
    gold = np.array([[1, 0, 1], [0, 1, 0]], dtype=bool)
    pred = np.array([[1, 1, 0], [0, 1, 0]], dtype=bool)
    assert micro_f1(gold, pred) == pytest.approx(2 * 2 / (3 + 3))
    assert macro_f1(gold, pred) == pytest.approx((1 + 2 / 3 + 0) / 3)
    assert genre_macro_f1(["opinion", "satire"], ["opinion", "opinion"]) == pytest.approx((2 / 3 + 0) / 2)


def test_offsets_move_the_decision_towards_an_underpredicted_class() -> None:
    scores = np.array([[1.0, 0.5, -3]] * 10 + [[1.0, 0.2, -3]] * 10 + [[-3, -3, 1.0]] * 5)
    y = np.array([1] * 10 + [0] * 10 + [2] * 5)
    off = tune_offsets(scores, y)
    assert (scores + off).argmax(1).tolist() == y.tolist()


def test_alignment_moves_a_language_halfway_to_the_pooled_opinion_scores() -> None:
    # "it" opinion articles score 2 lower on satire and 1 higher on reporting than "de" ones: after alignment
    # its satire article, which the same offsets would never reach, sits nearer the pooled scale.
    scores = np.array([[0.0, -1.0, -1.0]] * 4 + [[1.0, 1.0, -2.0]] * 4 + [[5.0, 5.0, 5.0]])
    y = np.array([0] * 8 + [2])
    langs = ["de"] * 4 + ["it"] * 4 + ["de"]
    shift = language_alignment(scores, y, langs, shrink=0.5)
    # pooled opinion mean (0.5, 0, -1.5): reporting and satire minus opinion -0.5 and -2 pooled, -1 and -1 in
    # "de", 0 and -3 in "it"; each moves halfway, the opinion column stays
    assert shift["de"] == pytest.approx([0.0, 0.25, -0.5])
    assert shift["it"] == pytest.approx([0.0, -0.25, 0.5])
    full = language_alignment(scores, y, langs, shrink=1.0)
    aligned = scores + np.array([full[g] for g in langs])
    de, it = aligned[:4].mean(axis=0), aligned[4:8].mean(axis=0)
    assert de - de[0] == pytest.approx(it - it[0])
    assert language_alignment(scores, y, langs, shrink=0.0)["it"] == pytest.approx([0.0, 0.0, 0.0])


def test_genre_offsets_of_every_language_include_its_alignment(genre_model) -> None:
    meta = genre_model.model.meta
    assert set(meta["alignment"]) == set(meta["language_offsets"]) == {"en", "fr"}
    for lang, shift in meta["alignment"].items():
        assert shift[0] == 0.0 and genre_model.offsets(lang).tolist() == meta["language_offsets"][lang]
    assert genre_model.offsets("es").tolist() == meta["offsets"]


def test_genre_model_learns_and_is_calibrated_to_a_distribution(corpus, genre_model) -> None:
    rng = random.Random(7)
    texts = [model_text(*article_units(_article(rng, g, ("Economic",))), "en") for g in ds.GENRES]
    proba = genre_model.predict_proba(texts, "en")
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert genre_model.predict(texts, "en") == list(ds.GENRES)
    assert genre_model.model.meta["temperature"] > 0


def test_genre_embedding_head_is_used_and_its_paragraph_shares_add_up(genre_model) -> None:
    from unspun.models.genre import DenseHead, article_vector, embed_units

    dense = genre_model.dense
    assert dense is not None and genre_model.dense_weight > 0
    assert np.abs(dense.coef).sum() > 0 and dense.languages == ["en", "fr"]
    rng = random.Random(9)
    title, paragraphs = article_units(_article(rng, "satire", ("Economic",)))
    # the analyzer's path (contributions) and the batch path (decision on the model text) give the same scores
    scores, per_paragraph = genre_model.contributions(title, paragraphs, "en")
    batch = genre_model.decision([model_text(title, paragraphs, "en")], "en")[0]
    assert np.allclose(scores, batch, atol=1e-6)
    # and the embedding head moves them: the TF-IDF head alone scores differently
    tfidf_only, tfidf_shares = genre_model.model.contributions(title, paragraphs, "en")
    assert not np.allclose(scores, tfidf_only, atol=1e-3)
    # each paragraph's share of the body mean: the shares add up to the body part of the linear score
    title_vector, vectors = embed_units(genre_model.encoder, title, paragraphs)
    shares = dense.paragraph_shares(vectors)
    dim = vectors.shape[1]
    assert np.allclose(shares.sum(axis=0), vectors.mean(axis=0) @ dense.coef[:, :dim].T / dense.scale)
    assert np.allclose(per_paragraph - tfidf_shares, genre_model.dense_weight * shares)
    # an unknown language is centred on the mean of the language means, with no language indicator
    v = article_vector(title_vector, vectors)[None, :]
    assert dense.features(v, ["xx"])[0, -2:].tolist() == [0.0, 0.0]
    assert dense.features(v, ["fr"])[0, -2:].tolist() == [0.0, 1.0]
    assert dense.title and article_vector(title_vector, vectors, title=False).shape == (vectors.shape[1],)
    # the JSON form (meta["dense"]) gives the same scores
    again = DenseHead.from_dict(dense.to_dict())
    assert np.allclose(again.decision(v, ["fr"]), dense.decision(v, ["fr"]), atol=1e-4)


def test_framing_model_learns_frames(framing_model) -> None:
    rng = random.Random(8)
    texts = [
        model_text(*article_units(_article(rng, "reporting", ("Security_and_defense",))), "en"),
        model_text(*article_units(_article(rng, "opinion", ("Economic", "Security_and_defense"))), "fr"),
    ]
    predicted = framing_model.predict(texts)
    assert "Security_and_defense" in predicted[0] and "Economic" not in predicted[0]
    assert {"Economic", "Security_and_defense"} <= set(predicted[1])
    assert set(framing_model.thresholds("en")) == set(ds.FRAMES)
    pooled = framing_model.thresholds_for(None)
    assert framing_model.thresholds_for("xx").tolist() == pooled.tolist()
    per_row = np.array([framing_model.thresholds_for(x) for x in ("en", "fr")])
    assert framing_model.predict(texts, ["en", "fr"]) == [
        [framing_model.labels[j] for j in np.flatnonzero(row)] for row in framing_model.predict_proba(texts) >= per_row
    ]


def test_save_load_round_trip_and_same_seed_same_model(tmp_path: Path, corpus, genre_model) -> None:
    genre_model.model.save(tmp_path / "g")
    loaded = GenreModel.load(tmp_path / "g")
    texts = [model_text(*article_units(a.text), a.language) for a in corpus[:5]]
    assert np.allclose(loaded.predict_proba(texts, "en"), genre_model.predict_proba(texts, "en"), atol=1e-3)
    again = train_genre(corpus, seed=0)
    assert again.model.meta["offsets"] == genre_model.model.meta["offsets"]
    assert np.allclose(again.model.head.weights.toarray(), genre_model.model.head.weights.toarray())
    with pytest.raises(Exception, match="not a 'framing' model"):
        FramingModel.load(tmp_path / "g")


def test_paragraph_contributions_point_at_the_paragraph_that_carries_the_label(framing_model) -> None:
    paragraphs = [
        "The city people year state week group plan.",
        "Army troops missile war army troops missile war.",
        "The government report plan people city.",
    ]
    scores, per_par = framing_model.model.contributions("A title", paragraphs, "en")
    j = framing_model.labels.index("Security_and_defense")
    assert per_par.shape == (3, len(framing_model.labels))
    assert int(per_par[:, j].argmax()) == 1 and per_par[1, j] > 0
    # The decomposition is additive: paragraphs never explain more than the score above the bias,
    # up to the title's and the language token's share and n-grams that cross paragraph lines.
    full = float(scores[j] - framing_model.model.head.bias[j])
    assert per_par[:, j].sum() == pytest.approx(full, abs=0.5 * abs(full) + 1e-6)


def test_cli_predict_writes_the_organisers_formats(tmp_path: Path, corpus, genre_model, framing_model) -> None:
    from unspun.present.cli.main import main

    genre_model.model.save(tmp_path / "g")
    framing_model.model.save(tmp_path / "f")
    folder = tmp_path / "articles"
    folder.mkdir()
    for a in corpus[:4]:
        (folder / f"article{a.id}.txt").write_text(a.text, encoding="utf-8")
    args = ["predict", "semeval2023", "--lang", "po", "--articles", str(folder)]
    assert main([*args, "--task", "genre", "--out", str(tmp_path / "g.txt"), "--model", str(tmp_path / "g")]) == 0
    assert main([*args, "--task", "framing", "--out", str(tmp_path / "f.txt"), "--model", str(tmp_path / "f")]) == 0
    genre_rows = [r.split("\t") for r in (tmp_path / "g.txt").read_text().splitlines()]
    assert [r[0] for r in genre_rows] == [a.id for a in corpus[:4]]
    assert all(len(r) == 2 and r[1] in ds.GENRES for r in genre_rows)
    frame_rows = [r.split("\t") for r in (tmp_path / "f.txt").read_text().splitlines()]
    assert all(len(r) == 2 and set(filter(None, r[1].split(","))) <= set(ds.FRAMES) for r in frame_rows)
    bad = ["predict", "semeval2023", "--task", "genre", "--lang", "es", "--articles", str(folder), "--out", "x"]
    assert main(bad) == 2


def test_cli_predict_still_hands_persuasion_tasks_on(tmp_path: Path, capsys) -> None:
    from unspun.present.cli.main import main

    pytest.importorskip("unspun.present.cli.persuasion")
    code = main(["predict", "semeval2023", "--task", "techniques", "--lang", "en", "--articles", str(tmp_path),
                 "--out", str(tmp_path / "o.txt")])
    assert code == 2
    assert "--template" in capsys.readouterr().err  # the persuasion command's own message, not "unknown task"


def test_cli_train_needs_data(tmp_path: Path) -> None:
    from unspun.present.cli.main import main

    assert main(["train", "genre", "--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")]) == 4


@pytest.mark.data
def test_shipped_models_meet_the_targets_on_validation(data_dir: Path) -> None:
    from evaluation.tasks import framing, genre

    frames = framing.evaluate(data_dir)
    genres = genre.evaluate(data_dir)
    assert frames["en_micro_f1"] >= 0.65
    assert genres["macro_f1"] >= 0.45
    assert genres["ece"] < 0.15
