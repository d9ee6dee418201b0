"""``rooting-future research PLAN_ID``: the public facts found for a plan, and decisions on them.

Without options it lists the facts with their sources and status; ``--accept`` and
``--reject`` (fact ids, repeatable, or ``all``) save a new version with the decisions,
like the desktop's "Fonti pubbliche" page. ``plan --accept-research`` accepts every
fact of a new plan at once; by default none is used until someone accepts it.
"""

from __future__ import annotations

import argparse
from typing import Any

from engine import formatting
from engine.domain.language import Language
from engine.domain.research import FactStatus, Research, ResearchFact

STATUS_WORDS = {
    FactStatus.PROPOSED: ("da rivedere", "to review"),
    FactStatus.ACCEPTED: ("accettato", "accepted"),
    FactStatus.REJECTED: ("scartato", "rejected"),
}


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    research = commands.add_parser(
        "research",
        help="public facts found for a plan (tier 2), with their sources",
        description="Lists the facts a search-grounded model found for the plan, each with "
        "the page that supports it. --accept/--reject save the decisions as a new version.",
        parents=[common],
    )
    research.add_argument("plan_id", type=int, metavar="PLAN_ID")
    research.add_argument(
        "--accept", action="append", default=[], metavar="ID", help="a fact id, or all"
    )
    research.add_argument(
        "--reject", action="append", default=[], metavar="ID", help="a fact id, or all"
    )
    research.add_argument("--json", action="store_true")


def decisions(research: Research, accept: list[str], reject: list[str]) -> dict[str, FactStatus]:
    """``all`` expands to every fact; a later --reject wins over --accept for the same id."""
    every = [fact.id for fact in research.facts]
    chosen: dict[str, FactStatus] = {}
    for ids, status in ((accept, FactStatus.ACCEPTED), (reject, FactStatus.REJECTED)):
        for name in ids:
            for fact_id in every if name.strip().lower() == "all" else [name.strip()]:
                chosen[fact_id] = status
    return chosen


def _value(fact: ResearchFact, language: Language) -> str:
    if fact.value is None:
        return "-"
    return formatting.figure(fact.sourced(), language)


def as_json(research: Research) -> dict[str, Any]:
    return research.model_dump(mode="json")


def lines(research: Research, language: Language) -> list[str]:
    """The facts as a club user reads them in a terminal."""
    it = language is Language.IT
    if not research.searched:
        return [research.reason or ("Fonti pubbliche non cercate." if it else "Not searched.")]
    if not research.facts:
        return [
            "Nessun fatto con una fonte che lo confermi."
            if it
            else "No fact with a source that supports it."
        ]
    out = []
    for fact in research.facts:
        status = STATUS_WORDS[fact.status][0 if it else 1]
        out.append(
            f"{fact.id}  [{status}]  {fact.kind.label(language.value)}: {_value(fact, language)}"
        )
        out.append(f"    {fact.statement}")
        read = fact.citation.retrieved.strftime("%d/%m/%Y")
        out.append(f"    {fact.citation.title} - {fact.citation.url} ({read})")
    if research.discarded:
        n = research.discarded
        out.append(
            (
                "1 fatto scartato perché nessuna fonte lo confermava."
                if n == 1
                else f"{n} fatti scartati perché nessuna fonte li confermava."
            )
            if it
            else (
                "1 fact discarded: no source supported it."
                if n == 1
                else f"{n} facts discarded: no source supported them."
            )
        )
    return out
