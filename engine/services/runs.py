"""Writing plans: a new plan, a resume of the failed sections, one section rewritten; the
examples the agents see; and the run history (timings, tokens, cost per agent)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine import generation
from engine.agents.registry import AgentName
from engine.agents.writers import SectionWriter
from engine.domain import ClubProfile
from engine.domain.language import Language
from engine.generation import GenerationResult
from engine.llm.base import CancelToken, Usage
from engine.orchestrator import EventSink
from engine.redaction import redact
from engine.services.errors import ServiceError
from engine.services.plans import PlanManager
from engine.services.results import (
    KnowledgeExample,
    PlanSummary,
    VersionInfo,
    summary_of,
    version_of,
)
from engine.storage import plans as repo
from engine.storage import runs as runs_store
from engine.storage.database import Database
from engine.storage.models import utcnow
from engine.storage.plans import VersionSource
from engine.storage.runs import AgentRunInfo, RunInfo
from engine.usage import estimate_cost_eur

KNOWLEDGE_SECTIONS = (
    "sports",
    "infrastructure",
    "marketing",
    "social",
    "financial_plan",
    "executive_summary",
)


class RunManager:
    def __init__(self, db: Database, plans: PlanManager) -> None:
        self.db = db
        self.plans = plans

    # --- examples from earlier plans -------------------------------------------------------

    def knowledge_examples(
        self,
        section: str,
        sport: str,
        size_band: str,
        limit: int = 2,
        exclude_plan_id: int | None = None,
    ) -> list[KnowledgeExample]:
        with self.db.read() as session:
            hits = repo.knowledge_lookup(session, section, sport, size_band, limit, exclude_plan_id)
            examples = []
            for hit in hits:
                content = repo.knowledge_content(session, hit)
                if content is not None:
                    examples.append(
                        KnowledgeExample(
                            hit.plan_id,
                            hit.section,
                            hit.approved,
                            hit.sport,
                            hit.size_band,
                            hit.token_estimate,
                            content,
                        )
                    )
            return examples

    def examples_for(
        self, club: ClubProfile, exclude_plan_id: int | None = None
    ) -> dict[str, list[dict[str, Any]]]:
        """1-2 sections per agent from approved (then recent) plans of similar clubs."""
        sport, band = club.identity.primary_sport, club.size_band().value
        return {
            section: [
                e.content
                for e in self.knowledge_examples(
                    section, sport, band, limit=2, exclude_plan_id=exclude_plan_id
                )
            ]
            for section in KNOWLEDGE_SECTIONS
        }

    # --- generation --------------------------------------------------------------------------

    def generate_plan(
        self,
        club: ClubProfile,
        writer: SectionWriter,
        *,
        language: Language = Language.IT,
        emit: EventSink,
        cancel: CancelToken | None = None,
        concurrency: int = 5,
    ) -> tuple[PlanSummary, GenerationResult]:
        """Write and save a new plan; failed sections are saved as failed (see resume)."""
        with self.db.read() as session:
            self.plans.check_club_limit(session, club)
        started = utcnow()
        result = generation.generate(
            club,
            writer,
            language=language,
            emit=emit,
            cancel=cancel,
            concurrency=concurrency,
            examples=self.examples_for(club),
        )
        finished = utcnow()
        with self.db.write() as session:
            self.plans.check_club_limit(session, result.plan.club)
            row = repo.create_plan(session, result.plan, VersionSource.GENERATED, _reason(result))
            record_run(session, row.id, row.current_version, writer, result, (started, finished))
            return summary_of(row), result

    def _rerun(
        self,
        plan_id: int,
        writer: SectionWriter,
        agents: list[AgentName],
        reason: str,
        emit: EventSink,
        cancel: CancelToken | None,
        concurrency: int,
    ) -> tuple[VersionInfo, GenerationResult]:
        document = self.plans.get_plan(plan_id)
        base = document.plan
        started = utcnow()
        result = generation.generate(
            base.club,
            writer,
            language=base.language,
            emit=emit,
            cancel=cancel,
            concurrency=concurrency,
            examples=self.examples_for(base.club, plan_id),
            base=base,
            agents=agents,
        )
        finished = utcnow()
        with self.db.write() as session:
            row = self.plans.row(session, plan_id)
            if not result.wrote_anything:
                # Nothing was rewritten: the plan stays as it was; only the attempt is kept.
                times = (started, finished)
                record_run(session, plan_id, row.current_version, writer, result, times)
                current = repo.get_version_row(session, plan_id, row.current_version)
                return version_of(current), result
            version = repo.add_version(session, row, result.plan, VersionSource.GENERATED, reason)
            record_run(session, plan_id, version.number, writer, result, (started, finished))
            return version_of(version), result

    def resume_plan(
        self,
        plan_id: int,
        writer: SectionWriter,
        *,
        emit: EventSink,
        cancel: CancelToken | None = None,
        concurrency: int = 5,
    ) -> tuple[VersionInfo | None, GenerationResult | None]:
        """Regenerate only failed or missing sections; (None, None) if nothing is missing."""
        agents = generation.agents_to_resume(self.plans.get_plan(plan_id).plan)
        if not agents:
            return None, None
        return self._rerun(
            plan_id, writer, agents, "resume: " + ", ".join(agents), emit, cancel, concurrency
        )

    def rerun_agents(self, plan_id: int, section: str | None = None) -> list[AgentName]:
        """The agents a resume (no ``section``) or a section's rewrite would run."""
        if section is None:
            return generation.agents_to_resume(self.plans.get_plan(plan_id).plan)
        try:
            return generation.agents_to_regenerate(section)
        except generation.UnknownSection as error:
            raise ServiceError(it=error.it, en=error.en, code="bad_input") from None

    def regenerate_section(
        self,
        plan_id: int,
        section: str,
        writer: SectionWriter,
        *,
        emit: EventSink,
        cancel: CancelToken | None = None,
        concurrency: int = 5,
    ) -> tuple[VersionInfo, GenerationResult]:
        """Rewrite one section (the coordinator then refreshes the summary).

        A rewrite that fails keeps the earlier text; if nothing was rewritten no version
        is saved (the returned version is the current one, and the run is recorded)."""
        agents = self.rerun_agents(plan_id, section)
        return self._rerun(
            plan_id, writer, agents, f"regenerate: {section}", emit, cancel, concurrency
        )

    # --- history -----------------------------------------------------------------------------

    def generation_runs(self, plan_id: int) -> list[RunInfo]:
        with self.db.read() as session:
            return runs_store.runs(session, plan_id)


def _reason(result: GenerationResult) -> str:
    failed = result.orchestration.failed
    return "generated" + (f" (failed: {', '.join(failed)})" if failed else "")


def record_run(
    session: Any,
    plan_id: int,
    version: int,
    writer: SectionWriter,
    result: GenerationResult,
    times: tuple[dt.datetime, dt.datetime],
) -> None:
    """Store the run: its real start and finish (not the save time), agents, tokens, cost."""
    orchestration = result.orchestration
    status = (
        "cancelled"
        if orchestration.cancelled
        else "partial"
        if orchestration.failed
        else "complete"
    )
    agents = []
    for agent_run in orchestration.runs.values():
        usage = agent_run.output.usage if agent_run.output else Usage()
        agents.append(
            AgentRunInfo(
                agent=agent_run.agent.value,
                status="ok" if agent_run.ok else "failed",
                duration_ms=agent_run.duration_ms,
                input_tokens=usage.input_tokens,
                output_tokens=usage.output_tokens + usage.thinking_tokens,
                cost_eur=estimate_cost_eur(writer.provider, usage, writer.model),
                error=redact(agent_run.error.message("en")) if agent_run.error else None,
            )
        )
    found = result.research
    if found is not None and found.grounded_requests:  # the research agent's call
        searched = found.research.searched
        agents.append(
            AgentRunInfo(
                agent="research",
                status="ok" if searched else "failed",
                duration_ms=found.duration_ms,
                input_tokens=found.usage.input_tokens,
                output_tokens=found.usage.output_tokens + found.usage.thinking_tokens,
                cost_eur=estimate_cost_eur(
                    writer.provider, found.usage, writer.model, found.grounded_requests
                ),
                error=None if searched else redact(found.research.reason),
            )
        )
    runs_store.add_run(
        session, plan_id, version, (writer.provider, writer.model), status, times, agents
    )
