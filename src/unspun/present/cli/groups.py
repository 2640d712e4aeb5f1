"""The typer application and its command groups; command modules attach themselves to these."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="unspun",
    help=(
        "Read news the way a careful fact-checker does: provenance, quotes, checkable claims and "
        "persuasion techniques, each pinned to character offsets in the text. unspun gives no "
        "verdicts; it shows evidence with calibrated confidence and abstains when unsure.\n\n"
        "Start with:  unspun analyze examples/globalresearch-csto-kazakhstan.txt"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode="rich",
)

train_app = typer.Typer(help="Train a model from data (reproducible with --seed).", no_args_is_help=True)
evaluate_app = typer.Typer(help="Score a model with the official metrics.", no_args_is_help=True)
predict_app = typer.Typer(help="Run one model over a benchmark's input format.", no_args_is_help=True)

app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")
app.add_typer(predict_app, name="predict")
