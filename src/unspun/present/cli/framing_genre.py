"""``unspun train|evaluate framing|genre`` and the genre/framing tasks of ``unspun predict semeval2023``.

``predict semeval2023`` is shared with the persuasion commands (``--task techniques|spans``): this module
registers one command that handles ``--task genre|framing`` itself and hands the other tasks to
:func:`unspun.present.cli.persuasion.predict_semeval2023` unchanged, so both keep working whatever the
import order.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from unspun.errors import ConfigError, InputNotFoundError
from unspun.models.doc_training import (
    default_model_dir,
    evaluate_task,
    load_model,
    split_articles,
    train_steps,
    train_task,
)
from unspun.present.cli.groups import evaluate_app, predict_app, train_app

TASKS = ("genre", "framing")
DATA_HELP = "Shared data folder (default: $UNSPUN_DATA, then ../shared/data)."


def train_with_progress(task: str, data: Path | None, seed: int, out: Path) -> dict[str, float]:
    """:func:`unspun.models.doc_training.train_task` with a progress bar on stderr."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"))
    with Progress(*columns, TimeElapsedColumn(), transient=True, console=Console(stderr=True)) as bar:
        job = bar.add_task(f"training {task}", total=train_steps(task))
        return train_task(task, data, seed, out, progress=lambda: bar.advance(job))


def _make_train(task: str) -> Callable[..., None]:
    def command(
        data: Annotated[Path | None, typer.Option("--data", help=DATA_HELP)] = None,
        seed: Annotated[int, typer.Option("--seed", help="Random seed; same seed and data give the same model.")] = 0,
        out: Annotated[
            Path | None, typer.Option("--out", help="Folder for the artifacts and MODEL_CARD.md (default: shipped).")
        ] = None,
    ) -> None:
        start = time.monotonic()
        metrics = train_with_progress(task, data, seed, out or default_model_dir(task))
        typer.echo(json.dumps({k: round(v, 4) for k, v in metrics.items()}, indent=1))
        typer.echo(f"trained {task} in {time.monotonic() - start:.0f}s", err=True)

    return command


def _make_evaluate(task: str) -> Callable[..., None]:
    def command(
        data: Annotated[Path | None, typer.Option("--data", help=DATA_HELP)] = None,
        model_dir: Annotated[Path | None, typer.Option("--model", help="Artifact folder (default: shipped).")] = None,
    ) -> None:
        _, validation = split_articles(data, task)
        metrics = evaluate_task(task, load_model(task, model_dir), validation)
        typer.echo(json.dumps({k: round(v, 4) for k, v in metrics.items()}, indent=1))

    return command


train_app.command(
    "genre",
    help="Train the genre model (opinion / reporting / satire) on SemEval-2023 Task 3 subtask 1 train, six "
    "languages pooled. Holds out the validation split, scores it with the saved artifact and writes "
    "MODEL_CARD.md. A few minutes on one core.\n\nExample: unspun train genre --data ../shared/data --seed 0 "
    "--out build/genre",
)(_make_train("genre"))
train_app.command(
    "framing",
    help="Train the framing model (14 frames) on SemEval-2023 Task 3 subtask 2 train, six languages pooled, "
    "with per-frame calibration and thresholds. About ten minutes on one core.\n\nExample: unspun train framing "
    "--data ../shared/data --seed 0 --out build/framing",
)(_make_train("framing"))
evaluate_app.command(
    "genre",
    help="Score a genre model on the validation split: macro-F1 (official), accuracy and ECE, pooled and per "
    "language. Prints JSON.",
)(_make_evaluate("genre"))
evaluate_app.command(
    "framing",
    help="Score a framing model on the validation split: micro-F1 (official), macro-F1 and ECE, pooled and "
    "micro-F1 per language. Prints JSON.",
)(_make_evaluate("framing"))


def predict_articles(task: str, lang: str, articles: Path, model_dir: Path | None = None) -> list[str]:
    """Prediction rows in the organisers' format for every article<ID>.txt in ``articles``."""
    from unspun.models.datasets.semeval2023_articles import LANGUAGES, iso_language, read_article_folder
    from unspun.models.doc_classifier import article_units, model_text

    language = iso_language(lang)
    if language not in LANGUAGES:
        raise ConfigError(
            f"unsupported language {lang!r} for {task}", hint=f"use one of {', '.join(LANGUAGES)} (or ge, po)"
        )
    if not articles.is_dir():
        raise InputNotFoundError(f"no article folder at {articles}", hint="pass the organisers' articles folder")
    model = load_model(task, model_dir)
    items = list(read_article_folder(articles))
    texts = [model_text(*article_units(text), language) for _, text in items]
    if not texts:
        return []
    labels = model.predict(texts, language)
    if task == "genre":
        return [f"{art_id}\t{label}" for (art_id, _), label in zip(items, labels, strict=True)]
    return [f"{art_id}\t{','.join(frames)}" for (art_id, _), frames in zip(items, labels, strict=True)]


def _other_semeval2023() -> Callable[..., None] | None:
    """The persuasion module's ``predict semeval2023`` callback, taken off the group so ours replaces it."""
    try:
        from unspun.present.cli import persuasion  # noqa: F401  (registers its command)
    except ImportError:
        return None
    other = None
    for info in list(predict_app.registered_commands):
        if info.name == "semeval2023" and info.callback is not predict_semeval2023:
            other = info.callback
            predict_app.registered_commands.remove(info)
    return other


def predict_semeval2023(
    task: Annotated[
        str, typer.Option("--task", help="genre (ST1), framing (ST2), techniques (ST3 paragraphs) or spans.")
    ],
    lang: Annotated[str, typer.Option("--lang", help="Language: en, fr, de (ge), it, pl (po) or ru.")],
    articles: Annotated[Path, typer.Option("--articles", help="The organisers' folder of article<ID>.txt files.")],
    out: Annotated[Path, typer.Option("--out", help="Prediction file to write.")],
    template: Annotated[
        Path | None, typer.Option("--template", help="Paragraph template (techniques and spans only).")
    ] = None,
    model_dir: Annotated[
        Path | None, typer.Option("--model", help="Artifact folder (default: the shipped model).")
    ] = None,
) -> None:
    """Predict SemEval-2023 Task 3 labels in the organisers' formats.

    --task genre writes `id<TAB>label` (subtask 1); --task framing writes `id<TAB>frame,frame` (subtask 2);
    --task techniques and --task spans are the persuasion model's (subtask 3, see `--template`).

    Example: unspun predict semeval2023 --task genre --lang it --articles dev-articles-subtask-1 --out it.txt
    """
    if task not in TASKS:
        if _OTHER is None:
            raise ConfigError(f"unknown task {task!r}", hint="use --task genre or --task framing")
        _OTHER(task=task, lang=lang, articles=articles, out=out, template=template, model_dir=model_dir)
        return
    rows = predict_articles(task, lang, articles, model_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(row + "\n" for row in rows), encoding="utf-8")
    typer.echo(f"wrote {len(rows)} rows to {out}", err=True)


_OTHER = _other_semeval2023()
predict_app.command("semeval2023")(predict_semeval2023)
