"""The Document: immutable text, metadata, named layers of standoff spans, document-level labels.

Modelled on spaCy's ``Doc.spans``: overlapping annotations live in named groups over text that never
changes. Layers are replaced whole with :meth:`Document.set_layer`, which validates every offset.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

from unspun.document.span import Span
from unspun.errors import DocumentError

JSONValue = Any


class Document:
    """A text and what is known about it.

    ``text`` is read-only. ``metadata`` holds facts about the source (see ``layers.METADATA_KEYS``).
    ``layers`` maps a layer name to a tuple of :class:`Span`, sorted by ``(start, end, label)``.
    ``labels`` maps a document-level label name (``genre``, ``frames``, ...) to a JSON object.
    """

    __slots__ = ("_labels", "_layers", "_text", "metadata")

    def __init__(
        self,
        text: str,
        metadata: Mapping[str, JSONValue] | None = None,
        layers: Mapping[str, Iterable[Span]] | None = None,
        labels: Mapping[str, JSONValue] | None = None,
    ) -> None:
        if not isinstance(text, str):
            raise DocumentError(f"Document text must be str, got {type(text).__name__}")
        self._text = text
        self.metadata: dict[str, JSONValue] = dict(metadata or {})
        self._layers: dict[str, tuple[Span, ...]] = {}
        self._labels: dict[str, JSONValue] = {}
        for name, spans in (layers or {}).items():
            self.set_layer(name, spans)
        for name, value in (labels or {}).items():
            self.set_label(name, value)

    # --- text -------------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self._text

    def __len__(self) -> int:
        return len(self._text)

    def span_text(self, span: Span) -> str:
        """The characters a span covers."""
        return self._text[span.start : span.end]

    # --- layers -----------------------------------------------------------------------------
    @property
    def layers(self) -> Mapping[str, tuple[Span, ...]]:
        """A read-only view of the layers."""
        return MappingProxyType(self._layers)

    def layer(self, name: str) -> tuple[Span, ...]:
        """The spans of a layer, or an empty tuple when the layer is absent."""
        return self._layers.get(name, ())

    def has_layer(self, name: str) -> bool:
        return name in self._layers

    def set_layer(self, name: str, spans: Iterable[Span]) -> None:
        """Replace a layer with ``spans`` after checking every offset against the text."""
        if not isinstance(name, str) or not name:
            raise DocumentError("layer name must be a non-empty string")
        checked = []
        for span in spans:
            if not isinstance(span, Span):
                raise DocumentError(f"layer {name!r} holds a {type(span).__name__}, not a Span")
            if span.end > len(self._text):
                raise DocumentError(
                    f"span [{span.start}, {span.end}) in layer {name!r} runs past the text "
                    f"({len(self._text)} characters)"
                )
            checked.append(span)
        checked.sort(key=lambda s: (s.start, s.end, s.label))
        self._layers[name] = tuple(checked)

    def remove_layer(self, name: str) -> None:
        self._layers.pop(name, None)

    def spans_within(self, name: str, outer: Span) -> Iterator[Span]:
        """Spans of layer ``name`` that lie wholly inside ``outer``."""
        for span in self.layer(name):
            if span.start >= outer.end:
                break
            if outer.contains(span):
                yield span

    # --- labels -----------------------------------------------------------------------------
    @property
    def labels(self) -> Mapping[str, JSONValue]:
        return MappingProxyType(self._labels)

    def set_label(self, name: str, value: JSONValue) -> None:
        """Set a document-level label; ``value`` must be JSON-serialisable."""
        if not isinstance(name, str) or not name:
            raise DocumentError("label name must be a non-empty string")
        _check_json(value, f"label {name!r}")
        self._labels[name] = value

    # --- copying and equality ---------------------------------------------------------------
    def copy(self) -> Document:
        """A deep copy that shares nothing mutable with this one."""
        return Document(
            self._text,
            metadata=copy.deepcopy(self.metadata),
            layers={name: [_copy_span(s) for s in spans] for name, spans in self._layers.items()},
            labels=copy.deepcopy(self._labels),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return (
            self._text == other._text
            and self.metadata == other.metadata
            and self._layers == other._layers
            and self._labels == other._labels
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        title = self.metadata.get("title") or self._text[:40]
        return f"<Document {title!r} chars={len(self._text)} layers={sorted(self._layers)}>"

    # --- serialisation (see serialize.py for the format) ------------------------------------
    def to_dict(self) -> dict[str, JSONValue]:
        from unspun.document.serialize import document_to_dict

        return document_to_dict(self)

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, JSONValue]) -> Document:
        from unspun.document.serialize import document_from_dict

        return document_from_dict(data)

    @classmethod
    def from_json(cls, raw: str | bytes) -> Document:
        try:
            data = json.loads(raw)
        except (ValueError, TypeError) as exc:
            raise DocumentError(f"not a JSON document: {exc}") from None
        return cls.from_dict(data)


def _copy_span(span: Span) -> Span:
    return Span(span.start, span.end, span.label, span.score, copy.deepcopy(span.attrs))


def _check_json(value: JSONValue, where: str) -> None:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise DocumentError(f"{where} is not JSON-serialisable: {exc}") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise DocumentError(f"{where} must be finite")
