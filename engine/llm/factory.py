"""Build the client the settings ask for, sharing one limiter per provider and pace.

Limiters are process-wide: two plans generated at once with the same key
share one gate and one 429 pause, as the server sees them as one caller.
Provider modules are imported here lazily: the SDK takes a while to import
and the offline path never needs it.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from engine.llm.base import LLMClient
from engine.llm.limiter import RateLimiter
from engine.llm.retry import RetryPolicy
from engine.settings import MODEL_PROVIDERS as PROVIDERS  # ("gemini", "local")

if TYPE_CHECKING:
    from engine.storage.ai_cache import ResponseCache

# settings keys (all optional) ------------------------------------------------------
#   rate_preset            "default" | "free_tier" | "local"  (gemini default: "default")
#   max_concurrent         int, overrides the preset
#   requests_per_minute    float, overrides the preset
#   max_attempts           int (default 4)
#   max_total_wait_s       float (default 180)
#   gemini_base_url        str (tests, proxies; else GOOGLE_GEMINI_BASE_URL or Google's)
#   gemini_api_version     "v1beta" (default) | "v1"
#   local_base_url         str (default http://localhost:11434/v1)
#   local_model            str, fallback when a request names no model
#   local_api_key          str, only for servers that want a bearer token

_limiters: dict[tuple[Any, ...], RateLimiter] = {}
_limiters_lock = threading.Lock()


def shared_limiter(provider: str, settings: Mapping[str, Any]) -> RateLimiter:
    """The process-wide limiter for this provider and pace (created on first use)."""
    default_preset = "local" if provider == "local" else "default"
    preset = str(settings.get("rate_preset") or default_preset)
    base = RateLimiter.preset(preset)
    concurrent = int(settings.get("max_concurrent") or base.max_concurrent)
    per_minute = float(settings.get("requests_per_minute") or base.per_minute)
    burst = min(base.burst, concurrent)
    key = (provider, concurrent, per_minute, burst)
    with _limiters_lock:
        limiter = _limiters.get(key)
        if limiter is None:
            limiter = RateLimiter(concurrent, per_minute, burst)
            _limiters[key] = limiter
        return limiter


def retry_policy(settings: Mapping[str, Any]) -> RetryPolicy:
    defaults = RetryPolicy()
    return RetryPolicy(
        max_attempts=int(settings.get("max_attempts") or defaults.max_attempts),
        max_total_wait_s=float(settings.get("max_total_wait_s") or defaults.max_total_wait_s),
    )


def build_client(
    provider: str,
    settings: Mapping[str, Any],
    api_key: str | None,
    cache: ResponseCache | None = None,
    *,
    limiter: RateLimiter | None = None,
    retry: RetryPolicy | None = None,
) -> LLMClient:
    """An ``LLMClient`` for ``provider`` ("gemini" | "local"); build once, share across threads.

    A missing Gemini key does not fail here: the first ``complete`` raises
    ``LLMError(AUTH)`` with the Settings advice, like any other call failure.
    """
    limiter = limiter or shared_limiter(provider, settings)
    retry = retry or retry_policy(settings)
    if provider == "gemini":
        from engine.llm.gemini import DEFAULT_API_VERSION, GeminiClient

        return GeminiClient(
            api_key or "",
            base_url=settings.get("gemini_base_url") or None,
            api_version=settings.get("gemini_api_version") or DEFAULT_API_VERSION,
            limiter=limiter,
            retry=retry,
            cache=cache,
        )
    if provider == "local":
        from engine.llm.openai_compat import DEFAULT_BASE_URL, LocalClient

        return LocalClient(
            settings.get("local_base_url") or DEFAULT_BASE_URL,
            settings.get("local_model") or None,
            api_key=settings.get("local_api_key") or None,
            limiter=limiter,
            retry=retry,
            cache=cache,
        )
    raise ValueError(f"unknown language-model provider {provider!r}; use one of {PROVIDERS}")
