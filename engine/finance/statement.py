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
from engine.domain.club import ClubProfile
from engine.domain.language import Language
from engine.domain.plan import (
    FinanceDrivers,
    FinanceInputs,
    FinanceKind,
    FinanceLine,
    FinanceRow,
    FinancialPlan,
    InvestmentLine,
    ScenarioKind,
    ScenarioSummary,
    seasons_after,
)
from engine.domain.sourced import SourcedValue
from engine.finance import words
from engine.finance.assumptions import FinanceAssumptions, default_assumptions
from engine.finance.cashflow import SEASONAL_PROFILE, monthly
from engine.finance.funding import funding_sources
from engine.finance.indicators import kpis
from engine.finance.inputs import YEARS, BaseLine, Baseline, Growth, Origin, build_baseline
from engine.finance.objectives import finance_inputs, inputs_of
from engine.finance.projection import Projection, project
from engine.finance.scenarios import ORDER, drivers_for
from engine.finance.span import ZERO, Span
from engine.finance.values import EUR, EUR_MONTH, SUM_REFERENCE, sourced
from engine.selection import SelectedObjective

# The rows that lean on the costs: partial while a material cost is unknown.
PARTIAL_ROWS = ("cost_total", "operating", "after_investments", "balance", "cash", "to_seek")


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


# --- sourced values --------------------------------------------------------------------


def _year0(line: BaseLine) -> SourcedValue:
    if line.y0 is None:
        return SourcedValue.missing(EUR)
    if line.origin is Origin.QUESTIONNAIRE:
        return SourcedValue.questionnaire(float(line.y0.low), EUR)
    if line.origin is Origin.DERIVED:
        return SourcedValue.derived(float(line.y0.low), EUR)
    return sourced(line.y0, EUR, line.reference)


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
    if drivers.scenario is ScenarioKind.CUSTOM and line.growth is not Growth.FLAT:
        # the board's own what-if: its figures, not the plan's targets
        return words.pick(lang, "ipotesi del vostro scenario", "your scenario's assumption")
    if drivers.scenario is not ScenarioKind.BASE:
        rule = assumptions.scenarios.get(drivers.scenario.value)
        name = rule.label.get(lang) if rule else ""
        text = words.pick(lang, f"scenario {name.lower()}: {text}", f"{name} scenario: {text}")
    return text  # the provenance adds "da verificare"


# --- rows, lines, scenarios ------------------------------------------------------------


def _closed(baseline: Baseline, key: str, year: int) -> bool:
    """Whether plan year ``year`` of a line (or "cash") is a recorded actual."""
    recorded = baseline.closed.get(key, ())
    return year <= len(recorded) and recorded[year - 1] is not None


def _year(
    value: Span | None, reference: str, baseline: Baseline, key: str, year: int, unit: str = EUR
) -> SourcedValue:
    """A plan year's figure: the club's actual when the season is closed, else the forecast."""
    if value is not None and _closed(baseline, key, year):
        return SourcedValue.recorded(float(value.low), unit, baseline.seasons[year])
    return sourced(value, unit, reference)


def _lines(
    p: Projection,
    drivers: FinanceDrivers,
    assumptions: FinanceAssumptions,
    lang: Language,
    baseline: Baseline,
) -> list[FinanceLine]:
    lines = []
    for forecast in p.lines:
        base = forecast.base
        reference = _growth_reference(base, drivers, assumptions, lang)
        values = [_year0(base)] + [
            _year(v, reference, baseline, base.key, year)
            for year, v in enumerate(forecast.values[1:], start=1)
        ]
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
        values = [sourced(v, EUR, reference) for v in loan.instalments]
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


def _rows(p: Projection, lang: Language, baseline: Baseline) -> list[FinanceRow]:
    reference = words.pick(lang, *SUM_REFERENCE)

    def exact(amount: Decimal) -> Span:
        return Span.exact(amount)

    partial = PARTIAL_ROWS if p.unknown else ()

    def row(key: str, it: str, en: str, values: list[Span | None]) -> FinanceRow:
        label = words.pick(lang, it, en)
        if key in partial:  # a total without the missing costs says so where it stands
            label += words.pick(lang, " (parziale: mancano dei costi)", " (partial: costs missing)")
        return FinanceRow(
            key=key,
            label=label,
            values=[None if v is None else sourced(v, EUR, reference) for v in values],
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
            label=(
                words.pick(lang, "Cassa a fine stagione", "Cash at season end")
                + (words.pick(lang, " (parziale)", " (partial)") if p.unknown else "")
            )
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
                *(
                    _year(c, reference, baseline, "cash", year, "EUR")
                    for year, c in enumerate(p.cash[1:], start=1)
                ),
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
                revenue=[sourced(v, EUR, reference) for v in p.revenue[1:]],
                costs=[sourced(v, EUR, reference) for v in p.costs[1:]],
                balance=[sourced(v, EUR, reference) for v in p.balance],
                cash=[sourced(v, "EUR", reference) for v in p.cash[1:]],
                to_seek=sourced(Span.exact(sum(p.to_seek, ZERO)), "EUR", reference),
                break_even_year=p.break_even,
            )
        )
    return found


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
    months = monthly(projection)
    month_reference = SEASONAL_PROFILE
    plan = FinancialPlan(
        lines=_lines(projection, chosen, assumptions, language, baseline),
        rows=_rows(projection, language, baseline),
        investments=_investments(projection, language),
        funding_sources=funding_sources(club, projection, baseline, assumptions, language),
        break_even_year=projection.break_even,
        cash_flow_y1=[SourcedValue.estimate(float(m), EUR_MONTH, month_reference) for m in months],
        opening_cash=SourcedValue.questionnaire(float(baseline.reserves), "EUR")
        if baseline.reserves is not None
        else SourcedValue.missing("EUR"),
        kpis=kpis(projection, baseline, language),
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
    return compose(club, inputs_of(current), drivers, language).plan
