"""Chapters 3-6, the four STW areas: each area's intro and its MACRO objectives."""

from __future__ import annotations

from dataclasses import dataclass

from engine import formatting
from engine.domain.plan import Area, MacroObjective, SectionStatus, macro_codes
from engine.export.compose_context import (
    Context,
    kpi_table,
    paragraphs,
    priority_text,
    status_notice,
)
from engine.export.document import (
    Block,
    Bullets,
    Column,
    Facts,
    Labelled,
    Notice,
    Paragraph,
    Section,
    Subheading,
    Table,
    Text,
    Value,
)


def area_section(ctx: Context, area: Area) -> Section:
    """The area's chapter: its introduction, then each objective as a sub-section."""
    intro = area_intro(ctx, area)
    children = tuple(objective_section(ctx, o) for o in intro.objectives)
    return Section(intro.anchor, intro.title, 1, intro.blocks, children, kind="area")


@dataclass(frozen=True, slots=True)
class AreaIntro:
    """An area chapter before its objectives: the plan view lists them instead of
    printing each one (every objective has its own page there)."""

    anchor: str
    title: str
    blocks: tuple[Block, ...]
    objectives: tuple[MacroObjective, ...]


def area_intro(ctx: Context, area: Area) -> AreaIntro:
    t = ctx.t
    section = ctx.plan.area(area)
    title = t[f"area_{area.value}"]
    anchor = f"area-{area.value}"
    if section is None:
        return AreaIntro(anchor, title, (Notice(t.not_generated),), ())
    blocks: list[Block] = status_notice(ctx, section.status, section.failure_reason)
    if section.intro:
        blocks += [Paragraph(p) for p in paragraphs(section.intro)]
    present = {o.code for o in section.objectives}
    missing = [code for code in macro_codes(area) if code not in present]
    if not section.objectives:
        if section.status not in {SectionStatus.FAILED, SectionStatus.MISSING}:
            blocks.append(Notice(t.no_objectives))
        return AreaIntro(anchor, title, tuple(blocks), ())
    if missing:
        blocks.append(Notice(t.get("objectives_missing", codes=", ".join(missing))))
    return AreaIntro(anchor, title, tuple(blocks), tuple(section.objectives))


def objective_section(ctx: Context, objective: MacroObjective) -> Section:
    t = ctx.t
    budget = Value(
        formatting.money_range(objective.budget.min_eur, objective.budget.max_eur, ctx.lang),
        ctx.prov.budget_badge(objective.budget),
    )
    blocks: list[Block] = [
        Facts(
            ((t.priority, priority_text(ctx, objective.priority)), (t.budget, budget)),
            inline=True,
        ),
        Paragraph(objective.objective, "lead"),
    ]
    if objective.answers:
        blocks += [Subheading(t.answers), Bullets(tuple(objective.answers))]
    blocks += [
        Labelled(t.baseline_text, objective.baseline),
        Labelled(t.gap, objective.gap),
        Subheading(t.actions),
    ]
    if objective.actions:
        blocks.append(
            Table(
                (
                    Column(t.code, 2),
                    Column(t.action, 10),
                    Column(t.owner, 4),
                    Column(t.deadline, 3),
                ),
                tuple(
                    (
                        Text(a.code, strong=True),
                        Text(
                            f"{a.what} ({t.proposed_by_model})" if a.proposed_by_model else a.what
                        ),
                        Text(a.owner_role),
                        Text(formatting.date(a.deadline, ctx.lang)),
                    )
                    for a in objective.actions
                ),
                compact=True,
            )
        )
    else:
        blocks.append(Notice(t.no_actions, "info"))
    blocks.append(Subheading(t.kpis))
    blocks.append(kpi_table(ctx, objective.kpis) if objective.kpis else Notice(t.no_kpis, "info"))
    return Section(
        f"obj-{objective.code}",
        objective.title,
        2,
        tuple(blocks),
        kind="objective",
        code=objective.code,
    )
