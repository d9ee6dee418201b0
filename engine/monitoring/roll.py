"""Roll forward: at season end the plan starts again from what happened.

"Aggiorna il piano" closes a season in a new plan version:

- **Year 0 becomes the season's actuals.** Each KPI measured at the season's end shows
  its actual in the season's column ("consuntivo 2026/27") instead of the target, and
  each revenue or cost line recorded, and the cash at season end, replace the season's
  forecast in the financial plan; its totals, results and cash are computed again from
  them, so the plan keeps one set of figures.
- **The remaining targets are re-based where the user agrees.** A KPI keeps its planned
  steps but starts from the actual: target' = target + (actual - the season's target).
  A finance line keeps its planned growth from the actual: forecast' = forecast x
  actual / the season's forecast. Only the proposals the user ticks move.

The starting value stays as it was (where the plan began), and the season's status is
still judged against the version in force before it closed (``Plan.closed_seasons``;
``Service.progress`` reads that version), so a red season does not turn green by being
closed. The change is a new version: the diff shows each figure that moved, and the
texts that quote the targets follow the new numbers (``engine.edits``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from engine import edits, formatting
from engine.agents.context import build_context
from engine.domain.edits import shifted
from engine.domain.language import Language
from engine.domain.plan import KPI, FinanceKind, FinancialPlan, Plan, PlanWarning, Severity
from engine.domain.sourced import SourcedValue
from engine.finance.objectives import inputs_of
from engine.finance.statement import compose
from engine.monitoring.model import Actual, Review, Subject
from engine.monitoring.status import LINE_DIRECTION, latest, number_of, review_date

CASH = "cash"


@dataclass(frozen=True)
class Rebase:
    """One proposal: a KPI (``objective`` its code) or a finance line (``objective`` None,
    ``kpi`` the line's key, "revenue.fees") measured off the plan at the season's end."""

    objective: str | None
    kpi: str
    actual: float
    shift: float  # KPI: added to each later target; finance line: actual - forecast
    unit: str = ""
    label: str = ""  # a finance line's name as the plan prints it

    @property
    def is_finance(self) -> bool:
        return self.objective is None

    @property
    def name(self) -> str:
        """How the user names it (``progress --rebase``): SP1:Tesserati, finance:revenue.fees."""
        return f"{self.objective or 'finance'}:{self.kpi}"


def _end_actuals(actuals: Iterable[Actual], season: str) -> dict[tuple, Actual]:
    """The latest season-end record of each subject for ``season``."""
    return {
        (key[0], key[1], key[2]): hit
        for key, hit in latest(actuals).items()
        if key[3] == season and key[4] is Review.END
    }


def _line_key(kind: FinanceKind, category: str) -> str:
    return f"{kind.value}.{category}"


def proposals(plan: Plan, actuals: Iterable[Actual], season: str) -> list[Rebase]:
    """What re-basing would change: KPIs and finance lines measured at the season's end
    off their figure for it, when a later season is left to re-base."""
    index = plan.seasons.index(season)
    if index == len(plan.seasons) - 1:
        return []  # the last season: nothing left to re-base
    found = _end_actuals(actuals, season)
    result = []
    for objective in plan.objectives():
        for kpi in objective.kpis:
            hit = found.get((Subject.KPI, objective.code, kpi.name))
            target = number_of(kpi.targets[index])
            if hit is None or target is None:
                continue
            if shift := hit.value - target:
                result.append(Rebase(objective.code, kpi.name, hit.value, shift, kpi.unit))
    for line in plan.financial_plan.lines:
        if line.kind not in LINE_DIRECTION:
            continue
        key = _line_key(line.kind, line.category)
        hit = found.get((Subject.FINANCE, None, key))
        forecast = number_of(line.values[index + 1])
        if hit is None or forecast is None:
            continue
        if shift := hit.value - forecast:
            result.append(Rebase(None, key, hit.value, shift, "EUR", line.label))
    return result


def closable(plan: Plan, actuals: Iterable[Actual], season: str) -> bool:
    """Whether closing the season would change the plan: something recorded at its end
    that the plan does not yet show as the season's figure (a first closing, or a value
    corrected since)."""
    index = plan.seasons.index(season)
    shown: dict[tuple, float | None] = {
        (Subject.KPI, o.code, k.name): number_of(k.targets[index])
        for o in plan.objectives()
        for k in o.kpis
    }
    for line in plan.financial_plan.lines:
        if line.kind in LINE_DIRECTION:
            key = (Subject.FINANCE, None, _line_key(line.kind, line.category))
            shown[key] = number_of(line.values[index + 1])
    cash = plan.financial_plan.row(CASH)
    shown[(Subject.FINANCE, None, CASH)] = number_of(cash.values[index + 1]) if cash else None
    closed = season in plan.closed_seasons
    return any(
        key in shown and (not closed or shown[key] != hit.value)
        for key, hit in _end_actuals(actuals, season).items()
    )


def _whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _closed_kpis(
    plan: Plan,
    found: dict[tuple, Actual],
    index: int,
    season: str,
    chosen: dict[tuple[str, str], Rebase],
    today: dt.date,
) -> Plan:
    """Each measured KPI shows its actual in the season's column; the chosen ones move
    their later targets by their shift."""
    ended = review_date(season, Review.END)
    ctx = None
    for objective in plan.objectives():
        kpis: list[KPI] = []
        changed = False
        for kpi in objective.kpis:
            hit = found.get((Subject.KPI, objective.code, kpi.name))
            if hit is None:
                kpis.append(kpi)
                continue
            rebase = chosen.get((objective.code, kpi.name))
            actual = SourcedValue.recorded(
                _whole(hit.value), kpi.targets[index].unit, season, ended
            )
            targets = [
                actual
                if j == index
                else shifted(t, rebase.shift, today)
                if rebase is not None and j > index
                else t
                for j, t in enumerate(kpi.targets)
            ]
            if targets != kpi.targets:
                changed = True
            kpis.append(kpi.model_copy(update={"targets": targets}))
        if changed:
            ctx = ctx or build_context(plan.club, plan.language)
            plan = edits.edit_objective(plan, objective.model_copy(update={"kpis": kpis}), ctx)
    return plan


def _closed_finance(plan: Plan, found: dict[tuple, Actual], index: int, chosen: set[str]) -> Plan:
    """The season's recorded lines and cash replace its forecast; the chosen lines restart
    their later years from the actual; totals and results are computed again."""
    finance = plan.financial_plan
    if not finance.lines:  # a plan whose financial section failed: nothing to close
        return plan
    inputs = inputs_of(finance)
    closed = {key: list(values) for key, values in inputs.closed.items()}
    keys = [
        _line_key(line.kind, line.category) for line in finance.lines if line.kind in LINE_DIRECTION
    ]
    recorded = False
    for key in [*keys, CASH]:
        hit = found.get((Subject.FINANCE, None, key))
        if hit is None:
            continue
        values = closed.setdefault(key, [None, None, None])
        values[index] = hit.value
        recorded = True
    if not recorded:
        return plan
    rebased = dict(inputs.rebased)
    for key in chosen:
        if key in closed:
            rebased[key] = index + 1  # the plan year the later forecasts restart from
    inputs = inputs.model_copy(update={"closed": closed, "rebased": rebased})
    rebuilt = compose(plan.club, inputs, finance.drivers, Language(plan.language)).plan
    warnings = [w for w in plan.warnings if w.code != CASH_GAP]
    warnings += _cash_gaps(rebuilt, plan.seasons, Language(plan.language))
    return plan.model_copy(update={"financial_plan": rebuilt, "warnings": warnings})


CASH_GAP = "closed_cash_gap"


def _cash_gaps(finance: FinancialPlan, seasons: list[str], language: Language) -> list[PlanWarning]:
    """A review note where the recorded cash is not last year's cash plus the year's
    balance: investments, instalments or grants went otherwise than planned, and only the
    board knows which (the plan does not guess)."""
    cash, balance = finance.row(CASH), finance.row("balance")
    if cash is None or balance is None:
        return []
    notes = []
    for year in range(1, len(cash.values)):
        now, before, flow = cash.values[year], cash.values[year - 1], balance.values[year]
        if now is None or not now.is_actual or before is None or flow is None:
            continue
        expected = (number_of(before) or 0.0) + (number_of(flow) or 0.0)
        gap = (number_of(now) or 0.0) - expected
        if abs(gap) < max(500.0, 0.02 * abs(expected)):
            continue
        season = seasons[year - 1]
        recorded = formatting.money(number_of(now) or 0, language)
        it = (
            f"La cassa registrata a fine {season} ({recorded}) "
            f"differisce di {formatting.money(abs(gap), language)} dalla cassa iniziale più il "
            "saldo previsto: investimenti, rate o contributi sono andati diversamente dal piano. "
            "Registrate le voci o correggete il piano con il direttivo."
        )
        en = (
            f"The cash recorded at the end of {season} ({recorded}) differs by "
            f"{formatting.money(abs(gap), language)} from the opening cash plus the planned "
            "balance: investments, instalments or grants went otherwise than planned. Record "
            "the items or correct the plan with the board."
        )
        notes.append(
            PlanWarning(
                code=CASH_GAP,
                severity=Severity.WARNING,
                section="financial_plan",
                message=it if language is Language.IT else en,
            )
        )
    return notes


def roll_forward(
    plan: Plan,
    actuals: Iterable[Actual],
    season: str,
    accepted: list[Rebase],
    today: dt.date | None = None,
) -> Plan:
    """The plan with ``season`` closed on its actuals and the accepted proposals re-based."""
    today = today or dt.date.today()
    index = plan.seasons.index(season)
    found = _end_actuals(actuals, season)
    kpis = {(r.objective, r.kpi): r for r in accepted if r.objective is not None}
    lines = {r.kpi for r in accepted if r.objective is None}
    plan = _closed_kpis(plan, found, index, season, kpis, today)  # type: ignore[arg-type]
    plan = _closed_finance(plan, found, index, lines)
    if season not in plan.closed_seasons:
        closed = sorted([*plan.closed_seasons, season])
        plan = plan.model_copy(update={"closed_seasons": closed})
    return plan
