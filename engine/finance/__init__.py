"""The three-season economic-financial model, computed (never written by a language model).

``inputs`` builds year 0 (the club's answers, figures derived from them, benchmark ranges,
loans, secured funding); ``projection`` runs the three seasons for a set of drivers;
``scenarios`` gives the prudent, base and ambitious drivers; ``objectives`` takes the KPI
steps and investments from the plan's objectives; ``statement`` turns a projection into the
plan's section, with ``funding``, ``indicators``, ``cashflow`` and ``values``; ``words``
writes its commentary and risks from the same figures; ``whatif`` re-runs a stored plan.
All arithmetic is Decimal to the cent; forecasts are whole euros.
"""

from engine.finance.objectives import (
    break_even_year,
    finance_inputs,
    investments_by_area,
    spread,
)
from engine.finance.projection import Projection, project
from engine.finance.statement import (
    FinanceModel,
    build_financial_plan,
    compose,
    rebuild_financial_plan,
)
from engine.finance.words import NON_SPORT_REVENUE_LIMIT

__all__ = [
    "NON_SPORT_REVENUE_LIMIT",
    "FinanceModel",
    "Projection",
    "break_even_year",
    "build_financial_plan",
    "compose",
    "finance_inputs",
    "investments_by_area",
    "project",
    "rebuild_financial_plan",
    "spread",
]
