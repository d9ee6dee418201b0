"""The club's own facts as words a plan can quote: its facilities, boats, loans, sponsor.

Catalogue texts name these facts as ``{slots}`` (``{expiring_facility}``,
``{old_equipment}``, ``{loan_summary}``...). A slot exists only when the club gave
the data, so every text that uses one declares the condition that guarantees it
(``SLOT_GUARANTEES``); the catalogue loader refuses a text that could print a hole.
"""

from __future__ import annotations

from collections.abc import Callable

from engine import formatting
from engine.domain.club import Facility, Ownership
from engine.domain.language import Language
from engine.facts import ClubFacts

ALWAYS_SLOTS = frozenset({"club", "city", "bodies", "year_founded"})

# slot -> the conditions, any of which guarantees the slot has a value
SLOT_GUARANTEES: dict[str, frozenset[str]] = {
    "left_count": frozenset({"has_left_count"}),
    "waiting_list": frozenset({"has_waiting_list"}),
    "facility_names": frozenset({"has_facilities"}),
    "owned_facilities": frozenset({"has_owned_facility"}),
    "concession_facilities": frozenset({"has_concession"}),
    "leased_facilities": frozenset({"has_leased_facility"}),
    "expiring_facility": frozenset({"concession_expiring"}),
    "expiry_date": frozenset({"concession_expiring"}),
    "expiring_agreement": frozenset({"concession_expiring"}),
    "energy_facilities": frozenset({"operates_facility"}),
    "old_equipment": frozenset({"equipment_over_life"}),
    "loan_summary": frozenset({"has_loans"}),
    "reserves": frozenset({"negative_reserves"}),
    "three_months_costs": frozenset({"low_reserves"}),
    "sponsor_share": frozenset({"sponsor_concentrated"}),
    "avg_worker_fee": frozenset({"workers_under_5000", "workers_5000_15000", "workers_over_15000"}),
    "volunteers_count": frozenset({"has_volunteers"}),
    "competitors": frozenset({"has_competitors"}),
    "disabled_athletes": frozenset({"has_disabled_athletes"}),
    "five_per_mille_group": frozenset(
        {"five_per_mille_eligible", "five_per_mille_receiving", "five_per_mille_not_yet"}
    ),
}


def join(items: list[str], language: Language) -> str:
    """ "a, b e c" / "a, b and c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return items[0] if items else ""
    last = " e " if language is Language.IT else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def money(amount: float, language: Language) -> str:
    return formatting.quantity(round(amount), "EUR", language)


def _facility_names(facilities: list[Facility], language: Language) -> str:
    return join([f.name for f in facilities], language)


def _old_equipment(facts: ClubFacts, language: Language) -> str:
    parts = []
    for status in facts.equipment:
        if not status.over_life or status.kind is None or status.kind.life_years is None:
            continue
        item = status.item
        low, high = status.kind.life_years
        if language is Language.IT:
            text = (
                f"{item.item} ({item.count}, età media {item.age_years} anni contro una vita "
                f"tipica di {low}-{high})"
            )
        else:
            text = (
                f"{item.item} ({item.count}, average age {item.age_years} years against a typical "
                f"life of {low}-{high})"
            )
        parts.append(text)
    return join(parts, language)


def loan_text(facts: ClubFacts, language: Language) -> str:
    """The club's loans as a budget line: «lender» (4.200 € l'anno fino al 2031)."""
    it = language is Language.IT
    parts = []
    for loan in facts.club.loans:
        details = []
        instalment = loan.yearly_instalment.value if loan.yearly_instalment else None
        if isinstance(instalment, int | float):
            details.append(
                f"{money(instalment, language)} l'anno"
                if it
                else f"{money(instalment, language)} a year"
            )
        if loan.end_year:
            details.append(f"fino al {loan.end_year}" if it else f"until {loan.end_year}")
        suffix = f" ({' '.join(details)})" if details else ""
        parts.append(f"«{loan.lender}»{suffix}")
    text = join(parts, language)
    if it:
        return f"le rate di {text}" if len(parts) > 1 else f"la rata di {text}"
    return f"the instalments of {text}"


def _five_per_mille_group(facts: ClubFacts, language: Language) -> str:
    words = {
        "youth": ("giovani under 18", "under-18s"),
        "over_60": ("over 60", "over-60s"),
        "disability": ("persone con disabilità", "people with disabilities"),
    }
    index = 0 if language is Language.IT else 1
    return join([words[g][index] for g in facts.five_per_mille_groups()], language)


def _bodies(facts: ClubFacts, language: Language) -> str:
    names = [a.name for a in facts.club.identity.affiliations]
    return join(list(dict.fromkeys(names)), language)


def _agreement(facility: Facility, language: Language) -> str:
    """ "la concessione comunale di X" / "il contratto d'affitto di X", as the text needs it."""
    if facility.ownership is Ownership.MUNICIPAL_CONCESSION:
        return (
            f"la concessione comunale di {facility.name}"
            if language is Language.IT
            else f"the municipal concession of {facility.name}"
        )
    return (
        f"il contratto di {facility.name}"
        if language is Language.IT
        else f"the agreement for {facility.name}"
    )


def slots(facts: ClubFacts, language: Language) -> dict[str, str]:
    """Every slot the club's data can fill, in ``language``; absent slots are not keys."""
    club = facts.club
    values: dict[str, Callable[[], str | None]] = {
        "club": lambda: club.identity.name,
        "city": lambda: club.identity.city,
        "bodies": lambda: _bodies(facts, language),
        "year_founded": lambda: str(club.identity.year_founded),
        "left_count": lambda: _count(facts, "left"),
        "waiting_list": lambda: _count(facts, "waiting_list"),
        "facility_names": lambda: _facility_names(club.facilities, language),
        "owned_facilities": lambda: _facility_names(facts.facilities(Ownership.OWNED), language),
        "concession_facilities": lambda: _facility_names(
            facts.facilities(Ownership.MUNICIPAL_CONCESSION), language
        ),
        "leased_facilities": lambda: _facility_names(facts.facilities(Ownership.LEASED), language),
        "expiring_facility": lambda: _first_expiring(facts, lambda f: f.name),
        "expiry_date": lambda: _first_expiring(
            facts,
            lambda f: formatting.date(f.concession_expiry, language) if f.concession_expiry else "",
        ),
        "expiring_agreement": lambda: _first_expiring(facts, lambda f: _agreement(f, language)),
        "energy_facilities": lambda: _facility_names(
            [
                f
                for f in club.facilities
                if f.ownership in (Ownership.OWNED, Ownership.MUNICIPAL_CONCESSION)
            ],
            language,
        ),
        "old_equipment": lambda: _old_equipment(facts, language),
        "loan_summary": lambda: loan_text(facts, language) if club.loans else None,
        "reserves": lambda: _money_of(club.balance.reserves, language),
        "three_months_costs": lambda: _maybe_money(facts.three_months_costs(), language),
        "sponsor_share": lambda: _percent(facts.number("largest_sponsor_share"), language),
        "avg_worker_fee": lambda: _maybe_money(facts.average_worker_fee(), language),
        "volunteers_count": lambda: _count(facts, "volunteers"),
        "competitors": lambda: join(list(club.qualitative.competitors[:3]), language),
        "disabled_athletes": lambda: _count(facts, "athletes_with_disabilities"),
        "five_per_mille_group": lambda: _five_per_mille_group(facts, language),
    }
    filled = {}
    for name, compute in values.items():
        value = compute()
        if value:
            filled[name] = value
    return filled


def _count(facts: ClubFacts, name: str) -> str | None:
    if name == "left":
        raw = facts.club.people.left_this_season
        number = raw.value if raw is not None else None
    else:
        number = facts.number(name)
    if not isinstance(number, int | float) or number <= 0:
        return None
    return str(int(number))


def _first_expiring(facts: ClubFacts, part: Callable[[Facility], str]) -> str | None:
    expiring = facts.expiring_facilities()
    return part(expiring[0]) if expiring else None


def _maybe_money(amount: float | None, language: Language) -> str | None:
    return None if amount is None else money(amount, language)


def _money_of(value, language: Language) -> str | None:
    number = value.value if value is not None else None
    return money(float(number), language) if isinstance(number, int | float) else None


def _percent(share: float | None, language: Language) -> str | None:
    if share is None:
        return None
    return formatting.quantity(share, "%", language)
