"""Figures derived from the questionnaire, and the named conditions the catalogue uses.

Every derived figure is a questionnaire-tier ``SourcedValue`` (or missing when
an input is missing): it is the club's own data, only added up. The catalogue
refers to figures and conditions by name, so its rules stay data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from engine.domain.club import ClubProfile, LegalForm, Ownership, SizeBand
from engine.domain.sourced import SourcedValue

LOW_RETENTION = 80.0  # % renewing below which keeping members comes first
FEW_FEMALE = 20.0  # % female members below which inclusion comes first
SPONSOR_DEPENDENT = 0.30  # one revenue line above this share is a dependency risk
WEEKS_PER_SEASON = 40


def _value(item: SourcedValue | None) -> float | None:
    if item is None or item.value is None or isinstance(item.value, str):
        return None
    return float(item.value)


@dataclass(frozen=True)
class ClubFacts:
    club: ClubProfile

    # --- figures ----------------------------------------------------------------

    @cached_property
    def figures(self) -> dict[str, SourcedValue]:
        people = self.club.people
        current = people.members_current_season
        facts: dict[str, tuple[float | None, str]] = {
            "members_total": (_opt(current.total()), "n"),
            "members_youth": (_opt(current.youth()), "n"),
            "members_over_60": (_opt(current.over_60.total()), "n"),
            "female_share": (self._female_share(), "%"),
            "retention_rate": (self._retention_rate(), "%"),
            "new_members": (_value(people.joined_this_season), "n"),
            "waiting_list": (_value(people.waiting_list), "n"),
            "teams_total": (
                float(sum(t.count for t in people.teams)) if people.teams else None,
                "n",
            ),
            "coaches_total": (
                float(sum(c.count for c in people.coaches)) if people.coaches else None,
                "n",
            ),
            "volunteers": (_value(people.volunteers), "n"),
            "paid_workers": (_value(people.paid_workers), "n"),
            "facility_hours": (
                float(sum(f.hours_per_week for f in self.club.facilities))
                if self.club.facilities
                else None,
                "ore/settimana",
            ),
            "facilities_cost": (_value(self.club.costs.facilities_utilities), "EUR/anno"),
            "revenue_total": (self.revenue_total(), "EUR/anno"),
            "sponsorship": (_value(self.club.revenue.sponsorship), "EUR/anno"),
            "events_revenue": (_value(self.club.revenue.events), "EUR/anno"),
            "bar_merchandise": (_value(self.club.revenue.bar_merchandise), "EUR/anno"),
            "donations": (_value(self.club.revenue.donations), "EUR/anno"),
            "average_fee": (_value(self.club.balance.average_fee_per_athlete), "EUR"),
        }
        return {
            name: SourcedValue.questionnaire(_round(value, unit), unit)
            for name, (value, unit) in facts.items()
        }

    def figure(self, name: str) -> SourcedValue:
        return self.figures[name]

    def number(self, name: str) -> float | None:
        return _value(self.figures[name])

    def revenue_total(self) -> float | None:
        values = [_value(v) for v in self.club.revenue.items().values()]
        known = [v for v in values if v is not None]
        return sum(known) if known else None

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

    # --- conditions -----------------------------------------------------------------

    def holds(self, condition: str) -> bool:
        return CONDITIONS[condition](self)


def _opt(value: int | None) -> float | None:
    return None if value is None else float(value)


def _round(value: float | None, unit: str) -> int | float | None:
    if value is None:
        return None
    if unit in ("n", "ore/settimana") and float(value).is_integer():
        return int(value)
    return round(value, 1 if unit == "%" else 2)


def _low_retention(f: ClubFacts) -> bool:
    rate = f.number("retention_rate")
    return rate is not None and rate < LOW_RETENTION


def _few_female(f: ClubFacts) -> bool:
    share = f.number("female_share")
    return share is not None and share < FEW_FEMALE


def _deficit(f: ClubFacts) -> bool:
    revenue = f.revenue_total()
    costs = [_value(v) for v in f.club.costs.items().values()]
    known = [c for c in costs if c is not None]
    return revenue is not None and bool(known) and revenue < sum(known)


def _sponsor_dependent(f: ClubFacts) -> bool:
    revenue, sponsorship = f.revenue_total(), f.number("sponsorship")
    return bool(revenue) and sponsorship is not None and sponsorship / revenue > SPONSOR_DEPENDENT


def _facility_hours_short(f: ClubFacts) -> bool:
    waiting = f.number("waiting_list") or 0
    hours = f.number("facility_hours")
    teams = f.number("teams_total") or 0
    return waiting > 0 or (hours is not None and teams > 0 and hours / teams < 3)


CONDITIONS: dict[str, Callable[[ClubFacts], bool]] = {
    "always": lambda f: True,
    "low_retention": _low_retention,
    "has_waiting_list": lambda f: (f.number("waiting_list") or 0) > 0,
    "many_teams": lambda f: (f.number("teams_total") or 0) >= 6,
    "not_rasd_registered": lambda f: not f.club.identity.rasd_registered,
    "large_club": lambda f: f.club.size_band() in (SizeBand.MEDIUM, SizeBand.LARGE),
    "small_club": lambda f: f.club.size_band() in (SizeBand.MICRO, SizeBand.SMALL),
    "few_female_members": _few_female,
    "has_paid_workers": lambda f: (f.number("paid_workers") or 0) > 0,
    "facility_hours_short": _facility_hours_short,
    "deficit": _deficit,
    "sponsor_dependent": _sponsor_dependent,
    "has_bar_merchandise": lambda f: (f.number("bar_merchandise") or 0) > 0,
    "five_per_mille_eligible": lambda f: (
        f.club.identity.legal_form is LegalForm.ASD and f.club.has_youth_section()
    ),
    "operates_facility": lambda f: any(
        x.ownership in (Ownership.OWNED, Ownership.MUNICIPAL_CONCESSION) for x in f.club.facilities
    ),
}
