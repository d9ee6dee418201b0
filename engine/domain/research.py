"""Tier 2: facts about the club's context found in public sources, each with its citation.

A research agent asks a search-grounded model for a few facts (the municipality's
population, clubs of the same sport nearby, open funding calls, league fees). A fact
enters this list only with a citation: the page's address and title, the day it was
read and the text segment the page supports. Facts start as ``proposed``; only the ones
the user accepts feed the plan (figures, funding options, exports' citations).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from engine.domain.fields import PlanText, labelled
from engine.domain.rules import Rule
from engine.domain.sourced import SourcedValue, SourceTier, StrictModel

RESEARCH_UNITS = ("abitanti", "n", "EUR", "")


class ResearchKind(StrEnum):
    POPULATION = "municipality_population"
    NEARBY_CLUBS = "nearby_clubs"
    FUNDING_CALL = "funding_call"
    LEAGUE_FEES = "league_fees"

    def label(self, language: str = "it") -> str:
        return KIND_LABELS[self][0 if language == "it" else 1]


KIND_LABELS = {
    ResearchKind.POPULATION: ("Popolazione del comune", "Municipality population"),
    ResearchKind.NEARBY_CLUBS: ("Società dello stesso sport vicine", "Clubs of the sport nearby"),
    ResearchKind.FUNDING_CALL: ("Bando o finanziamento aperto", "Open funding call"),
    ResearchKind.LEAGUE_FEES: ("Quote e tasse del campionato", "League fees"),
}


class FactStatus(StrEnum):
    PROPOSED = "proposed"  # found, not yet seen by the user: used nowhere
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Citation(StrictModel):
    url: str = labelled("Indirizzo", "Address", min_length=8, max_length=2000)
    title: str = labelled("Titolo della fonte", "Source title", min_length=1, max_length=300)
    retrieved: dt.date = labelled("Letta il", "Read on")
    supporting_text: str = labelled(
        "Testo che la fonte conferma", "Text the source supports", max_length=2000
    )

    @model_validator(mode="after")
    def _web_address(self) -> Self:
        if not self.url.startswith(("https://", "http://")):
            rules = Rule.collector()
            rules.add(("url",), "url_scheme", found=self.url[:60])
            rules.raise_if_any()
        return self


class ResearchFact(StrictModel):
    id: str = Field(min_length=1, max_length=20)
    kind: ResearchKind
    statement: PlanText = labelled("Fatto", "Fact", max_length=1000)
    value: float | None = labelled("Valore", "Value", None)
    high: float | None = labelled("Valore massimo", "Highest value", None)
    unit: str = labelled("Unità", "Unit", "", max_length=20)
    deadline: dt.date | None = labelled("Scadenza", "Deadline", None)
    citation: Citation
    status: FactStatus = FactStatus.PROPOSED
    edited: bool = False  # the user changed the value: the citation still names the page

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.high is not None and (self.value is None or self.high < self.value):
            rules = Rule.collector()
            rules.add(("high",), "range_inverted", found=self.high, minimum=self.value)
            rules.raise_if_any()
        return self

    def sourced(self) -> SourcedValue:
        """The fact as a plan number: tier "research", the page as its reference."""
        return SourcedValue(
            value=self.value,
            high=self.high,
            unit=self.unit or "n",
            tier=SourceTier.RESEARCH,
            reference=f"{self.citation.title} ({self.citation.url})"[:480],
            date=self.citation.retrieved,
        )


class Research(StrictModel):
    """What the research agent found, or why it did not search."""

    searched: bool = False
    reason: str = Field("", max_length=500)  # why not searched, in the plan's language
    searched_on: dt.date | None = None
    queries: list[str] = Field(default_factory=list, max_length=40)
    facts: list[ResearchFact] = Field(default_factory=list, max_length=40)
    discarded: int = Field(0, ge=0)  # facts the model gave without a supporting source

    def accepted(self, kind: ResearchKind | None = None) -> list[ResearchFact]:
        return [
            f
            for f in self.facts
            if f.status is FactStatus.ACCEPTED and (kind is None or f.kind is kind)
        ]

    def proposed(self) -> list[ResearchFact]:
        return [f for f in self.facts if f.status is FactStatus.PROPOSED]
