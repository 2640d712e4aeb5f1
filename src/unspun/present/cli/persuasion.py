"""``unspun train persuasion``, ``unspun evaluate persuasion`` and ``unspun predict semeval2023``."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from unspun.errors import ConfigError
from unspun.present.cli.groups import evaluate_app, predict_app, train_app

LANGS_HELP = "Languages (comma-separated ISO codes among en,fr,de,it,pl,ru)."


def _languages(value: str) -> tuple[str, ...]:
    from unspun.models.datasets.semeval2023_paragraphs import LANGUAGES

    langs = tuple(v.strip().lower() for v in value.split(",") if v.strip())
    bad = [lang for lang in langs if lang not in LANGUAGES]
    if bad or not langs:
        raise ConfigError(
            f"unsupported language {', '.join(bad) or value!r}", hint=f"choose from {','.join(LANGUAGES)}"
        )
    return langs


def _progress(start: float):
    def say(msg: str) -> None:
        sys.stderr.write(f"[{time.monotonic() - start:6.1f}s] {msg}\n")
        sys.stderr.flush()

    return say


def write_card(out: Path, model, metrics: dict[str, float], *, seed: int, no_ptc: bool, no_stack: bool) -> dict:
    """Write the persuasion model card into ``out`` with ``metrics`` (the validation scores of the saved
    artifact); returns the metrics shown there."""
    from unspun.models.artifacts import write_model_card
    from unspun.models.persuasion import stack_note, threshold_note

    shown = {k: v for k, v in metrics.items() if not k.endswith(("_precision", "_recall"))}
    write_model_card(
        out,
        name="persuasion",
        summary=(
            "Persuasion techniques (the 23 labels of SemEval-2023 Task 3) for paragraphs in en, fr, de, it, pl and "
            "ru, with calibrated probabilities and per-technique, per-language thresholds, plus a token tagger "
            "that finds the evidence span of each asserted technique. Sparse hashed TF-IDF + logistic regression; "
            "runs on CPU with numpy and scikit-learn's hashers."
        ),
        data=[
            "SemEval-2023 Task 3 subtask 3 train (paragraph labels and span annotations, 6 languages); validation "
            "split = unspun.models.splits.is_validation(article_id), calibration split = fold 0 of 5 of the rest",
            "SemEval-2020 Task 11 PTC train spans (English), 12 of 14 labels mapped to the 2023 names"
            + (" (not used: --no-ptc)" if no_ptc else ""),
        ],
        terms=(
            "Research use only: the SemEval-2023 data may only be used for scientific research in the context of "
            "the shared task and may not be redistributed; PTC is treated the same. The artifact holds hashed "
            "feature weights, no text. Contact the organisers before any non-research use."
        ),
        metrics=shown,
        command=f"unspun train persuasion --data ../shared/data --seed {seed} --out {out}"
        + (" --no-stack" if no_stack else ""),
        seed=seed,
        details=(
            "Paragraph F1 is the organisers' micro/macro-F1 over paragraphs x 23 techniques. Span F1 is the "
            "SemEval-2020 SI-style overlap F1, technique-aware, of the spans decoded inside asserted paragraphs. "
            "ECE: 10 equal-width bins over all paragraph x technique pairs (`ece`) and over pairs scored >= 0.1. "
            "`*_si_f1` is the same overlap F1 with techniques ignored (SemEval-2020 SI). The span tagger's English "
            "features include VADER word valence (vaderSentiment, MIT licence). The figures are printed by "
            "`unspun evaluate persuasion --data ../shared/data --model DIR` (and, for the shipped artifact, "
            "`python -m evaluation.gate --only persuasion`)." + threshold_note(model) + stack_note(model)
        ),
    )
    return shown


@train_app.command("persuasion")
def train_persuasion(
    data: Annotated[Path | None, typer.Option("--data", help="Shared data folder (default: ../shared/data).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; same seed and data give the same model.")] = 0,
    out: Annotated[Path, typer.Option("--out", help="Folder to write the artifacts and MODEL_CARD.md into.")] = Path(
        "persuasion-model"
    ),
    no_ptc: Annotated[bool, typer.Option("--no-ptc", help="Train the span tagger without PTC's spans.")] = False,
    no_stack: Annotated[
        bool,
        typer.Option(
            "--no-stack",
            help="Platt scaling only: no stacked calibration with span-tagger evidence (see docs/techniques.md).",
        ),
    ] = False,
) -> None:
    """Train the persuasion-technique model (paragraph labels + evidence spans) on SemEval-2023 Task 3 train.

    Fits on train minus a validation split carved by article, tunes per-technique (and per-language)
    thresholds and Platt calibration on a calibration split, scores the validation split and writes the
    model card. Takes 15-20 minutes on one core.
    """
    from unspun.models.datapaths import resolve_data_dir
    from unspun.models.datasets.ptc import load_ptc_train
    from unspun.models.datasets.semeval2023_paragraphs import FOLDER, load_articles, read_techniques
    from unspun.models.persuasion import STACK_LANGUAGES, PersuasionModel, line_units, train
    from unspun.models.persuasion_eval import evaluate, validation_articles

    say = _progress(time.monotonic())
    data_dir = resolve_data_dir(data, needs=FOLDER)
    techniques = read_techniques(data_dir)
    say("reading SemEval-2023 Task 3 train")
    articles = load_articles(data_dir)
    ptc = [] if no_ptc else [(a.id, line_units(a.id, a.text, a.spans)) for a in load_ptc_train(data_dir)]
    model = train(
        articles, techniques, ptc_units=ptc, seed=seed, stack=() if no_stack else STACK_LANGUAGES, progress=say
    )
    model.save(out)
    say("scoring the validation split with the saved artifact (float16 weights, as shipped)")
    metrics = evaluate(PersuasionModel.load(out), validation_articles(articles), progress=say)
    shown = write_card(out, model, metrics, seed=seed, no_ptc=no_ptc, no_stack=no_stack)
    say(f"wrote {out}")
    typer.echo(json.dumps({k: round(v, 4) for k, v in shown.items()}, indent=1))


@evaluate_app.command("persuasion")
def evaluate_persuasion(
    data: Annotated[Path | None, typer.Option("--data", help="Shared data folder (default: ../shared/data).")] = None,
    lang: Annotated[str, typer.Option("--lang", help=LANGS_HELP)] = "en,fr,de,it,pl,ru",
    model_dir: Annotated[
        Path | None, typer.Option("--model", help="Artifact folder (default: the shipped model).")
    ] = None,
    no_spans: Annotated[bool, typer.Option("--no-spans", help="Skip the span-level score (faster).")] = False,
) -> None:
    """Score the persuasion model on the validation split: official micro- and macro-F1 over paragraphs x
    techniques per language, ECE, and span overlap F1. Prints JSON."""
    from unspun.models.datapaths import resolve_data_dir
    from unspun.models.datasets.semeval2023_paragraphs import FOLDER, load_articles
    from unspun.models.persuasion import PersuasionModel
    from unspun.models.persuasion_eval import evaluate, validation_articles

    langs = _languages(lang)
    say = _progress(time.monotonic())
    data_dir = resolve_data_dir(data, needs=FOLDER)
    model = PersuasionModel.load(model_dir)
    articles = validation_articles(load_articles(data_dir, langs))
    metrics = evaluate(model, articles, languages=langs, spans=not no_spans, progress=say)
    typer.echo(json.dumps({k: round(v, 4) for k, v in metrics.items()}, indent=1))


FOLDER_CODES = {"ge": "de", "po": "pl"}


@predict_app.command("semeval2023")
def predict_semeval2023(
    task: Annotated[str, typer.Option("--task", help="'techniques' (ST3 paragraph labels) or 'spans'.")],
    lang: Annotated[str, typer.Option("--lang", help="Language: en, fr, de (ge), it, pl (po) or ru.")],
    articles: Annotated[Path, typer.Option("--articles", help="The organisers' folder of article<ID>.txt files.")],
    out: Annotated[Path, typer.Option("--out", help="Prediction file to write.")],
    template: Annotated[
        Path | None,
        typer.Option("--template", help="Paragraph template (id, line, text); for spans, default: every line."),
    ] = None,
    model_dir: Annotated[
        Path | None, typer.Option("--model", help="Artifact folder (default: the shipped model).")
    ] = None,
) -> None:
    """Predict SemEval-2023 Task 3 persuasion techniques in the organisers' formats.

    --task techniques writes `id<TAB>line<TAB>tech,tech` for every template row (subtask 3);
    --task spans writes `id<TAB>technique<TAB>start<TAB>end` with offsets into the article file.
    """
    from unspun.errors import InputNotFoundError
    from unspun.models.datasets.semeval2023_paragraphs import line_offsets, read_template
    from unspun.models.persuasion import PersuasionModel

    if task not in ("techniques", "spans"):
        raise ConfigError(f"unknown task {task!r}", hint="use --task techniques or --task spans")
    language = _languages(FOLDER_CODES.get(lang.lower(), lang))[0]
    if not articles.is_dir():
        raise InputNotFoundError(f"no article folder at {articles}", hint="pass the organisers' articles folder")
    if task == "techniques" and template is None:
        raise ConfigError("--task techniques needs --template", hint="pass the organisers' .template file")
    if template is not None and not template.is_file():
        raise InputNotFoundError(f"no template at {template}", hint="pass the organisers' .template file")
    model = PersuasionModel.load(model_dir)
    if template is not None:
        rows = read_template(template)
    else:
        rows = {p.stem.removeprefix("article"): [] for p in sorted(articles.glob("article*.txt"))}
    lines_out: list[str] = []
    for art_id, tmpl in rows.items():
        path = articles / f"article{art_id}.txt"
        if not path.is_file():
            raise InputNotFoundError(f"{path} is missing", hint="is --articles the folder matching the template?")
        text = path.read_text(encoding="utf-8")
        offsets = line_offsets(text)
        numbers = [n for n, _ in tmpl] or [i + 1 for i, (s, e) in enumerate(offsets) if text[s:e].strip()]
        numbers = [n for n in numbers if 1 <= n <= len(offsets)]
        paras = [text[offsets[n - 1][0] : offsets[n - 1][1]] for n in numbers]
        if not paras:
            continue
        _, asserted = model.predict(paras, language)
        for i, n in enumerate(numbers):
            js = [int(j) for j in asserted[i].nonzero()[0]]
            if task == "techniques":
                lines_out.append(f"{art_id}\t{n}\t{','.join(model.techniques[j] for j in js)}")
            else:
                start = offsets[n - 1][0]
                for j, s, e, _ in model.locate(paras[i], language, js):
                    lines_out.append(f"{art_id}\t{model.techniques[j]}\t{start + s}\t{start + e}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(line + "\n" for line in lines_out), encoding="utf-8")
    typer.echo(f"wrote {len(lines_out)} rows to {out}", err=True)
