"""Builds the document model from a plan: every section worded, numbers formatted and sourced.

``build_document`` and the section modules it calls (``compose_summary``,
``compose_club``, ``compose_areas``, ``compose_finance``, ``compose_followup``,
``compose_method``, ``compose_onepager``, all functions of one
``compose_context.Context``) are the only code that reads a ``Plan`` for an export:
the model (``engine.export.document``) does not know its builder, and the renderers
only lay the model out. Empty or failed content becomes an honest ``Notice``
("section not generated: use Regenerate"), never a placeholder; missing numbers print
as "dato da acquisire" and are listed in the data-gaps appendix.
"""

from __future__ import annotations

import logging
from pathlib import Path

from engine import formatting
from engine.domain.plan import Area, Plan
from engine.export.branding import Logo, load_logo
from engine.export.compose_areas import area_section
from engine.export.compose_club import analysis_section
from engine.export.compose_context import Context
from engine.export.compose_finance import finance_section
from engine.export.compose_followup import compliance_section, monitoring_section
from engine.export.compose_method import gaps_section, methodology_section
from engine.export.compose_onepager import onepager_data
from engine.export.compose_summary import summary_section
from engine.export.document import Cover, Document, Section

log = logging.getLogger("rooting_future.export")


def build_document(
    plan: Plan,
    *,
    version: int | None = None,
    logo: Path | None = None,
    logo_base: Path | None = None,
) -> Document:
    """The one place a ``Plan`` is read for an export; every renderer gets the result.

    ``logo`` is an explicit file (it must be good); without it the club's configured
    logo is used when found (``logo_base`` resolves a relative one).
    """
    ctx = Context.of(plan, version, resolve_logo(plan, logo, logo_base))
    sections: list[Section] = [summary_section(ctx), analysis_section(ctx)]
    for area in Area:
        sections.append(area_section(ctx, area))
    sections += [finance_section(ctx), compliance_section(ctx), monitoring_section(ctx)]
    # Methodology lists every source cited, so it is built after the chapters citing them.
    sections += [methodology_section(ctx), gaps_section(ctx)]
    numbered = tuple(
        _renumber(section, str(index)) for index, section in enumerate(sections, start=1)
    )
    identity = plan.club.identity
    return Document(
        language=ctx.lang,
        labels=ctx.t,
        title=plan.title,
        club_name=identity.name,
        seasons=tuple(plan.seasons),
        seasons_label=f"{plan.seasons[0]} – {plan.seasons[-1]}",
        version=version,
        generated=formatting.date(plan.generation.generated_at.date(), ctx.lang),
        branding=ctx.branding,
        cover=cover_page(ctx),
        sections=numbered,
        onepager=onepager_data(ctx),
        legend=ctx.prov.legend(),
        plan_json=plan.model_dump_json(indent=2),
        created_iso=plan.generation.generated_at.isoformat(timespec="seconds"),
        offline_draft=plan.generation.offline_draft,
        macro_codes=tuple(o.code for o in plan.objectives()),
    )


def resolve_logo(plan: Plan, logo: Path | None, base: Path | None) -> Logo | None:
    """An explicit logo must be good; a configured one that moved is skipped with a log line."""
    if logo is not None:
        return load_logo(Path(logo))
    configured = plan.club.identity.logo_file
    if not configured:
        return None
    path = Path(configured).expanduser()
    if not path.is_absolute():
        if base is None:
            log.warning("logo %s is relative and no base folder was given: no logo", configured)
            return None
        path = base / path
    if not path.is_file():
        log.warning("logo file %s not found: exported without a logo", path)
        return None
    return load_logo(path)


def cover_page(ctx: Context) -> Cover:
    t, identity = ctx.t, ctx.plan.club.identity
    rasd = t.get("rasd_yes", number=identity.rasd_number) if identity.rasd_registered else t.rasd_no
    facts = (
        (t.legal_form, identity.legal_form.value),
        (t.rasd, rasd),
        (t.seat, f"{identity.city} ({identity.province}), {identity.region.value}"),
        (t.sports, ", ".join(identity.sports)),
        (
            t.affiliations,
            ", ".join(f"{a.name} ({a.kind.value})" for a in identity.affiliations),
        ),
        (t.founded, str(identity.year_founded)),
    )
    return Cover(
        eyebrow=t.plan_title,
        club_name=identity.name,
        seasons=f"{t.seasons} {ctx.plan.seasons[0]} – {ctx.plan.seasons[-1]}",
        facts=facts,
        version=f"{t.version} {ctx.version}" if ctx.version else "",
        generated=(
            f"{t.generated_on} {formatting.date(ctx.plan.generation.generated_at.date(), ctx.lang)}"
        ),
        notice=t.offline_draft if ctx.plan.generation.offline_draft else "",
    )


def _renumber(section: Section, number: str) -> Section:
    return Section(
        section.id,
        section.title,
        section.level,
        section.blocks,
        section.children,
        number,
        section.kind,
        section.code,
    )
