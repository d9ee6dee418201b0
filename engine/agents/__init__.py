"""The agents that write a plan: five domain agents, then the coordinator."""

from engine.agents.registry import AGENT_AREAS, DOMAIN_AGENTS, AgentName

__all__ = ["AGENT_AREAS", "DOMAIN_AGENTS", "AgentName"]
