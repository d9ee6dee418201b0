"""Edited numbers never leave stale text (issue 14, point 7).

The president sets a KPI's baseline to 99 and its target to 130: the objective's
"Situazione attuale" and "Divario da colmare" must quote those numbers, not say
they are to be collected. Text the rules wrote is rebuilt; text a model or the
user wrote is flagged, and rebuilt only on request.
"""

from __future__ import annotations

import pytest

from engine.agents.writers import OfflineWriter
from engine.domain import Plan
from engine.domain.plan import MacroObjective
from engine.domain.sourced import USER_EDIT_REFERENCE, SourcedValue
from engine.edits import STALE_TEXT
from engine.service import Service, ServiceError
from tests.factories import example_club


def typed(value: float, unit: str = "%") -> SourcedValue:
    return SourcedValue(value=value, unit=unit, reference=USER_EDIT_REFERENCE)


def with_retention(objective: MacroObjective, baseline: float, final: float) -> MacroObjective:
    kpis = list(objective.kpis)
    index = next(i for i, k in enumerate(kpis) if k.name.startswith("Tasso di permanenza"))
    kpi = kpis[index]
    kpis[index] = kpi.model_copy(
        update={"baseline": typed(baseline), "targets": [typed(100), typed(115), typed(final)]}
    )
    return objective.model_copy(update={"kpis": kpis})


def sp2(plan: Plan) -> MacroObjective:
    return next(o for o in plan.objectives() if o.code == "SP2")


@pytest.fixture
def partial_plan(service: Service) -> int:
    club = example_club("polisportiva-piccola-dati-parziali")  # retention not given
    summary, _ = service.generate_plan(club, OfflineWriter(), emit=lambda e: None)
    return summary.id


def test_texts_the_rules_wrote_follow_the_edited_numbers(service: Service, partial_plan) -> None:
    before = sp2(service.get_plan(partial_plan).plan)
    assert "ancora da misurare: tasso di permanenza" in before.baseline
    assert "tasso di permanenza dei tesserati: prima si misura" in before.gap
    service.edit_objective(
        partial_plan, with_retention(before, 99, 130), reason="edited SP2", expected_version=1
    )
    after = sp2(service.get_plan(partial_plan).plan)
    assert "tasso di permanenza 99%" in after.baseline
    assert "ancora da misurare" not in after.baseline
    assert "tasso di permanenza dei tesserati da 99% a 130%" in after.gap
    assert "«Crescita della partecipazione» parte nella stagione" in after.gap  # the rest stays
    assert not [w for w in service.get_plan(partial_plan).plan.warnings if w.code == STALE_TEXT]


def test_a_text_typed_in_the_same_edit_is_the_users(service: Service, partial_plan) -> None:
    before = sp2(service.get_plan(partial_plan).plan)
    mine = with_retention(before, 99, 130).model_copy(update={"gap": "Il nostro divario."})
    service.edit_objective(partial_plan, mine, reason="edited SP2")
    after = sp2(service.get_plan(partial_plan).plan)
    assert after.gap == "Il nostro divario."
    assert "tasso di permanenza 99%" in after.baseline  # the untouched text still follows


def test_model_text_is_flagged_then_rewritten_on_request(service: Service, partial_plan) -> None:
    plan = service.get_plan(partial_plan).plan
    written = sp2(plan).model_copy(update={"baseline": "Testo del modello.", "gap": "Divario."})
    service.edit_objective(partial_plan, written, reason="model text")  # same numbers
    plan = service.get_plan(partial_plan).plan
    assert not [w for w in plan.warnings if w.code == STALE_TEXT]
    service.edit_objective(partial_plan, with_retention(sp2(plan), 99, 130), reason="numbers")
    plan = service.get_plan(partial_plan).plan
    assert sp2(plan).baseline == "Testo del modello."  # never replaced silently
    notes = [w for w in plan.warnings if w.code == STALE_TEXT]
    assert len(notes) == 1 and notes[0].section == "SP2" and "Aggiorna i testi" in notes[0].message
    version = service.rewrite_from_numbers(partial_plan, "SP2", reason="rewrite")
    plan = service.get_plan(partial_plan).plan
    assert version.number == 4
    assert "tasso di permanenza 99%" in sp2(plan).baseline
    assert "da 99% a 130%" in sp2(plan).gap
    assert not [w for w in plan.warnings if w.code == STALE_TEXT]
    assert sp2(service.get_plan(partial_plan, 3).plan).baseline == "Testo del modello."


def test_an_unknown_objective_is_a_clear_error(service: Service, partial_plan) -> None:
    other = sp2(service.get_plan(partial_plan).plan).model_copy(update={"code": "SP9"})
    with pytest.raises(ServiceError) as caught:
        service.edit_objective(partial_plan, other, reason="x")
    assert "SP9" in caught.value.message("it")
