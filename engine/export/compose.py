"""Builds the document model from a plan: every section worded, numbers formatted and sourced.

This module and its parts (``compose_base``: shared state and helpers;
``compose_club``: the club analysis; ``compose_finance``: the financial plan;
``compose_onepager``: the one-pager's data) are the only code that reads a
``Plan`` for an export. Empty or failed content becomes an honest ``Notice``
("section not generated: use Regenerate"), never a placeholder; missing numbers
print as "dato da acquisire" and are listed in the data-gaps appendix.
"""

from __future__ import annotations

import logging
from pathlib import Path

from engine import formatting
from engine.domain.plan import (
    Area,
    ComplianceStatus,
    MacroObjective,
    Plan,
    SectionAuthor,
    SectionStatus,
    macro_codes,
)
from engine.export.branding import Logo, load_logo
from engine.export.compose_base import paragraphs
from engine.export.compose_club import ClubSections, profile_gaps
from engine.export.compose_finance import FinanceSection
from engine.export.compose_onepager import OnePagerData
from engine.export.document import (
    Block,
    Bullets,
    Column,
    Cover,
    Document,
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


def compose(
    plan: Plan,
    *,
    version: int | None = None,
    logo: Path | None = None,
    logo_base: Path | None = None,
) -> Document:
    return _Composer(plan, version, _resolve_logo(plan, logo, logo_base)).document()


def _resolve_logo(plan: Plan, logo: Path | None, base: Path | None) -> Logo | None:
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


class _Composer(ClubSections, FinanceSection, OnePagerData):
    # --- entry ---------------------------------------------------------------------------

    def document(self) -> Document:
        plan, t = self.plan, self.t
        sections: list[Section] = [self.summary(), self.analysis()]
        for area in Area:
            sections.append(self.area(area))
        sections += [self.finance(), self.compliance(), self.monitoring()]
        # Methodology lists every source cited, so it is built after the chapters citing them.
        sections += [self.methodology(), self.gaps()]
        numbered = tuple(
            _renumber(section, str(index)) for index, section in enumerate(sections, start=1)
        )
        identity = plan.club.identity
        return Document(
            language=self.lang,
            labels=t,
            title=plan.title,
            club_name=identity.name,
            seasons=tuple(plan.seasons),
            seasons_label=f"{plan.seasons[0]} – {plan.seasons[-1]}",
            version=self.version,
            generated=formatting.date(plan.generation.generated_at.date(), self.lang),
            branding=self.branding,
            cover=self.cover(),
            sections=numbered,
            onepager=self.onepager(),
            legend=self.prov.legend(),
            plan_json=plan.model_dump_json(indent=2),
            created_iso=plan.generation.generated_at.isoformat(timespec="seconds"),
            offline_draft=plan.generation.offline_draft,
            macro_codes=tuple(o.code for o in plan.objectives()),
        )

    # --- cover -----------------------------------------------------------------------------

    def cover(self) -> Cover:
        t, identity = self.t, self.plan.club.identity
        rasd = (
            t.get("rasd_yes", number=identity.rasd_number)
            if identity.rasd_registered
            else t.rasd_no
        )
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
            seasons=f"{t.seasons} {self.plan.seasons[0]} – {self.plan.seasons[-1]}",
            facts=facts,
            version=f"{t.version} {self.version}" if self.version else "",
            generated=(
                f"{t.generated_on} "
                f"{formatting.date(self.plan.generation.generated_at.date(), self.lang)}"
            ),
            notice=t.offline_draft if self.plan.generation.offline_draft else "",
        )

    # --- 1 executive summary ------------------------------------------------------------------

    def summary(self) -> Section:
        t, summary = self.t, self.plan.executive_summary
        blocks: list[Block] = self._status(summary.status, summary.failure_reason)
        if summary.status in {SectionStatus.FAILED, SectionStatus.MISSING} and not (
            summary.vision or summary.priorities
        ):
            return Section("sec-summary", t.sec_summary, 1, tuple(blocks))
        blocks.append(Subheading(t.vision))
        blocks.append(
            Paragraph(summary.vision, "quote") if summary.vision else self._part(t.vision)
        )
        blocks.append(Subheading(t.area_overview))
        for area in Area:
            text = summary.area_paragraphs.get(area, "")
            label = t[f"area_{area.value}"]
            blocks.append(Labelled(label, text) if text else self._part(label))
        blocks.append(Subheading(t.priorities))
        if summary.priorities:
            rows = tuple(
                (Text(p.code, strong=True), Text(p.title), Text(p.reason))
                for p in summary.priorities
            )
            columns = (Column(t.code, 1), Column(t.title, 4), Column(t.reason, 5))
            blocks.append(Table(columns, rows))
        else:
            blocks.append(self._part(t.priorities))
        blocks.append(Subheading(t.quick_wins))
        blocks.append(
            Bullets(tuple(summary.quick_wins), ordered=True)
            if summary.quick_wins
            else self._part(t.quick_wins)
        )
        blocks.append(Subheading(t.roadmap))
        if summary.roadmap:
            panels = tuple(
                Panel(f"{t.get('year_n', n=phase.year)} · {phase.title}", tuple(phase.items))
                for phase in sorted(summary.roadmap, key=lambda p: p.year)
            )
            blocks.append(Panels(panels, columns=3))
        else:
            blocks.append(self._part(t.roadmap))
        blocks.append(Subheading(t.headline_kpis))
        if summary.headline_kpis:
            blocks.append(self._kpi_table(summary.headline_kpis))
        else:
            blocks.append(self._part(t.headline_kpis))
        return Section("sec-summary", t.sec_summary, 1, tuple(blocks))

    # --- 3-6 the STW areas -------------------------------------------------------------------

    def area(self, area: Area) -> Section:
        t = self.t
        section = self.plan.area(area)
        title = t[f"area_{area.value}"]
        anchor = f"area-{area.value}"
        if section is None:
            return Section(anchor, title, 1, (Notice(t.not_generated),), kind="area")
        blocks: list[Block] = self._status(section.status, section.failure_reason)
        if section.intro:
            blocks += [Paragraph(p) for p in paragraphs(section.intro)]
        present = {o.code for o in section.objectives}
        missing = [code for code in macro_codes(area) if code not in present]
        if not section.objectives:
            if section.status not in {SectionStatus.FAILED, SectionStatus.MISSING}:
                blocks.append(Notice(t.no_objectives))
            return Section(anchor, title, 1, tuple(blocks), kind="area")
        if missing:
            blocks.append(Notice(t.get("objectives_missing", codes=", ".join(missing))))
        children = tuple(self.objective(o) for o in section.objectives)
        return Section(anchor, title, 1, tuple(blocks), children, kind="area")

    def objective(self, objective: MacroObjective) -> Section:
        t = self.t
        budget = Value(
            formatting.money_range(objective.budget.min_eur, objective.budget.max_eur, self.lang),
            self.prov.budget_badge(objective.budget),
        )
        blocks: list[Block] = [
            Facts(
                ((t.priority, self._priority_text(objective.priority)), (t.budget, budget)),
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
                                f"{a.what} ({t.proposed_by_model})"
                                if a.proposed_by_model
                                else a.what
                            ),
                            Text(a.owner_role),
                            Text(formatting.date(a.deadline, self.lang)),
                        )
                        for a in objective.actions
                    ),
                    compact=True,
                )
            )
        else:
            blocks.append(Notice(t.no_actions, "info"))
        blocks.append(Subheading(t.kpis))
        blocks.append(
            self._kpi_table(objective.kpis) if objective.kpis else Notice(t.no_kpis, "info")
        )
        return Section(
            f"obj-{objective.code}",
            objective.title,
            2,
            tuple(blocks),
            kind="objective",
            code=objective.code,
        )

    # --- 8 compliance, 9 monitoring -----------------------------------------------------

    def compliance(self) -> Section:
        t = self.t
        items = self.plan.compliance
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

    def monitoring(self) -> Section:
        t = self.t
        blocks: list[Block] = [Subheading(t.calendar)]
        entries = sorted(self.plan.monitoring, key=lambda e: e.due)
        if entries:
            blocks.append(
                Table(
                    (Column(t.date, 2), Column(t.what, 8), Column(t.owner, 3)),
                    tuple(
                        (
                            Text(formatting.date(e.due, self.lang), strong=True),
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
        kpis = self.plan.executive_summary.headline_kpis
        if kpis:
            blocks.append(Subheading(t.kpis_to_track))
            blocks.append(self._kpi_table(kpis))
        return Section("sec-monitoring", t.sec_monitoring, 1, tuple(blocks))

    # --- 10 methodology, 11 data gaps ------------------------------------------------------

    def _written_by(self, author: SectionAuthor, agents: list[str]) -> str:
        names = {"financial": self.t.sec_finance, "coordinator": self.t.sec_summary}
        for area in Area:
            names[area.value] = area.label(self.lang)
        who = author.provider + (f" ({author.model})" if author.model else "")
        return f"{who}: " + ", ".join(names.get(agent, agent) for agent in agents)

    def _public_sources(self) -> list[Block]:
        """Tier 2: each accepted fact with the page that supports it, or why there is none."""
        t, research = self.t, self.plan.research
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
                Text(fact.statement, sub=fact.kind.label(self.lang.value)),
                Text(fact.citation.title, sub=fact.citation.url, link=fact.citation.url),
                Text(formatting.date(fact.citation.retrieved, self.lang)),
            )
            for fact in accepted
        )
        columns = (Column(t.public_fact, 7), Column(t.source_name, 5), Column(t.read_on, 2))
        return [*blocks, Table(columns, rows, compact=True)]

    def methodology(self) -> Section:
        t, generation = self.t, self.plan.generation
        facts: list[tuple[str, str | Value]] = [
            (t.provider, generation.provider),
            (
                t.generated_at,
                formatting.date(generation.generated_at.date(), self.lang),
            ),
        ]
        authorship = generation.authorship()
        if len(authorship) > 1:  # a section rewritten by another writer: name each one's
            facts[0] = (t.provider, "; ".join(self._written_by(a, s) for a, s in authorship))
        elif generation.model:
            facts.insert(1, (t.model, generation.model))
        blocks: list[Block] = [
            Subheading(t.how_made),
            Paragraph(t.method_text),
            Facts(tuple(facts)),
        ]
        if generation.offline_draft:
            blocks.append(Notice(t.offline_draft, "info"))
        blocks += [Subheading(t.legend), self.prov.legend()]
        blocks.append(Subheading(t.sources))
        if self.prov.sources:
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
                    self.prov.sources.items(), key=lambda item: (-item[1], item[0][1])
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
        blocks += self._public_sources()
        blocks.append(Subheading(t.review_checks))
        if self.plan.warnings:
            blocks.append(
                Table(
                    (Column(t.severity, 2), Column(t.section, 3), Column(t.message, 9)),
                    tuple(
                        (
                            Text(t[f"severity_{w.severity.value}"], strong=True),
                            Text(self._section_name(w.section)),
                            Text(w.message),
                        )
                        for w in self.plan.warnings
                    ),
                    compact=True,
                )
            )
        else:
            blocks.append(Paragraph(t.no_warnings))
        return Section("sec-methodology", t.sec_methodology, 1, tuple(blocks))

    def _section_name(self, key: str | None) -> str:
        """Review warnings name sections by key ("financial_plan"): show the chapter title."""
        if not key:
            return "—"
        names = {
            "executive_summary": self.t.sec_summary,
            "analysis": self.t.sec_analysis,
            "financial_plan": self.t.sec_finance,
            "compliance": self.t.sec_compliance,
            "monitoring": self.t.sec_monitoring,
            **{area.value: self.t[f"area_{area.value}"] for area in Area},
        }
        return names.get(key, key)

    def gaps(self) -> Section:
        t = self.t
        rows: list[tuple[Text, Text]] = []
        seen: set[str] = set()
        for gap in self.plan.data_gaps:
            seen.add(gap.field)
            rows.append((Text(gap.label, strong=True), Text(gap.why or "—")))
        for field, label in profile_gaps(self.plan.club, self.lang):
            if field not in seen:
                rows.append((Text(label, strong=True), Text(t.gap_from_profile)))
        if not rows:
            return Section("sec-gaps", t.sec_gaps, 1, (Paragraph(t.no_gaps),))
        table = Table((Column(t.gap_field, 5), Column(t.gap_why, 7)), tuple(rows), compact=True)
        return Section("sec-gaps", t.sec_gaps, 1, (Paragraph(t.gaps_intro), table))


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
