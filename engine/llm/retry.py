"""When and how long to wait before trying a failed call again.

Exponential backoff with full jitter (AWS architecture blog, "Exponential
Backoff And Jitter") spreads the pool's retries so they do not return in a
herd; the server's ``RetryInfo`` delay is a floor, because the SDK's own
retries ignore it and a too-early retry only earns another 429. Sleeping goes
through the injected clock and wakes on cancel.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from engine.llm import errors
from engine.llm.base import ErrorKind, LLMError
from engine.llm.clock import SYSTEM_CLOCK, Clock


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4  # including the first call
    base_delay_s: float = 1.0
    max_delay_s: float = 30.0  # cap of one backoff step (the server's delay may exceed it)
    max_total_wait_s: float = 180.0  # give up rather than sleep longer than this in total
    timeout_s: float | None = None  # caps each attempt's time (else GenerationSettings.timeout_s)
    max_timeouts: int = 2  # a silent server costs a full timeout per attempt: try twice at most
    clock: Clock = field(default=SYSTEM_CLOCK, compare=False)
    random: Callable[[], float] = field(default=random.random, compare=False)

    @classmethod
    def none(cls) -> RetryPolicy:
        """One attempt only (settings screen checks, tests)."""
        return cls(max_attempts=1)

    def attempt_timeout(self, settings_timeout_s: float) -> float:
        """One attempt's time budget: the request's own, capped by the policy's."""
        if self.timeout_s is None:
            return settings_timeout_s
        return min(settings_timeout_s, self.timeout_s)

    def should_retry(self, error: LLMError, attempt: int, timeouts: int = 0) -> bool:
        """``timeouts``: how many attempts so far ended in TIMEOUT (this one included)."""
        if error.kind is ErrorKind.TIMEOUT and timeouts >= self.max_timeouts:
            return False
        return attempt < self.max_attempts and errors.is_retryable(error)

    def delay(self, attempt: int, server_delay_s: float | None = None) -> float:
        """Seconds before attempt ``attempt + 1``: full jitter, floored by the server's hint."""
        ceiling = min(self.max_delay_s, self.base_delay_s * (2 ** (attempt - 1)))
        backoff = self.random() * ceiling
        return max(backoff, server_delay_s or 0.0)
