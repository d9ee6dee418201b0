"""The club profile: every questionnaire answer, with units, ranges and cross-field rules.

Numbers are ``SourcedValue`` objects (a plain number in a club file means
"from the questionnaire"); ``None`` means "to be collected" and becomes an
entry in the plan's data-gaps appendix rather than an invented figure.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from engine.domain.fields import (
    EUR_HOUR,
    EUR_YEAR,
    MAX_HOURLY_EUR,
    MAX_MONEY_EUR,
    Amount,
    Count,
    FeePerAthlete,
    FreeText,
    HexColour,
    Inhabitants,
    Line,
    Money,
    Percent,
    SignedMoney,
    Text,
    labelled,
    range_problem,
    season_too_far,
    sourced_number,
)
from engine.domain.rules import CrossFieldErrors, Rule
from engine.domain.sourced import SourcedValue, StrictModel

SEASON_PATTERN = re.compile(r"([0-9]{4})/([0-9]{2})")  # fullmatch: no trailing newline
MACRO_CODE_PATTERN = r"^(SP|ST|MK|SO)[1-9]$"
CLUB_SCHEMA_VERSION = 2
"""Version 2 added the board's goals and problems, equipment, loans, athletes with
disabilities, concession expiry dates and the largest sponsor's share; version 1 files
load unchanged (every new field is optional)."""


class LegalForm(StrEnum):
    ASD = "ASD"
    SSD = "SSD"


class AffiliationKind(StrEnum):
    FSN = "FSN"  # federazione sportiva nazionale
    EPS = "EPS"  # ente di promozione sportiva
    DSA = "DSA"  # disciplina sportiva associata
    # Recognised by the Comitato Italiano Paralimpico (CIP, D.Lgs. 43/2017):
    FSP = "FSP"  # federazione sportiva paralimpica (e.g. FIPIC, FINP)
    FSNP = "FSNP"  # federazione sportiva nazionale paralimpica (an FSN with para disciplines)
    DSP = "DSP"  # disciplina sportiva paralimpica
    EPP = "EPP"  # ente di promozione paralimpica

    @property
    def paralympic(self) -> bool:
        return self in (
            AffiliationKind.FSP,
            AffiliationKind.FSNP,
            AffiliationKind.DSP,
            AffiliationKind.EPP,
        )


class Region(StrEnum):
    ABRUZZO = "Abruzzo"
    BASILICATA = "Basilicata"
    CALABRIA = "Calabria"
    CAMPANIA = "Campania"
    EMILIA_ROMAGNA = "Emilia-Romagna"
    FRIULI_VENEZIA_GIULIA = "Friuli-Venezia Giulia"
    LAZIO = "Lazio"
    LIGURIA = "Liguria"
    LOMBARDIA = "Lombardia"
    MARCHE = "Marche"
    MOLISE = "Molise"
    PIEMONTE = "Piemonte"
    PUGLIA = "Puglia"
    SARDEGNA = "Sardegna"
    SICILIA = "Sicilia"
    TOSCANA = "Toscana"
    TRENTINO_ALTO_ADIGE = "Trentino-Alto Adige"
    UMBRIA = "Umbria"
    VALLE_D_AOSTA = "Valle d'Aosta"
    VENETO = "Veneto"


class Ownership(StrEnum):
    OWNED = "owned"
    LEASED = "leased"
    MUNICIPAL_CONCESSION = "municipal_concession"


class CostBasis(StrEnum):
    PER_HOUR = "per_hour"
    PER_YEAR = "per_year"


class SizeBand(StrEnum):
    """Club size by current members; bands follow the Terzjus 2024 survey (63% have 50-500)."""

    MICRO = "micro"  # < 50
    SMALL = "small"  # 50-199
    MEDIUM = "medium"  # 200-499
    LARGE = "large"  # >= 500
    UNKNOWN = "unknown"

    @classmethod
    def for_members(cls, members: int | None) -> SizeBand:
        if members is None:
            return cls.UNKNOWN
        if members < 50:
            return cls.MICRO
        if members < 200:
            return cls.SMALL
        if members < 500:
            return cls.MEDIUM
        return cls.LARGE


# --- identity -----------------------------------------------------------------


def _province(value: str) -> str:
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise PydanticCustomError("rf_province", "not a province code", {"found": value})
    return code


Province = Annotated[str, AfterValidator(_province)]


class Affiliation(StrictModel):
    name: Text = labelled("Ente", "Body", max_length=80)
    kind: AffiliationKind = labelled(
        "Tipo (FSN, EPS, DSA; paralimpici: FSP, FSNP, DSP, EPP)",
        "Kind (FSN, EPS, DSA; Paralympic: FSP, FSNP, DSP, EPP)",
    )


class Identity(StrictModel):
    name: Text = labelled("Nome della società", "Club name", min_length=1, max_length=150)
    legal_form: LegalForm = labelled("Forma giuridica", "Legal form")
    rasd_registered: bool = labelled("Iscritta al RASD", "Registered in RASD")
    rasd_number: Line | None = labelled("Numero di iscrizione RASD", "RASD number", None)
    city: Text = labelled("Comune", "Town", max_length=80)
    province: Province = labelled("Provincia (sigla)", "Province (code)")
    region: Region = labelled("Regione", "Region")
    municipality_population: Inhabitants = labelled(
        "Abitanti del comune", "Municipality population", None
    )
    sports: list[Text] = labelled(
        "Sport praticati", "Sports practised", min_length=1, max_length=10
    )
    affiliations: list[Affiliation] = labelled(
        "Federazioni ed enti di affiliazione",
        "Federations and promotion bodies",
        min_length=1,
        max_length=10,
    )
    year_founded: int = labelled("Anno di fondazione", "Year founded", ge=1850, le=2100)
    colours: list[HexColour] = labelled(
        "Colori sociali (esadecimali)", "Club colours (hex)", min_length=1, max_length=3
    )
    logo_file: Line | None = labelled("File del logo", "Logo file", None, max_length=500)
    reference_season: str = labelled(
        "Stagione corrente (es. 2025/26)", "Current season (e.g. 2025/26)"
    )

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Self:
        rules = Rule.collector()
        if self.rasd_registered and not (self.rasd_number and self.rasd_number.strip()):
            rules.add(("rasd_number",), "rasd_number_required")
        if not self.rasd_registered and self.rasd_number:
            rules.add(("rasd_number",), "rasd_number_unexpected")
        season = SEASON_PATTERN.fullmatch(self.reference_season)
        if not season or (int(season.group(1)) + 1) % 100 != int(season.group(2)):
            rules.add(("reference_season",), "season_format", found=self.reference_season)
        elif current := season_too_far(int(season.group(1)), info):
            rules.add(
                ("reference_season",),
                "season_not_current",
                found=self.reference_season,
                current=current,
            )
        elif self.year_founded > int(season.group(1)):
            rules.add(
                ("year_founded",),
                "founded_after_season",
                found=self.year_founded,
                season=self.reference_season,
            )
        if self.year_founded > dt.date.today().year:
            rules.add(("year_founded",), "founded_in_future", found=self.year_founded)
        rules.raise_if_any()
        return self

    @property
    def season_start_year(self) -> int:
        return int(self.reference_season[:4])

    @property
    def primary_sport(self) -> str:
        return self.sports[0].strip().lower()


# --- people --------------------------------------------------------------------


class GenderCount(StrictModel):
    male: Count = labelled("Maschi", "Male", None)
    female: Count = labelled("Femmine", "Female", None)

    def total(self) -> int | None:
        values = [v.value for v in (self.male, self.female) if v is not None]
        if len(values) < 2:
            return None
        return int(sum(values))

    def known(self) -> int | None:
        """What was typed of this band (one gender may be left empty); None if nothing."""
        values = [v.value for v in (self.male, self.female) if v is not None]
        return int(sum(values)) if values else None


class MembersByAge(StrictModel):
    under_6: GenderCount = labelled("Under 6", "Under 6", default_factory=GenderCount)
    age_6_12: GenderCount = labelled("6-12 anni", "Age 6-12", default_factory=GenderCount)
    age_13_18: GenderCount = labelled("13-18 anni", "Age 13-18", default_factory=GenderCount)
    adults: GenderCount = labelled("Adulti", "Adults", default_factory=GenderCount)
    over_60: GenderCount = labelled("Over 60", "Over 60", default_factory=GenderCount)

    def bands(self) -> dict[str, GenderCount]:
        return {name: getattr(self, name) for name in type(self).model_fields}

    def total(self) -> int | None:
        totals = [band.total() for band in self.bands().values()]
        return None if any(t is None for t in totals) else sum(t for t in totals if t is not None)

    def youth(self) -> int | None:
        totals = [self.under_6.total(), self.age_6_12.total(), self.age_13_18.total()]
        return None if any(t is None for t in totals) else sum(t for t in totals if t is not None)

    def at_least(self, names: tuple[str, ...] | None = None) -> tuple[int | None, int]:
        """The members typed in these bands and how many bands are incomplete.

        Empty is not zero, but what was typed is never hidden: 8 of 10 cells filled give
        "at least 99, 2 bands not given". (None, n) when no band has anything typed.
        """
        bands = [getattr(self, name) for name in names or type(self).model_fields]
        known = [band.known() for band in bands]
        typed = [value for value in known if value is not None]
        incomplete = sum(1 for band in bands if band.total() is None)
        return (sum(typed) if typed else None), incomplete


class Team(StrictModel):
    category: Text = labelled("Categoria", "Category", max_length=80)
    league_level: Text = labelled("Campionato / livello", "League level", max_length=80)
    count: int = labelled("Numero di squadre", "Number of teams", ge=1, le=100)


class CoachGroup(StrictModel):
    qualification: Text = labelled("Qualifica", "Qualification", max_length=80)
    count: int = labelled("Numero di allenatori", "Number of coaches", ge=0, le=1000)


class People(StrictModel):
    members_last_season: MembersByAge = labelled(
        "Tesserati stagione scorsa", "Members last season", default_factory=MembersByAge
    )
    members_current_season: MembersByAge = labelled(
        "Tesserati stagione corrente", "Members this season", default_factory=MembersByAge
    )
    joined_this_season: Count = labelled("Nuovi iscritti quest'anno", "Joined this season", None)
    left_this_season: Count = labelled("Usciti quest'anno", "Left this season", None)
    waiting_list: Count = labelled("Lista d'attesa", "Waiting list", None)
    teams: list[Team] = labelled("Squadre", "Teams", default_factory=list, max_length=100)
    coaches: list[CoachGroup] = labelled(
        "Allenatori per qualifica",
        "Coaches by qualification",
        default_factory=list,
        max_length=30,
    )
    paid_workers: Count = labelled("Lavoratori sportivi retribuiti", "Paid sports workers", None)
    paid_workers_fees: Money = labelled(
        "Compensi totali lavoratori sportivi", "Total fees of paid workers", None
    )
    volunteers: Count = labelled("Volontari", "Volunteers", None)
    athletes_with_disabilities: Count = labelled(
        "Atleti con disabilità (stagione corrente)",
        "Athletes with disabilities (this season)",
        None,
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        rules = Rule.collector()
        last = self.members_last_season.total()
        current = self.members_current_season.total()
        left = _number(self.left_this_season)
        joined = _number(self.joined_this_season)
        if last is not None and left is not None and left > last:
            rules.add(("left_this_season",), "left_exceeds_last_season", found=left, limit=last)
        if current is not None and joined is not None and joined > current:
            rules.add(
                ("joined_this_season",), "joined_exceeds_current", found=joined, limit=current
            )
        workers = _number(self.paid_workers)
        fees = _number(self.paid_workers_fees)
        if fees and workers == 0:
            rules.add(("paid_workers",), "fees_without_workers", found=fees)
        disabled = _number(self.athletes_with_disabilities)
        if current is not None and disabled is not None and disabled > current:
            rules.add(
                ("athletes_with_disabilities",),
                "disabled_exceeds_members",
                found=int(disabled),
                limit=current,
            )
        rules.raise_if_any()
        return self


# --- facilities ----------------------------------------------------------------


class Facility(StrictModel):
    name: Text = labelled("Impianto", "Facility", max_length=120)
    kind: Text = labelled(
        "Tipo (campo, palestra, piscina...)", "Kind (field, gym, pool...)", max_length=80
    )
    ownership: Ownership = labelled("Titolarità", "Ownership")
    hours_per_week: float = labelled(
        "Ore disponibili a settimana", "Hours available per week", ge=0, le=168
    )
    cost_basis: CostBasis = labelled("Base del costo", "Cost basis", CostBasis.PER_YEAR)
    cost: SourcedValue | None = labelled("Costo", "Cost", None)
    concession_expiry: Annotated[dt.date | None, Field(strict=False)] = labelled(
        "Scadenza della concessione o del contratto",
        "Concession or lease expiry",
        None,
    )

    @model_validator(mode="after")
    def _cost_unit(self, info: ValidationInfo) -> Self:
        rules = Rule.collector()
        if self.cost is not None:
            hourly = self.cost_basis is CostBasis.PER_HOUR
            expected = EUR_HOUR if hourly else EUR_YEAR
            if self.cost.unit != expected:
                rules.add(("cost",), "facility_cost_unit", found=self.cost.unit, expected=expected)
            elif isinstance(self.cost.value, str) or (self.cost.value or 0) < 0:
                rules.add(("cost",), "negative_money", found=self.cost.value)
            elif limit := range_problem(
                self.cost, info, maximum=MAX_HOURLY_EUR if hourly else MAX_MONEY_EUR
            ):
                rules.add(("cost",), limit.type, **(limit.context or {}))
        if self.concession_expiry is not None and self.ownership is Ownership.OWNED:
            rules.add(("concession_expiry",), "expiry_on_owned_facility")
        rules.raise_if_any()
        return self

    def yearly_cost(self, weeks_per_year: int = 40) -> float | None:
        """Cost per year; hourly rates are multiplied over a sports season of ``weeks_per_year``."""
        if self.cost is None or self.cost.value is None or isinstance(self.cost.value, str):
            return None
        if self.cost_basis is CostBasis.PER_HOUR:
            return float(self.cost.value) * self.hours_per_week * weeks_per_year
        return float(self.cost.value)


# --- money ---------------------------------------------------------------------


class Revenue(StrictModel):
    membership_fees: Money = labelled(
        "Quote associative e corsi", "Membership and course fees", None
    )
    sponsorship: Money = labelled("Sponsorizzazioni", "Sponsorship", None)
    public_grants: Money = labelled("Contributi pubblici", "Public grants", None)
    events: Money = labelled("Eventi", "Events", None)
    bar_merchandise: Money = labelled("Bar e merchandising", "Bar and merchandise", None)
    five_per_mille: Money = labelled("5x1000", "5x1000", None)
    donations: Money = labelled("Donazioni", "Donations", None)
    other: Money = labelled("Altre entrate", "Other revenue", None)
    largest_sponsor_share: Percent = labelled(
        "Quota del primo sponsor sulle sponsorizzazioni",
        "Largest sponsor's share of sponsorship",
        None,
    )

    @classmethod
    def money_fields(cls) -> list[str]:
        """The revenue lines in EUR/year (the sponsor share is a percentage, not a line)."""
        return [name for name in cls.model_fields if name != "largest_sponsor_share"]

    def items(self) -> dict[str, SourcedValue | None]:
        return {name: getattr(self, name) for name in self.money_fields()}


class Costs(StrictModel):
    coaches_staff: Money = labelled("Allenatori e staff", "Coaches and staff", None)
    facilities_utilities: Money = labelled("Impianti e utenze", "Facilities and utilities", None)
    affiliation_league_referees: Money = labelled(
        "Affiliazione, iscrizioni alle gare, arbitri e giudici",  # every sport's words
        "Affiliation, competition entries, referees and judges",
        None,
    )
    travel: Money = labelled("Trasferte", "Travel", None)
    equipment: Money = labelled("Attrezzature", "Equipment", None)
    insurance: Money = labelled("Assicurazioni", "Insurance", None)
    medical: Money = labelled("Spese mediche", "Medical", None)
    administration: Money = labelled("Amministrazione", "Administration", None)
    other: Money = labelled("Altri costi", "Other costs", None)

    def items(self) -> dict[str, SourcedValue | None]:
        return {name: getattr(self, name) for name in type(self).model_fields}


class Balance(StrictModel):
    debts: Money = labelled("Debiti", "Debts", None)
    reserves: SignedMoney = labelled(
        "Riserve (negative se ci sono perdite accumulate)",
        "Reserves (negative for accumulated losses)",
        None,
    )
    average_fee_per_athlete: FeePerAthlete = labelled(
        "Quota media per atleta", "Average fee per athlete", None
    )


# --- what the club owns and owes ------------------------------------------------


class Equipment(StrictModel):
    """Major equipment whose renewal shapes the budget: boats, sports wheelchairs, a van."""

    item: Text = labelled("Attrezzatura o mezzo", "Equipment or vehicle", max_length=120)
    count: int = labelled("Quantità", "How many", ge=1, le=1000)
    age_years: int | None = labelled("Età media (anni)", "Average age (years)", None, ge=0, le=150)
    replacement_cost: Amount = labelled(
        "Costo di sostituzione di un'unità", "Replacement cost of one unit", None
    )


class Loan(StrictModel):
    """A loan, mortgage or other debt repaid by instalments."""

    lender: Text = labelled(
        "Finanziamento (ente e scopo)", "Loan (lender and purpose)", max_length=150
    )
    yearly_instalment: Money = labelled("Rata annua", "Yearly instalment", None)
    end_year: int | None = labelled(
        "Anno dell'ultima rata", "Year of the last instalment", None, ge=1990, le=2100
    )
    rate: Percent = labelled("Tasso annuo (se noto)", "Yearly rate (if known)", None)
    outstanding: Amount = labelled("Debito residuo", "Outstanding debt", None)


class CommittedFunding(StrictModel):
    """Money already granted or pledged for the plan's seasons (a call won, a donor's pledge).

    Only what is certain: a call the club has not won yet is a source "to be sought",
    which the plan computes; counting it here would make the cash look safer than it is.
    """

    source: Text = labelled(
        "Fonte (ente, bando o donatore) e scopo",
        "Source (body, call or donor) and purpose",
        max_length=150,
    )
    amount: Amount = labelled("Importo", "Amount", None)
    year: int | None = labelled("Anno di incasso", "Year it is received", None, ge=1990, le=2100)


# --- the board's own words -------------------------------------------------------


class PlanTopic(StrEnum):
    """The part of the plan a goal or problem touches (the four areas, or the finances)."""

    SPORTS = "sports"
    INFRASTRUCTURE = "infrastructure"
    MARKETING = "marketing"
    SOCIAL = "social"
    FINANCE = "finance"


TOPIC_PREFIX = {
    PlanTopic.SPORTS: "SP",
    PlanTopic.INFRASTRUCTURE: "ST",
    PlanTopic.MARKETING: "MK",
    PlanTopic.SOCIAL: "SO",
}
# A finance goal or problem is answered by the treasury (SP3), revenue (MK4) or investment
# (ST1) objective: the plan has no finance objective of its own.
FINANCE_OBJECTIVES = ("SP3", "MK4", "ST1")
_AREA_SIZES = {"SP": 8, "ST": 2, "MK": 4, "SO": 7}


def objective_codes(topic: PlanTopic) -> list[str]:
    """The objective codes a goal or problem of this topic may name."""
    if topic is PlanTopic.FINANCE:
        return list(FINANCE_OBJECTIVES)
    prefix = TOPIC_PREFIX[topic]
    return [f"{prefix}{n}" for n in range(1, _AREA_SIZES[prefix] + 1)]


class BoardProblem(StrictModel):
    """A problem the board knows about, in its own words, and the area it touches."""

    text: Text = labelled("Problema (una frase)", "Problem (one sentence)", max_length=300)
    area: PlanTopic = labelled("Area del piano", "Plan area")
    objective: str | None = labelled(
        "Obiettivo del piano che risponde (facoltativo, es. ST1)",
        "Plan objective that answers it (optional, e.g. ST1)",
        None,
        pattern=MACRO_CODE_PATTERN,
    )

    @model_validator(mode="after")
    def _objective_in_area(self) -> Self:
        prefix = TOPIC_PREFIX.get(self.area)
        if self.objective and prefix and not self.objective.startswith(prefix):
            rules = Rule.collector()
            rules.add(("objective",), "objective_outside_area", found=self.objective, prefix=prefix)
            rules.raise_if_any()
        return self


class BoardGoal(BoardProblem):
    """A goal of the board for the three seasons; a number, when given, becomes its target."""

    text: Text = labelled("Obiettivo (una frase)", "Goal (one sentence)", max_length=300)
    target: float | None = labelled(
        "Traguardo misurabile a fine piano (facoltativo)",
        "Measurable target at the end of the plan (optional)",
        None,
        gt=0,
        le=1_000_000,
    )
    target_unit: Line | None = labelled(
        "Unità del traguardo (es. imbarcazioni, tesserati)",
        "Unit of the target (e.g. boats, members)",
        None,
        max_length=40,
    )

    @model_validator(mode="after")
    def _target_has_unit(self) -> Self:
        if self.target is not None and not (self.target_unit and self.target_unit.strip()):
            rules = Rule.collector()
            rules.add(("target_unit",), "goal_target_unit", found=self.target)
            rules.raise_if_any()
        return self


class Board(StrictModel):
    goals: list[BoardGoal] = labelled(
        "Obiettivi del direttivo per le tre stagioni",
        "The board's goals for the three seasons",
        default_factory=list,
        max_length=12,
    )
    problems: list[BoardProblem] = labelled(
        "Problemi noti", "Known problems", default_factory=list, max_length=12
    )


# --- qualitative ---------------------------------------------------------------


class Swot(StrictModel):
    strengths: list[Text] = labelled(
        "Punti di forza", "Strengths", default_factory=list, max_length=20
    )
    weaknesses: list[Text] = labelled(
        "Punti di debolezza", "Weaknesses", default_factory=list, max_length=20
    )
    opportunities: list[Text] = labelled(
        "Opportunità", "Opportunities", default_factory=list, max_length=20
    )
    threats: list[Text] = labelled("Minacce", "Threats", default_factory=list, max_length=20)


class Stakeholder(StrictModel):
    name: Text = labelled("Portatore di interesse", "Stakeholder", max_length=120)
    importance: int = labelled("Importanza (1-5)", "Importance (1-5)", ge=1, le=5)


class Qualitative(StrictModel):
    values: FreeText | None = labelled("Valori", "Values", None, max_length=5000)
    vision: FreeText | None = labelled("Visione", "Vision", None, max_length=5000)
    mission: FreeText | None = labelled("Missione", "Mission", None, max_length=5000)
    swot: Swot = labelled("Analisi SWOT", "SWOT analysis", default_factory=Swot)
    competitors: list[Text] = labelled(
        "Principali concorrenti", "Main competitors", default_factory=list, max_length=20
    )
    stakeholders: list[Stakeholder] = labelled(
        "Portatori di interesse", "Stakeholders", default_factory=list, max_length=30
    )
    notes: FreeText | None = labelled("Note", "Notes", None, max_length=10000)


# --- the profile -----------------------------------------------------------------


class ClubProfile(StrictModel):
    """Everything the questionnaire asks, validated; the input of every plan."""

    schema_version: Literal[1, 2] = CLUB_SCHEMA_VERSION
    identity: Identity = labelled("Identità", "Identity")
    people: People = labelled("Persone", "People", default_factory=People)
    facilities: list[Facility] = labelled(
        "Impianti", "Facilities", default_factory=list, max_length=50
    )
    revenue: Revenue = labelled("Entrate (EUR/anno)", "Revenue (EUR/year)", default_factory=Revenue)
    costs: Costs = labelled("Costi (EUR/anno)", "Costs (EUR/year)", default_factory=Costs)
    balance: Balance = labelled("Situazione patrimoniale", "Balance", default_factory=Balance)
    loans: list[Loan] = labelled(
        "Mutui, prestiti e debiti a rate",
        "Loans and debts repaid by instalments",
        default_factory=list,
        max_length=20,
    )
    funding: list[CommittedFunding] = labelled(
        "Contributi e finanziamenti già assicurati",
        "Grants and funding already secured",
        default_factory=list,
        max_length=20,
    )
    equipment: list[Equipment] = labelled(
        "Attrezzature e mezzi principali",
        "Major equipment and vehicles",
        default_factory=list,
        max_length=30,
    )
    board: Board = labelled(
        "Il direttivo: obiettivi e problemi", "The board: goals and problems", default_factory=Board
    )
    qualitative: Qualitative = labelled(
        "Aspetti qualitativi", "Qualitative", default_factory=Qualitative
    )

    @model_validator(mode="after")
    def _reform_rules(self) -> Self:
        """Rules that need two sections at once (the sport reform's 5x1000 rule)."""
        rules = Rule.collector()
        five = _number(self.revenue.five_per_mille)
        if five:
            if self.identity.legal_form is LegalForm.SSD:
                rules.add(("revenue", "five_per_mille"), "five_per_mille_ssd", found=five)
            elif self._no_five_per_mille_group():
                rules.add(("revenue", "five_per_mille"), "five_per_mille_no_youth", found=five)
        season_start = _season_start(self.identity.reference_season)
        for index, loan in enumerate(self.loans):
            if season_start and loan.end_year is not None and loan.end_year < season_start:
                rules.add(
                    ("loans", index, "end_year"),
                    "loan_already_ended",
                    found=loan.end_year,
                    season=self.identity.reference_season,
                )
        for index, funding in enumerate(self.funding):
            if not season_start or funding.year is None:
                continue
            # The plan's seasons run from September of start+1 to August of start+4.
            first, last = season_start + 1, season_start + 4
            if not first <= funding.year <= last:
                rules.add(
                    ("funding", index, "year"),
                    "funding_outside_plan",
                    found=funding.year,
                    first=first,
                    last=last,
                )
        rules.raise_if_any()
        return self

    def _no_five_per_mille_group(self) -> bool:
        """No member of the groups 5x1000 serves: under 18, over 60, athletes with disabilities.

        Unknown counts are not zero: only a club known to have none of them is refused.
        """
        current = self.people.members_current_season
        disabled = _number(self.people.athletes_with_disabilities)
        return current.youth() == 0 and current.over_60.total() == 0 and not disabled

    @property
    def name(self) -> str:
        return self.identity.name

    def members_total(self) -> int | None:
        """The members typed this season: a lower bound when some bands are empty (see
        ``members_bands_missing``); None when none is given."""
        return self.people.members_current_season.at_least()[0]

    def members_bands_missing(self) -> int:
        return self.people.members_current_season.at_least()[1]

    def size_band(self) -> SizeBand:
        return SizeBand.for_members(self.members_total())

    def has_youth_section(self) -> bool:
        youth = self.people.members_current_season.youth()
        return bool(youth) or any("giovan" in t.category.lower() for t in self.people.teams)

    @property
    def paralympic(self) -> bool:
        """Affiliated to a body of the Italian Paralympic Committee."""
        return any(a.kind.paralympic for a in self.identity.affiliations)


def _season_start(season: str) -> int | None:
    match = SEASON_PATTERN.fullmatch(season)
    return int(match.group(1)) if match else None


def _number(value: SourcedValue | None) -> float | None:
    if value is None or value.value is None or isinstance(value.value, str):
        return None
    return float(value.value)


__all__ = [
    "Affiliation",
    "AffiliationKind",
    "Balance",
    "Board",
    "BoardGoal",
    "BoardProblem",
    "ClubProfile",
    "CoachGroup",
    "CostBasis",
    "Costs",
    "CrossFieldErrors",
    "Equipment",
    "Facility",
    "GenderCount",
    "Identity",
    "LegalForm",
    "Loan",
    "MembersByAge",
    "Ownership",
    "People",
    "PlanTopic",
    "Qualitative",
    "Region",
    "Revenue",
    "SizeBand",
    "Stakeholder",
    "Swot",
    "Team",
    "sourced_number",
]
