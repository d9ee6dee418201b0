"""Tier 2: public facts with their sources, through the real SDK and the Gemini double.

The research agent asks a search-grounded model for facts about the club's context.
A fact enters the plan only when a grounding chunk supports its statement ("no
citation, no fact"); the user then accepts or rejects each one.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from engine.agents.writers import OfflineWriter
from engine.cli import run
from engine.domain import ClubProfile
from engine.domain.research import FactStatus, ResearchKind
from engine.export.compose import build_document
from engine.llm.base import Grounding, GroundingSupport
from engine.providers import make_writer
from engine.research import facts_from, questionnaire_urls
from engine.service import Service, ServiceError
from tests.doubles.gemini_double import GeminiDouble, Reply, prompt_text
from tests.engine.test_engine_llm import gemini
from tests.factories import club_dict, example_club

ISTAT = ("https://demo.istat.it/app/?i=POS&l=it", "ISTAT - Popolazione residente al 1 gennaio")
CALL = (
    "https://www.regione.lombardia.it/bandi/sport-impianti-2027",
    "Regione Lombardia - Bando impianti sportivi 2027",
)
POPULATION = "Seregno conta 45.131 residenti al 1° gennaio 2026 secondo l'ISTAT."
FUNDING = (
    "Il bando regionale per l'impiantistica sportiva 2027 concede da 20.000 a 150.000 euro "
    "e chiude il 31 marzo 2027."
)
INVENTED = "A Seregno ci sono circa 30 società di calcio entro 20 km."

ANSWER = {
    "facts": [
        {
            "kind": "municipality_population",
            "statement": POPULATION,
            "value": 45131,
            "high": None,
            "deadline": None,
        },
        {
            "kind": "funding_call",
            "statement": FUNDING,
            "value": 20000,
            "high": 150000,
            "deadline": "2027-03-31",
        },
        {
            "kind": "nearby_clubs",
            "statement": INVENTED,
            "value": 30,
            "high": None,
            "deadline": None,
        },
    ]
}


def grounded_answer() -> Reply:
    """Two statements backed by pages; the third has no supporting segment."""
    return Reply.grounded(
        ANSWER,
        sources=[ISTAT, CALL],
        supported={POPULATION: [0], FUNDING[:60]: [1], FUNDING[60:]: [1]},
        queries=["popolazione Seregno ISTAT 2026", "bando impianti sportivi Lombardia 2027"],
    )


def test_only_supported_facts_enter_the_plan_with_their_citation(
    double: GeminiDouble, service: Service
) -> None:
    double.research(grounded_answer())
    writer = make_writer(gemini(double), service.db)
    summary, result = service.generate_plan(example_club(), writer, emit=lambda e: None)
    research = service.get_plan(summary.id).plan.research
    assert research.searched and research.discarded == 1  # the invented count is gone
    assert research.queries[0] == "popolazione Seregno ISTAT 2026"
    population, call = research.facts
    assert population.kind is ResearchKind.POPULATION and population.value == 45131
    assert population.citation.url == ISTAT[0] and population.citation.title == ISTAT[1]
    assert population.citation.supporting_text == POPULATION
    assert population.citation.retrieved == dt.date.today()
    assert (call.value, call.high, call.deadline) == (20000, 150000, dt.date(2027, 3, 31))
    assert call.citation.url == CALL[0]
    assert {f.status for f in research.facts} == {FactStatus.PROPOSED}  # the user decides
    # One grounded request, sent with the search tool and structured output together.
    (request,) = double.grounded_requests()
    body = request.body
    assert body["tools"] == [{"googleSearch": {}}]
    assert body["generationConfig"]["responseMimeType"] == "application/json"
    assert result.research is not None and result.research.grounded_requests == 1


def test_pages_the_club_quoted_are_read_with_url_context(
    double: GeminiDouble, service: Service, tmp_path
) -> None:
    data = club_dict()
    data["board"]["goals"][0]["text"] = (
        "Partecipare al bando https://www.comune.seregno.mb.it/bando-sport-2027 per la tribuna"
    )
    club = ClubProfile.model_validate_json(json.dumps(data))
    assert questionnaire_urls(club) == ["https://www.comune.seregno.mb.it/bando-sport-2027"]
    writer = make_writer(gemini(double), service.db)
    service.generate_plan(club, writer, emit=lambda e: None)
    (request,) = double.grounded_requests()
    assert {"urlContext": {}} in request.body["tools"]
    assert "https://www.comune.seregno.mb.it/bando-sport-2027" in str(request.body["contents"])


def test_a_failed_search_never_sinks_the_plan(double: GeminiDouble, service: Service) -> None:
    double.research(always=Reply.unavailable())
    writer = make_writer(gemini(double), service.db)
    summary, _ = service.generate_plan(example_club(), writer, emit=lambda e: None)
    plan = service.get_plan(summary.id).plan
    assert plan.failed_sections() == []
    assert not plan.research.searched and "la ricerca non è riuscita" in plan.research.reason


def test_offline_and_switched_off_say_tier_2_was_not_searched(
    double: GeminiDouble, service: Service
) -> None:
    summary, _ = service.generate_plan(example_club(), OfflineWriter(), emit=lambda e: None)
    offline = service.get_plan(summary.id).plan.research
    assert not offline.searched and "compositore offline" in offline.reason
    writer = make_writer(gemini(double, research=False), service.db)
    summary, _ = service.generate_plan(
        example_club("nuoto-piscina-comunale-asd"), writer, emit=lambda e: None
    )
    off = service.get_plan(summary.id).plan.research
    assert not off.searched and "disattivata" in off.reason
    assert double.grounded_requests() == []


def test_support_must_cover_the_statement_and_name_a_page() -> None:
    text = '{"facts": [{"kind": "league_fees", "statement": "La tassa di iscrizione è 500 euro."}]}'
    start = text.encode().find(b"La tassa")
    end = start + len("La tassa di iscrizione è 500 euro.".encode())
    item = {"kind": "league_fees", "statement": "La tassa di iscrizione è 500 euro.", "value": 500}
    data = {"facts": [item]}
    page = [("https://www.figc.it/tasse", "FIGC - Tasse")]
    today = dt.date(2026, 12, 6)
    no_pages = Grounding(page, [GroundingSupport(start, end, "x", ())])
    assert facts_from(data, text, no_pages, today) == ([], 1)
    sliver = Grounding(page, [GroundingSupport(start, start + 5, "La t", (0,))])
    assert facts_from(data, text, sliver, today) == ([], 1)
    whole = Grounding(page, [GroundingSupport(start, end, item["statement"], (0,))])
    facts, discarded = facts_from(data, text, whole, today)
    assert discarded == 0 and facts[0].value == 500 and facts[0].unit == "EUR"


def researched_plan(double: GeminiDouble, service: Service) -> int:
    double.research(grounded_answer())
    writer = make_writer(gemini(double), service.db)
    summary, _ = service.generate_plan(example_club(), writer, emit=lambda e: None)
    return summary.id


def test_accepted_facts_feed_the_plan_and_rejecting_takes_them_back(
    double: GeminiDouble, service: Service
) -> None:
    plan_id = researched_plan(double, service)
    before = service.get_plan(plan_id).plan
    assert not [s for s in before.financial_plan.funding_sources if "Bando" in s.name]
    service.review_research(
        plan_id, {"f1": FactStatus.ACCEPTED, "f2": FactStatus.ACCEPTED}, expected_version=1
    )
    plan = service.get_plan(plan_id).plan
    # The club gave its own population (ISTAT, in the file): the club's figure wins.
    assert (
        plan.club.identity.municipality_population == before.club.identity.municipality_population
    )
    option = next(s for s in plan.financial_plan.funding_sources if s.name == CALL[1])
    assert option.amount.value == 20000 and option.amount.high == 150000
    assert option.amount.tier.value == "research" and CALL[0] in option.amount.reference
    assert "31/03/2027" in option.detail and CALL[0] in option.detail
    document = build_document(plan)
    text = str(next(s for s in document.sections if s.id == "sec-methodology"))
    assert CALL[0] in text and ISTAT[0] in text and "Fonti pubbliche trovate" in text
    service.review_research(plan_id, {"f2": FactStatus.REJECTED, "f1": FactStatus.REJECTED})
    plan = service.get_plan(plan_id).plan
    assert not [s for s in plan.financial_plan.funding_sources if s.name == CALL[1]]
    assert "nessuno è stato ancora accettato" in str(build_document(plan).sections[-2])
    with pytest.raises(ServiceError) as caught:
        service.review_research(plan_id, {"f9": FactStatus.ACCEPTED})
    assert "f9" in caught.value.message("it")


def test_a_researched_population_fills_the_gap_the_club_left(
    double: GeminiDouble, service: Service
) -> None:
    data = club_dict()
    data["identity"].pop("municipality_population", None)
    club = ClubProfile.model_validate_json(json.dumps(data))
    double.research(grounded_answer())
    writer = make_writer(gemini(double), service.db)
    summary, _ = service.generate_plan(club, writer, emit=lambda e: None)
    service.review_research(summary.id, {"f1": FactStatus.ACCEPTED})
    population = service.get_plan(summary.id).plan.club.identity.municipality_population
    assert population.value == 45131 and population.tier.value == "research"
    assert ISTAT[0] in population.reference


def cli_run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_the_cli_lists_accepts_and_rejects_facts(
    double: GeminiDouble, service: Service, home
) -> None:
    plan_id = str(researched_plan(double, service))
    code, out, _ = cli_run("research", plan_id, "--home", str(home))
    assert code == 0 and "f1  [da rivedere]  Popolazione del comune: 45.131 abitanti" in out
    assert ISTAT[0] in out and "1 fatto scartato" in out
    code, out, _ = cli_run(
        "--home", str(home), "research", plan_id, "--accept", "all", "--reject", "f1", "--json"
    )
    assert code == 0
    data = json.loads(out[out.index("{") :])
    assert [f["status"] for f in data["facts"]] == ["rejected", "accepted"]


def test_the_agents_quote_accepted_facts_when_a_section_is_rewritten(
    double: GeminiDouble, service: Service
) -> None:
    plan_id = researched_plan(double, service)
    service.review_research(plan_id, {"f2": FactStatus.ACCEPTED, "f1": FactStatus.REJECTED})
    before = len(double.generate_requests())
    writer = make_writer(gemini(double), service.db)
    service.regenerate_section(plan_id, "infrastructure", writer, emit=lambda e: None)
    prompts = [prompt_text(r.body) for r in double.generate_requests()[before:]]
    assert prompts and all(CALL[0] in p for p in prompts)  # the accepted call, with its page
    assert not any(POPULATION in p for p in prompts)  # the rejected fact is nowhere
    assert len(double.grounded_requests()) == 1  # a rewrite does not search again
