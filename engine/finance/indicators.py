"""The financial KPIs: cost per member, self-funding share, share of non-sport revenue."""

from __future__ import annotations

from decimal import Decimal

from engine.domain.language import Language
from engine.domain.plan import KPI
from engine.domain.sourced import SourcedValue
from engine.finance import words
from engine.finance.inputs import YEARS, Baseline
from engine.finance.projection import Projection
from engine.finance.span import ZERO, Span
from engine.finance.values import sourced as _value


def _share(part: Decimal, whole: Decimal) -> float | None:
    return None if whole == 0 else round(float(part / whole * 100), 1)


def kpis(p: Projection, baseline: Baseline, lang: Language) -> list[KPI]:
    members = baseline.members
    growth = [Decimal(1)] + [Decimal(1) + Decimal(str(m)) for m in p.drivers.members]
    # Unknown costs or members give no figure: a cost per member on half the costs misleads.
    per_member: list[Span | None] = [
        Span.between(
            p.costs[y].low / (members * growth[y]), p.costs[y].high / (members * growth[y])
        )
        if members and growth[y] > 0 and not p.unknown
        else None
        for y in range(YEARS + 1)
    ]

    def column(key: str, year: int) -> Decimal:
        line = p.line(key)
        value = line.values[year] if line else None
        return value.low if value is not None else ZERO

    grants = p.line("revenue.public_grants")
    grants_known = grants is not None and grants.base.y0 is not None
    own = [
        p.revenue[y].low - column("revenue.public_grants", y) - column("revenue.five_per_mille", y)
        for y in range(YEARS + 1)
    ]
    non_sport = [column("revenue.bar_merchandise", y) for y in range(YEARS + 1)]
    reference_cost = words.pick(
        lang, "costi previsti / tesserati previsti (obiettivo SP2)", "forecast costs / members"
    )

    def kpi(name: str, unit: str, values: list, reference: str, measure: str) -> KPI:
        baseline_value = values[0]
        if isinstance(baseline_value, Span):
            first = (
                SourcedValue.derived(float(baseline_value.low), unit)
                if baseline_value.is_exact
                else _value(baseline_value, unit, reference)
            )
            targets = [_value(v, unit, reference) for v in values[1:]]
        else:
            first = (
                SourcedValue.derived(baseline_value, unit)
                if baseline_value is not None
                else SourcedValue.missing(unit)
            )
            targets = [
                SourcedValue.estimate(v, unit, reference)
                if v is not None
                else SourcedValue.missing(unit)
                for v in values[1:]
            ]
        return KPI(name=name, unit=unit, baseline=first, targets=targets, source=measure)

    cost_kpi = kpi(
        words.pick(lang, "Costo per tesserato", "Cost per member"),
        "EUR",
        per_member if members else [None] * 4,
        reference_cost,
        words.pick(lang, "Costi totali diviso tesserati", "Total costs divided by members"),
    )
    return [
        cost_kpi,
        kpi(
            words.pick(lang, "Quota di autofinanziamento", "Self-funding share"),
            "%",
            # unknown grants would count as own revenue: no share until they are known
            [_share(own[y], p.revenue[y].low) if grants_known else None for y in range(YEARS + 1)],
            "entrate proprie / entrate totali",
            words.pick(
                lang,
                "Entrate escluse contributi pubblici e 5x1000, sul totale",
                "Revenue excluding public grants and 5x1000, over the total",
            ),
        ),
        kpi(
            words.pick(lang, "Quota di entrate da attività diverse", "Share of non-sport revenue"),
            "%",
            [_share(non_sport[y], p.revenue[y].low) for y in range(YEARS + 1)],
            "bar e merchandising / entrate totali (art. 9 D.Lgs. 36/2021)",
            words.pick(
                lang,
                "Bar e merchandising sul totale delle entrate",
                "Bar and merchandise over total revenue",
            ),
        ),
    ]
