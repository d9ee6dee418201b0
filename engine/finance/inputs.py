"""What the finance model starts from: year 0 of each line, loans, secured funding, investments.

Built once per plan (and once per what-if session): the projection then only multiplies.
Each year-0 figure says where it comes from. The club's answer first; else a figure
computed from its other answers (the facilities' rents, the paid workers' fees, members
times the average fee); else, for a material cost, a benchmark range; else "to be
collected", which the conclusion must name rather than count as zero.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from engine import formatting
from engine.agents.texts import pick
from engine.domain.club import ClubProfile, CostBasis, Costs, Facility, Revenue
from engine.domain.language import Language
from engine.domain.plan import Area, FinanceInputs, FinanceKind
from engine.domain.sourced import SourcedValue
from engine.finance.assumptions import CostEstimate, FinanceAssumptions, default_assumptions
from engine.finance.span import ZERO, Span, cents, euros

YEARS = 3


class Growth(StrEnum):
    """How a line moves over the three seasons (which driver it follows)."""

    MEMBERS_FEE = "members_fee"  # members x average fee
    SPONSORSHIP = "sponsorship"
    GRANTS = "grants"
    KPI = "kpi"  # its objective's KPI target (events follow MK2...)
    FLAT = "flat"
    STAFF = "staff"  # coaches follow the members, at cost inflation
    ENERGY = "energy"  # the energy objective's target, at cost inflation
    INFLATION = "inflation"


class Origin(StrEnum):
    QUESTIONNAIRE = "questionnaire"
    DERIVED = "derived"  # computed from the club's other answers
    ESTIMATE = "estimate"  # a benchmark range
    MISSING = "missing"


GROWTH: dict[str, Growth] = {
    "revenue.membership_fees": Growth.MEMBERS_FEE,
    "revenue.sponsorship": Growth.SPONSORSHIP,
    "revenue.public_grants": Growth.GRANTS,
    "revenue.five_per_mille": Growth.GRANTS,
    "revenue.events": Growth.KPI,
    "revenue.bar_merchandise": Growth.KPI,
    "revenue.donations": Growth.KPI,
    "revenue.other": Growth.FLAT,
    "cost.coaches_staff": Growth.STAFF,
    "cost.facilities_utilities": Growth.ENERGY,
}


@dataclass(frozen=True, slots=True)
class BaseLine:
    kind: FinanceKind
    category: str
    label: str
    y0: Span | None  # None: to be collected
    origin: Origin
    reference: str  # how y0 was computed, or the benchmark behind its range
    growth: Growth
    steps: tuple[Decimal, Decimal, Decimal]  # the KPI steps a KPI/ENERGY line follows
    step_reference: str
    material: bool  # a missing value blocks the plan's conclusion

    @property
    def key(self) -> str:
        return f"{self.kind.value}.{self.category}"


@dataclass(frozen=True, slots=True)
class LoanBase:
    label: str
    instalments: tuple[Span | None, ...]  # Y0..Y3; None = unknown instalment
    outstanding: Decimal | None
    reference: str  # where the instalment comes from


@dataclass(frozen=True, slots=True)
class FundingBase:
    label: str
    amounts: tuple[Decimal, Decimal, Decimal]  # Y1..Y3


@dataclass(frozen=True, slots=True)
class Baseline:
    lines: tuple[BaseLine, ...]
    investments: dict[Area, tuple[Decimal, Decimal, Decimal]]
    loans: tuple[LoanBase, ...]
    funding: tuple[FundingBase, ...]
    reserves: Decimal | None
    debts: Decimal | None  # the balance sheet's debts (may include the loans' outstanding)
    sponsor_share: Decimal | None  # the largest sponsor's share of sponsorship, 0-1
    sponsor_risk_named: bool  # the board's SWOT or problems name a risk on sponsors
    members: int | None
    seasons: tuple[str, str, str, str]  # Y0 (the reference season) then the plan's three
    language: Language
    # Closed plan years: per line key and "cash", the actuals of Y1..Y3 (see FinanceInputs).
    closed: dict[str, tuple[Decimal | None, ...]] = field(default_factory=dict)
    rebased: dict[str, int] = field(default_factory=dict)  # line -> closed year it restarts from

    def line(self, key: str) -> BaseLine | None:
        return next((line for line in self.lines if line.key == key), None)


def _amount(value: SourcedValue | None) -> Decimal | None:
    if value is None or not isinstance(value.value, int | float):
        return None
    return cents(value.value)


def label_of(model: type[Revenue] | type[Costs], name: str, language: Language) -> str:
    info = model.model_fields[name]
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return str(info.title if language is Language.IT else extra.get("title_en", info.title))


def _facilities_cost(
    club: ClubProfile, weeks: int, language: Language
) -> tuple[Decimal, str] | None:
    """The facilities' own costs per season (hourly rates over ``weeks`` weeks), if any."""
    parts: list[tuple[str, Decimal]] = []
    hourly = False
    for facility in club.facilities:
        yearly = facility.yearly_cost(weeks)
        if yearly is not None:
            parts.append((facility.name, cents(yearly)))
            hourly = hourly or facility.cost_basis is CostBasis.PER_HOUR
    if not parts:
        return None
    amount = sum((a for _, a in parts), ZERO)
    names = ", ".join(name for name, _ in parts)
    how = pick(
        language,
        f"; tariffe orarie per {weeks} settimane" if hourly else "",
        f"; hourly rates over {weeks} weeks" if hourly else "",
    )
    return amount, pick(
        language,
        f"costi degli impianti indicati ({names}{how})",
        f"costs of the facilities listed ({names}{how})",
    )


def facilities_cost(raw: list[Any], weeks: int | None = None) -> float:
    """The yearly cost of the facilities in a questionnaire draft (rows that do not validate
    yet count nothing): what the wizard shows beside its totals, by the model's own rule."""
    weeks = weeks or default_assumptions().weeks_per_season
    found = 0.0
    for item in raw:
        try:
            yearly = Facility.model_validate_json(json.dumps(item)).yearly_cost(weeks)
        except (ValidationError, TypeError, ValueError):
            continue
        found += yearly or 0.0
    return found


def _estimate(rule: CostEstimate, club: ClubProfile, language: Language) -> tuple[Span, str] | None:
    units: int | None
    if rule.basis == "club":
        units = 1
    elif rule.basis == "member":
        units = club.members_total()
    else:
        units = club.people.members_current_season.adults.total()
    if not units:
        return None
    span = Span.between(Decimal(str(rule.low)) * units, Decimal(str(rule.high)) * units)
    who = pick(language, "tesserati adulti", "adult members")
    if rule.basis == "member":
        who = pick(language, "tesserati", "members")
    if rule.basis == "member" and club.members_bands_missing():
        who = pick(language, "tesserati (almeno)", "members (at least)")
    per = "" if units == 1 else f" × {units} {who}"
    return span, f"{rule.label.get(language)}{per}"


def _year0(
    kind: FinanceKind,
    name: str,
    answer: SourcedValue | None,
    club: ClubProfile,
    assumptions: FinanceAssumptions,
    language: Language,
) -> tuple[Span | None, Origin, str]:
    """A line's year 0 and where it comes from (see the module docstring for the order)."""
    given = _amount(answer)
    if kind is FinanceKind.COST and name == "facilities_utilities":
        facilities = _facilities_cost(club, assumptions.weeks_per_season, language)
        if facilities is not None and (given is None or facilities[0] > given):
            amount, reference = facilities
            if given is not None:  # prudence: the larger figure, and the plan says so
                shown = formatting.money(float(given), language)
                reference = pick(
                    language,
                    f"{reference}: superano i {shown} indicati in bilancio",
                    f"{reference}: above the {shown} in the accounts",
                )
            return Span.exact(amount), Origin.DERIVED, reference
    if given is not None:
        return Span.exact(given), Origin.QUESTIONNAIRE, ""
    people = club.people
    if kind is FinanceKind.COST and name == "coaches_staff":
        fees = _amount(people.paid_workers_fees)
        if fees is not None:
            return (
                Span.exact(fees),
                Origin.DERIVED,
                pick(language, "compensi dei lavoratori sportivi", "fees of paid sports workers"),
            )
        workers = people.paid_workers.value if people.paid_workers else None
        if workers == 0:
            return (
                Span.exact(0),
                Origin.DERIVED,
                pick(language, "nessun lavoratore retribuito", "no paid workers"),
            )
    if kind is FinanceKind.REVENUE and name == "membership_fees":
        fee = _amount(club.balance.average_fee_per_athlete)
        members = club.members_total()
        if fee is not None and members:
            counted = pick(language, f"{members} tesserati", f"{members} members")
            if club.members_bands_missing():  # a lower bound: say so beside the figure
                counted = pick(language, "almeno ", "at least ") + counted
            return (
                Span.exact(fee * members),
                Origin.DERIVED,
                pick(language, "{n} × quota media {fee}", "{n} × average fee {fee}").format(
                    n=counted, fee=formatting.money(float(fee), language)
                ),
            )
    if kind is FinanceKind.COST and (rule := assumptions.cost_estimates.get(name)) is not None:
        estimate = _estimate(rule, club, language)
        if estimate is not None:
            return estimate[0], Origin.ESTIMATE, estimate[1]
    return None, Origin.MISSING, ""


def _loans(club: ClubProfile, seasons: tuple[str, ...], language: Language) -> list[LoanBase]:
    loans = []
    starts = [int(season[:4]) for season in seasons]
    for loan in club.loans:
        instalment = _amount(loan.yearly_instalment)
        outstanding = _amount(loan.outstanding)
        reference = ""
        if instalment is None and outstanding is not None and loan.end_year:
            # An unknown instalment, estimated as the outstanding debt spread to the end
            # (no interest: the plan says to check it).
            remaining = max(1, loan.end_year - starts[0])
            instalment = euros(outstanding / remaining)
            reference = pick(
                language,
                f"debito residuo diviso per i {remaining} anni fino al {loan.end_year}, "
                "interessi esclusi",
                f"outstanding debt over the {remaining} years to {loan.end_year}, "
                "interest excluded",
            )
        values: list[Span | None] = []
        for start in starts:
            # Prudence: a season pays an instalment while the loan runs in its first year.
            running = loan.end_year is None or start <= loan.end_year
            if not running:
                values.append(Span.exact(0))
            else:
                values.append(Span.exact(instalment) if instalment is not None else None)
        loans.append(LoanBase(loan.lender, tuple(values), outstanding, reference))
    return loans


def _funding(club: ClubProfile, seasons: tuple[str, ...]) -> list[FundingBase]:
    first = int(seasons[1][:4])
    found = []
    for item in club.funding:
        amount = _amount(item.amount)
        if amount is None:
            continue
        # No year: the last season (prudent: money not yet dated is not counted on early).
        year = YEARS if item.year is None else min(YEARS, max(1, item.year - first + 1))
        amounts = [ZERO] * YEARS
        amounts[year - 1] = amount
        found.append(FundingBase(item.source, (amounts[0], amounts[1], amounts[2])))
    return found


def build_baseline(
    club: ClubProfile,
    inputs: FinanceInputs,
    seasons: tuple[str, str, str, str],
    assumptions: FinanceAssumptions,
    language: Language = Language.IT,
) -> Baseline:
    lines: list[BaseLine] = []
    for kind, model, items in (
        (FinanceKind.REVENUE, Revenue, club.revenue.items()),
        (FinanceKind.COST, Costs, club.costs.items()),
    ):
        for name, answer in items.items():
            key = f"{kind.value}.{name}"
            growth = GROWTH.get(key, Growth.INFLATION if kind is FinanceKind.COST else Growth.FLAT)
            raw_steps = inputs.steps.get(name, [0.0, 0.0, 0.0])
            steps = tuple(Decimal(str(step)) for step in raw_steps)
            y0, origin, reference = _year0(kind, name, answer, club, assumptions, language)
            lines.append(
                BaseLine(
                    kind=kind,
                    category=name,
                    label=label_of(model, name, language),
                    y0=y0,
                    origin=origin,
                    reference=reference,
                    growth=growth,
                    steps=(steps[0], steps[1], steps[2]),
                    step_reference=inputs.step_references.get(name, ""),
                    material=kind is FinanceKind.COST and name in assumptions.material_costs,
                )
            )
    investments = {
        area: tuple(cents(v) for v in inputs.investments.get(area, [0.0, 0.0, 0.0]))
        for area in Area
    }
    share = club.revenue.largest_sponsor_share
    swot = club.qualitative.swot
    worries = [*swot.weaknesses, *swot.threats, *(p.text for p in club.board.problems)]
    return Baseline(
        lines=tuple(lines),
        investments={area: (v[0], v[1], v[2]) for area, v in investments.items()},
        loans=tuple(_loans(club, seasons, language)),
        funding=tuple(_funding(club, seasons)),
        reserves=_amount(club.balance.reserves),
        debts=_amount(club.balance.debts),
        sponsor_share=(
            Decimal(str(share.value)) / 100
            if share is not None and isinstance(share.value, int | float)
            else None
        ),
        sponsor_risk_named=any("sponsor" in text.lower() for text in worries),
        members=club.members_total(),
        seasons=seasons,
        language=language,
        closed={
            key: tuple(None if v is None else cents(v) for v in values)
            for key, values in inputs.closed.items()
        },
        rebased=dict(inputs.rebased),
    )
