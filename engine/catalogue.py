"""The STW catalogue (21 MACRO objectives, their MICRO actions) and the shipped benchmarks.

Both are data in ``resources/catalogue/``. They are loaded and checked once
at start; a broken file is a ``CatalogueError`` that names the entry, so a
content editor can fix it without reading a traceback.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from engine.domain.language import Language
from engine.domain.plan import AREA_OBJECTIVE_COUNT, Area
from engine.facts import CONDITIONS
from engine.paths import resource_path

BASELINES = frozenset(
    {
        "members_total",
        "members_youth",
        "members_over_60",
        "female_share",
        "retention_rate",
        "new_members",
        "waiting_list",
        "teams_total",
        "coaches_total",
        "volunteers",
        "paid_workers",
        "facility_hours",
        "facilities_cost",
        "revenue_total",
        "sponsorship",
        "events_revenue",
        "bar_merchandise",
        "donations",
        "average_fee",
    }
)


class CatalogueError(Exception):
    def __init__(self, entry: str, problem: str) -> None:
        super().__init__(f"Catalogo STW, voce {entry}: {problem} / STW catalogue, entry {entry}")
        self.entry = entry


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Data):
    it: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: Language | str) -> str:
        return self.it if Language(language) is Language.IT else self.en


class Target(_Data):
    """How a KPI's three yearly targets follow from its baseline."""

    kind: Literal["growth", "values", "share_of", "toward", "points"]
    steps: list[float] | None = None  # growth: +x per year; toward: fraction of the gap; points
    values: list[float] | None = None  # values: absolute; share_of: fractions of ``of``
    of: str | None = None
    value: float | None = None  # toward: the level to approach


class KpiTemplate(_Data):
    key: str
    name: Text
    unit: str
    baseline: str | None  # a figure name from engine.facts, or None: to be collected
    target: Target
    benchmark: str
    measure: Text


class Budget(_Data):
    basis: Literal["revenue_share", "fixed", "per_member", "per_paid_worker"]
    min: float | None = None
    max: float | None = None
    benchmark: str
    scale: Literal["members"] | None = None


class PriorityRule(_Data):
    when: str
    priority: int = Field(ge=1, le=3)


class Priority(_Data):
    default: int = Field(ge=1, le=3)
    rules: list[PriorityRule] = Field(default_factory=list)


class Micro(_Data):
    code: str
    what: Text
    month: int = Field(ge=1, le=36)  # deadline: months after the plan's first season starts
    when: str | None = None  # a condition: included only when it holds


class Macro(_Data):
    code: str
    area: Area
    title: Text
    objective: Text
    owner_role: Text
    priority: Priority
    budget: Budget
    kpis: list[KpiTemplate] = Field(min_length=1)
    micro: list[Micro] = Field(min_length=1)


class Benchmark(_Data):
    name: str
    note_it: str
    note_en: str


class Catalogue(_Data):
    version: int
    objectives: list[Macro]
    benchmarks: dict[str, Benchmark]

    def area(self, area: Area) -> list[Macro]:
        return [m for m in self.objectives if m.area is area]

    def macro(self, code: str) -> Macro:
        return next(m for m in self.objectives if m.code == code)

    def benchmark_name(self, key: str) -> str:
        return self.benchmarks[key].name

    @property
    def micro_count(self) -> int:
        return sum(len(m.micro) for m in self.objectives)


def _read(path: Path, entry: str) -> dict:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise CatalogueError(entry, f"file {path.name} unreadable: {error}") from None


def _check(catalogue: Catalogue) -> None:
    for area in Area:
        macros = catalogue.area(area)
        expected = [f"{area.prefix}{n}" for n in range(1, AREA_OBJECTIVE_COUNT[area] + 1)]
        if [m.code for m in macros] != expected:
            raise CatalogueError(area.value, f"codes {[m.code for m in macros]} != {expected}")
    for macro in catalogue.objectives:
        for index, micro in enumerate(macro.micro, start=1):
            if micro.code != f"{macro.code}.{index}":
                raise CatalogueError(micro.code, f"expected code {macro.code}.{index}")
            if micro.when and micro.when not in CONDITIONS:
                raise CatalogueError(micro.code, f"unknown condition '{micro.when}'")
        for rule in macro.priority.rules:
            if rule.when not in CONDITIONS:
                raise CatalogueError(macro.code, f"unknown condition '{rule.when}'")
        benchmarks = [macro.budget.benchmark] + [k.benchmark for k in macro.kpis]
        for key in benchmarks:
            if key not in catalogue.benchmarks:
                raise CatalogueError(macro.code, f"unknown benchmark '{key}'")
        for kpi in macro.kpis:
            for name in (kpi.baseline, kpi.target.of):
                if name is not None and name not in BASELINES:
                    raise CatalogueError(f"{macro.code} {kpi.key}", f"unknown figure '{name}'")
            needed = {
                "growth": "steps",
                "toward": "steps",
                "points": "steps",
                "values": "values",
                "share_of": "values",
            }[kpi.target.kind]
            series = getattr(kpi.target, needed)
            if not series or len(series) != 3:
                raise CatalogueError(f"{macro.code} {kpi.key}", f"target needs 3 {needed}")
        budget = macro.budget
        if budget.min is None or budget.max is None or budget.max < budget.min:
            raise CatalogueError(macro.code, "budget needs min <= max")


def load_catalogue(folder: Path | None = None) -> Catalogue:
    """Read and check ``stw.json`` and ``benchmarks.json``; raises ``CatalogueError``."""
    folder = folder or resource_path("catalogue")
    objectives = _read(folder / "stw.json", "stw.json")
    benchmarks = _read(folder / "benchmarks.json", "benchmarks.json")
    try:
        catalogue = Catalogue.model_validate(
            {
                "version": objectives.get("version", 0),
                "objectives": objectives.get("objectives"),
                "benchmarks": benchmarks.get("benchmarks"),
            }
        )
    except ValidationError as error:
        first = error.errors()[0]
        where = _entry_name(objectives, first["loc"])
        raise CatalogueError(where, f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None
    _check(catalogue)
    return catalogue


def _entry_name(data: dict, loc: tuple) -> str:
    if len(loc) >= 2 and loc[0] == "objectives" and isinstance(loc[1], int):
        try:
            macro = data["objectives"][loc[1]]
            if len(loc) >= 4 and loc[2] == "micro" and isinstance(loc[3], int):
                return str(macro["micro"][loc[3]].get("code", "?"))
            return str(macro.get("code", f"#{loc[1] + 1}"))
        except (KeyError, IndexError, TypeError):
            pass
    return str(loc[0]) if loc else "?"


@cache
def default_catalogue() -> Catalogue:
    return load_catalogue()
