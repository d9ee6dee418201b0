"""Finance benchmark: how fast a what-if answers, and what the scenarios cost a plan.

Run: ``python bench/finance.py`` (``--rounds N``).

For every example club it prints, as medians and p95 over the rounds:
- what-if recompute: one change of drivers re-projected from the year 0 built once
  (``WhatIf.run``, what the desktop panel does on every spin-box step; goal < 50 ms);
- the naive way, in the same run: rebuilding the whole plan context (objective
  selection, finance, three scenarios) for each change, as a tool without a separate
  projection would;
- the finance section with its three scenarios inside the offline plan
  (``build_financial_plan``; goal: inside the offline plan's budget, < 300 ms), and the
  whole offline plan for scale.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.agents.context import build_context
from engine.agents.writers import OfflineWriter
from engine.catalogue import default_catalogue
from engine.domain import Language, load_club_file
from engine.domain.plan import ScenarioKind
from engine.facts import ClubFacts
from engine.finance import build_financial_plan
from engine.finance.whatif import WhatIf
from engine.generation import generate
from engine.selection import select
from tests.factories import example_files


def timed(action, rounds: int) -> list[float]:
    found = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        found.append((time.perf_counter() - start) * 1000)
    return found


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def measure(path: Path, rounds: int, rng: random.Random, catalogue) -> dict[str, list[float]]:
    """One club's timings (ms): what-if, naive rebuild, finance section, whole offline plan."""
    club = load_club_file(path)
    plan = generate(club, OfflineWriter(), language=Language.IT, emit=lambda _e: None).plan
    model = WhatIf(plan)
    base = model.scenario(ScenarioKind.BASE)

    def change():
        return base.model_copy(
            update={
                "scenario": ScenarioKind.CUSTOM,
                "members": [rng.uniform(-0.1, 0.3) for _ in range(3)],
                "inflation": rng.uniform(0, 0.05),
                "investment_delay": rng.randint(0, 2),
                "ics_loan": rng.random() < 0.5,
            }
        )

    selection = select(ClubFacts(club), catalogue, Language.IT)
    return {
        "whatif": timed(lambda: model.run(change()), rounds),
        "naive": timed(lambda: build_context(club, Language.IT, catalogue), max(5, rounds // 5)),
        "finance": timed(
            lambda: build_financial_plan(club, selection, catalogue, Language.IT), rounds
        ),
        "plan": timed(
            lambda: generate(club, OfflineWriter(), emit=lambda _e: None), max(5, rounds // 10)
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(7)
    catalogue = default_catalogue()
    print(
        f"{'club':38} {'what-if med':>11} {'p95':>7} {'naive med':>10} {'x':>6} "
        f"{'finance med':>12} {'plan med':>9}"
    )
    medians: dict[str, list[float]] = {"whatif": [], "naive": [], "finance": [], "plan": []}
    for path in example_files():
        times = measure(path, args.rounds, rng, catalogue)
        row = {key: statistics.median(values) for key, values in times.items()}
        for key, value in row.items():
            medians[key].append(value)
        print(
            f"{path.stem:38} {row['whatif']:9.2f}ms {p95(times['whatif']):5.2f}ms "
            f"{row['naive']:8.1f}ms {row['naive'] / row['whatif']:5.0f}x "
            f"{row['finance']:10.1f}ms {row['plan']:7.0f}ms"
        )
    overall = {key: statistics.median(values) for key, values in medians.items()}
    print(
        f"\nmedian over clubs: what-if {overall['whatif']:.2f} ms (goal < 50 ms), naive rebuild "
        f"{overall['naive']:.1f} ms ({overall['naive'] / overall['whatif']:.0f}x slower); "
        f"finance with three scenarios {overall['finance']:.1f} ms inside an offline plan of "
        f"{overall['plan']:.0f} ms (goal < 300 ms)"
    )


if __name__ == "__main__":
    main()
