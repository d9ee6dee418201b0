"""One shared gate for every language-model call: concurrency, pace and 429 pauses.

A plan runs five agents on a thread pool; without a gate they hit a free-tier
key all at once and get 429s. ``RateLimiter`` caps calls in flight, spaces
starts with a token bucket (``burst`` may start together, then one every
``60 / per_minute`` s), and when any call gets a 429 with a retry delay it
pauses *everyone* until that delay has passed, so the other threads do not
burn their attempts on the same wall.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from engine.llm import errors
from engine.llm.base import CancelToken
from engine.llm.clock import SYSTEM_CLOCK, Clock

log = logging.getLogger(__name__)

POLL_S = 0.05  # how often a thread waiting for a free slot looks at its cancel token


@dataclass(frozen=True)
class LimiterStats:
    in_flight: int
    max_in_flight: int
    started: int
    paused_for_s: float


class RateLimiter:
    """Thread-safe; share ONE instance across the pool (per provider and key)."""

    def __init__(
        self,
        max_concurrent: int = 6,
        per_minute: float = 60.0,
        burst: int | None = None,
        *,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        if max_concurrent < 1 or per_minute <= 0:
            raise ValueError("max_concurrent must be >= 1 and per_minute > 0")
        self.max_concurrent = max_concurrent
        self.per_minute = per_minute
        self.burst = max(1, burst if burst is not None else max_concurrent)
        self._rate = per_minute / 60.0  # tokens per second
        self._clock = clock
        self._cond = threading.Condition()
        self._tokens = float(self.burst)
        self._refilled_at = clock.now()
        self._paused_until = float("-inf")
        self._in_flight = 0
        self._max_in_flight = 0
        self._started = 0

    @classmethod
    def default(cls, *, clock: Clock = SYSTEM_CLOCK) -> RateLimiter:
        """Paid keys and local servers: a plan's five agents and the coordinator start at once."""
        return cls(max_concurrent=6, per_minute=60, burst=6, clock=clock)

    @classmethod
    def free_tier(cls, *, clock: Clock = SYSTEM_CLOCK) -> RateLimiter:
        """Gemini free tier (~5-10 requests/min): two in flight, one start every 7.5 s."""
        return cls(max_concurrent=2, per_minute=8, burst=1, clock=clock)

    @classmethod
    def local(cls, *, clock: Clock = SYSTEM_CLOCK) -> RateLimiter:
        """A local server computes one or two answers at a time: queue here, not there.

        Calls queued inside Ollama would spend their timeout waiting; queued here
        they start their clock only when the server can work on them.
        """
        return cls(max_concurrent=2, per_minute=600, burst=6, clock=clock)

    @classmethod
    def preset(cls, name: str, *, clock: Clock = SYSTEM_CLOCK) -> RateLimiter:
        presets = {"default": cls.default, "free_tier": cls.free_tier, "local": cls.local}
        try:
            return presets[name](clock=clock)
        except KeyError:
            raise ValueError(
                f"unknown rate preset {name!r}; use one of {sorted(presets)}"
            ) from None

    # --- the gate ------------------------------------------------------------------

    @contextmanager
    def slot(self, cancel: CancelToken | None = None, agent: str = "") -> Iterator[None]:
        """Hold a slot for one HTTP call: ``with limiter.slot(cancel, "sports"): ...``."""
        self.acquire(cancel, agent)
        try:
            yield
        finally:
            self.release()

    def acquire(self, cancel: CancelToken | None = None, agent: str = "") -> None:
        """Block until this call may start; raises ``LLMError(CANCELLED)`` if cancelled."""
        waited_from = self._clock.now()
        while True:
            if cancel is not None and cancel.cancelled:
                raise errors.cancelled()
            with self._cond:
                now = self._clock.now()
                wait = self._try_take(now)
                if wait == 0.0:
                    if now - waited_from > 0.5:
                        log.debug("limiter: %s waited %.1f s", agent or "call", now - waited_from)
                    return
                if wait is None:  # all slots busy: a release() will notify us
                    self._cond.wait(POLL_S)
                    continue
            # time-based wait (pace or pause): sleep outside the lock, wake on cancel
            if self._clock.sleep(min(wait, 1.0), cancel):
                raise errors.cancelled()

    def release(self) -> None:
        with self._cond:
            self._in_flight -= 1
            self._cond.notify()

    def pause(self, seconds: float) -> None:
        """A 429 told us to wait: nobody starts before ``seconds`` from now."""
        if seconds <= 0:
            return
        with self._cond:
            until = self._clock.now() + seconds
            if until > self._paused_until:
                self._paused_until = until
                # After the pause, one call may go, then the normal pace resumes:
                # the server just said we were too fast, so no stored-up burst.
                self._tokens = 1.0
                self._refilled_at = until
                log.info("limiter: quota pause of %.1f s for all calls", seconds)

    def stats(self) -> LimiterStats:
        with self._cond:
            now = self._clock.now()
            return LimiterStats(
                in_flight=self._in_flight,
                max_in_flight=self._max_in_flight,
                started=self._started,
                paused_for_s=max(0.0, self._paused_until - now),
            )

    # --- internals -----------------------------------------------------------------

    def _try_take(self, now: float) -> float | None:
        """0.0 if taken; seconds to wait for pace or pause; None if waiting for a slot."""
        if now < self._paused_until:
            return self._paused_until - now
        if self._in_flight >= self.max_concurrent:
            return None
        if now > self._refilled_at:
            self._tokens = min(
                float(self.burst), self._tokens + (now - self._refilled_at) * self._rate
            )
            self._refilled_at = now
        if self._tokens >= 1.0 - 1e-9:
            self._tokens -= 1.0
            self._in_flight += 1
            self._started += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)
            return 0.0
        return (1.0 - self._tokens) / self._rate
