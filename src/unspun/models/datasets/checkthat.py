"""Reader for CLEF CheckThat! 2020 Task 5 (check-worthiness in political debates), train split only.

Layout read (see ``../shared/data/checkthat2020-task5/SOURCE.md``): ``data/v2.0/training/*.tsv`` with lines
``line_number<TAB>speaker<TAB>sentence<TAB>label``; label 1 means a journalist fact-checked the sentence.
Audience reactions (speaker ``SYSTEM``) are skipped. The test gold is held out and never read here.
"""

from __future__ import annotations

from pathlib import Path

from unspun.errors import DataNotFoundError, DocumentError
from unspun.models.datasets.claimbuster import LabelledSentence

FOLDER = "checkthat2020-task5"
TRAIN_DIR = Path("data") / "v2.0" / "training"
SKIP_SPEAKERS = frozenset({"SYSTEM"})


def train_files(data_dir: Path) -> list[Path]:
    """The train TSV files, sorted by name."""
    folder = Path(data_dir) / FOLDER / TRAIN_DIR
    files = sorted(folder.glob("*.tsv")) if folder.is_dir() else []
    if not files:
        raise DataNotFoundError(f"no CheckThat 2020 task 5 train files in {folder}", hint="pass --data DIR")
    return files


def load_train(data_dir: Path) -> list[LabelledSentence]:
    """Every train sentence, keyed ``checkthat2020:<debate>`` so a debate stays on one side of a split."""
    out: list[LabelledSentence] = []
    for path in train_files(data_dir):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) < 4:
                raise DocumentError(f"{path}:{n}: expected 4 tab-separated fields, got {len(parts)}")
            speaker, text, label = parts[1].strip(), parts[2].strip(), parts[3].strip()
            if speaker in SKIP_SPEAKERS or not text:
                continue
            try:
                value = int(label)
            except ValueError:
                raise DocumentError(f"{path}:{n}: label {label!r} is not 0 or 1") from None
            out.append(LabelledSentence(f"checkthat2020:{path.stem}", text, value, FOLDER))
    return out
