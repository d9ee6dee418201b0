"""Everything an agent may know about the club, computed once per plan."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from engine.catalogue import Catalogue, default_catalogue
from engine.domain.club import ClubProfile
from engine.domain.language import Language
from engine.domain.plan import seasons_after
from engine.domain.research import ResearchFact
from engine.facts import ClubFacts
from engine.finance import FinanceModel, build_financial_plan
from engine.finance.objectives import kpis_follow_the_budget
from engine.selection import SelectedObjective, first_season_start, select
from engine.situation import slots

T = TypeVar("T")


@dataclass(frozen=True)
class PlanContext:
    club: ClubProfile
    language: Language
    catalogue: Catalogue
    facts: ClubFacts
    selection: dict[str, SelectedObjective]
    finance: FinanceModel
    seasons: list[str]
    examples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Facts from public sources the user accepted (tier 2): the agents may quote them.
    public_facts: list[ResearchFact] = field(default_factory=list)
    _memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    _memo_lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def memo(self, key: Any, build: Callable[[], T]) -> T:
        """Build once per plan what several agents read (the offline sections are immutable).

        Agents run on pool threads; building twice is harmless but wasteful, so the first
        caller builds and the others wait for it.
        """
        with self._memo_lock:
            if key not in self._memo:
                self._memo[key] = build()
            return self._memo[key]

    @property
    def first_season_start(self):
        return first_season_start(self.club.identity.reference_season)

    @cached_property
    def words(self) -> dict[str, str]:
        """Sport words, the club's fact slots and its formatted figures, for every template."""
        from engine.agents.phrases import value_words  # phrases imports this module's peers

        return {
            **value_words(self.facts, self.language),
            **self.facts.club_sports.words(self.language),
            **slots(self.facts, self.language),
            "season": self.club.identity.reference_season,
        }

    @cached_property
    def titles(self) -> dict[str, str]:
        return {code: objective.title for code, objective in self.selection.items()}


def build_context(
    club: ClubProfile,
    language: Language = Language.IT,
    catalogue: Catalogue | None = None,
    examples: dict[str, list[dict[str, Any]]] | None = None,
    public_facts: list[ResearchFact] | None = None,
) -> PlanContext:
    catalogue = catalogue or default_catalogue()
    facts = ClubFacts(club, catalogue.club_sports(club))
    selection = select(facts, catalogue, language)
    finance = build_financial_plan(club, selection, catalogue, language)
    selection = kpis_follow_the_budget(selection, finance.plan, language)  # one number per item
    return PlanContext(
        club=club,
        language=language,
        catalogue=catalogue,
        facts=facts,
        selection=selection,
        finance=finance,
        seasons=seasons_after(club.identity.reference_season),
        examples=examples or {},
        public_facts=public_facts or [],
    )
