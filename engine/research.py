"""The research agent: a few public facts about the club's context, each with its source.

One call to a search-grounded model (Google Search, plus URL context when the
questionnaire quotes web pages) with structured output asks for the municipality's
population, the clubs of the same sport within about 20 km, the open funding calls
that fit the board's goals, and the league fees for the club's level. The answer's
``groundingMetadata`` says which spans of the text which pages support: a fact whose
statement no page supports is discarded. No citation, no fact.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
from dataclasses import dataclass, field

from engine.domain.club import ClubProfile
from engine.domain.language import Language
from engine.domain.research import Citation, Research, ResearchFact, ResearchKind
from engine.llm.base import (
    CancelToken,
    CompletionRequest,
    GenerationSettings,
    Grounding,
    LLMClient,
    Usage,
)

log = logging.getLogger(__name__)

MAX_FACTS = 12
MIN_SUPPORTED_SHARE = 0.5  # a fact is supported when pages back half its statement or more
URL_PATTERN = re.compile(r"https?://[^\s<>\"')\]]+")
UNITS = {
    ResearchKind.POPULATION: "abitanti",
    ResearchKind.NEARBY_CLUBS: "n",
    ResearchKind.FUNDING_CALL: "EUR",
    ResearchKind.LEAGUE_FEES: "EUR",
}

SCHEMA = {
    "type": "object",
    "properties": {
        "facts": {
            "type": "array",
            "maxItems": MAX_FACTS,
            "items": {
                "type": "object",
                "properties": {
                    "kind": {"type": "string", "enum": [kind.value for kind in ResearchKind]},
                    "statement": {"type": "string", "minLength": 10, "maxLength": 600},
                    "value": {"type": ["number", "null"]},
                    "high": {"type": ["number", "null"]},
                    "deadline": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                },
                "required": ["kind", "statement", "value", "high", "deadline"],
            },
        }
    },
    "required": ["facts"],
}


@dataclass
class ResearchOutcome:
    research: Research
    usage: Usage = field(default_factory=Usage)
    grounded_requests: int = 0
    duration_ms: int = 0


def not_searched(reason_it: str, reason_en: str, language: Language) -> Research:
    """Tier 2 was not searched: the plan says why (offline provider, setting off, failure)."""
    return Research(searched=False, reason=reason_it if language is Language.IT else reason_en)


def questionnaire_urls(club: ClubProfile) -> list[str]:
    """Web pages the board quoted (a call's page, the federation's fees): read, not guessed."""
    text = club.model_dump_json()
    return list(dict.fromkeys(URL_PATTERN.findall(text)))[:5]


def _prompt(club: ClubProfile, language: Language, urls: list[str]) -> tuple[str, str]:
    identity = club.identity
    goals = "; ".join(goal.text for goal in club.board.goals) or "-"
    levels = "; ".join(f"{t.category} ({t.league_level})" for t in club.people.teams) or "-"
    bodies = ", ".join(a.name for a in identity.affiliations) or "-"
    answer_language = "italiano" if language is Language.IT else "English"
    system = (
        "You research public facts for an Italian amateur sports club's strategic plan. "
        "Use Google Search. Every statement must be a single sentence taken from, and "
        "supported by, a page you found; never estimate, never invent a figure. Leave out "
        "what you cannot find. Write the statements in " + answer_language + ". Answer "
        "only with the JSON object the schema describes."
    )
    lines = [
        f"Club: {identity.name} ({identity.legal_form.value}), {identity.city} "
        f"({identity.province}, {identity.region.value}).",
        f"Sports: {', '.join(identity.sports)}. Affiliations: {bodies}.",
        f"Teams and levels: {levels}.",
        f"The board's goals: {goals}.",
        "Find, for this club:",
        f"1. municipality_population: the resident population of {identity.city} "
        "(ISTAT or the municipality; value = inhabitants).",
        f"2. nearby_clubs: other clubs of {identity.sports[0]} within about 20 km of "
        f"{identity.city} (value = how many you found; name them in the statement).",
        "3. funding_call: calls for grants or loans open now or in the next season "
        "(region, municipality, Sport e Salute, Istituto per il Credito Sportivo e "
        "Culturale) that fit the board's goals; value/high = the grant range in euros, "
        "deadline = the closing date.",
        "4. league_fees: the federation's entry or registration fees for the club's level "
        "(value = euros per team and season).",
    ]
    if urls:
        lines.append("Read these pages the club quoted and use them first: " + " ".join(urls))
    return system, "\n".join(lines)


def request_for(
    club: ClubProfile, language: Language, settings: GenerationSettings
) -> CompletionRequest:
    urls = questionnaire_urls(club)
    system, prompt = _prompt(club, language, urls)
    tools = ("google_search", "url_context") if urls else ("google_search",)
    return CompletionRequest(
        agent="research",
        system=system,
        prompt=prompt,
        schema=SCHEMA,
        settings=settings,
        use_cache=False,
        tools=tools,
    )


def _span_of(statement: str, text: str) -> tuple[int, int] | None:
    """Where the statement sits in the answer, in UTF-8 byte offsets (as the API counts)."""
    encoded = json.dumps(statement, ensure_ascii=False)[1:-1]  # as written inside the JSON
    for candidate in (encoded, statement):
        index = text.find(candidate)
        if index >= 0:
            start = len(text[:index].encode("utf-8"))
            return start, start + len(candidate.encode("utf-8"))
    return None


def _citation(statement: str, text: str, grounding: Grounding, today: dt.date) -> Citation | None:
    """The page that supports most of the statement, or None (then the fact goes)."""
    span = _span_of(statement, text)
    if span is None:
        return None
    start, end = span
    best: tuple[int, int, str] | None = None  # (overlap, page index, supported text)
    for support in grounding.supports:
        pages = [i for i in support.sources if 0 <= i < len(grounding.sources)]
        overlap = min(end, support.end) - max(start, support.start)
        if pages and overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, pages[0], support.text)
    if best is None or best[0] < MIN_SUPPORTED_SHARE * (end - start):
        return None
    uri, title = grounding.sources[best[1]]
    if not uri.startswith(("https://", "http://")):
        return None
    return Citation(
        url=uri,
        title=(title or uri)[:300],
        retrieved=today,
        supporting_text=(best[2] or statement)[:2000],
    )


def _deadline(raw: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None


def _number(raw: object) -> float | None:
    return float(raw) if isinstance(raw, int | float) and raw >= 0 else None


def facts_from(
    data: dict, text: str, grounding: Grounding | None, today: dt.date
) -> tuple[list[ResearchFact], int]:
    """The supported facts of an answer, and how many were discarded without a source."""
    kept: list[ResearchFact] = []
    discarded = 0
    for item in data.get("facts", [])[:MAX_FACTS]:
        statement = str(item.get("statement", "")).strip()
        try:
            kind = ResearchKind(item.get("kind"))
        except ValueError:
            discarded += 1
            continue
        citation = _citation(statement, text, grounding, today) if grounding else None
        if citation is None or not statement:
            discarded += 1
            log.info("research: a %s fact without a supporting page was discarded", kind.value)
            continue
        value, high = _number(item.get("value")), _number(item.get("high"))
        if high is not None and (value is None or high < value):
            high = None
        kept.append(
            ResearchFact(
                id=f"f{len(kept) + 1}",
                kind=kind,
                statement=statement,
                value=value,
                high=high,
                unit=UNITS[kind],
                deadline=_deadline(item.get("deadline")),
                citation=citation,
            )
        )
    return kept, discarded


def run_research(
    club: ClubProfile,
    language: Language,
    client: LLMClient,
    settings: GenerationSettings,
    cancel: CancelToken,
    today: dt.date | None = None,
) -> ResearchOutcome:
    """One grounded call; what it returns is proposed to the user, never used unseen."""
    today = today or dt.date.today()
    started = time.monotonic()
    result = client.complete(request_for(club, language, settings), None, cancel)
    grounding = result.grounding
    facts, discarded = facts_from(result.data, result.text, grounding, today)
    research = Research(
        searched=True,
        searched_on=today,
        queries=(grounding.queries if grounding else [])[:40],
        facts=facts,
        discarded=discarded,
    )
    elapsed = int((time.monotonic() - started) * 1000)
    return ResearchOutcome(research, result.usage, grounded_requests=1, duration_ms=elapsed)
