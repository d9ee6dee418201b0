"""What the plan's objectives give the finance model: KPI steps and committed investments.

Fees follow SP2's member target, sponsorship MK4's..., so the money and the objectives tell
one story; each objective commits the minimum of its budget range, spread evenly from its
starting season (the rest of the range is what funding sources would add).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from engine.domain.language import Language
from engine.domain.plan import Area, FinanceInputs, FinancialPlan
from engine.finance.inputs import YEARS
from engine.finance.span import ZERO, euros
from engine.selection import SelectedObjective

# The lines that follow an objective's KPI target: (objective code, KPI key).
STEP_SOURCES: dict[str, tuple[str, str]] = {
    "membership_fees": ("SP2", "members_total"),
    "sponsorship": ("MK4", "sponsorship"),
    "events": ("MK2", "events_revenue"),
    "bar_merchandise": ("MK3", "merchandise_revenue"),
    "donations": ("SO6", "donations"),
    "facilities_utilities": ("ST1", "energy_cost"),
}


def spread(total: Decimal, first_year: int) -> list[Decimal]:
    """An objective's budget spread evenly from its starting year to Y3, exact to the cent."""
    years = YEARS - first_year + 1
    share = euros(total / years)
    amounts = [ZERO] * (first_year - 1) + [share] * years
    amounts[-1] += total - share * years  # the rounding remainder lands in the last year
    return amounts


def investments_by_area(selected: Mapping[str, SelectedObjective]) -> dict[Area, list[Decimal]]:
    by_area: dict[Area, list[Decimal]] = {area: [ZERO] * YEARS for area in Area}
    for objective in selected.values():
        amounts = spread(objective.committed_budget, objective.priority)
        by_area[objective.macro.area] = [
            a + b for a, b in zip(by_area[objective.macro.area], amounts, strict=True)
        ]
    return by_area


def finance_inputs(selected: Mapping[str, SelectedObjective]) -> FinanceInputs:
    """The KPI steps and committed investments the plan's objectives give the model."""
    steps: dict[str, list[float]] = {}
    references: dict[str, str] = {}
    for category, (code, key) in STEP_SOURCES.items():
        objective = selected.get(code)
        template = (
            next((k for k in objective.macro.kpis if k.key == key), None) if objective else None
        )
        if template is None:
            continue
        steps[category] = list(template.target.steps or [0.0] * YEARS)
        references[category] = f"obiettivo {code} del piano ({template.name.it})"
    return FinanceInputs(
        steps=steps,
        step_references=references,
        investments={
            area: [float(v) for v in amounts]
            for area, amounts in investments_by_area(selected).items()
        },
    )


def kpis_follow_the_budget(
    selected: Mapping[str, SelectedObjective], finance: FinancialPlan, language: Language
) -> dict[str, SelectedObjective]:
    """A money KPI the finance lines follow (MK4's sponsorship, MK2's events...) shows the
    figures the budget counts, so the plan says one number per item. They differ when the
    base scenario grows less than the objective's rule: with one sponsor worth most of the
    sponsorship, only the others grow (``scenarios.drivers_for``); and a cost line carries
    the year's inflation on top of the objective's cut. The KPI then says where it comes from."""
    lines = {(line.kind.value, line.category): line for line in finance.lines}
    aligned = dict(selected)
    for category, (code, key) in STEP_SOURCES.items():
        objective = aligned.get(code)
        line = lines.get(("revenue", category)) or lines.get(("cost", category))
        if objective is None or line is None or key not in objective.kpi_keys:
            continue
        index = objective.kpi_keys.index(key)
        kpi = objective.kpis[index]
        budgeted = [v.value for v in line.values[1:]]
        if not kpi.unit.startswith("EUR") or any(not isinstance(v, int | float) for v in budgeted):
            continue  # members count people, the fees line euros; a missing year stays as is
        if all(t.value == v for t, v in zip(kpi.targets, budgeted, strict=False)):
            continue
        targets = [
            t.model_copy(update={"value": v, "reference": _budget_reference(category, language)})
            for t, v in zip(kpi.targets, budgeted, strict=False)
        ]
        kpis = list(objective.kpis)
        kpis[index] = kpi.model_copy(update={"targets": targets})
        aligned[code] = replace(objective, kpis=kpis)
    return aligned


def _budget_reference(category: str, language: Language) -> str:
    """Where an aligned target comes from: the rule's percentages no longer describe it."""
    if category == "sponsorship":  # the one line the base scenario grows less (see above)
        return (
            "regola di pianificazione applicata ai soli sponsor oltre al primo, come nel piano "
            "economico (scenario base)"
            if language is Language.IT
            else "planning rule applied to the sponsors beyond the largest only, as in the "
            "financial plan (base scenario)"
        )
    if category == "facilities_utilities":  # a cost: the model adds the year's inflation
        return (
            "regola di pianificazione più l'inflazione dei costi, come nel piano economico "
            "(scenario base)"
            if language is Language.IT
            else "planning rule plus cost inflation, as in the financial plan (base scenario)"
        )
    if language is Language.IT:
        return "come nel piano economico (scenario base)"
    return "as in the financial plan (base scenario)"


def break_even_year(net: list[Decimal]) -> int | None:
    """The first plan year (1-3) from which the result stays non-negative to Y3."""
    for year in range(1, YEARS + 1):
        if all(amount >= 0 for amount in net[year:]):
            return year
    return None


def inputs_of(finance: FinancialPlan) -> FinanceInputs:
    """A stored plan's model inputs; for a plan saved before they were kept, its investments
    (without the KPI growth steps, which only the catalogue knew)."""
    if finance.inputs is not None:
        return finance.inputs
    return FinanceInputs(
        investments={
            line.area: [
                float(v.value) if isinstance(v.value, int | float) else 0.0 for v in line.values
            ]
            for line in finance.investments
        }
    )
