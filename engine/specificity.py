"""Does a plan speak of this club? Measures behind the review, the benchmark and the tests.

The earlier product's users called its plans "una accozzaglia AI generica": the same
sentences for every club, in football's words. These functions measure exactly that:
sentences shared between two clubs' plans (also with names and numbers masked),
another sport's words, the club's sport named, objectives that use none of the club's
facts, the board's goals and problems left unanswered, sentences repeated inside a
plan, internal codes in running text and deadlines after the plan ends.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

from engine import formatting
from engine.domain.club import ClubProfile
from engine.domain.language import Language
from engine.domain.plan import MacroObjective, Plan
from engine.domain.sourced import SourcedValue
from engine.facts import ClubFacts
from engine.sports import ClubSports, SportProfile, normalise

# A sentence ends at . ! ? followed by a space and a capital (or «, “, a digit), except
# after the abbreviations Italian legal and plan text uses ("D.Lgs. 36/2021", "art. 9").
_ABBREVIATIONS = ("art", "lgs", "lg", "c", "n", "es", "ecc", "p", "pag", "d", "l", "dl", "dpcm")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ«“\"0-9])")
_NUMBER = re.compile(r"[−-]?\d[\d.,]*")
CODE_IN_TEXT = re.compile(r"\b(SP|ST|MK|SO)[1-9](\.\d+)?\b")


def split_sentences(text: str) -> list[str]:
    pieces = _SENTENCE_END.split(" ".join(text.split()))
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _ends_with_abbreviation(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return [s.strip() for s in sentences if s.strip()]


def _ends_with_abbreviation(sentence: str) -> bool:
    last = sentence.rstrip(".").rsplit(" ", 1)[-1].rsplit(".", 1)[-1].lower()
    return last in _ABBREVIATIONS


def objective_texts(objective: MacroObjective) -> list[str]:
    """An objective's running text: its statement, situation, gap and actions."""
    return [
        objective.objective,
        objective.baseline,
        objective.gap,
        *(a.what for a in objective.actions),
    ]


def objective_sentences(plan: Plan) -> list[str]:
    return [
        s for o in plan.objectives() for text in objective_texts(o) for s in split_sentences(text)
    ]


def running_texts(plan: Plan) -> Iterator[tuple[str, str]]:
    """(where, text) for every prose field a reader reads as sentences."""
    summary = plan.executive_summary
    yield "executive_summary.vision", summary.vision
    for area, text in summary.area_paragraphs.items():
        yield f"executive_summary.{area.value}", text
    for section in plan.areas:
        yield f"{section.area.value}.intro", section.intro
        for objective in section.objectives:
            for text in objective_texts(objective):
                yield objective.code, text
    yield "financial_plan.commentary", plan.financial_plan.commentary


# --- the club's facts -------------------------------------------------------------------


def club_names(club: ClubProfile) -> list[str]:
    """Names only this club has: masked when comparing two clubs' sentences."""
    names = [club.identity.name, club.identity.city]
    names += [f.name for f in club.facilities]
    names += [e.item for e in club.equipment]
    names += [loan.lender for loan in club.loans]
    names += list(club.qualitative.competitors)
    names += [s.name for s in club.qualitative.stakeholders]
    names += [t.category for t in club.people.teams] + [t.league_level for t in club.people.teams]
    names += [c.qualification for c in club.people.coaches]
    names += [a.name for a in club.identity.affiliations]
    return sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)


def mask(sentence: str, names: Iterable[str]) -> str:
    """The sentence with the club's names and every number replaced by placeholders."""
    for name in names:
        sentence = sentence.replace(name, "NOME")
    return _NUMBER.sub("#", sentence)


def _numbers(club: ClubProfile) -> Iterator[float]:
    def walk(value: object) -> Iterator[float]:
        if isinstance(value, SourcedValue):
            if isinstance(value.value, int | float):
                yield float(value.value)
        elif hasattr(type(value), "model_fields"):
            for name in type(value).model_fields:
                yield from walk(getattr(value, name))
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)
        elif isinstance(value, int | float) and not isinstance(value, bool) and value < 1800:
            yield float(value)  # plain numbers (counts, ages, hours); years are added as text

    yield from walk(club)


def fact_tokens(facts: ClubFacts, language: Language) -> set[str]:
    """Strings whose presence shows a text uses this club's own data.

    The club's name and town are left out: templates insert them everywhere, so they
    prove nothing. Numbers count in the plan's formatting (12.500 / 81,5%); a number
    below ten counts only with its noun ("3 allenatori"), since a bare digit proves
    nothing, and numbers the catalogue itself writes (400 €, art. 9) never count.
    """
    from engine.agents.phrases import figure_phrase  # phrases imports the selection

    club = facts.club
    tokens = set(club_names(club)) - {club.identity.name, club.identity.city}
    tokens |= {s.text.rstrip(".") for s in (*club.board.goals, *club.board.problems)}
    swot = club.qualitative.swot
    tokens |= {line.rstrip(".") for line in (*swot.weaknesses, *swot.threats)}
    tokens -= {a.name for a in club.identity.affiliations}
    tokens.add(str(club.identity.year_founded))  # a year is written without thousands dots
    tokens |= {str(loan.end_year) for loan in club.loans if loan.end_year}
    values = list(_numbers(club)) + [
        float(v.value) for v in facts.figures.values() if isinstance(v.value, int | float)
    ]
    for number in values:
        if abs(number) < 10:
            continue
        for decimals in (0, 1):
            tokens.add(formatting.number(round(number, decimals), language, decimals))
    words = facts.club_sports.words(language)
    for name, value in facts.figures.items():
        if isinstance(value.value, int | float) and abs(value.value) < 10:
            phrase = figure_phrase(name, facts, language, {**words, "city": club.identity.city})
            if phrase:
                tokens.add(phrase)
    return {t for t in tokens if t} - catalogue_numbers(language)


@lru_cache(maxsize=4)
def catalogue_numbers(language: Language) -> frozenset[str]:
    """Numbers the catalogue itself writes (400 €, art. 9, 2027): they prove nothing."""
    from engine.catalogue import default_catalogue  # loaded once; imports this module's peers

    catalogue = default_catalogue()
    texts = [m.what.get(language) for macro in catalogue.objectives for m in macro.micro]
    texts += [macro.objective.get(language) for macro in catalogue.objectives]
    for profile in catalogue.sports.values():
        texts += [w.get(language) for w in profile.micro.values()]
        texts += [a.what.get(language) for actions in profile.extra.values() for a in actions]
    return frozenset(m.group(0).rstrip(".,") for text in texts for m in _NUMBER.finditer(text))


def uses_fact(texts: Iterable[str], tokens: set[str] | frozenset[str]) -> bool:
    """Does any text contain one of the club's facts (a number as a whole number, a name)?"""
    numbers, names = _matcher(frozenset(tokens))
    joined = " ".join(texts)
    return any(name in joined for name in names) or bool(numbers and numbers.search(joined))


@lru_cache(maxsize=64)
def _matcher(tokens: frozenset[str]) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """One compiled pattern for the numbers (not inside a longer number), names as strings."""
    numeric = sorted((t for t in tokens if t[:1].isdigit() or t[:1] == "−"), key=len, reverse=True)
    names = tuple(t for t in tokens if not (t[:1].isdigit() or t[:1] == "−"))
    if not numeric:
        return None, names
    alternation = "|".join(re.escape(t) for t in numeric)
    return re.compile(rf"(?<![\d.,])(?:{alternation})(?![\d]|[.,]\d)"), names


# --- sport language ------------------------------------------------------------------------


def foreign_terms(
    texts: Iterable[str],
    sports: ClubSports,
    profiles: Iterable[SportProfile],
    language: Language,
) -> set[str]:
    """Words of another sport found in the texts (a word the club's own sports use is fine)."""
    own = sports.terms(language)
    joined = " " + normalise(" ".join(texts)) + " "
    found = set()
    for profile in profiles:
        if profile in sports.profiles:
            continue
        for term in profile.terms.get(language):
            key = normalise(term)
            if key and key not in own and f" {key} " in joined:
                found.add(term)
    return found


def club_texts(club: ClubProfile) -> list[str]:
    """Everything the club wrote in its own words (never counted as the plan's words)."""
    q = club.qualitative
    texts = [q.values or "", q.vision or "", q.mission or "", q.notes or ""]
    texts += [*q.swot.strengths, *q.swot.weaknesses, *q.swot.opportunities, *q.swot.threats]
    texts += list(club.identity.sports) + club_names(club)
    texts += [g.text for g in club.board.goals] + [p.text for p in club.board.problems]
    texts += [g.target_unit for g in club.board.goals if g.target_unit]
    return sorted({t.strip().rstrip(".") for t in texts if t and t.strip()}, key=len, reverse=True)


def plan_foreign_terms(
    plan: Plan, sports: ClubSports, profiles: Iterable[SportProfile]
) -> set[str]:
    """Another sport's words in the plan's own prose (the club's own words excluded)."""
    own = club_texts(plan.club)
    pattern = (
        re.compile("|".join(re.escape(piece) for piece in own), re.IGNORECASE) if own else None
    )
    texts = [pattern.sub(" ", text) if pattern else text for _, text in running_texts(plan)]
    return foreign_terms(texts, sports, profiles, plan.language)


def sport_named(plan: Plan, sports: ClubSports, language: Language) -> bool:
    """The club's sport (or one of them) is named in its objectives."""
    text = normalise(" ".join(s for o in plan.objectives() for s in objective_texts(o)))
    names = [p.name.get(language) for p in sports.profiles] + list(sports.unknown)
    return any(f" {normalise(n)} " in f" {text} " for n in names if n)


# --- plan-level checks ------------------------------------------------------------------------


def repeated_sentences(plan: Plan, limit: int = 2) -> dict[str, int]:
    """Sentences that appear more than ``limit`` times in the plan's running text."""
    counts = Counter(s for _, text in running_texts(plan) for s in split_sentences(text))
    return {s: n for s, n in counts.items() if n > limit}


def codes_in_text(plan: Plan) -> list[tuple[str, str]]:
    """Internal codes (SP3, MK4.2) inside sentences a reader reads."""
    return [
        (where, match.group(0))
        for where, text in running_texts(plan)
        for match in CODE_IN_TEXT.finditer(text)
    ]


def unanswered(plan: Plan) -> list[str]:
    """The board's goals and problems no objective says it answers."""
    answers = " ".join(a for o in plan.objectives() for a in o.answers)
    declared = [g.text for g in plan.club.board.goals] + [p.text for p in plan.club.board.problems]
    return [text for text in declared if text.rstrip(".") not in answers]


def actions_after_end(plan: Plan) -> list[str]:
    end = plan_end_date(plan)
    return [a.code for o in plan.objectives() for a in o.actions if a.deadline > end]


def plan_end_date(plan: Plan):
    import datetime as dt

    last = plan.seasons[-1]
    return dt.date(int(last[:4]) + 1, 8, 31)


def shared_share(a: list[str], b: list[str]) -> float:
    """The mean, over both directions, of the share of one plan's sentences found in the other."""
    set_a, set_b = set(a), set(b)
    if not set_a or not set_b:
        return 0.0
    common = len(set_a & set_b)
    return (common / len(set_a) + common / len(set_b)) / 2
