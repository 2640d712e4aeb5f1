"""Clean article texts from the SemEval-2023 Task 3 training data (six languages): the segmenter must leave
them almost whole, and the language must come out right. Skipped when ../shared/data is absent."""

from __future__ import annotations

import pytest

from unspun import ingest

LANGS = {"en": "en", "fr": "fr", "ge": "de", "it": "it", "po": "pl", "ru": "ru"}
PER_LANGUAGE = 25
# Share of characters, title aside, that may be labelled boilerplate in texts that are articles already.
# Measured at 0.2% or less per language on 80 articles each; the SemEval texts do carry some real chrome.
MAX_BOILERPLATE_SHARE = 0.02
MIN_LANGUAGE_ACCURACY = 0.95


@pytest.mark.data
@pytest.mark.parametrize("folder", sorted(LANGS))
def test_semeval_articles_stay_body_and_get_their_language(data_dir, folder):
    root = data_dir / "semeval2023-task3" / "data" / folder / "train-articles-subtask-1"
    files = sorted(root.glob("*.txt"))[:PER_LANGUAGE]
    if not files:
        pytest.skip(f"no SemEval articles under {root}")
    chars = boiler = right = 0
    for path in files:
        doc = ingest.from_path(path)
        chars += len(doc.text)
        boiler += sum(s.end - s.start for s in doc.layer("boilerplate") if s.attrs.get("role") != "title")
        right += doc.metadata.get("language") == LANGS[folder]
        assert doc.layer("body"), path.name
    assert boiler / chars <= MAX_BOILERPLATE_SHARE
    assert right / len(files) >= MIN_LANGUAGE_ACCURACY
