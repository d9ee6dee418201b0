"""From a club profile (and maybe an earlier plan) to a reviewed Plan.

``generate`` runs the orchestrator and assembles the result: sections that
failed are kept as visible holes with their reason, ``resume`` reruns only
those, and ``regenerate`` reruns one section and refreshes the summary.
Numbers come from the finance model and selection in every case.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from engine import checklists
from engine.agents import offline
from engine.agents.context import PlanContext, build_context
from engine.agents.registry import AGENT_AREAS, SECTION_AGENTS, AgentName
from engine.agents.writers import SectionWriter
from engine.domain.club import ClubProfile
from engine.domain.language import Language
from engine.domain.plan import (
    AreaSection,
    ExecutiveSummary,
    FinancialPlan,
    GenerationInfo,
    Plan,
    PlanWarning,
    SectionAuthor,
    SectionStatus,
    Severity,
)
from engine.domain.research import Research
from engine.errors import UserError
from engine.llm.base import CancelToken, ErrorKind, LLMError
from engine.orchestrator import EventSink, Orchestrator, OrchestratorResult
from engine.pool import FuturePool
from engine.redaction import redact
from engine.research import ResearchOutcome, not_searched
from engine.review import review

log = logging.getLogger(__name__)
AGENT_WARNING = "agent_"
KEPT_TEXT = (
    "La sezione non è stata riscritta: resta il testo precedente.",
    "The section was not rewritten: the earlier text is kept.",
)
RETRY_TEXT = ("Usate 'Riprova' per completare la sezione.", "Use 'Retry' to complete the section.")
OFFLINE_DRAFT = "offline_draft"


@dataclass
class GenerationResult:
    plan: Plan
    orchestration: OrchestratorResult
    context: PlanContext
    research: ResearchOutcome | None = None  # a new plan's tier-2 search (None on reruns)

    @property
    def failed_sections(self) -> list[str]:
        return self.plan.failed_sections()

    @property
    def wrote_anything(self) -> bool:
        """False when every agent of the run failed or was cancelled: nothing new to save."""
        return any(run.ok for run in self.orchestration.runs.values())


class UnknownSection(UserError, ValueError):
    def __init__(self, name: str) -> None:
        choices = ", ".join(sorted(SECTION_AGENTS))
        super().__init__(
            it=f"Sezione sconosciuta '{name}': scegliete tra {choices}.",
            en=f"Unknown section '{name}': choose one of {choices}.",
            code="unknown_section",
        )


def agent_for_section(name: str) -> AgentName:
    try:
        return SECTION_AGENTS[name.strip().lower()]
    except KeyError:
        raise UnknownSection(name) from None


def _sections_of(plan: Plan) -> dict[AgentName, Any]:
    """The usable sections of an earlier plan, by the agent that writes them."""
    usable = {SectionStatus.OK, SectionStatus.EDITED}
    sections: dict[AgentName, Any] = {}
    for agent, area in AGENT_AREAS.items():
        section = plan.area(area)
        if section is not None and section.status in usable:
            sections[agent] = section
    if plan.financial_plan.status in usable and plan.financial_plan.lines:
        sections[AgentName.FINANCIAL] = plan.financial_plan
    if plan.executive_summary.status in usable and plan.executive_summary.vision:
        sections[AgentName.COORDINATOR] = plan.executive_summary
    return sections


def _failure_text(result: OrchestratorResult, agent: AgentName, language: Language) -> str:
    run = result.runs.get(agent)
    if run is None or run.error is None:
        return "Sezione non generata." if language is Language.IT else "Section not generated."
    return redact(run.error.message(language.value))  # stored in the plan


def _status_for(result: OrchestratorResult, agent: AgentName) -> SectionStatus:
    run = result.runs.get(agent)
    if run is not None and run.error is not None and run.error.kind is ErrorKind.CANCELLED:
        return SectionStatus.MISSING
    return SectionStatus.FAILED


def _warnings(
    ctx: PlanContext,
    result: OrchestratorResult,
    earlier: list[PlanWarning],
    kept: dict[AgentName, Any],
    offline_draft: bool,
) -> list[PlanWarning]:
    lang = ctx.language
    rerun = {agent.value for agent in result.runs}
    warnings = [w for w in earlier if w.code.startswith(AGENT_WARNING) and w.section not in rerun]
    if offline_draft:
        warnings.insert(
            0,
            PlanWarning(
                code=OFFLINE_DRAFT,
                severity=Severity.INFO,
                section=None,
                message=offline.pick_offline_label(lang),
            ),
        )
    for agent, run in result.runs.items():
        if run.error is not None:
            # A section kept its earlier text (a failed rewrite) or is a hole to retry.
            code, severity, tail = (
                ("kept", Severity.WARNING, KEPT_TEXT)
                if agent in kept
                else ("failed", Severity.ERROR, RETRY_TEXT)
            )
            warnings.append(
                PlanWarning(
                    code=f"{AGENT_WARNING}{code}",
                    severity=severity,
                    section=agent.value,
                    message=f"{agent.label(lang.value)}: {redact(run.error.message(lang.value))} "
                    + tail[0 if lang is Language.IT else 1],
                )
            )
        elif run.output is not None:
            warnings += [
                PlanWarning(
                    code=f"{AGENT_WARNING}note",
                    severity=Severity.INFO,
                    section=agent.value,
                    message=f"{agent.label(lang.value)}: {note}",
                )
                for note in run.output.warnings
            ]
    return warnings


def _authors(
    writer: SectionWriter,
    result: OrchestratorResult,
    base: Plan | None,
    kept: dict[AgentName, Any],
) -> dict[str, SectionAuthor]:
    """Who wrote each section that has text: this run's writer or the earlier author."""
    this_run = SectionAuthor(
        provider=writer.provider, model=writer.model, offline_draft=writer.offline_draft
    )
    authors: dict[str, SectionAuthor] = {}
    for agent in AgentName:
        run = result.runs.get(agent)
        if run is not None and run.ok:
            authors[agent.value] = this_run
        elif agent in kept and base is not None:
            authors[agent.value] = base.generation.author_of(agent.value)
    return authors


def assemble(
    ctx: PlanContext,
    writer: SectionWriter,
    result: OrchestratorResult,
    base: Plan | None = None,
) -> Plan:
    lang = ctx.language
    kept = _sections_of(base) if base else {}

    def section_of(agent: AgentName) -> Any:
        run = result.runs.get(agent)
        if run is not None and run.ok and run.output is not None:
            return run.output.section
        # Not rerun, or rerun and failed: a failed rewrite never replaces good text.
        return kept.get(agent)

    areas = []
    for agent, area in AGENT_AREAS.items():
        section = section_of(agent)
        areas.append(
            section
            if isinstance(section, AreaSection)
            else AreaSection(
                area=area,
                status=_status_for(result, agent),
                failure_reason=_failure_text(result, agent, lang),
            )
        )
    finance = section_of(AgentName.FINANCIAL)
    if not isinstance(finance, FinancialPlan):
        finance = FinancialPlan(
            status=_status_for(result, AgentName.FINANCIAL),
            failure_reason=_failure_text(result, AgentName.FINANCIAL, lang),
        )
    summary = section_of(AgentName.COORDINATOR)
    if not isinstance(summary, ExecutiveSummary):
        summary = ExecutiveSummary(
            status=_status_for(result, AgentName.COORDINATOR),
            failure_reason=_failure_text(result, AgentName.COORDINATOR, lang),
        )
    authors = _authors(writer, result, base, kept)
    main = max(authors.values(), key=list(authors.values()).count) if authors else None
    seasons_label = f"{ctx.seasons[0]} - {ctx.seasons[-1]}"
    plan = Plan(
        uid=base.uid if base else Plan.model_fields["uid"].default_factory(),  # type: ignore[misc]
        title=base.title
        if base
        else (
            f"Piano strategico {seasons_label}"
            if lang is Language.IT
            else f"Strategic plan {seasons_label}"
        ),
        language=lang,
        seasons=ctx.seasons,
        club=ctx.club,
        generation=GenerationInfo(
            provider=main.provider if main else writer.provider,
            model=main.model if main else writer.model,
            offline_draft=any(a.offline_draft for a in authors.values())
            if authors
            else writer.offline_draft,
            generated_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
            authors=authors,
        ),
        executive_summary=summary,
        analysis=offline.compose_analysis(ctx),
        areas=areas,
        financial_plan=finance,
        compliance=checklists.compliance(ctx),
        monitoring=checklists.monitoring(ctx),
        data_gaps=checklists.data_gaps(ctx),
        research=base.research if base else Research(),
    )
    warnings = _warnings(
        ctx, result, base.warnings if base else [], kept, plan.generation.offline_draft
    )
    return plan.model_copy(update={"warnings": warnings + review(plan)})


def generate(
    club: ClubProfile,
    writer: SectionWriter,
    *,
    language: Language = Language.IT,
    emit: EventSink,
    cancel: CancelToken | None = None,
    concurrency: int = 5,
    examples: dict[str, list[dict[str, Any]]] | None = None,
    base: Plan | None = None,
    agents: Iterable[AgentName] | None = None,
) -> GenerationResult:
    """Write a plan (or, with ``base`` and ``agents``, only some of its sections).

    A new plan's research agent (tier 2) runs beside the section agents on its own pool
    thread; a rerun keeps the earlier plan's research and the user's decisions on it.
    """
    accepted = base.research.accepted() if base else []
    ctx = build_context(club, language, examples=examples, public_facts=accepted)
    prior = _sections_of(base) if base else {}
    cancel = cancel or CancelToken()
    pool = FuturePool(1) if base is None else None
    searching = pool.submit(lambda: writer.research(ctx, cancel)) if pool else None
    result = Orchestrator(writer, concurrency).run(ctx, emit, cancel, agents=agents, prior=prior)
    research = _research_outcome(searching, ctx.language) if searching else None
    if pool is not None:
        pool.shutdown()
    plan = assemble(ctx, writer, result, base)
    if research is not None:
        plan = plan.model_copy(update={"research": research.research})
    return GenerationResult(plan, result, ctx, research)


def _research_outcome(searching: Future, language: Language) -> ResearchOutcome:
    """The research agent's facts; a failure never sinks the plan: it says why instead."""
    try:
        return searching.result()
    except LLMError as error:
        log.warning("research agent failed: %s", error.message("en"))
        reason = redact(error.message(language.value))
        return ResearchOutcome(
            not_searched(
                f"Fonti pubbliche non cercate: la ricerca non è riuscita ({reason})",
                f"Public sources not searched: the search failed ({reason})",
                language,
            )
        )


def agents_to_resume(plan: Plan) -> list[AgentName]:
    """Failed or missing sections, plus the coordinator to refresh the summary."""
    agents = {agent_for_section(name) for name in plan.failed_sections()}
    if agents:
        agents.add(AgentName.COORDINATOR)
    return sorted(agents, key=list(AgentName).index)


def agents_to_regenerate(section: str) -> list[AgentName]:
    agent = agent_for_section(section)
    return [agent] if agent is AgentName.COORDINATOR else [agent, AgentName.COORDINATOR]
