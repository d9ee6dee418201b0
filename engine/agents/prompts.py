"""What the agents tell a language model: the role, the rules and the club's facts.

A model writes prose only. The numbers (priorities, KPI baselines and targets,
budgets, finance) come from ``engine.selection`` and ``engine.finance`` and are
given to the model as facts to explain; ``engine.agents.merge`` keeps them
whatever the model returns and drops any text that invents a figure. The facts
include the club's sport and its words, the board's own goals and problems and the
club's equipment, loans and facilities, so the model can write for this club.
"""

from __future__ import annotations

import json
from typing import Any

from engine.agents import offline
from engine.agents.context import PlanContext
from engine.domain.language import Language
from engine.domain.plan import Area
from engine.llm.base import CompletionRequest, GenerationSettings
from engine.selection import plan_end

EXAMPLE_CHAR_BUDGET = 6000  # ~1,500 tokens per example section
MAX_EXAMPLES = 2
MAX_FOREIGN_WORDS = 60
RULES = """Rules:
- Write for the club's board: concrete, specific to THIS club and its sport, no generic filler.
- Use the sport's own words given under "sport.words"; never use words listed under
  "sport.never_use" (they belong to other sports).
- Use ONLY the figures given below; never invent a number, a percentage or a name. A text
  with a figure that is not in the facts is discarded.
- Where a figure is missing write "dato da acquisire" (Italian) / "to be collected" (English).
- Every goal and problem of the board listed for an objective must be addressed in its text.
- No internal codes (SP1, MK4...) inside sentences; no placeholders such as [da calcolare],
  TODO, XXX or bracketed templates.
- Answer with one JSON object that matches the schema, nothing else."""


def language_line(language: Language) -> str:
    return (
        "Write every text in Italian."
        if language is Language.IT
        else "Write every text in English."
    )


def system_instruction(role: str, language: Language) -> str:
    return (
        f"You are {role} in a team writing a three-season strategic plan for an Italian "
        f"amateur sports club.\n{RULES}\n{language_line(language)}"
    )


def sport_facts(ctx: PlanContext) -> dict[str, Any]:
    sports = ctx.facts.club_sports
    lang = ctx.language
    own = sports.terms(lang)
    never = sorted(
        {
            term
            for profile in ctx.catalogue.sports.values()
            if profile not in sports.profiles
            for term in profile.terms.get(lang)
            if term.lower() not in own
        }
    )
    return {
        "sports": sports.label(lang),
        "words": sports.words(lang),
        "season_rhythm": [p.season.get(lang) for p in sports.profiles if p.season],
        "governing_bodies": [f"{b.acronym} ({b.name})" for b in sports.bodies()],
        "para_sport": sports.para or ctx.club.paralympic,
        "never_use": never[:MAX_FOREIGN_WORDS],
    }


def club_facts(ctx: PlanContext) -> dict[str, Any]:
    identity = ctx.club.identity
    club = ctx.club
    return {
        "name": identity.name,
        "legal_form": identity.legal_form.value,
        "town": f"{identity.city} ({identity.province}, {identity.region.value})",
        "sport": sport_facts(ctx),
        "affiliations": [f"{a.name} ({a.kind.value})" for a in identity.affiliations],
        "founded": identity.year_founded,
        "current_season": identity.reference_season,
        "plan_seasons": ctx.seasons,
        "plan_starts": ctx.first_season_start.isoformat(),
        "plan_ends": plan_end(identity.reference_season).isoformat(),
        "figures": {
            name: {"value": v.value, "unit": v.unit, "source": v.provenance(ctx.language)}
            for name, v in ctx.facts.figures.items()
        },
        "facilities": [
            {
                "name": f.name,
                "kind": f.kind,
                "ownership": f.ownership.value,
                "hours_per_week": f.hours_per_week,
                "concession_expiry": f.concession_expiry.isoformat()
                if f.concession_expiry
                else None,
            }
            for f in club.facilities
        ],
        "equipment": [e.model_dump(mode="json") for e in club.equipment],
        "loans": [loan.model_dump(mode="json") for loan in club.loans],
        "board_goals": [g.model_dump(mode="json") for g in club.board.goals],
        "board_problems": [p.model_dump(mode="json") for p in club.board.problems],
        "values": club.qualitative.values,
        "vision": club.qualitative.vision,
        "mission": club.qualitative.mission,
        "swot": club.qualitative.swot.model_dump(),
        "competitors": club.qualitative.competitors,
        "notes": club.qualitative.notes,
        "public_sources": [  # accepted by the user: quotable, with the page they come from
            {"fact": f.statement, "source": f.citation.title, "url": f.citation.url}
            for f in ctx.public_facts
        ],
    }


def objective_facts(ctx: PlanContext, area: Area) -> list[dict[str, Any]]:
    lang = ctx.language
    found = []
    drafts = {o.code: o for o in offline.compose_area(ctx, area).objectives}
    for objective in ctx.selection.values():
        if objective.macro.area is not area:
            continue
        composed = drafts[objective.code]
        found.append(
            {
                "code": objective.code,
                "title": objective.title,
                "objective": objective.objective,
                "situation_draft": composed.baseline,
                "gap_draft": composed.gap,
                "priority_year": objective.priority,
                "priority_reason": offline.objective_reason(objective, ctx),
                "answers": objective.answers(lang),
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
                    {
                        "code": a.code,
                        "what": a.what,
                        "owner_role": a.owner_role,
                        "deadline": a.deadline.isoformat(),
                    }
                    for a in objective.actions
                ],
                "budget_eur": [objective.budget.min_eur, objective.budget.max_eur],
                "budget_source": objective.budget.reference,
            }
        )
    return found


def finance_facts(ctx: PlanContext) -> dict[str, Any]:
    """The computed figures a commentary may quote (rows of the table, scenarios, risks)."""
    plan = ctx.finance.plan

    def figures(values: list) -> list[Any]:
        return [
            None
            if v is None or v.value is None
            else (v.value if v.high is None else [v.value, v.high])
            for v in values
        ]

    return {
        "seasons_y0_y3": list(ctx.finance.baseline.seasons),
        "rows_y0_y3": {row.label: figures(row.values) for row in plan.rows},
        "lines_y0_y3": {line.label: figures(line.values) for line in plan.lines},
        "break_even_year": plan.break_even_year,
        "costs_unknown_so_balance_cannot_be_judged": plan.unknown_lines,
        "scenarios_cash_y1_y3": {s.label: figures(s.cash) for s in plan.scenarios},
        "computed_conclusion": plan.commentary.split("\n\n")[2]
        if plan.commentary.count("\n\n") >= 2
        else plan.commentary,
        "computed_risks": plan.risks,
        "kpis": [
            {
                "name": k.name,
                "unit": k.unit,
                "baseline": k.baseline.value,
                "targets_y1_y3": [t.value for t in k.targets],
            }
            for k in plan.kpis
        ],
    }


def examples_text(ctx: PlanContext, section: str) -> str:
    chosen = ctx.examples.get(section, [])[:MAX_EXAMPLES]
    if not chosen:
        return ""
    parts = [json.dumps(example, ensure_ascii=False)[:EXAMPLE_CHAR_BUDGET] for example in chosen]
    return (
        "Examples of this section from approved plans of similar clubs (style only; their "
        "figures belong to other clubs and must not be copied):\n" + "\n---\n".join(parts)
    )


def build_request(
    *,
    agent: str,
    role: str,
    body: dict[str, Any],
    schema: dict[str, Any],
    section: str,
    ctx: PlanContext,
    settings: GenerationSettings,
    use_cache: bool,
) -> CompletionRequest:
    prompt = json.dumps(body, ensure_ascii=False, indent=1, default=str)
    examples = examples_text(ctx, section)
    if examples:
        prompt += "\n\n" + examples
    return CompletionRequest(
        agent=agent,
        system=system_instruction(role, ctx.language),
        prompt=prompt,
        schema=schema,
        settings=settings,
        use_cache=use_cache,
    )
