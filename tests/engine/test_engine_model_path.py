"""The model path, through the real google-genai SDK against the Gemini double.

A model may reword every action for the club and propose up to three actions per
objective, but it may not invent a figure, name an owner the plan does not know, or
set a deadline outside the three seasons: those answers are refused with a note, and
the computed text stays.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator

import pytest

from engine.agents.context import build_context
from engine.agents.registry import AgentName
from engine.agents.specs import SPECS
from engine.domain import Area, load_club_file
from engine.generation import generate
from engine.llm.base import GenerationSettings
from engine.llm.schema import validate
from engine.providers import ProviderChoice, make_writer
from tests.doubles.gemini_double import GeminiDouble, Reply
from tests.engine.agent_replies import MODEL_MARK, payload_for, role_marker
from tests.factories import EXAMPLES

ROWING = EXAMPLES / "canottaggio-lago-asd.json"


@pytest.fixture
def club():
    return load_club_file(ROWING)


@pytest.fixture
def gemini(api_key: str) -> Iterator[GeminiDouble]:
    with GeminiDouble() as server:
        yield server


def writer_for(server: GeminiDouble):
    settings = {
        "gemini_base_url": server.base_url,
        "requests_per_minute": 6000,
        "max_concurrent": 8,
        "max_attempts": 1,
    }
    return make_writer(ProviderChoice("gemini", use_cache=False, settings=settings))


def infrastructure_answer(ctx) -> dict:
    """What a careful model answers for the rowing club's facilities (a valid base)."""
    answer = copy.deepcopy(payload_for(AgentName.INFRASTRUCTURE, ctx))
    st1 = next(o for o in answer["objectives"] if o["code"] == "ST1")
    first = st1["actions"][0]["code"]
    st1["actions"][0]["what"] = (
        "Rivedere con il costruttore lo stato degli scafi più vecchi prima di ordinare le due "
        "imbarcazioni nuove."
    )
    st1["extra_actions"] = [
        {
            "what": "Chiedere ai soci master di adottare una barca e seguirne la manutenzione.",
            "owner_role": "Responsabile impianti",
            "deadline": "2028-03-31",
        },
        {
            "what": "Vendere i due scafi in legno a un museo della nautica.",
            "owner_role": "Capitano della flotta",  # not a role the plan knows
            "deadline": "2028-03-31",
        },
        {
            "what": "Organizzare una giornata di pulizia della darsena con i ragazzi.",
            "owner_role": "Responsabile impianti",
            "deadline": "2031-06-30",  # after the plan ends
        },
    ]
    return {"answer": answer, "reworded": first}


def test_the_answer_schema_comes_from_the_pydantic_model(club) -> None:
    ctx = build_context(club)
    spec = SPECS[AgentName.INFRASTRUCTURE]
    request, allowed = spec.request(ctx, {}, GenerationSettings(model="m"))
    schema = request.schema
    item = schema["properties"]["objectives"]["items"]
    assert item["properties"]["code"]["enum"] == ["ST1", "ST2"]
    assert (
        "extra_actions" in item["required"] and item["properties"]["extra_actions"]["maxItems"] == 3
    )
    assert "$ref" not in str(schema)
    assert validate(payload_for(AgentName.INFRASTRUCTURE, ctx), schema) == []
    assert 38400.0 in allowed  # the mortgage's outstanding debt is a figure it was given


def test_extra_actions_are_accepted_within_the_rules(gemini: GeminiDouble, club) -> None:
    ctx = build_context(club)
    scripted = infrastructure_answer(ctx)
    for agent in AgentName:
        reply = scripted["answer"] if agent is AgentName.INFRASTRUCTURE else payload_for(agent, ctx)
        gemini.always(Reply.ok(reply), match=role_marker(agent))
    result = generate(club, writer_for(gemini), emit=lambda e: None)
    plan = result.plan
    st1 = next(o for o in plan.area(Area.INFRASTRUCTURE).objectives if o.code == "ST1")
    reworded = next(a for a in st1.actions if a.code == scripted["reworded"])
    assert reworded.what.startswith("Rivedere con il costruttore")
    assert not reworded.proposed_by_model  # a computed action keeps its owner and deadline
    proposed = [a for a in st1.actions if a.proposed_by_model]
    assert [a.what for a in proposed] == [
        "Chiedere ai soci master di adottare una barca e seguirne la manutenzione."
    ]
    assert proposed[0].deadline == dt.date(2028, 3, 31)
    assert len({a.code for a in st1.actions}) == len(st1.actions)
    notes = " ".join(w.message for w in plan.warnings)
    assert "Capitano della flotta" in notes and "2031-06-30" in notes


def test_a_number_invented_by_the_model_is_rejected(gemini: GeminiDouble, club) -> None:
    ctx = build_context(club)
    answer = copy.deepcopy(payload_for(AgentName.INFRASTRUCTURE, ctx))
    st1 = next(o for o in answer["objectives"] if o["code"] == "ST1")
    computed_gap = next(o for o in ctx.selection.values() if o.code == "ST1")
    st1["gap"] = "Servono 7 imbarcazioni nuove e un budget di 95.000 euro."
    st1["extra_actions"] = [
        {
            "what": "Raccogliere 12.345 euro con una cena sociale.",
            "owner_role": "Responsabile impianti",
            "deadline": "2028-03-31",
        }
    ]
    for agent in AgentName:
        reply = answer if agent is AgentName.INFRASTRUCTURE else payload_for(agent, ctx)
        gemini.always(Reply.ok(reply), match=role_marker(agent))
    plan = generate(club, writer_for(gemini), emit=lambda e: None).plan
    written = next(o for o in plan.area(Area.INFRASTRUCTURE).objectives if o.code == "ST1")
    assert "95.000" not in written.gap and "Traguardi per la stagione" in written.gap
    assert not any(a.proposed_by_model for a in written.actions)
    assert computed_gap.budget == written.budget  # numbers never come from the model
    notes = " ".join(w.message for w in plan.warnings)
    assert "95.000" in notes and "12.345" in notes


def test_a_model_commentary_keeps_the_computed_conclusion(gemini: GeminiDouble, club) -> None:
    """A model may word the finances, not decide whether the plan balances."""
    ctx = build_context(club)
    for agent in AgentName:
        gemini.always(Reply.ok(payload_for(agent, ctx)), match=role_marker(agent))
    plan = generate(club, writer_for(gemini), emit=lambda e: None).plan
    commentary = plan.financial_plan.commentary
    assert commentary.startswith(f"{MODEL_MARK} Il bilancio regge.")
    # the rowing club's cash goes below zero: the computed verdict closes the text
    assert commentary.rstrip().endswith("vedete le fonti di finanziamento.")
    assert "è negativo nel 2027/28" in commentary
    assert plan.financial_plan.row("cash").values[3].value < 0
