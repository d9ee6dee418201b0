"""The board's progress report ("Stato di avanzamento") as a document model.

Built from a ``Plan`` and the ``Progress`` computed for one review (season + mid/end,
``engine.monitoring.status``), out of the same blocks as the plan's exports (``Table``,
``Column``, ``Text``, ``Facts``, ``Notice``, ``Chart``...), plus one card per objective
off track (``RedObjective``). Renderers only lay it out: ``engine.export.html``
(``progress.html``, two A4 pages through WeasyPrint) and ``engine.export.progress``
(the PDF page fit, the DOCX, the files).

Every status is printed as a word (``Rag.label``, shared with the CLI and the desktop)
and a colour, never colour alone: a board prints in greyscale. A value nobody has
measured yet reads "da rilevare" in grey, never green; the report says which values
those are.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from engine import formatting
from engine.domain.language import Language
from engine.domain.plan import Plan
from engine.export.branding import Branding, Logo, make_branding
from engine.export.chart_spec import ChartSpec, Series
from engine.export.document import Block, Chart, Column, Facts, Notice, Subheading, Table, Text
from engine.export.errors import ExportError
from engine.export.labels import Labels
from engine.monitoring.model import (
    ActionState,
    ActionStatus,
    AreaStatus,
    FinanceStatus,
    KpiStatus,
    ObjectiveStatus,
    Progress,
    Rag,
    Review,
)
from engine.monitoring.rules import load_rules

log = logging.getLogger("rooting_future.export")

# The tone of each status in the writers: a chip in the PDF, a shaded run in the DOCX.
TONES = {
    Rag.GREEN: "rag-green",
    Rag.AMBER: "rag-amber",
    Rag.RED: "rag-red",
    Rag.UNMEASURED: "rag-unmeasured",
}
RAG_ORDER = (Rag.GREEN, Rag.AMBER, Rag.RED, Rag.UNMEASURED)
FORECAST_COLOUR = "#9AA5B1"  # light grey: reads lighter than the actual in greyscale too
ACTUAL_COLOUR = "#0B4F8A"
NEXT_ACTIONS = 2  # the next open actions listed under each objective off track
ACTION_TEXT = 120  # characters of an action's description on the card
UNMEASURED_NAMES = 8  # KPIs named in the "still to be measured" line before "and N more"


@dataclass(frozen=True, slots=True)
class ActionLine:
    code: str
    what: str
    owner: str
    deadline: str


@dataclass(frozen=True, slots=True)
class RedObjective:
    """One objective off track: its KPIs against the review's target and its actions."""

    code: str
    title: str
    area: str
    status: Text
    kpis: Table | None  # None: the objective has no KPI (the notice says so)
    late: tuple[ActionLine, ...]
    upcoming: tuple[ActionLine, ...]


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """What the progress report prints; the attribute names the writers share with
    ``engine.export.document.Document`` (language, labels, title, club_name,
    seasons_label, branding, created_iso, version) mean the same there."""

    language: Language
    labels: Labels
    title: str
    club_name: str
    seasons: tuple[str, ...]
    seasons_label: str
    season: str
    review: Review
    review_line: str  # "2027/28, fine stagione (al 30/06/2028)"
    generated: str
    created_iso: str
    branding: Branding
    status: Text  # the plan's overall status
    facts: Facts  # the header's facts: seasons, review, generated, counts
    overview: tuple[Block, ...]  # page 1: areas, finances, chart, what is unmeasured
    reds: tuple[RedObjective, ...]  # page 2
    reds_notice: str  # when no objective is off track
    legend: str
    version: int | None = None

    def charts(self) -> list[ChartSpec]:
        return [b.spec for b in self.overview if isinstance(b, Chart)]

    def words(self) -> list[str]:
        """Every status word the report prints (the tests compare the writers with it)."""
        found = [self.status.text]
        for block in self.overview:
            if isinstance(block, Table):
                found += [c.text for row in block.rows for c in row if _is_status(c)]
        for red in self.reds:
            found.append(red.status.text)
            if red.kpis is not None:
                found += [c.text for row in red.kpis.rows for c in row if _is_status(c)]
        return found


def _is_status(cell: object) -> bool:
    return isinstance(cell, Text) and cell.tone in TONES.values()


def compose_progress(
    plan: Plan,
    progress: Progress,
    *,
    logo: Logo | None = None,
    generated: dt.datetime | None = None,
) -> ProgressReport:
    return _Composer(plan, progress, logo, generated or dt.datetime.now()).report()


def plan_logo(plan: Plan) -> Logo | None:
    """The club's own logo when it is an absolute path that exists; a bad one is skipped
    (a board report is not refused for its logo: the plan's exports name the problem)."""
    from engine.export.compose import resolve_logo

    try:
        return resolve_logo(plan, None, None)
    except ExportError as error:
        log.warning("progress report without the club logo: %s", error.message("en"))
        return None


class _Composer:
    def __init__(
        self, plan: Plan, progress: Progress, logo: Logo | None, generated: dt.datetime
    ) -> None:
        self.plan = plan
        self.progress = progress
        self.lang = Language(plan.language)
        self.t = Labels(self.lang)
        self.logo = logo
        self.generated = generated.replace(microsecond=0)

    # --- words and values ------------------------------------------------------------------

    def word(self, rag: Rag) -> str:
        return rag.label(self.lang.value)

    def chip(self, rag: Rag) -> Text:
        return Text(self.word(rag), tone=TONES[rag])

    def money(self, value: float | None) -> Text:
        if value is None:
            return Text("—")
        return Text(formatting.money(round(value), self.lang))

    def quantity(self, value: float, unit: str) -> str:
        return formatting.quantity(round(value, 2), unit, self.lang)

    def date(self, value: dt.date) -> str:
        return formatting.date(value, self.lang)

    # --- the report ------------------------------------------------------------------------

    def report(self) -> ProgressReport:
        t, plan, progress = self.t, self.plan, self.progress
        review = t[f"progress_review_{progress.review.value}"]
        review_line = t.get(
            "progress_review_line",
            season=progress.season,
            review=review,
            date=self.date(progress.as_of),
        )
        seasons_label = f"{plan.seasons[0]} – {plan.seasons[-1]}"
        identity = plan.club.identity
        return ProgressReport(
            language=self.lang,
            labels=t,
            title=f"{t.progress_title} · {identity.name} · {progress.season}",
            club_name=identity.name,
            seasons=tuple(plan.seasons),
            seasons_label=seasons_label,
            season=progress.season,
            review=progress.review,
            review_line=review_line,
            generated=self.date(self.generated.date()),
            created_iso=self.generated.isoformat(timespec="seconds"),
            branding=make_branding(list(identity.colours), self.logo),
            status=self.chip(progress.rag),
            facts=self.facts(seasons_label, review_line),
            overview=tuple(self.overview()),
            reds=tuple(self.red(o) for o in progress.reds()),
            reds_notice=t.progress_no_reds,
            legend=self.legend(),
        )

    def facts(self, seasons_label: str, review_line: str) -> Facts:
        t, progress = self.t, self.progress
        objectives = progress.objectives()
        by_objective = {rag: sum(o.rag is rag for o in objectives) for rag in RAG_ORDER}
        return Facts(
            (
                (t.seasons, seasons_label),
                (t.progress_review, review_line),
                (t.progress_kpis, self.counts_line(progress.counts)),
                (t.progress_objectives, self.counts_line(by_objective)),
                (t.generated_on, self.date(self.generated.date())),
            )
        )

    def counts_line(self, counts: dict[Rag, int]) -> str:
        return " · ".join(f"{counts.get(rag, 0)} {self.word(rag)}" for rag in RAG_ORDER)

    def overview(self) -> list[Block]:
        t = self.t
        return [
            Subheading(t.progress_by_area),
            self.areas_table(),
            Subheading(t.progress_finance),
            self.finance_table(),
            self.finance_chart(),
            self.unmeasured_line(),
        ]

    # --- page 1: areas -------------------------------------------------------------------

    def areas_table(self) -> Table:
        t, progress = self.t, self.progress
        columns = (
            Column(t.progress_area, 36),
            Column(t.progress_status, 27),
            *(Column(self.word(rag).capitalize(), 24, True) for rag in RAG_ORDER),
            Column(t.progress_budget_spent, 28, True),
            Column(t.progress_budget_planned, 42, True),
            Column(t.progress_budget, 27),
        )
        rows = [self.area_row(area) for area in progress.areas]
        rows.append(self.total_row())
        words = ", ".join(f"«{self.word(r)}»" for r in RAG_ORDER)
        if self.lang is Language.EN:
            words = ", ".join(f"'{self.word(r)}'" for r in RAG_ORDER)
        return Table(
            columns,
            tuple(rows),
            emphasis=(len(rows) - 1,),
            note=t.get("progress_area_note", words=words),
            compact=True,
        )

    def area_row(self, area: AreaStatus) -> tuple[Text, ...]:
        counts = {rag: sum(o.rag is rag for o in area.objectives) for rag in RAG_ORDER}
        budget = area.budget
        try:
            name = self.t[f"area_{area.area}_short"]  # "Sportiva": the column says "Area"
        except KeyError:
            name = area.label
        return (
            Text(name, strong=True),
            self.chip(area.rag),
            *(Text(str(counts[rag])) for rag in RAG_ORDER),
            self.money(budget.spent),  # "—" when unmeasured: the budget column says so
            Text(formatting.money_range(budget.planned_low, budget.planned_high, self.lang)),
            self.chip(budget.rag),
        )

    def total_row(self) -> tuple[Text, ...]:
        progress = self.progress
        objectives = progress.objectives()
        spent = [a.budget.spent for a in progress.areas if a.budget.spent is not None]
        low = sum(a.budget.planned_low for a in progress.areas)
        high = sum(a.budget.planned_high for a in progress.areas)
        return (
            Text(self.t.progress_whole_plan, strong=True),
            self.chip(progress.rag),
            *(Text(str(sum(o.rag is rag for o in objectives))) for rag in RAG_ORDER),
            self.money(sum(spent)) if spent else Text("—"),
            Text(formatting.money_range(low, high, self.lang)),
            Text(""),
        )

    # --- page 1: finances ----------------------------------------------------------------

    def finance_table(self) -> Table:
        t = self.t
        columns = (
            Column(t.progress_item, 70),
            Column(t.progress_forecast, 28, True),
            Column(t.progress_actual, 28, True),
            Column(t.progress_variance, 30, True),
            Column(t.progress_status, 30),
        )
        rows = tuple(self.finance_row(row) for row in self.progress.finance)
        note = t.progress_finance_mid if self.progress.review is Review.MID else ""
        return Table(columns, rows, note=note, compact=True)

    def finance_row(self, row: FinanceStatus) -> tuple[Text, ...]:
        variance = row.variance
        if variance is None:
            shown = Text("—")
        else:
            text = formatting.money(round(variance), self.lang)
            if round(variance) > 0:
                text = "+" + text
            share = ""
            if row.forecast:
                share = formatting.number(100 * variance / abs(row.forecast), self.lang, 1) + "%"
                share = share if share.startswith("−") else "+" + share
            shown = Text(text, sub=share)
        return (
            Text(row.label),
            self.money(row.forecast),
            self.money(row.actual),  # "—" when unmeasured: the status column says so
            shown,
            self.chip(row.rag),
        )

    def finance_chart(self) -> Block:
        t = self.t
        rows = [r for r in self.progress.finance if r.actual is not None and r.forecast is not None]
        if not rows:
            return Notice(t.progress_chart_none, "info")
        names = []
        for row in rows:
            try:
                names.append(t[f"progress_fin_{row.key}"])
            except KeyError:  # a row the rules file added later: its own label, shortened
                names.append(formatting.clip(row.label, 14))
        caption = t.get("progress_chart", season=self.progress.season)
        spec = ChartSpec(
            id="progress-finance",
            kind="grouped",
            caption=caption,
            categories=tuple(names),
            series=(
                Series(t.progress_forecast, tuple(r.forecast for r in rows), FORECAST_COLOUR),
                Series(t.progress_actual, tuple(r.actual for r in rows), ACTUAL_COLOUR),
            ),
            language=self.lang,
            note=t.progress_chart_note,
            alt=caption,
            height_cm=4.6,
            width_cm=17.0,
        )
        return Chart(spec)

    # --- what is still to be measured ------------------------------------------------------

    def unmeasured_line(self) -> Notice:
        t, progress = self.t, self.progress
        kpis = [
            (o.code, k.name)
            for o in progress.objectives()
            for k in o.kpis
            if k.rag is Rag.UNMEASURED
        ]
        finance = [r.label for r in progress.finance if r.rag is Rag.UNMEASURED]
        budgets = [a.label for a in progress.areas if a.budget.spent is None]
        parts = []
        if kpis:
            count = (
                t.progress_unmeasured_kpi
                if len(kpis) == 1
                else t.get("progress_unmeasured_kpis", n=len(kpis))
            )
            named = "; ".join(f"{code} {name}" for code, name in kpis[:UNMEASURED_NAMES])
            if len(kpis) > UNMEASURED_NAMES:
                more = t.get("progress_unmeasured_more", n=len(kpis) - UNMEASURED_NAMES)
                named = f"{named}; {more}"
            parts.append(f"{count} ({named})")
        if finance:
            parts.append(f"{t.progress_unmeasured_finance}: " + ", ".join(finance))
        if budgets:
            parts.append(f"{t.progress_unmeasured_budget}: " + ", ".join(budgets))
        if not parts:
            return Notice(t.progress_all_measured, "info")
        return Notice(t.get("progress_unmeasured", items=" · ".join(parts)), "missing")

    def legend(self) -> str:
        rules = load_rules()
        words = {rag.value: self.word(rag).capitalize() for rag in Rag}

        def pct(share: float) -> str:
            return formatting.number(100 * share, self.lang, 0) + "%"

        return self.t.get(
            "progress_legend",
            green=words["green"],
            amber=words["amber"],
            red=words["red"],
            unmeasured=words["unmeasured"],
            kpi=pct(rules.kpi_tolerance),
            finance=pct(rules.finance_tolerance),
            budget=pct(rules.budget_tolerance),
            green_word=self.word(Rag.GREEN),
        )

    # --- page 2: the objectives off track --------------------------------------------------

    def red(self, objective: ObjectiveStatus) -> RedObjective:
        t = self.t
        kpis = None
        if objective.kpis:
            kpis = Table(
                (
                    Column(t.progress_kpi, 37),
                    Column(t.progress_target, 20, True),
                    Column(t.progress_measured, 21, True),
                    Column(t.progress_status, 21),
                ),
                tuple(self.kpi_row(k) for k in objective.kpis),
                compact=True,
            )
        late = sorted(objective.late, key=lambda a: (a.deadline, a.code))
        upcoming = sorted(
            (a for a in objective.actions if a.state is ActionState.OPEN),
            key=lambda a: (a.deadline, a.code),
        )[:NEXT_ACTIONS]
        area = next(a.label for a in self.progress.areas if a.area == objective.area)
        return RedObjective(
            objective.code,
            objective.title,
            area,
            self.chip(objective.rag),
            kpis,
            tuple(self.action(a) for a in late),
            tuple(self.action(a) for a in upcoming),
        )

    def kpi_row(self, kpi: KpiStatus) -> tuple[Text, ...]:
        expected = (
            Text("—") if kpi.expected is None else Text(self.quantity(kpi.expected, kpi.unit))
        )
        actual = (
            Text("—")  # the status column says "da rilevare"
            if kpi.actual is None
            else Text(self.quantity(kpi.actual, kpi.unit), strong=True)
        )
        return (Text(kpi.name), expected, actual, self.chip(kpi.rag))

    def action(self, action: ActionStatus) -> ActionLine:
        return ActionLine(
            action.code,
            formatting.clip(action.what, ACTION_TEXT),
            action.owner,
            self.t.get("progress_due", date=self.date(action.deadline)),
        )
