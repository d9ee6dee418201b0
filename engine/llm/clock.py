"""Time as a dependency, so limiter and retry tests run in microseconds, not minutes."""

from __future__ import annotations

import threading
import time
from typing import Protocol

from engine.llm.base import CancelToken


class Clock(Protocol):
    def now(self) -> float:
        """Monotonic seconds."""
        ...

    def sleep(self, seconds: float, cancel: CancelToken | None = None) -> bool:
        """Wait ``seconds``; True if ``cancel`` fired first (the caller then stops)."""
        ...


class SystemClock:
    """The real monotonic clock; sleeps wake early when the request is cancelled."""

    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float, cancel: CancelToken | None = None) -> bool:
        if seconds <= 0:
            return bool(cancel and cancel.cancelled)
        if cancel is None:
            threading.Event().wait(seconds)
            return False
        return cancel.wait(seconds)


SYSTEM_CLOCK = SystemClock()
