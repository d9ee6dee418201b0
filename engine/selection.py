"""The skeleton of a plan, by rule: priorities, budgets, KPIs and actions for this club.

Users of the earlier product could not trust figures a language model made up,
and hated plans that read the same for every club. Here every number an
objective carries is computed from the club's questionnaire and named rules or
benchmarks, and every text is the catalogue's, in the club's sport's words, with
the club's own facts (its facilities, boats, loans, sponsor) and the board's own
goals and problems. Agents (AI or offline) write prose around this skeleton and
cannot change its numbers.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import string
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from engine import board as board_links
from engine import formatting
from engine.agents.texts import agree, pick
from engine.board import Statement, StatementKind
from engine.catalogue import Catalogue, KpiTemplate, Macro, Micro, Text
from engine.domain.club import BoardGoal
from engine.domain.language import Language
from engine.domain.plan import KPI, Action, BudgetRange
from engine.domain.sourced import DERIVED_REFERENCE, SourcedValue, SourceTier
from engine.facts import CONTRIBUTION_FREE_FEES, ClubFacts, EquipmentStatus
from engine.situation import slots as club_slots
from engine.sports import ClubSports, SportProfile, capitalised, normalise

CENT = Decimal("0.01")
SEASON_START_MONTH = 9  # Italian sports seasons start in September
PLAN_MONTHS = 36
DEFAULT_MEMBERS = 100  # size used to scale fixed budgets when membership is unknown
DEFAULT_REVENUE = Decimal(30000)  # Istat 2015: 61% of non-profits are below EUR 30k
EXPIRY_LEAD_MONTHS = 6  # a concession renewal is prepared six months before it ends
BOARD_ACTION_MONTH = {StatementKind.PROBLEM: 2, StatementKind.GOAL: 4}


def cents(value: Decimal | float | int) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


class Word(str):
    """A filled template word; ``{coaches:cap}`` capitalises it."""

    def __format__(self, spec: str) -> str:
        return capitalised(str(self)) if spec == "cap" else format(str(self), spec)


def fill(template: str, words: dict[str, str]) -> str:
    """Fill a template whose names the catalogue loader has already checked."""
    template = agree(template, words)  # "1 persona", not "1 persone"
    return string.Formatter().vformat(template, (), {k: Word(v) for k, v in words.items()})


@dataclass(frozen=True)
class SelectedObjective:
    macro: Macro
    priority: int
    budget: BudgetRange
    kpis: list[KPI]
    actions: list[Action]
    micro: list[Micro]
    reasons: tuple[str, ...] = ()  # the conditions that set the priority (engine.facts names)
    statements: tuple[Statement, ...] = ()  # the board's goals and problems it answers
    title: str = ""
    objective: str = ""
    kpi_keys: tuple[str, ...] = ()  # catalogue key of each KPI ("goal.1" for a board's target)
    renewals: tuple[tuple[EquipmentStatus, int], ...] = ()  # equipment renewed, and how many

    @property
    def code(self) -> str:
        return self.macro.code

    @property
    def committed_budget(self) -> Decimal:
        """What the financial plan commits: the prudent end of the range.

        The rest of the range is what the funding sources (grants, loans,
        sponsors) would have to add; the plan says so rather than assume it.
        """
        return cents(self.budget.min_eur)

    def answers(self, language: Language) -> list[str]:
        return [s.quoted(language) for s in self.statements]


# --- the plan's calendar ---------------------------------------------------------------


def first_season_start(reference_season: str) -> dt.date:
    return dt.date(int(reference_season[:4]) + 1, SEASON_START_MONTH, 1)


def plan_end(reference_season: str) -> dt.date:
    start = first_season_start(reference_season)
    return dt.date(start.year + 3, SEASON_START_MONTH - 1, 31)


def _month_end(start: dt.date, months: int) -> dt.date:
    month_index = start.month - 1 + months - 1
    year, month = start.year + month_index // 12, month_index % 12 + 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def deadline_for(first_start: dt.date, priority: int, month: int) -> dt.date:
    """Months after the objective starts, squeezed so the last one still falls in the plan.

    An objective starting in year 3 has 12 months left: a catalogue action due 36
    months after its start becomes due at the plan's end, and the others keep
    their order in between.
    """
    start = dt.date(first_start.year + priority - 1, first_start.month, 1)
    available = PLAN_MONTHS - 12 * (priority - 1)
    if month > available:
        month = max(1, math.ceil(month * available / PLAN_MONTHS))
    return _month_end(start, month)


def _expires_before(facts: ClubFacts, first_start: dt.date) -> bool:
    expiring = facts.expiring_facilities()
    expiry = expiring[0].concession_expiry if expiring else None
    return expiry is not None and expiry < first_start


def _before_expiry(facts: ClubFacts, first_start: dt.date) -> dt.date:
    expiry = facts.expiring_facilities()[0].concession_expiry or facts.plan_end
    month = expiry.month - EXPIRY_LEAD_MONTHS
    due = dt.date(expiry.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    due = _month_end(due, 1)
    earliest = _month_end(first_start, 1)
    return min(max(due, earliest), facts.plan_end)


# --- priorities ---------------------------------------------------------------------------


def priority_of(
    macro: Macro, facts: ClubFacts, statements: tuple[Statement, ...] = ()
) -> tuple[int, tuple[str, ...]]:
    """The most urgent rule that holds wins; a goal or problem of the board starts in year 1.

    Returns the priority and the reasons behind it (condition names, or
    ``board_problem``/``board_goal``) for the plan's plain-words explanation.
    """
    declared = [s for s in statements if s.declared]
    fired = [rule for rule in macro.priority.rules if facts.holds(rule.when)]
    reasons: list[str] = []
    priority = macro.priority.default
    if fired:
        priority = min(rule.priority for rule in fired)
        reasons = [rule.when for rule in fired if rule.priority == priority]
    if declared:
        board = [
            "board_problem" if s.kind is StatementKind.PROBLEM else "board_goal" for s in declared
        ]
        if priority > 1:
            reasons = []
        priority = 1
        reasons = list(dict.fromkeys([*board, *reasons]))
    return priority, tuple(reasons)


# --- budgets ---------------------------------------------------------------------------


def _round_budget(value: Decimal) -> Decimal:
    """Budgets are ranges to verify: round to EUR 50 so they never look falsely precise."""
    return (value / 50).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 50


def _eur(value: Decimal | float, language: Language) -> str:
    return formatting.money(float(value), language)


def _percent(share: float, language: Language) -> str:
    return formatting.quantity(round(share * 100, 2), "%", language)


def budget_for(
    macro: Macro,
    facts: ClubFacts,
    catalogue: Catalogue,
    language: Language = Language.IT,
    renewals: tuple[tuple[EquipmentStatus, int], ...] = (),
) -> BudgetRange:
    """A min-max range in EUR over the three seasons, worded as the rule that produced it."""
    it = language is Language.IT
    rule = macro.budget
    revenue = facts.revenue_total()
    members = facts.number("members_total")
    low: Decimal
    high: Decimal
    tier = SourceTier.ESTIMATE
    if rule.basis == "revenue_share":
        base = Decimal(str(revenue)) if revenue else DEFAULT_REVENUE
        low, high = base * Decimal(str(rule.min)) * 3, base * Decimal(str(rule.max)) * 3
        span = f"{_percent(rule.min or 0, language)}-{_percent(rule.max or 0, language)}"
        if revenue:
            reference = (
                f"regola di pianificazione: {span} delle entrate dichiarate "
                f"({_eur(base, language)}) per tre stagioni"
                if it
                else f"planning rule: {span} of declared revenue ({_eur(base, language)}) "
                "over three seasons"
            )
        else:
            reference = (
                f"regola di pianificazione: {span} di 30.000 € l'anno (entrate non indicate; "
                "Istat 2015: il 61% delle non profit è sotto questa soglia)"
                if it
                else f"planning rule: {span} of €30,000 a year (revenue not given; Istat "
                "2015: 61% of non-profits are below it)"
            )
    elif rule.basis == "per_member":
        count = Decimal(str(members or DEFAULT_MEMBERS))
        low = Decimal(str(rule.min)) * count * 3
        high = Decimal(str(rule.max)) * count * 3
        counted = formatting.figure(facts.figure("members_total"), language)  # "almeno 242"
        who = (
            (
                f"{counted} tesserati"
                if members
                else f"{DEFAULT_MEMBERS} tesserati (numero non indicato)"
            )
            if it
            else (
                f"{counted} members" if members else f"{DEFAULT_MEMBERS} members (number not given)"
            )
        )
        reference = (
            f"regola di pianificazione: da {_eur(rule.min or 0, language)} a "
            f"{_eur(rule.max or 0, language)} per tesserato a stagione ({who})"
            if it
            else f"planning rule: {_eur(rule.min or 0, language)} to "
            f"{_eur(rule.max or 0, language)} per member a season ({who})"
        )
    elif rule.basis == "per_paid_worker":
        low, high, reference, tier = _worker_budget(macro, facts, language)
    else:  # fixed, optionally scaled by club size
        scale = (
            Decimal(str(members or DEFAULT_MEMBERS)) / DEFAULT_MEMBERS
            if rule.scale == "members"
            else Decimal(1)
        )
        scale = max(Decimal("0.5"), min(scale, Decimal(3)))
        low, high = Decimal(str(rule.min)) * scale, Decimal(str(rule.max)) * scale
        scaled = (
            (" in proporzione ai tesserati" if it else " scaled to membership")
            if rule.scale == "members"
            else ""
        )
        reference = (
            f"regola di pianificazione: da {_eur(rule.min or 0, language)} a "
            f"{_eur(rule.max or 0, language)} in tre stagioni{scaled}"
            if it
            else f"planning rule: {_eur(rule.min or 0, language)} to "
            f"{_eur(rule.max or 0, language)} over three seasons{scaled}"
        )
    renewal = sum(
        (Decimal(str(_unit_cost(status))) * units for status, units in renewals), Decimal(0)
    )
    if renewal:
        low, high = low + renewal, high + renewal
        parts = [
            f"{units} × {_eur(_unit_cost(status), language)} ({status.item.item})"
            for status, units in renewals
        ]
        reference = (
            f"{reference}; più il rinnovo calcolato dai vostri dati: {', '.join(parts)}"
            if it
            else f"{reference}; plus the renewal calculated from your data: {', '.join(parts)}"
        )
    return BudgetRange(
        min_eur=float(_round_budget(low)),
        max_eur=float(_round_budget(high)),
        tier=tier,
        reference=formatting.clip(reference, 300),
    )


def _unit_cost(status: EquipmentStatus) -> float:
    cost = status.item.replacement_cost
    if cost is not None and isinstance(cost.value, int | float):
        return float(cost.value)
    return 0.0


def _worker_budget(
    macro: Macro, facts: ClubFacts, language: Language
) -> tuple[Decimal, Decimal, str, SourceTier]:
    """Staff budget from the club's own fees per worker; a sport's published figure, or the
    reform's contribution-free threshold, only when the club's fees are unknown."""
    it = language is Language.IT
    rule = macro.budget
    workers_known = facts.number("paid_workers")
    workers = Decimal(str(workers_known or 1))
    fee = facts.average_worker_fee()
    span = f"{_percent(rule.min or 0, language)}-{_percent(rule.max or 0, language)}"
    benchmark = _sport_benchmark(facts.club_sports, "paid_worker_cost")
    if fee:
        base = Decimal(str(fee))
        where = (
            f"calcolato dai vostri dati: {span} dei compensi medi ({_eur(fee, language)} per "
            f"{formatting.count(int(workers), 'lavoratore', 'lavoratori', language)}) per tre "
            "stagioni"
            if it
            else f"calculated from your data: {span} of average fees ({_eur(fee, language)} "
            f"for {formatting.count(int(workers), 'worker', 'workers', language)}) over three "
            "seasons"
        )
    elif benchmark is not None:
        profile, figure = benchmark
        base = Decimal(str(figure.low))
        where = (
            f"{span} del costo per lavoratore nel {profile.name.it} ({_eur(figure.low, language)}, "
            f"{figure.sourced.source}) per tre stagioni"
            if it
            else f"{span} of the cost per worker in {profile.name.en} "
            f"({_eur(figure.low, language)}, {figure.sourced.source}) over three seasons"
        )
    else:
        base = Decimal(str(CONTRIBUTION_FREE_FEES))
        sport = facts.club_sports.label(language)
        where = (
            f"nessun dato pubblicato per {sport} e compensi non indicati: {span} della soglia di "
            f"5.000 € della riforma (D.Lgs. 36/2021) per lavoratore, per tre stagioni"
            if it
            else f"no published figure for {sport} and fees not given: {span} of the reform's "
            f"€5,000 threshold (D.Lgs. 36/2021) per worker, over three seasons"
        )
    low = base * workers * Decimal(str(rule.min)) * 3
    high = base * workers * Decimal(str(rule.max)) * 3
    return low, high, where, SourceTier.ESTIMATE


def _sport_benchmark(sports: ClubSports, key: str) -> tuple[SportProfile, Any] | None:
    for profile in sports.profiles:
        figure = profile.benchmark(key)
        if figure is not None:
            return profile, figure
    return None


# --- KPIs ----------------------------------------------------------------------------


def target_rule_words(
    template: KpiTemplate, catalogue: Catalogue, language: Language, whole: float | None = None
) -> str:
    """The rule that produced a KPI's targets, in words ("+5%, +10%, +15% ...")."""
    it = language is Language.IT
    rule = template.target
    if rule.kind == "growth":
        steps = rule.steps or []
        signed = ", ".join(_signed(step, language) for step in steps)
        prudence = (
            ("riduzione graduale" if it else "gradual reduction")
            if any(s < 0 for s in steps)
            else ("crescita prudente" if it else "prudent growth")
        )
        text = (
            f"regola di pianificazione: {signed} sul dato attuale ({prudence})"
            if it
            else f"planning rule: {signed} on today's figure ({prudence})"
        )
    elif rule.kind == "toward":
        level = formatting.quantity(rule.value or 0, template.unit, language)
        text = (
            f"regola di pianificazione: avvicinarsi a {level} un terzo del divario all'anno"
            if it
            else f"planning rule: close a third of the gap to {level} each year"
        )
        if rule.beyond == "hold":
            text += " (chi è già oltre lo mantiene)" if it else " (a club already past it holds it)"
    elif rule.kind == "points":
        points = ", ".join(f"+{formatting.number(s, language)}" for s in rule.steps or [])
        text = (
            f"regola di pianificazione: {points} punti percentuali sul dato attuale"
            if it
            else f"planning rule: {points} percentage points on today's figure"
        )
    elif rule.kind == "share_of":
        shares = ", ".join(_percent(v, language) for v in rule.values or [])
        total = formatting.number(whole, language) if whole is not None else "?"
        text = (
            f"regola di pianificazione: {shares} del totale calcolato dai vostri dati ({total})"
            if it
            else f"planning rule: {shares} of the total calculated from your data ({total})"
        )
    else:  # values
        values = " → ".join(formatting.number(v, language) for v in rule.values or [])
        scaled = ""
        if rule.scale == "members":
            scaled = (
                " per una società di 100 tesserati, in proporzione ai vostri"
                if it
                else " for a club of 100 members, scaled to yours"
            )
        text = (
            f"traguardi di riferimento Rooting Future ({values}{scaled}), da adattare alla società"
            if it
            else f"Rooting Future reference targets ({values}{scaled}), to adapt to the club"
        )
    if template.benchmark not in ("rf_planning_rule", "club_worker_fees", "sport_equipment_life"):
        name = catalogue.benchmark_name(template.benchmark)
        text += f"; {'riferimento' if it else 'reference'}: {name}"
    return formatting.clip(text, 300)


def _signed(step: float, language: Language) -> str:
    if not step:
        return "invariato" if language is Language.IT else "unchanged"
    percent = formatting.quantity(round(step * 100, 1), "%", language)
    return f"+{percent}" if step > 0 else percent


def kpi_for(
    template: KpiTemplate,
    facts: ClubFacts,
    catalogue: Catalogue,
    language: Language,
    words: dict[str, str] | None = None,
    profile: SportProfile | None = None,
) -> KPI:
    words = words or facts.club_sports.words(language)
    override = (
        profile.kpi.get(f"{_macro_of(template, catalogue)}.{template.key}") if profile else None
    )
    name = (override.name if override and override.name else template.name).get(language)
    measure = (override.measure if override and override.measure else template.measure).get(
        language
    )
    if template.baseline is not None:
        baseline = facts.figure(template.baseline).model_copy(update={"unit": template.unit})
    else:
        baseline = SourcedValue.missing(template.unit)
    whole = facts.number(template.target.of) if template.target.of else None
    if template.benchmark == "sport_equipment_life":
        reference = _equipment_reference(facts, language)
    else:
        reference = target_rule_words(template, catalogue, language, whole)
    targets = [
        SourcedValue.estimate(value, template.unit, reference)
        if value is not None
        else SourcedValue.missing(template.unit)
        for value in _targets(template, baseline, facts)
    ]
    return KPI(
        name=fill(name, words),
        unit=template.unit,
        baseline=baseline,
        targets=targets,
        source=fill(measure, words),
    )


def _macro_of(template: KpiTemplate, catalogue: Catalogue) -> str:
    return next(m.code for m in catalogue.objectives if template in m.kpis)


def _equipment_reference(facts: ClubFacts, language: Language) -> str:
    sources = sorted(
        {
            s.kind.sourced.source
            for s in facts.equipment
            if s.over_life and s.kind is not None and s.kind.sourced is not None
        }
    )
    lead = (
        "regola di pianificazione: rinnovo al ritmo della vita tipica"
        if language is Language.IT
        else "planning rule: renewal at the pace of the typical life"
    )
    return formatting.clip(f"{lead} ({'; '.join(sources)})" if sources else lead, 300)


def _targets(
    template: KpiTemplate, baseline: SourcedValue, facts: ClubFacts
) -> list[float | int | None]:
    rule = template.target
    base = baseline.value if isinstance(baseline.value, int | float) else None
    integer = template.unit.startswith("n") or template.unit in ("sì/no",)
    if rule.kind == "values":
        factor = _size_factor(facts) if rule.scale == "members" else 1.0
        return [
            _shape(max(1.0, v * factor) if factor != 1.0 else v, integer) for v in rule.values or []
        ]
    if rule.kind == "share_of":
        whole = facts.number(rule.of or "")
        if whole is None:
            return [None, None, None]
        return [_shape(whole * share, True) for share in rule.values or []]
    if base is None:
        return [None, None, None]
    if rule.kind == "growth":
        values = [_shape(base * (1 + step), integer) for step in rule.steps or []]
        if integer and base and any(step > 0 for step in rule.steps or []):
            # a small count must still move: at least +1 by the third season
            values[-1] = max(values[-1], int(base) + 1)
            values = [min(v, values[-1]) for v in values]
        return values
    if rule.kind == "points":
        return [_shape(min(100.0, base + step), False) for step in rule.steps or []]
    goal = rule.value if rule.value is not None else base  # toward: part of the gap each year
    if goal < base and template.key == "largest_sponsor_share":
        return [_shape(base + (goal - base) * step, False) for step in rule.steps or []]
    if base >= goal:  # already past the level: hold it, or keep improving a point a year
        if rule.beyond == "hold":
            return [_shape(base, False)] * 3
        return [_shape(min(100.0, base + year), False) for year in (1, 2, 3)]
    return [_shape(base + (goal - base) * step, False) for step in rule.steps or []]


SIZE_FACTOR_RANGE = (0.3, 3.0)


def _size_factor(facts: ClubFacts) -> float:
    """Reference targets are set for a club of 100 members; scale them to this club."""
    members = facts.number("members_total")
    if not members:
        return 1.0
    low, high = SIZE_FACTOR_RANGE
    return max(low, min(high, members / DEFAULT_MEMBERS))


def _shape(value: float, integer: bool) -> float | int:
    return round(value) if integer else round(value, 1)


# A target the board wants every season ("ogni anno almeno 150 partenti"), not once by the
# third: each year's target is the number, and today's figure is still to be measured.
EVERY_YEAR = re.compile(
    r"\b(?:ogni|each|every) (?:anno|stagione|edizione|year|season|edition)\b|all'anno\b",
    re.IGNORECASE,
)
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_FROM_TO = re.compile(rf"\b(?:da|from)\s+{_NUMBER}\s+(?:\S+\s+){{0,3}}?(?:a|to)\s+{_NUMBER}\b")


def stated_start(goal: BoardGoal) -> float | None:
    """The starting figure the board wrote beside its target ("le ragazze da 19 a 35"):
    a goal's unit that names no figure of the club would otherwise start from 0."""
    for match in _FROM_TO.finditer(goal.text):
        start, end = (float(n.replace(",", ".")) for n in match.groups())
        if goal.target is not None and end == float(goal.target):
            return start
    return None


def goal_kpi(goal: BoardGoal, facts: ClubFacts, language: Language) -> KPI | None:
    """A board's measurable goal as a KPI: its own number in year 3, evenly reached.

    A unit that names one of the club's figures (tesserati, volontari...) is a level to
    reach from today's figure; a starting figure the board wrote beside its target ("le
    ragazze da 19 a 35") is the baseline; anything else (boats renewed) is counted from the
    plan's start.
    """
    if goal.target is None or not goal.target_unit:
        return None
    unit = goal.target_unit.strip()
    figure = board_links.level_figure(goal)
    start = facts.number(figure) if figure else None
    stated = stated_start(goal)
    if start is not None:
        baseline = facts.figure(figure).model_copy(update={"unit": unit})  # type: ignore[arg-type]
    elif stated is not None:  # "da 19 a 35": the board's own starting point
        start = stated
        baseline = SourcedValue.questionnaire(int(stated) if stated.is_integer() else stated, unit)
    elif EVERY_YEAR.search(goal.text):  # "ogni anno con almeno 150 partenti": a yearly level
        final = int(goal.target) if float(goal.target).is_integer() else goal.target
        return _goal_kpi(
            goal,
            unit,
            SourcedValue.missing(unit),
            [SourcedValue.questionnaire(final, unit)] * 3,
            language,
        )
    else:
        start = 0.0
        baseline = SourcedValue(
            value=0, unit=unit, tier=SourceTier.QUESTIONNAIRE, reference=DERIVED_REFERENCE
        )
    whole = float(goal.target).is_integer() and float(start).is_integer()
    steps = [start + (goal.target - start) * year / 3 for year in (1, 2)]
    shaped = [math.ceil(v) if whole and goal.target >= start else round(v, 1) for v in steps]
    final = int(goal.target) if float(goal.target).is_integer() else goal.target
    targets = [
        SourcedValue(value=v, unit=unit, tier=SourceTier.QUESTIONNAIRE, reference=DERIVED_REFERENCE)
        for v in shaped
    ] + [SourcedValue.questionnaire(final, unit)]
    return _goal_kpi(goal, unit, baseline, targets, language)


def _goal_kpi(
    goal: BoardGoal,
    unit: str,
    baseline: SourcedValue,
    targets: list[SourcedValue],
    language: Language,
) -> KPI:
    name = (
        f"Traguardo del direttivo: {unit}"
        if language is Language.IT
        else f"The board's target: {unit}"
    )
    quoted = formatting.clip(goal.text.rstrip("."), 200)
    yearly = len({t.value for t in targets}) == 1  # the same level every season
    how = (
        ("da raggiungere ogni stagione", "to reach every season")
        if yearly
        else (
            "raggiunto per gradi in tre stagioni",
            "reached step by step over three seasons",
        )
    )
    measure = (
        f"Traguardo indicato dal direttivo («{quoted}»), {how[0]}"
        if language is Language.IT
        else f"Target set by the board (“{quoted}”), {how[1]}"
    )
    return KPI(name=name, unit=unit, baseline=baseline, targets=targets, source=measure)


# --- actions -------------------------------------------------------------------------


def _profiles_for(facts: ClubFacts) -> tuple[SportProfile, ...]:
    return facts.club_sports.profiles


def _prefix(profile: SportProfile, language: Language, single: bool) -> str:
    return "" if single else f"{capitalised(profile.name.get(language))}: "


def _action_texts(
    micro: Micro, facts: ClubFacts, words: dict[str, str], language: Language
) -> list[str]:
    """The action's text for this club: the sport's own wording where a profile has one.

    With several sports, the sports that reword an action keep their own words in one
    action ("Nuoto: ...; Pallavolo: ..."), and the others share the catalogue's words.
    """
    sports = facts.club_sports
    profiles = _profiles_for(facts)
    if profiles and all(micro.code in p.drop for p in profiles) and not sports.unknown:
        return []
    overriding = [p for p in profiles if micro.code in p.micro]
    others = [p for p in profiles if p not in overriding and micro.code not in p.drop]
    generic = fill(micro.what.get(language), words)
    if sports.single and len(profiles) == 1:
        return [
            fill(overriding[0].micro[micro.code].get(language), words) if overriding else generic
        ]
    if not overriding:
        return [generic]
    parts = [
        f"{capitalised(p.name.get(language))}: "
        + _lower_first(fill(p.micro[micro.code].get(language), words))
        for p in overriding
    ]
    if others or sports.unknown:
        parts.append(f"{pick(language, 'altri sport', 'other sports')}: {_lower_first(generic)}")
    return ["; ".join(part.rstrip(".") for part in parts) + "."]


def _lower_first(text: str) -> str:
    """ "Verificare" -> "verificare", but an acronym ("FIN", "CIP") keeps its capitals."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() else text[:1].lower() + text[1:]


MULTI_SPORT_EXTRAS = 2  # per sport and objective, so a six-sport plan stays readable


def actions_for(
    macro: Macro,
    facts: ClubFacts,
    first_start: dt.date,
    priority: int,
    language: Language,
    words: dict[str, str] | None = None,
    statements: tuple[Statement, ...] = (),
) -> tuple[list[Action], list[Micro]]:
    """Applicable actions with deadlines inside the plan: catalogue, sport and board's own."""
    words = words or {**facts.club_sports.words(language), **club_slots(facts, language)}
    owner = macro.owner_role.get(language)
    board_chose = any(s.declared for s in statements)
    chosen = [
        m
        for m in macro.micro
        if (m.when is None or facts.holds(m.when)) and not (m.unless_board and board_chose)
    ]
    if not chosen:  # never an empty objective: keep the first action
        chosen = macro.micro[:1]
    actions: list[Action] = []
    used: set[int] = set()
    next_number = len(macro.micro) + 1

    def code_for(preferred: int | None = None) -> str:
        nonlocal next_number
        if preferred is not None and preferred not in used:
            used.add(preferred)
            return f"{macro.code}.{preferred}"
        while next_number in used:
            next_number += 1
        used.add(next_number)
        return f"{macro.code}.{next_number}"

    for micro in chosen:
        due = (
            _before_expiry(facts, first_start)
            if micro.due == "before_expiry"
            else deadline_for(first_start, priority, micro.month)
        )
        urgent = ""
        if micro.due == "before_expiry" and _expires_before(facts, first_start):
            urgent = pick(
                language,
                " Da avviare subito: la scadenza arriva prima che il piano cominci.",
                " Start at once: it expires before the plan begins.",
            )
        for index, text in enumerate(_action_texts(micro, facts, words, language)):
            text += urgent
            number = int(micro.code.split(".")[1])
            actions.append(
                Action(
                    code=code_for(number if index == 0 else None),
                    what=text,
                    owner_role=(micro.owner or macro.owner_role).get(language),
                    deadline=due,
                )
            )
    single = facts.club_sports.single and len(_profiles_for(facts)) == 1
    for profile in _profiles_for(facts):
        extras = [e for e in profile.extra.get(macro.code, []) if not e.when or facts.holds(e.when)]
        for extra in extras if single else extras[:MULTI_SPORT_EXTRAS]:
            actions.append(
                Action(
                    code=code_for(),
                    what=_prefix(profile, language, single) + fill(extra.what.get(language), words),
                    owner_role=(extra.owner.get(language) if extra.owner else owner),
                    deadline=deadline_for(first_start, priority, extra.month),
                )
            )
    if macro.answer is not None:
        for statement in statements:
            if not statement.declared:
                continue
            text = fill(
                macro.answer.get(language),
                {**words, "statement": _statement_words(statement, language)},
            )
            actions.append(
                Action(
                    code=code_for(),
                    what=text,
                    owner_role=owner,
                    deadline=deadline_for(first_start, 1, BOARD_ACTION_MONTH[statement.kind]),
                )
            )
    actions.sort(key=lambda a: (a.deadline, int(a.code.split(".")[1])))
    return actions, chosen


def _statement_words(statement: Statement, language: Language) -> str:
    text = statement.text.rstrip(".")
    if language is Language.IT:
        lead = (
            "l'obiettivo del direttivo"
            if statement.kind is StatementKind.GOAL
            else "il problema segnalato dal direttivo"
        )
    else:
        lead = (
            "the board's goal"
            if statement.kind is StatementKind.GOAL
            else "the problem the board raised"
        )
    target = ""
    goal = statement.goal
    if goal is not None and goal.target is not None and goal.target_unit:
        amount = formatting.number(goal.target, language)
        target = (
            f" (traguardo: {amount} {goal.target_unit})"
            if language is Language.IT
            else f" (target: {amount} {goal.target_unit})"
        )
    return f"{lead} «{text}»{target}"


# --- equipment renewals -------------------------------------------------------------------


def renewals_for(
    code: str, facts: ClubFacts, statements: tuple[Statement, ...]
) -> tuple[tuple[EquipmentStatus, int], ...]:
    """Equipment the facilities objective renews.

    A board's number ("rinnovare due imbarcazioni") is a decision: it renews that many
    units of the line it names best (the oldest when several match) and nothing else
    of what it names. Lines the board did not mention renew at the pace of their
    typical life.
    """
    if code != "ST1":
        return ()
    units = {id(status): status.renewal_units for status in facts.equipment}
    for goal in (s.goal for s in statements if s.goal is not None and s.goal.target):
        named = [
            (score, status.item.age_years or 0, status)
            for status in facts.equipment
            if (score := _equipment_score(goal, status))
        ]
        if not named:
            continue
        for _, _, status in named:
            units[id(status)] = 0
        best = max(named, key=lambda entry: (entry[0], entry[1]))[2]
        units[id(best)] = int(goal.target or 0)
    return tuple(
        (status, min(units[id(status)], status.item.count))
        for status in facts.equipment
        if units[id(status)] and _unit_cost(status)
    )


def _equipment_score(goal: BoardGoal, status: EquipmentStatus) -> int:
    """How clearly a goal names an equipment line (shared words, or its type's words)."""
    goal_words = normalise(" ".join([goal.text, goal.target_unit or ""]))
    text = f" {goal_words} "
    words = set(text.split())
    item_words = {w for w in normalise(status.item.item).split() if len(w) > 3}
    score = 2 * len(words & item_words)
    if status.kind is not None:
        score += sum(1 for w in status.kind.match if f" {normalise(w)} " in text)
    return score


# --- the whole selection ---------------------------------------------------------------------


def _texts(
    macro: Macro, facts: ClubFacts, words: dict[str, str], language: Language
) -> tuple[str, str]:
    title: Text = macro.title
    objective: Text = macro.objective
    variant = macro.variant(facts.holds)
    if variant is not None:
        title = variant.title or title
        objective = variant.objective or objective
    profiles = _profiles_for(facts)
    if len(profiles) == 1 and facts.club_sports.single and variant is None:
        override = profiles[0].macro.get(macro.code)
        if override is not None:
            title = override.title or title
            objective = override.objective or objective
    return fill(title.get(language), words), fill(objective.get(language), words)


def select(
    facts: ClubFacts, catalogue: Catalogue, language: Language
) -> dict[str, SelectedObjective]:
    """All 21 objectives with their computed skeleton, keyed by code."""
    start = first_season_start(facts.club.identity.reference_season)
    words = {**facts.club_sports.words(language), **club_slots(facts, language)}
    linked = board_links.statements(facts.club, catalogue)
    profiles = _profiles_for(facts)
    profile = profiles[0] if len(profiles) == 1 and facts.club_sports.single else None
    selected: dict[str, SelectedObjective] = {}
    for macro in catalogue.objectives:
        statements = tuple(s for s in linked if s.code == macro.code)
        priority, reasons = priority_of(macro, facts, statements)
        actions, micro = actions_for(macro, facts, start, priority, language, words, statements)
        templates = [k for k in macro.kpis if k.when is None or facts.holds(k.when)]
        kpis = [kpi_for(k, facts, catalogue, language, words, profile) for k in templates]
        keys = [k.key for k in templates]
        for index, statement in enumerate(statements, start=1):
            if statement.goal is not None:
                extra = goal_kpi(statement.goal, facts, language)
                if extra is None or len(kpis) >= 12:
                    continue
                figure = board_links.level_figure(statement.goal)
                if figure is not None:  # the board's own target replaces the rule's
                    kept = [
                        (k, key)
                        for k, key, t in zip(
                            kpis, keys, templates + [None] * len(kpis), strict=False
                        )
                        if t is None or t.baseline != figure
                    ]
                    kpis, keys = [k for k, _ in kept], [key for _, key in kept]
                kpis.append(extra)
                keys.append(f"goal.{index}")
        renewals = renewals_for(macro.code, facts, statements)
        title, objective = _texts(macro, facts, words, language)
        selected[macro.code] = SelectedObjective(
            macro=macro,
            priority=priority,
            budget=budget_for(macro, facts, catalogue, language, renewals),
            kpis=kpis,
            actions=actions,
            micro=micro,
            reasons=reasons,
            statements=statements,
            title=title,
            objective=objective,
            kpi_keys=tuple(keys),
            renewals=renewals,
        )
    return one_target_per_indicator(selected)


def one_target_per_indicator(
    selected: dict[str, SelectedObjective],
) -> dict[str, SelectedObjective]:
    """An indicator two objectives measure (the female share in SP8 and SO3) reads the same
    in both, and in the summary: the first objective measuring it, in the plan's order,
    sets its starting point and targets. Two targets for one figure are two numbers the
    board cannot both defend. A board's own target is kept as the board wrote it."""
    first: dict[tuple[str, str], KPI] = {}
    unified: dict[str, SelectedObjective] = {}
    for code, objective in selected.items():
        kpis = []
        for kpi, key in zip(objective.kpis, objective.kpi_keys, strict=False):
            known = kpi if key.startswith("goal.") else first.setdefault((kpi.name, kpi.unit), kpi)
            if known is not kpi:
                kpi = kpi.model_copy(update={"baseline": known.baseline, "targets": known.targets})
            kpis.append(kpi)
        unified[code] = replace(objective, kpis=kpis)
    return unified
