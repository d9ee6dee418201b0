"""``rooting-future finance PLAN_ID``: the plan's finances and a what-if, from the terminal.

The same projection as the desktop's what-if panel (``Service.what_if``): without options
it prints the plan's own figures and its three scenarios; with driver options it prints
the three seasons under them, and ``--save`` makes them the plan's scenario (a new
version, like "Use as the plan's scenario" in the app).
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from engine.domain.language import Language
from engine.domain.plan import FinanceDrivers, ScenarioKind
from engine.finance.scenarios import yearly
from engine.finance.span import Span
from engine.finance.whatif import Outcome

GROWTH_OPTIONS = ("members", "fee", "sponsorship", "grants")


def percent_between(low: float, high: float):
    """A percentage option as a club writes it ("3", "3,5", "-2%"), within ``low..high``."""

    def parse(text: str) -> float:
        cleaned = text.strip().rstrip("%").strip().replace(",", ".")
        try:
            value = float(cleaned)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"'{text}' non è una percentuale (es. 3 o 2,5) / is not a percentage "
                "(e.g. 3 or 2.5)"
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{text}: usate un valore tra {low:g} e {high:g} / use a value between "
                f"{low:g} and {high:g}"
            )
        return value / 100

    return parse


percent = percent_between(-50, 50)  # yearly growth of a driver


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    finance = commands.add_parser(
        "finance",
        help="a plan's finances and what-if scenarios",
        description="The plan's three seasons; with options, the same under other drivers. "
        "Percentages are yearly changes (3 = +3%% a year).",
        parents=[common],
    )
    finance.add_argument("plan_id", type=int, metavar="PLAN_ID")
    finance.add_argument(
        "--scenario",
        choices=[k.value for k in ScenarioKind if k is not ScenarioKind.CUSTOM],
        help="start from a standard scenario instead of the plan's own figures",
    )
    finance.add_argument("--members", type=percent, metavar="PCT", help="members, per year")
    finance.add_argument("--fee", type=percent, metavar="PCT", help="average fee, per year")
    finance.add_argument("--sponsorship", type=percent, metavar="PCT", help="per year")
    finance.add_argument("--grants", type=percent, metavar="PCT", help="public grants, per year")
    finance.add_argument(
        "--inflation", type=percent_between(-20, 50), metavar="PCT", help="running costs"
    )
    finance.add_argument(
        "--delay", type=int, choices=(0, 1, 2), help="seasons the investments slip"
    )
    finance.add_argument(
        "--sponsor-lost-from",
        type=int,
        choices=(0, 1, 2, 3),
        help="plan year the largest sponsor stops (0: stays)",
    )
    finance.add_argument(
        "--loan",
        action=argparse.BooleanOptionalAction,
        help="fund the facility works with a Credito Sportivo loan",
    )
    finance.add_argument(
        "--loan-rate", type=percent_between(0, 20), metavar="PCT", help="the loan's rate"
    )
    finance.add_argument("--save", action="store_true", help="make it the plan's scenario")
    finance.add_argument("--json", action="store_true", help="machine-readable output")


def drivers_from(args: argparse.Namespace, start: FinanceDrivers) -> FinanceDrivers:
    values: dict[str, Any] = {}
    for name in GROWTH_OPTIONS:
        if getattr(args, name) is not None:
            values[name] = yearly(getattr(args, name))
    if args.inflation is not None:
        values["inflation"] = args.inflation
    if args.delay is not None:
        values["investment_delay"] = args.delay
    if args.sponsor_lost_from is not None:
        values["main_sponsor_lost_from"] = args.sponsor_lost_from or None
    if args.loan is not None:
        values["ics_loan"] = args.loan
    if args.loan_rate is not None:
        values["ics_rate"] = args.loan_rate
    if not values:
        return start
    return start.model_copy(update={**values, "scenario": ScenarioKind.CUSTOM})


def rows(outcome: Outcome, language: Language) -> list[tuple[str, list[Span | Decimal]]]:
    p = outcome.projection
    it = language is Language.IT
    return [
        ("Entrate" if it else "Revenue", list(p.revenue[1:])),
        ("Costi di gestione" if it else "Running costs", list(p.costs[1:])),
        ("Risultato di gestione" if it else "Operating result", list(p.operating[1:])),
        ("Investimenti" if it else "Investments", list(p.invested)),
        ("Rate di mutui e prestiti" if it else "Loan instalments", list(p.repayments)),
        ("Contributi assicurati" if it else "Funding secured", list(p.committed)),
        ("Nuovo mutuo (ipotesi)" if it else "New loan (assumption)", list(p.loan_inflow)),
        ("Saldo dell'anno" if it else "Balance of the year", list(p.balance)),
        ("Cassa a fine stagione" if it else "Cash at season end", list(p.cash[1:])),
        ("Nuove fonti da cercare" if it else "New funding to find", list(p.to_seek)),
    ]


def verdict(outcome: Outcome, language: Language) -> str:
    p, seasons, it = outcome.projection, outcome.seasons, language is Language.IT
    if p.unknown:
        lines = ", ".join(p.unknown)
        return (
            f"Pareggio non giudicabile: mancano {lines}."
            if it
            else f"Break-even cannot be judged: {lines} missing."
        )
    if p.break_even:
        season = seasons[p.break_even]
        return (
            f"Il saldo resta positivo dal {season}."
            if it
            else f"The balance stays positive from {season}."
        )
    return (
        "Il saldo non resta positivo entro il piano."
        if it
        else "The balance does not stay positive within the plan."
    )


def as_json(outcome: Outcome, drivers: FinanceDrivers) -> dict[str, Any]:
    def plain(value: Span | Decimal) -> Any:
        if isinstance(value, Span):
            return float(value.low) if value.is_exact else [float(value.low), float(value.high)]
        return float(value)

    keys = (
        "revenue",
        "running_costs",
        "operating_result",
        "investments",
        "loan_instalments",
        "funding_secured",
        "new_loan",
        "balance",
        "cash_end",
        "funding_to_find",
    )
    return {
        "seasons": list(outcome.seasons[1:]),
        "drivers": drivers.model_dump(mode="json"),
        **{
            key: [plain(v) for v in values]
            for key, (_label, values) in zip(keys, rows(outcome, Language.EN), strict=True)
        },
        "break_even_year": outcome.projection.break_even,
        "unknown_costs": list(outcome.projection.unknown),
    }
