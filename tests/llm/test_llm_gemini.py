"""GeminiClient through the real google-genai SDK against the local Gemini double."""

from __future__ import annotations

import logging
import socket
import threading
import time

import pytest

from engine.llm.base import CancelToken, ErrorKind, LLMError
from engine.llm.gemini import GeminiClient, list_models
from engine.llm.limiter import RateLimiter
from engine.llm.models import newest_flash, uses_thinking_levels
from engine.llm.pipeline import WARN_AT_LIMIT, WARN_REPAIRED
from engine.llm.repair import REPAIR_MARKER
from engine.llm.retry import RetryPolicy
from engine.llm.schema import validate
from tests.doubles.fake_clock import FakeClock
from tests.doubles.gemini_double import GeminiDouble, Reply
from tests.llm.llm_support import SECTION_SCHEMA, TEST_KEY, VALID_ANSWER, make_request

FAST = RetryPolicy(max_attempts=4, base_delay_s=0.01, max_delay_s=0.05)


def client_for(
    double: GeminiDouble,
    *,
    retry: RetryPolicy = FAST,
    limiter: RateLimiter | None = None,
    api_version: str | None = "v1beta",
    key: str = TEST_KEY,
) -> GeminiClient:
    return GeminiClient(
        key,
        base_url=double.base_url,
        api_version=api_version,
        retry=retry,
        limiter=limiter or RateLimiter(max_concurrent=6, per_minute=6000, burst=6),
    )


def failure(client: GeminiClient, **request: object) -> LLMError:
    with pytest.raises(LLMError) as caught:
        client.complete(make_request(**request), None, CancelToken())  # type: ignore[arg-type]
    return caught.value


# --- success -----------------------------------------------------------------------


def test_streams_chunks_to_the_sink_and_records_usage(gemini: GeminiDouble) -> None:
    gemini.model_version = "gemini-2.5-flash-preview-09-2025"
    gemini.script(Reply.ok(VALID_ANSWER, chunks=4, thought="Sto pensando...", thoughts_tokens=42))
    chunks: list[str] = []
    result = client_for(gemini).complete(make_request(), chunks.append, CancelToken())
    assert result.data == VALID_ANSWER
    assert len(chunks) == 4
    assert "".join(chunks) == result.text
    assert "Sto pensando" not in result.text  # thought summaries are not the answer
    assert result.usage.input_tokens > 0
    assert result.usage.output_tokens > 0
    assert result.usage.thinking_tokens == 42
    assert result.model_version == "gemini-2.5-flash-preview-09-2025"
    assert result.finish_reason == "STOP"
    assert result.attempts == 1 and not result.cached and result.warnings == []


def test_request_on_the_wire(gemini: GeminiDouble) -> None:
    client_for(gemini).complete(make_request(max_output_tokens=4096), None, CancelToken())
    [sent] = gemini.generate_requests()
    assert sent.path == "/v1beta/models/gemini-2.5-flash:streamGenerateContent"
    assert sent.query == {"alt": ["sse"]}
    assert sent.headers["x-goog-api-key"] == TEST_KEY  # in the header, never in the URL
    assert TEST_KEY not in sent.path and "key" not in sent.query
    config = sent.body["generationConfig"]
    assert config["responseMimeType"] == "application/json"
    assert config["responseJsonSchema"] == SECTION_SCHEMA
    assert config["temperature"] == 0.2
    assert config["maxOutputTokens"] == 4096
    assert sent.body["systemInstruction"]["parts"][0]["text"].startswith("Sei un consulente")
    assert sent.body["contents"][0]["parts"][0]["text"].startswith("Scrivi gli obiettivi")


def test_sdk_default_api_version_is_v1(gemini: GeminiDouble) -> None:
    client_for(gemini, api_version=None).complete(make_request(), None, CancelToken())
    assert gemini.generate_requests()[0].path.startswith("/v1/models/")


def test_sdk_honours_the_base_url_environment_variable(
    gemini: GeminiDouble, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", gemini.base_url)
    monkeypatch.setenv("GOOGLE_GENAI_USE_VERTEXAI", "true")  # ignored: we ask for Gemini API
    client = GeminiClient(TEST_KEY, retry=FAST, limiter=RateLimiter(6, 6000, 6))
    assert client.complete(make_request(), None, CancelToken()).data
    assert len(gemini.generate_requests()) == 1


def test_unscripted_answers_fit_the_request_schema(gemini: GeminiDouble) -> None:
    result = client_for(gemini).complete(make_request(), None, CancelToken())
    assert validate(result.data, SECTION_SCHEMA) == []


def test_fenced_answer_is_accepted_without_repair(gemini: GeminiDouble) -> None:
    gemini.script(Reply.fenced(VALID_ANSWER))
    result = client_for(gemini).complete(make_request(), None, CancelToken())
    assert result.data == VALID_ANSWER
    assert len(gemini.generate_requests()) == 1


def test_complete_json_at_the_token_limit_is_kept_with_a_warning(gemini: GeminiDouble) -> None:
    gemini.script(Reply.ok(VALID_ANSWER, finish_reason="MAX_TOKENS"))
    result = client_for(gemini).complete(make_request(), None, CancelToken())
    assert result.data == VALID_ANSWER
    assert result.warnings == [WARN_AT_LIMIT]


# --- retries -----------------------------------------------------------------------


def test_429_retry_delay_is_honoured(gemini: GeminiDouble) -> None:
    clock = FakeClock()
    gemini.script(Reply.quota(retry_delay_s=26), Reply.ok(VALID_ANSWER))
    client = client_for(
        gemini,
        retry=RetryPolicy(clock=clock, random=lambda: 0.5),
        limiter=RateLimiter(6, 60, 6, clock=clock),
    )
    started = clock.now()
    result = client.complete(make_request(), None, CancelToken())
    assert result.data == VALID_ANSWER and result.attempts == 2
    assert clock.now() - started >= 26  # max(server delay, backoff 0.5 s)
    assert len(gemini.generate_requests()) == 2


def test_429_short_real_delay_is_waited(gemini: GeminiDouble) -> None:
    gemini.script(Reply.quota(retry_delay_s=1), Reply.ok(VALID_ANSWER))
    result = client_for(gemini).complete(make_request(), None, CancelToken())
    first, second = gemini.generate_requests()
    assert result.attempts == 2
    assert second.at - first.at >= 1.0


def test_429_until_attempts_run_out_is_quota_with_advice(gemini: GeminiDouble) -> None:
    gemini.always(Reply.quota(retry_delay_s=0.01))
    error = failure(client_for(gemini))
    assert error.kind is ErrorKind.QUOTA
    assert error.status == 429 and error.retry_after_s == pytest.approx(0.01)
    assert "piano gratuito" in error.message("it") and "free-tier" in error.message("en")
    assert "bozza offline" in error.message("it")
    assert len(gemini.generate_requests()) == 4


def test_daily_quota_says_tomorrow(gemini: GeminiDouble) -> None:
    gemini.always(Reply.quota(retry_delay_s=0.01, daily=True))
    error = failure(client_for(gemini, retry=RetryPolicy.none()))
    assert error.kind is ErrorKind.QUOTA
    assert "tomorrow" in error.message("en") and "domani" in error.message("it")


def test_503_storm_gives_unavailable_after_max_attempts(gemini: GeminiDouble) -> None:
    gemini.always(Reply.unavailable())
    error = failure(client_for(gemini))
    assert error.kind is ErrorKind.UNAVAILABLE and error.status == 503
    assert len(gemini.generate_requests()) == 4
    assert "offline" in error.message("en")


def test_500_then_success(gemini: GeminiDouble) -> None:
    gemini.script(Reply.internal(), Reply.ok(VALID_ANSWER))
    assert client_for(gemini).complete(make_request(), None, CancelToken()).attempts == 2


def test_error_event_mid_stream_is_retried(gemini: GeminiDouble) -> None:
    gemini.script(Reply.stream_error(after_chunks=1), Reply.ok(VALID_ANSWER))
    chunks: list[str] = []
    result = client_for(gemini).complete(make_request(), chunks.append, CancelToken())
    assert result.data == VALID_ANSWER and result.attempts == 2
    # the failed attempt's partial text reached the preview before the retry's text
    assert "".join(chunks).endswith(result.text) and len("".join(chunks)) > len(result.text)


def test_dropped_connection_mid_stream_is_retried(gemini: GeminiDouble) -> None:
    gemini.script(Reply.dropped(after_chunks=1), Reply.ok(VALID_ANSWER))
    result = client_for(gemini).complete(make_request(), None, CancelToken())
    assert result.data == VALID_ANSWER and result.attempts == 2


# --- errors the user must act on -----------------------------------------------------


def test_bad_key_is_auth_with_settings_advice() -> None:
    with GeminiDouble(valid_keys={"the-right-key"}) as double:
        error = failure(client_for(double))
        assert error.kind is ErrorKind.AUTH and error.status == 400
        assert "Impostazioni" in error.message("it") and "Settings" in error.message("en")
        assert len(double.generate_requests()) == 1  # never retried


def test_missing_key_fails_before_any_request(gemini: GeminiDouble) -> None:
    error = failure(client_for(gemini, key="  "))
    assert error.kind is ErrorKind.AUTH
    assert gemini.requests == []


@pytest.mark.parametrize(
    ("reply", "kind", "words"),
    [
        (Reply.permission_denied(), ErrorKind.AUTH, "Settings"),
        (Reply.not_found(), ErrorKind.MODEL, "'gemini-2.5-flash'"),
        (Reply.region(), ErrorKind.BAD_REQUEST, "billing"),
        (
            Reply.error(400, "INVALID_ARGUMENT", "schema too deep"),
            ErrorKind.BAD_REQUEST,
            "schema too deep",
        ),
    ],
)
def test_client_errors_map_to_kinds(
    gemini: GeminiDouble, reply: Reply, kind: ErrorKind, words: str
) -> None:
    gemini.always(reply)
    error = failure(client_for(gemini))
    assert error.kind is kind
    assert words in error.message("en")
    assert len(gemini.generate_requests()) == 1


def test_malformed_json_is_repaired_by_a_second_call(gemini: GeminiDouble) -> None:
    gemini.script(Reply.malformed())
    result = client_for(gemini).complete(make_request(), None, CancelToken())
    assert validate(result.data, SECTION_SCHEMA) == []
    assert result.warnings == [WARN_REPAIRED]
    first, repair = gemini.prompts()
    assert REPAIR_MARKER not in first and REPAIR_MARKER in repair
    assert "nota: manca la chiusura" in repair  # the broken answer is shown back


def test_schema_mismatch_is_repaired(gemini: GeminiDouble) -> None:
    gemini.script(Reply.ok({"summary": "Solo un riassunto lungo"}))
    result = client_for(gemini).complete(make_request(), None, CancelToken())
    assert result.warnings == [WARN_REPAIRED]
    assert "missing required property 'objectives'" in gemini.prompts()[1]


def test_malformed_twice_is_invalid_output(gemini: GeminiDouble) -> None:
    gemini.script(Reply.malformed(), Reply.malformed())
    error = failure(client_for(gemini))
    assert error.kind is ErrorKind.INVALID_OUTPUT
    assert "Rigenerate" in error.message("it")
    assert len(gemini.generate_requests()) == 2


def test_safety_finish_without_content_is_blocked(gemini: GeminiDouble) -> None:
    gemini.script(Reply.safety())
    error = failure(client_for(gemini))
    assert error.kind is ErrorKind.BLOCKED and "SAFETY" in error.message("en")
    assert len(gemini.generate_requests()) == 1


def test_blocked_prompt_is_blocked(gemini: GeminiDouble) -> None:
    gemini.script(Reply.blocked("PROHIBITED_CONTENT"))
    error = failure(client_for(gemini))
    assert error.kind is ErrorKind.BLOCKED and "PROHIBITED_CONTENT" in error.message("en")
    assert "Riformulate" in error.message("it")


def test_cut_json_at_max_tokens_is_truncated_with_advice(gemini: GeminiDouble) -> None:
    gemini.script(Reply.truncated(VALID_ANSWER))
    error = failure(client_for(gemini), max_output_tokens=1000)
    assert error.kind is ErrorKind.TRUNCATED
    assert "2000" in error.message("en") and "lunghezza massima" in error.message("it")
    assert len(gemini.generate_requests()) == 1  # no repair: the model cannot guess the rest


# --- network, time, cancel -----------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_is_network_with_offline_advice() -> None:
    client = GeminiClient(
        TEST_KEY,
        base_url=f"http://127.0.0.1:{free_port()}/",
        retry=FAST,
        limiter=RateLimiter(6, 6000, 6),
    )
    error = failure(client)
    assert error.kind is ErrorKind.NETWORK
    assert "bozza offline" in error.message("it") and "offline draft" in error.message("en")


def test_a_server_that_never_starts_answering_hits_the_first_byte_timeout(
    gemini: GeminiDouble,
) -> None:
    gemini.always(Reply.ok(latency_s=30))
    error = failure(client_for(gemini, retry=RetryPolicy.none()), first_byte_timeout_s=0.3)
    assert error.kind is ErrorKind.TIMEOUT
    assert "did not start answering within 0.3 s" in error.message("en")
    assert "entro 0.3 s" in error.message("it")


def test_a_stream_that_goes_silent_hits_the_idle_timeout(gemini: GeminiDouble) -> None:
    gemini.always(Reply.slow(VALID_ANSWER, chunks=4, chunk_delay_s=30))
    error = failure(client_for(gemini, retry=RetryPolicy.none()), idle_timeout_s=0.3)
    assert error.kind is ErrorKind.TIMEOUT
    assert "stopped sending the answer for more than 0.3 s" in error.message("en")


def test_a_silent_server_is_retried_once_within_the_section_budget(gemini: GeminiDouble) -> None:
    gemini.always(Reply.ok(latency_s=30))
    error = failure(client_for(gemini), first_byte_timeout_s=0.3, section_timeout_s=60)
    assert error.kind is ErrorKind.TIMEOUT and "tentativi: 2" in error.message("it")
    assert len(gemini.generate_requests()) == 2


def test_a_connection_that_never_opens_hits_the_connect_timeout() -> None:
    """A listener whose accept queue is full: the handshake never completes (no internet)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        fillers = []
        for _ in range(4):  # fill the accept queue; later SYNs are dropped
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        client = GeminiClient(
            TEST_KEY, base_url=f"http://127.0.0.1:{port}/", retry=RetryPolicy.none()
        )
        try:
            error = failure(client, connect_timeout_s=0.3, first_byte_timeout_s=5)
        finally:
            for filler in fillers:
                filler.close()
    assert error.kind is ErrorKind.TIMEOUT
    assert "Could not connect to Gemini within 0.3 s" in error.message("en")


def test_a_huge_answer_is_stopped_as_soon_as_it_passes_the_size_cap(gemini: GeminiDouble) -> None:
    """21 MB, slowly: it used to be read to the end (84 s) before failing."""
    gemini.script(Reply.raw_text("x" * 21_000_000, chunks=2_100, chunk_delay_s=0.05))
    error = failure(client_for(gemini, retry=RetryPolicy.none()), max_answer_bytes=200_000)
    assert error.kind is ErrorKind.INVALID_OUTPUT
    assert "larger than 0.2 MB" in error.message("en") and "0.2 MB" in error.message("it")
    assert _client_left(gemini.generate_requests()[0])  # hung up mid-stream


def _client_left(request) -> bool:
    deadline = time.monotonic() + 5
    while "client_gone_at" not in request.extra and time.monotonic() < deadline:
        time.sleep(0.02)
    return "client_gone_at" in request.extra


def test_cancel_mid_stream_stops_promptly(gemini: GeminiDouble) -> None:
    gemini.script(Reply.slow(VALID_ANSWER, chunks=100, chunk_delay_s=0.05))
    cancel = CancelToken()
    first_chunk = threading.Event()
    chunks: list[str] = []

    def sink(text: str) -> None:
        chunks.append(text)
        first_chunk.set()

    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            client_for(gemini).complete(make_request(), sink, cancel)
        except LLMError as error:
            outcome["error"] = error
            outcome["at"] = time.monotonic()

    worker = threading.Thread(target=run)
    worker.start()
    assert first_chunk.wait(5)
    cancelled_at = time.monotonic()
    cancel.cancel()
    worker.join(5)
    assert isinstance(outcome.get("error"), LLMError)
    assert outcome["error"].kind is ErrorKind.CANCELLED  # type: ignore[attr-defined]
    assert outcome["at"] - cancelled_at < 1.0  # type: ignore[operator]
    assert len(chunks) < 100
    # the connection is closed, so the server stops generating (and billing)
    [sent] = gemini.generate_requests()
    deadline = time.monotonic() + 2
    while "client_gone_at" not in sent.extra and time.monotonic() < deadline:
        time.sleep(0.02)
    assert sent.extra["client_gone_at"] - cancelled_at < 1.5


def test_cancel_before_the_first_byte_stops_promptly(gemini: GeminiDouble) -> None:
    gemini.script(Reply.ok(latency_s=10))  # a "thinking" model: nothing for a long time
    cancel = CancelToken()
    threading.Timer(0.2, cancel.cancel).start()
    began = time.monotonic()
    error = failure_with(client_for(gemini), cancel)
    assert error.kind is ErrorKind.CANCELLED
    assert time.monotonic() - began < 1.0


def failure_with(client: GeminiClient, cancel: CancelToken) -> LLMError:
    with pytest.raises(LLMError) as caught:
        client.complete(make_request(), None, cancel)
    return caught.value


# --- settings screen -------------------------------------------------------------------


def test_list_models_for_the_settings_screen(gemini: GeminiDouble) -> None:
    assert list_models(TEST_KEY, gemini.base_url) == [
        "gemini-2.5-flash-lite",
        "gemini-3.1-pro-preview",
        "gemini-3.5-flash-lite",
        "gemini-3.7-flash",
        "gemini-3.8-flash",
    ]  # embedding models are left out
    assert gemini.requests[0].headers["x-goog-api-key"] == TEST_KEY


def test_list_models_with_a_bad_key_is_auth() -> None:
    with GeminiDouble(valid_keys={"right"}) as double, pytest.raises(LLMError) as caught:
        list_models("wrong", double.base_url)
    assert caught.value.kind is ErrorKind.AUTH


# --- secrets -----------------------------------------------------------------------------


def test_the_api_key_never_reaches_logs_or_messages(
    gemini: GeminiDouble, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    gemini.script(
        Reply.quota(retry_delay_s=0.01),
        Reply.malformed(),
        Reply.ok(VALID_ANSWER),
        Reply.unavailable(),
        Reply.unavailable(),
        Reply.unavailable(),
        Reply.unavailable(),
    )
    client = client_for(gemini)
    client.complete(make_request(), None, CancelToken())
    error = failure(client)
    assert caplog.records, "the run should have logged something"
    assert TEST_KEY not in caplog.text
    assert TEST_KEY not in str(error) and TEST_KEY not in error.message("it")
    assert TEST_KEY not in repr(client)


def test_cancel_during_a_stalled_stream_hangs_up_at_once(gemini: GeminiDouble) -> None:
    """The model stops after one chunk (thinking): cancel must close the connection now,
    not at the next chunk, so the server stops generating and billing."""
    gemini.script(Reply.slow(VALID_ANSWER, chunks=3, chunk_delay_s=5))
    cancel = CancelToken()
    first_chunk = threading.Event()
    errors: list[LLMError] = []

    def run() -> None:
        try:
            client_for(gemini).complete(make_request(), lambda _t: first_chunk.set(), cancel)
        except LLMError as error:
            errors.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    assert first_chunk.wait(5)
    cancelled_at = time.monotonic()
    cancel.cancel()
    worker.join(5)
    assert errors[0].kind is ErrorKind.CANCELLED
    [sent] = gemini.generate_requests()
    deadline = time.monotonic() + 3
    while "client_gone_at" not in sent.extra and time.monotonic() < deadline:
        time.sleep(0.02)
    assert sent.extra["client_gone_at"] - cancelled_at < 1.0


def test_a_long_answer_that_keeps_streaming_is_not_a_timeout(gemini: GeminiDouble) -> None:
    gemini.script(Reply.slow(VALID_ANSWER, chunks=8, chunk_delay_s=0.1))  # 0.7 s in all
    result = client_for(gemini).complete(make_request(timeout_s=0.4), None, CancelToken())
    assert result.data == VALID_ANSWER


def test_an_endless_stream_hits_the_section_budget(gemini: GeminiDouble) -> None:
    gemini.script(Reply.slow(VALID_ANSWER, chunks=1000, chunk_delay_s=0.05))  # 50 s in all
    error = failure(client_for(gemini), timeout_s=0.5, section_timeout_s=1)
    assert error.kind is ErrorKind.TIMEOUT
    assert "did not finish this section within 1 s, retries included" in error.message("en")
    assert len(gemini.generate_requests()) == 1  # no retry: the budget is spent


def test_the_sdk_never_retries_on_its_own(gemini: GeminiDouble) -> None:
    gemini.always(Reply.unavailable())
    failure(client_for(gemini, retry=RetryPolicy.none()))
    assert len(gemini.generate_requests()) == 1  # our policy decides, not the SDK's


# --- answers damaged in transit (issue 15.7) -------------------------------------------------


@pytest.mark.parametrize("where", ["text", "frame"])
def test_invalid_utf8_is_a_transient_fault_and_retried(gemini: GeminiDouble, where: str) -> None:
    """It used to fail the section at once as 'refused the request (UnknownApiResponseError)'
    (or, inside the text, to slip through as U+FFFD)."""
    gemini.script(Reply.garbled(where, payload=VALID_ANSWER), Reply.ok(VALID_ANSWER))
    result = client_for(gemini).complete(make_request(), None, CancelToken())
    assert result.data == VALID_ANSWER and result.attempts == 2
    assert "\ufffd" not in result.text


def test_an_answer_that_keeps_arriving_damaged_says_so(gemini: GeminiDouble) -> None:
    gemini.always(Reply.garbled("frame"))
    error = failure(client_for(gemini))
    assert error.kind is ErrorKind.NETWORK
    assert "arrived damaged" in error.message("en") and "rovinata" in error.message("it")
    assert "UnknownApiResponseError" not in error.message("en") + error.message("it")
    assert len(gemini.generate_requests()) == 4  # retried like any transport fault


# --- models that stay current ----------------------------------------------------------


def test_a_retired_model_names_the_newest_flash_the_key_can_use() -> None:
    with GeminiDouble(retired=frozenset({"gemini-2.5-flash"})) as double:
        error = failure(client_for(double), model="gemini-2.5-flash")
        listed = [r for r in double.requests if r.method == "GET"]
    assert error.kind is ErrorKind.MODEL
    assert error.replacement == "gemini-3.8-flash"  # not the Lite, not the Pro preview
    assert "'gemini-2.5-flash'" in error.message("it") and "'gemini-3.8-flash'" in error.message(
        "it"
    )
    assert "Impostazioni" in error.message("it") and "Settings" in error.message("en")
    assert len(listed) == 1  # one listing, not one per retry


def test_a_retired_model_without_a_listing_keeps_the_plain_message() -> None:
    with GeminiDouble(retired=frozenset({"gemini-2.5-flash"}), models=()) as double:
        error = failure(client_for(double), model="gemini-2.5-flash")
    assert error.kind is ErrorKind.MODEL and error.replacement is None
    assert "scegliete un altro modello" in error.message("it")


def test_gemini_3_gets_a_thinking_level_and_no_sampling_parameters(gemini: GeminiDouble) -> None:
    client_for(gemini).complete(make_request(model="gemini-3.8-flash"), None, CancelToken())
    [sent] = gemini.generate_requests()
    config = sent.body["generationConfig"]
    # The SDK (3.6) sends the proto field name; the API's JSON mapping accepts both spellings.
    thinking = config["thinkingConfig"]
    assert thinking.get("thinkingLevel", thinking.get("thinking_level")) == "LOW"
    assert "temperature" not in config  # deprecated for Gemini 3 Flash (changelog 2026-07-21)


def test_newest_flash_reads_the_version_from_the_name() -> None:
    names = [
        "gemini-3.1-pro-preview",
        "gemini-3.10-flash-preview",
        "gemini-3.9-flash",
        "gemini-3.10-flash-lite",
        "models/gemini-3.8-flash",
        "gemini-3.9-flash-image",
    ]
    assert newest_flash(names) == "gemini-3.9-flash"
    assert newest_flash(["gemini-4-flash", "gemini-3.9-flash"]) == "gemini-4-flash"
    assert newest_flash(["gemini-2.5-flash-lite"]) is None
    assert uses_thinking_levels("gemini-3.8-flash") and not uses_thinking_levels("gemini-2.5-flash")
