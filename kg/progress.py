"""A one-line progress display for long work: done, failed, rate and time left; silent off a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class Progress:
    """Counts work done and redraws one status line at most a few times a second."""

    def __init__(
        self,
        total: int | None,
        what: str = "articles",
        stream: TextIO | None = None,
        enabled: bool | None = None,
        interval: float = 0.25,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled if enabled is not None else bool(getattr(self.stream, "isatty", bool)())
        self.total = total
        self.what = what
        self.done = 0
        self.failed = 0
        self.interval = interval
        self._start = time.monotonic()
        self._shown = 0.0

    def advance(self, done: int = 1, failed: int = 0) -> None:
        """Count `done` more items, `failed` of which failed."""
        self.done += done
        self.failed += failed
        if self.enabled and time.monotonic() - self._shown >= self.interval:
            self._draw()

    def line(self) -> str:
        """The status line as it stands."""
        elapsed = max(time.monotonic() - self._start, 1e-9)
        rate = self.done / elapsed
        parts = [f"{self.done:,}" + (f"/{self.total:,}" if self.total else "") + f" {self.what}"]
        parts.append(f"{rate:,.1f}/s")
        if self.total and rate > 0:
            parts.append(f"{_clock((self.total - self.done) / rate)} left")
        else:
            parts.append(f"{_clock(elapsed)} elapsed")
        if self.failed:
            parts.append(f"{self.failed:,} failed")
        return "  ".join(parts)

    def _draw(self) -> None:
        self._shown = time.monotonic()
        self.stream.write("\r\x1b[K" + self.line())
        self.stream.flush()

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
