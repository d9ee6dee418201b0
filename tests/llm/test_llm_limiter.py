"""RateLimiter: concurrency cap, pace, global 429 pause, cancel-aware waits."""

from __future__ import annotations

import threading
import time

import pytest

from engine.llm.base import CancelToken, ErrorKind, LLMError
from engine.llm.limiter import RateLimiter
from tests.doubles.fake_clock import FakeClock


def starts(limiter: RateLimiter, clock: FakeClock, count: int) -> list[float]:
    times = []
    for _ in range(count):
        with limiter.slot():
            times.append(clock.now())
    return times


def test_pace_spaces_starts_by_sixty_over_rpm() -> None:
    clock = FakeClock()
    limiter = RateLimiter(max_concurrent=10, per_minute=6, burst=1, clock=clock)
    times = starts(limiter, clock, 4)
    assert [round(t - times[0], 6) for t in times] == [0, 10, 20, 30]


def test_default_preset_lets_a_plan_start_together_then_paces() -> None:
    clock = FakeClock()
    limiter = RateLimiter.default(clock=clock)
    times = starts(limiter, clock, 7)
    assert times[:6] == [times[0]] * 6  # five agents + coordinator at once
    assert times[6] - times[0] == pytest.approx(1.0)  # then 60 rpm


def test_free_tier_preset_spaces_every_call() -> None:
    clock = FakeClock()
    limiter = RateLimiter.free_tier(clock=clock)
    times = starts(limiter, clock, 3)
    assert [t - times[0] for t in times] == pytest.approx([0, 7.5, 15])
    assert limiter.max_concurrent == 2 and limiter.per_minute == 8


def test_pause_holds_every_caller_then_allows_one() -> None:
    clock = FakeClock()
    limiter = RateLimiter(max_concurrent=6, per_minute=60, burst=6, clock=clock)
    with limiter.slot():
        pass
    paused_at = clock.now()
    limiter.pause(26)
    assert limiter.stats().paused_for_s == pytest.approx(26)
    times = starts(limiter, clock, 2)
    assert times[0] - paused_at == pytest.approx(26)
    assert times[1] - times[0] == pytest.approx(1.0)  # no stored-up burst after a 429


def test_shorter_pause_does_not_shorten_a_longer_one() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    limiter.pause(30)
    limiter.pause(5)
    assert limiter.stats().paused_for_s == pytest.approx(30)


def test_concurrency_cap_across_threads() -> None:
    limiter = RateLimiter(max_concurrent=2, per_minute=60_000, burst=10)
    lock = threading.Lock()
    active = 0
    peak = 0

    def work() -> None:
        nonlocal active, peak
        with limiter.slot(CancelToken(), "agent"):
            with lock:
                active += 1
                peak = max(peak, active)
            time.sleep(0.05)
            with lock:
                active -= 1

    threads = [threading.Thread(target=work) for _ in range(6)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak == 2
    assert limiter.stats().max_in_flight == 2
    assert limiter.stats().in_flight == 0
    assert time.monotonic() - began >= 0.15  # 6 calls, 2 at a time, 50 ms each


def test_waiting_for_a_slot_stops_promptly_on_cancel() -> None:
    limiter = RateLimiter(max_concurrent=1, per_minute=60_000)
    limiter.acquire()
    cancel = CancelToken()
    threading.Timer(0.1, cancel.cancel).start()
    began = time.monotonic()
    with pytest.raises(LLMError) as caught:
        limiter.acquire(cancel)
    assert caught.value.kind is ErrorKind.CANCELLED
    assert time.monotonic() - began < 0.5
    limiter.release()
    assert limiter.stats().in_flight == 0


def test_waiting_for_pace_stops_promptly_on_cancel() -> None:
    limiter = RateLimiter(max_concurrent=5, per_minute=1, burst=1)  # next start in 60 s
    with limiter.slot():
        pass
    cancel = CancelToken()
    threading.Timer(0.1, cancel.cancel).start()
    began = time.monotonic()
    with pytest.raises(LLMError):
        limiter.acquire(cancel)
    assert time.monotonic() - began < 0.5


def test_presets_and_bad_arguments() -> None:
    assert RateLimiter.preset("free_tier").per_minute == 8
    assert RateLimiter.preset("local").max_concurrent == 2
    with pytest.raises(ValueError):
        RateLimiter.preset("turbo")
    with pytest.raises(ValueError):
        RateLimiter(max_concurrent=0)
