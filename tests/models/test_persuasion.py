"""Persuasion model: official-style scores, span decoding, training on a toy corpus, the shipped artifact."""

from __future__ import annotations

import numpy as np
import pytest

from unspun.models.datasets.semeval2023_paragraphs import Article, Paragraph, TechniqueSpan
from unspun.models.persuasion import PersuasionModel, split_of, train
from unspun.models.persuasion_scoring import paragraph_f1, span_prf
from unspun.models.persuasion_spans import DecodeParams, SpanTagger, tokenize
from unspun.models.sparse_linear import SparseLinear


def test_paragraph_f1_matches_scikit_learn() -> None:
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(0)
    gold = rng.random((60, 7)) < 0.2
    pred = rng.random((60, 7)) < 0.25
    gold[:, 6] = pred[:, 6] = False  # a technique nobody uses: 0 in the macro average, as in the official scorer
    got = paragraph_f1(gold, pred)
    assert got["micro_f1"] == pytest.approx(f1_score(gold, pred, average="micro", zero_division=0))
    assert got["macro_f1"] == pytest.approx(f1_score(gold, pred, average="macro", zero_division=0))


def test_span_scores_give_partial_credit_per_technique() -> None:
    gold = [("a", "Doubt", 0, 10)]
    assert span_prf(gold, [("a", "Doubt", 0, 10)])["f1"] == pytest.approx(1.0)
    half = span_prf(gold, [("a", "Doubt", 5, 15)])
    assert half["precision"] == pytest.approx(0.5) and half["recall"] == pytest.approx(0.5)
    assert span_prf(gold, [("a", "Slogans", 0, 10)])["f1"] == 0.0
    assert span_prf(gold, [("b", "Doubt", 0, 10)])["f1"] == 0.0
    # two predictions covering the same gold span never earn more than full recall
    assert span_prf(gold, [("a", "Doubt", 0, 10), ("a", "Doubt", 0, 10)])["recall"] == pytest.approx(1.0)
    assert span_prf([], [])["f1"] == 0.0


def test_tokenize_gives_offsets_of_words_and_punctuation() -> None:
    text = "Ils sont « désespérés », dit-il."
    assert [text[s:e] for s, e in tokenize(text)] == ["Ils", "sont", "«", "désespérés", "»", ",", "dit", "-", "il", "."]


def _tagger(threshold: float) -> SpanTagger:
    import scipy.sparse as sp

    head = SparseLinear(sp.csr_matrix((1, 4), dtype=np.float32), np.zeros(1, dtype=np.float32))
    return SpanTagger(["Loaded_Language"], head, np.array([threshold]))


def test_decode_joins_runs_above_threshold_and_always_returns_evidence() -> None:
    tokens = [(0, 3), (4, 8), (9, 12), (13, 17), (18, 20), (21, 24), (25, 29), (30, 33)]
    p = np.array([[0.1], [0.9], [0.8], [0.1], [0.2], [0.1], [0.05], [0.7]])
    spans = _tagger(0.5).decode(tokens, p, 0, DecodeParams())
    assert [(s, e) for s, e, _ in spans] == [(4, 12), (30, 33)]
    assert spans[0][2] == pytest.approx(0.85)
    # nothing above the threshold: the best token and its neighbours above half its probability
    low = np.array([[0.1], [0.3], [0.2], [0.05], [0.0], [0.0], [0.0], [0.0]])
    assert [(s, e) for s, e, _ in _tagger(0.5).decode(tokens, low, 0, DecodeParams())] == [(4, 12)]  # 0.1 < 0.3 / 2
    assert _tagger(0.5).decode([], np.zeros((0, 1)), 0, DecodeParams()) == []


def _toy_articles() -> list[Article]:
    """Articles where 'disgraceful'/'scandalous' mark loaded language and 'traitor'/'puppet' name calling."""
    rng = np.random.default_rng(1)
    sentence = "the council met on monday to discuss the budget and the new road plan for the town"
    filler = sentence.split()
    loaded = ["disgraceful", "scandalous", "shameful"]
    names = ["traitor", "puppet", "stooge"]
    out, i = [], 0
    while len([a for a in out if split_of(a.id) == "calibration"]) < 8 or len(out) < 60:
        art_id, i = f"toy{i}", i + 1
        text, paras, spans = "", [], []
        for line in range(6):
            words = list(rng.choice(filler, 10))
            labels, marks = set(), []
            if rng.random() < 0.4:
                words.insert(3, str(rng.choice(loaded)))
                labels.add("Loaded_Language")
                marks.append(("Loaded_Language", 3))
            if rng.random() < 0.3:
                words.insert(7, str(rng.choice(names)))
                labels.add("Name_Calling-Labeling")
                marks.append(("Name_Calling-Labeling", 7))
            para = " ".join(words)
            start = len(text)
            for tech, pos in marks:
                s = start + len(" ".join(words[:pos])) + 1
                spans.append(TechniqueSpan(tech, s, s + len(words[pos])))
            paras.append(Paragraph(art_id, line * 2 + 1, para, start, start + len(para), frozenset(labels)))
            text += para + "\n\n"
        out.append(Article(art_id, "en", text, paras, spans))
    return out


@pytest.fixture(scope="module")
def toy_model() -> PersuasionModel:
    return train(_toy_articles(), ["Loaded_Language", "Name_Calling-Labeling", "Slogans"], seed=0, keep=500)


def test_training_learns_toy_techniques_and_their_words(toy_model: PersuasionModel) -> None:
    p, asserted = toy_model.predict(
        ["the council met to discuss the disgraceful budget", "the council met to discuss the budget"], "en"
    )
    assert asserted[0, 0] and not asserted[1, 0]
    assert p[0, 0] > 0.5 > p[1, 0]
    assert not asserted[:, 2].any()  # no Slogans in the data: never asserted
    text = "the council met on monday to discuss the scandalous road plan"
    spans = toy_model.locate(text, "en", [0])
    assert any(text[s:e] == "scandalous" for _, s, e, _ in spans)
    assert set(toy_model.thresholds) >= {"*", "en", "fr"}


def test_artifact_round_trip_keeps_predictions(toy_model: PersuasionModel, tmp_path) -> None:
    toy_model.save(tmp_path)
    loaded = PersuasionModel.load(tmp_path)
    texts = ["a shameful puppet of the council", "the road plan"]
    np.testing.assert_allclose(loaded.predict_proba(texts, "en"), toy_model.predict_proba(texts, "en"), atol=1e-5)
    assert loaded.locate(texts[0], "en", [0, 1]) == toy_model.locate(texts[0], "en", [0, 1])
    assert PersuasionModel.hash(tmp_path) == PersuasionModel.hash(tmp_path)


def test_missing_artifact_says_how_to_build_it(tmp_path) -> None:
    from unspun.errors import ModelError

    with pytest.raises(ModelError, match="unspun train persuasion"):
        PersuasionModel.load(tmp_path)


@pytest.mark.data
def test_shipped_model_scores_english_validation(data_dir) -> None:
    from unspun.models.datasets.semeval2023_paragraphs import load_articles
    from unspun.models.persuasion_eval import evaluate, validation_articles

    arts = validation_articles(load_articles(data_dir, ("en",)))
    metrics = evaluate(PersuasionModel.load(), arts, languages=("en",), spans=False)
    assert metrics["en_paragraphs"] > 1000
    assert metrics["en_micro_f1"] >= 0.30
    assert metrics["en_ece"] <= 0.05


@pytest.mark.data
def test_readers_match_the_documented_counts(data_dir) -> None:
    from unspun.models.datasets.ptc import load_ptc_train
    from unspun.models.datasets.semeval2023_paragraphs import iter_articles, read_techniques

    assert len(read_techniques(data_dir)) == 23
    de = list(iter_articles(data_dir, "de"))
    assert len(de) == 132 and sum(len(a.paragraphs) for a in de) == 1484  # template rows, per SOURCE.md
    for a in de:
        for p in a.paragraphs:
            assert a.text[p.start : p.end] == p.text and "\n" not in p.text
        assert all(0 <= s.start < s.end <= len(a.text) for s in a.spans)
    ptc = load_ptc_train(data_dir)
    assert len(ptc) == 371 and all(s.technique in read_techniques(data_dir) for a in ptc for s in a.spans)


def test_decoding_parameters_are_tuned_and_saved(toy_model: PersuasionModel, tmp_path) -> None:
    assert "*" in toy_model.spans.params
    toy_model.save(tmp_path)
    assert PersuasionModel.load(tmp_path).spans.params == toy_model.spans.params


def test_predict_semeval2023_writes_the_organisers_formats(toy_model: PersuasionModel, tmp_path) -> None:
    from unspun.present.cli.main import main

    model_dir, arts = tmp_path / "model", tmp_path / "articles"
    toy_model.save(model_dir)
    arts.mkdir()
    text = "A title\n\nthe council met to discuss the disgraceful budget\n\nthe new road plan for the town\n"
    (arts / "article42.txt").write_text(text, encoding="utf-8")
    template = tmp_path / "dev.template"
    template.write_text("42\t1\tA title\n42\t3\tthe council...\n42\t5\tthe road...\n", encoding="utf-8")
    out = tmp_path / "pred.txt"
    common = ["--lang", "en", "--articles", str(arts), "--model", str(model_dir), "--out", str(out)]
    assert main(["predict", "semeval2023", "--task", "techniques", "--template", str(template), *common]) == 0
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r[:2] for r in rows] == [["42", "1"], ["42", "3"], ["42", "5"]]
    assert "Loaded_Language" in rows[1][2].split(",") and rows[2][2] == ""
    assert main(["predict", "semeval2023", "--task", "spans", "--template", str(template), *common]) == 0
    spans = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert any(t == "Loaded_Language" and text[int(s) : int(e)] == "disgraceful" for _, t, s, e in spans)
    assert main(["predict", "semeval2023", "--task", "nonsense", *common]) == 2
    assert main(["evaluate", "persuasion", "--lang", "es"]) == 2


def test_english_tokens_carry_their_valence_and_other_languages_do_not() -> None:
    from unspun.models.persuasion_spans import token_features, valence_lexicon

    assert valence_lexicon()["desperate"] < 0
    text = "a desperate plan"
    en = token_features(text, tokenize(text), "en")
    assert "vd=neg1" in en[1] and "pvd=neg1" in en[2] and "nvd=neg1" in en[0]
    assert "vd=none" in en[2]
    assert "vd=na" in token_features(text, tokenize(text), "fr")[1]


def test_spans_of_stop_words_alone_are_dropped() -> None:
    from unspun.models.persuasion_spans import content_mask

    text = "the of brutal regime"
    tokens = tokenize(text)
    content = content_mask(text, tokens, "en")
    assert content.tolist() == [False, False, True, True]
    p = np.array([[0.9], [0.9], [0.1], [0.1]])
    assert _tagger(0.5).decode(tokens, p, 0, DecodeParams(max_gap=0), content) == []
    p = np.array([[0.9], [0.1], [0.1], [0.8]])
    assert [(s, e) for s, e, _ in _tagger(0.5).decode(tokens, p, 0, DecodeParams(max_gap=0), content)] == [(14, 20)]


def test_stack_reads_span_evidence_and_is_kept_only_where_it_helps() -> None:
    from unspun.models.persuasion_stack import ECE_TARGET, fit_stack

    rng = np.random.default_rng(0)
    n = 1000
    langs = np.array(["en"] * 500 + ["fr"] * 500)
    z = rng.normal(size=(n, 1))
    evidence = rng.uniform(0.01, 0.99, size=(n, 1))
    logit = 0.5 * z + 1.5 * np.log(evidence / (1 - evidence)) - 1.0
    y = rng.random((n, 1)) < 1 / (1 + np.exp(-logit))
    fitted = fit_stack(z, evidence, y, langs, np.arange(n) % 5, ("en", "fr"), min_lang_positives=20)
    r = fitted.report
    for lang in ("en", "fr"):  # kept exactly where it beat Platt out-of-fold and is calibrated well enough
        helps = r[f"{lang}_oof_micro_f1_stacked"] > r[f"{lang}_oof_micro_f1_plain"]
        ece, plain_ece = r[f"{lang}_oof_ece_above_0.1_stacked"], r[f"{lang}_oof_ece_above_0.1_plain"]
        assert (lang in fitted.languages) == (helps and ece <= max(plain_ece, ECE_TARGET))
    assert r["en_oof_micro_f1_stacked"] > r["en_oof_micro_f1_plain"]  # the evidence carries most of the signal
    p = fitted.stack(np.zeros((2, 1)), np.array([[0.95], [0.05]]), "en")
    assert p[0, 0] > 0.5 > p[1, 0]


def test_stacked_model_round_trips(tmp_path) -> None:
    model = train(
        _toy_articles(), ["Loaded_Language", "Name_Calling-Labeling", "Slogans"], seed=0, keep=500, stack=("en",)
    )
    from unspun.models.persuasion_stack import VARIANTS

    assert set(model.stacks) == set(VARIANTS) and set(model.meta["stack_selection"]) >= {"span:en_oof_micro_f1_stacked"}
    assert (model.stack is None) == (not model.stack_choice)
    model.save(tmp_path)
    loaded = PersuasionModel.load(tmp_path)
    assert loaded.stacked_languages == model.stacked_languages
    texts = ["a shameful puppet of the council", "the road plan"]
    np.testing.assert_allclose(loaded.predict_proba(texts, "en"), model.predict_proba(texts, "en"), atol=1e-5)
    np.testing.assert_allclose(loaded.thresholds_for("en"), model.thresholds_for("en"))
    if "en" in model.stacked_languages:
        assert list(loaded.thresholds_for("en")) == model.stack_thresholds[model.stack_choice["en"]]["en"]
    assert loaded.stack_choice == model.stack_choice and set(loaded.stacks) == set(VARIANTS)
    for name, stack in model.stacks.items():  # every fitted variant is kept, used or not
        np.testing.assert_allclose(loaded.stacks[name].coef, stack.coef)
        assert loaded.stacks[name].evidence == stack.evidence


def test_stack_over_several_evidence_columns_reads_the_detector() -> None:
    from unspun.models.persuasion_stack import EVIDENCE, fit_stack, span_evidence

    probs, detect = np.array([[0.2, 0.1], [0.6, 0.3], [0.4, 0.9]]), np.array([[0.1, 0.5], [0.7, 0.2], [0.3, 0.4]])
    ev = span_evidence(probs, 2, detect)
    assert ev.shape == (2, len(EVIDENCE))
    np.testing.assert_allclose(ev[:, 0], [0.4, 1.3 / 3])
    np.testing.assert_allclose(ev[:, 1], [0.7, 0.5])
    assert span_evidence(probs, 2)[:, 1].tolist() == [0.0, 0.0]  # no detector: no detector evidence
    rng = np.random.default_rng(0)
    n = 1000
    langs = np.array(["en"] * n)
    z = rng.normal(size=(n, 1))
    evidence = rng.uniform(0.01, 0.99, size=(n, 1, 2))
    det = np.log(evidence[:, :, 1] / (1 - evidence[:, :, 1]))
    y = rng.random((n, 1)) < 1 / (1 + np.exp(-(2.0 * det - 1.0)))  # only the detector column carries signal
    both = fit_stack(z, evidence, y, langs, np.arange(n) % 5, ("en",), min_lang_positives=20, names=EVIDENCE)
    top3 = fit_stack(z, evidence, y, langs, np.arange(n) % 5, ("en",), min_lang_positives=20)
    assert both.stack.evidence == EVIDENCE and both.stack.coef.shape == (1, 3)  # score, two columns, no indicator
    assert both.report["en_oof_micro_f1_stacked"] > top3.report["en_oof_micro_f1_stacked"]
    p = both.stack(np.zeros((2, 1)), np.array([[[0.5, 0.95]], [[0.5, 0.05]]]), "en")
    assert p[0, 0] > 0.5 > p[1, 0]


def test_detector_head_is_trained_on_every_token_and_round_trips(toy_model: PersuasionModel, tmp_path) -> None:
    spans = toy_model.spans
    assert spans.detector is not None
    j = toy_model.techniques.index("Loaded_Language")
    text = "the council met to discuss the scandalous road plan"
    tokens, probs, detect = spans.token_scores(text, "en")
    word = [text[s:e] for s, e in tokens].index("scandalous")
    assert detect[word, j] == detect[:, j].max() and detect[word, j] > 0.5 > np.delete(detect[:, j], word).max()
    np.testing.assert_allclose(probs, spans.token_proba(text, "en")[1])
    spans.save(tmp_path)
    loaded = SpanTagger.load(tmp_path)
    np.testing.assert_allclose(loaded.token_scores(text, "en")[2], detect, atol=1e-6)


def test_earlier_single_stack_artifacts_still_load(toy_model: PersuasionModel, tmp_path) -> None:
    import json

    toy_model.save(tmp_path)
    meta = json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))
    for key in ("stacks", "stack_choice"):
        meta.pop(key, None)
    meta["stack"] = {"coef": [[1.0, 0.5]] * 3, "bias": [0.0] * 3, "languages": ["en"]}  # no "evidence" key then
    meta["stack_thresholds"] = {"*": [0.3] * 3, "en": [0.3] * 3}
    meta["stacked_languages"] = ["en"]
    (tmp_path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    loaded = PersuasionModel.load(tmp_path)
    assert loaded.stack_choice == {"en": "span"} and loaded.thresholds_for("en").tolist() == [0.3] * 3
    text = "the disgraceful road plan"
    z = loaded.raw_scores([text], "en")
    top3 = np.sort(loaded.spans.token_proba(text, "en")[1], axis=0)[-3:].mean(axis=0)
    expected = 1 / (1 + np.exp(-(z[0] + 0.5 * (np.log(top3 + 1e-6) - np.log1p(-top3 + 1e-6)))))
    np.testing.assert_allclose(loaded.predict_proba([text], "en")[0], expected, rtol=1e-6)
    loaded.save(tmp_path)  # written back in the current format
    assert "stack" not in json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))


def test_model_card_note_names_the_stack_choice(toy_model: PersuasionModel) -> None:
    from unspun.models.persuasion import stack_note

    note = stack_note(toy_model)
    assert "span: top3" in note and "span+detector: top3 + detect_max" in note
    chosen = note.split("Chosen: ")[1].split(". ")[0]
    assert chosen == (", ".join(f"{k} ({v})" for k, v in toy_model.stack_choice.items()) or "none")
    assert stack_note(PersuasionModel(**{**toy_model.__dict__, "stacks": {}, "stack_choice": {}})) == ""


def test_shared_threshold_maximises_micro_f1_over_all_techniques() -> None:
    from unspun.models.persuasion_stack import shared_threshold

    rng = np.random.default_rng(0)
    y = rng.random((400, 4)) < [0.3, 0.2, 0.05, 0.02]
    p = np.clip(0.35 * y + rng.uniform(0, 0.5, y.shape), 0, 1)
    t = shared_threshold(y, p)
    grid = np.linspace(0.05, 0.95, 91)
    best = max(paragraph_f1(y, p >= g)["micro_f1"] for g in grid)
    assert paragraph_f1(y, p >= t)["micro_f1"] == pytest.approx(best)
    assert paragraph_f1(y, p >= t)["micro_f1"] > paragraph_f1(y, p >= 0.05)["micro_f1"]


def test_thresholds_shrink_toward_each_languages_shared_threshold_in_log_odds() -> None:
    from unspun.models.persuasion_stack import shared_threshold, tune_thresholds

    rng = np.random.default_rng(0)
    langs = np.array(["en"] * 300 + ["it"] * 300)
    y = rng.random((600, 3)) < [0.4, 0.15, 0.1]
    p = np.clip(0.3 * y + rng.uniform(0, 0.6, y.shape), 0.01, 0.99)
    own = tune_thresholds(y, p, langs, ("en", "it"), 20)
    assert tune_thresholds(y, p, langs, ("en", "it"), 20, 1.0) == own
    flat = tune_thresholds(y, p, langs, ("en", "it"), 20, 0.0)
    it = langs == "it"
    assert flat["it"] == pytest.approx([shared_threshold(y[it], p[it])] * 3, abs=1e-4)
    assert flat["*"] == pytest.approx([shared_threshold(y, p)] * 3, abs=1e-4)

    def logit(x):
        return np.log(np.asarray(x) / (1 - np.asarray(x)))

    half = tune_thresholds(y, p, langs, ("en", "it"), 20, {"en": 1.0, "*": 0.5})
    assert half["en"] == own["en"]  # a language the mapping keeps at 1.0 keeps its own thresholds
    expected = 1 / (1 + np.exp(-(0.5 * logit(own["it"]) + 0.5 * logit(flat["it"]))))
    assert half["it"] == pytest.approx(expected, abs=1e-4)
    assert own["it"] != flat["it"]  # the shrink moved something


def test_trained_model_records_the_threshold_shrink(toy_model: PersuasionModel) -> None:
    from unspun.models.persuasion import THRESHOLD_SHRINK, threshold_note

    assert toy_model.meta["threshold_shrink"] == THRESHOLD_SHRINK
    note = threshold_note(toy_model)
    assert "shared threshold" in note and "en keeps per-technique thresholds" in note
    assert threshold_note(PersuasionModel(**{**toy_model.__dict__, "meta": {"threshold_shrink": 1.0}})) == ""
