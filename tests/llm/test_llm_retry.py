"""RetryPolicy and the shared pipeline, with a scripted transport and a fake clock."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from engine.llm import errors
from engine.llm.base import CancelToken, CompletionRequest, ErrorKind, LLMError, TextSink, Usage
from engine.llm.limiter import RateLimiter
from engine.llm.pipeline import WARN_REPAIRED, CompletionRunner, RawCompletion
from engine.llm.repair import REPAIR_MARKER
from engine.llm.retry import RetryPolicy
from tests.doubles.fake_clock import FakeClock
from tests.llm.llm_support import VALID_ANSWER, make_request

GOOD = RawCompletion(
    text='{"summary": "Crescita del vivaio", "priority": "alta", "objectives": ['
    '{"code": "SP1", "title": "a", "budget_eur": 1, "actions": ["x"]},'
    '{"code": "SP2", "title": "b", "budget_eur": 2, "actions": ["y"]}]}',
    usage=Usage(10, 20, 5),
    model_version="double-1",
    finish_reason="STOP",
)


@dataclass
class ScriptedTransport:
    outcomes: list[RawCompletion | BaseException]
    provider: str = "test"
    label: str = "Test"
    requests: list[CompletionRequest] = field(default_factory=list)
    on_attempt: object = None

    def attempt(
        self,
        request: CompletionRequest,
        on_text: TextSink | None,
        cancel: CancelToken,
        timeout_s: float,
    ) -> RawCompletion:
        self.requests.append(request)
        outcome = self.outcomes.pop(0)
        if callable(self.on_attempt):
            self.on_attempt(cancel)
        if isinstance(outcome, BaseException):
            raise outcome
        if on_text is not None:
            on_text(outcome.text)
        return outcome


def runner(
    outcomes: list[RawCompletion | BaseException], clock: FakeClock, **policy: float
) -> tuple[CompletionRunner, ScriptedTransport]:
    transport = ScriptedTransport(list(outcomes))
    retry = RetryPolicy(clock=clock, random=lambda: 1.0, **policy)  # type: ignore[arg-type]
    limiter = RateLimiter(max_concurrent=6, per_minute=6000, burst=6, clock=clock)
    return CompletionRunner(transport, limiter=limiter, retry=retry), transport


def test_full_jitter_delays_are_bounded_and_floored_by_the_server() -> None:
    policy = RetryPolicy(base_delay_s=1, max_delay_s=5, random=lambda: 1.0)
    assert [policy.delay(n) for n in (1, 2, 3, 4, 5)] == [1, 2, 4, 5, 5]
    assert RetryPolicy(random=lambda: 0.0).delay(3) == 0
    assert RetryPolicy(random=lambda: 0.0).delay(1, server_delay_s=26) == 26
    assert RetryPolicy(random=lambda: 0.5).delay(2, server_delay_s=0.1) == 1.0


def test_attempt_limits_are_capped_by_the_policy_and_the_section() -> None:
    from engine.llm.base import GenerationSettings

    settings = GenerationSettings("m", first_byte_timeout_s=60, idle_timeout_s=20)
    assert RetryPolicy().limits(settings, 250).first_byte_s == 60
    capped = RetryPolicy(timeout_s=30).limits(settings, 250)
    assert (capped.first_byte_s, capped.idle_s, capped.total_s) == (30, 20, 250)


def test_success_first_time() -> None:
    clock = FakeClock()
    run, _transport = runner([GOOD], clock)
    seen: list[str] = []
    result = run.complete(make_request(), seen.append, CancelToken())
    assert result.data["priority"] == "alta"
    assert result.attempts == 1 and not result.cached and result.warnings == []
    assert result.usage == Usage(10, 20, 5)
    assert seen == [GOOD.text]
    assert clock.sleeps == []


def test_storm_of_503_gives_unavailable_after_max_attempts() -> None:
    clock = FakeClock()
    storm = [errors.unavailable("Test", 503) for _ in range(4)]
    run, transport = runner(storm, clock)
    with pytest.raises(LLMError) as caught:
        run.complete(make_request(), None, CancelToken())
    assert caught.value.kind is ErrorKind.UNAVAILABLE
    assert len(transport.requests) == 4
    assert clock.sleeps == [1, 2, 4]  # exponential, jitter pinned at its ceiling
    assert "tentativi: 4" in caught.value.message("it")
    assert "attempts: 4" in caught.value.message("en")


def test_quota_delay_is_honoured_and_pauses_the_limiter() -> None:
    clock = FakeClock()
    run, _transport = runner([errors.quota("Test", 26.0), GOOD], clock)
    started = clock.now()
    result = run.complete(make_request(), None, CancelToken())
    assert result.attempts == 2
    assert clock.now() - started >= 26
    assert max(clock.sleeps) == 26


def test_quota_beyond_the_wait_budget_fails_at_once_with_the_delay() -> None:
    clock = FakeClock()
    run, transport = runner([errors.quota("Test", 500.0)], clock, max_total_wait_s=180)
    with pytest.raises(LLMError) as caught:
        run.complete(make_request(), None, CancelToken())
    assert caught.value.kind is ErrorKind.QUOTA
    assert caught.value.retry_after_s == 500
    assert clock.sleeps == [] and len(transport.requests) == 1
    assert "500 s" in caught.value.message("en")


@pytest.mark.parametrize(
    "error",
    [
        errors.bad_key("Test", 400),
        errors.unknown_model("Test", "m", 404),
        errors.bad_request("Test", 400, "schema too deep"),
        errors.blocked("Test", "SAFETY"),
    ],
)
def test_errors_the_user_must_fix_are_not_retried(error: LLMError) -> None:
    clock = FakeClock()
    run, transport = runner([error], clock)
    with pytest.raises(LLMError) as caught:
        run.complete(make_request(), None, CancelToken())
    assert caught.value is error
    assert len(transport.requests) == 1


@pytest.mark.parametrize(
    "error",
    [
        errors.offline("Test"),
        errors.timeout("Test", 5),
        errors.unavailable("Test", 500),
        errors.timeout("Test", None, status=504),
    ],
)
def test_transient_errors_are_retried(error: LLMError) -> None:
    clock = FakeClock()
    run, _transport = runner([error, GOOD], clock)
    assert run.complete(make_request(), None, CancelToken()).attempts == 2


def test_cancel_during_backoff_stops() -> None:
    clock = FakeClock()
    run, transport = runner([errors.unavailable("Test", 503), GOOD], clock)
    transport.on_attempt = lambda cancel: cancel.cancel()
    with pytest.raises(LLMError) as caught:
        run.complete(make_request(), None, CancelToken())
    assert caught.value.kind is ErrorKind.CANCELLED
    assert len(transport.requests) == 1


def test_unexpected_exception_becomes_bad_request_without_retry() -> None:
    clock = FakeClock()
    run, transport = runner([RuntimeError("boom"), GOOD], clock)
    with pytest.raises(LLMError) as caught:
        run.complete(make_request(), None, CancelToken())
    assert caught.value.kind is ErrorKind.BAD_REQUEST
    assert len(transport.requests) == 1


def test_invalid_answer_gets_one_repair_call() -> None:
    clock = FakeClock()
    broken = RawCompletion(text='{"summary": "x"}', usage=Usage(1, 2, 3))
    run, transport = runner([broken, GOOD], clock)
    result = run.complete(make_request(), None, CancelToken())
    assert result.warnings == [WARN_REPAIRED]
    assert result.attempts == 2
    assert result.usage == Usage(11, 22, 8)  # both calls are paid for
    repair = transport.requests[1]
    assert REPAIR_MARKER in repair.prompt
    assert "missing required property 'objectives'" in repair.prompt
    assert '{"summary": "x"}' in repair.prompt
    assert repair.agent == "sports:repair" and repair.use_cache is False


def test_a_failing_text_sink_does_not_fail_the_call() -> None:
    clock = FakeClock()
    run, _ = runner([GOOD], clock)

    def sink(_text: str) -> None:
        raise RuntimeError("window closed")

    assert run.complete(make_request(), sink, CancelToken()).data["summary"]


def test_already_cancelled_makes_no_call() -> None:
    clock = FakeClock()
    run, transport = runner([GOOD], clock)
    token = CancelToken()
    token.cancel()
    with pytest.raises(LLMError):
        run.complete(make_request(), None, token)
    assert transport.requests == []


def test_valid_answer_constant_fits() -> None:
    # keeps GOOD and VALID_ANSWER honest against the schema they stand for
    from engine.llm.schema import validate
    from tests.llm.llm_support import SECTION_SCHEMA

    assert validate(VALID_ANSWER, SECTION_SCHEMA) == []


def test_timeouts_are_retried_only_once() -> None:
    clock = FakeClock()
    run, transport = runner([errors.timeout("Test", 120) for _ in range(4)], clock)
    with pytest.raises(LLMError) as caught:
        run.complete(make_request(), None, CancelToken())
    assert caught.value.kind is ErrorKind.TIMEOUT
    assert len(transport.requests) == 2  # a silent server costs a whole timeout each time


def test_retries_stop_when_the_section_budget_is_spent() -> None:
    """A slow failing server: each attempt gets what is left, then the section gives up."""
    clock = FakeClock()
    seen: list[float] = []

    class SlowFailing(ScriptedTransport):
        def attempt(self, request, on_text, cancel, limits):  # type: ignore[override]
            seen.append(limits.total_s)
            clock.advance(200)  # the attempt took 200 s before failing
            return super().attempt(request, on_text, cancel, limits)

    transport = SlowFailing([errors.unavailable("Test", 503) for _ in range(4)])
    retry = RetryPolicy(clock=clock, random=lambda: 1.0)
    limiter = RateLimiter(max_concurrent=6, per_minute=6000, burst=6, clock=clock)
    run = CompletionRunner(transport, limiter=limiter, retry=retry)
    with pytest.raises(LLMError) as caught:
        run.complete(make_request(section_timeout_s=300), None, CancelToken())
    assert caught.value.kind is ErrorKind.UNAVAILABLE and "attempts: 2" in caught.value.messages[1]
    assert seen == [300, 99]  # the second attempt had only the rest (1 s went on the backoff)
