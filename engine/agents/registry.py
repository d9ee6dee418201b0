"""Which agents exist, what each writes, and in which order they run."""

from __future__ import annotations

from enum import StrEnum

from engine.domain.plan import Area


class AgentName(StrEnum):
    SPORTS = "sports"
    INFRASTRUCTURE = "infrastructure"
    MARKETING = "marketing"
    SOCIAL = "social"
    FINANCIAL = "financial"
    COORDINATOR = "coordinator"  # the executive summary, written last from the others

    def label(self, language: str = "it") -> str:
        return LABELS[self][0 if language == "it" else 1]


DOMAIN_AGENTS = (
    AgentName.SPORTS,
    AgentName.INFRASTRUCTURE,
    AgentName.MARKETING,
    AgentName.SOCIAL,
    AgentName.FINANCIAL,
)
AGENT_AREAS = {
    AgentName.SPORTS: Area.SPORTS,
    AgentName.INFRASTRUCTURE: Area.INFRASTRUCTURE,
    AgentName.MARKETING: Area.MARKETING,
    AgentName.SOCIAL: Area.SOCIAL,
}
LABELS = {
    AgentName.SPORTS: ("Agente area sportiva", "Sports agent"),
    AgentName.INFRASTRUCTURE: ("Agente area strutturale", "Infrastructure agent"),
    AgentName.MARKETING: ("Agente marketing", "Marketing agent"),
    AgentName.SOCIAL: ("Agente area sociale", "Social agent"),
    AgentName.FINANCIAL: ("Agente finanziario", "Financial agent"),
    AgentName.COORDINATOR: ("Coordinatore (sintesi)", "Coordinator (summary)"),
}
# Names a user may give to "regenerate" / that a plan's failed_sections() reports.
SECTION_AGENTS = {
    **{agent.value: agent for agent in AgentName},
    "financial_plan": AgentName.FINANCIAL,
    "executive_summary": AgentName.COORDINATOR,
    "summary": AgentName.COORDINATOR,
}
