"""Progress as plain lines, for a log: what `progress_bar` shows when stderr is no terminal.

A bar redrawn in place means nothing in a file or a CI log, so there the progress is a line
at every tenth of a known total (of 20 items or more: a small batch needs none), every
STEP items of an unknown one, and at least every EVERY_SECONDS on a long run.
"""

from __future__ import annotations

import time
from collections.abc import Callable

# Below this many items a run is too short to need progress lines.
SMALL = 20
# With no total, a line every this many items.
STEP = 100
# On a long run, a line at least this often whatever the count.
EVERY_SECONDS = 30.0


class ProgressLines:
    """Counts items and writes a line when a tenth of the total (or STEP items) is passed."""

    def __init__(self, label: str, total: int | None, write: Callable[[str], None]) -> None:
        self.label, self.total, self.write = label, total, write
        self.done = 0
        self.started = self.last_line = time.monotonic()

    def _mark(self, done: int) -> int:
        """Which tenth of the total (or which STEP) ``done`` items reach."""
        if self.total:
            return done * 10 // self.total
        return done // STEP

    def advance(self, n: int) -> None:
        before, self.done = self.done, self.done + n
        now = time.monotonic()
        stepped = self._mark(self.done) > self._mark(before)
        if (stepped and (self.total is None or self.total >= SMALL)) or (
            now - self.last_line >= EVERY_SECONDS
        ):
            self.last_line = now
            self.write(self.line(now))

    def line(self, now: float) -> str:
        elapsed = int(now - self.started)
        took = f"{elapsed // 60}m{elapsed % 60:02d}s"
        if self.total:
            share = 100 * self.done // self.total
            return f"{self.label}: {self.done}/{self.total} ({share}%), {took}"
        return f"{self.label}: {self.done}, {took}"
