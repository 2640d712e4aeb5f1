"""Shared fixtures: paths to the repository, the seed article and the (optional) shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "globalresearch-csto-kazakhstan.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    from unspun.models.datapaths import default_data_dir

    found = default_data_dir()
    if found is None:
        pytest.skip("../shared/data is absent")
    return found
