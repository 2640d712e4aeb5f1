"""LocalPool: inline and process modes, back-pressure, errors as outcomes, initializer in each worker."""

from __future__ import annotations

import os

from tests.scale.helpers import setup, square_tagged
from unspun.scale import LocalPool, default_workers


def test_inline_pool_runs_in_process_in_order_and_captures_errors() -> None:
    with LocalPool(1, setup, ("inline",)) as pool:
        outcomes = list(pool.imap_unordered(square_tagged, [2, 13, 3]))
    assert [o.item for o in outcomes] == [2, 13, 3]
    assert outcomes[0].result == (4, "inline", os.getpid())
    assert isinstance(outcomes[1].error, ValueError) and outcomes[1].result is None


def test_process_pool_runs_each_item_once_with_bounded_pending() -> None:
    drawn: list[int] = []
    in_flight: list[int] = []
    yielded = 0

    def items():
        for x in range(30):
            drawn.append(x)
            in_flight.append(len(drawn) - yielded)
            yield x

    with LocalPool(2, setup, ("worker",)) as pool:
        assert pool.call(square_tagged, 3)[1] == "worker"
        results = {}
        for outcome in pool.imap_unordered(square_tagged, items(), max_pending=3):
            yielded += 1
            results[outcome.item] = outcome
    assert sorted(results) == list(range(30))
    assert max(in_flight) <= 3  # never more than max_pending submitted ahead of the consumer
    assert isinstance(results[13].error, ValueError)
    ok = {x: o.result for x, o in results.items() if x != 13}
    assert all(r[0] == x * x and r[1] == "worker" for x, r in ok.items())
    assert os.getpid() not in {r[2] for r in ok.values()}


def test_default_workers_is_positive() -> None:
    assert default_workers() >= 1
