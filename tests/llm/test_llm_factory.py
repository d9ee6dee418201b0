"""build_client: the one place the orchestrator turns settings into a client."""

from __future__ import annotations

import pytest

from engine.llm import build_client, shared_limiter
from engine.llm.base import CancelToken, ErrorKind, LLMError
from engine.llm.gemini import GeminiClient
from engine.llm.openai_compat import LocalClient
from engine.storage.ai_cache import ResponseCache
from tests.doubles.gemini_double import GeminiDouble
from tests.doubles.openai_double import OpenAIDouble
from tests.llm.llm_support import TEST_KEY, make_request


def test_gemini_from_settings(gemini: GeminiDouble, cache: ResponseCache) -> None:
    settings = {"gemini_base_url": gemini.base_url, "rate_preset": "free_tier"}
    client = build_client("gemini", settings, TEST_KEY, cache)
    assert isinstance(client, GeminiClient) and client.name == "gemini"
    assert client.limiter.per_minute == 8 and client.limiter.max_concurrent == 2
    assert client.complete(make_request(), None, CancelToken()).data
    assert gemini.generate_requests()[0].path.startswith("/v1beta/")


def test_local_from_settings(local_server: OpenAIDouble) -> None:
    settings = {"local_base_url": local_server.base_url, "local_model": "qwen3:8b"}
    client = build_client("local", settings, None, None)
    assert isinstance(client, LocalClient) and client.name == "local"
    assert client.limiter.max_concurrent == 2
    assert client.complete(make_request(model=""), None, CancelToken()).data  # fallback model
    assert local_server.chat_requests()[0].body["model"] == "qwen3:8b"


def test_limiters_are_shared_per_provider_and_pace() -> None:
    one = build_client("gemini", {}, TEST_KEY, None)
    two = build_client("gemini", {}, TEST_KEY, None)
    free = build_client("gemini", {"rate_preset": "free_tier"}, TEST_KEY, None)
    assert one.limiter is two.limiter  # type: ignore[attr-defined]
    assert free.limiter is not one.limiter  # type: ignore[attr-defined]
    assert shared_limiter("gemini", {"max_concurrent": 3}).max_concurrent == 3


def test_missing_key_fails_on_first_call_with_settings_advice() -> None:
    client = build_client("gemini", {"gemini_base_url": "http://127.0.0.1:9/"}, None, None)
    with pytest.raises(LLMError) as caught:
        client.complete(make_request(), None, CancelToken())
    assert caught.value.kind is ErrorKind.AUTH
    assert "Impostazioni" in caught.value.message("it")


def test_unknown_provider() -> None:
    with pytest.raises(ValueError):
        build_client("openai-cloud", {}, None, None)
