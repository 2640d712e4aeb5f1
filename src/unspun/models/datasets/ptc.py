"""Reader for the Propaganda Techniques Corpus of SemEval-2020 Task 11 (English, 14 labels).

Layout read (see ``../shared/data/semeval2020-task11-ptc/SOURCE.md``): ``datasets/train-articles/
article<ID>.txt`` and ``datasets/train-task2-TC.labels`` (``id<TAB>technique<TAB>start<TAB>end``).
The PTC train articles are also SemEval-2023 English train articles, with the same ids and text, re-annotated
with 23 labels; PTC's spans are a second, older annotation of the same text. ``TO_2023`` maps the PTC labels
that have one 2023 counterpart; the two merged PTC classes map to none and are dropped.

Hand-written: the corpus's own tab-separated format, a few lines to read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from unspun.errors import DataNotFoundError
from unspun.models.datasets.semeval2023_paragraphs import TechniqueSpan

FOLDER = "semeval2020-task11-ptc"

TO_2023 = {
    "Appeal_to_Authority": "Appeal_to_Authority",
    "Appeal_to_fear-prejudice": "Appeal_to_Fear-Prejudice",
    "Black-and-White_Fallacy": "False_Dilemma-No_Choice",
    "Causal_Oversimplification": "Causal_Oversimplification",
    "Doubt": "Doubt",
    "Exaggeration,Minimisation": "Exaggeration-Minimisation",
    "Flag-Waving": "Flag_Waving",
    "Loaded_Language": "Loaded_Language",
    "Name_Calling,Labeling": "Name_Calling-Labeling",
    "Repetition": "Repetition",
    "Slogans": "Slogans",
    "Thought-terminating_Cliches": "Conversation_Killer",
}


@dataclass
class PtcArticle:
    id: str
    text: str
    spans: list[TechniqueSpan]  # labels mapped to the 2023 names


def load_ptc_train(data_dir: Path) -> list[PtcArticle]:
    """PTC train articles with their technique spans, mapped to the 2023 taxonomy."""
    base = data_dir / FOLDER / "datasets"
    labels = base / "train-task2-TC.labels"
    if not labels.is_file():
        raise DataNotFoundError(f"{labels} not found", hint="pass --data pointing at the shared data folder")
    by_article: dict[str, list[TechniqueSpan]] = defaultdict(list)
    for raw in labels.read_text(encoding="utf-8").splitlines():
        parts = raw.split("\t")
        if len(parts) == 4 and parts[1] in TO_2023 and parts[2].isdigit() and parts[3].isdigit():
            by_article[parts[0]].append(TechniqueSpan(TO_2023[parts[1]], int(parts[2]), int(parts[3])))
    out = []
    for path in sorted((base / "train-articles").glob("article*.txt")):
        art_id = path.stem.removeprefix("article")
        text = path.read_text(encoding="utf-8")
        spans = [s for s in by_article.get(art_id, []) if 0 <= s.start < s.end <= len(text)]
        out.append(PtcArticle(art_id, text, spans))
    return out
