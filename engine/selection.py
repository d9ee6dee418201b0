"""The numeric skeleton of a plan: priorities, budgets, KPIs and actions, by rule.

Users of the earlier product could not trust figures a language model made
up. Here every number an objective carries is computed from the club's
questionnaire and the catalogue's named benchmarks; agents (AI or offline)
write the prose around this skeleton and cannot change it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from engine.catalogue import Catalogue, KpiTemplate, Macro, Micro
from engine.domain.language import Language
from engine.domain.plan import KPI, Action, BudgetRange
from engine.domain.sourced import SourcedValue, SourceTier
from engine.facts import ClubFacts

CENT = Decimal("0.01")
SEASON_START_MONTH = 9  # Italian sports seasons start in September
DEFAULT_MEMBERS = 100  # size used to scale fixed budgets when membership is unknown
DEFAULT_REVENUE = Decimal(30000)  # Istat 2015: 61% of non-profits are below EUR 30k


def cents(value: Decimal | float | int) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class SelectedObjective:
    macro: Macro
    priority: int
    budget: BudgetRange
    kpis: list[KPI]
    actions: list[Action]
    micro: list[Micro]
    reasons: tuple[str, ...] = ()  # the conditions that set the priority (engine.facts names)

    @property
    def code(self) -> str:
        return self.macro.code

    @property
    def committed_budget(self) -> Decimal:
        """What the financial plan commits: the prudent end of the range.

        The rest of the range is what the funding sources (grants, loans,
        sponsors) would have to add; the plan says so rather than assume it.
        """
        return cents(self.budget.min_eur)


def priority_of(macro: Macro, facts: ClubFacts) -> tuple[int, tuple[str, ...]]:
    """The most urgent rule that holds wins; otherwise the catalogue's default.

    Returns the priority and the conditions behind it (for the plan's reasons).
    """
    fired = [rule for rule in macro.priority.rules if facts.holds(rule.when)]
    if not fired:
        return macro.priority.default, ()
    priority = min(rule.priority for rule in fired)
    return priority, tuple(rule.when for rule in fired if rule.priority == priority)


def _reference(catalogue: Catalogue, key: str) -> str:
    return catalogue.benchmark_name(key)


def budget_for(macro: Macro, facts: ClubFacts, catalogue: Catalogue) -> BudgetRange:
    """A min-max range in EUR over the three seasons, with the benchmark it comes from."""
    rule = macro.budget
    reference = _reference(catalogue, rule.benchmark)
    revenue = facts.revenue_total()
    members = facts.number("members_total") or DEFAULT_MEMBERS
    low: Decimal
    high: Decimal
    if rule.basis == "revenue_share":
        base = Decimal(str(revenue)) if revenue else DEFAULT_REVENUE
        low, high = base * Decimal(str(rule.min)) * 3, base * Decimal(str(rule.max)) * 3
        if not revenue:
            reference += " (entrate non indicate: base Istat 2015 di 30.000 EUR)"
    elif rule.basis == "per_member":
        low = Decimal(str(rule.min)) * Decimal(str(members)) * 3
        high = Decimal(str(rule.max)) * Decimal(str(members)) * 3
    elif rule.basis == "per_paid_worker":
        workers = Decimal(str(facts.number("paid_workers") or 1))
        per_worker = Decimal(14500)  # FIGC-Deloitte 2016: EUR 14.5k per paid worker
        low = per_worker * workers * Decimal(str(rule.min)) * 3
        high = per_worker * workers * Decimal(str(rule.max)) * 3
    else:  # fixed, optionally scaled by club size
        scale = Decimal(str(members)) / DEFAULT_MEMBERS if rule.scale == "members" else Decimal(1)
        scale = max(Decimal("0.5"), min(scale, Decimal(3)))
        low, high = Decimal(str(rule.min)) * scale, Decimal(str(rule.max)) * scale
    return BudgetRange(
        min_eur=float(_round_budget(low)),
        max_eur=float(_round_budget(high)),
        tier=SourceTier.ESTIMATE,
        reference=reference,
    )


def _round_budget(value: Decimal) -> Decimal:
    """Budgets are ranges to verify: round to EUR 50 so they never look falsely precise."""
    return (value / 50).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 50


def kpi_for(
    template: KpiTemplate, facts: ClubFacts, catalogue: Catalogue, language: Language
) -> KPI:
    reference = _reference(catalogue, template.benchmark)
    if template.baseline is not None:
        baseline = facts.figure(template.baseline).model_copy(update={"unit": template.unit})
    else:
        baseline = SourcedValue.missing(template.unit)
    targets = [
        SourcedValue.estimate(value, template.unit, reference)
        if value is not None
        else SourcedValue.missing(template.unit)
        for value in _targets(template, baseline, facts)
    ]
    return KPI(
        name=template.name.get(language),
        unit=template.unit,
        baseline=baseline,
        targets=targets,
        source=template.measure.get(language),
    )


def _targets(
    template: KpiTemplate, baseline: SourcedValue, facts: ClubFacts
) -> list[float | int | None]:
    rule = template.target
    base = baseline.value if isinstance(baseline.value, int | float) else None
    integer = template.unit.startswith("n") or template.unit in ("sì/no",)
    if rule.kind == "values":
        return [_shape(v, integer) for v in rule.values or []]
    if rule.kind == "share_of":
        whole = facts.number(rule.of or "")
        if whole is None:
            return [None, None, None]
        return [_shape(whole * share, True) for share in rule.values or []]
    if base is None:
        return [None, None, None]
    if rule.kind == "growth":
        return [_shape(base * (1 + step), integer) for step in rule.steps or []]
    if rule.kind == "points":
        return [_shape(min(100.0, base + step), False) for step in rule.steps or []]
    goal = rule.value or base  # toward: close part of the gap each year
    if base >= goal:  # already past the benchmark: keep improving, a point a year
        return [_shape(min(100.0, base + year), False) for year in (1, 2, 3)]
    return [_shape(base + (goal - base) * step, False) for step in rule.steps or []]


def _shape(value: float, integer: bool) -> float | int:
    return round(value) if integer else round(value, 1)


def actions_for(
    macro: Macro, facts: ClubFacts, first_season_start: dt.date, priority: int, language: Language
) -> tuple[list[Action], list[Micro]]:
    """Applicable MICRO actions, with deadlines counted from the year the objective starts."""
    chosen = [m for m in macro.micro if m.when is None or facts.holds(m.when)]
    if not chosen:  # never an empty objective: keep the first action
        chosen = macro.micro[:1]
    start = dt.date(first_season_start.year + priority - 1, first_season_start.month, 1)
    actions = [
        Action(
            code=micro.code,
            what=micro.what.get(language),
            owner_role=macro.owner_role.get(language),
            deadline=_month_end(start, micro.month),
        )
        for micro in chosen
    ]
    return actions, chosen


def _month_end(start: dt.date, months: int) -> dt.date:
    month_index = start.month - 1 + months - 1
    year, month = start.year + month_index // 12, month_index % 12 + 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def first_season_start(reference_season: str) -> dt.date:
    return dt.date(int(reference_season[:4]) + 1, SEASON_START_MONTH, 1)


def select(
    facts: ClubFacts, catalogue: Catalogue, language: Language
) -> dict[str, SelectedObjective]:
    """All 21 objectives with their computed skeleton, keyed by code."""
    start = first_season_start(facts.club.identity.reference_season)
    selected: dict[str, SelectedObjective] = {}
    for macro in catalogue.objectives:
        priority, reasons = priority_of(macro, facts)
        actions, micro = actions_for(macro, facts, start, priority, language)
        selected[macro.code] = SelectedObjective(
            macro=macro,
            priority=priority,
            budget=budget_for(macro, facts, catalogue),
            kpis=[kpi_for(k, facts, catalogue, language) for k in macro.kpis],
            actions=actions,
            micro=micro,
            reasons=reasons,
        )
    return selected
