"""The agents as data: one spec per agent, read by every writer.

Each ``AgentSpec`` says who the agent is (its role for the model), what it is asked
(the task and the facts), what it answers (a pydantic model, hence the schema), how
the offline composer writes its section without a model, and how a model's answer
joins the computed plan. Writers and the orchestrator never branch on the agent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engine.agents import merge, offline, prompts
from engine.agents.answers import (
    FinancialAnswer,
    json_schema,
    narrowed_area_schema,
    narrowed_summary_schema,
)
from engine.agents.context import PlanContext
from engine.agents.guard import allowed_numbers
from engine.agents.registry import AGENT_AREAS, AgentName
from engine.domain.plan import Area, AreaSection, ExecutiveSummary, FinancialPlan, macro_codes
from engine.llm.base import CompletionRequest, GenerationSettings

Section = AreaSection | FinancialPlan | ExecutiveSummary
Prior = dict[AgentName, Any]
OFFLINE_TASKS = 3  # the summary reads the areas and the finance: compose them if missing


@dataclass(frozen=True)
class AgentSpec:
    name: AgentName
    role: str
    section: str  # the knowledge-store section whose approved examples guide the style
    task: str
    body: Callable[[PlanContext, Prior], dict[str, Any]]
    schema: Callable[[PlanContext], dict[str, Any]]
    compose: Callable[[PlanContext, Prior], Section]
    merge: Callable[[PlanContext, Prior, dict[str, Any], set[float]], tuple[Section, list[str]]]
    streamed: Callable[[Section], str]  # what the offline writer shows while it "writes"

    def request(
        self, ctx: PlanContext, prior: Prior, settings: GenerationSettings, use_cache: bool = True
    ) -> tuple[CompletionRequest, set[float]]:
        """The model request, and the numbers its answer may quote (those of the facts)."""
        body = {"task": self.task, **self.body(ctx, prior)}
        allowed = allowed_numbers([json.dumps(body, ensure_ascii=False, default=str)])
        request = prompts.build_request(
            agent=self.name.value,
            role=self.role,
            body=body,
            schema=self.schema(ctx),
            section=self.section,
            ctx=ctx,
            settings=settings,
            use_cache=use_cache,
        )
        return request, allowed


def areas_and_finance(ctx: PlanContext, prior: Prior) -> tuple[list[AreaSection], FinancialPlan]:
    """The sections the summary reads: what the agents wrote, else the offline composer's."""
    areas = [
        prior[agent] if isinstance(prior.get(agent), AreaSection) else offline.compose_area(ctx, a)
        for agent, a in AGENT_AREAS.items()
    ]
    finance = prior.get(AgentName.FINANCIAL)
    if not isinstance(finance, FinancialPlan):
        finance = offline.compose_financial(ctx)
    return areas, finance


# --- the four area agents ----------------------------------------------------------------

AREA_ROLES = {
    Area.SPORTS: "the sports director's adviser (technical identity, participation, "
    "management, competition, athlete services, scouting, partner clubs, a specific area)",
    Area.INFRASTRUCTURE: "the facilities, equipment and human-resources adviser",
    Area.MARKETING: "the communication, marketing, brand and commercial adviser",
    Area.SOCIAL: "the social-responsibility adviser (anti-racism, safeguarding, inclusion, "
    "para-sport, health, solidarity, environment)",
}
AREA_TASK = (
    "Write the {area} section for this club: an introduction, then for each objective a "
    "club-specific title, the objective, the current situation and the gap to close, and a "
    "rewording of every listed action for this club and its sport (keep each action's code; "
    "its owner and deadline stay as computed). You may propose up to 3 extra actions per "
    "objective that this club needs and the list lacks: each with an owner role from "
    "'owner_roles' and a deadline (YYYY-MM-DD) between 'plan_starts' and 'plan_ends'. Use the "
    "drafts' facts; add no figure that is not in the facts."
)


def _area_spec(agent: AgentName, area: Area) -> AgentSpec:
    def body(ctx: PlanContext, prior: Prior) -> dict[str, Any]:
        objectives = prompts.objective_facts(ctx, area)
        return {
            "club": prompts.club_facts(ctx),
            "owner_roles": merge.known_owners(ctx),
            "area": {
                "objectives_count": len(objectives),
                "budget_total_eur": [
                    sum(o["budget_eur"][0] for o in objectives),
                    sum(o["budget_eur"][1] for o in objectives),
                ],
                "intro_draft": offline.compose_area(ctx, area).intro,
            },
            "objectives": objectives,
        }

    def schema(ctx: PlanContext) -> dict[str, Any]:
        codes = macro_codes(area)
        action_codes = [
            a.code for code in codes for a in ctx.selection[code].actions if code in ctx.selection
        ]
        return narrowed_area_schema(codes, action_codes, merge.known_owners(ctx))

    return AgentSpec(
        name=agent,
        role=AREA_ROLES[area],
        section=area.value,
        task=AREA_TASK.format(area=area.value),
        body=body,
        schema=schema,
        compose=lambda ctx, prior: offline.compose_area(ctx, area),
        merge=lambda ctx, prior, data, allowed: merge.merge_area(ctx, area, data, allowed),
        streamed=lambda section: section.intro,  # type: ignore[union-attr]
    )


# --- the financial agent and the coordinator ------------------------------------------------


def _finance_body(ctx: PlanContext, prior: Prior) -> dict[str, Any]:
    return {"club": prompts.club_facts(ctx), "model": prompts.finance_facts(ctx)}


def _summary_body(ctx: PlanContext, prior: Prior) -> dict[str, Any]:
    written = {
        name.value: section.intro
        if isinstance(section, AreaSection)
        else getattr(section, "commentary", "")
        for name, section in prior.items()
    }
    ranked = sorted(ctx.selection.values(), key=lambda o: (o.priority, o.code))
    return {
        "club": prompts.club_facts(ctx),
        "sections_written": written,
        "objectives_by_priority": [
            {
                "code": o.code,
                "title": o.title,
                "priority_year": o.priority,
                "reason": offline.objective_reason(o, ctx),
                "answers": o.answers(ctx.language),
                "first_actions": [a.what for a in o.actions[:2]],
            }
            for o in ranked
        ],
    }


def _summary_compose(ctx: PlanContext, prior: Prior) -> ExecutiveSummary:
    areas, finance = areas_and_finance(ctx, prior)
    return offline.compose_summary(ctx, areas, finance)


def _summary_merge(
    ctx: PlanContext, prior: Prior, data: dict[str, Any], allowed: set[float]
) -> tuple[Section, list[str]]:
    areas, finance = areas_and_finance(ctx, prior)
    return merge.merge_summary(ctx, areas, finance, data, allowed)


FINANCIAL = AgentSpec(
    name=AgentName.FINANCIAL,
    role="the club's financial adviser, commenting a computed three-year model",
    section="financial_plan",
    task="Comment the computed financial model for the board: what the figures mean for this "
    "club (its loans, its equipment renewals, its sponsor), the main risks and how the funding "
    "sources could help. Quote only the figures given; do not change or invent figures.",
    body=_finance_body,
    schema=lambda ctx: json_schema(FinancialAnswer),
    compose=lambda ctx, prior: offline.compose_financial(ctx),
    merge=lambda ctx, prior, data, allowed: merge.merge_financial(ctx, data, allowed),
    streamed=lambda section: section.commentary,  # type: ignore[union-attr]
)
COORDINATOR = AgentSpec(
    name=AgentName.COORDINATOR,
    role="the plan coordinator writing the executive summary for the board",
    section="executive_summary",
    task="Write the executive summary: a three-year vision for this club, one paragraph per "
    "area, the top 5 priorities as code, title and a reason of at most 15 words (put the "
    "board's own goals and problems first), 5 quick wins doable within 6 months (from the "
    "listed actions), and a roadmap in three phases (year 1 set-up, year 2 development, year 3 "
    "consolidation).",
    body=_summary_body,
    schema=lambda ctx: narrowed_summary_schema(list(ctx.selection)),
    compose=_summary_compose,
    merge=_summary_merge,
    streamed=lambda section: section.vision,  # type: ignore[union-attr]
)

SPECS: dict[AgentName, AgentSpec] = {
    **{agent: _area_spec(agent, area) for agent, area in AGENT_AREAS.items()},
    AgentName.FINANCIAL: FINANCIAL,
    AgentName.COORDINATOR: COORDINATOR,
}


def role_of(agent: AgentName) -> str:
    return SPECS[agent].role
