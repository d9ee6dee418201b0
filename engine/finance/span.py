"""An amount known exactly or as a range (an estimate from a benchmark), in Decimal cents.

A cost the club did not give and a benchmark estimates is "1.400–4.200 €", not a made-up
single figure and never zero. Sums of ranges stay ranges; a difference takes the prudent
end of each side, so a result's ``low`` is what happens if every estimate goes badly.
Hand-written rather than a dependency: interval libraries work in floats, and the plan's
totals must add up to the cent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
EURO = Decimal(1)
ZERO = Decimal(0)


def cents(value: Decimal | float | int | str) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def euros(value: Decimal | float | int | str) -> Decimal:
    """Whole euros: a forecast has no cents, so the printed lines add up to the printed total."""
    return Decimal(str(value)).quantize(EURO, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Span:
    low: Decimal
    high: Decimal

    @classmethod
    def exact(cls, amount: Decimal | float | int) -> Span:
        value = cents(amount)
        return cls(value, value)

    @classmethod
    def between(cls, low: Decimal | float | int, high: Decimal | float | int) -> Span:
        a, b = cents(low), cents(high)
        return cls(min(a, b), max(a, b))

    @property
    def is_exact(self) -> bool:
        return self.low == self.high

    @property
    def mid(self) -> Decimal:
        return cents((self.low + self.high) / 2)

    def __add__(self, other: Span) -> Span:
        return Span(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Span) -> Span:
        return Span(self.low - other.high, self.high - other.low)

    def __neg__(self) -> Span:
        return Span(-self.high, -self.low)

    def times(self, factor: Decimal) -> Span:
        """Scaled by a factor, each end rounded to the whole euro (a forecast)."""
        a, b = euros(self.low * factor), euros(self.high * factor)
        return Span(min(a, b), max(a, b))


NOTHING = Span(ZERO, ZERO)


def total(spans: Iterable[Span]) -> Span:
    result = NOTHING
    for span in spans:
        result = result + span
    return result
