"""An ordered pipeline of analyzers, checked before anything runs.

Stages:
  1. resolve each configured name to its registered class;
  2. check the order: every stage's ``requires`` is produced by ingest or an earlier stage;
  3. instantiate the analyzers (this is where models load);
  4. run documents through them, in batches.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from unspun import __version__
from unspun.document import Document
from unspun.document.layers import INGEST_PRODUCES
from unspun.errors import PipelineOrderError
from unspun.pipeline import registry


def check_order(
    stages: Sequence[type], available: Iterable[str] = INGEST_PRODUCES
) -> None:
    """Raise :class:`PipelineOrderError` naming the missing producer when a requirement is unmet."""
    have = set(available)
    stage_names = [s.name for s in stages]
    for position, stage in enumerate(stages):
        for need in stage.requires:
            if need in have:
                continue
            producers = [n for n in registry.names() if need in _produces_of(n)]
            later = [n for n in stage_names[position + 1 :] if n in producers]
            if later:
                raise PipelineOrderError(
                    f"stage {stage.name!r} requires {need!r}, which {later[0]!r} produces "
                    f"but only after it",
                    hint=f"move {later[0]!r} before {stage.name!r}",
                )
            raise PipelineOrderError(
                f"stage {stage.name!r} requires {need!r}, and no earlier stage produces it",
                hint=f"add {' or '.join(repr(p) for p in producers)} before it"
                if producers
                else "no registered analyzer produces it",
            )
        have.update(stage.produces)


def _produces_of(name: str) -> tuple[str, ...]:
    try:
        return tuple(registry.get(name).produces)
    except Exception:  # a broken plugin must not hide the real error
        return ()


class Pipeline:
    """Analyzers in a checked order. Build one with :meth:`from_config` or :func:`load_pipeline`."""

    def __init__(self, analyzers: Sequence[Any]) -> None:
        check_order([type(a) for a in analyzers])
        self.analyzers = list(analyzers)

    @classmethod
    def from_config(cls, stages: Sequence[str], options: Mapping[str, Mapping[str, Any]] | None = None) -> Pipeline:
        options = options or {}
        classes = [registry.get(name) for name in stages]  # 1.
        check_order(classes)  # 2.
        return cls([c(**dict(options.get(c.name, {}))) for c in classes])  # 3.

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.analyzers]

    @property
    def fingerprint(self) -> str:
        """Identifies what this pipeline computes: package version, stages, their versions and models."""
        parts = [__version__]
        for a in self.analyzers:
            parts.append(f"{a.name}@{getattr(a, 'version', '1')}:{getattr(a, 'model_hash', '')}")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]

    def __call__(self, doc: Document) -> Document:
        for analyzer in self.analyzers:  # 4.
            doc = analyzer(doc)
        return doc

    def pipe(
        self,
        docs: Iterable[Document],
        batch_size: int = 32,
    ) -> Iterator[Document]:
        stream: Iterable[Document] = docs
        for analyzer in self.analyzers:
            stream = analyzer.pipe(stream, batch_size=batch_size)
        yield from stream

    def __repr__(self) -> str:
        return f"<Pipeline {' -> '.join(self.names) or '(empty)'}>"
