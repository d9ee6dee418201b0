"""Roll forward: at season end, the remaining targets start again from what happened.

For each KPI measured at the end of the closed season, the targets of the seasons left
keep their planned steps but start from the actual: target' = target + (actual - the
closed season's target). Only the KPIs the user agrees to are re-based; the closed
season's target and the starting value stay as planned (the history a board reads).
The result is a new plan version, so the change shows in the version diff, and the texts
that quote the targets follow the new numbers (``engine.edits``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from engine import edits
from engine.agents.context import build_context
from engine.domain.plan import KPI, Plan
from engine.domain.sourced import USER_EDIT_REFERENCE, SourcedValue
from engine.monitoring.model import Actual, Review, Subject
from engine.monitoring.status import latest


@dataclass(frozen=True)
class Rebase:
    objective: str
    kpi: str
    actual: float
    shift: float  # added to each remaining target
    unit: str = ""


def _shifted(target: SourcedValue, shift: float, today: dt.date) -> SourcedValue:
    """The target moved by ``shift``: the user's decision, dated, as an edited value."""
    if not isinstance(target.value, int | float):
        return target
    new = round(float(target.value) + shift, 2)
    return SourcedValue(
        value=int(new) if new.is_integer() else new,
        unit=target.unit,
        reference=USER_EDIT_REFERENCE,
        date=today,
    )


def proposals(plan: Plan, actuals: Iterable[Actual], season: str) -> list[Rebase]:
    """What re-basing would change: KPIs measured at the season's end, off their target."""
    index = plan.seasons.index(season)
    if index == len(plan.seasons) - 1:
        return []  # the last season: nothing left to re-base
    found = latest(actuals)
    result = []
    for objective in plan.objectives():
        for kpi in objective.kpis:
            hit = found.get((Subject.KPI, objective.code, kpi.name, season, Review.END))
            target = kpi.targets[index].value
            if hit is None or not isinstance(target, int | float):
                continue
            shift = hit.value - float(target)
            if shift:
                result.append(Rebase(objective.code, kpi.name, hit.value, shift, kpi.unit))
    return result


def roll_forward(
    plan: Plan, season: str, accepted: list[Rebase], today: dt.date | None = None
) -> Plan:
    """The plan with the accepted KPIs re-based from ``season`` on."""
    today = today or dt.date.today()
    index = plan.seasons.index(season)
    by_objective: dict[str, dict[str, Rebase]] = {}
    for rebase in accepted:
        by_objective.setdefault(rebase.objective, {})[rebase.kpi] = rebase
    ctx = build_context(plan.club, plan.language) if by_objective else None
    for objective in plan.objectives():
        chosen = by_objective.get(objective.code)
        if not chosen:
            continue
        kpis: list[KPI] = []
        for kpi in objective.kpis:
            rebase = chosen.get(kpi.name)
            if rebase is None:
                kpis.append(kpi)
                continue
            targets = [
                _shifted(t, rebase.shift, today) if j > index else t
                for j, t in enumerate(kpi.targets)
            ]
            kpis.append(kpi.model_copy(update={"targets": targets}))
        plan = edits.edit_objective(plan, objective.model_copy(update={"kpis": kpis}), ctx)
    return plan
