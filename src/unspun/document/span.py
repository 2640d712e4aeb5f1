"""A standoff span: a half-open character range over a Document's text, with a label."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from unspun.errors import DocumentError


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of Unicode code points, as Python indexes ``str``.

    ``label`` names what the span is; ``score`` is an optional confidence in ``[0, 1]``;
    ``attrs`` holds JSON-serialisable details and must not be mutated once the span is in a layer.
    """

    start: int
    end: int
    label: str
    score: float | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.start, int) or not isinstance(self.end, int):
            raise DocumentError(f"span offsets must be integers, got {self.start!r}, {self.end!r}")
        if isinstance(self.start, bool) or isinstance(self.end, bool):
            raise DocumentError("span offsets must be integers, not booleans")
        if self.start < 0 or self.end <= self.start:
            raise DocumentError(
                f"span [{self.start}, {self.end}) is empty or reversed",
                hint="offsets are half-open: 0 <= start < end",
            )
        if not isinstance(self.label, str) or not self.label:
            raise DocumentError("span label must be a non-empty string")
        if self.score is not None:
            if isinstance(self.score, bool) or not isinstance(self.score, (int, float)):
                raise DocumentError(f"span score must be a number, got {self.score!r}")
            if not math.isfinite(self.score) or not 0.0 <= self.score <= 1.0:
                raise DocumentError(f"span score must lie in [0, 1], got {self.score!r}")
        if not isinstance(self.attrs, dict):
            raise DocumentError("span attrs must be a dict")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """True when the two ranges share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "score": self.score,
            "attrs": self.attrs,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Span:
        if not isinstance(data, dict):
            raise DocumentError(f"a span must be a JSON object, got {type(data).__name__}")
        missing = {"start", "end", "label"} - data.keys()
        if missing:
            raise DocumentError(f"span is missing {sorted(missing)}")
        return cls(
            start=data["start"],
            end=data["end"],
            label=data["label"],
            score=data.get("score"),
            attrs=dict(data.get("attrs") or {}),
        )
