"""Provenance in plain words: a badge for every number, stated once per table when shared.

Users of the earlier product could not tell their own figures from invented
ones. Every ``SourcedValue`` becomes a ``Value`` with a ``Badge``; a table whose
values all come from the same place says so once in its caption, otherwise
each row gets a provenance column ("anno 0: questionario · anni 1-3: stima:
Istat 2015"). Every reference is counted for the sources table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from engine import formatting
from engine.domain.plan import BudgetRange
from engine.domain.sourced import (
    DERIVED_REFERENCE,
    MISSING_LABEL,
    USER_EDIT_REFERENCE,
    SourcedValue,
    SourceTier,
)
from engine.export.document import Badge, Badges, Legend, LegendEntry, Tier, Value
from engine.export.labels import Labels

Scope = Callable[[list[int]], str]


class Provenance:
    """Badges for one document, and the register of every source it cites."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels
        self.language = labels.language
        self.sources: Counter[tuple[str, str]] = Counter()
        self._seen: set[tuple[int, str]] = set()

    # --- single values ---------------------------------------------------------------

    def badge(self, value: SourcedValue, key: object = None) -> Badge:
        """The badge of one value; its source is counted once per distinct value (``key``)."""
        t = self.labels
        if value.value is None:
            return Badge(Tier.MISSING, t.badge_missing, MISSING_LABEL[self.language])
        full = value.provenance(self.language)
        reference = (value.reference or "").strip()
        if value.tier is SourceTier.QUESTIONNAIRE:
            if reference == USER_EDIT_REFERENCE:  # typed over in the plan, not in the form
                return Badge(Tier.QUESTIONNAIRE, t.badge_edited, full)
            if value.is_actual:  # a closed season's figure, as the club recorded it
                return Badge(Tier.QUESTIONNAIRE, t.badge_actual, full)
            if reference == DERIVED_REFERENCE:  # a total or a rate of the club's own answers
                return Badge(Tier.QUESTIONNAIRE, t.badge_derived, full)
            return Badge(Tier.QUESTIONNAIRE, t.badge_questionnaire, full)
        seen = (id(key if key is not None else value), reference)
        if seen not in self._seen:
            self._seen.add(seen)
            self.sources[(value.tier.value, reference)] += 1
        short = formatting.clip(reference, 48)
        if value.tier is SourceTier.RESEARCH:
            return Badge(Tier.RESEARCH, t.get("badge_research", ref=short), full)
        return Badge(Tier.ESTIMATE, t.get("badge_estimate", ref=short), full)

    def budget_badge(self, budget: BudgetRange) -> Badge:
        probe = SourcedValue(
            value=budget.min_eur,
            unit="EUR",
            tier=budget.tier,
            reference=budget.reference,
        )
        return self.badge(probe, key=budget)

    def sum_badge(self) -> Badge:
        return Badge(Tier.SUM, self.labels.badge_sum, self.labels.legend_sum)

    def value(self, value: SourcedValue | None, *, badge: bool = True, bare: bool = False) -> Value:
        """The printed number; ``bare`` drops the unit (tables with a unit column)."""
        if value is None or value.value is None:
            missing = MISSING_LABEL[self.language]
            shown = self.badge(value) if badge and value is not None else None
            return Value(missing, shown, missing=True)
        text = formatting.figure(value, self.language, bare=bare)
        return Value(text, self.badge(value) if badge else None)

    # --- groups of values ------------------------------------------------------------

    def grid(
        self, rows: Sequence[Sequence[SourcedValue | None]], scope: Scope
    ) -> tuple[Badges | None, list[Badges] | None]:
        """Provenance for a table: once for all (first item) or one per row (second)."""
        per_row = [self.row(row, scope) for row in rows]
        signatures = {_signature(b) for b in per_row if b.parts}
        if len(signatures) <= 1:
            shared = next((b for b in per_row if b.parts), None)
            return shared, None
        return None, per_row

    def row(self, values: Sequence[SourcedValue | None], scope: Scope) -> Badges:
        """Consecutive values with the same source share one badge, scoped by position."""
        groups: list[tuple[list[int], Badge]] = []
        for index, value in enumerate(values):
            if value is None or value.value is None:
                continue  # the cell itself says "dato da acquisire"
            badge = self.badge(value)
            if groups and groups[-1][1] == badge and groups[-1][0][-1] == index - 1:
                groups[-1][0].append(index)
            else:
                groups.append(([index], badge))
        if len({b for _, b in groups}) == 1 and groups:
            return Badges((("", groups[0][1]),))
        return Badges(tuple((scope(indices), badge) for indices, badge in groups))

    def legend(self) -> Legend:
        t = self.labels
        return Legend(
            (
                LegendEntry(
                    Badge(Tier.QUESTIONNAIRE, t.badge_questionnaire, ""), t.legend_questionnaire
                ),
                LegendEntry(Badge(Tier.QUESTIONNAIRE, t.badge_derived, ""), t.legend_derived),
                LegendEntry(Badge(Tier.QUESTIONNAIRE, t.badge_edited, ""), t.legend_edited),
                LegendEntry(
                    Badge(Tier.RESEARCH, t.get("badge_research", ref="…"), ""), t.legend_research
                ),
                LegendEntry(
                    Badge(Tier.ESTIMATE, t.get("badge_estimate", ref="…"), ""), t.legend_estimate
                ),
                LegendEntry(Badge(Tier.MISSING, t.badge_missing, ""), t.legend_missing),
                LegendEntry(self.sum_badge(), t.legend_sum),
            )
        )


def _signature(badges: Badges) -> tuple[tuple[str, Badge], ...]:
    return badges.parts


def year_scope(labels: Labels, offset: int = 0) -> Scope:
    """Column positions -> "anno 0" / "anni 1-3" (positions start at year ``offset``)."""
    it = labels.language.value == "it"

    def scope(indices: list[int]) -> str:
        years = [i + offset for i in indices]
        if len(years) == 1:
            return f"{'anno' if it else 'year'} {years[0]}"
        return f"{'anni' if it else 'years'} {years[0]}–{years[-1]}"

    return scope


def month_scope(labels: Labels) -> Scope:
    it = labels.language.value == "it"

    def scope(indices: list[int]) -> str:
        months = [i + 1 for i in indices]
        if len(months) == 1:
            return f"{'mese' if it else 'month'} {months[0]}"
        return f"{'mesi' if it else 'months'} {months[0]}–{months[-1]}"

    return scope
