"""Check-worthiness: the SHIPPED model on the validation split carved from ClaimBuster and CheckThat train.

Metrics:
  * ``f1``, ``precision``, ``recall``: positive class (check-worthy) on ClaimBuster validation, at the
    model's tuned threshold;
  * ``ece``: expected calibration error (10 equal-width bins) of the probability on the same sentences;
  * ``checkthat_map``: CheckThat 2020's official measure (mean average precision of the ranking within
    each debate) on the CheckThat debates carved into validation;
  * ``checkthat_pooled_ap``: average precision of the same sentences ranked together, which no single
    debate can swing (14 debates; one with a single check-worthy sentence moved MAP by 0.07).

    python -m evaluation.tasks.checkworthy             # as the gate runs it, prints JSON
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

NAME = "checkworthy"
DATA = ["claimbuster", "checkthat2020-task5"]


def evaluate(data_dir: Path) -> dict[str, float]:
    """Validation figures of the shipped artifact (11,400 sentences through the encoder: minutes on one core)."""
    from unspun.models.checkworthy import CheckworthyModel, evaluate_model, load_splits

    model = CheckworthyModel.load()
    metrics = evaluate_model(model, load_splits(Path(data_dir)))
    return {
        "f1": metrics["claimbuster_f1"],
        "precision": metrics["claimbuster_precision"],
        "recall": metrics["claimbuster_recall"],
        "ece": metrics["claimbuster_ece"],
        "checkthat_map": metrics.get("checkthat_map", 0.0),
        "checkthat_pooled_ap": metrics.get("checkthat_pooled_ap", 0.0),
    }


if __name__ == "__main__":
    from unspun.models.datapaths import resolve_data_dir

    data = resolve_data_dir(sys.argv[1] if len(sys.argv) > 1 else None, needs="claimbuster")
    print(json.dumps({k: round(v, 4) for k, v in evaluate(data).items()}, indent=1))
