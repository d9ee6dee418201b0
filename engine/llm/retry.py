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
from engine.llm.base import AttemptLimits, ErrorKind, GenerationSettings, LLMError
from engine.llm.clock import SYSTEM_CLOCK, Clock


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4  # including the first call
    base_delay_s: float = 1.0
    max_delay_s: float = 30.0  # cap of one backoff step (the server's delay may exceed it)
    max_total_wait_s: float = 180.0  # give up rather than sleep longer than this in total
    timeout_s: float | None = None  # caps the first-byte and idle timeouts of the settings
    max_timeouts: int = 2  # a silent server costs a full timeout per attempt: try twice at most
    clock: Clock = field(default=SYSTEM_CLOCK, compare=False)
    random: Callable[[], float] = field(default=random.random, compare=False)

    @classmethod
    def none(cls) -> RetryPolicy:
        """One attempt only (settings screen checks, tests)."""
        return cls(max_attempts=1)

    def limits(self, settings: GenerationSettings, remaining_s: float) -> AttemptLimits:
        """One attempt's limits: the settings' (capped by the policy's) and the section's rest."""
        cap = self.timeout_s if self.timeout_s is not None else float("inf")
        return AttemptLimits(
            connect_s=min(settings.connect_timeout_s, cap),
            first_byte_s=min(settings.first_byte_timeout_s, cap),
            idle_s=min(settings.idle_timeout_s, cap),
            total_s=max(0.0, remaining_s),
            section_s=settings.section_timeout_s,
            max_bytes=settings.max_answer_bytes,
        )

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
