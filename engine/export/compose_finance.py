"""Chapter 7, the financial plan: income statement, budgets, investments, cash flow, charts."""

from __future__ import annotations

import logging

from engine import formatting
from engine.domain.language import Language
from engine.domain.plan import Area, FinanceKind, FinanceLine
from engine.domain.sourced import SourceTier
from engine.export.chart_spec import ChartSpec, Series
from engine.export.compose_context import (
    AREA_COLOURS,
    COST_COLOUR,
    PALETTE,
    Context,
    chart_note,
    kpi_table,
    money_total,
    number_of,
    paragraphs,
    part_not_generated,
    status_notice,
    sum_known,
    year_columns,
)
from engine.export.document import (
    Badge,
    Badges,
    Block,
    Bullets,
    Chart,
    Column,
    Notice,
    Paragraph,
    Section,
    Subheading,
    Table,
    Text,
    Value,
)
from engine.export.provenance import month_scope, year_scope

log = logging.getLogger("rooting_future.export")


def finance_section(ctx: Context) -> Section:
    t, fp = ctx.t, ctx.plan.financial_plan
    blocks: list[Block] = status_notice(ctx, fp.status, fp.failure_reason)
    blocks += [Paragraph(p) for p in paragraphs(fp.commentary)]
    blocks += _income_statement(ctx)
    blocks += _budget_by_area(ctx)
    blocks += _investments(ctx)
    blocks.append(Subheading(t.funding))
    if fp.funding_sources:
        amounts = [[s.amount] for s in fp.funding_sources]
        shared, per_row = ctx.prov.grid(amounts, lambda _i: "")
        rows = []
        for index, source in enumerate(fp.funding_sources):
            amount = ctx.prov.value(source.amount, badge=False) if source.amount else Value("—")
            status = t[f"funding_{source.status.value}"]
            row = (Text(source.name, strong=True, sub=status), Text(source.detail), amount)
            rows.append((*row, per_row[index]) if per_row else row)
        columns = [Column(t.source_name, 4), Column(t.detail, 7), Column(t.amount, 3, True)]
        if per_row:
            columns.append(Column(t.provenance, 4))
        blocks.append(Table(tuple(columns), tuple(rows), provenance=shared, compact=True))
    else:
        blocks.append(part_not_generated(ctx, t.funding))
    blocks += _scenarios(ctx)
    blocks.append(Subheading(t.break_even))
    if fp.unknown_lines:
        lines = ", ".join(fp.unknown_lines)
        blocks.append(Notice(t.get("break_even_unknown", lines=lines), "info"))
    elif fp.break_even_year is None:
        blocks.append(Notice(t.break_even_none, "info"))
    elif fp.break_even_year == 0:
        blocks.append(Paragraph(t.get("break_even_now", season=ctx.year0)))
    else:
        year = fp.break_even_year
        blocks.append(
            Paragraph(t.get("break_even_year", n=year, season=ctx.plan.seasons[year - 1]))
        )
    blocks += _cash_flow(ctx)
    blocks.append(Subheading(t.finance_kpis))
    blocks.append(kpi_table(ctx, fp.kpis) if fp.kpis else part_not_generated(ctx, t.finance_kpis))
    if fp.risks:
        blocks.append(Subheading(t.risks))
        blocks.append(Bullets(tuple(fp.risks)))
    return Section("sec-finance", t.sec_finance, 1, tuple(blocks))


def _income_statement(ctx: Context) -> list[Block]:
    t, fp = ctx.t, ctx.plan.financial_plan
    blocks: list[Block] = [Subheading(t.finance_table)]
    if not fp.lines:
        return [*blocks, part_not_generated(ctx, t.finance_table)]
    revenue = [line for line in fp.lines if line.kind is FinanceKind.REVENUE]
    costs = [line for line in fp.lines if line.kind is FinanceKind.COST]
    repayments = [line for line in fp.lines if line.kind is FinanceKind.REPAYMENT]
    if not fp.rows:
        repayments = []
    grid = [list(line.values) for line in (*revenue, *costs, *repayments)]
    shared, per_row = ctx.prov.grid(grid, year_scope(t))
    badge_iter = iter(per_row or [])
    sum_badges = Badges((("", ctx.prov.sum_badge()),))
    rows: list[tuple] = []
    emphasis: list[int] = []
    partial = 0

    def add(row: tuple, badges: Badges | None, strong: bool = False) -> None:
        if strong:
            emphasis.append(len(rows))
        rows.append((*row, badges) if per_row else row)

    totals: dict[str, list[tuple[float, int]]] = {}
    for kind, lines, total_label in (
        ("revenue", revenue, t.revenue_total),
        ("cost", costs, t.cost_total),
    ):
        for line in lines:
            cells = [ctx.prov.value(v, badge=False) for v in line.values]
            add((Text(line.label), *cells), next(badge_iter) if per_row else None)
        row = fp.row(f"{kind}_total")
        if row is not None:  # the finance model's own total (ranges included)
            add(_row_cells(ctx, row.label, row.values), sum_badges, strong=True)
        elif lines:  # a plan written before the summary rows existed
            column_totals = [sum_known(line.values[i] for line in lines) for i in range(4)]
            totals[kind] = column_totals
            partial += sum(missing for _, missing in column_totals)
            add(
                (
                    Text(total_label, strong=True),
                    *(money_total(ctx, amount, missing) for amount, missing in column_totals),
                ),
                sum_badges,
                strong=True,
            )
    if fp.rows:
        for row in fp.rows:
            if row.key in ("revenue_total", "cost_total"):
                continue
            if row.key == "repayments":
                for line in repayments:
                    cells = [ctx.prov.value(v, badge=False) for v in line.values]
                    badges = next(badge_iter) if per_row else None
                    add((Text(line.label, sub=t.instalment), *cells), badges)
            strong = row.key in ("operating", "balance", "cash")
            add(_row_cells(ctx, row.label, row.values, strong), sum_badges, strong=strong)
    elif "revenue" in totals and "cost" in totals:
        result = [
            (r[0] - c[0], r[1] + c[1])
            for r, c in zip(totals["revenue"], totals["cost"], strict=True)
        ]
        add(
            (Text(t.result, strong=True), *(money_total(ctx, a, m) for a, m in result)),
            sum_badges,
            strong=True,
        )
    columns = [
        Column(t.item, 5),
        Column(f"{t.year0} · {ctx.year0}", 2, True),
        *year_columns(ctx, [[line.values[y] for line in fp.lines] for y in (1, 2, 3)], season=True),
    ]
    if per_row:
        columns.append(Column(t.provenance, 4))
    notes = []
    if not costs:
        notes.append(t.no_cost_lines)
    if partial:
        notes.append(t.get("partial_total", n=partial))
    notes += [
        f"{line.label}: {line.note}." for line in (*revenue, *costs, *repayments) if line.note
    ]
    if any(v.high is not None for line in fp.lines for v in line.values):
        notes.append(t.ranges_note)
    blocks.append(
        Table(
            tuple(columns),
            tuple(rows),
            emphasis=tuple(emphasis),
            provenance=shared,
            note=" ".join(notes),
            compact=True,
        )
    )
    blocks += _finance_charts(ctx, revenue, costs)
    return blocks


def _row_cells(ctx: Context, label: str, values: list, strong: bool = True) -> tuple:
    """A summary row of the finance model: its own figures, "—" where it does not apply."""
    cells = []
    for value in values:
        if value is None:
            cells.append(Value("—"))
        else:
            cells.append(ctx.prov.value(value, badge=False))
    return (Text(label, strong=strong), *cells)


def _scenarios(ctx: Context) -> list[Block]:
    """Prudent, base and ambitious side by side (and the board's own, once saved)."""
    t, fp = ctx.t, ctx.plan.financial_plan
    if not fp.scenarios:
        return []
    seasons = ctx.plan.seasons
    blocks: list[Block] = [Subheading(t.scenarios), Paragraph(t.scenarios_intro)]

    def row(label: str, pick) -> tuple:
        return (Text(label), *(ctx.prov.value(pick(s), badge=False) for s in fp.scenarios))

    rows = [
        row(t.get("scenario_revenue", season=seasons[-1]), lambda s: s.revenue[-1]),
        row(t.get("scenario_costs", season=seasons[-1]), lambda s: s.costs[-1]),
        *(
            row(t.get("scenario_balance", season=season), lambda s, i=i: s.balance[i])
            for i, season in enumerate(seasons)
        ),
        row(t.get("scenario_cash", season=seasons[-1]), lambda s: s.cash[-1]),
        row(t.scenario_to_seek, lambda s: s.to_seek),
        (
            Text(t.break_even),
            *(
                Value(seasons[s.break_even_year - 1] if s.break_even_year else "—")
                for s in fp.scenarios
            ),
        ),
        (
            Text(t.scenario_assumes),
            *(Text(_drivers_text(ctx, s.drivers)) for s in fp.scenarios),
        ),
    ]
    columns = [Column(t.item, 5), *(Column(s.label, 3, True) for s in fp.scenarios)]
    chosen = fp.drivers.scenario if fp.drivers else None
    note = (
        t.get("scenario_chosen", name=next(s.label for s in fp.scenarios if s.kind == chosen))
        if chosen is not None and any(s.kind == chosen for s in fp.scenarios)
        else ""
    )
    if fp.unknown_lines:
        note = (note + " " + t.get("scenarios_partial", lines=", ".join(fp.unknown_lines))).strip()
    blocks.append(Table(tuple(columns), tuple(rows), note=note, compact=True))
    return blocks


def _drivers_text(ctx: Context, drivers) -> str:
    """What a scenario assumes, in one short line per driver."""
    lang = ctx.lang

    def percent(value: float) -> str:
        return f"{'+' if value > 0 else ''}{formatting.number(round(value * 100, 1), lang)}%"

    t = ctx.t
    growth = ", ".join(
        [
            t.get("drv_members", value=percent(drivers.members[-1])),
            t.get("drv_fee", value=percent(drivers.fee[-1])),
            t.get("drv_sponsorship", value=percent(drivers.sponsorship[-1])),
            t.get("drv_grants", value=percent(drivers.grants[-1])),
        ]
    )
    parts = [
        t.get("drv_growth", changes=growth),
        t.get("drv_inflation", value=percent(drivers.inflation)),
    ]
    if drivers.main_sponsor_lost_from:
        parts.append(t.get("drv_lost", season=ctx.plan.seasons[drivers.main_sponsor_lost_from - 1]))
    if drivers.investment_delay:
        parts.append(t.get("drv_delay", n=drivers.investment_delay))
    if drivers.ics_loan:
        parts.append(t.drv_loan)
    return "; ".join(parts)


def _finance_charts(
    ctx: Context, revenue: list[FinanceLine], costs: list[FinanceLine]
) -> list[Block]:
    t = ctx.t
    blocks: list[Block] = []
    categories = tuple(ctx.years)
    series = []
    for lines, name, colour in (
        (revenue, t.series_revenue, ctx.branding.heading),
        (costs, t.series_costs, COST_COLOUR),
    ):
        if lines:
            totals = tuple(sum_known(line.values[i] for line in lines)[0] for i in range(4))
            row = ctx.plan.financial_plan.row(f"{lines[0].kind.value}_total")
            if row is not None:  # the model's totals; a range is drawn at its middle
                totals = tuple((v.midpoint or 0.0) if v else 0.0 for v in row.values)
            estimated = tuple(
                any(line.values[i].tier is SourceTier.ESTIMATE for line in lines) for i in range(4)
            )
            series.append(Series(name, totals, colour, estimated))
    values = [v for line in (*revenue, *costs) for v in line.values]
    note = chart_note(ctx, values)
    blocks.append(
        Chart(
            ChartSpec(
                "finance-overview",
                "grouped",
                t.chart_finance,
                categories,
                tuple(series),
                ctx.lang,
                note=note,
                alt=t.chart_finance,
            )
        )
    )
    if len(revenue) >= 2:
        ranked = sorted(revenue, key=lambda line: -sum(number_of(v) or 0 for v in line.values))
        top, rest = ranked[:6], ranked[6:]
        mix_series = [
            Series(
                formatting.clip(line.label, 28),
                tuple(number_of(v) or 0.0 for v in line.values),
                PALETTE[index],
            )
            for index, line in enumerate(top)
        ]
        if rest:
            mix_series.append(
                Series(
                    "Altro" if ctx.lang is Language.IT else "Other",
                    tuple(sum_known(line.values[i] for line in rest)[0] for i in range(4)),
                    PALETTE[7],
                )
            )
        blocks.append(
            Chart(
                ChartSpec(
                    "revenue-mix",
                    "stacked",
                    t.chart_revenue_mix,
                    categories,
                    tuple(mix_series),
                    ctx.lang,
                    note=chart_note(ctx, [v for line in revenue for v in line.values]),
                    alt=t.chart_revenue_mix,
                    height_cm=6.5,
                )
            )
        )
    return blocks


def _budget_by_area(ctx: Context) -> list[Block]:
    t = ctx.t
    blocks: list[Block] = [Subheading(t.budget_by_area), Paragraph(t.budget_note)]
    rows: list[tuple] = []
    lows: list[float] = []
    highs: list[float] = []
    labels: list[str] = []
    all_badges: dict[Badge, None] = {}  # in the order met: the chart's note is stable
    area_badges = []
    for area in Area:
        section = ctx.plan.area(area)
        objectives = section.objectives if section else []
        low = sum(o.budget.min_eur for o in objectives)
        high = sum(o.budget.max_eur for o in objectives)
        badges = tuple(dict.fromkeys(ctx.prov.budget_badge(o.budget) for o in objectives))
        all_badges.update(dict.fromkeys(badges))
        area_badges.append(badges)
        lows.append(low)
        highs.append(high)
        labels.append(t[f"area_{area.value}_short"])
        rows.append(
            (
                Text(t[f"area_{area.value}"]),
                Value(f"{len(objectives)}/{area.expected_objectives}"),
                Value(formatting.money(low, ctx.lang)),
                Value(formatting.money(high, ctx.lang)),
            )
        )
    shared = Badges((("", next(iter(all_badges))),)) if len(all_badges) == 1 else None
    total = (
        Text(t.budget_total, strong=True),
        Value(str(sum(len(s.objectives) for s in ctx.plan.areas))),
        Value(formatting.money(sum(lows), ctx.lang)),
        Value(formatting.money(sum(highs), ctx.lang)),
    )
    columns = [
        Column(t.section, 4),
        Column(t.objectives, 2, True),
        Column(t.budget_min, 3, True),
        Column(t.budget_max, 3, True),
    ]
    if shared is None:
        columns.append(Column(t.provenance, 4))
        rows = [
            (*row, Badges(tuple(("", b) for b in badges)))
            for row, badges in zip(rows, area_badges, strict=True)
        ]
        total = (*total, Badges((("", ctx.prov.sum_badge()),)))
    rows.append(total)
    blocks.append(
        Table(
            tuple(columns),
            tuple(rows),
            emphasis=(len(rows) - 1,),
            provenance=shared,
            compact=True,
        )
    )
    if any(highs):
        notes = "; ".join(dict.fromkeys(b.full for b in all_badges))
        blocks.append(
            Chart(
                ChartSpec(
                    "budget-by-area",
                    "range",
                    t.chart_budget,
                    tuple(labels),
                    (
                        Series(t.series_min, tuple(lows), ctx.branding.heading),
                        Series(t.series_max, tuple(highs), ctx.branding.heading),
                    ),
                    ctx.lang,
                    note=f"{t.values_from}: {notes}." if notes else "",
                    alt=t.chart_budget,
                    height_cm=4.6,
                )
            )
        )
    return blocks


def _investments(ctx: Context) -> list[Block]:
    t, fp = ctx.t, ctx.plan.financial_plan
    blocks: list[Block] = [Subheading(t.investments)]
    if not fp.investments:
        return [*blocks, part_not_generated(ctx, t.investments)]
    grid = [list(line.values) for line in fp.investments]
    shared, per_row = ctx.prov.grid(grid, year_scope(t, offset=1))
    rows = []
    for index, line in enumerate(fp.investments):
        row = (
            Text(t[f"area_{line.area.value}"]),
            *(ctx.prov.value(v, badge=False) for v in line.values),
        )
        rows.append((*row, per_row[index]) if per_row else row)
    columns = [
        Column(t.section, 4),
        *year_columns(ctx, [(), (), ()], season=True),  # planned: never an actual
    ]
    if per_row:
        columns.append(Column(t.provenance, 4))
    blocks.append(Table(tuple(columns), tuple(rows), provenance=shared, compact=True))
    series = tuple(
        Series(
            t[f"area_{line.area.value}_short"],
            tuple(number_of(v) or 0.0 for v in line.values),
            AREA_COLOURS[line.area],
            tuple(v.tier is SourceTier.ESTIMATE for v in line.values),
        )
        for line in fp.investments
    )
    blocks.append(
        Chart(
            ChartSpec(
                "investments",
                "stacked",
                t.chart_investments,
                tuple(ctx.plan.seasons),
                series,
                ctx.lang,
                note=chart_note(ctx, (v for line in fp.investments for v in line.values)),
                alt=t.chart_investments,
                height_cm=5.5,
            )
        )
    )
    return blocks


def _cash_flow(ctx: Context) -> list[Block]:
    t, fp = ctx.t, ctx.plan.financial_plan
    blocks: list[Block] = [Subheading(t.cash_flow)]
    if not fp.cash_flow_y1:
        return [*blocks, part_not_generated(ctx, t.cash_flow)]
    values = list(fp.cash_flow_y1)
    shared, per_row = ctx.prov.grid([values], month_scope(t))
    provenance = shared or (per_row[0] if per_row else None)
    # The balance starts from the reserves the club declared (0 when unknown: the
    # note then says the running balance is the flow alone).
    opening = number_of(fp.opening_cash) if fp.opening_cash is not None else None
    running = opening or 0.0
    cumulative: list[float] = []
    for value in values:
        running += number_of(value) or 0.0
        cumulative.append(running)
    rows = tuple(
        (
            Text(t.get("month_n", n=index)),
            ctx.prov.value(value, badge=False),
            Value(formatting.money(total, ctx.lang)),
        )
        for index, (value, total) in enumerate(zip(values, cumulative, strict=True), start=1)
    )
    blocks.append(
        Chart(
            ChartSpec(
                "cash-flow",
                "flow",
                t.chart_cash,
                tuple(t.get("month_short", n=n) for n in range(1, len(values) + 1)),
                (
                    Series(
                        t.series_month,
                        tuple(number_of(v) for v in values),
                        ctx.branding.heading,
                        tuple(v.tier is SourceTier.ESTIMATE for v in values),
                    ),
                    Series(t.series_cumulative, tuple(cumulative), PALETTE[1]),
                ),
                ctx.lang,
                note=chart_note(ctx, values),
                alt=t.chart_cash,
                height_cm=5.5,
            )
        )
    )
    blocks.append(
        Table(
            (
                Column(t.month, 3),
                Column(t.series_month, 3, True),
                Column(t.series_cumulative, 3, True),
            ),
            rows,
            provenance=provenance,
            note=t.get("cash_flow_note", season=ctx.plan.seasons[0])
            + (
                " " + t.get("cash_opening", amount=formatting.money(opening, ctx.lang))
                if opening is not None
                else ""
            ),
            compact=True,
        )
    )
    return blocks
