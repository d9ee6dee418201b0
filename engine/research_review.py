"""The user's decisions on researched facts, and what accepted facts change in the plan.

A proposed fact is used nowhere. An accepted fact:
- the municipality's population becomes the club's figure (tier "research", with the
  page as its reference) unless the club gave its own;
- an open funding call becomes a funding option of the financial plan, with its range
  and deadline;
- every accepted fact is cited, with its link, in the exports' sources.
Rejecting a fact takes back what accepting it did. The agents read the club snapshot,
so a regenerated section uses the accepted facts too.
"""

from __future__ import annotations

from engine.domain.language import Language
from engine.domain.plan import FundingSource, FundingStatus, Plan
from engine.domain.research import FactStatus, ResearchFact, ResearchKind
from engine.domain.sourced import SourceTier


class UnknownFact(KeyError):
    """A decision names a fact the plan does not have."""


def review(
    plan: Plan,
    decisions: dict[str, FactStatus],
    values: dict[str, float | None] | None = None,
) -> Plan:
    """The plan with these statuses (and edited values) on its facts, applied."""
    values = values or {}
    known = {fact.id for fact in plan.research.facts}
    unknown = (set(decisions) | set(values)) - known
    if unknown:
        raise UnknownFact(", ".join(sorted(unknown)))
    facts = []
    for fact in plan.research.facts:
        update: dict[str, object] = {}
        if fact.id in decisions:
            update["status"] = decisions[fact.id]
        if fact.id in values and values[fact.id] != fact.value:
            update.update(value=values[fact.id], high=None, edited=True)
        facts.append(fact.model_copy(update=update) if update else fact)
    research = plan.research.model_copy(update={"facts": facts})
    return apply_accepted(plan.model_copy(update={"research": research}))


def _is_research(value: object) -> bool:
    return getattr(value, "tier", None) is SourceTier.RESEARCH


def _funding_option(fact: ResearchFact, language: Language) -> FundingSource:
    it = language is Language.IT
    deadline = ""
    if fact.deadline is not None:
        day = fact.deadline.strftime("%d/%m/%Y")
        deadline = f" Scadenza: {day}." if it else f" Deadline: {day}."
    detail = f"{fact.statement}{deadline} " + (
        f"Fonte: {fact.citation.title}, {fact.citation.url}"
        if it
        else f"Source: {fact.citation.title}, {fact.citation.url}"
    )
    return FundingSource(
        name=fact.citation.title[:200],
        detail=detail[:2000],
        amount=fact.sourced(),  # tier "research" even without an amount: how it is found again
        status=FundingStatus.OPTION,
    )


def apply_accepted(plan: Plan) -> Plan:
    """Put the accepted facts where the plan uses them; take back the others."""
    accepted = plan.research.accepted()
    identity = plan.club.identity
    population = identity.municipality_population
    ours = {fact.sourced().reference for fact in plan.research.facts}
    if population is None or population.reference in ours:  # the club's own figure wins
        fact = next((f for f in accepted if f.kind is ResearchKind.POPULATION), None)
        population = fact.sourced() if fact and fact.value is not None else None
    club = plan.club.model_copy(
        update={"identity": identity.model_copy(update={"municipality_population": population})}
    )
    finance = plan.financial_plan
    kept = [s for s in finance.funding_sources if not _is_research(s.amount)]
    options = [
        _funding_option(fact, plan.language)
        for fact in accepted
        if fact.kind is ResearchKind.FUNDING_CALL
    ]
    finance = finance.model_copy(update={"funding_sources": (kept + options)[:30]})
    return plan.model_copy(update={"club": club, "financial_plan": finance})
