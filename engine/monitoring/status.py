"""Red, amber or green, from the plan's targets and what the club measured.

Pure functions over a plan, its actuals and its action states: no storage, no Qt, so
the desktop's progress view, the CLI and the board report compute the same status
(and ``bench/monitoring.py`` can time it: goal under 20 ms for three seasons).
The rules are data (``resources/catalogue/monitoring.json``, read by ``rules``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from engine.domain.plan import KPI, Area, FinanceKind, MacroObjective, Plan
from engine.monitoring.model import (
    ActionRecord,
    ActionState,
    ActionStatus,
    Actual,
    AreaStatus,
    BudgetStatus,
    FinanceStatus,
    KpiStatus,
    ObjectiveStatus,
    Progress,
    Rag,
    Review,
    Subject,
    worst,
)
from engine.monitoring.rules import MonitoringRules, load_rules


def review_date(season: str, review: Review) -> dt.date:
    """Mid-season is the end of January, season end the end of June (a club's calendar)."""
    second = int(season[:4]) + 1
    return dt.date(second, 1, 31) if review is Review.MID else dt.date(second, 6, 30)


def current_season(seasons: list[str], today: dt.date) -> str:
    """The plan season running on ``today`` (the first before the plan, the last after)."""
    start = today.year if today.month >= 9 else today.year - 1
    season = f"{start}/{(start + 1) % 100:02d}"
    if season in seasons:
        return season
    return seasons[0] if season < seasons[0] else seasons[-1]


def latest(actuals: Iterable[Actual]) -> dict[tuple, Actual]:
    """The latest record per subject, objective, key, season and review (corrections win)."""
    found: dict[tuple, Actual] = {}
    for actual in actuals:  # records arrive oldest first
        found[(actual.subject, actual.objective, actual.key, actual.season, actual.review)] = actual
    return found


def number_of(value: object) -> float | None:
    """A sourced value's number; None for one still to collect or a text."""
    raw = getattr(value, "value", None)
    return float(raw) if isinstance(raw, int | float) else None


def _band(actual: float, expected: float, more_is_better: bool, tolerance: float) -> Rag:
    margin = tolerance * max(abs(expected), 1e-9)
    gap = actual - expected if more_is_better else expected - actual
    if gap >= 0:
        return Rag.GREEN
    return Rag.AMBER if -gap <= margin else Rag.RED


def kpi_status(
    plan: Plan,
    objective: MacroObjective,
    kpi: KPI,
    season: str,
    review: Review,
    found: dict[tuple, Actual],
    rules: MonitoringRules,
) -> KpiStatus:
    index = plan.seasons.index(season)
    values = [number_of(kpi.baseline), *(number_of(t) for t in kpi.targets)]
    previous, target = values[index], values[index + 1]
    expected = target
    if review is Review.MID and target is not None and previous is not None:
        expected = previous + (target - previous) / 2
    more_is_better = target is None or previous is None or target >= previous

    def measured(s: str, r: Review) -> float | None:
        hit = found.get((Subject.KPI, objective.code, kpi.name, s, r))
        return hit.value if hit else None

    actual = measured(season, review)
    rag = Rag.UNMEASURED
    if actual is not None and expected is not None:
        rag = _band(actual, expected, more_is_better, rules.kpi_tolerance)

    def season_value(s: str) -> float | None:  # the season's end, else its mid-season
        end = measured(s, Review.END)
        return end if end is not None else measured(s, Review.MID)

    series = tuple((s, values[i + 1], season_value(s)) for i, s in enumerate(plan.seasons))
    return KpiStatus(
        objective.code, kpi.name, kpi.unit, expected, actual, rag, more_is_better, series
    )


def action_statuses(
    objective: MacroObjective,
    states: dict[str, ActionRecord],
    as_of: dt.date,
    tracking: bool = True,
) -> tuple[ActionStatus, ...]:
    """Each action's state at the review: recorded, else late when due and not done.

    ``tracking`` False: the club has recorded nothing yet (no value, no action state), so
    an action past its deadline is not known to be late: it stays open ("da rilevare").
    """
    found = []
    for action in objective.actions:
        record = states.get(action.code)
        state = record.state if record else ActionState.OPEN
        if tracking and state is ActionState.OPEN and action.deadline <= as_of:
            state = ActionState.LATE
        found.append(
            ActionStatus(action.code, action.what, action.owner_role, action.deadline, state)
        )
    return tuple(found)


def objective_status(
    plan: Plan,
    area: Area,
    objective: MacroObjective,
    season: str,
    review: Review,
    found: dict[tuple, Actual],
    states: dict[str, ActionRecord],
    rules: MonitoringRules,
    as_of: dt.date | None = None,
    tracking: bool = True,
) -> ObjectiveStatus:
    kpis = tuple(
        kpi_status(plan, objective, k, season, review, found, rules) for k in objective.kpis
    )
    actions = action_statuses(objective, states, as_of or review_date(season, review), tracking)
    due = [
        a for a in actions if a.state is not ActionState.OPEN and a.state is not ActionState.DROPPED
    ]
    late = [a for a in due if a.state is ActionState.LATE]
    action_rag = Rag.UNMEASURED
    if due:
        share = len(late) / len(due)
        action_rag = Rag.RED if share > rules.late_share_red else Rag.AMBER if late else Rag.GREEN
    kpi_rag = worst([k.rag for k in kpis])
    if kpi_rag is Rag.UNMEASURED and action_rag is Rag.GREEN:
        rag = Rag.UNMEASURED  # actions on time, but nothing measured yet: not green
    else:
        rag = worst([kpi_rag, action_rag])
    return ObjectiveStatus(objective.code, objective.title, area.value, rag, kpis, actions)


def rollup(rags: list[Rag], red_share: float) -> Rag:
    """An area (or the plan) from its parts: red when a third or more are red."""
    measured = [r for r in rags if r is not Rag.UNMEASURED]
    if not measured:
        return Rag.UNMEASURED
    if sum(r is Rag.RED for r in measured) / len(rags) >= red_share:
        return Rag.RED
    if any(r in (Rag.RED, Rag.AMBER) for r in measured) or len(measured) < len(rags) / 2:
        return Rag.AMBER
    return Rag.GREEN


def budget_status(
    plan: Plan,
    objectives: list[MacroObjective],
    season: str,
    review: Review,
    found: dict[tuple, Actual],
    rules: MonitoringRules,
) -> BudgetStatus:
    """Spent so far against the objectives' ranges for the seasons elapsed."""
    elapsed = plan.seasons.index(season) + (0.5 if review is Review.MID else 1.0)
    share = elapsed / len(plan.seasons)
    low = sum(o.budget.min_eur for o in objectives) * share
    high = sum(o.budget.max_eur for o in objectives) * share
    # A budget record is what was spent in its season up to that review: earlier seasons
    # count with their end (else mid-season) record, this season with this review's.
    closed = plan.seasons[: plan.seasons.index(season)]
    reviews = {s: (Review.END, Review.MID) for s in closed} | {season: (review,)}
    spent_parts = []
    for o in objectives:
        for s, order in reviews.items():
            hit = next(
                (h for r in order if (h := found.get((Subject.BUDGET, o.code, "spent", s, r)))),
                None,
            )
            if hit is not None:
                spent_parts.append(hit.value)
    spent = sum(spent_parts) if spent_parts else None
    rag = Rag.UNMEASURED
    if spent is not None:
        rag = _band(spent, high, False, rules.budget_tolerance)
    return BudgetStatus(low, high, spent, rag)


LINE_DIRECTION = {FinanceKind.REVENUE: "up", FinanceKind.COST: "down"}
"""The finance lines a club records: revenue better higher, running costs lower (the
instalments and the funding are the plan's, not the season's running)."""


def _finance_forecast(values: list, index: int, review: Review, stock: bool) -> float | None:
    """The plan's figure for a review: flows count half at mid-season, a stock half-way."""
    forecast = number_of(values[index])
    if forecast is None or review is Review.END:
        return forecast
    if stock:
        before = number_of(values[index - 1])
        return forecast if before is None else before + (forecast - before) / 2
    return forecast / 2


def finance_line_status(
    plan: Plan, season: str, review: Review, found: dict[tuple, Actual], rules: MonitoringRules
) -> tuple[FinanceStatus, ...]:
    """Each revenue and cost line (``revenue.fees``...) against its forecast."""
    index = plan.seasons.index(season) + 1  # lines run Y0..Y3
    lines = []
    for line in plan.financial_plan.lines:
        direction = LINE_DIRECTION.get(line.kind)
        if direction is None:
            continue
        key = f"{line.kind.value}.{line.category}"
        forecast = _finance_forecast(line.values, index, review, stock=False)
        hit = found.get((Subject.FINANCE, None, key, season, review))
        actual = hit.value if hit else None
        rag = Rag.UNMEASURED
        if actual is not None and forecast is not None:
            rag = _band(actual, forecast, direction == "up", rules.finance_tolerance)
        lines.append(FinanceStatus(key, line.label, forecast, actual, rag))
    return tuple(lines)


def _from_lines(lines: tuple[FinanceStatus, ...], kind: FinanceKind) -> float | None:
    """A total the club did not record but whose every forecast line it did: their sum
    (a line the plan could not forecast counts when recorded)."""
    parts = [line for line in lines if line.key.startswith(f"{kind.value}.")]
    recorded = [line.actual for line in parts if line.actual is not None]
    if not recorded or any(line.actual is None and line.forecast is not None for line in parts):
        return None
    return sum(recorded)


def finance_status(
    plan: Plan,
    season: str,
    review: Review,
    found: dict[tuple, Actual],
    rules: MonitoringRules,
    lines: tuple[FinanceStatus, ...] = (),
) -> tuple[FinanceStatus, ...]:
    """The plan's rows (totals, result, cash) against the forecast; a total nobody
    recorded is the sum of its lines when all of them were recorded."""
    index = plan.seasons.index(season) + 1  # rows run Y0..Y3
    summed = {
        "revenue_total": _from_lines(lines, FinanceKind.REVENUE),
        "cost_total": _from_lines(lines, FinanceKind.COST),
    }
    if summed["revenue_total"] is not None and summed["cost_total"] is not None:
        summed["operating"] = summed["revenue_total"] - summed["cost_total"]
    rows = []
    for key, direction in rules.finance_rows.items():
        row = plan.financial_plan.row(key)
        if row is None:
            continue
        forecast = _finance_forecast(row.values, index, review, key in rules.finance_stocks)
        hit = found.get((Subject.FINANCE, None, key, season, review))
        actual = hit.value if hit else summed.get(key)
        rag = Rag.UNMEASURED
        if actual is not None and forecast is not None:
            rag = _band(actual, forecast, direction == "up", rules.finance_tolerance)
        rows.append(FinanceStatus(key, row.label, forecast, actual, rag))
    return tuple(rows)


def progress(
    plan: Plan,
    actuals: Iterable[Actual],
    action_records: Iterable[ActionRecord],
    season: str,
    review: Review = Review.END,
    rules: MonitoringRules | None = None,
    today: dt.date | None = None,
) -> Progress:
    """The plan's status at one review: by area, objective and KPI, and its finances.

    ``today`` caps the date actions are judged at: before a review's date comes, an open
    action is late only once its own deadline has passed, not the review's.
    """
    if season not in plan.seasons:
        raise ValueError(season)
    rules = rules or load_rules()
    found = latest(actuals)
    as_of = review_date(season, review)
    if today is not None:
        as_of = min(as_of, today)
    states: dict[str, ActionRecord] = {}
    records = list(action_records)
    for record in records:  # oldest first: the latest wins, as known at the review
        if record.on is None or record.on <= as_of:
            states[record.action] = record
    tracking = bool(found) or bool(records)  # monitoring has started: lateness is judged
    areas = []
    for section in plan.areas:
        objectives = [
            objective_status(
                plan, section.area, o, season, review, found, states, rules, as_of, tracking
            )
            for o in section.objectives
        ]
        rag = rollup([o.rag for o in objectives], rules.area_red_share)
        budget = budget_status(plan, section.objectives, season, review, found, rules)
        areas.append(
            AreaStatus(
                section.area.value,
                section.area.label(plan.language.value),
                rag,
                tuple(objectives),
                budget,
            )
        )
    lines = finance_line_status(plan, season, review, found, rules)
    counts = {rag: 0 for rag in Rag}
    for area in areas:
        for objective in area.objectives:
            for kpi in objective.kpis:
                counts[kpi.rag] += 1
    return Progress(
        season,
        review,
        as_of,  # the review's date, or today when the review is still to come
        rollup([a.rag for a in areas], rules.area_red_share),
        tuple(areas),
        finance_status(plan, season, review, found, rules, lines),
        counts,
        lines,
    )
