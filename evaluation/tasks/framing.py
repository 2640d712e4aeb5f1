"""Framing: the shipped model on the validation split of SemEval-2023 Task 3 subtask 2 train.

Metrics: the organisers' micro-F1 over article x frame pairs for English (``en_micro_f1``), every other
language and pooled, pooled macro-F1 over frames, and the expected calibration error of all probabilities.

    python -m evaluation.tasks.framing          # as the gate runs it
"""

from __future__ import annotations

import json
import pathlib
import sys

NAME = "framing"
DATA = ["semeval2023-task3"]


def evaluate(data_dir: pathlib.Path) -> dict[str, float]:
    """Score the shipped artifact on the validation split."""
    from unspun.models.datasets.semeval2023_articles import load_all
    from unspun.models.framing import FramingModel, evaluate_framing
    from unspun.models.splits import is_validation

    articles = [a for a in load_all(pathlib.Path(data_dir), "framing") if is_validation(a.id)]
    return {k: float(v) for k, v in evaluate_framing(FramingModel.load(), articles).items()}


if __name__ == "__main__":
    from unspun.models.datapaths import resolve_data_dir

    data = resolve_data_dir(sys.argv[1] if len(sys.argv) > 1 else None)
    print(json.dumps(evaluate(data), indent=1))
