"""The one-pager's data: tiles, coverage of the four areas, priorities, quick wins, roadmap."""

from __future__ import annotations

import logging

from engine import formatting
from engine.domain.plan import Area, FinanceKind, SectionStatus
from engine.domain.sourced import bands_not_given
from engine.export.compose_context import Context, sum_known
from engine.export.document import Coverage, OnePager, Tile, Value
from engine.facts import ClubFacts

log = logging.getLogger("rooting_future.export")


def onepager_data(ctx: Context) -> OnePager:
    t, plan = ctx.t, ctx.plan
    summary = plan.executive_summary
    members = ClubFacts(plan.club).figure("members_total")
    objectives = plan.objectives()
    actions = sum(len(o.actions) for o in objectives)
    tiles = [
        Tile(
            t.tile_members,
            ctx.prov.value(members, badge=False).text,
            plan.club.identity.reference_season + bands_not_given(members.bands_missing, ctx.lang),
            ctx.prov.badge(members),
        ),
        Tile(
            t.tile_objectives,
            f"{len(objectives)}/21",
            t.get("tile_actions", n=actions),
            None,
        ),
    ]
    budgets = [ctx.prov.budget_badge(o.budget) for o in objectives]
    if objectives:
        tiles.append(
            Tile(
                t.tile_budget,
                formatting.money_range(
                    sum(o.budget.min_eur for o in objectives),
                    sum(o.budget.max_eur for o in objectives),
                    ctx.lang,
                ),
                f"{ctx.plan.seasons[0]} – {ctx.plan.seasons[-1]}",
                budgets[0] if len(set(budgets)) == 1 else ctx.prov.sum_badge(),
            )
        )
    finance = plan.financial_plan
    total = finance.row("revenue_total")
    if total is not None and total.values[0] is not None:  # the finance model's own total
        tiles.append(
            Tile(
                t.tile_revenue,
                ctx.prov.value(total.values[0], badge=False).text,
                ctx.year0,
                ctx.prov.sum_badge(),
            )
        )
    else:  # a plan saved before the finance model's summary rows
        revenue_values = [
            line.values[0] for line in finance.lines if line.kind is FinanceKind.REVENUE
        ] or [v for v in plan.club.revenue.items().values()]
        amount, missing = sum_known(revenue_values)
        known = [v for v in revenue_values if v is not None and v.value is not None]
        if known:
            badge = (
                ctx.prov.badge(known[0])
                if len({(v.tier, v.reference) for v in known}) == 1
                else ctx.prov.sum_badge()
            )
            tiles.append(
                Tile(
                    t.tile_revenue,
                    formatting.money(amount, ctx.lang) + ("*" if missing else ""),
                    ctx.year0,
                    badge,
                )
            )
    cash = finance.row("cash")
    kpi_tiles = 4
    if cash is not None and cash.values[3] is not None:
        kpi_tiles = 3
        to_seek = finance.row("to_seek")
        need = sum((v.value or 0) for v in to_seek.values[1:] if v) if to_seek else 0
        if finance.unknown_lines:
            note = t.tile_cash_unknown
        elif need:
            note = t.get("tile_cash_need", amount=formatting.money(need, ctx.lang))
        elif finance.break_even_year:
            note = t.get("tile_cash_even", season=ctx.plan.seasons[finance.break_even_year - 1])
        else:
            note = ""
        shown = "—" if finance.unknown_lines else ctx.prov.value(cash.values[3], badge=False).text
        tiles.append(
            Tile(
                t.get("tile_cash", season=ctx.plan.seasons[-1]),
                shown,
                note,
                ctx.prov.sum_badge(),
            )
        )
    for kpi in summary.headline_kpis[:kpi_tiles]:
        target = kpi.targets[-1]
        baseline = ctx.prov.value(kpi.baseline, badge=False)
        tiles.append(
            Tile(
                formatting.clip(kpi.name, 48),
                ctx.prov.value(target, badge=False).text,
                f"{t.tile_target_y3} · {t.get('tile_from', value=baseline.text)}",
                ctx.prov.badge(target),
            )
        )
    coverage = []
    for area in Area:
        section = plan.area(area)
        objs = section.objectives if section else []
        status = ""
        if section is None or section.status is SectionStatus.MISSING:
            status = t.area_status_missing
        elif section.status is SectionStatus.FAILED:
            status = t.area_status_failed
        elif section.status is SectionStatus.EDITED:
            status = t.area_status_edited
        budget = None
        if objs:
            badges = {ctx.prov.budget_badge(o.budget) for o in objs}
            budget = Value(
                formatting.money_range(
                    sum(o.budget.min_eur for o in objs),
                    sum(o.budget.max_eur for o in objs),
                    ctx.lang,
                ),
                next(iter(badges)) if len(badges) == 1 else ctx.prov.sum_badge(),
            )
        coverage.append(
            Coverage(
                t[f"area_{area.value}"],
                len(objs),
                area.expected_objectives,
                t.get(
                    "coverage_line",
                    present=len(objs),
                    expected=area.expected_objectives,
                    actions=sum(len(o.actions) for o in objs),
                ),
                budget,
                status,
            )
        )
    not_generated = t.not_generated
    return OnePager(
        vision=formatting.clip(summary.vision, 260) if summary.vision else "",
        vision_notice="" if summary.vision else t.get("part_not_generated", what=t.vision),
        tiles=tuple(tiles),
        coverage=tuple(coverage),
        priorities=tuple(
            (p.code, formatting.clip(p.title, 60), formatting.clip(p.reason, 100))
            for p in summary.priorities[:5]
        ),
        priorities_notice="" if summary.priorities else not_generated,
        quick_wins=tuple(formatting.clip(q, 115) for q in summary.quick_wins[:5]),
        quick_wins_notice="" if summary.quick_wins else not_generated,
        kpi_notice=""
        if summary.headline_kpis
        else t.get("part_not_generated", what=t.headline_kpis),
        roadmap=tuple(
            (
                formatting.clip(f"{t.get('year_n', n=phase.year)} · {phase.title}", 50),
                tuple(formatting.clip(item, 80) for item in phase.items[:3]),
            )
            for phase in sorted(summary.roadmap, key=lambda p: p.year)
        ),
        roadmap_notice="" if summary.roadmap else not_generated,
    )
