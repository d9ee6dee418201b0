"""Gemini through the maintained ``google-genai`` SDK, streamed, with our own retries.

The SDK's retries stay off (``retry_options`` unset): they ignore the
server's ``RetryInfo`` delay and know nothing of the pool's shared limiter.
``CompletionRunner`` does cache, limiter, retry, parsing and repair; this
module only streams one call and maps what can go wrong to ``LLMError``.

API version: ``v1beta`` by default. SDK 3.x defaults to ``v1``, but the
structured-output fields we rely on (``systemInstruction``,
``responseJsonSchema``) were rejected by ``v1`` as recently as late 2025
(googleapis/python-genai#1398); ``v1beta`` has always had them. Settings may
choose ``v1``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import TYPE_CHECKING, Any

from google import genai
from google.genai import errors as genai_errors
from google.genai import types

from engine.llm import errors
from engine.llm.base import (
    AttemptLimits,
    CancelToken,
    CompletionRequest,
    CompletionResult,
    ErrorKind,
    Grounding,
    GroundingSupport,
    LLMError,
    TextSink,
    Usage,
)
from engine.llm.limiter import RateLimiter
from engine.llm.models import newest_flash, uses_thinking_levels
from engine.llm.pipeline import CompletionRunner, RawCompletion
from engine.llm.retry import RetryPolicy
from engine.llm.streaming import cancellable, hang_up

if TYPE_CHECKING:
    from engine.storage.ai_cache import ResponseCache

log = logging.getLogger(__name__)

PROVIDER = "gemini"
LABEL = "Gemini"
DEFAULT_API_VERSION = "v1beta"
LIST_TIMEOUT_S = 20.0


class GeminiClient:
    """``LLMClient`` for the Gemini API; one instance serves every pool thread."""

    name = PROVIDER

    def __init__(
        self,
        api_key: str,
        *,
        base_url: str | None = None,
        api_version: str | None = DEFAULT_API_VERSION,
        limiter: RateLimiter | None = None,
        retry: RetryPolicy | None = None,
        cache: ResponseCache | None = None,
    ) -> None:
        self._transport = GeminiTransport(api_key, base_url=base_url, api_version=api_version)
        # The endpoint is part of the cache key: a proxy or another API version may answer
        # differently, and an answer cached from one must not be served for the other.
        endpoint = {"endpoint": base_url or "default", "api_version": api_version or "default"}
        self._runner = CompletionRunner(
            self._transport, limiter=limiter, retry=retry, cache=cache, cache_params=endpoint
        )

    @property
    def limiter(self) -> RateLimiter:
        return self._runner.limiter

    def complete(
        self, request: CompletionRequest, on_text: TextSink | None, cancel: CancelToken
    ) -> CompletionResult:
        return self._runner.complete(request, on_text, cancel)

    def close(self) -> None:
        self._transport.close()

    def __repr__(self) -> str:  # never the key
        return f"GeminiClient(base_url={self._transport.base_url!r})"


class GeminiTransport:
    """One streamed ``generateContent`` call per ``attempt``."""

    provider = PROVIDER
    label = LABEL

    def __init__(self, api_key: str, *, base_url: str | None, api_version: str | None) -> None:
        self._api_key = (api_key or "").strip()
        self.base_url = base_url
        self.api_version = api_version
        self._client: genai.Client | None = None
        self._lock = threading.Lock()
        # Streams opened by this thread's current attempt, so a cancelled call can
        # close its connection (the server then stops generating, and billing).
        self._streams = threading.local()
        if self._api_key:  # built now, not inside the first call's limiter slot
            self._client = self._new_sdk_client()

    def __repr__(self) -> str:
        return f"GeminiTransport(base_url={self.base_url!r})"

    def _sdk(self) -> genai.Client:
        with self._lock:
            if self._client is None:
                if not self._api_key:
                    raise errors.missing_key(LABEL)
                self._client = self._new_sdk_client()
            return self._client

    def _new_sdk_client(self) -> genai.Client:
        return make_sdk_client(
            self._api_key,
            self.base_url,
            self.api_version,
            event_hooks={"request": [self._set_timeouts], "response": [self._track_response]},
        )

    def _set_timeouts(self, request: Any) -> None:
        """The SDK has one timeout for everything: give the sockets ours instead."""
        limits: AttemptLimits | None = getattr(self._streams, "limits", None)
        if limits is not None:
            request.extensions["timeout"] = {
                "connect": limits.connect_s,
                "read": limits.read_s,
                "write": limits.read_s,
                "pool": limits.connect_s,
            }

    def _track_response(self, response: Any) -> None:
        opened = getattr(self._streams, "opened", None)
        if opened is not None:
            opened.append(response)

    def _retired(self, model: str, error: LLMError) -> LLMError:
        """The model is gone: name the newest Flash model this key can use (best effort)."""
        try:
            names = _generating_models(self._sdk())
        except Exception:  # the listing is a courtesy; the original error still stands
            log.info("gemini: could not list models after a missing model", exc_info=True)
            return error
        return errors.unknown_model(LABEL, model, error.status, replacement=newest_flash(names))

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                try:
                    self._client.close()
                except Exception:  # closing is best effort
                    log.debug("gemini: error while closing the SDK client", exc_info=True)
                self._client = None

    def attempt(
        self,
        request: CompletionRequest,
        on_text: TextSink | None,
        cancel: CancelToken,
        limits: AttemptLimits,
    ) -> RawCompletion:
        client = self._sdk()
        settings = request.settings
        modern = uses_thinking_levels(settings.model)
        config = types.GenerateContentConfig(
            system_instruction=request.system or None,
            # Gemini 3+ deprecate sampling parameters (changelog, 2026-07-21) and take a
            # thinking level instead of a budget; 2.x keep the temperature.
            temperature=None if modern else settings.temperature,
            thinking_config=types.ThinkingConfig(thinking_level=settings.thinking_level.upper())
            if modern and settings.thinking_level
            else None,
            max_output_tokens=settings.max_output_tokens,
            response_mime_type="application/json",
            response_json_schema=request.schema,
            tools=_tools(request.tools) or None,
            automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True),
            automatic_continuation=False,
            # the SDK's timeout becomes the X-Server-Timeout header: the rest of the
            # section's budget (the sockets get their own timeouts in _set_timeouts)
            http_options=types.HttpOptions(timeout=max(1, int(limits.total_s * 1000))),
        )

        opened: list[Any] = []

        def open_stream() -> Any:  # runs on the stream's own thread
            self._streams.opened = opened
            self._streams.limits = limits
            return client.models.generate_content_stream(
                model=settings.model, contents=request.prompt, config=config
            )

        def abandon() -> None:
            for response in opened:
                hang_up(response)

        def received() -> int:
            return sum(getattr(response, "num_bytes_downloaded", 0) for response in opened)

        raw = RawCompletion(text="")
        parts: list[str] = []
        try:
            for chunk in cancellable(
                open_stream,
                cancel,
                provider=LABEL,
                limits=limits,
                size_probe=received,
                on_abandon=abandon,
                name=f"gemini-{request.agent}",
            ):
                _absorb(chunk, raw, parts, on_text)
        except LLMError:
            raise
        except genai_errors.APIError as error:
            mapped = map_api_error(error, settings.model)
            if mapped.kind is ErrorKind.MODEL:
                mapped = self._retired(settings.model, mapped)
            raise mapped from error
        except genai_errors.UnknownApiResponseError as error:  # an event that is not JSON
            raise errors.garbled(LABEL) from error
        except Exception as error:
            mapped = errors.from_transport(error, LABEL, limits.read_s, connect_s=limits.connect_s)
            if mapped is not None:
                raise mapped from error
            raise
        raw.text = "".join(parts)
        return raw


def make_sdk_client(
    api_key: str,
    base_url: str | None,
    api_version: str | None,
    timeout_s: float | None = None,
    event_hooks: dict[str, list[Any]] | None = None,
) -> genai.Client:
    """The SDK client: Gemini API (never Vertex, whatever the environment says), no retries."""
    options = types.HttpOptions(
        base_url=base_url or None,
        api_version=api_version or None,
        timeout=int(timeout_s * 1000) if timeout_s else None,
        client_args={"event_hooks": event_hooks} if event_hooks else None,
    )
    return genai.Client(vertexai=False, api_key=api_key, http_options=options)


TOOLS = {
    "google_search": lambda: types.Tool(google_search=types.GoogleSearch()),
    "url_context": lambda: types.Tool(url_context=types.UrlContext()),
}


def _tools(names: tuple[str, ...]) -> list[types.Tool]:
    """Gemini's built-in tools by name; structured output works with them on Gemini 3."""
    return [TOOLS[name]() for name in names if name in TOOLS]


def _grounding(metadata: types.GroundingMetadata) -> Grounding:
    """The API's grounding metadata in our terms: pages, supported spans, queries."""
    sources = [
        (chunk.web.uri or "", chunk.web.title or "")
        for chunk in metadata.grounding_chunks or []
        if chunk.web is not None
    ]
    supports = [
        GroundingSupport(
            start=support.segment.start_index or 0,
            end=support.segment.end_index or 0,
            text=support.segment.text or "",
            sources=tuple(support.grounding_chunk_indices or ()),
        )
        for support in metadata.grounding_supports or []
        if support.segment is not None
    ]
    return Grounding(sources, supports, list(metadata.web_search_queries or []))


def _absorb(
    chunk: types.GenerateContentResponse,
    raw: RawCompletion,
    parts: list[str],
    on_text: TextSink | None,
) -> None:
    """Fold one streamed chunk into the attempt's answer; forward its text."""
    feedback = chunk.prompt_feedback
    if feedback is not None and feedback.block_reason:
        raw.block_reason = _name(feedback.block_reason)
    if chunk.model_version:
        raw.model_version = chunk.model_version
    meta = chunk.usage_metadata
    if meta is not None:  # a running total: the last chunk's is the call's
        raw.usage = Usage(
            input_tokens=meta.prompt_token_count or 0,
            output_tokens=meta.candidates_token_count or 0,
            thinking_tokens=meta.thoughts_token_count or 0,
        )
    if not chunk.candidates:
        return
    candidate = chunk.candidates[0]
    if candidate.finish_reason:
        raw.finish_reason = _name(candidate.finish_reason)
    if candidate.grounding_metadata is not None:  # usually on the last chunk
        raw.grounding = _grounding(candidate.grounding_metadata)
    content = candidate.content
    if content is None or not content.parts:
        return
    for part in content.parts:
        if part.thought or not part.text:
            continue  # thought summaries are not the answer
        if errors.REPLACEMENT_CHARACTER in part.text:
            raise errors.garbled(LABEL)
        parts.append(part.text)
        if on_text is not None:
            on_text(part.text)


def _name(value: Any) -> str:
    return str(getattr(value, "value", value))


# --- error mapping -----------------------------------------------------------------


def map_api_error(error: genai_errors.APIError, model: str) -> LLMError:
    """An SDK ``ClientError``/``ServerError`` as the error kind the user can act on."""
    code = int(error.code or 0)
    status = (error.status or "").upper()
    message = error.message or ""
    details = _details(error.details)
    reasons = {d.get("reason") for d in details if d.get("@type", "").endswith("ErrorInfo")}
    retry_after = _retry_after(details, error)

    if code == 400:
        if "API_KEY_INVALID" in reasons or "api key not valid" in message.lower():
            return errors.bad_key(LABEL, code)
        if status == "FAILED_PRECONDITION":
            return errors.region_unsupported(LABEL, code)
        return errors.bad_request(LABEL, code, message)
    if code == 401:
        return errors.bad_key(LABEL, code)
    if code == 403:
        return errors.permission_denied(LABEL, code, message)
    if code == 404:
        return errors.unknown_model(LABEL, model, code)
    if code == 408:
        return errors.timeout(LABEL, None, status=code)
    if code == 429:
        return errors.quota(LABEL, retry_after, code, daily=_daily_quota(details))
    if code == 504:
        return errors.timeout(LABEL, None, status=code)
    if code >= 500:
        return errors.unavailable(LABEL, code, message)
    return errors.bad_request(LABEL, code or None, message)


def _details(body: Any) -> list[dict[str, Any]]:
    if isinstance(body, list) and body:
        body = body[0]
    if not isinstance(body, dict):
        return []
    inner = body.get("error", body)
    found = inner.get("details", []) if isinstance(inner, dict) else []
    return [d for d in found if isinstance(d, dict)]


def _retry_after(details: list[dict[str, Any]], error: genai_errors.APIError) -> float | None:
    for detail in details:
        if detail.get("@type", "").endswith("RetryInfo"):
            delay = errors.parse_duration(detail.get("retryDelay"))
            if delay is not None:
                return delay
    headers = getattr(getattr(error, "response", None), "headers", None)
    if headers is not None:
        try:
            return errors.parse_duration(headers.get("retry-after"))
        except Exception:
            return None
    return None


def _daily_quota(details: list[dict[str, Any]]) -> bool:
    for detail in details:
        if detail.get("@type", "").endswith("QuotaFailure"):
            for violation in detail.get("violations", []) or []:
                if "perday" in str(violation.get("quotaId", "")).lower():
                    return True
    return False


# --- settings screen ------------------------------------------------------------------


def _generating_models(client: genai.Client) -> list[str]:
    names: set[str] = set()
    for model in client.models.list(config={"page_size": 100}):
        actions = model.supported_actions or []
        if actions and "generateContent" not in actions:
            continue
        if model.name:
            names.add(model.name.removeprefix("models/"))
    return sorted(names)


def list_models(
    api_key: str, base_url: str | None = None, api_version: str | None = DEFAULT_API_VERSION
) -> list[str]:
    """Model ids this key may use for ``generateContent``, for the settings screen."""
    key = (api_key or "").strip()
    if not key:
        raise errors.missing_key(LABEL)
    client = make_sdk_client(key, base_url, api_version, timeout_s=LIST_TIMEOUT_S)
    try:
        return _generating_models(client)
    except genai_errors.APIError as error:
        raise map_api_error(error, "-") from error
    except Exception as error:
        mapped = errors.from_transport(error, LABEL, LIST_TIMEOUT_S)
        if mapped is not None:
            raise mapped from error
        raise
    finally:
        with contextlib.suppress(Exception):
            client.close()
