"""The three-year economic-financial model, computed (never written by a language model).

Y0 is the questionnaire's actuals; Y1-Y3 follow from the same growth targets
the plan's KPIs promise (so the money and the objectives tell one story),
and investments come from the selected objectives' budget ranges. All
arithmetic is in ``Decimal`` cents: every total equals the sum of its lines
to the cent. Missing answers stay missing ("to be collected") and count as
zero in totals, which the plan then says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from engine.catalogue import Catalogue
from engine.domain.club import ClubProfile, Costs, LegalForm, Revenue
from engine.domain.language import Language
from engine.domain.plan import (
    KPI,
    Area,
    FinanceKind,
    FinanceLine,
    FinancialPlan,
    FundingSource,
    InvestmentLine,
)
from engine.domain.sourced import SourcedValue
from engine.facts import ClubFacts
from engine.selection import SelectedObjective, cents

EUR = "EUR/anno"
EUR_MONTH = "EUR/mese"
ZERO = Decimal(0)
YEARS = 3
# Art. 9 D.Lgs. 36/2021 leaves the limit to a decree not issued as of 2026-12 (see
# docs/research/sports-and-law.md): the plan prudently borrows the third sector's 30% of
# revenue (D.M. 107/2021) and says so.
NON_SPORT_REVENUE_LIMIT = Decimal("0.30")
SEASONAL_PROFILE = "profilo stagionale Rooting Future (quote incassate a settembre-ottobre)"

# Which KPI target drives each line's forecast: (objective code, KPI key).
DRIVERS: dict[str, tuple[str, str]] = {
    "membership_fees": ("SP2", "members_total"),
    "sponsorship": ("MK4", "sponsorship"),
    "events": ("MK2", "events_revenue"),
    "bar_merchandise": ("MK3", "merchandise_revenue"),
    "donations": ("SO6", "donations"),
    "coaches_staff": ("SP2", "members_total"),
    "facilities_utilities": ("ST1", "energy_cost"),
}
# Months Sep..Aug. Fees are mostly collected at enrolment; running costs follow the season.
FEE_MONTHS = [35, 25, 5, 5, 15, 5, 5, 5, 0, 0, 0, 0]
SEASON_MONTHS = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 0, 0]
ENROLMENT_MONTHS = [60, 40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
EVEN_MONTHS = [1] * 12
MONTH_PROFILE = {
    "membership_fees": FEE_MONTHS,
    "coaches_staff": SEASON_MONTHS,
    "facilities_utilities": SEASON_MONTHS,
    "travel": SEASON_MONTHS,
    "affiliation_league_referees": ENROLMENT_MONTHS,
    "insurance": ENROLMENT_MONTHS,
}


@dataclass
class FinanceModel:
    """The computed plan with its exact totals (Decimal) for checks and rendering."""

    plan: FinancialPlan
    revenue: list[Decimal] = field(default_factory=list)  # Y0..Y3
    costs: list[Decimal] = field(default_factory=list)  # Y0..Y3, running costs
    investments: list[Decimal] = field(default_factory=list)  # Y1..Y3
    net: list[Decimal] = field(default_factory=list)  # Y0..Y3 (Y0 without investments)
    missing: list[str] = field(default_factory=list)  # categories to be collected


def _decimal(value: SourcedValue | None) -> Decimal | None:
    if value is None or value.value is None or isinstance(value.value, str):
        return None
    return cents(value.value)


def _label(model: type[Revenue] | type[Costs], name: str, language: Language) -> str:
    info = model.model_fields[name]
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return str(info.title if language is Language.IT else extra.get("title_en", info.title))


def _growth(selected: dict[str, SelectedObjective], category: str) -> tuple[list[Decimal], str]:
    """Yearly multipliers for a line, from the KPI target that drives it."""
    driver = DRIVERS.get(category)
    if driver is None:
        return [Decimal(1)] * YEARS, "invariato per prudenza (nessuna crescita ipotizzata)"
    code, key = driver
    objective = selected[code]
    template = next(k for k in objective.macro.kpis if k.key == key)
    steps = template.target.steps or [0.0] * YEARS
    factors = [Decimal(1) + Decimal(str(step)) for step in steps]
    return factors, f"obiettivo {code} del piano ({template.name.it}) - da verificare"


def _line(
    category: str,
    label: str,
    kind: FinanceKind,
    actual: Decimal | None,
    factors: list[Decimal],
    reference: str,
) -> tuple[FinanceLine, list[Decimal]]:
    if actual is None:
        values = [SourcedValue.missing(EUR) for _ in range(YEARS + 1)]
        return FinanceLine(category=category, label=label, kind=kind, values=values), [ZERO] * 4
    forecast = [cents(actual * factor) for factor in factors]
    values = [SourcedValue.questionnaire(float(actual), EUR)] + [
        SourcedValue.estimate(float(amount), EUR, reference) for amount in forecast
    ]
    line = FinanceLine(category=category, label=label, kind=kind, values=values)
    return line, [actual, *forecast]


def _sum(columns: Iterable[list[Decimal]], width: int) -> list[Decimal]:
    totals = [ZERO] * width
    for column in columns:
        totals = [a + b for a, b in zip(totals, column, strict=True)]
    return totals


def spread(total: Decimal, first_year: int) -> list[Decimal]:
    """An objective's budget spread evenly from its starting year to Y3, exact to the cent."""
    years = YEARS - first_year + 1
    share = cents(total / years)
    amounts = [ZERO] * (first_year - 1) + [share] * years
    amounts[-1] += total - share * years  # the rounding remainder lands in the last year
    return amounts


def investments_by_area(selected: dict[str, SelectedObjective]) -> dict[Area, list[Decimal]]:
    by_area: dict[Area, list[Decimal]] = {area: [ZERO] * YEARS for area in Area}
    for objective in selected.values():
        amounts = spread(objective.committed_budget, objective.priority)
        by_area[objective.macro.area] = [
            a + b for a, b in zip(by_area[objective.macro.area], amounts, strict=True)
        ]
    return by_area


def break_even_year(net: list[Decimal]) -> int | None:
    """The first plan year (1-3) from which revenue covers costs and investments to Y3."""
    for year in range(1, YEARS + 1):
        if all(amount >= 0 for amount in net[year:]):
            return year
    return None


def _monthly(lines: dict[str, list[Decimal]], year1_investment: Decimal) -> list[Decimal]:
    """Y1 net cash per month (Sep..Aug): revenue minus costs minus investments."""
    months = [ZERO] * 12
    for key, (sign, amount) in lines.items():
        profile = MONTH_PROFILE.get(key.split(".", 1)[1], EVEN_MONTHS)
        weight = Decimal(sum(profile))
        shares = [cents(amount * Decimal(p) / weight) for p in profile]
        shares[max(range(12), key=lambda i: profile[i])] += amount - sum(shares)
        months = [m + sign * s for m, s in zip(months, shares, strict=True)]
    invest = [cents(year1_investment / 12)] * 12
    invest[-1] += year1_investment - sum(invest)
    return [m - i for m, i in zip(months, invest, strict=True)]


def _share(part: Decimal, whole: Decimal) -> float | None:
    return None if whole == 0 else round(float(part / whole * 100), 1)


def _kpi(name: str, unit: str, values: list[float | None], reference: str, measure: str) -> KPI:
    baseline = (
        SourcedValue.questionnaire(values[0], unit)
        if values[0] is not None
        else SourcedValue.missing(unit)
    )
    targets = [
        SourcedValue.estimate(v, unit, reference) if v is not None else SourcedValue.missing(unit)
        for v in values[1:]
    ]
    return KPI(name=name, unit=unit, baseline=baseline, targets=targets, source=measure)


def build_financial_plan(
    club: ClubProfile,
    selected: dict[str, SelectedObjective],
    catalogue: Catalogue,
    language: Language = Language.IT,
) -> FinanceModel:
    it = language is Language.IT
    lines: list[FinanceLine] = []
    columns: dict[FinanceKind, list[list[Decimal]]] = {
        FinanceKind.REVENUE: [],
        FinanceKind.COST: [],
    }
    year1: dict[str, tuple[int, Decimal]] = {}
    missing: list[str] = []
    for kind, model, items in (
        (FinanceKind.REVENUE, Revenue, club.revenue.items()),
        (FinanceKind.COST, Costs, club.costs.items()),
    ):
        for category, answer in items.items():
            factors, reference = _growth(selected, category)
            label = _label(model, category, language)
            line, amounts = _line(category, label, kind, _decimal(answer), factors, reference)
            lines.append(line)
            columns[kind].append(amounts)
            if _decimal(answer) is None:
                missing.append(
                    f"{'revenue' if kind is FinanceKind.REVENUE else 'costs'}.{category}"
                )
            else:  # keyed by kind too: revenue "other" and cost "other" are different lines
                year1[f"{kind.value}.{category}"] = (
                    1 if kind is FinanceKind.REVENUE else -1,
                    amounts[1],
                )
    revenue = _sum(columns[FinanceKind.REVENUE], YEARS + 1)
    costs = _sum(columns[FinanceKind.COST], YEARS + 1)

    by_area = investments_by_area(selected)
    reference = (
        "budget minimo degli obiettivi del piano "
        "(il resto dell'intervallo richiede fonti aggiuntive)"
    )
    investments = [
        InvestmentLine(
            area=area,
            values=[SourcedValue.estimate(float(v), EUR, reference) for v in amounts],
        )
        for area, amounts in by_area.items()
    ]
    invest_totals = _sum(by_area.values(), YEARS)
    net = [revenue[0] - costs[0]] + [
        revenue[y] - costs[y] - invest_totals[y - 1] for y in range(1, YEARS + 1)
    ]
    break_even = break_even_year(net)

    cash = _monthly(year1, invest_totals[0])
    cash_flow = [SourcedValue.estimate(float(m), EUR_MONTH, SEASONAL_PROFILE) for m in cash]
    reserves = _decimal(club.balance.reserves)
    opening = (
        SourcedValue.questionnaire(float(reserves), "EUR")
        if reserves is not None
        else SourcedValue.missing("EUR")
    )

    facts = ClubFacts(club, catalogue.club_sports(club))
    members = facts.number("members_total")
    member_growth = [Decimal(1)] + _growth(selected, "membership_fees")[0]
    own = [
        revenue[y] - _col(lines, "public_grants", y) - _col(lines, "five_per_mille", y)
        for y in range(YEARS + 1)
    ]
    non_sport = [_col(lines, "bar_merchandise", y) for y in range(YEARS + 1)]
    kpis = [
        _kpi(
            "Costo per tesserato" if it else "Cost per member",
            "EUR",
            [
                round(float(costs[y] / (Decimal(str(members)) * member_growth[y])), 2)
                if members
                else None
                for y in range(YEARS + 1)
            ],
            "costi previsti / tesserati previsti (obiettivo SP2)",
            "Costi totali diviso tesserati" if it else "Total costs divided by members",
        ),
        _kpi(
            "Quota di autofinanziamento" if it else "Self-funding share",
            "%",
            [_share(own[y], revenue[y]) for y in range(YEARS + 1)],
            "entrate proprie / entrate totali",
            "Entrate escluse contributi pubblici e 5x1000, sul totale"
            if it
            else "Revenue excluding public grants and 5x1000, over the total",
        ),
        _kpi(
            "Quota di entrate da attività diverse" if it else "Share of non-sport revenue",
            "%",
            [_share(non_sport[y], revenue[y]) for y in range(YEARS + 1)],
            "bar e merchandising / entrate totali (art. 9 D.Lgs. 36/2021)",
            "Bar e merchandising sul totale delle entrate"
            if it
            else "Bar and merchandise over total revenue",
        ),
    ]
    plan = FinancialPlan(
        lines=lines,
        investments=investments,
        funding_sources=_funding_sources(club, language),
        break_even_year=break_even,
        cash_flow_y1=cash_flow,
        opening_cash=opening,
        kpis=kpis,
        risks=_risks(club, revenue, costs, non_sport, net, reserves, language),
    )
    return FinanceModel(plan, revenue, costs, invest_totals, net, missing)


def _col(lines: list[FinanceLine], category: str, year: int) -> Decimal:
    line = next(line for line in lines if line.category == category)
    return _decimal(line.values[year]) or ZERO


def _funding_sources(club: ClubProfile, language: Language) -> list[FundingSource]:
    it = language is Language.IT
    sources = [
        FundingSource(
            name="Istituto per il Credito Sportivo e Culturale",
            detail="Mutui agevolati per impianti ed efficienza energetica (obiettivo ST1)."
            if it
            else "Subsidised loans for facilities and energy efficiency (objective ST1).",
        ),
        FundingSource(
            name="Bandi comunali e regionali" if it else "Municipal and regional calls",
            detail="Contributi per attività giovanile, inclusione e impiantistica: verificare "
            "le scadenze dell'anno."
            if it
            else "Grants for youth activity, inclusion and "
            "facilities: check this year's deadlines.",
        ),
        FundingSource(
            name="Sponsorizzazioni a livelli" if it else "Tiered sponsorship",
            detail="Pacchetti dell'obiettivo MK4; non rientrano nel limite delle attività diverse."
            if it
            else "Packages from objective MK4; they do not count towards "
            "the non-sport activity limit.",
        ),
    ]
    if club.identity.legal_form is LegalForm.ASD and club.has_youth_section():
        sources.append(
            FundingSource(
                name="5x1000",
                detail="Campagna verso famiglie e sostenitori (azione MK2.4)."
                if it
                else "Campaign among families and supporters (action MK2.4).",
                amount=club.revenue.five_per_mille,
            )
        )
    return sources


def _risks(
    club: ClubProfile,
    revenue: list[Decimal],
    costs: list[Decimal],
    non_sport: list[Decimal],
    net: list[Decimal],
    reserves: Decimal | None,
    language: Language,
) -> list[str]:
    it = language is Language.IT
    risks: list[str] = []
    if any(amount < 0 for amount in net[1:]):
        years = ", ".join(f"Y{y}" for y, amount in enumerate(net) if y and amount < 0)
        risks.append(
            f"Disavanzo previsto in {years}: rivedere i tempi degli investimenti o cercare "
            "fonti aggiuntive."
            if it
            else f"Deficit forecast in {years}: revisit the timing "
            "of investments or find further funding."
        )
    monthly_costs = costs[0] / 12 if costs[0] else ZERO
    if reserves is not None and monthly_costs and reserves < monthly_costs * 3:
        risks.append(
            "Le riserve coprono meno di tre mesi di costi."
            if it
            else "Reserves cover less than three months of costs."
        )
    sponsorship = _decimal(club.revenue.sponsorship) or ZERO
    if revenue[0] and sponsorship / revenue[0] > Decimal("0.30"):
        risks.append(
            "Oltre il 30% delle entrate dipende dalle sponsorizzazioni."
            if it
            else "Over 30% of revenue depends on sponsorship."
        )
    if any(revenue[y] and non_sport[y] / revenue[y] > NON_SPORT_REVENUE_LIMIT for y in range(4)):
        risks.append(
            "Le attività diverse (bar, merchandising) superano il 30% delle entrate: "
            "verificare il limite dell'art. 9 con il commercialista."
            if it
            else "Non-sport activities (bar, merchandise) exceed 30% of revenue: check the "
            "art. 9 limit with your accountant."
        )
    return risks
