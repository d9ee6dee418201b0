"""Builders of realistic test data: club profiles from the examples, full-size plans.

The plans are shaped like real ones (21 MACRO objectives with actions, KPIs
and budget ranges, a summary and a financial plan) so storage tests and the
storage benchmark see realistic sizes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from engine.domain import Area, ClubProfile, Plan, macro_codes, seasons_after
from engine.domain.plan import (
    KPI,
    Action,
    AreaSection,
    BudgetRange,
    ExecutiveSummary,
    FinanceKind,
    FinanceLine,
    FinancialPlan,
    GenerationInfo,
    MacroObjective,
    Priority,
    RoadmapPhase,
)
from engine.domain.sourced import SourcedValue
from engine.paths import resource_path

EXAMPLES = resource_path("examples")
WORDS = [
    "settore",
    "giovanile",
    "allenatori",
    "qualificati",
    "reclutamento",
    "scuole",
    "fidelizzazione",
    "famiglie",
    "impianto",
    "spogliatoi",
    "efficienza",
    "energetica",
    "volontari",
    "formazione",
    "sponsor",
    "comunicazione",
    "social",
    "inclusione",
    "disabilità",
    "salute",
    "benessere",
    "ambiente",
    "raccolta",
    "differenziata",
    "tutela",
    "minori",
    "safeguarding",
    "parità",
    "genere",
    "squadra",
    "femminile",
    "prima",
    "squadra",
    "metodologia",
    "campo",
    "palestra",
    "piscina",
    "bilancio",
    "quote",
    "tesseramento",
    "eventi",
    "territorio",
    "comune",
    "bando",
    "regionale",
]


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.json"))


def example_club(name: str = "calcio-giovanile-asd") -> ClubProfile:
    return ClubProfile.model_validate_json((EXAMPLES / f"{name}.json").read_text("utf-8"))


def club_dict(name: str = "calcio-giovanile-asd") -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text("utf-8"))


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def make_plan(
    club: ClubProfile | None = None,
    seed: int = 0,
    club_name: str | None = None,
    city: str | None = None,
    sport: str | None = None,
) -> Plan:
    """A complete plan of realistic size; ``seed`` varies the prose."""
    rng = random.Random(seed)
    club = club or example_club()
    identity_changes = {}
    if club_name:
        identity_changes["name"] = club_name
    if city:
        identity_changes["city"] = city
    if sport:
        identity_changes["sports"] = [sport]
    if identity_changes:
        identity = club.identity.model_copy(update=identity_changes)
        club = club.model_copy(update={"identity": identity})
    start = club.identity.season_start_year + 1
    areas = []
    for area in Area:
        objectives = []
        for index, code in enumerate(macro_codes(area)):
            actions = [
                Action(
                    code=f"{code}.{n}",
                    what=_sentence(rng, 18),
                    owner_role=rng.choice(
                        [
                            "Presidente",
                            "Direttore tecnico",
                            "Segreteria",
                            "Responsabile comunicazione",
                        ]
                    ),
                    deadline=dt.date(start + n % 3, 1 + (n * 4) % 12, 15),
                )
                for n in range(1, 5)
            ]
            kpis = [
                KPI(
                    name=_sentence(rng, 5),
                    unit="n",
                    baseline=SourcedValue.questionnaire(rng.randint(0, 300), "n"),
                    targets=[
                        SourcedValue.estimate(rng.randint(10, 400), "n", "Terzjus 2024")
                        for _ in range(3)
                    ],
                    source=_sentence(rng, 8),
                )
                for _ in range(3)
            ]
            low = rng.randint(1, 20) * 500
            objectives.append(
                MacroObjective(
                    code=code,
                    priority=1 + index % 3,
                    title=_sentence(rng, 6),
                    objective=_sentence(rng, 30),
                    baseline=_sentence(rng, 45),
                    gap=_sentence(rng, 30),
                    actions=actions,
                    kpis=kpis,
                    budget=BudgetRange(
                        min_eur=low, max_eur=low * 2, reference="FIGC-Deloitte 2016"
                    ),
                )
            )
        areas.append(AreaSection(area=area, intro=_sentence(rng, 40), objectives=objectives))
    lines = [
        FinanceLine(
            category=name,
            label=name.replace("_", " "),
            kind=FinanceKind.REVENUE,
            values=[SourcedValue.questionnaire(float(rng.randint(1000, 90000)), "EUR/anno")]
            + [
                SourcedValue.estimate(float(rng.randint(1000, 90000)), "EUR/anno", "Istat 2015")
                for _ in range(3)
            ],
        )
        for name in club.revenue.items()
    ]
    summary = ExecutiveSummary(
        vision=_sentence(rng, 40),
        area_paragraphs={area: _sentence(rng, 60) for area in Area},
        priorities=[
            Priority(code=f"SP{n}", title=_sentence(rng, 5), reason=_sentence(rng, 10))
            for n in range(1, 6)
        ],
        quick_wins=[_sentence(rng, 12) for _ in range(5)],
        roadmap=[
            RoadmapPhase(year=year, title=_sentence(rng, 3), items=[_sentence(rng, 10)] * 3)
            for year in (1, 2, 3)
        ],
    )
    return Plan(
        title=f"Piano strategico {club.identity.name}",
        seasons=seasons_after(club.identity.reference_season),
        club=club,
        generation=GenerationInfo(
            provider="test-factory", generated_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
        ),
        executive_summary=summary,
        areas=areas,
        financial_plan=FinancialPlan(lines=lines, commentary=_sentence(rng, 80)),
    )
