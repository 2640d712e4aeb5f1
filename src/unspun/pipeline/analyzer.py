"""The Analyzer protocol, and a base class that gives ``pipe`` for free.

An analyzer reads the layers it ``requires`` and writes only the layers (or ``labels.NAME`` document
labels) it ``produces``. It never changes the text and is deterministic. Heavy resources (spaCy, model
artifacts) are loaded in ``__init__`` or lazily, never at import time, so that the registry stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar, Protocol, runtime_checkable

from unspun.document import Document


@runtime_checkable
class Analyzer(Protocol):
    name: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]: ...


class BaseAnalyzer:
    """Convenience base: subclasses set the class attributes and implement ``__call__``.

    Override ``pipe`` when batching is faster (spaCy's ``nlp.pipe``, vectorised models).
    ``version`` goes into the pipeline fingerprint: bump it when output changes.
    """

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    produces: ClassVar[tuple[str, ...]] = ()
    version: ClassVar[str] = "1"

    def __init__(self, **options: Any) -> None:
        if options:
            raise TypeError(f"{type(self).__name__} takes no options, got {sorted(options)}")

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"
