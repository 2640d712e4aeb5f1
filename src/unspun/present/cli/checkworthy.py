"""``unspun train checkworthy`` and ``unspun predict checkworthy``: thin wrappers over
:mod:`unspun.models.checkworthy`."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from unspun.errors import InputError, InputNotFoundError
from unspun.present.cli.groups import predict_app, train_app


def _progress(start: float):
    def say(msg: str) -> None:
        sys.stderr.write(f"[{time.monotonic() - start:6.1f}s] {msg}\n")
        sys.stderr.flush()

    return say


@train_app.command("checkworthy")
def train_checkworthy(
    data: Annotated[Path | None, typer.Option("--data", help="Shared data folder (default: ../shared/data).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, data, threads: same model).")] = 0,
    out: Annotated[Path, typer.Option("--out", help="Folder to write the artifact and MODEL_CARD.md into.",
                                      file_okay=False)] = Path("checkworthy-model"),
    epochs: Annotated[int, typer.Option("--epochs", min=1, help="Epochs of the learning-rate schedule.")] = 3,
    stop_after: Annotated[int, typer.Option("--stop-after", min=0, help="Stop after this many epochs (0: all).")] = 0,
    threads: Annotated[int, typer.Option("--threads", min=1, help="Torch threads (the shipped model used 1).")] = 2,
    train_embeddings: Annotated[bool, typer.Option("--train-embeddings", help="Fine-tune MiniLM's word "
                                                   "embeddings too (frozen by default).")] = False,
    float32_out: Annotated[Path | None, typer.Option("--float32-out", file_okay=False,
                                                     help="Also keep the float32 graph in this folder (not "
                                                          "shipped; to study quantisation).")] = None,
    distil: Annotated[bool, typer.Option("--distil/--no-distil",
                                         help="Learn from a fine-tuned all-mpnet-base-v2 teacher (the shipped "
                                              "model did; needs the teacher wheels of train-models.txt).")] = True,
    teacher_epochs: Annotated[int, typer.Option("--teacher-epochs", min=1, help="Epochs of the teacher.")] = 3,
    alpha: Annotated[float, typer.Option("--alpha", min=0.0, max=1.0,
                                         help="Weight of the gold label against the teacher's probability.")] = 0.5,
    news: Annotated[int, typer.Option("--news", min=0, help="English news sentences (PolNeAR, SemEval-2023) "
                                      "added to the teacher-labelled transfer set.")] = 0,
    variants: Annotated[int, typer.Option("--variants", min=0, help="Word-level variants of the debate "
                                          "sentences added to the transfer set.")] = 0,
    embed_weight: Annotated[float, typer.Option("--embed-weight", min=0.0,
                                                help="Also learn the teacher's pooled sentence vectors, with "
                                                     "this weight beside the cross-entropy (0: off).")] = 0.0,
    teachers: Annotated[int, typer.Option("--teachers", min=1,
                                          help="Teachers fine-tuned with seeds SEED, SEED+1, ...; MiniLM learns "
                                               "their averaged probability.")] = 1,
) -> None:
    """Fine-tune the check-worthiness model (MiniLM) on ClaimBuster train; needs the train extra (torch).

    Carves the validation split from train (unspun.models.splits) and a calibration part from the rest.

    With --distil (the default), first fine-tunes an all-mpnet-base-v2 teacher on the same sentences, then
    scores them and a transfer set with it (CheckThat 2020 train, plus --news news sentences and --variants
    word-level variants); MiniLM learns those soft targets (and, with --embed-weight, the teacher's sentence
    vectors; with --teachers N, the mean probability of N teachers). Each fine-tuned teacher and its outputs
    are cached in ~/.cache/unspun/teachers, so a rerun with the same teacher settings skips the teacher's
    fine-tuning, and one with the same sentences skips the scoring too. Then exports int8 ONNX, calibrates
    (Platt), tunes the threshold for F1 on ClaimBuster validation, and saves the artifact. Prints the
    validation figures as JSON. Time per teacher on one thread: fine-tuning about 33 min, scoring 82,575
    sentences (--news 46445) 38 min; MiniLM 64 min; a few minutes with --no-distil.

    Example (the shipped model):  unspun train checkworthy --data ../shared/data --seed 0 --threads 1 --news 46445
        --teachers 2 --out src/unspun/models/artifacts/checkworthy
    """
    from unspun.models.datapaths import resolve_data_dir
    from unspun.models.datasets.claimbuster import FOLDER

    say = _progress(time.monotonic())
    data_dir = resolve_data_dir(data, needs=FOLDER)
    from unspun.models.checkworthy_train import Distil, FineTune, require_train_extra, train

    require_train_extra(distil=distil)
    cfg = FineTune(epochs=epochs, stop_after=stop_after, threads=threads, train_embeddings=train_embeddings)
    teacher = (Distil(teacher=FineTune(epochs=teacher_epochs, lr=3e-5, threads=threads), alpha=alpha, news=news,
                      variants=variants, embed=embed_weight, teachers=teachers) if distil else None)
    model, metrics = train(data_dir, out, seed=seed, cfg=cfg, distil=teacher, progress=say,
                           float32_out=float32_out)
    say(f"wrote {out} (threshold {model.threshold_:.2f})")
    typer.echo(json.dumps({k: round(v, 4) for k, v in metrics.items()}, indent=1))


def read_jsonl(path: Path) -> list[dict]:
    """``{id, text}`` objects, one per line; a clear error names the first bad line."""
    if not path.is_file():
        raise InputNotFoundError(f"no such file: {path}")
    rows: list[dict] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{path}:{n}: not JSON ({exc})", hint="one {\"id\", \"text\"} object per line") from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or "id" not in row:
            raise InputError(f"{path}:{n}: expected an object with \"id\" and \"text\"")
        rows.append(row)
    return rows


@predict_app.command("checkworthy")
def predict_checkworthy(
    input: Annotated[Path, typer.Option("--input", "-i", help="JSON Lines file of {\"id\", \"text\"} objects.",
                                        dir_okay=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="JSON Lines file to write {\"id\", \"score\", \"label\"}.",
                                      dir_okay=False)],
    model_dir: Annotated[Path | None, typer.Option(
        "--model", help="Artifact folder (default: the shipped model).", file_okay=False)] = None,
) -> None:
    """Score sentences for check-worthiness, for sentence-level benchmarks.

    Writes one {id, score, label} line per input line. score: calibrated probability of a check-worthy claim.

    label: 1 when score reaches the model's tuned threshold (see its MODEL_CARD.md), else 0.

    Example:  unspun predict checkworthy --input sentences.jsonl --out scores.jsonl
    """
    from rich.progress import Progress

    from unspun.models.checkworthy import CheckworthyModel

    rows = read_jsonl(input)
    model = CheckworthyModel.load(model_dir)
    batch = 512
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh, Progress(disable=not sys.stderr.isatty(), transient=True) as bar:
        task = bar.add_task("scoring", total=len(rows))
        for i in range(0, len(rows), batch):
            chunk = rows[i : i + batch]
            probs = model.predict_proba([r["text"] for r in chunk])
            for row, p in zip(chunk, probs, strict=True):
                label = int(p >= model.threshold_)
                fh.write(json.dumps({"id": row["id"], "score": round(float(p), 6), "label": label}) + "\n")
            bar.advance(task, len(chunk))
    sys.stderr.write(f"wrote {out} ({len(rows)} sentences, threshold {model.threshold_:.2f})\n")
