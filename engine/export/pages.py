"""The plan view's pages: the exports' sections, one page at a time.

The desktop shows a plan page by page (the summary, an area, one objective, the review
notes...). Each page is a ``Section`` of the document model, built by the same section
functions as the PDF and the DOCX, so a wording or a provenance fixed once is fixed on
screen and on paper alike; the desktop only lays the blocks out. Only the page opened
is built: an objective's page costs one objective's section (well under a millisecond),
so nothing is cached and an edit shows at once.

Three things are the view's own: the summary opens with the club's line and the
provenance legend (the PDF has its cover and methodology chapter for them); an area
lists its objectives with links instead of printing them (each has its own page); and
an objective's page says when its area was edited (the PDF says it once per chapter).
"""

from __future__ import annotations

from dataclasses import dataclass

from engine import formatting
from engine.domain.language import Language
from engine.domain.plan import Area, Plan, SectionStatus
from engine.export.compose_areas import AreaIntro, area_intro, objective_section
from engine.export.compose_club import analysis_section
from engine.export.compose_context import Context, priority_text
from engine.export.compose_followup import compliance_section, monitoring_section
from engine.export.compose_method import gap_rows, gaps_section, review_block
from engine.export.compose_summary import summary_section
from engine.export.document import Column, Notice, Paragraph, Section, Table, Text, Value
from engine.export.errors import UnknownPage


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the plan view, and the few words its layout adds around the blocks."""

    section: Section
    provenance: str  # caption before a table's shared provenance: "Provenienza"
    legend: str  # the provenance legend's title
    items: int = 0  # how many entries the page lists (gaps, review notes): the tree shows it


def plan_page(plan: Plan, key: str, language: Language | str | None = None) -> Page:
    """The page ``key`` of the plan view ("summary", "area:sports", "objective:SP2", ...),
    worded in ``language`` (the interface's; the plan's when not given)."""
    ctx = Context.of(plan, None, None, Language(language) if language else None)
    kind, _, name = key.partition(":")
    items = 0
    if kind == "objective":
        section = _objective_page(ctx, name)
    elif kind == "area" and name in {a.value for a in Area}:
        section = _area_page(ctx, area_intro(ctx, Area(name)))
    elif key == "summary":
        section = _summary_page(ctx)
    elif key == "analysis":
        section = analysis_section(ctx)
    elif key == "compliance":
        section = compliance_section(ctx)
    elif key == "monitoring":
        section = monitoring_section(ctx)
    elif key == "gaps":
        section, items = gaps_section(ctx), len(gap_rows(ctx))
    elif key == "warnings":
        section = Section("sec-review", ctx.t.review_checks, 1, (review_block(ctx),))
        items = len(plan.warnings)
    else:
        raise UnknownPage(key)
    return Page(section, ctx.t.provenance, ctx.t.legend, items)


def _summary_page(ctx: Context) -> Section:
    plan, identity = ctx.plan, ctx.plan.club.identity
    club_line = " · ".join(
        (
            identity.name,
            identity.legal_form.value,
            ", ".join(identity.sports),
            f"{plan.seasons[0]} – {plan.seasons[-1]}",
        )
    )
    summary = summary_section(ctx)
    blocks = (Paragraph(club_line), ctx.prov.legend(), *summary.blocks)
    return Section(summary.id, plan.title, 1, blocks)


def _area_page(ctx: Context, intro: AreaIntro) -> Section:
    t = ctx.t
    if not intro.objectives:
        return Section(intro.anchor, intro.title, 1, intro.blocks, kind="area")
    rows = tuple(
        (
            Text(o.code, strong=True, link=f"objective:{o.code}"),
            Text(o.title),
            Text(priority_text(ctx, o.priority)),
            Value(
                formatting.money_range(o.budget.min_eur, o.budget.max_eur, ctx.lang),
                ctx.prov.budget_badge(o.budget),
            ),
        )
        for o in intro.objectives
    )
    columns = (
        Column(t.code, 2),
        Column(t.objective, 8),
        Column(t.priority, 5),
        Column(t.budget, 5, True),
    )
    index = Table(columns, rows, compact=True)
    return Section(intro.anchor, intro.title, 1, (*intro.blocks, index), kind="area")


def _objective_page(ctx: Context, code: str) -> Section:
    for area_section in ctx.plan.areas:
        for objective in area_section.objectives:
            if objective.code == code:
                page = objective_section(ctx, objective)
                if area_section.status is not SectionStatus.EDITED:
                    return page
                edited = Notice(ctx.t.edited, "edited")
                return Section(
                    page.id, page.title, 2, (edited, *page.blocks), kind=page.kind, code=page.code
                )
    raise UnknownPage(f"objective:{code}")
