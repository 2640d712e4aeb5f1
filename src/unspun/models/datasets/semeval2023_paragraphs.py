"""Reader for SemEval-2023 Task 3 subtask 3 (persuasion techniques): paragraphs, labels and spans.

Layout read (see ``../shared/data/semeval2023-task3/SOURCE.md``): ``data/<code>/train-articles-subtask-3/
article<ID>.txt``, the paragraph template ``train-labels-subtask-3.template`` (``id<TAB>line<TAB>text``), the
labels ``train-labels-subtask-3.txt`` (``id<TAB>line<TAB>tech,tech``) and the span folder
``train-labels-subtask-3-spans/`` (``id<TAB>technique<TAB>start<TAB>end``, offsets into the article file).
Folder codes ``ge``/``po`` are ISO ``de``/``pl``. The template decides which lines are paragraphs, as the
organisers ask; the text is that line of the article file, because a few template rows of the non-English
sets run two lines together (a missing newline) and offsets must index the article.

Hand-written because these are the organisers' own tab-separated formats; no PyPI package reads them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from unspun.errors import DataNotFoundError

FOLDER = "semeval2023-task3"
LANGUAGES = ("en", "fr", "de", "it", "pl", "ru")
ISO_TO_FOLDER = {"en": "en", "fr": "fr", "de": "ge", "it": "it", "pl": "po", "ru": "ru"}


@dataclass(frozen=True)
class TechniqueSpan:
    """A gold span ``[start, end)`` in the article file."""

    technique: str
    start: int
    end: int


@dataclass
class Paragraph:
    """One template row: its text, its offsets in the article and its gold techniques."""

    article_id: str
    line: int  # 1-based line number in the article file
    text: str
    start: int
    end: int
    labels: frozenset[str] = frozenset()


@dataclass
class Article:
    """An article of subtask 3 with its paragraphs and span annotations."""

    id: str
    language: str  # ISO 639-1
    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    spans: list[TechniqueSpan] = field(default_factory=list)


def techniques_file(data_dir: Path) -> Path:
    return data_dir / FOLDER / "scorers" / "techniques_subtask3.txt"


def read_techniques(data_dir: Path) -> list[str]:
    """The 23 official technique names, in the organisers' order."""
    path = techniques_file(data_dir)
    if not path.is_file():
        raise DataNotFoundError(f"{path} not found", hint="pass --data pointing at the shared data folder")
    return [t.strip() for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]


def line_offsets(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``text`` (without its newline), in file order."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def read_template(path: Path) -> dict[str, list[tuple[int, str]]]:
    rows: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for raw in path.read_text(encoding="utf-8").splitlines():
        parts = raw.split("\t", 2)
        if len(parts) >= 2 and parts[1].strip().isdigit():
            rows[parts[0].strip()].append((int(parts[1]), parts[2] if len(parts) == 3 else ""))
    return rows


def read_labels(path: Path) -> dict[tuple[str, int], frozenset[str]]:
    """``(article id, line) -> techniques`` from an ST3 label (or prediction) file."""
    out: dict[tuple[str, int], frozenset[str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        parts = raw.rstrip("\n").split("\t")
        if len(parts) < 2 or not parts[1].strip().isdigit():
            continue
        techs = parts[2].split(",") if len(parts) > 2 else []
        out[(parts[0].strip(), int(parts[1]))] = frozenset(t.strip() for t in techs if t.strip())
    return out


def read_span_file(path: Path) -> list[TechniqueSpan]:
    spans = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        parts = raw.split("\t")
        if len(parts) == 4 and parts[2].isdigit() and parts[3].isdigit():
            spans.append(TechniqueSpan(parts[1].strip(), int(parts[2]), int(parts[3])))
    return spans


def language_dir(data_dir: Path, language: str) -> Path:
    if language not in ISO_TO_FOLDER:
        raise DataNotFoundError(f"no SemEval-2023 data for language {language!r}", hint=f"use one of {LANGUAGES}")
    path = data_dir / FOLDER / "data" / ISO_TO_FOLDER[language]
    if not path.is_dir():
        raise DataNotFoundError(f"{path} not found", hint="pass --data pointing at the shared data folder")
    return path


def iter_articles(data_dir: Path, language: str, split: str = "train") -> Iterator[Article]:
    """Articles of one language and official split (only ``train`` is staged in shared/)."""
    base = language_dir(data_dir, language)
    template = read_template(base / f"{split}-labels-subtask-3.template")
    labels = read_labels(base / f"{split}-labels-subtask-3.txt")
    span_dir = base / f"{split}-labels-subtask-3-spans"
    for art_id in sorted(template, key=lambda s: (len(s), s)):
        path = base / f"{split}-articles-subtask-3" / f"article{art_id}.txt"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        lines = line_offsets(text)
        art = Article(art_id, language, text)
        for line_no, _ in template[art_id]:
            if not 1 <= line_no <= len(lines):
                continue
            start, end = lines[line_no - 1]
            art.paragraphs.append(
                Paragraph(art_id, line_no, text[start:end], start, end, labels.get((art_id, line_no), frozenset()))
            )
        span_file = span_dir / f"article{art_id}-labels-subtask-3.txt"
        if span_file.is_file():
            art.spans = [s for s in read_span_file(span_file) if 0 <= s.start < s.end <= len(text)]
        yield art


def load_articles(data_dir: Path, languages: tuple[str, ...] = LANGUAGES, split: str = "train") -> list[Article]:
    return [a for lang in languages for a in iter_articles(data_dir, lang, split)]
