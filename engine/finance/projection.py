"""Three seasons from year 0 and a set of drivers: the one computation behind every figure.

Pure and fast (a few hundred Decimal operations, well under a millisecond), so the
desktop's what-if panel re-runs it on every change and the plan, its three scenarios
and the board's own scenario all come from the same code. Conclusions read the prudent
end of every range: a result's ``low`` is revenue at its lowest minus costs at their
highest.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from engine.domain.plan import Area, FinanceDrivers, FinanceKind
from engine.finance.assumptions import FinanceAssumptions
from engine.finance.inputs import YEARS, BaseLine, Baseline, Growth
from engine.finance.span import NOTHING, ZERO, Span, cents, euros, total

ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class LineForecast:
    base: BaseLine
    values: tuple[Span | None, ...]  # Y0..Y3; None = to be collected


@dataclass(frozen=True, slots=True)
class LoanForecast:
    label: str
    instalments: tuple[Span | None, ...]  # Y0..Y3
    reference: str
    outstanding: Decimal | None = None
    assumed: bool = False  # the Credito Sportivo loan of a what-if, not a real one


@dataclass(frozen=True, slots=True)
class Projection:
    drivers: FinanceDrivers
    lines: tuple[LineForecast, ...]
    revenue: tuple[Span, ...]  # Y0..Y3, missing lines count zero (and are listed)
    costs: tuple[Span, ...]  # Y0..Y3, running costs
    operating: tuple[Span, ...]  # Y0..Y3 revenue - costs
    investments: dict[Area, tuple[Decimal, ...]]  # Y1..Y3 after any delay
    invested: tuple[Decimal, ...]  # Y1..Y3
    postponed: Decimal  # pushed beyond the plan by a delay
    loans: tuple[LoanForecast, ...]
    repayments: tuple[Span, ...]  # Y1..Y3
    committed: tuple[Decimal, ...]  # Y1..Y3 secured funding
    loan_inflow: tuple[Decimal, ...]  # Y1..Y3 the assumed Credito Sportivo loan
    loan_amount: Decimal
    balance: tuple[Span, ...]  # Y1..Y3 after investments, instalments and funding
    cash: tuple[Span, ...]  # Y0..Y3 at season end; Y0 = the reserves declared
    reserves_known: bool
    to_seek: tuple[Decimal, ...]  # Y1..Y3 new funding needed to keep the cash at zero or more
    unknown: tuple[str, ...]  # material lines nobody knows: no conclusion until they are
    break_even: int | None  # first year from which the balance stays >= 0 (prudent end)

    @property
    def judgeable(self) -> bool:
        return not self.unknown

    def line(self, key: str) -> LineForecast | None:
        return next((f for f in self.lines if f.base.key == key), None)


def _factor(line: BaseLine, drivers: FinanceDrivers, year: int) -> Decimal:
    """The multiplier of year 0 for plan year ``year`` (1-3)."""
    i = year - 1
    prices = (ONE + Decimal(str(drivers.inflation))) ** year
    members = ONE + Decimal(str(drivers.members[i]))
    match line.growth:
        case Growth.MEMBERS_FEE:
            return members * (ONE + Decimal(str(drivers.fee[i])))
        case Growth.SPONSORSHIP:
            return ONE + Decimal(str(drivers.sponsorship[i]))
        case Growth.GRANTS:
            return ONE + Decimal(str(drivers.grants[i]))
        case Growth.KPI:
            return ONE + line.steps[i] * Decimal(str(drivers.other_revenue))
        case Growth.STAFF:
            return members * prices
        case Growth.ENERGY:
            return (ONE + line.steps[i]) * prices
        case Growth.INFLATION:
            return prices
    return ONE


def _forecast(line: BaseLine, baseline: Baseline, drivers: FinanceDrivers) -> LineForecast:
    planned = _planned(line, baseline, drivers)
    closed = baseline.closed.get(line.key)
    if not closed:
        return LineForecast(line, planned)
    return LineForecast(line, _with_actuals(line, planned, closed, baseline, drivers))


def _with_actuals(
    line: BaseLine,
    planned: tuple[Span | None, ...],
    closed: tuple[Decimal | None, ...],
    baseline: Baseline,
    drivers: FinanceDrivers,
) -> tuple[Span | None, ...]:
    """A closed year shows what happened; the years after the one the plan restarts from
    keep the planned growth, from the actual: value' = actual x planned(y) / planned(k)."""
    values = list(planned)
    for year, actual in enumerate(closed, start=1):
        if actual is not None and year <= YEARS:
            values[year] = Span.exact(actual)
    start = baseline.rebased.get(line.key, 0)
    anchor = closed[start - 1] if 0 < start <= len(closed) else None
    if anchor is None:
        return tuple(values)
    base = planned[start]
    for year in range(start + 1, YEARS + 1):
        if values[year] is not None and year <= len(closed) and closed[year - 1] is not None:
            continue  # a later year already closed keeps its own actual
        if base is not None and base.mid > 0 and planned[year] is not None:
            values[year] = planned[year].times(anchor / base.mid)  # type: ignore[union-attr]
        else:  # nothing planned to scale: the planned growth factors, from the actual
            before = _factor(line, drivers, start)
            ratio = _factor(line, drivers, year) / before if before > 0 else ONE
            values[year] = Span.exact(anchor).times(ratio)
    return tuple(values)


def _planned(
    line: BaseLine, baseline: Baseline, drivers: FinanceDrivers
) -> tuple[Span | None, ...]:
    """Y0..Y3 as first planned: year 0 grown by the drivers (None: to be collected)."""
    if line.y0 is None:
        return (None,) * (YEARS + 1)
    values: list[Span | None] = [line.y0]
    lost_from = drivers.main_sponsor_lost_from
    for year in range(1, YEARS + 1):
        value = line.y0.times(max(ZERO, _factor(line, drivers, year)))
        if (
            line.growth is Growth.SPONSORSHIP
            and lost_from is not None
            and year >= lost_from
            and baseline.sponsor_share
        ):
            lost = line.y0.times(baseline.sponsor_share)
            value = Span(max(ZERO, value.low - lost.high), max(ZERO, value.high - lost.low))
        values.append(value)
    return tuple(values)


def annuity(amount: Decimal, rate: Decimal, years: int) -> Decimal:
    """The constant yearly instalment repaying ``amount`` over ``years`` at ``rate``.

    The rate counts to a hundredth of a percent point (a bank's precision); below that
    it is zero, where the formula would divide by nothing.
    """
    rate = rate.quantize(Decimal("0.0001"))
    if rate == 0:
        return euros(amount / years)
    return euros(amount * rate / (ONE - (ONE + rate) ** -years))


def delayed(amounts: tuple[Decimal, ...], delay: int) -> tuple[tuple[Decimal, ...], Decimal]:
    """Investments slipped by ``delay`` seasons, and what falls beyond the plan."""
    shifted = [ZERO] * YEARS
    beyond = ZERO
    for index, amount in enumerate(amounts):
        if index + delay < YEARS:
            shifted[index + delay] += amount
        else:
            beyond += amount
    return tuple(shifted), beyond


def project(
    baseline: Baseline, drivers: FinanceDrivers, assumptions: FinanceAssumptions
) -> Projection:
    lines = tuple(_forecast(line, baseline, drivers) for line in baseline.lines)

    def column(kind: FinanceKind, year: int) -> Span:
        return total(
            f.values[year]
            for f in lines
            if f.base.kind is kind and f.values[year] is not None  # type: ignore[misc]
        )

    revenue = tuple(column(FinanceKind.REVENUE, y) for y in range(YEARS + 1))
    costs = tuple(column(FinanceKind.COST, y) for y in range(YEARS + 1))
    operating = tuple(r - c for r, c in zip(revenue, costs, strict=True))

    investments: dict[Area, tuple[Decimal, ...]] = {}
    postponed = ZERO
    for area, amounts in baseline.investments.items():
        investments[area], beyond = delayed(amounts, drivers.investment_delay)
        postponed += beyond
    invested = tuple(sum((investments[a][i] for a in investments), ZERO) for i in range(YEARS))

    loans = [
        LoanForecast(loan.label, loan.instalments, loan.reference, loan.outstanding)
        for loan in baseline.loans
    ]
    loan_inflow = [ZERO] * YEARS
    loan_amount = ZERO
    rule = assumptions.ics_loan
    infrastructure = investments.get(Area.INFRASTRUCTURE, (ZERO,) * YEARS)
    if drivers.ics_loan and sum(infrastructure, ZERO) >= cents(rule.minimum):
        loan_amount = min(cents(rule.maximum), sum(infrastructure, ZERO))
        first = next(i for i, amount in enumerate(infrastructure) if amount > 0)
        loan_inflow[first] = loan_amount
        instalment = annuity(loan_amount, Decimal(str(drivers.ics_rate)), rule.years)
        schedule: list[Span | None] = [NOTHING] * (first + 2) + [Span.exact(instalment)] * (
            YEARS - first - 1
        )
        loans.append(
            LoanForecast(
                rule.name.get(baseline.language), tuple(schedule), "", loan_amount, assumed=True
            )
        )
    repayments = tuple(
        total(loan.instalments[y] for loan in loans if loan.instalments[y] is not None)  # type: ignore[misc]
        for y in range(1, YEARS + 1)
    )
    committed = tuple(sum((f.amounts[i] for f in baseline.funding), ZERO) for i in range(YEARS))
    balance = tuple(
        operating[y + 1]
        - Span.exact(invested[y])
        - repayments[y]
        + Span.exact(committed[y] + loan_inflow[y])
        for y in range(YEARS)
    )
    cash = [Span.exact(baseline.reserves if baseline.reserves is not None else ZERO)]
    recorded = baseline.closed.get("cash", ())
    for year, flow in enumerate(balance, start=1):
        actual = recorded[year - 1] if year <= len(recorded) else None
        cash.append(Span.exact(actual) if actual is not None else cash[-1] + flow)
    needed = ZERO
    to_seek = []
    for year in range(1, YEARS + 1):
        need = max(ZERO, -min(c.low for c in cash[1 : year + 1]))
        to_seek.append(max(ZERO, need - needed))
        needed = max(needed, need)

    unknown = [f.base.label for f in lines if f.base.material and f.base.y0 is None]
    it = baseline.language.value == "it"
    unknown += [  # what is missing is the instalment, not a cost line
        f"{'la rata di' if it else 'the instalment of'} «{loan.label}»"
        for loan in loans
        if any(value is None for value in loan.instalments[1:])
    ]
    break_even = None
    if not unknown:
        for year in range(1, YEARS + 1):
            if all(flow.low >= 0 for flow in balance[year - 1 :]):
                break_even = year
                break
    return Projection(
        drivers=drivers,
        lines=lines,
        revenue=revenue,
        costs=costs,
        operating=operating,
        investments=investments,
        invested=invested,
        postponed=postponed,
        loans=tuple(loans),
        repayments=repayments,
        committed=committed,
        loan_inflow=tuple(loan_inflow),
        loan_amount=loan_amount,
        balance=balance,
        cash=tuple(cash),
        reserves_known=baseline.reserves is not None,
        to_seek=tuple(to_seek),
        unknown=tuple(unknown),
        break_even=break_even,
    )
