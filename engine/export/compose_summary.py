"""Chapter 1, the executive summary: vision, the areas in brief, priorities, roadmap, KPIs."""

from __future__ import annotations

from engine.domain.plan import Area, SectionStatus
from engine.export.compose_context import Context, kpi_table, part_not_generated, status_notice
from engine.export.document import (
    Block,
    Bullets,
    Column,
    Labelled,
    Panel,
    Panels,
    Paragraph,
    Section,
    Subheading,
    Table,
    Text,
)


def summary_section(ctx: Context) -> Section:
    t, summary = ctx.t, ctx.plan.executive_summary
    blocks: list[Block] = status_notice(ctx, summary.status, summary.failure_reason)
    if summary.status in {SectionStatus.FAILED, SectionStatus.MISSING} and not (
        summary.vision or summary.priorities
    ):
        return Section("sec-summary", t.sec_summary, 1, tuple(blocks))
    blocks.append(Subheading(t.vision))
    blocks.append(
        Paragraph(summary.vision, "quote") if summary.vision else part_not_generated(ctx, t.vision)
    )
    blocks.append(Subheading(t.area_overview))
    for area in Area:
        text = summary.area_paragraphs.get(area, "")
        label = t[f"area_{area.value}"]
        blocks.append(Labelled(label, text) if text else part_not_generated(ctx, label))
    blocks.append(Subheading(t.priorities))
    if summary.priorities:
        rows = tuple(
            (Text(p.code, strong=True), Text(p.title), Text(p.reason)) for p in summary.priorities
        )
        columns = (Column(t.code, 1), Column(t.title, 4), Column(t.reason, 5))
        blocks.append(Table(columns, rows))
    else:
        blocks.append(part_not_generated(ctx, t.priorities))
    blocks.append(Subheading(t.quick_wins))
    blocks.append(
        Bullets(tuple(summary.quick_wins), ordered=True)
        if summary.quick_wins
        else part_not_generated(ctx, t.quick_wins)
    )
    blocks.append(Subheading(t.roadmap))
    if summary.roadmap:
        panels = tuple(
            Panel(f"{t.get('year_n', n=phase.year)} · {phase.title}", tuple(phase.items))
            for phase in sorted(summary.roadmap, key=lambda p: p.year)
        )
        blocks.append(Panels(panels, columns=3))
    else:
        blocks.append(part_not_generated(ctx, t.roadmap))
    blocks.append(Subheading(t.headline_kpis))
    if summary.headline_kpis:
        blocks.append(kpi_table(ctx, summary.headline_kpis))
    else:
        blocks.append(part_not_generated(ctx, t.headline_kpis))
    return Section("sec-summary", t.sec_summary, 1, tuple(blocks))
