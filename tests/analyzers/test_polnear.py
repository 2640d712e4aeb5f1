"""The PolNeAR BRAT reader: relations, discontinuous spans, wrapped lines, and the staged train split."""

from __future__ import annotations

import pytest

from unspun.errors import DataNotFoundError, DocumentError
from unspun.models.datasets.polnear import iter_articles, parse_ann

TEXT = "Kerry said that the plan, he added, was sound. Critics disagree."
ANN = (
    "T1\tSource 0 5\tKerry\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 24;35 45\tthat the plan was sound\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 55 63\tdisagree\n"
    "T6\tContent 47 54\tCritics\n"
    "a wrapped tail of a long span text\n"
    "T7\tAttribution-no-source 55 63\tdisagree\n"
    "E2\tAttribution-no-source:T7 Cue:T5 Content:T6 Content2:T3\n"
)


def test_parse_ann_links_roles_and_fragments() -> None:
    first, second = parse_ann(ANN, TEXT)
    assert first.source is not None and first.source.text == "Kerry"
    assert [c.text for c in first.cues] == ["said"]
    assert first.contents[0].fragments == ((11, 24), (35, 45))
    assert first.content_range == (11, 45)
    assert second.source is None
    assert len(second.contents) == 2  # Content2 is a second content of the same relation


def test_parse_ann_refuses_malformed_lines_and_spans_past_the_text() -> None:
    with pytest.raises(DocumentError):
        parse_ann("T1\tSource x y\tKerry\n")
    with pytest.raises(DocumentError, match="past the text"):
        parse_ann("T1\tSource 0 500\tKerry\n", TEXT)


def test_held_out_split_gives_a_clear_error(tmp_path) -> None:
    (tmp_path / "polnear" / "data" / "train" / "text").mkdir(parents=True)
    with pytest.raises(DataNotFoundError, match="held out"):
        next(iter_articles(tmp_path, "test"))


@pytest.mark.data
def test_reads_the_staged_train_split(data_dir) -> None:
    articles = []
    for article in iter_articles(data_dir, "train"):
        articles.append(article)
        if len(articles) == 20:
            break
    assert len({a.name for a in articles}) == 20
    relations = [r for a in articles for r in a.attributions]
    assert len(relations) > 100
    for article in articles:
        for r in article.attributions:
            for span in ([r.source] if r.source else []) + list(r.cues) + list(r.contents):
                joined = " ".join(article.text[s:e] for s, e in span.fragments)
                assert joined.split() == span.text.split() or not span.text
    assert all(a.metadata.get("publication_date") for a in articles)


@pytest.mark.data
def test_quotes_score_on_a_few_validation_articles(data_dir) -> None:
    """A small slice of the gate's evaluation: the scorer runs end to end and the analyzer is not broken."""
    from evaluation.tasks.quotes import parse_all, score, validation_articles

    articles = validation_articles(data_dir)[:8]
    metrics = score(articles, parse_all(articles)).metrics()
    assert metrics["content_overlap_f1"] > 0.5
    assert metrics["speaker_accuracy"] > 0.75


def test_scorer_groups_quotes_by_cue_and_checks_speakers() -> None:
    from evaluation.tasks.quotes import score_article

    from unspun.document import Span

    (relation, _) = parse_ann(ANN, TEXT)
    cue = {"start": 6, "end": 10, "text": "said"}
    right = {"start": 0, "end": 5, "text": "Kerry"}
    # two found pieces with the same cue are one relation; a stray quote is a false positive
    found = [
        Span(11, 24, "indirect", attrs={"cue": cue, "speaker": right}),
        Span(35, 45, "indirect", attrs={"cue": cue, "speaker": right}),
        Span(47, 54, "direct", attrs={"cue": None, "speaker": {"start": 55, "end": 63}}),
    ]
    tally = score_article(found, [relation])
    m = tally.metrics()
    assert (tally.found, tally.gold, tally.matched) == (2, 1, 1)
    assert m["content_overlap_precision"] == 0.5 and m["content_overlap_recall"] == 1.0
    assert m["speaker_accuracy"] == 1.0
    wrong = [Span(11, 45, "indirect", attrs={"cue": cue, "speaker": {"start": 47, "end": 54}})]
    assert score_article(wrong, [relation]).metrics()["speaker_accuracy"] == 0.0
