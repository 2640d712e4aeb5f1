"""Reader for the ClaimBuster two-class data (ClaimSpotter's ``data/two_class/train.json``).

Layout read (see ``../shared/data/claimbuster/SOURCE.md``): a JSON list of ``{sentence_id, label, text}``
where label 1 is a check-worthy factual sentence (CFS) and 0 is anything else. Only the train file is
staged; the test file is held out and never read here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from unspun.errors import DataNotFoundError, DocumentError

FOLDER = "claimbuster"
TRAIN_FILE = Path("data") / "two_class" / "train.json"


@dataclass(frozen=True)
class LabelledSentence:
    """One sentence with a binary check-worthiness label and a stable key (for splits)."""

    key: str
    text: str
    label: int
    source: str


def train_path(data_dir: Path) -> Path:
    """The train file under the shared data folder."""
    path = Path(data_dir) / FOLDER / TRAIN_FILE
    if not path.is_file():
        raise DataNotFoundError(f"ClaimBuster train file not found at {path}", hint="pass --data DIR (shared data)")
    return path


def load_train(data_dir: Path) -> list[LabelledSentence]:
    """Every train sentence, keyed ``claimbuster:<sentence_id>``."""
    path = train_path(data_dir)
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise DocumentError(f"{path} is not valid JSON: {exc}") from None
    out: list[LabelledSentence] = []
    for row in rows:
        try:
            text = str(row["text"]).strip()
            label = int(row["label"])
            key = f"claimbuster:{row['sentence_id']}"
        except (KeyError, TypeError, ValueError) as exc:
            raise DocumentError(f"{path}: malformed row {row!r} ({exc})") from None
        if text and label in (0, 1):
            out.append(LabelledSentence(key, text, label, FOLDER))
    return out
