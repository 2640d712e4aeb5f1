"""Timing helper shared by the benchmark scripts."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter) -> float:
    """The least time ``fn`` takes over ``repeat`` runs: the run least disturbed by other load.

    Pass ``clock=time.process_time`` to count this process's CPU time instead of wall time.
    """
    times = []
    for _ in range(max(repeat, 1)):
        started = clock()
        fn()
        times.append(clock() - started)
    return min(times)
