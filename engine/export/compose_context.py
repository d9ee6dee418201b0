"""The composer's context: what every section function reads, and the helpers they share.

The sections of a plan's document (``compose_summary``, ``compose_club``,
``compose_areas``, ``compose_finance``, ``compose_followup``, ``compose_method``,
``compose_onepager``) are plain functions of one ``Context``: the plan, its language
and words, the branding and the provenance collector. The provenance collector is
the one piece of state: it gathers every source cited, so the methodology chapter
that lists them is built after the chapters citing them (``compose.build_document``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from engine import formatting
from engine.domain.language import Language
from engine.domain.plan import KPI, Area, Plan, SectionStatus
from engine.domain.sourced import SourcedValue, SourceTier
from engine.export.branding import Branding, Logo, make_branding
from engine.export.document import Block, Column, Labelled, Notice, Table, Text, Value
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


@dataclass(frozen=True, slots=True)
class Context:
    """One plan's export in the making: the plan, its words, provenance and branding."""

    plan: Plan
    lang: Language
    t: Labels
    prov: Provenance  # collects the sources cited, for the methodology chapter
    branding: Branding
    version: int | None
    year0: str  # the season before the plan: year 0 of the finance tables
    years: tuple[str, ...]  # year 0 and the plan's seasons

    @classmethod
    def of(
        cls, plan: Plan, version: int | None, logo: Logo | None, language: Language | None = None
    ) -> Context:
        """``language`` words the document in another language than the plan's: the plan
        view speaks the interface's language around the plan's own text."""
        language = Language(language or plan.language)
        labels = Labels(language)
        year0 = previous_season(plan.seasons[0])
        return cls(
            plan=plan,
            lang=language,
            t=labels,
            prov=Provenance(labels),
            branding=make_branding(list(plan.club.identity.colours), logo),
            version=version,
            year0=year0,
            years=(year0, *plan.seasons),
        )


# --- helpers the sections share -------------------------------------------------------------


def priority_text(ctx: Context, priority: int) -> str:
    """The plan year an objective starts in, with its season: "avvio nell'anno 1 (2026/27)"."""
    return ctx.t.get("priority_year", n=priority, season=ctx.plan.seasons[priority - 1])


def year_columns(
    ctx: Context, columns: Sequence[Iterable[SourcedValue | None]], *, season: bool = False
) -> list[Column]:
    """The three plan years' columns, "Anno 1" or "Anno 1 · 2026/27"; a year whose figures
    the club recorded when it closed the season (a rolled-forward plan) reads "Anno 1
    (consuntivo)", a little wider. ``columns`` holds each year's values: a column mixing
    recorded and planned figures, or only planned ones (investments, ratios of forecasts),
    keeps the plain heading, and the provenance says which figure is which."""
    found = []
    for n, values in enumerate(columns, start=1):
        name = ctx.plan.seasons[n - 1]
        text = ctx.t.get("year_n", n=n) + (f" · {name}" if season else "")
        known = [v for v in values if v is not None and v.value is not None]
        actual = bool(known) and all(v.is_actual for v in known)  # else: said row by row
        if actual:
            text += f" ({ctx.t.closed_season})"
        found.append(Column(text, 3 if actual else 2, True))
    return found


def kpi_table(ctx: Context, kpis: Sequence[KPI]) -> Table:
    """Baseline and three targets per KPI; provenance once for the table when it is shared."""
    t = ctx.t
    grid = [[k.baseline, *k.targets] for k in kpis]
    shared, per_row = ctx.prov.grid(grid, year_scope(t))
    rows = []
    for index, kpi in enumerate(kpis):
        cells = [ctx.prov.value(v, badge=False, bare=True) for v in grid[index]]
        row = (
            Text(kpi.name, sub=f"{t.measured_by}: {kpi.source}"),
            Text(formatting.unit_word(kpi.unit, ctx.lang)),
            *cells,
        )
        rows.append((*row, per_row[index]) if per_row else row)
    columns = [
        Column(t.kpi, 7),
        Column(t.unit, 2),
        Column(t.baseline, 2, True),
        *year_columns(ctx, [[k.targets[i] for k in kpis] for i in range(3)], season=True),
    ]
    if per_row:
        columns.append(Column(t.provenance, 5))
    return Table(tuple(columns), tuple(rows), provenance=shared, compact=True)


def money_total(ctx: Context, amount: float, missing: int) -> Value:
    """A total of the known values, starred when some were missing (the note says why)."""
    return Value(formatting.money(amount, ctx.lang) + ("*" if missing else ""))


def chart_note(ctx: Context, values: Iterable[SourcedValue]) -> str:
    """Chart captions name every source in the chart, with the estimate convention."""
    seen: dict[str, None] = {}
    estimate = False
    for value in values:
        if value.value is None:
            continue
        seen.setdefault(value.provenance(ctx.lang), None)
        estimate = estimate or value.tier is SourceTier.ESTIMATE
    text = f"{ctx.t.values_from}: " + "; ".join(seen) + "." if seen else ""
    return f"{text} {ctx.t.chart_estimates}".strip() if estimate else text


def status_notice(ctx: Context, status: SectionStatus, reason: str | None) -> list[Block]:
    """The honest line a failed, missing or edited section opens with (none when generated)."""
    t = ctx.t
    if status is SectionStatus.FAILED:
        if ctx.lang is not Language(ctx.plan.language):
            reason = None  # the stored reason is in the plan's language: no mixed sentence
        text = t.failed + (f" {t.failed_reason}: {reason}" if reason else "")
        return [Notice(text, "failed")]
    if status is SectionStatus.MISSING:
        return [Notice(t.not_generated)]
    if status is SectionStatus.EDITED:
        return [Notice(t.edited, "edited")]
    return []


def part_not_generated(ctx: Context, what: str) -> Notice:
    """Where one part of a section is empty: said, never a placeholder."""
    return Notice(ctx.t.get("part_not_generated", what=what))


def labelled(ctx: Context, label: str, text: str | None) -> Labelled:
    """A labelled text, or "dato da acquisire" in red when the club left it empty."""
    if text and text.strip():
        return Labelled(label, text)
    return Labelled(label, ctx.prov.value(None).text, missing=True)


def count_text(ctx: Context, value: float | None) -> str:
    return formatting.number(value or 0, ctx.lang)


def count(ctx: Context, value: int | None) -> Value:
    """A head count, or the missing-value badge when nobody gave it."""
    if value is None:
        return ctx.prov.value(None, badge=False)
    return Value(count_text(ctx, value))


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
