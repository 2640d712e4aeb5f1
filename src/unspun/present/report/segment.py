"""Cut a stretch of text into runs, each covered by the same set of (possibly overlapping) marks.

Highlights may nest and cross (a quote inside a claim that starts halfway through a technique span). HTML
elements cannot cross, so the text is cut at every mark boundary and each run is wrapped in all the marks
that cover it; the browser then draws one continuous highlight per mark. Offsets are Python ``str`` indices
(Unicode code points), the same unit as ``Span``. Hand-written because it is a short sweep line and no
maintained library does exactly this over standoff offsets.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar


class HasRange(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


M = TypeVar("M", bound=HasRange)


@dataclass(frozen=True, slots=True)
class Run(Generic[M]):
    """``[start, end)`` and the marks covering all of it, in the order they were given."""

    start: int
    end: int
    marks: tuple[M, ...]


def segment(start: int, end: int, marks: Sequence[M]) -> list[Run[M]]:
    """Runs that tile ``[start, end)`` exactly; marks are clipped to it and keep their given order.

    >>> [(r.start, r.end, len(r.marks)) for r in segment(0, 10, [_R(2, 6), _R(4, 8)])]
    [(0, 2, 0), (2, 4, 1), (4, 6, 2), (6, 8, 1), (8, 10, 0)]
    """
    if end <= start:
        return []
    inside = [(i, m) for i, m in enumerate(marks) if m.start < end and m.end > start]
    cuts = {start, end}
    for _, m in inside:
        cuts.add(max(m.start, start))
        cuts.add(min(m.end, end))
    points = sorted(cuts)
    by_start = sorted(inside, key=lambda im: max(im[1].start, start))
    active: dict[int, M] = {}
    runs: list[Run[M]] = []
    k = 0
    for left, right in itertools.pairwise(points):
        while k < len(by_start) and max(by_start[k][1].start, start) <= left:
            index, mark = by_start[k]
            active[index] = mark
            k += 1
        for index in [i for i, m in active.items() if m.end <= left]:
            del active[index]
        runs.append(Run(left, right, tuple(active[i] for i in sorted(active))))
    return runs


@dataclass(frozen=True, slots=True)
class _R:
    start: int
    end: int
