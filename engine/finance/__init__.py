"""The three-season economic-financial model, computed (never written by a language model).

``inputs`` builds year 0 (the club's answers, figures derived from them, benchmark ranges,
loans, secured funding); ``projection`` runs the three seasons for a set of drivers;
``scenarios`` gives the prudent, base and ambitious drivers; ``statement`` turns a
projection into the plan's section; ``words`` writes its commentary and risks from the same
figures. All arithmetic is Decimal to the cent.
"""

from engine.finance.projection import Projection, project
from engine.finance.statement import (
    FinanceModel,
    break_even_year,
    build_financial_plan,
    compose,
    finance_inputs,
    investments_by_area,
    rebuild_financial_plan,
    spread,
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
