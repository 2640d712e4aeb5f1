"""Segmentation of text into runs under overlapping marks."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from unspun.present.report.segment import segment


@dataclass(frozen=True)
class M:
    start: int
    end: int
    name: str = ""


def test_nested_and_crossing_marks() -> None:
    outer, inner, crossing = M(0, 10, "outer"), M(2, 4, "inner"), M(3, 12, "cross")
    runs = segment(0, 12, [outer, inner, crossing])
    assert [(r.start, r.end, [m.name for m in r.marks]) for r in runs] == [
        (0, 2, ["outer"]),
        (2, 3, ["outer", "inner"]),
        (3, 4, ["outer", "inner", "cross"]),
        (4, 10, ["outer", "cross"]),
        (10, 12, ["cross"]),
    ]


def test_marks_are_clipped_to_the_stretch() -> None:
    runs = segment(5, 8, [M(0, 6, "a"), M(7, 20, "b"), M(20, 30, "outside")])
    assert [(r.start, r.end, [m.name for m in r.marks]) for r in runs] == [
        (5, 6, ["a"]), (6, 7, []), (7, 8, ["b"])]


def test_empty_stretch() -> None:
    assert segment(4, 4, [M(0, 9)]) == []


@given(
    st.integers(0, 40),
    st.integers(1, 40),
    st.lists(st.tuples(st.integers(0, 90), st.integers(1, 30)), max_size=12),
)
def test_runs_tile_the_stretch_and_carry_exactly_the_covering_marks(start: int, length: int, raw) -> None:
    end = start + length
    marks = [M(a, a + n, str(i)) for i, (a, n) in enumerate(raw)]
    runs = segment(start, end, marks)
    assert runs[0].start == start and runs[-1].end == end
    for left, right in itertools.pairwise(runs):
        assert left.end == right.start and left.start < left.end
    for run in runs:
        covering = [m for m in marks if m.start <= run.start and run.end <= m.end]
        assert list(run.marks) == covering  # same marks, in the order given
        # no mark boundary falls strictly inside a run
        assert not any(run.start < b < run.end for m in marks for b in (m.start, m.end))
