"""A plan's agents on threads through one shared limiter, against the Gemini double."""

from __future__ import annotations

import itertools
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from engine.llm.base import CancelToken, CompletionResult
from engine.llm.gemini import GeminiClient
from engine.llm.limiter import RateLimiter
from engine.llm.retry import RetryPolicy
from tests.doubles.gemini_double import GeminiDouble, Reply
from tests.llm.llm_support import TEST_KEY, VALID_ANSWER, make_request

AGENTS = ("sports", "infrastructure", "marketing", "social", "financial")
FAST = RetryPolicy(base_delay_s=0.01, max_delay_s=0.02)


def run_agents(client: GeminiClient, agents: tuple[str, ...] = AGENTS) -> list[CompletionResult]:
    with ThreadPoolExecutor(max_workers=len(agents)) as pool:
        futures = [
            pool.submit(
                client.complete, make_request(agent, f"Sezione {agent}"), None, CancelToken()
            )
            for agent in agents
        ]
        return [f.result() for f in futures]


def test_five_agents_run_in_parallel_with_the_default_preset(gemini: GeminiDouble) -> None:
    gemini.latency_s = 0.5
    client = GeminiClient(
        TEST_KEY, base_url=gemini.base_url, retry=FAST, limiter=RateLimiter.default()
    )
    began = time.monotonic()
    results = run_agents(client)
    elapsed = time.monotonic() - began
    assert len(results) == 5 and all(r.data for r in results)
    assert gemini.max_in_flight == 5
    assert elapsed < 1.5  # one latency, not five


def test_concurrency_cap_holds_at_the_server(gemini: GeminiDouble) -> None:
    gemini.latency_s = 0.2
    limiter = RateLimiter(max_concurrent=2, per_minute=6000, burst=6)
    client = GeminiClient(TEST_KEY, base_url=gemini.base_url, retry=FAST, limiter=limiter)
    began = time.monotonic()
    run_agents(client)
    assert gemini.max_in_flight == 2
    assert time.monotonic() - began >= 0.6  # three rounds of 0.2 s


def test_pace_spaces_arrivals_at_the_server(gemini: GeminiDouble) -> None:
    limiter = RateLimiter(max_concurrent=6, per_minute=600, burst=1)  # one start per 0.1 s
    client = GeminiClient(TEST_KEY, base_url=gemini.base_url, retry=FAST, limiter=limiter)
    run_agents(client, AGENTS[:4])
    arrivals = sorted(r.at for r in gemini.generate_requests())
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert min(gaps) >= 0.08, gaps


def test_a_429_pauses_every_thread(gemini: GeminiDouble) -> None:
    gemini.script(Reply.quota(retry_delay_s=1), match="Sezione sports")
    limiter = RateLimiter(max_concurrent=6, per_minute=6000, burst=6)
    client = GeminiClient(TEST_KEY, base_url=gemini.base_url, retry=FAST, limiter=limiter)
    first: list[CompletionResult] = []
    worker = threading.Thread(
        target=lambda: first.append(
            client.complete(make_request("sports", "Sezione sports"), None, CancelToken())
        )
    )
    worker.start()
    deadline = time.monotonic() + 5
    while limiter.stats().paused_for_s == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert limiter.stats().paused_for_s > 0
    quota_at = gemini.generate_requests()[0].at
    others = run_agents(client, AGENTS[1:])  # start while the pause is on
    worker.join(5)
    assert first[0].attempts == 2 and all(r.attempts == 1 for r in others)
    later = [r.at for r in gemini.generate_requests()[1:]]
    assert len(later) == 5
    assert min(later) - quota_at >= 0.95  # nobody called during the server's retry delay


def test_results_do_not_mix_between_agents(gemini: GeminiDouble) -> None:
    for agent in AGENTS:
        gemini.always(
            Reply.ok({**VALID_ANSWER, "summary": f"Sintesi per {agent}"}), match=f"Sezione {agent}"
        )
    client = GeminiClient(
        TEST_KEY, base_url=gemini.base_url, retry=FAST, limiter=RateLimiter.default()
    )
    results = run_agents(client)
    assert [r.data["summary"] for r in results] == [f"Sintesi per {a}" for a in AGENTS]


def test_a_plan_under_a_free_tier_quota_completes(gemini: GeminiDouble) -> None:
    """Six calls against a server quota of 3 per second: the 429s' delays are honoured
    across the pool and every agent finishes."""
    gemini.rate_limit(requests=3, window_s=1.0)
    limiter = RateLimiter(max_concurrent=6, per_minute=6000, burst=6)
    client = GeminiClient(
        TEST_KEY,
        base_url=gemini.base_url,
        limiter=limiter,
        retry=RetryPolicy(max_attempts=6, base_delay_s=0.05),
    )
    results = run_agents(client, (*AGENTS, "coordinator"))
    assert len(results) == 6 and all(r.data for r in results)
    assert gemini.quota_rejections >= 1
