"""A progress bar for long runs: articles done, incident mentions found, rate (rich, on stderr).

Shown when asked (`enabled=True`), or by default when stderr is a terminal and the run has lasted more than
a second (short runs stay quiet). `--quiet` passes `enabled=False`.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any

DELAY_S = 1.0


class Meter:
    """Counts articles as they finish and, for long runs, shows them with the rate."""

    def __init__(self, enabled: bool | None = None, what: str = "articles", console: Any = None):
        self.enabled = enabled
        self.what = what
        self.console = console
        self.done = 0
        self.mentions = 0
        self.started = time.perf_counter()
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> Meter:
        self.started = time.perf_counter()
        if self.enabled:
            self._show()
        return self

    def _wanted(self) -> bool:
        if self.enabled is not None:
            return self.enabled
        terminal = bool(getattr(sys.stderr, "isatty", lambda: False)())
        return terminal and time.perf_counter() - self.started > DELAY_S

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.text import Text

        what, started = self.what, self.started

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:  # since the run began, not since the bar appeared
                elapsed = time.perf_counter() - started
                rate = task.completed / elapsed if elapsed > 0 else 0.0
                return Text(f"{rate:,.0f} {what}/s")

        console = self.console or Console(stderr=True)
        self._progress = Progress(
            SpinnerColumn(), TextColumn("{task.completed:,.0f} " + what),
            TextColumn("{task.fields[mentions]:,} incident mentions"), Rate(), TimeElapsedColumn(),
            console=console, transient=False,
        )
        self._progress.start()
        self._task = self._progress.add_task("extract", total=None, mentions=self.mentions)
        self._progress.update(self._task, completed=self.done)

    def advance(self, articles: int = 1, mentions: int = 0) -> None:
        self.done += articles
        self.mentions += mentions
        if self._progress is None:
            if self.enabled is False or self.done % 16:
                return
            if not self._wanted():
                return
            self._show()
        self._progress.update(self._task, completed=self.done, mentions=self.mentions)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.update(self._task, completed=self.done, mentions=self.mentions)
            self._progress.stop()
