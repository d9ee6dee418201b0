"""Edit rules: text that the numbers feed follows the numbers the user typed.

An objective's "Situazione attuale" and "Divario da colmare" quote its KPIs. When
the user edits a KPI, a text that is still the rules' own (it equals what the
rules wrote from the old numbers) is rebuilt from the new numbers. A text written
by a model or by the user cannot be rebuilt silently: the objective is marked
with a review note, and ``rewrite_from_numbers`` rebuilds it on request (the
earlier text stays in the version history).
"""

from __future__ import annotations

import dataclasses
import threading

from engine.agents import offline
from engine.agents.context import PlanContext, build_context
from engine.domain.language import Language
from engine.domain.plan import (
    KPI,
    MacroObjective,
    Plan,
    PlanWarning,
    SectionStatus,
    Severity,
)
from engine.domain.sourced import SourcedValue
from engine.selection import SelectedObjective

STALE_TEXT = "stale_text"
TEXT_FIELDS = ("baseline", "gap")


def _figure_overrides(selected: SelectedObjective, kpis: list[KPI]) -> dict[str, SourcedValue]:
    """The club figures the edited KPIs now give: a baseline typed over a figure's value."""
    templates = {kpi.key: kpi for kpi in selected.macro.kpis}
    by_name = {kpi.name: kpi for kpi in kpis}
    overrides = {}
    for computed, key in zip(selected.kpis, selected.kpi_keys, strict=False):
        template = templates.get(key)
        edited = by_name.get(computed.name)
        if template is None or template.baseline is None or edited is None:
            continue
        if edited.baseline != computed.baseline:
            overrides[template.baseline] = edited.baseline
    return overrides


def _texts(ctx: PlanContext, selected: SelectedObjective, kpis: list[KPI]) -> dict[str, str]:
    """What the rules write for this objective with these KPIs."""
    overrides = _figure_overrides(selected, kpis)
    local = ctx
    if overrides:
        local = dataclasses.replace(
            ctx,
            facts=ctx.facts.with_figures(overrides),
            _memo={},
            _memo_lock=threading.Lock(),
        )
    chosen = dataclasses.replace(selected, kpis=kpis)
    return {"baseline": offline.situation(local, chosen), "gap": offline.gap(local, chosen)}


def _stale_note(objective: MacroObjective, language: Language) -> PlanWarning:
    message = (
        f"{objective.code}: i numeri degli indicatori sono cambiati, ma «Situazione attuale» o "
        "«Divario da colmare» sono stati scritti dal modello o da voi. Rileggeteli, oppure "
        "usate «Aggiorna i testi dai numeri»."
        if language is Language.IT
        else f"{objective.code}: the indicators' numbers changed, but “Current situation” or "
        "“Gap” were written by the model or by you. Read them again, or use “Update the "
        "texts from the numbers”."
    )
    return PlanWarning(
        code=STALE_TEXT, severity=Severity.WARNING, section=objective.code, message=message
    )


def _with_note(plan: Plan, code: str, note: PlanWarning | None) -> list[PlanWarning]:
    kept = [w for w in plan.warnings if not (w.code == STALE_TEXT and w.section == code)]
    return kept + ([note] if note else [])


def edit_objective(plan: Plan, objective: MacroObjective, ctx: PlanContext | None = None) -> Plan:
    """The plan with ``objective`` replacing its namesake, its number-fed texts kept true."""
    old = next(o for o in plan.objectives() if o.code == objective.code)
    note: PlanWarning | None = None
    stale_before = any(w.code == STALE_TEXT and w.section == objective.code for w in plan.warnings)
    if old.kpis != objective.kpis:
        ctx = ctx or build_context(plan.club, plan.language)
        selected = ctx.selection.get(objective.code)
        before = _texts(ctx, selected, old.kpis) if selected else {}
        after = _texts(ctx, selected, objective.kpis) if selected else {}
        update = {}
        stale = selected is None
        for name in TEXT_FIELDS:
            if getattr(objective, name) != getattr(old, name):
                continue  # rewritten by the user in this very edit: theirs
            if selected and getattr(old, name) == before[name]:
                update[name] = after[name]
            elif not selected or before[name] != after[name]:
                stale = True
        objective = objective.model_copy(update=update)
        note = _stale_note(objective, plan.language) if stale else None
    elif stale_before:  # numbers unchanged: an earlier note stands unless the texts changed
        texts_changed = any(getattr(objective, n) != getattr(old, n) for n in TEXT_FIELDS)
        note = None if texts_changed else _stale_note(objective, plan.language)
    return _replace(plan, objective, _with_note(plan, objective.code, note))


def rewrite_from_numbers(plan: Plan, code: str, ctx: PlanContext | None = None) -> Plan:
    """Rebuild an objective's situation and gap from its current numbers (on request)."""
    objective = next(o for o in plan.objectives() if o.code == code)
    ctx = ctx or build_context(plan.club, plan.language)
    selected = ctx.selection.get(code)
    if selected is None:
        raise KeyError(code)
    texts = _texts(ctx, selected, objective.kpis)
    return _replace(plan, objective.model_copy(update=texts), _with_note(plan, code, None))


def _replace(plan: Plan, objective: MacroObjective, warnings: list[PlanWarning]) -> Plan:
    areas = []
    for section in plan.areas:
        objectives = [objective if o.code == objective.code else o for o in section.objectives]
        if objectives != section.objectives:
            section = section.model_copy(
                update={"objectives": objectives, "status": SectionStatus.EDITED}
            )
        areas.append(section)
    return plan.model_copy(update={"areas": areas, "warnings": warnings})
