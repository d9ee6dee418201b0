"""Local models (Ollama, llama.cpp ``llama-server``) over the OpenAI-compatible API.

``POST {base_url}/chat/completions`` with ``stream: true`` answers with SSE
``data: {...}`` chunks (``choices[0].delta.content``) ending with
``data: [DONE]``; the schema goes in ``response_format.json_schema`` (enforced
by Ollama >= 0.5 and llama-server). Finish reasons are normalised to Gemini's
names (``length`` -> ``MAX_TOKENS``) so the shared pipeline treats both alike.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import httpx

from engine.llm import errors
from engine.llm.base import (
    AttemptLimits,
    CancelToken,
    CompletionRequest,
    CompletionResult,
    LLMError,
    TextSink,
    Usage,
)
from engine.llm.limiter import RateLimiter
from engine.llm.pipeline import CompletionRunner, RawCompletion
from engine.llm.retry import RetryPolicy
from engine.llm.streaming import cancellable, hang_up

if TYPE_CHECKING:
    from engine.storage.ai_cache import ResponseCache

log = logging.getLogger(__name__)

PROVIDER = "local"
LABEL = "Ollama/llama.cpp"
DEFAULT_BASE_URL = "http://localhost:11434/v1"
FINISH = {"stop": "STOP", "length": "MAX_TOKENS", "content_filter": "SAFETY"}
_NAME = re.compile(r"[^A-Za-z0-9_-]+")


class LocalClient:
    """``LLMClient`` for an OpenAI-compatible server; one instance serves every pool thread.

    The model comes from ``request.settings.model``; ``model`` here is only the
    fallback when a request leaves it empty.
    """

    name = PROVIDER

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        model: str | None = None,
        *,
        api_key: str | None = None,
        limiter: RateLimiter | None = None,
        retry: RetryPolicy | None = None,
        cache: ResponseCache | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        self._transport = LocalTransport(
            base_url, model=model, api_key=api_key, http_client=http_client
        )
        self._runner = CompletionRunner(
            self._transport,
            limiter=limiter,
            retry=retry,
            cache=cache,
            cache_params={"endpoint": self._transport.base_url},
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

    def __repr__(self) -> str:
        return f"LocalClient(base_url={self._transport.base_url!r})"


class LocalTransport:
    provider = PROVIDER
    label = LABEL

    def __init__(
        self,
        base_url: str,
        *,
        model: str | None = None,
        api_key: str | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self.default_model = model
        self._api_key = api_key or None
        self._owns_client = http_client is None
        self._http = http_client or httpx.Client(
            limits=httpx.Limits(max_connections=16, max_keepalive_connections=8)
        )

    def close(self) -> None:
        if self._owns_client:
            self._http.close()

    def attempt(
        self,
        request: CompletionRequest,
        on_text: TextSink | None,
        cancel: CancelToken,
        limits: AttemptLimits,
    ) -> RawCompletion:
        model = request.settings.model or self.default_model or ""
        body = chat_body(request, model)
        headers = {"Accept": "text/event-stream"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        timeout = httpx.Timeout(
            connect=limits.connect_s, read=limits.read_s, write=limits.read_s, pool=limits.connect_s
        )
        holder: dict[str, httpx.Response] = {}

        def open_stream() -> Iterator[dict[str, Any]]:
            http_request = self._http.build_request(
                "POST",
                f"{self.base_url}/chat/completions",
                json=body,
                headers=headers,
                timeout=timeout,
            )
            response = self._http.send(http_request, stream=True)
            holder["response"] = response
            if response.status_code != 200:
                try:
                    response.read()
                finally:
                    response.close()
                raise self._status_error(response, model)
            return _events(response)

        def abandon() -> None:
            response = holder.get("response")
            if response is not None:
                hang_up(response)

        def received() -> int:
            response = holder.get("response")
            return response.num_bytes_downloaded if response is not None else 0

        raw = RawCompletion(text="")
        parts: list[str] = []
        try:
            for event in cancellable(
                open_stream,
                cancel,
                provider=LABEL,
                limits=limits,
                size_probe=received,
                on_abandon=abandon,
                name=f"local-{request.agent}",
            ):
                self._absorb(event, raw, parts, on_text, model)
        except LLMError:
            raise
        except Exception as error:
            mapped = errors.from_transport(
                error, LABEL, limits.read_s, local_url=self.base_url, connect_s=limits.connect_s
            )
            if mapped is not None:
                raise mapped from error
            raise
        raw.text = "".join(parts)
        return raw

    def _absorb(
        self,
        event: dict[str, Any],
        raw: RawCompletion,
        parts: list[str],
        on_text: TextSink | None,
        model: str,
    ) -> None:
        problem = event.get("error")
        if problem:
            info = problem if isinstance(problem, dict) else {"message": str(problem)}
            code = info.get("code")
            status = code if isinstance(code, int) else 500
            raise self._map_status(status, str(info.get("message", "")), model, None)
        if event.get("model"):
            raw.model_version = str(event["model"])
        usage = event.get("usage")
        if isinstance(usage, dict):
            details = usage.get("completion_tokens_details") or {}
            raw.usage = Usage(
                input_tokens=int(usage.get("prompt_tokens") or 0),
                output_tokens=int(usage.get("completion_tokens") or 0),
                thinking_tokens=int(details.get("reasoning_tokens") or 0),
            )
        choices = event.get("choices") or []
        if not choices:
            return
        choice = choices[0]
        finish = choice.get("finish_reason")
        if finish:
            raw.finish_reason = FINISH.get(str(finish), str(finish).upper())
        message = choice.get("delta") or choice.get("message") or {}
        content = message.get("content")
        if isinstance(content, str) and content:
            parts.append(content)
            if on_text is not None:
                on_text(content)

    def _status_error(self, response: httpx.Response, model: str) -> LLMError:
        message = _error_message(response)
        retry_after = errors.parse_duration(response.headers.get("retry-after"))
        return self._map_status(response.status_code, message, model, retry_after)

    def _map_status(
        self, status: int, message: str, model: str, retry_after: float | None
    ) -> LLMError:
        lowered = message.lower()
        if status in (401, 403):
            return errors.local_key_refused(self.base_url, status)
        if status == 404 or (status == 400 and "model" in lowered and "not found" in lowered):
            if "model" in lowered:
                return errors.unknown_model(
                    LABEL,
                    model,
                    status,
                    f"download it (ollama pull {model}) or choose another in Settings",
                    f"scaricatelo (ollama pull {model}) o sceglietene un altro in Impostazioni",
                )
            return errors.local_wrong_address(self.base_url, status)
        if status == 408:
            return errors.timeout(LABEL, None, status=status)
        if status == 429:
            return errors.quota(LABEL, retry_after, status)
        if status == 504:
            return errors.timeout(LABEL, None, status=status)
        if status >= 500:
            return errors.unavailable(LABEL, status, message)
        return errors.bad_request(LABEL, status, message)


def chat_body(request: CompletionRequest, model: str) -> dict[str, Any]:
    """The OpenAI-style request: system + user messages, JSON schema, streamed with usage."""
    messages = []
    if request.system:
        messages.append({"role": "system", "content": request.system})
    messages.append({"role": "user", "content": request.prompt})
    name = _NAME.sub("_", request.agent).strip("_")[:64] or "section"
    return {
        "model": model,
        "messages": messages,
        "temperature": request.settings.temperature,
        "max_tokens": request.settings.max_output_tokens,
        "stream": True,
        "stream_options": {"include_usage": True},
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": name, "schema": request.schema, "strict": True},
        },
    }


def _events(response: httpx.Response) -> Iterator[dict[str, Any]]:
    """Parsed SSE ``data:`` payloads until ``[DONE]``; a plain JSON body counts as one."""
    try:
        content_type = response.headers.get("content-type", "")
        if "text/event-stream" not in content_type:
            response.read()
            yield _loads(response.text)
            return
        data: list[str] = []
        for line in response.iter_lines():
            if line.startswith("data:"):
                data.append(line[5:].strip())
                continue
            if line.strip() or not data:
                continue  # comments (": ping"), event names, blank keep-alives
            payload = "\n".join(data)
            data = []
            if payload == "[DONE]":
                return
            yield _loads(payload)
        if data and "\n".join(data) != "[DONE]":
            yield _loads("\n".join(data))
    finally:
        response.close()


def _loads(payload: str) -> dict[str, Any]:
    if errors.REPLACEMENT_CHARACTER in payload:  # httpx decoded bytes that were not UTF-8
        raise errors.garbled(LABEL)
    try:
        value = json.loads(payload)
    except json.JSONDecodeError:
        raise errors.unavailable(LABEL, None, "malformed stream event") from None
    if not isinstance(value, dict):
        raise errors.unavailable(LABEL, None, "malformed stream event")
    return value


def _error_message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return response.text[:300]
    if isinstance(body, dict):
        problem = body.get("error", body)
        if isinstance(problem, dict):
            return str(problem.get("message", ""))
        return str(problem)
    return ""


def list_local_models(base_url: str = DEFAULT_BASE_URL, *, timeout_s: float = 10.0) -> list[str]:
    """Model ids the local server offers (``GET {base_url}/models``), for the settings screen."""
    url = (base_url or DEFAULT_BASE_URL).rstrip("/")
    try:
        response = httpx.get(f"{url}/models", timeout=timeout_s)
    except Exception as error:
        mapped = errors.from_transport(error, LABEL, timeout_s, local_url=url)
        if mapped is not None:
            raise mapped from error
        raise
    if response.status_code == 404:
        raise errors.local_wrong_address(url, 404)
    if response.status_code != 200:
        raise errors.unavailable(LABEL, response.status_code, _error_message(response))
    try:
        data = response.json().get("data", [])
    except (json.JSONDecodeError, AttributeError):
        raise errors.local_wrong_address(url, response.status_code) from None
    return sorted(str(m["id"]) for m in data if isinstance(m, dict) and m.get("id"))
