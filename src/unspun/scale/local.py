"""A local process pool over batches: submission with back-pressure, results as they finish.

Scheduling only; what a task does is the caller's business. ``workers >= 1`` runs tasks in that many
worker processes; ``workers == 0`` runs them in the calling process (no pickling, no start-up, tracebacks
in place: for debugging). One worker is a process too, not the caller: the work then runs apart from
whatever the caller holds (a DuckDB writer slowed the analysis beside it by ~13%, see
docs/benchmarks.md), and a crash in native code costs a worker, not the run.
A worker that dies (a crash in native code, the OOM killer) takes its pool down with it; the pool is
then replaced, and each task that was queued on it comes back as an outcome with a
``BrokenProcessPool`` error, for the caller to retry or give up on. Workers are started with ``spawn``,
not ``fork``: the parent may hold threads (progress display,
DuckDB) that a forked child would inherit in an undefined state. Each worker's native thread pools
(BLAS, OpenMP) are limited to one thread: the processes are the parallelism, and N workers each
starting N threads would only fight over the cores. A worker whose parent dies (SIGKILL, the OOM
killer) exits within a second instead of lingering: ``concurrent.futures`` workers block on their task
queue, which a killed parent never closes.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    """The number of CPUs this process may use (``os.sched_getaffinity`` where available)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Outcome(Generic[T, R]):
    """One task's input, and its result or the exception it raised."""

    item: T
    result: R | None = None
    error: BaseException | None = None


#: Environment variables that size native thread pools (BLAS, OpenMP); workers get one thread each.
_NATIVE_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
#: How often a worker checks that its parent is still alive (where the kernel cannot tell it).
PARENT_POLL_S = 0.5
#: ``prctl`` option that asks Linux to send a signal when the parent dies.
_PR_SET_PDEATHSIG = 1


def _poll_parent(parent: int) -> None:
    """Daemon loop: when the parent process is gone, exit at once (see the module doc)."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_S)
    os._exit(1)


def _kernel_parent_death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _exit_with_parent(parent: int) -> None:
    """Make this worker end with its parent: the kernel's parent-death signal, else a polling thread.

    No thread where the kernel can do it: spaCy ran ~9% more CPU time for the same documents beside an
    idle thread, with nearly the same instruction count (docs/benchmarks.md); the likely cause is that a
    process that has had a second thread leaves glibc's single-thread fast paths (malloc and free lock).
    """
    if _kernel_parent_death_signal():
        if os.getppid() != parent:  # died before the signal was armed
            os._exit(1)
        return
    threading.Thread(target=_poll_parent, args=(parent,), name="parent-watchdog", daemon=True).start()


def _bootstrap(initializer: Callable[..., Any] | None, initargs: tuple[Any, ...], parent: int) -> None:
    """Runs first in each worker: a parent watchdog, one native thread, then the caller's initializer."""
    _exit_with_parent(parent)  # the one-thread variables came with the environment (LocalPool._start)
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        pass
    if initializer is not None:
        initializer(*initargs)


class LocalPool:
    """``with LocalPool(workers, initializer, initargs) as pool: for o in pool.imap_unordered(fn, items): ...``"""

    def __init__(
        self,
        workers: int,
        initializer: Callable[..., Any] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        self.workers = max(0, int(workers))
        self.initializer = initializer
        self.initargs = initargs
        self._executor: ProcessPoolExecutor | None = None
        self.generation = 0
        self.restarts = 0

    @property
    def inline(self) -> bool:
        """True for ``workers == 0``: tasks run in the calling process."""
        return self.workers == 0

    def _start(self) -> None:
        # Set here, not only in _bootstrap: a worker loads numpy (and OpenBLAS starts its threads) while it
        # unpickles its start-up arguments, before _bootstrap runs, and reads these from the inherited
        # environment. The parent has loaded its own libraries by now, so they do not change for it.
        for var in _NATIVE_THREAD_VARS:
            os.environ.setdefault(var, "1")
        self._executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_bootstrap,
            initargs=(self.initializer, self.initargs, os.getpid()),
        )
        self.generation += 1

    def __enter__(self) -> LocalPool:
        self.generation = 0
        self.restarts = 0
        if self.inline:
            if self.initializer is not None:
                self.initializer(*self.initargs)
        else:
            self._start()
        return self

    def _restart(self) -> None:
        """Replace a pool that lost a worker (a crash or the OOM killer): every queued task of it is lost."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        self.restarts += 1
        self._start()

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=exc_type is None, cancel_futures=True)
            self._executor = None

    def call(self, fn: Callable[..., R], *args: Any) -> R:
        """Run one call on a worker (in-process when inline) and return its result."""
        return self.submit(fn, *args).result()

    def submit(self, fn: Callable[..., R], *args: Any) -> Future[R]:
        """Start one call on a worker and return its future at once; the first call starts the workers.

        Inline, the call runs now and the future holds its result or exception.
        """
        if self._executor is not None:
            return self._executor.submit(fn, *args)
        future: Future[R] = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def imap_unordered(
        self, fn: Callable[[T], R], items: Iterable[T], max_pending: int | None = None
    ) -> Iterator[Outcome[T, R]]:
        """Apply ``fn`` to each item; yield outcomes as they finish, keeping at most ``max_pending`` queued.

        Items are drawn from ``items`` lazily, so a generator that reads a corpus is never run far ahead
        of the workers, and memory stays flat however long the corpus is.
        """
        if self._executor is None:
            for item in items:
                try:
                    yield Outcome(item, fn(item))
                except Exception as exc:
                    yield Outcome(item, error=exc)
            return
        limit = max_pending or 2 * self.workers
        source = iter(items)
        pending: dict[Future[R], tuple[T, int]] = {}
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                try:
                    future = self._executor.submit(fn, item)  # type: ignore[union-attr]
                except BrokenProcessPool as exc:  # broke since the last check: fail this item, restart
                    self._restart()
                    yield Outcome(item, error=exc)
                    continue
                pending[future] = (item, self.generation)
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                item, generation = pending.pop(future)
                exc = future.exception()
                if isinstance(exc, BrokenProcessPool) and generation == self.generation:
                    self._restart()  # once per broken pool; its other tasks come back as errors too
                yield Outcome(item, error=exc) if exc is not None else Outcome(item, future.result())
