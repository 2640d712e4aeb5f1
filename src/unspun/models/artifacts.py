"""Pickle-free model artifacts: arrays in safetensors, everything else in JSON, plus a model card.

Each model lives in ``src/unspun/models/artifacts/<name>/`` (shipped in the package) or in a folder given
with ``--out`` when training. Loading never executes code from the artifact.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from unspun.errors import ModelError

ARTIFACTS_DIR = Path(__file__).parent / "artifacts"
CARD = "MODEL_CARD.md"


def artifact_dir(name: str) -> Path:
    """The shipped folder of model ``name`` (it may not exist yet)."""
    return ARTIFACTS_DIR / name


def require_files(folder: Path, files: list[str], *, train_command: str) -> Path:
    """Check that an artifact folder holds ``files``; say how to build it when it does not."""
    missing = [f for f in files if not (folder / f).is_file()]
    if missing:
        raise ModelError(
            f"model artifact {folder} is missing {', '.join(missing)}",
            hint=f"build it with `{train_command}`",
        )
    return folder


def save_arrays(path: Path, arrays: Mapping[str, np.ndarray]) -> None:
    from safetensors.numpy import save_file

    path.parent.mkdir(parents=True, exist_ok=True)
    save_file({k: np.ascontiguousarray(v) for k, v in arrays.items()}, str(path))


def load_arrays(path: Path) -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    try:
        return load_file(str(path))
    except Exception as exc:  # corrupt or truncated file
        raise ModelError(f"cannot read model arrays {path}: {exc}", hint="re-run the training command") from None


def save_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read {path}: {exc}", hint="re-run the training command") from None


def folder_hash(folder: Path) -> str:
    """A short content hash of an artifact folder (model card excluded), for pipeline fingerprints."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != CARD):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def write_model_card(
    folder: Path,
    *,
    name: str,
    summary: str,
    data: list[str],
    terms: str,
    metrics: Mapping[str, Any],
    command: str,
    seed: int,
    details: str = "",
) -> Path:
    """Write ``MODEL_CARD.md``: what the model does, its data and terms, its metrics and how to rebuild it."""
    rows = "\n".join(f"| {k} | {_fmt(v)} |" for k, v in metrics.items())
    text = (
        f"# Model card: {name}\n\n{summary}\n\n"
        f"- Trained: {dt.date.today().isoformat()}\n- Seed: {seed}\n- Rebuild: `{command}`\n\n"
        f"## Data\n" + "".join(f"- {d}\n" for d in data) + f"\n## Terms\n{terms}\n\n"
        f"## Metrics (validation split carved from train)\n| metric | value |\n|---|---|\n{rows}\n"
        + (f"\n## Details\n{details}\n" if details else "")
    )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CARD).write_text(text, encoding="utf-8")
    return folder / CARD


def _fmt(v: Any) -> str:
    return f"{v:.4f}" if isinstance(v, float) else str(v)
