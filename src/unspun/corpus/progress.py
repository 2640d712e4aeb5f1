"""Progress reporting for corpus runs: a silent default and a rich bar (docs/s, ETA, counts)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class IngestProgress:
    """Receives progress events from :func:`unspun.corpus.run_ingest`; this base class ignores them."""

    def start(self, total: int | None) -> None: ...

    def update(self, counts: dict[str, int]) -> None: ...

    def error(self, message: str) -> None: ...

    def note(self, message: str) -> None: ...

    def stop(self) -> None: ...


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} docs/s" if speed else "– docs/s", style="progress.data.speed")


class RichProgress(IngestProgress):
    """A rich progress bar on stderr; errors are printed above it, one line each."""

    def __init__(self, console: Console | None = None, *, disable: bool = False) -> None:
        self.console = console or Console(stderr=True)
        self._progress = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[counts]}"),
            console=self.console,
            disable=disable,
            transient=False,
        )
        self._task: Any = None

    def start(self, total: int | None) -> None:
        self._progress.start()
        self._task = self._progress.add_task("ingest", total=total, counts="")

    def update(self, counts: dict[str, int]) -> None:
        done = counts.get("analyzed", 0) + counts.get("skipped", 0) + counts.get("failed", 0)
        total = self._progress.tasks[0].total if self._progress.tasks else None
        if total is not None and done > total:
            self._progress.update(self._task, total=done)
        text = (f"{counts.get('analyzed', 0)} new · {counts.get('skipped', 0)} skipped · "
                f"{counts.get('failed', 0)} failed")
        self._progress.update(self._task, completed=done, counts=text)

    def error(self, message: str) -> None:
        self._progress.console.print(Text(f"error: {message}", style="red"), highlight=False)

    def note(self, message: str) -> None:
        if not self._progress.disable:
            self._progress.console.print(Text(message), highlight=False)

    def stop(self) -> None:
        self._progress.stop()
