"""The three scenarios a board compares: prudent, base and ambitious, from the same model.

The base follows the plan's own KPI targets (members from SP2, sponsorship from MK4), so
the objectives and the money tell one story. A club whose largest sponsor gives at
least ``concentration_share`` of its sponsorship grows only the rest in the base (the
plan's marketing objective looks for new sponsors; it does not assume the main one pays
more), and the prudent scenario loses that sponsor from its ``lose_main_sponsor_from``
year. A board that names a risk on sponsors (SWOT, problems) without giving the share
gets half the marketing objective's growth in the base, and the plan asks for the share.
The prudent and ambitious rules are house rules in ``finance.json``, named as such.
"""

from __future__ import annotations

from decimal import Decimal

from engine.domain.plan import FinanceDrivers, FinanceInputs, ScenarioKind
from engine.finance.assumptions import FinanceAssumptions, ScenarioRule
from engine.finance.inputs import YEARS, Baseline

ORDER = (ScenarioKind.PRUDENT, ScenarioKind.BASE, ScenarioKind.AMBITIOUS)


def yearly(rate: float) -> list[float]:
    """A constant yearly change as the cumulative steps the drivers store (+2% -> 2, 4.04...)."""
    return [round((1 + rate) ** year - 1, 6) for year in range(1, YEARS + 1)]


def yearly_rate(steps: list[float]) -> float:
    """The constant yearly change that reaches the same year-3 step (for the what-if panel)."""
    final = 1 + steps[-1]
    return 0.0 if final <= 0 else round(final ** (1 / YEARS) - 1, 6)


def concentrated(baseline: Baseline, assumptions: FinanceAssumptions) -> bool:
    share = baseline.sponsor_share
    return share is not None and share >= Decimal(str(assumptions.concentration_share))


def drivers_for(
    kind: ScenarioKind,
    inputs: FinanceInputs,
    baseline: Baseline,
    assumptions: FinanceAssumptions,
) -> FinanceDrivers:
    rule: ScenarioRule = assumptions.scenarios[kind.value]
    members = inputs.steps.get("membership_fees", [0.0] * YEARS)
    sponsorship = inputs.steps.get("sponsorship", [0.0] * YEARS)
    keep = 1.0
    if concentrated(baseline, assumptions):
        keep = 1.0 - float(baseline.sponsor_share or 0)  # only the other sponsors grow
    elif baseline.sponsor_share is None and baseline.sponsor_risk_named:
        keep = 0.5  # the board names the risk without its size: half the growth, and say so
    lose = rule.lose_main_sponsor_from if concentrated(baseline, assumptions) else None
    return FinanceDrivers(
        scenario=kind,
        members=[round(step * rule.members_share, 6) for step in members],
        fee=yearly(rule.fee_rate),
        sponsorship=[round(step * rule.sponsorship_share * keep, 6) for step in sponsorship],
        grants=list(rule.grants),
        other_revenue=rule.other_revenue,
        inflation=round(assumptions.inflation.yearly + rule.inflation_extra, 6),
        investment_delay=0,
        main_sponsor_lost_from=lose,
        ics_loan=False,
        ics_rate=assumptions.ics_loan.rate,
    )
