"""The fixed article set shared by the benchmarks.

English SemEval-2023 train articles (sorted by id, first N) when ../shared/data exists, read in place and
never copied; otherwise the bundled seed article, repeated. Which one was used is reported with the figures.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "globalresearch-csto-kazakhstan.txt"


def benchmark_texts(n: int = 40) -> tuple[list[str], str]:
    """``n`` article texts and a description of where they came from."""
    from unspun.models.datapaths import default_data_dir

    data = default_data_dir()
    folder = data / "semeval2023-task3" / "data" / "en" / "train-articles-subtask-3" if data else None
    if folder and folder.is_dir():
        paths = sorted(folder.glob("article*.txt"))[:n]
        if paths:
            texts = [p.read_text(encoding="utf-8") for p in paths]
            return texts, f"{len(texts)} SemEval-2023 EN train articles (first by id)"
    return [SEED.read_text(encoding="utf-8")] * n, f"the seed article x{n}"
