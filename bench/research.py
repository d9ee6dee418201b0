"""Research benchmark: what tier 2 (public sources) costs a plan's wall time.

Run: ``python bench/research.py`` (``--latency 1.0 --runs 5``).

A Gemini double on 127.0.0.1 answers every call after a fixed latency L through the
real google-genai SDK; the research agent's grounded call takes L too. It prints, as
medians over the runs:
- a new plan with research off (five agents, then the coordinator: about 2 L);
- the same plan with research on: the research agent runs beside the agents on its
  own pool thread, so the goal is the same wall time (ratio <= 1.10);
- the naive way, in the same run: the research call after the plan (about 3 L);
- checking the citations of a 12-fact answer against its grounding (every fact's
  statement against every supported span; goal < 5 ms).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
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
from engine.generation import generate
from engine.llm.base import CancelToken, Grounding, GroundingSupport
from engine.providers import ProviderChoice, make_writer
from engine.research import facts_from
from tests.doubles.gemini_double import GeminiDouble, Reply
from tests.engine.agent_replies import payload_for, role_marker
from tests.factories import example_club

FACT = {
    "kind": "funding_call",
    "statement": "Il bando regionale {n} concede da 20.000 a 150.000 euro ai progetti sportivi.",
    "value": 20000,
    "high": 150000,
    "deadline": "2027-03-31",
}


def grounded(n: int) -> Reply:
    facts = [{**FACT, "statement": FACT["statement"].format(n=i)} for i in range(n)]
    return Reply.grounded(
        {"facts": facts},
        sources=[(f"https://www.regione.example/bando-{i}", f"Bando {i}") for i in range(n)],
        supported={f["statement"]: [i] for i, f in enumerate(facts)},
    )


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def wall_times(latency: float, runs: int) -> None:
    os.environ["ROOTING_FUTURE_GEMINI_API_KEY"] = "bench-key-for-the-local-double"
    with GeminiDouble(latency_s=latency) as double:
        ctx = build_context(example_club())
        for agent in AgentName:
            double.always(Reply.ok(payload_for(agent, ctx)), match=role_marker(agent))
        double.research(always=grounded(4))
        base = {"gemini_base_url": double.base_url, "requests_per_minute": 6000}
        base["max_concurrent"] = 8

        def writer(research: bool):
            settings = {**base, "research": research}
            return make_writer(ProviderChoice("gemini", use_cache=False, settings=settings))

        on, off = writer(True), writer(False)

        def plan(w) -> None:
            result = generate(example_club(), w, emit=lambda e: None)
            if result.plan.failed_sections():
                raise SystemExit(f"generation failed: {result.plan.failed_sections()}")

        def naive() -> None:  # the plan, then the search after it
            plan(off)
            on.research(ctx, CancelToken())

        without = statistics.median(timed(lambda: plan(off)) for _ in range(runs))
        with_research = statistics.median(timed(lambda: plan(on)) for _ in range(runs))
        after = statistics.median(timed(naive) for _ in range(max(1, runs // 2)))
    ratio = with_research / without
    print(f"Research agent (Gemini double, L = {latency:.2f} s per call, {runs} runs, medians)")
    print(f"  plan, research off           {without:6.2f} s")
    print(
        f"  plan, research on (parallel) {with_research:6.2f} s   ratio {ratio:.3f}  "
        f"goal <= 1.10 {'OK' if ratio <= 1.10 else 'MISSED'}"
    )
    print(f"  naive: research after plan   {after:6.2f} s   ({after / with_research:.2f}x slower)")


def citation_check(rounds: int) -> None:
    reply = grounded(12)
    text = json.dumps(reply.payload, ensure_ascii=False, indent=1)
    meta = reply.grounding_metadata(text) or {}
    grounding = Grounding(
        sources=[(c["web"]["uri"], c["web"]["title"]) for c in meta["groundingChunks"]],
        supports=[
            GroundingSupport(
                s["segment"]["startIndex"],
                s["segment"]["endIndex"],
                s["segment"]["text"],
                tuple(s["groundingChunkIndices"]),
            )
            for s in meta["groundingSupports"]
        ],
    )
    today = dt.date(2026, 12, 6)
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        facts, discarded = facts_from(reply.payload, text, grounding, today)
        samples.append((time.perf_counter() - started) * 1000)
    assert len(facts) == 12 and discarded == 0
    median = statistics.median(samples)
    print(
        f"\nCitation check, 12 facts x {len(grounding.supports)} supported spans ({rounds} rounds)"
    )
    print(f"  median {median:.3f} ms   goal < 5 ms {'OK' if median < 5 else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("ROOTING_FUTURE_HOME", tempfile.mkdtemp(prefix="rf-bench-research-"))
    wall_times(args.latency, args.runs)
    citation_check(200)


if __name__ == "__main__":
    main()
