"""What each agent asks a language model, and how the answer joins the computed plan.

A model writes prose only. The numbers (priorities, KPI baselines and targets,
budgets, finance) come from ``engine.selection`` and ``engine.finance`` and are
given to the model as facts to explain; the merge keeps them whatever the
model returns. Anything the model omits is filled from the offline composer,
with a warning, so a plan never has holes.
"""

from __future__ import annotations

import json
from typing import Any

from engine.agents import offline
from engine.agents.context import PlanContext
from engine.agents.registry import AGENT_AREAS, AgentName
from engine.domain.language import Language
from engine.domain.plan import (
    Area,
    AreaSection,
    ExecutiveSummary,
    FinancialPlan,
    MacroObjective,
    Priority,
    RoadmapPhase,
    macro_codes,
)
from engine.llm.base import CompletionRequest, GenerationSettings

EXAMPLE_CHAR_BUDGET = 6000  # ~1,500 tokens per example section
MAX_EXAMPLES = 2
ALL_CODES = [code for area in Area for code in macro_codes(area)]

ROLES = {
    AgentName.SPORTS: "the sports director's adviser (technical identity, participation, "
    "management, competition, athlete services, scouting, partner clubs, a specific area)",
    AgentName.INFRASTRUCTURE: "the facilities and human-resources adviser",
    AgentName.MARKETING: "the communication, marketing, brand and commercial adviser",
    AgentName.SOCIAL: "the social-responsibility adviser (anti-racism, safeguarding, "
    "inclusion, adapted sport, health, solidarity, environment)",
    AgentName.FINANCIAL: "the club's financial adviser, commenting a computed three-year model",
    AgentName.COORDINATOR: "the plan coordinator writing the executive summary for the board",
}
RULES = """Rules:
- Write for the club's board: concrete, specific to THIS club, no generic filler.
- Use ONLY the figures given below; never invent a number, a percentage or a name.
- Where a figure is missing write "dato da acquisire" (Italian) / "to be collected" (English).
- No placeholders such as [da calcolare], TODO, XXX or bracketed templates.
- Answer with one JSON object that matches the schema, nothing else."""


def _language_line(language: Language) -> str:
    return (
        "Write every text in Italian."
        if language is Language.IT
        else ("Write every text in English.")
    )


def _club_facts(ctx: PlanContext) -> dict[str, Any]:
    identity = ctx.club.identity
    return {
        "name": identity.name,
        "legal_form": identity.legal_form.value,
        "town": f"{identity.city} ({identity.province}, {identity.region.value})",
        "sports": identity.sports,
        "affiliations": [a.name for a in identity.affiliations],
        "founded": identity.year_founded,
        "current_season": identity.reference_season,
        "plan_seasons": ctx.seasons,
        "figures": {
            name: {"value": v.value, "unit": v.unit, "source": v.provenance(ctx.language)}
            for name, v in ctx.facts.figures.items()
        },
        "values": ctx.club.qualitative.values,
        "vision": ctx.club.qualitative.vision,
        "mission": ctx.club.qualitative.mission,
        "swot": ctx.club.qualitative.swot.model_dump(),
        "notes": ctx.club.qualitative.notes,
    }


def _objective_facts(ctx: PlanContext, area: Area) -> list[dict[str, Any]]:
    lang = ctx.language
    found = []
    for objective in ctx.selection.values():
        if objective.macro.area is not area:
            continue
        found.append(
            {
                "code": objective.code,
                "catalogue_title": objective.macro.title.get(lang),
                "catalogue_objective": objective.macro.objective.get(lang),
                "priority_year": objective.priority,
                "priority_reason": offline.objective_reason(objective, lang),
                "kpis": [
                    {
                        "name": k.name,
                        "unit": k.unit,
                        "baseline": k.baseline.value,
                        "baseline_source": k.baseline.provenance(lang),
                        "targets_y1_y3": [t.value for t in k.targets],
                    }
                    for k in objective.kpis
                ],
                "actions": [
                    {"code": a.code, "what": a.what, "deadline": a.deadline.isoformat()}
                    for a in objective.actions
                ],
                "budget_eur": [objective.budget.min_eur, objective.budget.max_eur],
            }
        )
    return found


def _examples(ctx: PlanContext, section: str) -> str:
    chosen = ctx.examples.get(section, [])[:MAX_EXAMPLES]
    if not chosen:
        return ""
    parts = []
    for example in chosen:
        text = json.dumps(example, ensure_ascii=False)
        parts.append(text[:EXAMPLE_CHAR_BUDGET])
    return (
        "Examples of this section from approved plans of similar clubs (style only; their "
        "figures belong to other clubs and must not be copied):\n" + "\n---\n".join(parts)
    )


# --- schemas ---------------------------------------------------------------------------

_TEXT = {"type": "string", "minLength": 1}


def _area_schema(area: Area) -> dict[str, Any]:
    codes = macro_codes(area)
    return {
        "type": "object",
        "properties": {
            "intro": _TEXT,
            "objectives": {
                "type": "array",
                "minItems": len(codes),
                "maxItems": len(codes),
                "items": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string", "enum": codes},
                        "title": _TEXT,
                        "objective": _TEXT,
                        "baseline": _TEXT,
                        "gap": _TEXT,
                    },
                    "required": ["code", "title", "objective", "baseline", "gap"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["intro", "objectives"],
        "additionalProperties": False,
    }


FINANCIAL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "commentary": _TEXT,
        "risks": {"type": "array", "items": _TEXT, "maxItems": 6},
    },
    "required": ["commentary", "risks"],
    "additionalProperties": False,
}

SUMMARY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "vision": _TEXT,
        "area_paragraphs": {
            "type": "object",
            "properties": {area.value: _TEXT for area in Area},
            "required": [area.value for area in Area],
            "additionalProperties": False,
        },
        "priorities": {
            "type": "array",
            "minItems": 5,
            "maxItems": 5,
            "items": {
                "type": "object",
                "properties": {
                    "code": {"type": "string", "enum": ALL_CODES},
                    "title": _TEXT,
                    "reason": _TEXT,
                },
                "required": ["code", "title", "reason"],
                "additionalProperties": False,
            },
        },
        "quick_wins": {"type": "array", "items": _TEXT, "minItems": 5, "maxItems": 5},
        "roadmap": {
            "type": "array",
            "minItems": 3,
            "maxItems": 3,
            "items": {
                "type": "object",
                "properties": {
                    "year": {"type": "integer", "minimum": 1, "maximum": 3},
                    "title": _TEXT,
                    "items": {"type": "array", "items": _TEXT, "maxItems": 12},
                },
                "required": ["year", "title", "items"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["vision", "area_paragraphs", "priorities", "quick_wins", "roadmap"],
    "additionalProperties": False,
}


def schema_for(agent: AgentName) -> dict[str, Any]:
    if agent in AGENT_AREAS:
        return _area_schema(AGENT_AREAS[agent])
    return FINANCIAL_SCHEMA if agent is AgentName.FINANCIAL else SUMMARY_SCHEMA


# --- prompts ---------------------------------------------------------------------------


def _system(agent: AgentName, language: Language) -> str:
    return (
        f"You are {ROLES[agent]} in a team writing a three-season strategic plan for an "
        f"Italian amateur sports club.\n{RULES}\n{_language_line(language)}"
    )


def _finance_facts(ctx: PlanContext) -> dict[str, Any]:
    model = ctx.finance
    return {
        "revenue_y0_y3": [float(v) for v in model.revenue],
        "running_costs_y0_y3": [float(v) for v in model.costs],
        "investments_y1_y3": [float(v) for v in model.investments],
        "result_y0_y3": [float(v) for v in model.net],
        "break_even_year": model.plan.break_even_year,
        "lines_to_be_collected": model.missing,
        "computed_risks": model.plan.risks,
        "kpis": [
            {
                "name": k.name,
                "unit": k.unit,
                "baseline": k.baseline.value,
                "targets_y1_y3": [t.value for t in k.targets],
            }
            for k in model.plan.kpis
        ],
    }


def request_for(
    agent: AgentName,
    ctx: PlanContext,
    prior: dict[AgentName, Any],
    settings: GenerationSettings,
    use_cache: bool = True,
) -> CompletionRequest:
    facts = _club_facts(ctx)
    if agent in AGENT_AREAS:
        area = AGENT_AREAS[agent]
        body = {
            "task": f"Write the {area.value} section: an introduction, then for each objective "
            "a club-specific title, the objective, the current situation (baseline) and the "
            "gap to close, using the figures given.",
            "club": facts,
            "objectives": _objective_facts(ctx, area),
        }
        section = area.value
    elif agent is AgentName.FINANCIAL:
        body = {
            "task": "Comment the computed financial model for the board: what the figures "
            "mean, the main risks and how the funding sources could help. Do not change "
            "or invent figures.",
            "club": facts,
            "model": _finance_facts(ctx),
        }
        section = "financial_plan"
    else:
        summaries = {
            name.value: (
                section.intro
                if isinstance(section, AreaSection)
                else getattr(section, "commentary", "")
            )
            for name, section in prior.items()
        }
        ranked = sorted(ctx.selection.values(), key=lambda o: (o.priority, o.code))
        body = {
            "task": "Write the executive summary: a three-year vision, one paragraph per "
            "area, the top 5 priorities as code, title and a reason of at most 15 words, "
            "5 quick wins doable within 6 months (from the listed actions), and a roadmap "
            "in three phases (year 1 set-up, year 2 development, year 3 consolidation).",
            "club": facts,
            "sections_written": summaries,
            "objectives_by_priority": [
                {
                    "code": o.code,
                    "title": o.macro.title.get(ctx.language),
                    "priority_year": o.priority,
                    "reason": offline.objective_reason(o, ctx.language),
                    "first_actions": [a.what for a in o.actions[:2]],
                }
                for o in ranked
            ],
        }
        section = "executive_summary"
    prompt = json.dumps(body, ensure_ascii=False, indent=1)
    examples = _examples(ctx, section)
    if examples:
        prompt += "\n\n" + examples
    return CompletionRequest(
        agent=agent.value,
        system=_system(agent, ctx.language),
        prompt=prompt,
        schema=schema_for(agent),
        settings=settings,
        use_cache=use_cache,
    )


# --- merging an answer into the computed plan ---------------------------------------------


def merge_area(ctx: PlanContext, area: Area, data: dict[str, Any]) -> tuple[AreaSection, list[str]]:
    base = offline.compose_area(ctx, area)
    written = {item.get("code"): item for item in data.get("objectives", [])}
    warnings = []
    objectives: list[MacroObjective] = []
    for objective in base.objectives:
        item = written.get(objective.code)
        if not item:
            warnings.append(
                f"{objective.code}: testo composto offline (l'agente non l'ha scritto)"
                if ctx.language is Language.IT
                else f"{objective.code}: offline text (the agent did not write it)"
            )
            objectives.append(objective)
            continue
        update = {
            key: item[key].strip()
            for key in ("title", "objective", "baseline", "gap")
            if isinstance(item.get(key), str) and item[key].strip()
        }
        objectives.append(objective.model_copy(update=update))
    intro = data.get("intro") if isinstance(data.get("intro"), str) else ""
    section = base.model_copy(
        update={"objectives": objectives, "intro": intro.strip() or base.intro}
    )
    return AreaSection.model_validate(section.model_dump()), warnings


def merge_financial(ctx: PlanContext, data: dict[str, Any]) -> tuple[FinancialPlan, list[str]]:
    base = offline.compose_financial(ctx)
    commentary = data.get("commentary")
    extra = [r.strip() for r in data.get("risks", []) if isinstance(r, str) and r.strip()]
    risks = base.risks + [r for r in extra if r not in base.risks]
    update: dict[str, Any] = {"risks": risks[:20]}
    if isinstance(commentary, str) and commentary.strip():
        update["commentary"] = commentary.strip()
    return base.model_copy(update=update), []


def merge_summary(
    ctx: PlanContext, areas: list[AreaSection], finance: FinancialPlan, data: dict[str, Any]
) -> tuple[ExecutiveSummary, list[str]]:
    base = offline.compose_summary(ctx, areas, finance)
    warnings: list[str] = []
    priorities = []
    for item in data.get("priorities", [])[:5]:
        code = item.get("code")
        if code not in ctx.selection:
            warnings.append(f"priority {code!r} ignored: not an objective code")
            continue
        words = str(item.get("reason", "")).split()[: offline.MAX_REASON_WORDS]
        priorities.append(
            Priority(
                code=code,
                title=str(item.get("title") or code).strip(),
                reason=" ".join(words) or base.priorities[0].reason,
            )
        )
    if len(priorities) < 5:
        known = {p.code for p in priorities}
        priorities += [p for p in base.priorities if p.code not in known][: 5 - len(priorities)]
    paragraphs = dict(base.area_paragraphs)
    for area in Area:
        text = (data.get("area_paragraphs") or {}).get(area.value)
        if isinstance(text, str) and text.strip():
            paragraphs[area] = text.strip()
    roadmap = [
        RoadmapPhase(
            year=int(phase["year"]),
            title=str(phase["title"]).strip(),
            items=[str(i).strip() for i in phase.get("items", []) if str(i).strip()],
        )
        for phase in data.get("roadmap", [])
        if isinstance(phase, dict) and phase.get("year") in (1, 2, 3) and phase.get("title")
    ] or base.roadmap
    quick = [str(q).strip() for q in data.get("quick_wins", []) if str(q).strip()][:5]
    vision = str(data.get("vision") or "").strip() or base.vision
    summary = base.model_copy(
        update={
            "vision": vision,
            "area_paragraphs": paragraphs,
            "priorities": priorities,
            "quick_wins": quick or base.quick_wins,
            "roadmap": sorted(roadmap, key=lambda p: p.year),
        }
    )
    return ExecutiveSummary.model_validate(summary.model_dump()), warnings
