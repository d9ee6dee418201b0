"""Section writers: the one interface behind which offline, Gemini and local models sit.

``write`` produces one agent's section from its ``AgentSpec``. The offline writer
composes it by rule; the language-model writer asks a model for the prose and
merges it onto the computed skeleton. The orchestrator cannot tell them apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from engine.agents.context import PlanContext
from engine.agents.registry import AgentName
from engine.agents.specs import SPECS
from engine.domain.plan import AreaSection, ExecutiveSummary, FinancialPlan
from engine.llm import errors
from engine.llm.base import CancelToken, GenerationSettings, LLMClient, Usage
from engine.research import ResearchOutcome, not_searched, run_research

Section = AreaSection | FinancialPlan | ExecutiveSummary
TextSink = Callable[[str], None]


@dataclass
class AgentOutput:
    section: Section
    usage: Usage = field(default_factory=Usage)
    warnings: list[str] = field(default_factory=list)
    model_version: str | None = None
    cached: bool = False


class SectionWriter(Protocol):
    provider: str
    model: str | None
    offline_draft: bool

    def write(
        self,
        agent: AgentName,
        ctx: PlanContext,
        prior: dict[AgentName, Any],
        on_text: TextSink,
        cancel: CancelToken,
    ) -> AgentOutput: ...

    def research(self, ctx: PlanContext, cancel: CancelToken) -> ResearchOutcome:
        """Public facts about the club's context (tier 2), or why they were not searched."""
        ...


class OfflineWriter:
    """No network at all: deterministic, complete, labelled as an offline draft."""

    provider = "offline"
    model: str | None = None
    offline_draft = True

    def write(
        self,
        agent: AgentName,
        ctx: PlanContext,
        prior: dict[AgentName, Any],
        on_text: TextSink,
        cancel: CancelToken,
    ) -> AgentOutput:
        if cancel.cancelled:
            raise errors.cancelled()
        spec = SPECS[agent]
        section = spec.compose(ctx, prior)
        on_text(spec.streamed(section))
        return AgentOutput(section)

    def research(self, ctx: PlanContext, cancel: CancelToken) -> ResearchOutcome:
        return ResearchOutcome(
            not_searched(
                "Fonti pubbliche non cercate: il piano è stato scritto senza connessione "
                "(compositore offline).",
                "Public sources not searched: the plan was written without a connection "
                "(offline composer).",
                ctx.language,
            )
        )


class ModelWriter:
    """A language model writes the prose; the computed numbers are merged in untouched."""

    offline_draft = False

    def __init__(
        self,
        client: LLMClient,
        settings: GenerationSettings,
        use_cache: bool = True,
        research: bool = False,
    ) -> None:
        self.client = client
        self.settings = settings
        self.use_cache = use_cache
        self.provider = client.name
        self.model: str | None = settings.model
        self.research_enabled = research and client.name == "gemini"  # search grounding

    def research(self, ctx: PlanContext, cancel: CancelToken) -> ResearchOutcome:
        if not self.research_enabled:
            it, en = (
                ("il modello locale non cerca sul web", "the local model does not search the web")
                if self.provider != "gemini"
                else ("la ricerca è disattivata nelle impostazioni", "research is off in Settings")
            )
            return ResearchOutcome(
                not_searched(
                    f"Fonti pubbliche non cercate: {it}.",
                    f"Public sources not searched: {en}.",
                    ctx.language,
                )
            )
        return run_research(ctx.club, ctx.language, self.client, self.settings, cancel)

    def write(
        self,
        agent: AgentName,
        ctx: PlanContext,
        prior: dict[AgentName, Any],
        on_text: TextSink,
        cancel: CancelToken,
    ) -> AgentOutput:
        spec = SPECS[agent]
        request, allowed = spec.request(ctx, prior, self.settings, self.use_cache)
        result = self.client.complete(request, on_text, cancel)
        section, notes = spec.merge(ctx, prior, result.data, allowed)
        return AgentOutput(
            section=section,
            usage=result.usage,
            warnings=[*result.warnings, *notes],
            model_version=result.model_version,
            cached=result.cached,
        )
