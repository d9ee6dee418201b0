"""A board's what-if on a stored plan: change a driver, see the three seasons again at once.

Year 0 is built once per plan (``WhatIf``); each change then runs only the projection,
well under the 50 ms a live panel allows (``bench/finance.py`` measures it). Saving the
chosen drivers rebuilds the plan's financial section with them (``rebuild_financial_plan``)
as a new version: the stored plan is never changed in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from engine.domain.language import Language
from engine.domain.plan import (
    Area,
    FinanceDrivers,
    Plan,
    ScenarioKind,
    seasons_after,
)
from engine.finance.assumptions import FinanceAssumptions, default_assumptions
from engine.finance.inputs import Baseline, build_baseline
from engine.finance.objectives import inputs_of
from engine.finance.projection import Projection, project
from engine.finance.scenarios import ORDER, drivers_for
from engine.finance.span import ZERO


@dataclass(frozen=True)
class Outcome:
    """What the panel shows for one set of drivers (the projection, and its headline)."""

    projection: Projection
    seasons: tuple[str, ...]

    @property
    def to_seek(self) -> Decimal:
        return sum(self.projection.to_seek, ZERO)


class WhatIf:
    def __init__(self, plan: Plan, assumptions: FinanceAssumptions | None = None) -> None:
        self.assumptions = assumptions or default_assumptions()
        self.language = Language(plan.language)
        self.inputs = inputs_of(plan.financial_plan)
        reference = plan.club.identity.reference_season
        self.seasons = (reference, *seasons_after(reference))
        self.baseline: Baseline = build_baseline(
            plan.club,
            self.inputs,
            self.seasons,
            self.assumptions,
            self.language,  # type: ignore[arg-type]
        )
        self.current = plan.financial_plan.drivers or self.scenario(ScenarioKind.BASE)

    def scenario(self, kind: ScenarioKind) -> FinanceDrivers:
        """The drivers of a standard scenario (base, prudent, ambitious) for this club."""
        return drivers_for(kind, self.inputs, self.baseline, self.assumptions)

    def scenarios(self) -> dict[ScenarioKind, FinanceDrivers]:
        return {kind: self.scenario(kind) for kind in ORDER}

    def run(self, drivers: FinanceDrivers) -> Outcome:
        return Outcome(project(self.baseline, drivers, self.assumptions), self.seasons)

    @property
    def sponsor_share(self) -> Decimal | None:
        return self.baseline.sponsor_share

    @property
    def has_infrastructure_investments(self) -> bool:
        return sum(self.baseline.investments.get(Area.INFRASTRUCTURE, (ZERO,)), ZERO) > 0
