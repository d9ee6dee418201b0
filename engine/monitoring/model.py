"""What a club measures and does during the plan's three seasons, and how it stands.

Actuals and action states are their own dated records (``engine.storage.actuals``),
never a rewrite of a plan version; the status types below are computed from them
(``engine.monitoring.status``) and read by the desktop, the CLI and the report alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Review(StrEnum):
    MID = "mid"  # mid-season review (January)
    END = "end"  # season end (June)


class Subject(StrEnum):
    KPI = "kpi"  # key: the KPI's name; objective: its objective's code
    # key: a financial plan row (revenue_total, cost_total, cash...) or a revenue or cost
    # line as "kind.category" (revenue.fees, cost.coaches_staff...)
    FINANCE = "finance"
    BUDGET = "budget"  # key: "spent"; objective: the objective's code


class ActionState(StrEnum):
    OPEN = "open"
    DONE = "done"
    LATE = "late"
    DROPPED = "dropped"


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    UNMEASURED = "unmeasured"  # "da rilevare": never green

    def label(self, language: str = "it") -> str:
        return RAG_LABELS[self][0 if language == "it" else 1]


RAG_LABELS = {
    Rag.GREEN: ("in linea", "on track"),
    Rag.AMBER: ("da seguire", "watch"),
    Rag.RED: ("in ritardo", "off track"),
    Rag.UNMEASURED: ("da rilevare", "to be measured"),
}
SEVERITY = {Rag.UNMEASURED: 0, Rag.GREEN: 1, Rag.AMBER: 2, Rag.RED: 3}


def worst(rags: list[Rag]) -> Rag:
    """The worst measured status; unmeasured only when nothing was measured."""
    measured = [r for r in rags if r is not Rag.UNMEASURED]
    return max(measured, key=SEVERITY.__getitem__) if measured else Rag.UNMEASURED


@dataclass(frozen=True)
class Actual:
    subject: Subject
    key: str
    season: str
    review: Review
    value: float
    objective: str | None = None
    source: str = ""
    recorded_at: dt.datetime | None = None


@dataclass(frozen=True)
class ActionRecord:
    action: str
    state: ActionState
    on: dt.date | None = None
    source: str = ""
    recorded_at: dt.datetime | None = None


@dataclass(frozen=True)
class KpiStatus:
    objective: str
    name: str
    unit: str
    expected: float | None  # the target at this review
    actual: float | None
    rag: Rag
    more_is_better: bool
    # Per season of the plan: (season, target, latest actual) for the sparkline.
    series: tuple[tuple[str, float | None, float | None], ...] = ()


@dataclass(frozen=True)
class ActionStatus:
    code: str
    what: str
    owner: str
    deadline: dt.date
    state: ActionState  # LATE when due, not done and not dropped


@dataclass(frozen=True)
class ObjectiveStatus:
    code: str
    title: str
    area: str
    rag: Rag
    kpis: tuple[KpiStatus, ...]
    actions: tuple[ActionStatus, ...]

    @property
    def late(self) -> list[ActionStatus]:
        return [a for a in self.actions if a.state is ActionState.LATE]

    @property
    def due(self) -> list[ActionStatus]:
        """Actions that count at this review: done or late (open and dropped ones do not)."""
        return [a for a in self.actions if a.state not in (ActionState.OPEN, ActionState.DROPPED)]


@dataclass(frozen=True)
class BudgetStatus:
    planned_low: float  # the range for the seasons elapsed
    planned_high: float
    spent: float | None
    rag: Rag


@dataclass(frozen=True)
class AreaStatus:
    area: str
    label: str
    rag: Rag
    objectives: tuple[ObjectiveStatus, ...]
    budget: BudgetStatus


@dataclass(frozen=True)
class FinanceStatus:
    key: str
    label: str
    forecast: float | None
    actual: float | None
    rag: Rag

    @property
    def variance(self) -> float | None:
        if self.forecast is None or self.actual is None:
            return None
        return self.actual - self.forecast


@dataclass(frozen=True)
class Progress:
    season: str
    review: Review
    as_of: dt.date
    rag: Rag
    areas: tuple[AreaStatus, ...]
    finance: tuple[FinanceStatus, ...]
    counts: dict[Rag, int] = field(default_factory=dict)  # KPIs by status
    finance_lines: tuple[FinanceStatus, ...] = ()  # revenue and cost lines, when recorded

    def objectives(self) -> list[ObjectiveStatus]:
        return [o for area in self.areas for o in area.objectives]

    def reds(self) -> list[ObjectiveStatus]:
        return [o for o in self.objectives() if o.rag is Rag.RED]
