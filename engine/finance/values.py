"""Amounts as the plan stores them: sourced values from the model's spans."""

from __future__ import annotations

from engine.domain.sourced import SourcedValue
from engine.finance.span import Span

EUR = "EUR/anno"
EUR_MONTH = "EUR/mese"
SUM_REFERENCE = ("somma delle voci del piano", "sum of the plan's lines")


def sourced(span: Span | None, unit: str, reference: str) -> SourcedValue:
    """A forecast figure (a range when its ends differ); None is "to be collected"."""
    if span is None:
        return SourcedValue.missing(unit)
    if span.is_exact:
        return SourcedValue.estimate(float(span.low), unit, reference)
    return SourcedValue.estimate_range(float(span.low), float(span.high), unit, reference)
