"""Figures derived from the questionnaire, and the named conditions the catalogue uses.

Every derived figure is a questionnaire-tier ``SourcedValue`` (or missing when
an input is missing): it is the club's own data, only added up, and it says so
("calcolato dai vostri dati"). The catalogue refers to figures and conditions by
name, so its rules stay data.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from engine.domain.club import ClubProfile, Equipment, Facility, LegalForm, Ownership, SizeBand
from engine.domain.sourced import DERIVED_REFERENCE, SourcedValue
from engine.sports import ClubSports, EquipmentType, SportProfile

LOW_RETENTION = 80.0  # % renewing below which keeping members comes first
FEW_FEMALE = 20.0  # % female members below which inclusion comes first
SPONSOR_DEPENDENT = 0.30  # one revenue line above this share is a dependency risk
SPONSOR_CONCENTRATED = (
    50.0  # % of sponsorship from one sponsor that makes it a single point of failure
)
PARA_MAJORITY = 0.5  # share of members with disabilities that makes a club a para-sport club
RESERVE_MONTHS = 3  # reserves below this many months of costs are a liquidity risk
WEEKS_PER_SEASON = 40
# Sport-reform thresholds for sports workers (D.Lgs. 36/2021, art. 35 c. 8-bis and art. 36 c. 6):
# no social contributions up to EUR 5,000 a year, no income tax up to EUR 15,000.
CONTRIBUTION_FREE_FEES = 5000.0
TAX_FREE_FEES = 15000.0


FIGURE_NAMES = frozenset(
    {
        "members_total",
        "members_youth",
        "members_over_60",
        "female_share",
        "retention_rate",
        "new_members",
        "waiting_list",
        "teams_total",
        "coaches_total",
        "volunteers",
        "paid_workers",
        "athletes_with_disabilities",
        "facility_hours",
        "facilities_cost",
        "revenue_total",
        "sponsorship",
        "largest_sponsor_share",
        "events_revenue",
        "bar_merchandise",
        "donations",
        "average_fee",
        "avg_worker_fee",
        "equipment_to_renew",
        "municipality_population",
    }
)
"""The figures catalogue entries may name (KPI baselines, shares, an objective's context)."""


MEMBER_BANDS: dict[str, tuple[str, ...] | None] = {
    "members_total": None,  # every band
    "members_youth": ("under_6", "age_6_12", "age_13_18"),
    "members_over_60": ("over_60",),
}
"""Member figures added up from age bands: a lower bound ("almeno 99") when some are empty."""


def _value(item: SourcedValue | None) -> float | None:
    if item is None or item.value is None or isinstance(item.value, str):
        return None
    return float(item.value)


@dataclass(frozen=True)
class EquipmentStatus:
    """One line of the club's equipment, read against its sport's typical life."""

    item: Equipment
    kind: EquipmentType | None
    profile: SportProfile | None

    @property
    def over_life(self) -> bool:
        life = self.kind.life_years if self.kind else None
        return bool(life and self.item.age_years is not None and self.item.age_years >= life[0])

    @property
    def renewal_units(self) -> int:
        """Units to renew in three seasons at a steady pace: count x 3 / the longest typical life.

        A fleet whose average age is past its life cannot be renewed at once; renewing at the
        rate that keeps it young is a figure a board can defend. Never less than one.
        """
        if not self.over_life or self.kind is None or self.kind.life_years is None:
            return 0
        return max(1, min(self.item.count, round(self.item.count * 3 / self.kind.life_years[1])))


@dataclass(frozen=True)
class ClubFacts:
    club: ClubProfile
    sports: ClubSports | None = None

    @cached_property
    def club_sports(self) -> ClubSports:
        if self.sports is not None:
            return self.sports
        from engine.catalogue import default_catalogue  # the catalogue imports this module

        return default_catalogue().club_sports(self.club)

    # --- figures ----------------------------------------------------------------

    @cached_property
    def figures(self) -> dict[str, SourcedValue]:
        people = self.club.people
        current = people.members_current_season
        typed: dict[str, tuple[float | None, str]] = {
            "new_members": (_value(people.joined_this_season), "n"),
            "waiting_list": (_value(people.waiting_list), "n"),
            "volunteers": (_value(people.volunteers), "n"),
            "paid_workers": (_value(people.paid_workers), "n"),
            "athletes_with_disabilities": (_value(people.athletes_with_disabilities), "n"),
            "facilities_cost": (_value(self.club.costs.facilities_utilities), "EUR/anno"),
            "sponsorship": (_value(self.club.revenue.sponsorship), "EUR/anno"),
            "largest_sponsor_share": (_value(self.club.revenue.largest_sponsor_share), "%"),
            "events_revenue": (_value(self.club.revenue.events), "EUR/anno"),
            "bar_merchandise": (_value(self.club.revenue.bar_merchandise), "EUR/anno"),
            "donations": (_value(self.club.revenue.donations), "EUR/anno"),
            "average_fee": (_value(self.club.balance.average_fee_per_athlete), "EUR"),
            "municipality_population": (
                _value(self.club.identity.municipality_population),
                "abitanti",
            ),
        }
        derived: dict[str, tuple[float | None, str]] = {
            "female_share": (self._female_share(), "%"),
            "retention_rate": (self._retention_rate(), "%"),
            "teams_total": (
                float(sum(t.count for t in people.teams)) if people.teams else None,
                "n",
            ),
            "coaches_total": (
                float(sum(c.count for c in people.coaches)) if people.coaches else None,
                "n",
            ),
            "facility_hours": (
                float(sum(f.hours_per_week for f in self.club.facilities))
                if self.club.facilities
                else None,
                "ore/settimana",
            ),
            "revenue_total": (self.revenue_total(), "EUR/anno"),
            "avg_worker_fee": (self.average_worker_fee(), "EUR/anno"),
            "equipment_to_renew": (
                float(sum(s.renewal_units for s in self.equipment)) or None,
                "n",
            ),
        }
        figures = {name: _sourced(value, unit, None) for name, (value, unit) in typed.items()}
        figures.update(
            {
                name: _sourced(value, unit, DERIVED_REFERENCE)
                for name, (value, unit) in derived.items()
            }
        )
        for name, bands in MEMBER_BANDS.items():
            known, missing = current.at_least(bands)
            figures[name] = _sourced(_opt(known), "n", DERIVED_REFERENCE).model_copy(
                update={"bands_missing": missing if known is not None else 0}
            )
        original = self.club.identity.municipality_population
        if original is not None and original.value is not None:
            figures["municipality_population"] = original  # keeps its own tier (e.g. ISTAT)
        return figures

    def figure(self, name: str) -> SourcedValue:
        return self.figures[name]

    def with_figures(self, overrides: dict[str, SourcedValue]) -> ClubFacts:
        """These facts with some figures replaced (a KPI baseline the user typed over)."""
        copy = ClubFacts(self.club, self.club_sports)
        copy.__dict__["figures"] = {**self.figures, **overrides}  # seeds the cached property
        return copy

    def number(self, name: str) -> float | None:
        return _value(self.figures[name])

    def revenue_total(self) -> float | None:
        values = [_value(v) for v in self.club.revenue.items().values()]
        known = [v for v in values if v is not None]
        return sum(known) if known else None

    def costs_total(self) -> float | None:
        known = [v for v in (_value(c) for c in self.club.costs.items().values()) if v is not None]
        return sum(known) if known else None

    def average_worker_fee(self) -> float | None:
        workers = _value(self.club.people.paid_workers)
        fees = _value(self.club.people.paid_workers_fees)
        if not workers or fees is None:
            return None
        return fees / workers

    def _female_share(self) -> float | None:
        bands = self.club.people.members_current_season.bands().values()
        female = [_value(b.female) for b in bands]
        total = self.club.people.members_current_season.total()
        if not total or any(f is None for f in female):
            return None
        return 100.0 * sum(f for f in female if f is not None) / total

    def _retention_rate(self) -> float | None:
        last = self.club.people.members_last_season.total()
        left = _value(self.club.people.left_this_season)
        if not last or left is None:
            return None
        return 100.0 * (last - left) / last

    # --- the club's situation ---------------------------------------------------------

    @cached_property
    def equipment(self) -> list[EquipmentStatus]:
        statuses = []
        for item in self.club.equipment:
            found = self.club_sports.equipment_type(item.item)
            profile, kind = found if found else (None, None)
            statuses.append(EquipmentStatus(item, kind, profile))
        return statuses

    @property
    def plan_end(self) -> dt.date:
        """The last day of the plan's third season (31 August)."""
        start = int(self.club.identity.reference_season[:4])
        return dt.date(start + 4, 8, 31)

    def facilities(self, ownership: Ownership) -> list[Facility]:
        return [f for f in self.club.facilities if f.ownership is ownership]

    def expiring_facilities(self) -> list[Facility]:
        """Concessions and leases that end before the plan does (or have already ended)."""
        return sorted(
            (
                f
                for f in self.club.facilities
                if f.concession_expiry is not None and f.concession_expiry <= self.plan_end
            ),
            key=lambda f: f.concession_expiry or self.plan_end,
        )

    def disabled_share(self) -> float | None:
        disabled = self.number("athletes_with_disabilities")
        members = self.number("members_total")
        if disabled is None or not members:
            return None
        return disabled / members

    def five_per_mille_groups(self) -> list[str]:
        """Which of the groups 5x1000 serves the club has: youth, over 60, disability."""
        current = self.club.people.members_current_season
        groups = []
        if current.youth() or self.club.has_youth_section():
            groups.append("youth")
        if current.over_60.total():
            groups.append("over_60")
        if self.number("athletes_with_disabilities"):
            groups.append("disability")
        return groups

    def five_per_mille_eligible(self) -> bool:
        """An ASD in the RASD, with a youth section, serving mainly under-18s, over-60s or
        people with disabilities (DPCM 23/07/2020 art. 1 c. 1 lett. e; D.M. 2/04/2009 art.
        5-bis). Prevalence is read from the members when they are known."""
        identity = self.club.identity
        if identity.legal_form is not LegalForm.ASD or not identity.rasd_registered:
            return False
        if not self.club.has_youth_section() or not self.five_per_mille_groups():
            return False
        share = self._five_per_mille_share()
        return share is None or share > 0.5

    def _five_per_mille_share(self) -> float | None:
        members = self.number("members_total")
        if not members:
            return None
        current = self.club.people.members_current_season
        served = (current.youth() or 0) + (current.over_60.total() or 0)
        served += self.number("athletes_with_disabilities") or 0
        return min(1.0, served / members)

    def three_months_costs(self) -> float | None:
        total = self.costs_total()
        return None if total is None else total * RESERVE_MONTHS / 12

    # --- conditions -----------------------------------------------------------------

    def holds(self, condition: str) -> bool:
        return CONDITIONS[condition](self)


def _opt(value: int | None) -> float | None:
    return None if value is None else float(value)


def _sourced(value: float | None, unit: str, reference: str | None) -> SourcedValue:
    rounded = _round(value, unit)
    return SourcedValue.questionnaire(rounded, unit).model_copy(
        update={"reference": reference if rounded is not None else None}
    )


def _round(value: float | None, unit: str) -> int | float | None:
    if value is None:
        return None
    if unit in ("n", "ore/settimana", "abitanti") and float(value).is_integer():
        return int(value)
    return round(value, 1 if unit == "%" else 2)


def _low_retention(f: ClubFacts) -> bool:
    rate = f.number("retention_rate")
    return rate is not None and rate < LOW_RETENTION


def _few_female(f: ClubFacts) -> bool:
    share = f.number("female_share")
    return share is not None and share < FEW_FEMALE


def _deficit(f: ClubFacts) -> bool:
    revenue, costs = f.revenue_total(), f.costs_total()
    return revenue is not None and costs is not None and revenue < costs


def _sponsor_dependent(f: ClubFacts) -> bool:
    revenue, sponsorship = f.revenue_total(), f.number("sponsorship")
    return bool(revenue) and sponsorship is not None and sponsorship / revenue > SPONSOR_DEPENDENT


def _sponsor_concentrated(f: ClubFacts) -> bool:
    share = f.number("largest_sponsor_share")
    return share is not None and share >= SPONSOR_CONCENTRATED and bool(f.number("sponsorship"))


def _facility_hours_short(f: ClubFacts) -> bool:
    waiting = f.number("waiting_list") or 0
    hours = f.number("facility_hours")
    teams = f.number("teams_total") or 0
    return waiting > 0 or (hours is not None and teams > 0 and hours / teams < 3)


def _para_club(f: ClubFacts) -> bool:
    share = f.disabled_share()
    return f.club.paralympic or f.club_sports.para or (share is not None and share >= PARA_MAJORITY)


def _reserves(f: ClubFacts) -> float | None:
    return _value(f.club.balance.reserves)


def _low_reserves(f: ClubFacts) -> bool:
    reserves, needed = _reserves(f), f.three_months_costs()
    return reserves is not None and needed is not None and 0 <= reserves < needed


def _fee_band(low: float, high: float) -> Callable[[ClubFacts], bool]:
    """Average fee per paid worker in (low, high]."""

    def check(f: ClubFacts) -> bool:
        fee = f.average_worker_fee()
        return fee is not None and low < fee <= high

    return check


def _five_per_mille_received(f: ClubFacts) -> bool:
    return bool(_value(f.club.revenue.five_per_mille))


CONDITIONS: dict[str, Callable[[ClubFacts], bool]] = {
    "always": lambda f: True,
    "low_retention": _low_retention,
    "has_waiting_list": lambda f: (f.number("waiting_list") or 0) > 0,
    "has_left_count": lambda f: _value(f.club.people.left_this_season) is not None,
    "no_left_count": lambda f: _value(f.club.people.left_this_season) is None,
    "many_teams": lambda f: (f.number("teams_total") or 0) >= 6,
    "not_rasd_registered": lambda f: not f.club.identity.rasd_registered,
    "large_club": lambda f: f.club.size_band() in (SizeBand.MEDIUM, SizeBand.LARGE),
    "small_club": lambda f: f.club.size_band() in (SizeBand.MICRO, SizeBand.SMALL),
    "youth_section": lambda f: f.club.has_youth_section(),
    "few_female_members": _few_female,
    "female_minority": lambda f: (f.number("female_share") or 0) < 45,
    "has_paid_workers": lambda f: (f.number("paid_workers") or 0) > 0,
    "workers_under_5000": _fee_band(-math.inf, CONTRIBUTION_FREE_FEES),
    "workers_5000_15000": _fee_band(CONTRIBUTION_FREE_FEES, TAX_FREE_FEES),
    "workers_over_15000": _fee_band(TAX_FREE_FEES, math.inf),
    "workers_fee_unknown": lambda f: (
        (f.number("paid_workers") or 0) > 0 and f.average_worker_fee() is None
    ),
    "has_volunteers": lambda f: (f.number("volunteers") or 0) > 0,
    "no_volunteers": lambda f: not f.number("volunteers"),
    "facility_hours_short": _facility_hours_short,
    "has_facilities": lambda f: bool(f.club.facilities),
    "no_facilities": lambda f: not f.club.facilities,
    "has_owned_facility": lambda f: bool(f.facilities(Ownership.OWNED)),
    "no_owned_facility": lambda f: not f.facilities(Ownership.OWNED),
    "has_concession": lambda f: bool(f.facilities(Ownership.MUNICIPAL_CONCESSION)),
    "has_leased_facility": lambda f: bool(f.facilities(Ownership.LEASED)),
    "concession_expiring": lambda f: bool(f.expiring_facilities()),
    "operates_facility": lambda f: any(
        x.ownership in (Ownership.OWNED, Ownership.MUNICIPAL_CONCESSION) for x in f.club.facilities
    ),
    "has_equipment": lambda f: bool(f.club.equipment),
    "equipment_over_life": lambda f: any(s.over_life for s in f.equipment),
    "deficit": _deficit,
    "sponsor_dependent": _sponsor_dependent,
    "sponsor_concentrated": _sponsor_concentrated,
    "has_bar_merchandise": lambda f: (f.number("bar_merchandise") or 0) > 0,
    "five_per_mille_eligible": lambda f: f.five_per_mille_eligible(),
    "five_per_mille_receiving": lambda f: (
        f.five_per_mille_eligible() and _five_per_mille_received(f)
    ),
    "five_per_mille_not_yet": lambda f: (
        f.five_per_mille_eligible() and not _five_per_mille_received(f)
    ),
    "has_loans": lambda f: bool(f.club.loans),
    "negative_reserves": lambda f: (_reserves(f) or 0) < 0,
    "low_reserves": _low_reserves,
    "has_disabled_athletes": lambda f: (f.number("athletes_with_disabilities") or 0) > 0,
    "no_disabled_athletes": lambda f: not f.number("athletes_with_disabilities"),
    "para_club": _para_club,
    "not_para_club": lambda f: not _para_club(f),
    "has_competitors": lambda f: bool(f.club.qualitative.competitors),
    "no_competitors": lambda f: not f.club.qualitative.competitors,
}
