"""Reader for SemEval-2023 Task 3 articles with their subtask 1 (genre) and subtask 2 (framing) labels.

Layout read (see ``../shared/data/semeval2023-task3/SOURCE.md``): ``data/<folder>/train-articles-subtask-N/
article<ID>.txt`` (title on line 1, an empty line, then the body) and ``data/<folder>/train-labels-subtask-N.txt``
(``id<TAB>label`` or ``id<TAB>frame,frame``). The organisers' folder codes differ from ISO 639-1 for German
(``ge``) and Polish (``po``); :data:`LANGUAGE_FOLDERS` maps them. Only train is staged; the official dev sets
are held out and never read here.

Hand-written because the format is two plain-text conventions and no maintained reader exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from unspun.errors import DataNotFoundError, DocumentError

FOLDER = "semeval2023-task3"
#: ISO 639-1 code -> the organisers' language folder.
LANGUAGE_FOLDERS: dict[str, str] = {"en": "en", "fr": "fr", "de": "ge", "it": "it", "pl": "po", "ru": "ru"}
LANGUAGES: tuple[str, ...] = tuple(LANGUAGE_FOLDERS)
GENRES: tuple[str, ...] = ("opinion", "reporting", "satire")
#: The 14 frames, in the order of ``scorers/frames_subtask2.txt`` (the organisers' file wins when present).
FRAMES: tuple[str, ...] = (
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
)
SUBTASKS = {"genre": 1, "framing": 2}
_ARTICLE = re.compile(r"^article(\d+)\.txt$")


@dataclass(frozen=True)
class Article:
    """One article: its id, ISO language, raw file text and gold labels (genre or frames, per subtask)."""

    id: str
    language: str
    text: str
    genre: str | None = None
    frames: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return split_title(self.text)[0]

    @property
    def paragraphs(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each non-empty line of the file (the organisers' paragraph unit)."""
        return line_ranges(self.text)


def split_title(text: str) -> tuple[str, str]:
    """``(title, body)``: the first line and everything after it."""
    title, _, body = text.partition("\n")
    return title.strip(), body


def line_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-blank lines of ``text``, trailing whitespace excluded."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.rstrip()
        lead = len(stripped) - len(stripped.lstrip())
        if stripped.strip():
            out.append((pos + lead, pos + len(stripped)))
        pos += len(line) + 1
    return out


def task_root(data_dir: Path) -> Path:
    """Accept the shared data folder or the ``semeval2023-task3`` folder itself."""
    for candidate in (data_dir / FOLDER, data_dir):
        if (candidate / "data").is_dir():
            return candidate
    raise DataNotFoundError(
        f"no SemEval-2023 Task 3 data under {data_dir}",
        hint="pass the shared data folder (it holds semeval2023-task3/data/<lang>/train-*)",
    )


def language_folder(lang: str) -> str:
    """The organisers' folder code for ISO ``lang`` (their own codes ge/po are accepted too)."""
    code = lang.strip().lower()
    if code in LANGUAGE_FOLDERS:
        return LANGUAGE_FOLDERS[code]
    if code in LANGUAGE_FOLDERS.values():
        return code
    raise DataNotFoundError(f"no SemEval-2023 training data for language {lang!r}", hint=f"use one of {LANGUAGES}")


def iso_language(lang: str) -> str:
    """ISO 639-1 code for an ISO code or one of the organisers' folder codes (``ge`` -> ``de``)."""
    code = lang.strip().lower()
    back = {v: k for k, v in LANGUAGE_FOLDERS.items()}
    return code if code in LANGUAGE_FOLDERS else back.get(code, code)


def read_frame_list(data_dir: Path | None) -> tuple[str, ...]:
    """The frame names from ``scorers/frames_subtask2.txt``, or :data:`FRAMES` when there is no data."""
    if data_dir is not None:
        try:
            path = task_root(data_dir) / "scorers" / "frames_subtask2.txt"
        except DataNotFoundError:
            return FRAMES
        if path.is_file():
            names = tuple(x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip())
            if set(names) != set(FRAMES):
                raise DocumentError(f"{path}: unexpected frame list {names}")
            return names
    return FRAMES


def read_article_folder(folder: Path) -> Iterator[tuple[str, str]]:
    """``(id, text)`` for every ``article<ID>.txt`` in ``folder``, in id order."""
    if not folder.is_dir():
        raise DataNotFoundError(f"article folder {folder} not found", hint="pass the folder of article<ID>.txt files")
    files = sorted((int(m.group(1)), p) for p in folder.iterdir() if (m := _ARTICLE.match(p.name)))
    for art_id, path in files:
        yield str(art_id), path.read_text(encoding="utf-8")


def read_label_file(path: Path) -> dict[str, str]:
    """``id -> second column`` of an organisers' ST1/ST2 label file (blank lines skipped)."""
    out: dict[str, str] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.rstrip("\r").split("\t")
        if len(parts) < 1 or not parts[0].strip().isdigit():
            raise DocumentError(f"{path}:{lineno}: expected 'id<TAB>labels', got {line[:60]!r}")
        out[parts[0].strip()] = parts[1].strip() if len(parts) > 1 else ""
    return out


def iter_articles(data_dir: Path, lang: str, task: str, split: str = "train") -> Iterator[Article]:
    """Labelled articles of ``task`` (``genre`` or ``framing``) in ``lang``; only ``split='train'`` is staged."""
    if task not in SUBTASKS:
        raise ValueError(f"task must be one of {sorted(SUBTASKS)}, got {task!r}")
    n = SUBTASKS[task]
    base = task_root(data_dir) / "data" / language_folder(lang)
    labels_path = base / f"{split}-labels-subtask-{n}.txt"
    if not labels_path.is_file():
        hint = "the official dev sets are held out" if split != "train" else "is the data folder complete?"
        raise DataNotFoundError(f"no labels at {labels_path}", hint=hint)
    labels = read_label_file(labels_path)
    iso = iso_language(lang)
    for art_id, text in read_article_folder(base / f"{split}-articles-subtask-{n}"):
        if art_id not in labels:
            continue
        value = labels[art_id]
        if task == "genre":
            if value not in GENRES:
                raise DocumentError(f"{labels_path}: article {art_id} has unknown genre {value!r}")
            yield Article(art_id, iso, text, genre=value)
        else:
            frames = tuple(f.strip() for f in value.split(",") if f.strip())
            unknown = set(frames) - set(FRAMES)
            if unknown:
                raise DocumentError(f"{labels_path}: article {art_id} has unknown frames {sorted(unknown)}")
            yield Article(art_id, iso, text, frames=frames)


def load_all(data_dir: Path, task: str, languages: tuple[str, ...] = LANGUAGES) -> list[Article]:
    """Every labelled train article of ``task`` over ``languages``."""
    return [a for lang in languages for a in iter_articles(data_dir, lang, task)]
