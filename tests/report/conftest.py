"""Fixtures for the report tests: the hand-built Documents and a fixed technique taxonomy.

The taxonomy belongs to the persuasion analyzer and changes as it is written; the report's snapshots and
browser tests pin their own small one so that they test the report, not the taxonomy's wording.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from report_fixtures import FIXED_TAXONOMY, FIXTURES

from unspun.document import Document
from unspun.present.report import definitions


@pytest.fixture(autouse=True)
def fixed_taxonomy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every report test sees the same three definitions (a test may ``monkeypatch.undo()`` it)."""
    monkeypatch.setattr(definitions, "_taxonomy", lambda: FIXED_TAXONOMY)


def load_fixture(name: str) -> Document:
    return Document.from_json((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_doc() -> Document:
    return load_fixture("seed")


@pytest.fixture(scope="session")
def hostile_doc() -> Document:
    return load_fixture("hostile")


@pytest.fixture(scope="session")
def minimal_doc() -> Document:
    return load_fixture("minimal")


@pytest.fixture(scope="session")
def empty_doc() -> Document:
    return load_fixture("empty")
