"""Language-model reliability benchmark: a quota-limited Gemini, naive client vs ours.

Run: ``python bench/llm_reliability.py`` (``--agents 24`` for a bigger run).

The Gemini double enforces a free-tier-like quota (``--quota`` calls per
``--window`` seconds, then 429 with a RetryInfo delay) with ``--latency`` per
call. The same agents run through the real SDK path twice:

- naive: every agent at once, SDK-style retries (exponential backoff with
  jitter, server delay ignored, no shared pause);
- ours: the shared ``RateLimiter`` paced to the quota, retries floored by the
  server's delay, and a 429 pausing the whole pool.

It prints wall time, HTTP calls, 429s received and agents that failed.
Expected: ours sends about one call per agent, gets few or no 429s and loses
no agent; naive wastes calls on 429s and may give up on some agents.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.llm.base import CancelToken, CompletionRequest, GenerationSettings, LLMError
from engine.llm.gemini import GeminiClient
from engine.llm.limiter import RateLimiter
from engine.llm.retry import RetryPolicy
from tests.doubles.gemini_double import GeminiDouble

SCHEMA = {
    "type": "object",
    "properties": {
        "summary": {"type": "string"},
        "objectives": {"type": "array", "minItems": 3, "items": {"type": "string"}},
    },
    "required": ["summary", "objectives"],
}


class NaiveRetry(RetryPolicy):
    """What the SDK's own retries do: backoff with jitter, the server's delay ignored."""

    def delay(self, attempt: int, server_delay_s: float | None = None) -> float:
        return super().delay(attempt, None)


class NoGate(RateLimiter):
    """Everyone at once, and a 429 pauses nobody."""

    def __init__(self) -> None:
        super().__init__(max_concurrent=1000, per_minute=1e9, burst=1000)

    def pause(self, seconds: float) -> None:
        return


@dataclass
class Outcome:
    name: str
    seconds: float
    calls: int
    quota_429: int
    failed: int


def run(name: str, args: argparse.Namespace, limiter: RateLimiter, retry: RetryPolicy) -> Outcome:
    with GeminiDouble(latency_s=args.latency) as double:
        double.rate_limit(args.quota, args.window)
        client = GeminiClient("bench-key", base_url=double.base_url, limiter=limiter, retry=retry)
        settings = GenerationSettings(
            model="gemini-2.5-flash", first_byte_timeout_s=30, idle_timeout_s=30
        )

        def agent(index: int) -> bool:
            request = CompletionRequest(
                agent=f"agent{index}",
                system="bench",
                prompt=f"sezione {index}",
                schema=SCHEMA,
                settings=settings,
                use_cache=False,
            )
            try:
                client.complete(request, None, CancelToken())
                return True
            except LLMError:
                return False

        began = time.monotonic()
        with ThreadPoolExecutor(max_workers=args.agents) as pool:
            results = list(pool.map(agent, range(args.agents)))
        elapsed = time.monotonic() - began
        client.close()
        return Outcome(
            name=name,
            seconds=elapsed,
            calls=len(double.generate_requests()),
            quota_429=double.quota_rejections,
            failed=results.count(False),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=12, help="calls in flight (two plans)")
    parser.add_argument("--quota", type=int, default=4, help="calls allowed per window")
    parser.add_argument("--window", type=float, default=3.0, help="quota window, seconds")
    parser.add_argument("--latency", type=float, default=0.3, help="seconds per call")
    args = parser.parse_args()
    logging.getLogger("engine.llm").setLevel(logging.ERROR)  # the table is the output

    per_minute = args.quota * 60.0 / args.window
    outcomes = [
        run("naive", args, NoGate(), NaiveRetry(max_attempts=4, base_delay_s=0.5)),
        run(
            "ours",
            args,
            RateLimiter(max_concurrent=6, per_minute=per_minute, burst=args.quota),
            RetryPolicy(max_attempts=4, base_delay_s=0.5),
        ),
    ]
    print(
        f"{args.agents} agents, quota {args.quota} calls / {args.window:g} s, "
        f"latency {args.latency:g} s"
    )
    print(f"{'client':<8}{'seconds':>9}{'calls':>7}{'429s':>7}{'failed':>8}")
    for o in outcomes:
        print(f"{o.name:<8}{o.seconds:>9.1f}{o.calls:>7}{o.quota_429:>7}{o.failed:>8}")


if __name__ == "__main__":
    main()
