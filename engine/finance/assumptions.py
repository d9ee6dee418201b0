"""The finance model's assumptions as data: inflation, benchmarks, scenario rules, the ICS loan.

Every figure here is dated and sourced in ``resources/catalogue/finance.json`` so a board
can ask "where does this come from?" and a developer can update one file when ISTAT or the
Credito Sportivo publish new numbers. House rules (the prudent scenario halves member
growth...) say they are house rules.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from engine.domain.language import Language
from engine.paths import resource_path


class FinanceDataError(Exception):
    """``finance.json`` is unreadable or breaks its schema (a build defect, named)."""


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Words(_Data):
    it: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: Language) -> str:
        return self.it if language is Language.IT else self.en


class Sourced(_Data):
    source: str = Field(min_length=3, max_length=300)
    url: str | None = Field(None, max_length=500)
    date: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Inflation(_Data):
    yearly: float = Field(ge=-0.1, le=0.3)
    sourced: Sourced


class CostEstimate(_Data):
    """A range for a cost line the club left empty, per unit of ``basis``."""

    basis: str = Field(pattern=r"^(club|member|adult_member)$")
    low: float = Field(ge=0)
    high: float = Field(ge=0)
    label: Words
    sourced: Sourced


class IcsLoan(_Data):
    name: Words
    years: int = Field(ge=1, le=30)
    rate: float = Field(ge=0, le=0.2)
    minimum: float = Field(ge=0)
    maximum: float = Field(gt=0)
    note: Words
    sourced: Sourced


class ScenarioRule(_Data):
    label: Words
    members_share: float = Field(ge=0, le=3)  # of the base's member growth
    sponsorship_share: float = Field(ge=0, le=3)  # of the base's sponsorship growth
    fee_rate: float = Field(ge=-0.2, le=0.2)  # yearly change of the average fee
    grants: tuple[float, float, float]  # cumulative change of public grants by year
    other_revenue: float = Field(ge=0, le=2)
    inflation_extra: float = Field(ge=-0.1, le=0.2)  # added to the base inflation
    lose_main_sponsor_from: int | None = Field(None, ge=1, le=3)  # when concentrated


class FinanceAssumptions(_Data):
    version: int
    checked: str
    inflation: Inflation
    liquidity_months: int = Field(ge=1, le=12)
    concentration_share: float = Field(gt=0, le=1)  # largest sponsor above this = concentrated
    weeks_per_season: int = Field(ge=1, le=52)  # hourly facility rates over a season
    material_costs: tuple[str, ...]
    cost_estimates: dict[str, CostEstimate]
    ics_loan: IcsLoan
    scenarios: dict[str, ScenarioRule]
    house_rule: Words  # how the plan names a house rule in a provenance note


def load_assumptions(path: Path | None = None) -> FinanceAssumptions:
    path = path or resource_path("catalogue", "finance.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        assumptions = FinanceAssumptions.model_validate(data)
    except (OSError, ValueError, ValidationError) as error:
        raise FinanceDataError(f"finance.json: {error}") from None
    missing = {"prudent", "base", "ambitious"} - set(assumptions.scenarios)
    if missing:
        raise FinanceDataError(f"finance.json: scenarios lack {sorted(missing)}")
    return assumptions


@cache
def default_assumptions() -> FinanceAssumptions:
    return load_assumptions()
