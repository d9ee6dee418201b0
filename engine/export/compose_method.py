"""Chapters 10-11: how the plan was made (writers, sources cited, public sources, review
checks) and the data still to be gathered.

The methodology lists every source the other chapters cited, so it is built after them.
"""

from __future__ import annotations

from engine import formatting
from engine.domain.plan import Area, SectionAuthor
from engine.export.compose_club import profile_gaps
from engine.export.compose_context import Context
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
    Value,
)


def _written_by(ctx: Context, author: SectionAuthor, agents: list[str]) -> str:
    names = {"financial": ctx.t.sec_finance, "coordinator": ctx.t.sec_summary}
    for area in Area:
        names[area.value] = area.label(ctx.lang)
    who = author.provider + (f" ({author.model})" if author.model else "")
    return f"{who}: " + ", ".join(names.get(agent, agent) for agent in agents)


def _public_sources(ctx: Context) -> list[Block]:
    """Tier 2: each accepted fact with the page that supports it, or why there is none."""
    t, research = ctx.t, ctx.plan.research
    blocks: list[Block] = [Subheading(t.public_sources)]
    accepted = research.accepted()
    if not research.searched:
        return [*blocks, Paragraph(research.reason)]
    if not accepted:
        found = len(research.facts)
        text = t.get("public_none_accepted", n=found) if found else t.public_nothing_found
        return [*blocks, Paragraph(text)]
    rows = tuple(
        (
            Text(fact.statement, sub=fact.kind.label(ctx.lang.value)),
            Text(fact.citation.title, sub=fact.citation.url, link=fact.citation.url),
            Text(formatting.date(fact.citation.retrieved, ctx.lang)),
        )
        for fact in accepted
    )
    columns = (Column(t.public_fact, 7), Column(t.source_name, 5), Column(t.read_on, 2))
    return [*blocks, Table(columns, rows, compact=True)]


def methodology_section(ctx: Context) -> Section:
    t, generation = ctx.t, ctx.plan.generation
    facts: list[tuple[str, str | Value]] = [
        (t.provider, generation.provider),
        (
            t.generated_at,
            formatting.date(generation.generated_at.date(), ctx.lang),
        ),
    ]
    authorship = generation.authorship()
    if len(authorship) > 1:  # a section rewritten by another writer: name each one's
        facts[0] = (t.provider, "; ".join(_written_by(ctx, a, s) for a, s in authorship))
    elif generation.model:
        facts.insert(1, (t.model, generation.model))
    blocks: list[Block] = [
        Subheading(t.how_made),
        Paragraph(t.method_text),
        Facts(tuple(facts)),
    ]
    if generation.offline_draft:
        blocks.append(Notice(t.offline_draft, "info"))
    blocks += [Subheading(t.legend), ctx.prov.legend()]
    blocks.append(Subheading(t.sources))
    if ctx.prov.sources:
        tier_words = {
            "research": t.get("badge_research", ref="").rstrip(": "),
            "estimate": t.get("badge_estimate", ref="").rstrip(": "),
        }
        rows = tuple(
            (
                Text(reference),
                Text(tier_words.get(tier, tier)),
                Text(t.uses_one if count == 1 else t.get("uses", n=count)),
            )
            for (tier, reference), count in sorted(
                ctx.prov.sources.items(), key=lambda item: (-item[1], item[0][1])
            )
        )
        blocks.append(
            Table(
                (Column(t.source_name, 8), Column(t.kind, 3), Column(t.used_for, 2)),
                rows,
                compact=True,
            )
        )
    else:
        blocks.append(Paragraph(t.no_sources))
    blocks += _public_sources(ctx)
    blocks += [Subheading(t.review_checks), review_block(ctx)]
    return Section("sec-methodology", t.sec_methodology, 1, tuple(blocks))


SEVERITY_TONES = {"error": "todo", "warning": "check", "info": "na"}  # the compliance colours


def review_block(ctx: Context) -> Block:
    """The plan's review notes (the checks run on it after writing), or a line saying none."""
    t = ctx.t
    if not ctx.plan.warnings:
        return Paragraph(t.no_warnings)
    return Table(
        (Column(t.severity, 2), Column(t.section, 3), Column(t.message, 9)),
        tuple(
            (
                Text(
                    t[f"severity_{w.severity.value}"],
                    strong=True,
                    tone=SEVERITY_TONES[w.severity.value],
                ),
                Text(_section_name(ctx, w.section)),
                Text(w.message),
            )
            for w in ctx.plan.warnings
        ),
        compact=True,
    )


def _section_name(ctx: Context, key: str | None) -> str:
    """Review warnings name sections by key ("financial_plan"): show the chapter title."""
    if not key:
        return "—"
    names = {
        "executive_summary": ctx.t.sec_summary,
        "analysis": ctx.t.sec_analysis,
        "financial_plan": ctx.t.sec_finance,
        "compliance": ctx.t.sec_compliance,
        "monitoring": ctx.t.sec_monitoring,
        **{area.value: ctx.t[f"area_{area.value}"] for area in Area},
    }
    return names.get(key, key)


def gaps_section(ctx: Context) -> Section:
    t = ctx.t
    rows = gap_rows(ctx)
    if not rows:
        return Section("sec-gaps", t.sec_gaps, 1, (Paragraph(t.no_gaps),))
    table = Table((Column(t.gap_field, 5), Column(t.gap_why, 7)), tuple(rows), compact=True)
    return Section("sec-gaps", t.sec_gaps, 1, (Paragraph(t.gaps_intro), table))


def gap_rows(ctx: Context) -> list[tuple[Text, Text]]:
    """Each figure to collect and why: the plan's gaps, then the profile's empty fields."""
    rows: list[tuple[Text, Text]] = []
    seen: set[str] = set()
    for gap in ctx.plan.data_gaps:
        seen.add(gap.field)
        rows.append((Text(gap.label, strong=True), Text(gap.why or "—")))
    for field, label in profile_gaps(ctx.plan.club, ctx.lang):
        if field not in seen:
            rows.append((Text(label, strong=True), Text(ctx.t.gap_from_profile)))
    return rows
