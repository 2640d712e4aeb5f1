"""Genre: the shipped model on the validation split of SemEval-2023 Task 3 subtask 1 train.

Metrics: the organisers' macro-F1 over opinion/reporting/satire for English (``en_macro_f1``), every other
language and pooled, accuracy, and the expected calibration error of the top-class probability.

    python -m evaluation.tasks.genre          # as the gate runs it
"""

from __future__ import annotations

import json
import pathlib
import sys

NAME = "genre"
DATA = ["semeval2023-task3"]


def evaluate(data_dir: pathlib.Path) -> dict[str, float]:
    """Score the shipped artifact on the validation split."""
    from unspun.models.datasets.semeval2023_articles import load_all
    from unspun.models.genre import GenreModel, evaluate_genre
    from unspun.models.splits import is_validation

    articles = [a for a in load_all(pathlib.Path(data_dir), "genre") if is_validation(a.id)]
    return {k: float(v) for k, v in evaluate_genre(GenreModel.load(), articles).items()}


if __name__ == "__main__":
    from unspun.models.datapaths import resolve_data_dir

    data = resolve_data_dir(sys.argv[1] if len(sys.argv) > 1 else None)
    print(json.dumps(evaluate(data), indent=1))
