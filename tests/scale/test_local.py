"""LocalPool: inline and process modes, back-pressure, errors as outcomes, initializer in each worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.scale.helpers import setup, square_tagged
from unspun.scale import LocalPool, default_workers


def test_inline_pool_runs_in_process_in_order_and_captures_errors() -> None:
    with LocalPool(0, setup, ("inline",)) as pool:
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


def test_submit_returns_at_once_and_holds_the_result_or_the_error() -> None:
    with LocalPool(0, setup, ("inline",)) as pool:
        assert pool.submit(square_tagged, 4).result()[:2] == (16, "inline")
        failed = pool.submit(square_tagged, 13)
        assert isinstance(failed.exception(), ValueError)
    with LocalPool(1, setup, ("worker",)) as pool:
        started = time.monotonic()
        future = pool.submit(time.sleep, 1.0)
        assert time.monotonic() - started < 0.9  # the caller goes on while the worker starts and works
        assert not future.done()
        assert future.result() is None and time.monotonic() - started >= 1.0


def test_default_workers_is_positive() -> None:
    assert default_workers() >= 1


def test_one_worker_is_a_separate_process() -> None:
    with LocalPool(1, setup, ("worker",)) as pool:
        assert not pool.inline
        _, tag, pid = pool.call(square_tagged, 3)
    assert tag == "worker" and pid != os.getpid()


PARENT = """
import sys, time
from tests.scale.helpers import setup, square_tagged
from unspun.scale import LocalPool
with LocalPool(1, setup, ("worker",)) as pool:
    print(pool.call(square_tagged, 2)[2], flush=True)
    time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"  # a zombie has exited; only its parent (now init) has not reaped it yet


def test_a_worker_exits_when_its_parent_is_killed() -> None:
    repo = Path(__file__).resolve().parents[2]
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=repo, stdout=subprocess.PIPE, text=True)
    try:
        worker_pid = int(parent.stdout.readline())  # type: ignore[union-attr]
        assert worker_pid != parent.pid and _alive(worker_pid)
        os.kill(parent.pid, signal.SIGKILL)  # the parent only, as the OOM killer would
        parent.wait(timeout=10)
        deadline = time.monotonic() + 15
        while _alive(worker_pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(worker_pid), "the orphaned worker kept running"
    finally:
        parent.kill()
