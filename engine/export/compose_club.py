"""Chapter 2, the club analysis: identity, audit tables, SWOT; and the data-gaps walk."""

from __future__ import annotations

import logging

from pydantic import BaseModel

from engine import formatting
from engine.domain.club import ClubProfile, Costs, MembersByAge, Revenue
from engine.domain.language import Language
from engine.domain.sourced import SourcedValue
from engine.export.compose_context import (
    Context,
    count,
    count_text,
    field_title,
    labelled,
    paragraphs,
    previous_season,
    status_notice,
    sum_known,
)
from engine.export.document import (
    Badges,
    Block,
    Bullets,
    Column,
    Facts,
    Labelled,
    Notice,
    Panel,
    Panels,
    Paragraph,
    Section,
    Subheading,
    Table,
    Text,
    Value,
)

log = logging.getLogger("rooting_future.export")


def analysis_section(ctx: Context) -> Section:
    t, club, analysis = ctx.t, ctx.plan.club, ctx.plan.analysis
    identity, quali = club.identity, club.qualitative
    blocks: list[Block] = status_notice(ctx, analysis.status, None)
    blocks.append(Subheading(t.identity))
    blocks.append(
        Facts(
            (
                (t.legal_form, identity.legal_form.value),
                (
                    t.rasd,
                    t.get("rasd_yes", number=identity.rasd_number)
                    if identity.rasd_registered
                    else t.rasd_no,
                ),
                (t.seat, f"{identity.city} ({identity.province}), {identity.region.value}"),
                (t.population, ctx.prov.value(identity.municipality_population)),
                (t.sports, ", ".join(identity.sports)),
                (
                    t.affiliations,
                    ", ".join(f"{a.name} ({a.kind.value})" for a in identity.affiliations),
                ),
                (t.founded, str(identity.year_founded)),
            )
        )
    )
    for label, text in ((t["values"], quali.values), (t.club_vision, quali.vision)):
        blocks.append(labelled(ctx, label, text))
    blocks.append(labelled(ctx, t.mission, quali.mission))
    if analysis.summary:
        blocks.append(Subheading(t.analysis_summary))
        blocks += [Paragraph(p) for p in paragraphs(analysis.summary)]
    blocks += _people(ctx, club)
    blocks += _facilities(ctx, club)
    blocks += _club_money(ctx, club)
    blocks += _swot(ctx)
    if quali.stakeholders:
        blocks.append(Subheading(t.stakeholders))
        blocks.append(
            Bullets(
                tuple(
                    f"{s.name} · {t.importance} {s.importance}"
                    for s in sorted(quali.stakeholders, key=lambda s: -s.importance)
                )
            )
        )
    if quali.competitors:
        blocks.append(Subheading(t.competitors))
        blocks.append(Bullets(tuple(quali.competitors)))
    if quali.notes:
        blocks.append(Labelled(t.notes, quali.notes))
    return Section("sec-analysis", t.sec_analysis, 1, tuple(blocks))


def _people(ctx: Context, club: ClubProfile) -> list[Block]:
    t, people = ctx.t, club.people
    last, current = (
        previous_season(club.identity.reference_season),
        club.identity.reference_season,
    )
    bands = list(MembersByAge.model_fields)
    values: list[list[SourcedValue | None]] = []
    rows: list[tuple] = []
    for name in bands:
        before = getattr(people.members_last_season, name)
        now = getattr(people.members_current_season, name)
        row = [before.male, before.female, now.male, now.female]
        values.append(row)
        cells = [ctx.prov.value(v, badge=False, bare=True) for v in row]
        rows.append(
            (
                Text(field_title(MembersByAge, name, ctx.lang)),
                cells[0],
                cells[1],
                count(ctx, before.total()),
                cells[2],
                cells[3],
                count(ctx, now.total()),
            )
        )
    total_row: list[object] = [Text(t.total, strong=True)]
    partial = 0
    for column in range(4):
        amount, missing = sum_known(v[column] for v in values)
        partial += missing
        total_row.append(Value(count_text(ctx, amount) + ("*" if missing else "")))
        if column in (1, 3):
            pair = [v[column - 1] for v in values] + [v[column] for v in values]
            amount, missing = sum_known(pair)
            total_row.append(Value(count_text(ctx, amount) + ("*" if missing else ""), None))
    shared, per_row = ctx.prov.grid(values, lambda _i: "")
    columns = [
        Column(t.age_band, 3),
        Column(f"{t.male} {last}", 2, True),
        Column(f"{t.female} {last}", 2, True),
        Column(f"{t.total} {last}", 2, True),
        Column(f"{t.male} {current}", 2, True),
        Column(f"{t.female} {current}", 2, True),
        Column(f"{t.total} {current}", 2, True),
    ]
    table_rows = [*rows, tuple(total_row)]
    if per_row:
        columns.append(Column(t.provenance, 3))
        table_rows = [(*r, b) for r, b in zip(rows, per_row, strict=True)]
        table_rows.append((*total_row, Badges((("", ctx.prov.sum_badge()),))))
    blocks: list[Block] = [
        Subheading(t.members),
        Table(
            tuple(columns),
            tuple(table_rows),
            emphasis=(len(table_rows) - 1,),
            provenance=shared,
            note=t.get("partial_total", n=partial) if partial else "",
            compact=True,
        ),
        Facts(
            (
                (
                    field_title(type(people), "joined_this_season", ctx.lang),
                    ctx.prov.value(people.joined_this_season),
                ),
                (
                    field_title(type(people), "left_this_season", ctx.lang),
                    ctx.prov.value(people.left_this_season),
                ),
                (
                    field_title(type(people), "waiting_list", ctx.lang),
                    ctx.prov.value(people.waiting_list),
                ),
                (
                    field_title(type(people), "paid_workers", ctx.lang),
                    ctx.prov.value(people.paid_workers),
                ),
                (
                    field_title(type(people), "paid_workers_fees", ctx.lang),
                    ctx.prov.value(people.paid_workers_fees),
                ),
                (
                    field_title(type(people), "volunteers", ctx.lang),
                    ctx.prov.value(people.volunteers),
                ),
            )
        ),
    ]
    questionnaire = Badges((("", ctx.prov.badge(SourcedValue.questionnaire(1, "n"))),))
    blocks.append(Subheading(t.teams))
    if people.teams:
        blocks.append(
            Table(
                (Column(t.category, 4), Column(t.league, 4), Column(t.count, 1, True)),
                tuple(
                    (Text(team.category), Text(team.league_level), Value(str(team.count)))
                    for team in people.teams
                ),
                provenance=questionnaire,
                compact=True,
            )
        )
    else:
        blocks.append(Notice(t.none_listed, "info"))
    blocks.append(Subheading(t.coaches))
    if people.coaches:
        blocks.append(
            Table(
                (Column(t.qualification, 6), Column(t.count, 1, True)),
                tuple(
                    (Text(group.qualification), Value(str(group.count))) for group in people.coaches
                ),
                provenance=questionnaire,
                compact=True,
            )
        )
    else:
        blocks.append(Notice(t.none_listed, "info"))
    return blocks


def _facilities(ctx: Context, club: ClubProfile) -> list[Block]:
    t = ctx.t
    blocks: list[Block] = [Subheading(t.facilities)]
    if not club.facilities:
        return [*blocks, Notice(t.none_listed, "info")]
    costs = [[f.cost] for f in club.facilities]
    shared, per_row = ctx.prov.grid(
        [[c[0] if c[0] is not None else SourcedValue.missing("EUR/anno")] for c in costs],
        lambda _i: "",
    )
    rows = []
    for index, facility in enumerate(club.facilities):
        cost = facility.cost or SourcedValue.missing("EUR/anno")
        row = (
            Text(facility.name, sub=facility.kind),
            Text(t[facility.ownership.value]),
            Value(formatting.number(facility.hours_per_week, ctx.lang)),
            ctx.prov.value(cost, badge=False),
        )
        rows.append((*row, per_row[index]) if per_row else row)
    columns = [
        Column(t.facility, 5),
        Column(t.ownership, 3),
        Column(t.hours_week, 2, True),
        Column(t.cost, 3, True),
    ]
    if per_row:
        columns.append(Column(t.provenance, 3))
    # Hours always come from the questionnaire; costs may not (then each row says so).
    questionnaire = Badges((("", ctx.prov.badge(SourcedValue.questionnaire(1, "n"))),))
    blocks.append(
        Table(
            tuple(columns),
            tuple(rows),
            provenance=shared if shared or per_row else questionnaire,
            note=f"{t.hours_week}: {questionnaire.parts[0][1].full}." if per_row else "",
            compact=True,
        )
    )
    return blocks


def _club_money(ctx: Context, club: ClubProfile) -> list[Block]:
    t = ctx.t
    blocks: list[Block] = [Subheading(t.club_finances)]
    for title, model, items in (
        (t.revenue, Revenue, club.revenue.items()),
        (t.costs, Costs, club.costs.items()),
    ):
        entries = [(name, value) for name, value in items.items()]
        values = [[v] for _, v in entries]
        shared, per_row = ctx.prov.grid(values, lambda _i: "")
        rows: list[tuple] = []
        for index, (name, value) in enumerate(entries):
            row = (
                Text(field_title(model, name, ctx.lang)),
                ctx.prov.value(value, badge=False),
            )
            rows.append((*row, per_row[index]) if per_row else row)
        amount, missing = sum_known(v for _, v in entries)
        total = (
            Text(f"{t.total} {title.lower()}", strong=True),
            Value(formatting.money(amount, ctx.lang) + ("*" if missing else "")),
        )
        if per_row:
            total = (*total, Badges((("", ctx.prov.sum_badge()),)))
        rows.append(total)
        columns = [Column(title, 5), Column(t.amount, 2, True)]
        if per_row:
            columns.append(Column(t.provenance, 3))
        blocks.append(
            Table(
                tuple(columns),
                tuple(rows),
                emphasis=(len(rows) - 1,),
                provenance=shared,
                note=t.get("partial_total", n=missing) if missing else "",
                compact=True,
            )
        )
    balance = club.balance
    blocks.append(Subheading(t.balance))
    blocks.append(
        Facts(
            tuple(
                (
                    field_title(type(balance), name, ctx.lang),
                    ctx.prov.value(getattr(balance, name)),
                )
                for name in type(balance).model_fields
            )
        )
    )
    return blocks


def _swot(ctx: Context) -> list[Block]:
    t = ctx.t
    swot = ctx.plan.analysis.swot
    note: list[Block] = []
    if not any((swot.strengths, swot.weaknesses, swot.opportunities, swot.threats)):
        swot = ctx.plan.club.qualitative.swot  # type: ignore[assignment]
        note = [Notice(t.swot_from_questionnaire, "info")]
    panels = Panels(
        (
            Panel(t.strengths, tuple(swot.strengths), "strength", t.none_listed),
            Panel(t.weaknesses, tuple(swot.weaknesses), "weakness", t.none_listed),
            Panel(t.opportunities, tuple(swot.opportunities), "opportunity", t.none_listed),
            Panel(t.threats, tuple(swot.threats), "threat", t.none_listed),
        ),
        columns=2,
    )
    return [Subheading(t.swot), *note, panels]


_TEXT_GAPS = {"values", "vision", "mission"}


def profile_gaps(club: ClubProfile, language: Language) -> list[tuple[str, str]]:
    """Questionnaire numbers left empty (and the club's values, vision, mission): (path, label)."""
    gaps: list[tuple[str, str]] = []

    def walk(model: BaseModel, path: str, label: str) -> None:
        for name, info in type(model).model_fields.items():
            value = getattr(model, name)
            here = f"{path}.{name}" if path else name
            title = field_title(type(model), name, language)
            shown = f"{label} › {title}" if label else title
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            sourced = "unit" in extra or info.annotation in (SourcedValue, SourcedValue | None)
            if isinstance(value, SourcedValue):
                if value.value is None:
                    gaps.append((here, shown))
            elif value is None:
                if sourced or name in _TEXT_GAPS:
                    gaps.append((here, shown))
            elif isinstance(value, BaseModel):
                walk(value, here, shown)
            elif isinstance(value, list) and name == "facilities":
                for index, item in enumerate(value, start=1):
                    if isinstance(item, BaseModel):
                        item_name = getattr(item, "name", "") or f"n. {index}"
                        walk(item, f"{here}.{index - 1}", f"{shown} › {item_name}")

    for part in ("identity", "people", "facilities", "revenue", "costs", "balance", "qualitative"):
        value = getattr(club, part)
        title = field_title(ClubProfile, part, language)
        if isinstance(value, BaseModel):
            walk(value, part, title)
        elif isinstance(value, list):
            for index, item in enumerate(value, start=1):
                item_name = getattr(item, "name", "") or f"n. {index}"
                walk(item, f"{part}.{index - 1}", f"{title} › {item_name}")
    return gaps
