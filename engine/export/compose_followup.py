"""Chapters 8-9, what the club follows up: the compliance checklist and the monitoring calendar."""

from __future__ import annotations

from engine import formatting
from engine.domain.plan import ComplianceStatus
from engine.export.compose_context import Context, kpi_table
from engine.export.document import (
    Block,
    Column,
    Facts,
    Notice,
    Paragraph,
    Section,
    Subheading,
    Table,
    Text,
)


def compliance_section(ctx: Context) -> Section:
    t = ctx.t
    items = ctx.plan.compliance
    if not items:
        return Section("sec-compliance", t.sec_compliance, 1, (Notice(t.not_generated),))
    tones = {
        ComplianceStatus.OK: "ok",
        ComplianceStatus.TO_DO: "todo",
        ComplianceStatus.TO_CHECK: "check",
        ComplianceStatus.NOT_APPLICABLE: "na",
    }
    rows = tuple(
        (
            Text(t[f"status_{item.status.value}"], strong=True, tone=tones[item.status]),
            Text(f"{item.code} · {item.title}", sub=item.detail),
            Text(item.reference or "—"),
        )
        for item in items
    )
    table = Table(
        (Column(t.compliance_status, 2), Column(t.requirement, 8), Column(t.reference, 3)),
        rows,
        compact=True,
    )
    return Section("sec-compliance", t.sec_compliance, 1, (table,))


def monitoring_section(ctx: Context) -> Section:
    t = ctx.t
    blocks: list[Block] = [Subheading(t.calendar)]
    entries = sorted(ctx.plan.monitoring, key=lambda e: e.due)
    if entries:
        blocks.append(
            Table(
                (Column(t.date, 2), Column(t.what, 8), Column(t.owner, 3)),
                tuple(
                    (
                        Text(formatting.date(e.due, ctx.lang), strong=True),
                        Text(e.what),
                        Text(e.owner_role),
                    )
                    for e in entries
                ),
                compact=True,
            )
        )
    else:
        blocks.append(Notice(t.not_generated))
    blocks.append(Subheading(t.traffic_light))
    blocks.append(Paragraph(t.traffic_light_intro))
    blocks.append(
        Facts(
            (
                (t.light_green, t.light_green_text),
                (t.light_amber, t.light_amber_text),
                (t.light_red, t.light_red_text),
            )
        )
    )
    kpis = ctx.plan.executive_summary.headline_kpis
    if kpis:
        blocks.append(Subheading(t.kpis_to_track))
        blocks.append(kpi_table(ctx, kpis))
    return Section("sec-monitoring", t.sec_monitoring, 1, tuple(blocks))
