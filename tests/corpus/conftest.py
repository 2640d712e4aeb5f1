"""Corpus fixtures: a small corpus on disk built from the seed article, and the probe analyzer."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.corpus.fake_analyzers import NAME, TARGET
from unspun.config import PipelineOptions
from unspun.corpus import CorpusOptions
from unspun.pipeline import registry

PROBE = PipelineOptions(stages=(NAME,))
PROBE_ANALYZERS = ((NAME, TARGET),)


def probe_options(**kwargs) -> CorpusOptions:
    kwargs.setdefault("workers", 0)  # in-process; the worker paths are tested with 1 and 2
    kwargs.setdefault("analyzers", PROBE_ANALYZERS)
    return CorpusOptions(**kwargs)


def variants(n: int, seed: int = 7) -> list[str]:
    """``n`` distinct article texts of about 160 words: the seed's words reshuffled, so they share vocabulary
    (one topic) but hardly any five-word sequence (not copies)."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]+", SEED.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    out = []
    for i in range(n):
        picked = rng.sample(words, 150)
        body = " ".join(picked[:75]) + ".\n\n" + " ".join(picked[75:])
        out.append(f"Dispatch {i}: NATO and Russia.\n\n{body}.\n\nThe regime cited {i} figures.\n")
    return out


@pytest.fixture(autouse=True)
def _probe_registered():
    registry.register(NAME, TARGET)
    yield


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """12 good articles with 3 corrupt items in the middle (binary, empty, one that the probe rejects)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    texts = variants(12)
    for i, text in enumerate(texts[:6]):
        (folder / f"a{i:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "a06-binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (folder / "a07-empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "a08-boom.txt").write_text("A story that goes BOOM in the analyzer.\n", encoding="utf-8")
    for i, text in enumerate(texts[6:], start=9):
        (folder / f"a{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder
