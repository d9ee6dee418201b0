"""LocalClient (Ollama / llama-server over the OpenAI-compatible API) against its double."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from engine.llm.base import CancelToken, CompletionRequest, ErrorKind, LLMError
from engine.llm.limiter import RateLimiter
from engine.llm.openai_compat import LocalClient, list_local_models
from engine.llm.pipeline import WARN_REPAIRED
from engine.llm.retry import RetryPolicy
from engine.llm.schema import validate
from tests.doubles.openai_double import OpenAIDouble, Reply
from tests.llm.llm_support import SECTION_SCHEMA, VALID_ANSWER, make_request

MODEL = "qwen3:8b"
FAST = RetryPolicy(max_attempts=3, base_delay_s=0.01, max_delay_s=0.02)


def client_for(base_url: str, retry: RetryPolicy = FAST, **options: object) -> LocalClient:
    return LocalClient(base_url, retry=retry, limiter=RateLimiter(2, 6000, 6), **options)  # type: ignore[arg-type]


def local_request(**options: object) -> CompletionRequest:
    return make_request(**{"model": MODEL, **options})  # type: ignore[arg-type]


def failure(client: LocalClient, **options: object) -> LLMError:
    with pytest.raises(LLMError) as caught:
        client.complete(local_request(**options), None, CancelToken())
    return caught.value


def test_streams_and_records_usage(local_server: OpenAIDouble) -> None:
    local_server.script(Reply.ok(VALID_ANSWER, chunks=5))
    chunks: list[str] = []
    result = client_for(local_server.base_url).complete(
        local_request(), chunks.append, CancelToken()
    )
    assert result.data == VALID_ANSWER
    assert len(chunks) == 5 and "".join(chunks) == result.text
    assert result.usage.input_tokens > 0 and result.usage.output_tokens > 0
    assert result.finish_reason == "STOP" and result.model_version == MODEL


def test_request_on_the_wire(local_server: OpenAIDouble) -> None:
    client_for(local_server.base_url).complete(local_request(), None, CancelToken())
    [sent] = local_server.chat_requests()
    body = sent.body
    assert sent.path == "/v1/chat/completions"
    assert body["model"] == MODEL and body["stream"] is True
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "sports", "schema": SECTION_SCHEMA, "strict": True},
    }
    assert body["temperature"] == 0.2 and body["max_tokens"] == 8192
    assert "authorization" not in sent.headers


def test_unscripted_answers_fit_the_schema(local_server: OpenAIDouble) -> None:
    result = client_for(local_server.base_url).complete(local_request(), None, CancelToken())
    assert validate(result.data, SECTION_SCHEMA) == []


def test_bearer_key_when_configured() -> None:
    with OpenAIDouble(bearer="sekret") as double:
        ok = client_for(double.base_url, api_key="sekret")
        assert ok.complete(local_request(), None, CancelToken()).data
        error = failure(client_for(double.base_url, api_key="wrong"))
        assert error.kind is ErrorKind.AUTH


def test_connection_refused_asks_whether_ollama_runs() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    error = failure(client_for(url))
    assert error.kind is ErrorKind.NETWORK
    assert "Ollama" in error.message("en") and url in error.message("en")
    assert "avviato" in error.message("it")


def test_unknown_model_says_pull_it() -> None:
    with OpenAIDouble(strict_models=True) as double:
        error = failure(client_for(double.base_url), model="llama-nonexistent")
    assert error.kind is ErrorKind.MODEL
    assert "ollama pull llama-nonexistent" in error.message("en")


def test_wrong_address_is_explained() -> None:
    with OpenAIDouble() as double:
        error = failure(client_for(double.origin))  # forgot the /v1
        assert error.kind is ErrorKind.BAD_REQUEST
        assert "/v1" in error.message("en")


def test_loading_model_503_then_success(local_server: OpenAIDouble) -> None:
    local_server.script(Reply.error(503, message="loading model"), Reply.ok(VALID_ANSWER))
    result = client_for(local_server.base_url).complete(local_request(), None, CancelToken())
    assert result.data == VALID_ANSWER and result.attempts == 2


def test_error_event_mid_stream_is_retried(local_server: OpenAIDouble) -> None:
    local_server.script(Reply.stream_error(after_chunks=1, code=500), Reply.ok(VALID_ANSWER))
    assert (
        client_for(local_server.base_url).complete(local_request(), None, CancelToken()).attempts
        == 2
    )


def test_length_finish_with_cut_json_is_truncated(local_server: OpenAIDouble) -> None:
    local_server.script(Reply.truncated(VALID_ANSWER))
    error = failure(client_for(local_server.base_url))
    assert error.kind is ErrorKind.TRUNCATED


def test_small_model_ignoring_the_structure_is_repaired(local_server: OpenAIDouble) -> None:
    local_server.script(Reply.raw_text("Ecco gli obiettivi: 1) scuola calcio 2) allenatori"))
    result = client_for(local_server.base_url).complete(local_request(), None, CancelToken())
    assert result.warnings == [WARN_REPAIRED]


def test_cancel_mid_stream(local_server: OpenAIDouble) -> None:
    local_server.script(Reply.slow(VALID_ANSWER, chunks=100, chunk_delay_s=0.05))
    cancel = CancelToken()
    first = threading.Event()
    errors: list[LLMError] = []

    def run() -> None:
        try:
            client_for(local_server.base_url).complete(
                local_request(), lambda _t: first.set(), cancel
            )
        except LLMError as error:
            errors.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    assert first.wait(5)
    began = time.monotonic()
    cancel.cancel()
    worker.join(5)
    assert errors and errors[0].kind is ErrorKind.CANCELLED
    assert time.monotonic() - began < 1.0
    [sent] = local_server.chat_requests()
    deadline = time.monotonic() + 2
    while "client_gone_at" not in sent.extra and time.monotonic() < deadline:
        time.sleep(0.02)
    assert sent.extra["client_gone_at"] - began < 1.5  # the server stops generating


def test_non_streaming_server_answer_is_accepted(local_server: OpenAIDouble) -> None:
    """Some servers ignore ``stream: true`` and send one JSON body."""
    import httpx

    def no_stream(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            json={
                "choices": [
                    {
                        "message": {
                            "content": '{"summary": "Un riassunto valido", '
                            '"objectives": [], "priority": "alta"}'
                        },
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 3, "completion_tokens": 4},
            },
        )

    schema = {
        **SECTION_SCHEMA,
        "properties": {**SECTION_SCHEMA["properties"], "objectives": {"type": "array"}},
    }
    client = LocalClient(
        "http://ollama.test/v1",
        retry=FAST,
        http_client=httpx.Client(transport=httpx.MockTransport(no_stream)),
    )
    result = client.complete(make_request(model=MODEL, schema=schema), None, CancelToken())
    assert result.data["priority"] == "alta" and result.usage.output_tokens == 4


def test_list_local_models(local_server: OpenAIDouble) -> None:
    assert list_local_models(local_server.base_url) == [MODEL]


def test_list_local_models_when_down() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(LLMError) as caught:
        list_local_models(f"http://127.0.0.1:{port}/v1")
    assert caught.value.kind is ErrorKind.NETWORK


def test_cancel_during_a_stalled_stream_hangs_up_at_once(local_server: OpenAIDouble) -> None:
    local_server.script(Reply.slow(VALID_ANSWER, chunks=3, chunk_delay_s=5))
    cancel = CancelToken()
    first = threading.Event()
    errors: list[LLMError] = []

    def run() -> None:
        try:
            client_for(local_server.base_url).complete(
                local_request(), lambda _t: first.set(), cancel
            )
        except LLMError as error:
            errors.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    assert first.wait(5)
    began = time.monotonic()
    cancel.cancel()
    worker.join(5)
    assert errors[0].kind is ErrorKind.CANCELLED
    [sent] = local_server.chat_requests()
    deadline = time.monotonic() + 3
    while "client_gone_at" not in sent.extra and time.monotonic() < deadline:
        time.sleep(0.02)
    assert sent.extra["client_gone_at"] - began < 1.0


# --- timeouts and the size cap (issue 15.6) -----------------------------------------------


def test_a_local_server_that_never_starts_answering_times_out(local_server: OpenAIDouble) -> None:
    local_server.always(Reply.ok(latency_s=30))
    error = failure(client_for(local_server.base_url, RetryPolicy.none()), first_byte_timeout_s=0.3)
    assert error.kind is ErrorKind.TIMEOUT
    assert "did not start answering within 0.3 s" in error.message("en")


def test_a_huge_local_answer_is_stopped_at_the_size_cap(local_server: OpenAIDouble) -> None:
    local_server.script(Reply.raw_text("x" * 21_000_000, chunks=2_100, chunk_delay_s=0.05))
    error = failure(client_for(local_server.base_url, RetryPolicy.none()), max_answer_bytes=200_000)
    assert error.kind is ErrorKind.INVALID_OUTPUT and "0.2 MB" in error.message("en")
    [sent] = local_server.chat_requests()
    deadline = time.monotonic() + 5
    while "client_gone_at" not in sent.extra and time.monotonic() < deadline:
        time.sleep(0.02)
    assert "client_gone_at" in sent.extra  # hung up mid-stream, not read to the end


def test_invalid_utf8_from_a_local_server_is_retried(local_server: OpenAIDouble) -> None:
    local_server.script(Reply.garbled("text", payload=VALID_ANSWER), Reply.ok(VALID_ANSWER))
    result = client_for(local_server.base_url).complete(local_request(), None, CancelToken())
    assert result.data == VALID_ANSWER and result.attempts == 2
