"""Persuasion techniques: the shipped model on the validation split of SemEval-2023 Task 3 train.

Metrics: the organisers' paragraph micro- and macro-F1 (paragraphs x 23 techniques) for English and per
language, pooled, the expected calibration error of the probabilities, and English span overlap F1
(technique-aware, and technique-agnostic as in SemEval-2020 SI).

    python -m evaluation.tasks.persuasion          # as the gate runs it
"""

from __future__ import annotations

import json
import pathlib
import sys

NAME = "persuasion"
DATA = ["semeval2023-task3", "semeval2020-task11-ptc"]


def evaluate(data_dir: pathlib.Path) -> dict[str, float]:
    """Score the shipped artifact on the validation split."""
    from unspun.models.datasets.semeval2023_paragraphs import LANGUAGES, load_articles
    from unspun.models.persuasion import PersuasionModel
    from unspun.models.persuasion_eval import evaluate as score
    from unspun.models.persuasion_eval import validation_articles

    model = PersuasionModel.load()
    articles = validation_articles(load_articles(pathlib.Path(data_dir)))
    metrics = score(model, articles, languages=LANGUAGES, spans=True)
    keep = ["en_micro_f1", "en_macro_f1", "all_micro_f1", "all_macro_f1", "ece", "ece_above_0.1"]
    keep += ["en_span_f1", "en_si_f1"]
    keep += [f"{lang}_micro_f1" for lang in LANGUAGES if lang != "en"]
    return {k: float(metrics[k]) for k in keep if k in metrics}


if __name__ == "__main__":
    from unspun.models.datapaths import resolve_data_dir

    data = resolve_data_dir(sys.argv[1] if len(sys.argv) > 1 else None)
    print(json.dumps(evaluate(data), indent=1))
