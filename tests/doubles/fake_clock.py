"""A clock whose sleeps return at once and move time forward: retry and pacing tests
check *how long* the code would have waited without waiting."""

from __future__ import annotations

import threading

from engine.llm.base import CancelToken


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._lock = threading.Lock()
        self.sleeps: list[float] = []

    def now(self) -> float:
        with self._lock:
            return self._now

    def sleep(self, seconds: float, cancel: CancelToken | None = None) -> bool:
        if cancel is not None and cancel.cancelled:
            return True
        with self._lock:
            self.sleeps.append(seconds)
            self._now += max(0.0, seconds)
        return bool(cancel is not None and cancel.cancelled)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds

    @property
    def slept(self) -> float:
        with self._lock:
            return sum(self.sleeps)
