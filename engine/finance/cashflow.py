"""The first season month by month: when fees come in and costs go out."""

from __future__ import annotations

from decimal import Decimal

from engine.domain.plan import FinanceKind
from engine.finance.projection import Projection
from engine.finance.span import ZERO, euros

SEASONAL_PROFILE = "profilo stagionale Rooting Future (quote incassate a settembre-ottobre)"
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


def monthly(p: Projection) -> list[Decimal]:
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
