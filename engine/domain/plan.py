"""The three-season strategic plan: what agents write, users edit and exporters render.

A plan embeds a snapshot of the club profile it was written from, so an old
version stays readable and reproducible after the club's data changes.
Sections carry a status so a failed agent leaves a visible, resumable hole
instead of sinking the whole plan.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from enum import StrEnum
from typing import Literal, Self

from pydantic import Field, model_validator

from engine.domain.club import ClubProfile
from engine.domain.fields import PlanText, labelled
from engine.domain.language import Language
from engine.domain.research import Research
from engine.domain.rules import Rule
from engine.domain.sourced import SourcedValue, SourceTier, StrictModel

PLAN_SCHEMA_VERSION = 1


class Area(StrEnum):
    """The four "Sport To Win" areas, in the order the plan presents them."""

    SPORTS = "sports"
    INFRASTRUCTURE = "infrastructure"
    MARKETING = "marketing"
    SOCIAL = "social"

    @property
    def prefix(self) -> str:
        return AREA_PREFIX[self]

    @property
    def expected_objectives(self) -> int:
        return AREA_OBJECTIVE_COUNT[self]

    def label(self, language: Language | str = Language.IT) -> str:
        return AREA_LABELS[self][0 if Language(language) is Language.IT else 1]


AREA_PREFIX = {
    Area.SPORTS: "SP",
    Area.INFRASTRUCTURE: "ST",
    Area.MARKETING: "MK",
    Area.SOCIAL: "SO",
}
AREA_OBJECTIVE_COUNT = {
    Area.SPORTS: 8,
    Area.INFRASTRUCTURE: 2,
    Area.MARKETING: 4,
    Area.SOCIAL: 7,
}
AREA_LABELS = {
    Area.SPORTS: ("Area sportiva", "Sports"),
    Area.INFRASTRUCTURE: ("Area strutturale", "Infrastructure"),
    Area.MARKETING: ("Area marketing", "Marketing"),
    Area.SOCIAL: ("Area sociale", "Social"),
}
MACRO_CODE = re.compile(r"^(SP|ST|MK|SO)([1-9])$")
MICRO_CODE = re.compile(r"^(SP|ST|MK|SO)([1-9])\.([1-9][0-9]?)$")


def macro_codes(area: Area) -> list[str]:
    return [f"{area.prefix}{n}" for n in range(1, area.expected_objectives + 1)]


class SectionStatus(StrEnum):
    OK = "ok"
    FAILED = "failed"  # the agent failed: kept visible, resumable
    MISSING = "missing"  # never generated (e.g. cancelled before it started)
    EDITED = "edited"  # changed by the user after generation


class PlanStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


# --- objectives ------------------------------------------------------------------


class Action(StrictModel):
    code: str = labelled("Codice azione", "Action code", pattern=MICRO_CODE.pattern)
    what: PlanText = labelled("Azione", "Action", max_length=2000)
    owner_role: PlanText = labelled("Responsabile (ruolo)", "Owner (role)", max_length=200)
    deadline: dt.date = labelled("Scadenza", "Deadline")
    proposed_by_model: bool = labelled(
        "Proposta dal modello di intelligenza artificiale", "Proposed by the AI model", False
    )


class KPI(StrictModel):
    name: PlanText = labelled("Indicatore", "Indicator", max_length=300)
    unit: PlanText = labelled("Unità", "Unit", max_length=40)
    baseline: SourcedValue = labelled("Valore di partenza", "Baseline")
    targets: list[SourcedValue] = labelled("Obiettivi anno 1-3", "Targets year 1-3")
    source: PlanText = labelled("Come si misura", "How it is measured", max_length=500)

    @model_validator(mode="after")
    def _three_targets(self) -> Self:
        if len(self.targets) != 3:
            rules = Rule.collector()
            rules.add(("targets",), "targets_count", found=len(self.targets))
            rules.raise_if_any()
        return self


class BudgetRange(StrictModel):
    """A range, never a single invented figure, with the benchmark it comes from."""

    min_eur: float = labelled("Budget minimo (EUR)", "Budget minimum (EUR)", ge=0)
    max_eur: float = labelled("Budget massimo (EUR)", "Budget maximum (EUR)", ge=0)
    tier: SourceTier = labelled("Provenienza", "Provenance", SourceTier.ESTIMATE)
    reference: PlanText = labelled("Fonte", "Source", max_length=300)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.max_eur < self.min_eur:
            rules = Rule.collector()
            rules.add(
                ("max_eur",), "budget_range_inverted", found=self.max_eur, minimum=self.min_eur
            )
            rules.raise_if_any()
        return self


class MacroObjective(StrictModel):
    code: str = labelled("Codice", "Code", pattern=MACRO_CODE.pattern)
    priority: int = labelled("Priorità (anno di avvio)", "Priority (starting year)", ge=1, le=3)
    title: PlanText = labelled("Titolo", "Title", max_length=300)
    objective: PlanText = labelled("Obiettivo", "Objective", max_length=3000)
    baseline: PlanText = labelled("Situazione attuale", "Current situation", max_length=5000)
    gap: PlanText = labelled("Divario", "Gap", max_length=5000)
    actions: list[Action] = labelled("Azioni", "Actions", default_factory=list, max_length=40)
    kpis: list[KPI] = labelled("Indicatori", "KPIs", default_factory=list, max_length=12)
    budget: BudgetRange = labelled("Budget", "Budget")
    answers: list[PlanText] = labelled(
        "Risponde a (obiettivi e problemi del direttivo)",
        "Answers (the board's goals and problems)",
        default_factory=list,
        max_length=30,
    )

    @model_validator(mode="after")
    def _actions_belong_here(self) -> Self:
        rules = Rule.collector()
        for index, action in enumerate(self.actions):
            if not action.code.startswith(self.code + "."):
                rules.add(
                    ("actions", index, "code"),
                    "code_area_mismatch",
                    found=action.code,
                    area=self.code,
                    prefix=self.code + ".",
                )
        rules.raise_if_any()
        return self


class AreaSection(StrictModel):
    area: Area
    status: SectionStatus = SectionStatus.OK
    intro: str = labelled("Introduzione", "Introduction", "", max_length=5000)
    objectives: list[MacroObjective] = Field(default_factory=list, max_length=9)
    failure_reason: str | None = None

    @model_validator(mode="after")
    def _codes_match_area(self) -> Self:
        rules = Rule.collector()
        for index, objective in enumerate(self.objectives):
            if not objective.code.startswith(self.area.prefix):
                rules.add(
                    ("objectives", index, "code"),
                    "code_area_mismatch",
                    found=objective.code,
                    area=self.area.value,
                    prefix=self.area.prefix,
                )
        rules.raise_if_any()
        return self


# --- summary, analysis -------------------------------------------------------------


class Priority(StrictModel):
    code: str = Field(pattern=MACRO_CODE.pattern)
    title: PlanText = Field(max_length=300)
    reason: PlanText = Field(max_length=300)


class RoadmapPhase(StrictModel):
    year: int = Field(ge=1, le=3)
    title: PlanText = Field(max_length=200)
    items: list[PlanText] = Field(default_factory=list, max_length=20)


class ExecutiveSummary(StrictModel):
    status: SectionStatus = SectionStatus.OK
    vision: str = Field("", max_length=3000)
    area_paragraphs: dict[Area, str] = Field(default_factory=dict)
    priorities: list[Priority] = Field(default_factory=list, max_length=5)
    quick_wins: list[PlanText] = Field(default_factory=list, max_length=5)
    roadmap: list[RoadmapPhase] = Field(default_factory=list, max_length=3)
    headline_kpis: list[KPI] = Field(default_factory=list, max_length=8)
    failure_reason: str | None = None


class Swot(StrictModel):
    strengths: list[PlanText] = Field(default_factory=list)
    weaknesses: list[PlanText] = Field(default_factory=list)
    opportunities: list[PlanText] = Field(default_factory=list)
    threats: list[PlanText] = Field(default_factory=list)


class ClubAnalysis(StrictModel):
    status: SectionStatus = SectionStatus.OK
    summary: str = Field("", max_length=10000)
    swot: Swot = Field(default_factory=Swot)


# --- finance ---------------------------------------------------------------------------


class FinanceKind(StrEnum):
    REVENUE = "revenue"
    COST = "cost"
    REPAYMENT = "repayment"  # an instalment of a loan (existing, or a loan the plan assumes)
    FUNDING = "funding"  # money granted or pledged for the plan (not running revenue)


class FinanceLine(StrictModel):
    """One category: Y0 actuals then the Y1-Y3 forecast (four values).

    A value with ``high`` is an estimate range (a cost the questionnaire left empty,
    estimated from a named benchmark); a missing value stays "to be collected" in every year.
    """

    category: str = Field(min_length=1, max_length=60)
    label: PlanText = Field(max_length=200)
    kind: FinanceKind
    values: list[SourcedValue] = Field(min_length=4, max_length=4)
    note: str = Field("", max_length=1000)  # how year 0 was computed or estimated


class FinanceRow(StrictModel):
    """A computed row of the summary (operating result, cash at year end...), Y0..Y3.

    The table, the commentary, the risks, the summary and the one-pager all quote these
    rows: one set of figures. ``None`` is a year the row does not apply to (no Y0
    investments in a plan that starts next season).
    """

    key: str = Field(min_length=1, max_length=40)
    label: PlanText = Field(max_length=200)
    values: list[SourcedValue | None] = Field(min_length=4, max_length=4)


class InvestmentLine(StrictModel):
    area: Area
    values: list[SourcedValue] = Field(min_length=3, max_length=3)


class FundingStatus(StrEnum):
    COMMITTED = "committed"  # granted or pledged, in the club file
    TO_SEEK = "to_seek"  # what the cash needs and a named source could give
    OPTION = "option"  # a source worth trying, no amount needed yet


class FundingSource(StrictModel):
    name: PlanText = Field(max_length=200)
    detail: str = Field("", max_length=2000)
    amount: SourcedValue | None = None
    status: FundingStatus = FundingStatus.OPTION


class ScenarioKind(StrEnum):
    PRUDENT = "prudent"
    BASE = "base"
    AMBITIOUS = "ambitious"
    CUSTOM = "custom"  # the board's own what-if, saved from the finance view


class FinanceDrivers(StrictModel):
    """What a scenario assumes: growth of each driver over Y0, cumulative per plan year.

    ``members`` [0.05, 0.10, 0.15] means 5% more members than today in year 1, 10% in
    year 2. The base scenario takes them from the plan's KPI targets, so the money and the
    objectives tell one story; the prudent and ambitious ones follow rules in
    ``resources/catalogue/finance.json``; a board's what-if is ``custom``.
    """

    scenario: ScenarioKind = ScenarioKind.BASE
    members: list[float] = Field(default_factory=lambda: [0.0, 0.0, 0.0])
    fee: list[float] = Field(default_factory=lambda: [0.0, 0.0, 0.0])
    sponsorship: list[float] = Field(default_factory=lambda: [0.0, 0.0, 0.0])
    grants: list[float] = Field(default_factory=lambda: [0.0, 0.0, 0.0])
    other_revenue: float = Field(1.0, ge=0, le=2)  # share of events/bar/donations KPI growth
    inflation: float = Field(0.0, ge=-0.2, le=0.5)  # yearly growth of running costs
    investment_delay: int = Field(0, ge=0, le=2)  # seasons the investments slip
    main_sponsor_lost_from: int | None = Field(None, ge=1, le=3)
    ics_loan: bool = False  # infrastructure investments funded by a Credito Sportivo loan
    ics_rate: float = Field(0.04, ge=0, le=0.2)  # the loan's yearly rate (ask ICSC for yours)

    @model_validator(mode="after")
    def _yearly(self) -> Self:
        rules = Rule.collector()
        for name in ("members", "fee", "sponsorship", "grants"):
            values = getattr(self, name)
            if len(values) != 3:
                rules.add((name,), "targets_count", found=len(values))
            elif any(not -1 <= v <= 5 for v in values):
                rules.add((name,), "growth_out_of_range", found=max(values, key=abs))
        rules.raise_if_any()
        return self


class FinanceInputs(StrictModel):
    """What the plan's objectives give the finance model, kept so a what-if can re-run it.

    The KPI steps of the lines that follow an objective (events follow MK2's target...)
    and the committed investments by area before any delay.
    """

    steps: dict[str, list[float]] = Field(default_factory=dict)
    step_references: dict[str, str] = Field(default_factory=dict)
    investments: dict[Area, list[float]] = Field(default_factory=dict)
    # The season actuals of closed plan years (the roll forward, ``engine.monitoring.roll``):
    # per revenue or cost line ("revenue.fees") and "cash", Y1..Y3 (None: not closed or not
    # measured). A closed year shows them instead of the forecast.
    closed: dict[str, list[float | None]] = Field(
        default_factory=dict, max_length=90, exclude_if=lambda closed: not closed
    )
    # Per line: the closed year its later forecasts restart from, keeping their planned
    # growth (absent: they grow from year 0, as first planned).
    rebased: dict[str, int] = Field(
        default_factory=dict, max_length=90, exclude_if=lambda rebased: not rebased
    )


class ScenarioSummary(StrictModel):
    """One scenario's key figures per plan year (Y1-Y3), for the side-by-side table."""

    kind: ScenarioKind
    label: PlanText = Field(max_length=120)
    drivers: FinanceDrivers
    revenue: list[SourcedValue] = Field(min_length=3, max_length=3)
    costs: list[SourcedValue] = Field(min_length=3, max_length=3)
    balance: list[SourcedValue] = Field(min_length=3, max_length=3)
    cash: list[SourcedValue] = Field(min_length=3, max_length=3)
    to_seek: SourcedValue
    break_even_year: int | None = Field(None, ge=0, le=3)


class FinancialPlan(StrictModel):
    status: SectionStatus = SectionStatus.OK
    lines: list[FinanceLine] = Field(default_factory=list, max_length=90)
    rows: list[FinanceRow] = Field(default_factory=list, max_length=20)
    investments: list[InvestmentLine] = Field(default_factory=list, max_length=4)
    funding_sources: list[FundingSource] = Field(default_factory=list, max_length=30)
    # The first plan year from which the year's balance (after investments, instalments
    # and secured funding) stays non-negative at the prudent end of every range.
    break_even_year: int | None = Field(None, ge=0, le=3)
    cash_flow_y1: list[SourcedValue] = Field(default_factory=list, max_length=12)  # Sep..Aug
    opening_cash: SourcedValue | None = None  # reserves at the start of Y1
    kpis: list[KPI] = Field(default_factory=list, max_length=12)
    commentary: str = Field("", max_length=10000)
    risks: list[PlanText] = Field(default_factory=list, max_length=20)
    # Material cost lines nobody knows and no benchmark estimates: while any is listed,
    # the plan says equilibrium cannot be judged (never "balanced" on a zero).
    unknown_lines: list[str] = Field(default_factory=list, max_length=20)
    drivers: FinanceDrivers | None = None  # the scenario these figures follow
    inputs: FinanceInputs | None = None
    scenarios: list[ScenarioSummary] = Field(default_factory=list, max_length=4)
    failure_reason: str | None = None

    def row(self, key: str) -> FinanceRow | None:
        return next((row for row in self.rows if row.key == key), None)


# --- compliance, monitoring, review ------------------------------------------------------


class ComplianceStatus(StrEnum):
    OK = "ok"
    TO_DO = "to_do"
    TO_CHECK = "to_check"
    NOT_APPLICABLE = "not_applicable"


class ComplianceItem(StrictModel):
    code: str = Field(min_length=1, max_length=40)
    title: PlanText = Field(max_length=300)
    status: ComplianceStatus
    detail: str = Field("", max_length=2000)
    reference: str = Field("", max_length=300)


class MonitoringEntry(StrictModel):
    due: dt.date
    what: PlanText = Field(max_length=500)
    owner_role: PlanText = Field(max_length=200)


class PlanWarning(StrictModel):
    code: str = Field(min_length=1, max_length=60)
    severity: Severity = Severity.WARNING
    section: str | None = None
    message: PlanText = Field(max_length=2000)


class DataGap(StrictModel):
    """A questionnaire answer the plan needed and did not have: to be collected."""

    field: str = Field(min_length=1, max_length=200)
    label: PlanText = Field(max_length=300)
    why: str = Field("", max_length=500)


class SectionAuthor(StrictModel):
    """Who wrote one section: a regenerated section may have another author than the rest."""

    provider: str = Field(min_length=1, max_length=40)
    model: str | None = Field(None, max_length=120)
    offline_draft: bool = False


class GenerationInfo(StrictModel):
    """Who wrote the plan. ``provider``/``model`` are the main author; ``authors`` names the
    writer of each section by agent ("sports" ... "financial", "coordinator"). Plans saved
    before December 2026 have no ``authors``: the main author wrote every section."""

    provider: str = Field(min_length=1, max_length=40)
    model: str | None = Field(None, max_length=120)
    offline_draft: bool = False
    generated_at: dt.datetime
    authors: dict[str, SectionAuthor] = Field(default_factory=dict, max_length=12)

    def author_of(self, agent: str) -> SectionAuthor:
        return self.authors.get(agent) or SectionAuthor(
            provider=self.provider, model=self.model, offline_draft=self.offline_draft
        )

    def authorship(self) -> list[tuple[SectionAuthor, list[str]]]:
        """Each distinct author with the sections it wrote, the main author first."""
        if not self.authors:
            return [(self.author_of(""), [])]
        groups: dict[tuple[str, str | None], tuple[SectionAuthor, list[str]]] = {}
        for agent, author in self.authors.items():
            groups.setdefault((author.provider, author.model), (author, []))[1].append(agent)
        return sorted(groups.values(), key=lambda group: -len(group[1]))

    @property
    def providers_key(self) -> str:
        """The distinct providers joined by '+', as the library stores and filters them."""
        return "+".join(dict.fromkeys(a.provider for a, _ in self.authorship()))[:40]


# --- the plan ------------------------------------------------------------------------------


class Plan(StrictModel):
    """One version of a plan, as stored, exported and imported."""

    schema_version: Literal[1] = PLAN_SCHEMA_VERSION
    uid: str = Field(default_factory=lambda: str(uuid.uuid4()), min_length=8, max_length=64)
    title: PlanText = Field(max_length=300)
    language: Language = Language.IT
    seasons: list[str] = Field(min_length=3, max_length=3)
    club: ClubProfile
    generation: GenerationInfo
    executive_summary: ExecutiveSummary = Field(default_factory=ExecutiveSummary)
    analysis: ClubAnalysis = Field(default_factory=ClubAnalysis)
    areas: list[AreaSection] = Field(default_factory=list, max_length=4)
    financial_plan: FinancialPlan = Field(default_factory=FinancialPlan)
    compliance: list[ComplianceItem] = Field(default_factory=list, max_length=60)
    monitoring: list[MonitoringEntry] = Field(default_factory=list, max_length=60)
    warnings: list[PlanWarning] = Field(default_factory=list, max_length=500)
    data_gaps: list[DataGap] = Field(default_factory=list, max_length=500)
    research: Research = Field(default_factory=Research)  # tier 2: public facts, cited
    # Seasons rolled forward (``engine.monitoring.roll``): their KPI and finance columns hold
    # the club's actuals; a closed season's status is judged against the version in force
    # before it closed. Left out of the stored JSON while empty.
    closed_seasons: list[str] = Field(
        default_factory=list, max_length=3, exclude_if=lambda seasons: not seasons
    )

    def area(self, area: Area) -> AreaSection | None:
        return next((section for section in self.areas if section.area is area), None)

    def objectives(self) -> list[MacroObjective]:
        return [objective for section in self.areas for objective in section.objectives]

    def failed_sections(self) -> list[str]:
        """Names of sections that need a resume: failed or never generated."""
        pending = {SectionStatus.FAILED, SectionStatus.MISSING}
        names = [s.area.value for s in self.areas if s.status in pending]
        names += [a.value for a in Area if self.area(a) is None]
        if self.executive_summary.status in pending:
            names.append("executive_summary")
        if self.financial_plan.status in pending:
            names.append("financial_plan")
        return names

    @property
    def sport(self) -> str:
        return self.club.identity.primary_sport

    @property
    def seasons_label(self) -> str:
        return f"{self.seasons[0]} - {self.seasons[-1]}"

    def season_headings(self, language: Language | str = Language.IT) -> list[str]:
        """The seasons as column headings: a closed one reads "2026/27 (consuntivo)"."""
        word = "consuntivo" if Language(language) is Language.IT else "actual"
        return [f"{s} ({word})" if s in self.closed_seasons else s for s in self.seasons]


def seasons_after(reference_season: str) -> list[str]:
    """The three seasons a plan covers: the ones after the club's current season."""
    start = int(reference_season[:4])
    return [f"{year}/{(year + 1) % 100:02d}" for year in range(start + 1, start + 4)]
