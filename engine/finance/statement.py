"""The projection as the plan's financial section: lines, summary rows, scenarios, cash flow.

Numbers never come from a language model. The same ``Projection`` gives the table's lines
and rows, the commentary, the risks and the side-by-side scenarios, so they agree to the
cent. A saved what-if re-runs this with the board's drivers (``rebuild_financial_plan``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from engine import formatting
from engine.domain.club import ClubProfile, LegalForm
from engine.domain.language import Language
from engine.domain.plan import (
    KPI,
    Area,
    FinanceDrivers,
    FinanceInputs,
    FinanceKind,
    FinanceLine,
    FinanceRow,
    FinancialPlan,
    FundingSource,
    FundingStatus,
    InvestmentLine,
    ScenarioKind,
    ScenarioSummary,
    seasons_after,
)
from engine.domain.sourced import SourcedValue
from engine.finance import words
from engine.finance.assumptions import FinanceAssumptions, default_assumptions
from engine.finance.inputs import YEARS, BaseLine, Baseline, Growth, Origin, build_baseline
from engine.finance.projection import Projection, annuity, project
from engine.finance.scenarios import ORDER, drivers_for
from engine.finance.span import ZERO, Span, cents, euros
from engine.selection import SelectedObjective

EUR = "EUR/anno"
EUR_MONTH = "EUR/mese"
SUM_REFERENCE = ("somma delle voci del piano", "sum of the plan's lines")
SEASONAL_PROFILE = "profilo stagionale Rooting Future (quote incassate a settembre-ottobre)"

# The lines that follow an objective's KPI target: (objective code, KPI key).
STEP_SOURCES: dict[str, tuple[str, str]] = {
    "membership_fees": ("SP2", "members_total"),
    "sponsorship": ("MK4", "sponsorship"),
    "events": ("MK2", "events_revenue"),
    "bar_merchandise": ("MK3", "merchandise_revenue"),
    "donations": ("SO6", "donations"),
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


@dataclass(frozen=True)
class FinanceModel:
    """The plan's financial section with the projections behind it (for agents and checks)."""

    plan: FinancialPlan
    baseline: Baseline
    projection: Projection
    scenarios: dict[ScenarioKind, Projection]

    @property
    def revenue(self) -> list[Decimal]:
        return [span.low for span in self.projection.revenue]

    @property
    def costs(self) -> list[Decimal]:
        return [span.high for span in self.projection.costs]

    @property
    def investments(self) -> list[Decimal]:
        return list(self.projection.invested)

    @property
    def net(self) -> list[Decimal]:
        """Y0 operating result, then each plan year's balance (prudent ends)."""
        return [self.projection.operating[0].low] + [b.low for b in self.projection.balance]

    @property
    def missing(self) -> list[str]:
        """The club-file fields still to collect ("costs.medical")."""
        section = {FinanceKind.REVENUE: "revenue", FinanceKind.COST: "costs"}
        return [
            f"{section[f.base.kind]}.{f.base.category}"
            for f in self.projection.lines
            if f.base.y0 is None
        ]


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


def break_even_year(net: list[Decimal]) -> int | None:
    """The first plan year (1-3) from which the result stays non-negative to Y3."""
    for year in range(1, YEARS + 1):
        if all(amount >= 0 for amount in net[year:]):
            return year
    return None


# --- sourced values --------------------------------------------------------------------


def _value(span: Span | None, unit: str, reference: str) -> SourcedValue:
    if span is None:
        return SourcedValue.missing(unit)
    if span.is_exact:
        return SourcedValue.estimate(float(span.low), unit, reference)
    return SourcedValue.estimate_range(float(span.low), float(span.high), unit, reference)


def _year0(line: BaseLine) -> SourcedValue:
    if line.y0 is None:
        return SourcedValue.missing(EUR)
    if line.origin is Origin.QUESTIONNAIRE:
        return SourcedValue.questionnaire(float(line.y0.low), EUR)
    if line.origin is Origin.DERIVED:
        return SourcedValue.derived(float(line.y0.low), EUR)
    return _value(line.y0, EUR, line.reference)


def _percent(value: float, language: Language) -> str:
    return f"{formatting.number(round(value * 100, 1), language)}%"


def _growth_reference(
    line: BaseLine, drivers: FinanceDrivers, assumptions: FinanceAssumptions, lang: Language
) -> str:
    inflation = words.pick(
        lang,
        f"inflazione {_percent(drivers.inflation, lang)} l'anno",
        f"inflation {_percent(drivers.inflation, lang)} a year",
    )
    members = words.pick(lang, "tesserati previsti (obiettivo SP2)", "members forecast (SP2)")
    text = {
        Growth.MEMBERS_FEE: members
        + (
            words.pick(lang, " e quota media aggiornata", " and updated average fee")
            if any(drivers.fee)
            else ""
        ),
        Growth.SPONSORSHIP: words.pick(
            lang, "obiettivo MK4 del piano (sponsorizzazioni)", "plan objective MK4 (sponsorship)"
        ),
        Growth.GRANTS: words.pick(
            lang, "contributi come oggi salvo scenario", "grants as today unless the scenario says"
        )
        if not any(drivers.grants)
        else words.pick(lang, "contributi secondo lo scenario", "grants as the scenario sets"),
        Growth.KPI: line.step_reference or words.pick(lang, "invariato", "unchanged"),
        Growth.STAFF: f"{members}, {inflation}",
        Growth.ENERGY: f"{line.step_reference}, {inflation}" if line.step_reference else inflation,
        Growth.INFLATION: inflation,
        Growth.FLAT: words.pick(
            lang,
            "invariato per prudenza (nessuna crescita ipotizzata)",
            "unchanged for prudence (no growth assumed)",
        ),
    }[line.growth]
    if drivers.scenario is not ScenarioKind.BASE:
        label = assumptions.scenarios.get(drivers.scenario.value)
        name = label.label.get(lang) if label else words.pick(lang, "vostro", "your own")
        text = words.pick(lang, f"scenario {name.lower()}: {text}", f"{name} scenario: {text}")
    return f"{text} - {words.pick(lang, 'da verificare', 'to verify')}"


# --- rows, lines, scenarios ------------------------------------------------------------


def _lines(
    p: Projection, drivers: FinanceDrivers, assumptions: FinanceAssumptions, lang: Language
) -> list[FinanceLine]:
    lines = []
    for forecast in p.lines:
        base = forecast.base
        reference = _growth_reference(base, drivers, assumptions, lang)
        values = [_year0(base)] + [_value(v, EUR, reference) for v in forecast.values[1:]]
        note = base.reference if base.origin in (Origin.DERIVED, Origin.ESTIMATE) else ""
        lines.append(
            FinanceLine(
                category=base.category,
                label=base.label,
                kind=base.kind,
                values=values,
                note=note,
            )
        )
    for index, loan in enumerate(p.loans):
        reference = loan.reference or words.pick(
            lang, "rata indicata nel questionario", "instalment from the questionnaire"
        )
        if loan.assumed:
            reference = words.pick(
                lang,
                f"ipotesi del piano: {assumptions.ics_loan.years} anni al "
                f"{_percent(drivers.ics_rate, lang)}",
                f"plan assumption: {assumptions.ics_loan.years} years at "
                f"{_percent(drivers.ics_rate, lang)}",
            )
        values = [_value(v, EUR, reference) for v in loan.instalments]
        if not loan.assumed and not loan.reference:
            values = [
                SourcedValue.questionnaire(float(v.low), EUR)
                if v is not None
                else SourcedValue.missing(EUR)
                for v in loan.instalments
            ]
        note = loan.reference
        if loan.outstanding is not None:
            owed = words.pick(
                lang,
                f"debito residuo {words.money(loan.outstanding, lang)}",
                f"outstanding debt {words.money(loan.outstanding, lang)}",
            )
            note = f"{owed}; {note}" if note else owed
        lines.append(
            FinanceLine(
                category=f"loan_{index + 1}",
                label=loan.label,
                kind=FinanceKind.REPAYMENT,
                values=values,
                note=note,
            )
        )
    return lines


def _rows(p: Projection, lang: Language) -> list[FinanceRow]:
    reference = words.pick(lang, *SUM_REFERENCE)

    def exact(amount: Decimal) -> Span:
        return Span.exact(amount)

    def row(key: str, it: str, en: str, values: list[Span | None]) -> FinanceRow:
        return FinanceRow(
            key=key,
            label=words.pick(lang, it, en),
            values=[None if v is None else _value(v, EUR, reference) for v in values],
        )

    postponed = ("", "")
    if p.postponed > 0:
        amount = (words.money(p.postponed, Language.IT), words.money(p.postponed, Language.EN))
        postponed = (
            f" (altri {amount[0]} rinviati oltre il piano)",
            f" (another {amount[1]} postponed beyond the plan)",
        )
    rows = [
        row("revenue_total", "Totale entrate", "Total revenue", list(p.revenue)),
        row("cost_total", "Totale costi di gestione", "Total running costs", list(p.costs)),
        row(
            "operating",
            "Risultato di gestione (entrate − costi)",
            "Operating result (revenue − costs)",
            list(p.operating),
        ),
        row(
            "investments",
            "Investimenti del piano" + postponed[0],
            "The plan's investments" + postponed[1],
            [None, *map(exact, p.invested)],
        ),
        row(
            "after_investments",
            "Risultato dopo gli investimenti",
            "Result after investments",
            [None, *(p.operating[y + 1] - exact(p.invested[y]) for y in range(YEARS))],
        ),
    ]
    if any(r.high > 0 for r in p.repayments) or p.loans:
        rows.append(
            row(
                "repayments",
                "Rate di mutui e prestiti",
                "Loan instalments",
                [None, *p.repayments],
            )
        )
    if any(p.committed):
        rows.append(
            row(
                "funding",
                "Contributi e finanziamenti assicurati",
                "Funding already secured",
                [None, *map(exact, p.committed)],
            )
        )
    if p.loan_amount > 0:
        rows.append(
            row(
                "new_loan",
                "Nuovo mutuo del Credito Sportivo (ipotesi)",
                "New Credito Sportivo loan (assumption)",
                [None, *map(exact, p.loan_inflow)],
            )
        )
    rows += [
        row(
            "balance",
            "Saldo dell'anno (dopo investimenti, rate e contributi)",
            "The year's balance (after investments, instalments and funding)",
            [None, *p.balance],
        ),
        FinanceRow(
            key="cash",
            label=words.pick(lang, "Cassa a fine stagione", "Cash at season end")
            if p.reserves_known
            else words.pick(
                lang,
                "Cassa a fine stagione (riserve iniziali da acquisire: solo i flussi)",
                "Cash at season end (opening reserves to be collected: flows only)",
            ),
            values=[
                SourcedValue.questionnaire(float(p.cash[0].low), "EUR")
                if p.reserves_known
                else SourcedValue.missing("EUR"),
                *(_value(c, "EUR", reference) for c in p.cash[1:]),
            ],
        ),
        row(
            "to_seek",
            "Nuove fonti da cercare (per non andare in rosso)",
            "New funding to find (to stay out of the red)",
            [None, *map(exact, p.to_seek)],
        ),
    ]
    return rows


def _scenario_summaries(
    scenarios: Mapping[ScenarioKind, Projection], assumptions: FinanceAssumptions, lang: Language
) -> list[ScenarioSummary]:
    reference = words.pick(lang, "scenario del piano", "plan scenario")
    found = []
    for kind, p in scenarios.items():
        rule = assumptions.scenarios.get(kind.value)
        label = rule.label.get(lang) if rule else words.pick(lang, "Il vostro", "Your own")
        found.append(
            ScenarioSummary(
                kind=kind,
                label=label,
                drivers=p.drivers,
                revenue=[_value(v, EUR, reference) for v in p.revenue[1:]],
                costs=[_value(v, EUR, reference) for v in p.costs[1:]],
                balance=[_value(v, EUR, reference) for v in p.balance],
                cash=[_value(v, "EUR", reference) for v in p.cash[1:]],
                to_seek=_value(Span.exact(sum(p.to_seek, ZERO)), "EUR", reference),
                break_even_year=p.break_even,
            )
        )
    return found


def _monthly(p: Projection) -> list[Decimal]:
    """Y1 net cash per month (Sep..Aug) at the prudent ends; the months add up to Y1's balance.

    Secured funding and a new loan arrive in the last month: a board should not count on
    money before it is in the bank.
    """
    months = [ZERO] * 12

    def add(amount: Decimal, profile: list[int], sign: int) -> None:
        weight = Decimal(sum(profile))
        shares = [euros(amount * Decimal(x) / weight) for x in profile]
        shares[max(range(12), key=lambda i: profile[i])] += amount - sum(shares)
        for i in range(12):
            months[i] += sign * shares[i]

    for forecast in p.lines:
        value = forecast.values[1]
        if value is None:
            continue
        revenue = forecast.base.kind is FinanceKind.REVENUE
        profile = MONTH_PROFILE.get(forecast.base.category, EVEN_MONTHS)
        add(value.low if revenue else value.high, profile, 1 if revenue else -1)
    add(p.invested[0], EVEN_MONTHS, -1)
    add(p.repayments[0].high, EVEN_MONTHS, -1)
    months[-1] += p.committed[0] + p.loan_inflow[0]
    return months


def _share(part: Decimal, whole: Decimal) -> float | None:
    return None if whole == 0 else round(float(part / whole * 100), 1)


def _kpis(p: Projection, baseline: Baseline, lang: Language) -> list[KPI]:
    members = baseline.members
    growth = [Decimal(1)] + [Decimal(1) + Decimal(str(m)) for m in p.drivers.members]
    per_member: list[Span | None] = [
        Span.between(
            p.costs[y].low / (members * growth[y]), p.costs[y].high / (members * growth[y])
        )
        if members
        else None
        for y in range(YEARS + 1)
    ]

    def column(key: str, year: int) -> Decimal:
        line = p.line(key)
        value = line.values[year] if line else None
        return value.low if value is not None else ZERO

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
            [_share(own[y], p.revenue[y].low) for y in range(YEARS + 1)],
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


def _funding_sources(
    club: ClubProfile,
    p: Projection,
    baseline: Baseline,
    assumptions: FinanceAssumptions,
    lang: Language,
) -> list[FundingSource]:
    sources = [
        FundingSource(
            name=item.label,
            detail=words.pick(
                lang,
                f"Assicurato, incassato nel {baseline.seasons[index + 1]}.",
                f"Secured, received in {baseline.seasons[index + 1]}.",
            ),
            amount=SourcedValue.questionnaire(float(amount), "EUR"),
            status=FundingStatus.COMMITTED,
        )
        for item in baseline.funding
        for index, amount in enumerate(item.amounts)
        if amount > 0
    ]
    need = sum(p.to_seek, ZERO)
    rule = assumptions.ics_loan
    if need > 0:
        first = next(y for y, amount in enumerate(p.to_seek, start=1) if amount > 0)
        sources.append(
            FundingSource(
                name=words.pick(lang, "Nuove fonti necessarie", "New funding needed"),
                detail=words.pick(
                    lang,
                    f"Quanto serve perché la cassa non scenda sotto zero, le prime entro il "
                    f"{baseline.seasons[first]}: bandi, sponsor, un mutuo o un rinvio degli "
                    "investimenti.",
                    f"What keeps the cash from going below zero, the first by "
                    f"{baseline.seasons[first]}: calls, sponsors, a loan or postponing "
                    "investments.",
                ),
                amount=_value(Span.exact(need), "EUR", words.pick(lang, *SUM_REFERENCE)),
                status=FundingStatus.TO_SEEK,
            )
        )
    infrastructure = sum(baseline.investments.get(Area.INFRASTRUCTURE, (ZERO,)), ZERO)
    loan_detail = rule.note.get(lang)
    loan_amount = min(cents(rule.maximum), max(infrastructure, need))
    if loan_amount >= 10000:
        instalment = annuity(loan_amount, Decimal(str(p.drivers.ics_rate)), rule.years)
        loan_detail += words.pick(
            lang,
            f". Per {words.money(loan_amount, lang)}: una rata di circa "
            f"{words.money(instalment, lang)} l'anno per {rule.years} anni.",
            f". For {words.money(loan_amount, lang)}: an instalment of about "
            f"{words.money(instalment, lang)} a year for {rule.years} years.",
        )
    sources.append(
        FundingSource(name=rule.name.get(lang), detail=loan_detail, status=FundingStatus.OPTION)
    )
    sources.append(
        FundingSource(
            name=words.pick(lang, "Bandi comunali e regionali", "Municipal and regional calls"),
            detail=words.pick(
                lang,
                "Contributi per attività giovanile, inclusione e impiantistica: verificare "
                "le scadenze dell'anno.",
                "Grants for youth activity, inclusion and facilities: check this year's deadlines.",
            ),
        )
    )
    sources.append(
        FundingSource(
            name=words.pick(lang, "Sponsorizzazioni a livelli", "Tiered sponsorship"),
            detail=words.pick(
                lang,
                "Pacchetti dell'obiettivo MK4; non rientrano nel limite delle attività diverse.",
                "Packages from objective MK4; they do not count towards the non-sport "
                "activity limit.",
            ),
        )
    )
    if club.identity.legal_form is LegalForm.ASD and club.has_youth_section():
        sources.append(
            FundingSource(
                name="5x1000",
                detail=words.pick(
                    lang,
                    "Campagna verso famiglie e sostenitori (azione MK2.4).",
                    "Campaign among families and supporters (action MK2.4).",
                ),
                amount=club.revenue.five_per_mille,
            )
        )
    return sources


def _investments(p: Projection, lang: Language) -> list[InvestmentLine]:
    reference = words.pick(
        lang,
        "budget minimo degli obiettivi del piano (il resto dell'intervallo richiede fonti "
        "aggiuntive)",
        "minimum budget of the plan's objectives (the rest of the range needs further funding)",
    )
    if p.drivers.investment_delay:
        reference += words.pick(
            lang,
            f", rinviati di {p.drivers.investment_delay} stagioni",
            f", postponed by {p.drivers.investment_delay} seasons",
        )
    return [
        InvestmentLine(
            area=area, values=[SourcedValue.estimate(float(v), EUR, reference) for v in amounts]
        )
        for area, amounts in p.investments.items()
    ]


def compose(
    club: ClubProfile,
    inputs: FinanceInputs,
    drivers: FinanceDrivers | None,
    language: Language,
    assumptions: FinanceAssumptions | None = None,
) -> FinanceModel:
    """The whole financial section for ``drivers`` (the base scenario when None)."""
    assumptions = assumptions or default_assumptions()
    reference = club.identity.reference_season
    seasons = (reference, *seasons_after(reference))
    baseline = build_baseline(club, inputs, seasons, assumptions, language)  # type: ignore[arg-type]
    scenarios = {
        kind: project(baseline, drivers_for(kind, inputs, baseline, assumptions), assumptions)
        for kind in ORDER
    }
    chosen = drivers or scenarios[ScenarioKind.BASE].drivers
    standard = scenarios.get(chosen.scenario)
    if standard is not None and standard.drivers == chosen:
        projection = standard
    else:
        projection = project(baseline, chosen, assumptions)
    shown = dict(scenarios)
    if chosen.scenario is ScenarioKind.CUSTOM:
        shown[ScenarioKind.CUSTOM] = projection
    monthly = _monthly(projection)
    month_reference = SEASONAL_PROFILE
    plan = FinancialPlan(
        lines=_lines(projection, chosen, assumptions, language),
        rows=_rows(projection, language),
        investments=_investments(projection, language),
        funding_sources=_funding_sources(club, projection, baseline, assumptions, language),
        break_even_year=projection.break_even,
        cash_flow_y1=[SourcedValue.estimate(float(m), EUR_MONTH, month_reference) for m in monthly],
        opening_cash=SourcedValue.questionnaire(float(baseline.reserves), "EUR")
        if baseline.reserves is not None
        else SourcedValue.missing("EUR"),
        kpis=_kpis(projection, baseline, language),
        commentary=words.commentary(projection, baseline, shown, language),
        risks=words.risks(projection, baseline, assumptions, scenarios, language),
        unknown_lines=list(projection.unknown),
        drivers=chosen,
        inputs=inputs,
        scenarios=_scenario_summaries(shown, assumptions, language),
    )
    return FinanceModel(plan, baseline, projection, scenarios)


def build_financial_plan(
    club: ClubProfile,
    selected: Mapping[str, SelectedObjective],
    catalogue: object = None,
    language: Language = Language.IT,
) -> FinanceModel:
    """The base scenario of a new plan (``catalogue`` is kept for the callers' signature)."""
    return compose(club, finance_inputs(selected), None, language)


def rebuild_financial_plan(
    club: ClubProfile, current: FinancialPlan, drivers: FinanceDrivers, language: Language
) -> FinancialPlan:
    """The same plan's finances under other drivers (a saved what-if): a new section."""
    inputs = current.inputs or FinanceInputs()
    return compose(club, inputs, drivers, language).plan
