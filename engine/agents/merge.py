"""How a model's answer joins the computed plan: words in, numbers kept, inventions out.

The model may reword every text of an objective and its actions for the club, and
propose up to three extra actions per objective. The merge keeps the computed
skeleton (codes, priorities, KPIs, budgets, owners and deadlines of computed
actions) whatever the model returns, and refuses, with a note the user sees:
- any text with a number the request never gave (``guard``): the computed text stays;
- an extra action whose owner is not a known role, whose deadline falls outside the
  plan, or that invents a figure.
Anything the model omits is filled from the offline composer, with a note.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from engine.agents import offline
from engine.agents.answers import AreaAnswer, FinancialAnswer, SummaryAnswer
from engine.agents.context import PlanContext
from engine.agents.guard import invented
from engine.agents.texts import pick
from engine.domain.language import Language
from engine.domain.plan import (
    Action,
    Area,
    AreaSection,
    ExecutiveSummary,
    FinancialPlan,
    MacroObjective,
    Priority,
    RoadmapPhase,
)
from engine.finance.words import conclusion
from engine.selection import plan_end


class Notes:
    """The notes a merge leaves for the user, in the plan's language."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self.items: list[str] = []

    def add(self, italian: str, english: str) -> None:
        self.items.append(pick(self.language, italian, english))


def _clean(text: str | None, allowed: set[float], where: str, notes: Notes) -> str | None:
    """The model's text, or None when empty or when it invents a number."""
    if not isinstance(text, str) or not text.strip():
        return None
    extra = invented(text, allowed)
    if extra:
        notes.add(
            f"{where}: il modello ha scritto numeri che non sono nei dati ({', '.join(extra)}); "
            "resta il testo calcolato.",
            f"{where}: the model wrote figures that are not in the data ({', '.join(extra)}); "
            "the computed text stays.",
        )
        return None
    return " ".join(text.split())


def known_owners(ctx: PlanContext) -> list[str]:
    """Owner roles an extra action may name: the catalogue's, in the plan's language."""
    lang = ctx.language
    owners = {macro.owner_role.get(lang) for macro in ctx.catalogue.objectives}
    owners |= {
        m.owner.get(lang) for macro in ctx.catalogue.objectives for m in macro.micro if m.owner
    }
    owners.add(pick(lang, "Consiglio direttivo", "Board"))
    return sorted(owners)


def _extra_actions(
    ctx: PlanContext,
    objective: MacroObjective,
    proposals: list[Any],
    allowed: set[float],
    notes: Notes,
) -> list[Action]:
    owners = set(known_owners(ctx))
    start, end = ctx.first_season_start, plan_end(ctx.club.identity.reference_season)
    used = {int(a.code.split(".")[1]) for a in objective.actions}
    number = max(used | {0}) + 1
    accepted: list[Action] = []
    for proposal in proposals[:3]:
        where = f"{objective.code} ({pick(ctx.language, 'azione proposta', 'proposed action')})"
        text = _clean(proposal.what, allowed, where, notes)
        if text is None:
            continue
        if proposal.owner_role not in owners:
            notes.add(
                f"{where}: responsabile «{proposal.owner_role}» non previsto; azione scartata.",
                f"{where}: owner “{proposal.owner_role}” is not a known role; action dropped.",
            )
            continue
        try:
            deadline = dt.date.fromisoformat(proposal.deadline)
        except ValueError:
            deadline = None
        if deadline is None or not start <= deadline <= end:
            notes.add(
                f"{where}: scadenza {proposal.deadline} fuori dalle tre stagioni; azione scartata.",
                f"{where}: deadline {proposal.deadline} outside the three seasons; action dropped.",
            )
            continue
        while number in used:
            number += 1
        used.add(number)
        accepted.append(
            Action(
                code=f"{objective.code}.{number}",
                what=text,
                owner_role=proposal.owner_role,
                deadline=deadline,
                proposed_by_model=True,
            )
        )
    return accepted


def merge_area(
    ctx: PlanContext, area: Area, data: dict[str, Any], allowed: set[float]
) -> tuple[AreaSection, list[str]]:
    base = offline.compose_area(ctx, area)
    notes = Notes(ctx.language)
    try:
        answer = AreaAnswer.model_validate(data)
    except ValidationError:
        notes.add(
            "risposta del modello non conforme: sezione composta offline.",
            "the model's answer did not fit: section composed offline.",
        )
        return base, notes.items
    written = {item.code: item for item in answer.objectives}
    objectives: list[MacroObjective] = []
    for objective in base.objectives:
        item = written.get(objective.code)
        if item is None:
            notes.add(
                f"{objective.code}: testo composto offline (l'agente non l'ha scritto)",
                f"{objective.code}: offline text (the agent did not write it)",
            )
            objectives.append(objective)
            continue
        update: dict[str, Any] = {}
        for key in ("title", "objective", "baseline", "gap"):
            text = _clean(getattr(item, key), allowed, f"{objective.code} ({key})", notes)
            if text:
                update[key] = text
        reworded = {a.code: a.what for a in item.actions}
        actions = []
        for action in objective.actions:
            text = _clean(reworded.get(action.code), allowed, action.code, notes)
            actions.append(action.model_copy(update={"what": text}) if text else action)
        actions += _extra_actions(ctx, objective, item.extra_actions, allowed, notes)
        update["actions"] = sorted(actions, key=lambda a: (a.deadline, a.code))
        objectives.append(objective.model_copy(update=update))
    intro = _clean(answer.intro, allowed, pick(ctx.language, "introduzione", "introduction"), notes)
    section = base.model_copy(update={"objectives": objectives, "intro": intro or base.intro})
    return AreaSection.model_validate(section.model_dump()), notes.items


def merge_financial(
    ctx: PlanContext, data: dict[str, Any], allowed: set[float]
) -> tuple[FinancialPlan, list[str]]:
    base = offline.compose_financial(ctx)
    notes = Notes(ctx.language)
    try:
        answer = FinancialAnswer.model_validate(data)
    except ValidationError:
        return base, [pick(ctx.language, "commento composto offline.", "offline commentary.")]
    commentary = _clean(
        answer.commentary, allowed, pick(ctx.language, "commento", "commentary"), notes
    )
    risks = [
        text
        for risk in answer.risks
        if (text := _clean(risk, allowed, pick(ctx.language, "rischio", "risk"), notes))
    ]
    update: dict[str, Any] = {
        "risks": (base.risks + [r for r in risks if r not in base.risks])[:20]
    }
    if commentary:
        # The computed conclusion always closes the text: a model may word the figures, but
        # whether the plan balances (or cannot be judged) is the model's arithmetic, not its.
        model = ctx.finance
        verdict = conclusion(model.projection, model.baseline, ctx.language)
        update["commentary"] = f"{commentary.rstrip()}\n\n{verdict}"
    return base.model_copy(update=update), notes.items


def merge_summary(
    ctx: PlanContext,
    areas: list[AreaSection],
    finance: FinancialPlan,
    data: dict[str, Any],
    allowed: set[float],
) -> tuple[ExecutiveSummary, list[str]]:
    base = offline.compose_summary(ctx, areas, finance)
    notes = Notes(ctx.language)
    try:
        answer = SummaryAnswer.model_validate(data)
    except ValidationError:
        return base, [pick(ctx.language, "sintesi composta offline.", "offline summary.")]
    priorities = []
    for item in answer.priorities:
        if item.code not in ctx.selection:
            notes.add(f"priorità {item.code} ignorata", f"priority {item.code} ignored")
            continue
        reason = _clean(item.reason, allowed, item.code, notes)
        words = (reason or "").split()[: offline.MAX_REASON_WORDS]
        priorities.append(
            Priority(
                code=item.code,
                title=ctx.selection[item.code].title,
                reason=" ".join(words) or offline.objective_reason(ctx.selection[item.code], ctx),
            )
        )
    known = {p.code for p in priorities}
    priorities += [p for p in base.priorities if p.code not in known][: 5 - len(priorities)]
    paragraphs = dict(base.area_paragraphs)
    for area in Area:
        text = _clean(
            getattr(answer.area_paragraphs, area.value), allowed, area.label(ctx.language), notes
        )
        if text:
            paragraphs[area] = text
    roadmap = [
        RoadmapPhase(
            year=phase.year,
            title=phase.title.strip(),
            items=[i.strip() for i in phase.items if i.strip()],
        )
        for phase in answer.roadmap
        if not invented(" ".join([phase.title, *phase.items]), allowed)
    ]
    if len({p.year for p in roadmap}) != 3:
        roadmap = base.roadmap
    quick = [
        text
        for q in answer.quick_wins
        if (text := _clean(q, allowed, pick(ctx.language, "risultato rapido", "quick win"), notes))
    ]
    vision = _clean(answer.vision, allowed, pick(ctx.language, "visione", "vision"), notes)
    summary = base.model_copy(
        update={
            "vision": vision or base.vision,
            "area_paragraphs": paragraphs,
            "priorities": priorities[:5],
            "quick_wins": quick[:5] or base.quick_wins,
            "roadmap": sorted(roadmap, key=lambda p: p.year),
        }
    )
    return ExecutiveSummary.model_validate(summary.model_dump()), notes.items
