"""A fine-tuned sentence encoder at inference: WordPiece (``tokenizers``) and an ONNX graph (onnxruntime).

The graph takes int64 ``input_ids`` and ``attention_mask`` (batch x length) and returns one logit per
sentence. Texts are tokenised once and truncated to ``max_length`` tokens. By default each text runs
alone (``batch_size=1``): the graph's int8 activations are quantised dynamically over the whole input
tensor, so in a batch a sentence's logit depends on its batch-mates (measured up to 0.58 in logit between
batches of 1 and 32 on 600 ClaimBuster sentences), and a fact-checker must get the same score for the
same sentence in any article. On one thread batching buys nothing here (275 against 278 sentences/s).
Larger batches, when asked for, are sorted by length and padded to their longest text; results always
come back in input order. The session is created on first use and runs on one thread unless told
otherwise. No torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from unspun.errors import ModelError

MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
DEFAULT_MAX_LENGTH = 64
DEFAULT_BATCH = 1  # see the module docstring: batch-mates would move each other's scores


def load_tokenizer(path: Path, max_length: int):
    """A ``tokenizers`` WordPiece tokenizer from ``tokenizer.json``: truncating, unpadded."""
    from tokenizers import Tokenizer

    try:
        tok = Tokenizer.from_file(str(path))
    except Exception as exc:  # the library raises a bare Exception on a malformed file
        raise ModelError(f"cannot read the tokenizer {path}: {exc}") from None
    tok.no_padding()
    tok.enable_truncation(max_length)
    return tok


def pad_batch(ids: Sequence[Sequence[int]], pad_id: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Right-pad token ids with ``pad_id`` to the longest row; the mask marks real tokens."""
    width = max((len(x) for x in ids), default=0)
    out = np.full((len(ids), width), pad_id, dtype=np.int64)
    mask = np.zeros_like(out)
    for i, x in enumerate(ids):
        out[i, : len(x)] = x
        mask[i, : len(x)] = 1
    return out, mask


class OnnxTextScorer:
    """One logit per text from ``folder/model.onnx`` and ``folder/tokenizer.json`` (lazy-loaded)."""

    def __init__(
        self,
        folder: Path,
        *,
        max_length: int = DEFAULT_MAX_LENGTH,
        batch_size: int = DEFAULT_BATCH,
        threads: int = 1,
    ) -> None:
        if max_length < 2 or batch_size < 1 or threads < 0:
            raise ModelError(f"bad scorer settings: max_length {max_length}, batch {batch_size}, threads {threads}")
        self.folder = Path(folder)
        self.max_length = max_length
        self.batch_size = batch_size
        self.threads = threads
        self._session = None
        self._tokenizer = None

    def _load(self) -> None:
        import onnxruntime as ort

        model = self.folder / MODEL_FILE
        if not model.is_file():
            raise ModelError(f"no {MODEL_FILE} in {self.folder}")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = self.threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        try:
            self._session = ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own untyped errors on a corrupt file
            raise ModelError(f"cannot load {model}: {exc}") from None
        self._tokenizer = load_tokenizer(self.folder / TOKENIZER_FILE, self.max_length)

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        """WordPiece ids with [CLS] and [SEP], at most ``max_length`` per text."""
        if self._tokenizer is None:
            self._load()
        return [e.ids for e in self._tokenizer.encode_batch(list(texts))]

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """The graph's logit for every text, in input order."""
        if not texts:
            return np.zeros(0)
        ids = self.encode(texts)
        order = np.argsort([len(x) for x in ids], kind="stable")
        out = np.zeros(len(ids))
        for i in range(0, len(order), self.batch_size):
            idx = order[i : i + self.batch_size]
            batch, mask = pad_batch([ids[j] for j in idx])
            (logit,) = self._session.run(None, {"input_ids": batch, "attention_mask": mask})
            out[idx] = np.asarray(logit, dtype=float).reshape(-1)
        return out
