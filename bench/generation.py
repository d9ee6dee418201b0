"""Generation benchmark: are the agents really parallel, and is the offline composer fast?

Run: ``python bench/generation.py`` (``--latency 1.0 --runs 5``).

1. A Gemini double on 127.0.0.1 answers every call after a fixed latency L,
   through the real google-genai SDK. A full plan is six calls: five domain
   agents, then the coordinator, so the critical-path bound is 2 L. We print
   the wall time, the bound, their ratio (goal <= 1.15), and the same plan run
   sequentially (concurrency 1, the naive way: ~6 L).
2. The offline composer: a full plan (context, finance, six sections,
   review) for every example club; goal median < 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from engine.agents.context import build_context
from engine.agents.registry import AgentName
from engine.domain import load_club_file
from engine.generation import generate
from engine.providers import ProviderChoice, make_writer
from tests.doubles.gemini_double import GeminiDouble, Reply
from tests.engine.agent_replies import payload_for, role_marker
from tests.factories import example_club, example_files


def timed_plan(writer, concurrency: int) -> float:
    started = time.perf_counter()
    result = generate(example_club(), writer, emit=lambda e: None, concurrency=concurrency)
    elapsed = time.perf_counter() - started
    if result.plan.failed_sections():
        raise SystemExit(f"generation failed: {result.plan.failed_sections()}")
    return elapsed


def llm_benchmark(latency: float, runs: int) -> None:
    os.environ["ROOTING_FUTURE_GEMINI_API_KEY"] = "bench-key-for-the-local-double"
    with GeminiDouble(latency_s=latency) as double:
        ctx = build_context(example_club())
        for agent in AgentName:
            double.always(Reply.ok(payload_for(agent, ctx)), match=role_marker(agent))
        settings = {
            "gemini_base_url": double.base_url,
            "requests_per_minute": 6000,
            "max_concurrent": 8,
        }
        # no cache: every run must really call the double
        writer = make_writer(ProviderChoice("gemini", use_cache=False, settings=settings))
        parallel = [timed_plan(writer, 5) for _ in range(runs)]
        sequential = [timed_plan(writer, 1) for _ in range(max(1, runs // 2))]
        in_flight = double.max_in_flight
    bound = 2 * latency
    wall = statistics.median(parallel)
    print(f"LLM path (Gemini double, L = {latency:.2f} s per call, {runs} runs, medians)")
    print(f"  parallel plan wall time      {wall:6.2f} s   (max {in_flight} calls in flight)")
    print(f"  critical-path bound 2 L      {bound:6.2f} s")
    print(
        f"  ratio wall / bound           {wall / bound:6.3f}    goal <= 1.15 "
        f"{'OK' if wall / bound <= 1.15 else 'MISSED'}"
    )
    naive = statistics.median(sequential)
    print(f"  sequential (naive) wall      {naive:6.2f} s   ({naive / wall:.1f}x slower)")


def offline_benchmark(runs: int) -> None:
    writer = make_writer(ProviderChoice())
    print(f"\nOffline composer (full plan incl. finance and review, {runs} runs, medians)")
    for path in example_files():
        club = load_club_file(path)
        generate(club, writer, emit=lambda e: None)  # warm-up: imports, catalogue
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            generate(club, writer, emit=lambda e: None)
            samples.append((time.perf_counter() - started) * 1000)
        sequential = []
        for _ in range(runs):
            started = time.perf_counter()
            generate(club, writer, emit=lambda e: None, concurrency=1)
            sequential.append((time.perf_counter() - started) * 1000)
        median = statistics.median(samples)
        verdict = "OK" if median < 300 else "MISSED"
        pool_of_one = statistics.median(sequential)
        print(
            f"  {path.stem:<36} {median:7.1f} ms  goal < 300 ms {verdict}   "
            f"(pool of one: {pool_of_one:.1f} ms; CPU-bound, parallel gains nothing here)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("ROOTING_FUTURE_HOME", tempfile.mkdtemp(prefix="rf-bench-gen-"))
    llm_benchmark(args.latency, args.runs)
    offline_benchmark(max(args.runs, 20))


if __name__ == "__main__":
    main()
