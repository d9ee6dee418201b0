"""Shared state and helpers of the plan composer (see ``engine.export.compose``)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from pydantic import BaseModel

from engine import formatting
from engine.domain.language import Language
from engine.domain.plan import (
    KPI,
    Area,
    Plan,
    SectionStatus,
)
from engine.domain.sourced import SourcedValue, SourceTier
from engine.export.branding import Logo, make_branding
from engine.export.document import (
    Block,
    Column,
    Labelled,
    Notice,
    Table,
    Text,
    Value,
)
from engine.export.labels import Labels
from engine.export.provenance import Provenance, year_scope

log = logging.getLogger("rooting_future.export")

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C6D31", "#7F7F7F")
AREA_COLOURS = {
    Area.SPORTS: "#0072B2",
    Area.INFRASTRUCTURE: "#E69F00",
    Area.MARKETING: "#CC79A7",
    Area.SOCIAL: "#009E73",
}
COST_COLOUR = "#7B8794"


class ComposerBase:
    """What every section builder needs: the plan, its words, provenance, branding."""

    def __init__(self, plan: Plan, version: int | None, logo: Logo | None) -> None:
        self.plan = plan
        self.lang = Language(plan.language)
        self.t = Labels(self.lang)
        self.prov = Provenance(self.t)
        self.version = version
        self.branding = make_branding(list(plan.club.identity.colours), logo)
        self.year0 = previous_season(plan.seasons[0])
        self.years = [self.year0, *plan.seasons]

    def _priority_text(self, priority: int) -> str:
        return self.t.get("priority_year", n=priority, season=self.plan.seasons[priority - 1])

    def _kpi_table(self, kpis: Sequence[KPI]) -> Table:
        t = self.t
        grid = [[k.baseline, *k.targets] for k in kpis]
        shared, per_row = self.prov.grid(grid, year_scope(t))
        rows = []
        for index, kpi in enumerate(kpis):
            cells = [self.prov.value(v, badge=False, bare=True) for v in grid[index]]
            row = (
                Text(kpi.name, sub=f"{t.measured_by}: {kpi.source}"),
                Text(formatting.unit_word(kpi.unit, self.lang)),
                *cells,
            )
            rows.append((*row, per_row[index]) if per_row else row)
        columns = [
            Column(t.kpi, 7),
            Column(t.unit, 2),
            Column(t.baseline, 2, True),
            *(Column(t.get("year_n", n=n), 2, True) for n in (1, 2, 3)),
        ]
        if per_row:
            columns.append(Column(t.provenance, 5))
        return Table(tuple(columns), tuple(rows), provenance=shared, compact=True)

    def _money_total(self, amount: float, missing: int) -> Value:
        return Value(formatting.money(amount, self.lang) + ("*" if missing else ""))

    def _chart_note(self, values: Iterable[SourcedValue]) -> str:
        """Chart captions name every source in the chart, with the estimate convention."""
        seen: dict[str, None] = {}
        estimate = False
        for value in values:
            if value.value is None:
                continue
            seen.setdefault(value.provenance(self.lang), None)
            estimate = estimate or value.tier is SourceTier.ESTIMATE
        text = f"{self.t.values_from}: " + "; ".join(seen) + "." if seen else ""
        return f"{text} {self.t.chart_estimates}".strip() if estimate else text

    def _status(self, status: SectionStatus, reason: str | None) -> list[Block]:
        t = self.t
        if status is SectionStatus.FAILED:
            text = t.failed + (f" {t.failed_reason}: {reason}" if reason else "")
            return [Notice(text, "failed")]
        if status is SectionStatus.MISSING:
            return [Notice(t.not_generated)]
        if status is SectionStatus.EDITED:
            return [Notice(t.edited, "edited")]
        return []

    def _part(self, what: str) -> Notice:
        return Notice(self.t.get("part_not_generated", what=what))

    def _labelled(self, label: str, text: str | None) -> Labelled:
        if text and text.strip():
            return Labelled(label, text)
        return Labelled(label, self.prov.value(None).text, missing=True)

    def _count_text(self, value: float | None) -> str:
        return formatting.number(value or 0, self.lang)

    def _count(self, value: int | None) -> Value:
        if value is None:
            return self.prov.value(None, badge=False)
        return Value(self._count_text(value))


# --- module helpers -------------------------------------------------------------------------


def number_of(value: SourcedValue | None) -> float | None:
    if value is None or value.value is None or isinstance(value.value, str):
        return None
    return float(value.value)


def sum_known(values: Iterable[SourcedValue | None]) -> tuple[float, int]:
    """Sum of the known values and how many were missing (a partial total says so)."""
    total, missing = 0.0, 0
    for value in values:
        number = number_of(value)
        if number is None:
            missing += 1
        else:
            total += number
    return total, missing


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def previous_season(season: str) -> str:
    start = int(season[:4]) - 1
    return f"{start}/{(start + 1) % 100:02d}"


def field_title(model: type[BaseModel], name: str, language: Language | str) -> str:
    info = model.model_fields[name]
    if Language(language) is Language.IT:
        return info.title or name
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return str(extra.get("title_en") or info.title or name)
