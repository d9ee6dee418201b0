"""What every provider does around its HTTP call: cache, gate, retry, parse, repair.

A provider only implements ``Transport.attempt`` (one streamed call, errors
mapped to ``LLMError``). ``CompletionRunner`` wraps it the same way for all:

1. cache lookup (unless the request says regenerate), a hit streams once;
2. each attempt takes a ``RateLimiter`` slot; a 429 pauses the whole pool;
3. retryable failures back off per ``RetryPolicy`` (server delay honoured), all
   within the section's time budget (``GenerationSettings.section_timeout_s``:
   attempts, waits and the repair call; not the limiter's pacing);
4. the text is parsed (fences, prose, trailing commas) and schema-checked;
   blocked and truncated answers become BLOCKED / TRUNCATED;
5. an invalid answer gets ONE repair call, then INVALID_OUTPUT;
6. the valid text is cached.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from engine.llm import errors
from engine.llm.base import (
    AttemptLimits,
    CancelToken,
    CompletionRequest,
    CompletionResult,
    ErrorKind,
    Grounding,
    LLMError,
    TextSink,
    Usage,
)
from engine.llm.clock import Clock
from engine.llm.jsontext import ExtractedJSON, JSONExtractionError, extract_json_object
from engine.llm.limiter import RateLimiter
from engine.llm.repair import repair_request
from engine.llm.retry import RetryPolicy
from engine.llm.schema import validate

if TYPE_CHECKING:
    from engine.storage.ai_cache import ResponseCache

log = logging.getLogger(__name__)

# Finish reasons (normalised to Gemini's names) that mean "withheld, not finished".
BLOCKING_FINISH = frozenset(
    {"SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE"}
)
MAX_TOKENS = "MAX_TOKENS"

WARN_REPAIRED = "repaired malformed JSON with a second call"
WARN_TRAILING_COMMAS = "removed trailing commas from the JSON"
WARN_AT_LIMIT = "the answer reached the token limit (its JSON was complete)"


@dataclass
class RawCompletion:
    """One attempt's streamed answer, before parsing."""

    text: str
    usage: Usage = field(default_factory=Usage)
    model_version: str | None = None
    finish_reason: str | None = None  # STOP, MAX_TOKENS, SAFETY, ... (Gemini's names)
    block_reason: str | None = None  # the prompt itself was blocked
    grounding: Grounding | None = None  # a search-grounded answer's sources


class Transport(Protocol):
    provider: str  # "gemini" | "local": cache key, logs
    label: str  # "Gemini" | "the local server": user messages

    def attempt(
        self,
        request: CompletionRequest,
        on_text: TextSink | None,
        cancel: CancelToken,
        limits: AttemptLimits,
    ) -> RawCompletion: ...


class SectionBudget:
    """The time one section may take in attempts and backoff waits (not in pacing)."""

    def __init__(self, seconds: float, clock: Clock) -> None:
        self.seconds = seconds
        self.clock = clock
        self.spent = 0.0

    @property
    def remaining(self) -> float:
        return max(0.0, self.seconds - self.spent)

    def spend(self, seconds: float) -> None:
        self.spent += max(0.0, seconds)


class _Rejected(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class CompletionRunner:
    """Stateless apart from the shared limiter and cache: safe from many threads."""

    def __init__(
        self,
        transport: Transport,
        *,
        limiter: RateLimiter | None = None,
        retry: RetryPolicy | None = None,
        cache: ResponseCache | None = None,
        cache_params: dict[str, Any] | None = None,
    ) -> None:
        self.transport = transport
        self.limiter = limiter if limiter is not None else RateLimiter.default()
        self.retry = retry if retry is not None else RetryPolicy()
        self.cache = cache
        self._cache_params = cache_params or {}

    # --- the flow ------------------------------------------------------------------

    def complete(
        self, request: CompletionRequest, on_text: TextSink | None, cancel: CancelToken
    ) -> CompletionResult:
        call_id = uuid.uuid4().hex[:8]
        started = time.monotonic()
        if cancel.cancelled:
            raise errors.cancelled()
        key = self._cache_key(request)
        if key is not None and request.use_cache:
            hit = self._from_cache(key, request, on_text)
            if hit is not None:
                log.info(
                    "llm %s call=%s agent=%s model=%s cache hit",
                    self.transport.provider,
                    call_id,
                    request.agent,
                    request.settings.model,
                )
                return hit

        budget = SectionBudget(request.settings.section_timeout_s, self.retry.clock)
        sink = _guarded(on_text, request.agent)
        raw, attempts = self._call(request, sink, cancel, call_id, budget)
        usage = _copy(raw.usage)
        warnings: list[str] = []
        try:
            extracted = self._accept(raw, request)
        except _Rejected as rejected:
            log.warning(
                "llm %s call=%s agent=%s invalid answer (%d problems): asking for a repair",
                self.transport.provider,
                call_id,
                request.agent,
                len(rejected.problems),
            )
            repair = repair_request(request, raw.text, rejected.problems)
            repaired, more = self._call(repair, None, cancel, call_id, budget)
            attempts += more
            _add(usage, repaired.usage)
            try:
                extracted = self._accept(repaired, request)
            except _Rejected as again:
                raise errors.invalid_output(self.transport.label, again.problems) from None
            warnings.append(WARN_REPAIRED)
            raw = RawCompletion(
                text=repaired.text,
                usage=usage,
                model_version=repaired.model_version or raw.model_version,
                finish_reason=repaired.finish_reason,
            )
        if "removed trailing commas" in extracted.fixes:
            warnings.append(WARN_TRAILING_COMMAS)
        if raw.finish_reason == MAX_TOKENS:
            warnings.append(WARN_AT_LIMIT)

        if key is not None:
            self._to_cache(key, request, raw.text)
        log.info(
            "llm %s call=%s agent=%s model=%s attempts=%d duration=%.2fs tokens=%d/%d/%d%s",
            self.transport.provider,
            call_id,
            request.agent,
            raw.model_version or request.settings.model,
            attempts,
            time.monotonic() - started,
            usage.input_tokens,
            usage.output_tokens,
            usage.thinking_tokens,
            " repaired" if WARN_REPAIRED in warnings else "",
        )
        return CompletionResult(
            data=extracted.data,
            text=raw.text,
            usage=usage,
            model_version=raw.model_version,
            finish_reason=raw.finish_reason,
            warnings=warnings,
            cached=False,
            attempts=attempts,
            # A repaired answer is new text: the sources' offsets no longer point into it.
            grounding=raw.grounding if WARN_REPAIRED not in warnings else None,
        )

    def _call(
        self,
        request: CompletionRequest,
        on_text: TextSink | None,
        cancel: CancelToken,
        call_id: str,
        budget: SectionBudget,
    ) -> tuple[RawCompletion, int]:
        """One logical call with retries; returns the answer and the attempts used."""
        clock = self.retry.clock
        waited = 0.0
        attempt = 0
        timeouts = 0
        while True:
            attempt += 1
            if cancel.cancelled:
                raise errors.cancelled()
            if budget.remaining <= 0:
                raise errors.with_attempts(
                    errors.section_timeout(self.transport.label, budget.seconds), attempt - 1
                )
            try:
                with self.limiter.slot(cancel, request.agent):
                    limits = self.retry.limits(request.settings, budget.remaining)
                    began = time.monotonic()
                    clock_began = clock.now()
                    try:
                        raw = self.transport.attempt(request, on_text, cancel, limits)
                    finally:
                        budget.spend(clock.now() - clock_began)
                log.debug(
                    "llm %s call=%s agent=%s attempt=%d ok in %.2fs",
                    self.transport.provider,
                    call_id,
                    request.agent,
                    attempt,
                    time.monotonic() - began,
                )
                return raw, attempt
            except LLMError as error:
                if error.kind is ErrorKind.CANCELLED:
                    raise
                failure = error
            except Exception as exc:  # a bug or an unmapped library error: do not retry
                log.exception(
                    "llm %s call=%s agent=%s unexpected %s",
                    self.transport.provider,
                    call_id,
                    request.agent,
                    type(exc).__name__,
                )
                raise errors.bad_request(self.transport.label, None, type(exc).__name__) from exc

            if failure.kind is ErrorKind.TIMEOUT:
                timeouts += 1
            delay = self.retry.delay(attempt, failure.retry_after_s)
            if failure.kind is ErrorKind.QUOTA or failure.status == 429:
                self.limiter.pause(failure.retry_after_s or delay)
            if not self.retry.should_retry(failure, attempt, timeouts):
                raise errors.with_attempts(failure, attempt)
            if waited + delay > self.retry.max_total_wait_s or delay >= budget.remaining:
                log.warning(
                    "llm %s call=%s agent=%s giving up: next wait %.1f s exceeds the budget",
                    self.transport.provider,
                    call_id,
                    request.agent,
                    delay,
                )
                raise errors.with_attempts(failure, attempt)
            log.warning(
                "llm %s call=%s agent=%s attempt %d failed (%s, status %s); retry in %.1f s",
                self.transport.provider,
                call_id,
                request.agent,
                attempt,
                failure.kind.value,
                failure.status,
                delay,
            )
            if clock.sleep(delay, cancel):
                raise errors.cancelled()
            waited += delay
            budget.spend(delay)

    def _accept(self, raw: RawCompletion, request: CompletionRequest) -> ExtractedJSON:
        """The schema-valid object, or BLOCKED / TRUNCATED / _Rejected (repairable)."""
        label = self.transport.label
        if raw.block_reason:
            raise errors.blocked(label, raw.block_reason)
        withheld = raw.finish_reason in BLOCKING_FINISH
        try:
            extracted = extract_json_object(raw.text)
        except JSONExtractionError as error:
            if withheld:
                raise errors.blocked(label, str(raw.finish_reason)) from None
            if raw.finish_reason == MAX_TOKENS:
                raise errors.truncated(label, request.settings.max_output_tokens) from None
            raise _Rejected([str(error)]) from None
        problems = validate(extracted.data, request.schema)
        if problems:
            if withheld:
                raise errors.blocked(label, str(raw.finish_reason))
            raise _Rejected(problems)
        return extracted

    # --- cache ---------------------------------------------------------------------

    def _cache_key(self, request: CompletionRequest) -> str | None:
        if self.cache is None or request.tools:
            return None  # a grounded answer is today's web: never replayed
        params = {
            "temperature": request.settings.temperature,
            "max_output_tokens": request.settings.max_output_tokens,
            **self._cache_params,
        }
        return self.cache.key_for(
            self.transport.provider,
            request.settings.model,
            request.system,
            request.prompt,
            request.schema,
            params,
        )

    def _from_cache(
        self, key: str, request: CompletionRequest, on_text: TextSink | None
    ) -> CompletionResult | None:
        assert self.cache is not None
        try:
            text = self.cache.get(key)
        except Exception:  # a cache problem must never stop a plan
            log.warning("llm cache read failed; calling the model", exc_info=True)
            return None
        if text is None:
            return None
        try:
            extracted = self._accept(RawCompletion(text=text), request)
        except (_Rejected, LLMError):
            return None
        sink = _guarded(on_text, request.agent)
        if sink is not None:
            sink(text)
        return CompletionResult(
            data=extracted.data, text=text, usage=Usage(), cached=True, attempts=0
        )

    def _to_cache(self, key: str, request: CompletionRequest, text: str) -> None:
        assert self.cache is not None
        try:
            self.cache.put(key, self.transport.provider, request.settings.model, text)
        except Exception:
            log.warning("llm cache write failed; the answer is still used", exc_info=True)


def _guarded(on_text: TextSink | None, agent: str) -> TextSink | None:
    """A sink whose failure (a closed window) stops the preview, never the call."""
    if on_text is None:
        return None
    broken = False

    def sink(text: str) -> None:
        nonlocal broken
        if broken:
            return
        try:
            on_text(text)
        except Exception:
            broken = True
            log.warning(
                "llm agent=%s: the text sink failed; streaming preview stopped",
                agent,
                exc_info=True,
            )

    return sink


def _copy(usage: Usage) -> Usage:
    return Usage(usage.input_tokens, usage.output_tokens, usage.thinking_tokens)


def _add(total: Usage, more: Usage) -> None:
    total.input_tokens += more.input_tokens
    total.output_tokens += more.output_tokens
    total.thinking_tokens += more.thinking_tokens
