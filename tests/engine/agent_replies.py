"""Realistic model answers per agent, for the Gemini and local doubles.

Built from the offline composer's own sections and reshaped to each agent's
response schema, with a marker so tests can see the model's prose was used.
"""

from __future__ import annotations

from typing import Any

from engine.agents import offline
from engine.agents.context import PlanContext
from engine.agents.registry import AGENT_AREAS, AgentName
from engine.agents.specs import role_of

MARKER = "[modello]"  # never reaches a plan in a real run: review would flag brackets
MODEL_MARK = "Scritto dal modello."


def payload_for(agent: AgentName, ctx: PlanContext) -> dict[str, Any]:
    if agent in AGENT_AREAS:
        section = offline.compose_area(ctx, AGENT_AREAS[agent])
        return {
            "intro": f"{MODEL_MARK} {section.intro}",
            "objectives": [
                {
                    "code": o.code,
                    "title": o.title,
                    "objective": f"{MODEL_MARK} {o.objective}",
                    "baseline": o.baseline,
                    "gap": o.gap,
                    "actions": [{"code": a.code, "what": a.what} for a in o.actions],
                    "extra_actions": [],
                }
                for o in section.objectives
            ],
        }
    if agent is AgentName.FINANCIAL:
        return {"commentary": f"{MODEL_MARK} Il bilancio regge.", "risks": []}
    areas = [offline.compose_area(ctx, area) for area in AGENT_AREAS.values()]
    summary = offline.compose_summary(ctx, areas, offline.compose_financial(ctx))
    return {
        "vision": f"{MODEL_MARK} {summary.vision}",
        "area_paragraphs": {a.value: t for a, t in summary.area_paragraphs.items()},
        "priorities": [p.model_dump() for p in summary.priorities],
        "quick_wins": summary.quick_wins,
        "roadmap": [r.model_dump() for r in summary.roadmap],
    }


def role_marker(agent: AgentName) -> str:
    """A substring of the agent's system instruction, to route scripted replies."""
    return role_of(agent)[:40]
