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
        spec = SPECS[agent]
        section = spec.compose(ctx, prior)
        on_text(spec.streamed(section))
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
