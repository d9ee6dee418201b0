"""Storage benchmark: a store of 10,000 realistic plans, timed against the naive way.

Run: ``python bench/storage.py`` (``--plans 2000`` for a quicker run).

For each operation the app performs it prints p50/p95 over many runs, and the
same result computed the naive way (Python-side filtering, LIKE scans, or
decompressing every plan) so the effect of the indexes is visible in one run.
Goals (issue 2, 2-core machine): list and search p95 < 20 ms, knowledge
lookup p95 < 5 ms, save < 30 ms, open < 15 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select, text

from engine.domain import PlanStatus
from engine.paths import database_path
from engine.service import Service
from engine.storage import plans as repo
from engine.storage.models import PlanRow, PlanVersionRow
from engine.storage.plans import SortKey, VersionSource
from engine.storage.search_text import plan_search_text, unpack
from tests.factories import example_club, make_plan

SPORTS = ["calcio", "pallavolo", "nuoto", "pallacanestro", "rugby", "tennis", "atletica"]
EXAMPLES = ["calcio-giovanile-asd", "pallavolo-ssd", "nuoto-piscina-comunale-asd"]
TOWNS = ["Seregno", "Pesaro", "Perugia", "Bari", "Trento", "Cagliari", "Lecce", "Asti", "Udine"]
SEARCHES = [
    "calcio",
    "seregno",
    "giovanile femminile",
    "efficienza energetica",
    "club 123",
    "sponsor",
    "piscina",
    "inclusione disabilità",
]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def timed(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(
    name: str, samples: list[float], goal_ms: float | None = None, naive: list[float] | None = None
) -> None:
    p50, p95 = statistics.median(samples), percentile(samples, 0.95)
    line = f"{name:<34} p50 {p50:8.2f} ms   p95 {p95:8.2f} ms"
    if goal_ms is not None:
        line += f"   goal p95 < {goal_ms:g} ms {'OK' if p95 < goal_ms else 'MISSED'}"
    print(line)
    if naive:
        naive_p50 = statistics.median(naive)
        print(
            f"{'  naive way':<34} p50 {naive_p50:8.2f} ms   "
            f"({naive_p50 / max(p50, 1e-6):,.0f}x slower)"
        )


def fill(service: Service, count: int, seed: int = 7) -> list[int]:
    """``count`` plans from a pool of distinct generated ones, renamed per club."""
    rng = random.Random(seed)
    templates = [
        make_plan(example_club(EXAMPLES[n % 3]), seed=n, sport=SPORTS[n % len(SPORTS)])
        for n in range(60)
    ]
    ids: list[int] = []
    started = time.perf_counter()
    batch = 250
    for first in range(0, count, batch):
        with service.db.write() as session:
            for n in range(first, min(count, first + batch)):
                template = templates[n % len(templates)]
                identity = template.club.identity.model_copy(
                    update={
                        "name": f"Club {n} {rng.choice(['ASD', 'Polisportiva', 'Virtus'])}",
                        "city": rng.choice(TOWNS),
                    }
                )
                plan = template.model_copy(
                    update={
                        "uid": str(uuid.uuid4()),
                        "club": template.club.model_copy(update={"identity": identity}),
                    }
                )
                row = repo.create_plan(session, plan, VersionSource.GENERATED)
                if n % 5 == 0:
                    repo.set_status(session, row.id, PlanStatus.APPROVED)
                ids.append(row.id)
        done = len(ids)
        rate = done / (time.perf_counter() - started)
        print(f"\r  filled {done:>6}/{count} plans ({rate:,.0f}/s)", end="", flush=True)
    print()
    return ids


def naive_list(service: Service, sport: str) -> list[PlanRow]:
    """All rows into Python, then filter, sort and slice there."""
    with service.db.read() as session:
        rows = list(session.scalars(select(PlanRow)))
    live = [r for r in rows if r.deleted_at is None and r.sport == sport]
    return sorted(live, key=lambda r: r.updated_at, reverse=True)[:50]


def naive_search(service: Service, words: str) -> list[int]:
    """Without an index: read every live plan's current text and look for the words."""
    wanted = words.casefold().split()
    with service.db.read() as session:
        rows = session.execute(
            select(PlanRow.id, PlanVersionRow.content)
            .join(PlanVersionRow, PlanVersionRow.plan_id == PlanRow.id)
            .where(PlanVersionRow.number == PlanRow.current_version, PlanRow.deleted_at.is_(None))
            .order_by(PlanRow.updated_at.desc())
        ).all()
    found = []
    for plan_id, content in rows:
        body = plan_search_text(unpack(content)).casefold()
        if all(word in body for word in wanted):
            found.append(plan_id)
            if len(found) == 50:
                break
    return found


def naive_knowledge(service: Service, sport: str, sample: int) -> int:
    """No index: decompress the latest plans and pick approved same-sport ones."""
    with service.db.read() as session:
        versions = session.execute(
            select(PlanVersionRow.content, PlanRow.sport, PlanRow.status)
            .join(PlanRow, PlanRow.id == PlanVersionRow.plan_id)
            .where(PlanVersionRow.number == PlanRow.current_version)
            .limit(sample)
        ).all()
    found = 0
    for content, plan_sport, status in versions:
        document = unpack(content)
        if plan_sport == sport and status == "approved" and document.get("areas"):
            found += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="use (and keep) this data folder")
    args = parser.parse_args()
    home = args.keep or Path(tempfile.mkdtemp(prefix="rf-bench-"))
    service = Service(home)
    rng = random.Random(1)
    print(f"Storage benchmark: {args.plans:,} plans, {args.runs} runs per figure, data in {home}")
    existing = service.list_plans(limit=1, with_total=True).total
    if existing < args.plans:
        fill_start = time.perf_counter()
        fill(service, args.plans - existing)
        print(f"  fill time {time.perf_counter() - fill_start:,.1f} s")
    with service.db.read() as session:
        ids = list(session.scalars(select(PlanRow.id)))
        raw_bytes = session.scalar(text("SELECT sum(size_bytes) FROM plan_versions")) or 0
    with service.db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.exec_driver_sql("ANALYZE")
    size = database_path(home).stat().st_size
    print(
        f"  database {size / 1e6:,.1f} MB for {len(ids):,} plans "
        f"(plan JSON uncompressed would be {raw_bytes / 1e6:,.1f} MB on its own)\n"
    )

    runs = args.runs
    pages = max(1, len(ids) // 7 // 50)
    report(
        "library page (sport, last edited)",
        timed(
            lambda: service.list_plans(
                sport=rng.choice(SPORTS), limit=50, offset=50 * rng.randrange(pages)
            ),
            runs,
        ),
        20,
        timed(lambda: naive_list(service, rng.choice(SPORTS)), 5),
    )
    report(
        "library page (sorted by club name)",
        timed(
            lambda: service.list_plans(
                sort=SortKey.CLUB, descending=False, limit=50, offset=50 * rng.randrange(pages)
            ),
            runs,
        ),
        20,
    )
    report(
        "full-text search (50 rows)",
        timed(lambda: service.list_plans(search=rng.choice(SEARCHES), limit=50), runs),
        20,
        timed(lambda: naive_search(service, rng.choice(SEARCHES)), 3),
    )
    report(
        "search + count of every match",
        timed(lambda: service.list_plans(search=rng.choice(SEARCHES), with_total=True), runs),
    )
    report(
        "knowledge lookup (one section)",
        timed(
            lambda: service.knowledge_examples(
                rng.choice(["sports", "marketing", "social", "infrastructure"]),
                rng.choice(SPORTS),
                rng.choice(["small", "medium", "large"]),
            ),
            runs,
        ),
        5,
        timed(lambda: naive_knowledge(service, rng.choice(SPORTS), 500), 3),
    )
    plan_cache = {pid: service.get_plan(pid).plan for pid in rng.sample(ids, 20)}
    report(
        "save a new version",
        timed(
            lambda: service.save_version(
                (pid := rng.choice(list(plan_cache))), plan_cache[pid], "bench"
            ),
            runs // 2,
        ),
        30,
    )
    report("open a plan", timed(lambda: service.get_plan(rng.choice(ids)), runs), 15)
    service.close()


if __name__ == "__main__":
    main()
