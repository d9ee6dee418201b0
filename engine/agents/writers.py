"""Section writers: the one interface behind which offline, Gemini and local models sit.

``write`` produces one agent's section. The offline writer composes it by
rule; the language-model writer asks a model for the prose and merges it
onto the computed skeleton. The orchestrator cannot tell them apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from engine.agents import offline, prompts
from engine.agents.context import PlanContext
from engine.agents.registry import AGENT_AREAS, AgentName
from engine.domain.plan import AreaSection, ExecutiveSummary, FinancialPlan
from engine.llm.base import CancelToken, ErrorKind, GenerationSettings, LLMClient, LLMError, Usage

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


def _areas_and_finance(
    ctx: PlanContext, prior: dict[AgentName, Any]
) -> tuple[list[AreaSection], FinancialPlan]:
    areas = [
        prior[agent] if isinstance(prior.get(agent), AreaSection) else offline.compose_area(ctx, a)
        for agent, a in AGENT_AREAS.items()
    ]
    finance = prior.get(AgentName.FINANCIAL)
    if not isinstance(finance, FinancialPlan):
        finance = offline.compose_financial(ctx)
    return areas, finance


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
            raise LLMError(ErrorKind.CANCELLED, "cancelled", "annullato")
        section: Section
        if agent in AGENT_AREAS:
            section = offline.compose_area(ctx, AGENT_AREAS[agent])
            on_text(section.intro)
        elif agent is AgentName.FINANCIAL:
            section = offline.compose_financial(ctx)
            on_text(section.commentary)
        else:
            areas, finance = _areas_and_finance(ctx, prior)
            section = offline.compose_summary(ctx, areas, finance)
            on_text(section.vision)
        return AgentOutput(section)


class ModelWriter:
    """A language model writes the prose; the computed numbers are merged in untouched."""

    offline_draft = False

    def __init__(
        self, client: LLMClient, settings: GenerationSettings, use_cache: bool = True
    ) -> None:
        self.client = client
        self.settings = settings
        self.use_cache = use_cache
        self.provider = client.name
        self.model: str | None = settings.model

    def write(
        self,
        agent: AgentName,
        ctx: PlanContext,
        prior: dict[AgentName, Any],
        on_text: TextSink,
        cancel: CancelToken,
    ) -> AgentOutput:
        request = prompts.request_for(agent, ctx, prior, self.settings, self.use_cache)
        result = self.client.complete(request, on_text, cancel)
        section: Section
        if agent in AGENT_AREAS:
            section, notes = prompts.merge_area(ctx, AGENT_AREAS[agent], result.data)
        elif agent is AgentName.FINANCIAL:
            section, notes = prompts.merge_financial(ctx, result.data)
        else:
            areas, finance = _areas_and_finance(ctx, prior)
            section, notes = prompts.merge_summary(ctx, areas, finance, result.data)
        return AgentOutput(
            section=section,
            usage=result.usage,
            warnings=[*result.warnings, *notes],
            model_version=result.model_version,
            cached=result.cached,
        )
