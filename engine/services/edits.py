"""Edits a user asks for, each saved as a new version (``expected_version`` guards against
a second window's edit): an objective, the texts rebuilt from its numbers, the public-source
facts reviewed, the financial scenario."""

from __future__ import annotations

from pydantic import ValidationError

from engine import edits, research_review
from engine.domain import Plan
from engine.domain.language import Language
from engine.domain.plan import FinanceDrivers, MacroObjective, SectionStatus
from engine.domain.research import FactStatus, Research
from engine.finance import rebuild_financial_plan
from engine.finance.whatif import WhatIf
from engine.services.errors import ServiceError
from engine.services.plans import PlanManager
from engine.services.results import VersionInfo

SCENARIO_WORDS = {  # the scenario's name in a version's reason: Italian, English
    "prudent": ("prudente", "prudent"),
    "base": ("base", "base"),
    "ambitious": ("ambizioso", "ambitious"),
    "custom": ("personalizzato", "custom"),
}


class EditManager:
    def __init__(self, plans: PlanManager) -> None:
        self.plans = plans

    # --- objectives ---------------------------------------------------------------------

    def edit_objective(
        self,
        plan_id: int,
        objective: MacroObjective,
        *,
        reason: str,
        expected_version: int | None = None,
    ) -> VersionInfo:
        """Save an edited objective; texts that quote its KPIs follow the new numbers."""
        plan = self.plans.get_plan(plan_id).plan
        if not any(o.code == objective.code for o in plan.objectives()):
            raise ServiceError(
                it=f"L'obiettivo {objective.code} non è in questo piano.",
                en=f"Objective {objective.code} is not in this plan.",
                code="bad_input",
            )
        edited = edits.edit_objective(plan, objective)
        return self.plans.save_edit(plan_id, edited, reason, expected_version)

    def rewrite_from_numbers(
        self, plan_id: int, code: str, *, reason: str, expected_version: int | None = None
    ) -> VersionInfo:
        """Rebuild an objective's situation and gap from its KPIs (the user asked)."""
        plan = self.plans.get_plan(plan_id).plan
        try:
            rewritten = edits.rewrite_from_numbers(plan, code)
        except (KeyError, StopIteration):
            raise ServiceError(
                it=f"I testi dell'obiettivo {code} non si possono ricostruire dai numeri.",
                en=f"The texts of objective {code} cannot be rebuilt from the numbers.",
                code="bad_input",
            ) from None
        return self.plans.save_edit(plan_id, rewritten, reason, expected_version)

    # --- public sources (tier 2) ----------------------------------------------------------

    def research(self, plan_id: int, version: int | None = None) -> Research:
        """The facts the research agent found for a plan, with the user's decisions."""
        return self.plans.get_plan(plan_id, version).plan.research

    def review_research(
        self,
        plan_id: int,
        decisions: dict[str, FactStatus],
        values: dict[str, float | None] | None = None,
        *,
        expected_version: int | None = None,
    ) -> VersionInfo:
        """Accept, reject or correct researched facts: a new version that uses the accepted."""
        plan = self.plans.get_plan(plan_id).plan
        try:
            reviewed = research_review.review(plan, decisions, values)
        except research_review.UnknownFact as error:
            raise ServiceError(
                it=f"Il piano {plan_id} non ha questi fatti da fonti pubbliche: {error.args[0]}.",
                en=f"Plan {plan_id} has no public-source facts called {error.args[0]}.",
                code="bad_input",
            ) from None
        accepted = sum(1 for f in reviewed.research.facts if f.status is FactStatus.ACCEPTED)
        reason = f"public sources reviewed: {accepted} accepted"
        return self.plans.save_edit(plan_id, reviewed, reason, expected_version)

    # --- finance what-if ----------------------------------------------------------------

    @staticmethod
    def what_if(plan: Plan) -> WhatIf:
        """A live what-if on a plan's finances (year 0 built once; each change re-projects)."""
        return WhatIf(plan)

    def save_scenario(
        self, plan_id: int, drivers: FinanceDrivers, expected_version: int | None = None
    ) -> VersionInfo:
        """Make ``drivers`` the plan's scenario: its finances recomputed, as a new version.

        The financial commentary is rewritten from the new figures (an AI commentary on the
        old ones would quote numbers that are no longer in the table).
        """
        try:  # a model_copy skips validation: check what a panel or a command built
            drivers = FinanceDrivers.model_validate(drivers.model_dump())
        except ValidationError:
            raise ServiceError(
                it="Lo scenario ha valori fuori dai limiti: crescite tra -100% e +500% in tre "
                "stagioni, inflazione tra -20% e +50% l'anno, tasso del mutuo tra 0% e 20%.",
                en="The scenario has values out of range: growth between -100% and +500% over "
                "three seasons, inflation between -20% and +50% a year, loan rate 0% to 20%.",
                code="bad_input",
            ) from None
        document = self.plans.get_plan(plan_id)
        plan = document.plan
        finance = rebuild_financial_plan(
            plan.club, plan.financial_plan, drivers, Language(plan.language)
        ).model_copy(update={"status": SectionStatus.EDITED})
        updated = plan.model_copy(update={"financial_plan": finance})
        words = SCENARIO_WORDS[drivers.scenario.value]
        reason = (
            f"Scenario economico {words[0]}"
            if Language(plan.language) is Language.IT
            else f"Financial scenario: {words[1]}"
        )
        return self.plans.save_version(
            plan_id,
            updated,
            reason=reason,
            expected_version=expected_version
            if expected_version is not None
            else document.version.number,
        )
