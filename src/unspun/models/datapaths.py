"""Where training and evaluation data live.

Data is never bundled (most of it is for research use only). Commands take ``--data``; without it the
``UNSPUN_DATA`` environment variable is used, then ``../shared/data`` next to the current directory or
next to the source checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

from unspun.errors import DataNotFoundError

ENV_VAR = "UNSPUN_DATA"


def candidate_data_dirs() -> list[Path]:
    """Places searched for the data folder, in order."""
    out: list[Path] = []
    if os.environ.get(ENV_VAR):
        out.append(Path(os.environ[ENV_VAR]))
    out.append(Path.cwd() / ".." / "shared" / "data")
    repo_root = Path(__file__).resolve().parents[3]  # src/unspun/models/datapaths.py -> repo
    out.append(repo_root / ".." / "shared" / "data")
    return out


def default_data_dir() -> Path | None:
    """The first existing data folder, or None."""
    for path in candidate_data_dirs():
        if path.is_dir():
            return path.resolve()
    return None


def resolve_data_dir(path: str | Path | None = None, *, needs: str | None = None) -> Path:
    """The data folder to use, checking that it (and the sub-folder ``needs``) exists."""
    base = Path(path) if path is not None else default_data_dir()
    if base is None or not base.is_dir():
        raise DataNotFoundError(
            f"no data folder at {path or ' or '.join(str(p) for p in candidate_data_dirs())}",
            hint=f"pass --data DIR or set {ENV_VAR}",
        )
    if needs and not (base / needs).exists():
        raise DataNotFoundError(f"{base} has no {needs!r}", hint="is this the shared data folder?")
    return base.resolve()
