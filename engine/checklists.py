"""Plan parts computed by rule for every provider: compliance, monitoring, data gaps.

They depend only on the questionnaire and the sport-reform facts in the
domain brief, so no language model writes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from engine.agents.context import PlanContext
from engine.agents.texts import pick
from engine.domain.club import ClubProfile, LegalForm
from engine.domain.errors import label_path
from engine.domain.plan import (
    ComplianceItem,
    ComplianceStatus,
    DataGap,
    MonitoringEntry,
)
from engine.domain.sourced import SourcedValue
from engine.finance import NON_SPORT_REVENUE_LIMIT


def compliance(ctx: PlanContext) -> list[ComplianceItem]:
    lang = ctx.language
    club = ctx.club
    facts = ctx.facts
    items = [
        ComplianceItem(
            code="C1",
            title=pick(
                lang,
                "Iscrizione al Registro nazionale delle attività sportive (RASD)",
                "Registration in the national register of sports clubs (RASD)",
            ),
            status=ComplianceStatus.OK if club.identity.rasd_registered else ComplianceStatus.TO_DO,
            detail=pick(
                lang,
                f"Iscritta con numero {club.identity.rasd_number}."
                if club.identity.rasd_registered
                else "Iscrivere la società sul portale del RASD: senza iscrizione non si "
                "accede ai benefici della riforma.",
                f"Registered with number {club.identity.rasd_number}."
                if club.identity.rasd_registered
                else "Register the club on the RASD portal: without it the reform's benefits "
                "are not available.",
            ),
            reference="RASD, Sport e Salute (attivo dal 31/08/2022)",
        ),
        ComplianceItem(
            code="C2",
            title=pick(
                lang,
                "Tutela dei minori: modello organizzativo, codice di condotta e "
                "responsabile safeguarding",
                "Safeguarding: organisational model, code of conduct and officer",
            ),
            status=ComplianceStatus.TO_CHECK,
            detail=pick(
                lang,
                "Il questionario non lo indica: verificate l'adozione e la nomina "
                "(scadenza 31 dicembre 2024). Vedi obiettivo SO2.",
                "The questionnaire does not say: check adoption and appointment "
                "(deadline 31 December 2024). See objective SO2.",
            ),
            reference="D.Lgs. 39/2021, art. 16",
        ),
    ]
    workers = facts.number("paid_workers") or 0
    items.append(
        ComplianceItem(
            code="C3",
            title=pick(
                lang,
                "Contratti dei lavoratori sportivi secondo la riforma",
                "Sports workers' contracts under the reform",
            ),
            status=ComplianceStatus.TO_CHECK if workers else ComplianceStatus.NOT_APPLICABLE,
            detail=pick(
                lang,
                "Esenzione IRPEF fino a 15.000 EUR l'anno, contributi oltre 5.000 EUR (riduzione "
                "del 50% fino al 2027), co.co.co. sportive fino a 24 ore settimanali."
                if workers
                else "La società non dichiara lavoratori retribuiti.",
                "No income tax up to EUR 15,000 a year, contributions above EUR 5,000 (50% "
                "relief until 2027), co.co.co. sports contracts up to 24 hours a week."
                if workers
                else "The club reports no paid workers.",
            ),
            reference="D.Lgs. 36/2021 (dal 1/07/2023)",
        )
    )
    volunteers = facts.number("volunteers") or 0
    items.append(
        ComplianceItem(
            code="C4",
            title=pick(lang, "Rimborsi forfettari ai volontari", "Flat-rate volunteer refunds"),
            status=ComplianceStatus.TO_CHECK if volunteers else ComplianceStatus.NOT_APPLICABLE,
            detail=pick(
                lang,
                "Entro 400 EUR al mese per volontario, con delibera e registro.",
                "Within EUR 400 a month per volunteer, with a board decision and a register.",
            ),
            reference="D.Lgs. 36/2021",
        )
    )
    revenue = ctx.finance.revenue
    non_sport = [line for line in ctx.finance.plan.lines if line.category == "bar_merchandise"]
    within = all(
        not revenue[year]
        or (non_sport[0].values[year].value or 0) <= float(revenue[year] * NON_SPORT_REVENUE_LIMIT)
        for year in range(4)
    )
    items.append(
        ComplianceItem(
            code="C5",
            title=pick(
                lang,
                "Attività diverse secondarie rispetto a quelle sportive",
                "Non-sport activities secondary to sport",
            ),
            status=ComplianceStatus.OK if within else ComplianceStatus.TO_CHECK,
            detail=pick(
                lang,
                "Bar e merchandising contano nel limite; sponsorizzazioni, "
                "pubblicità e gestione di impianti no.",
                "Bar and merchandise count towards the limit; sponsorship, advertising "
                "and facility management do not.",
            ),
            reference="D.Lgs. 36/2021, art. 9",
        )
    )
    eligible = club.identity.legal_form is LegalForm.ASD and club.has_youth_section()
    items.append(
        ComplianceItem(
            code="C6",
            title=pick(lang, "Accesso al 5x1000", "Access to 5x1000"),
            status=ComplianceStatus.TO_CHECK if eligible else ComplianceStatus.NOT_APPLICABLE,
            detail=pick(
                lang,
                "ASD con settore giovanile: verificate l'iscrizione all'elenco dei beneficiari."
                if eligible
                else "Riservato alle ASD con settore giovanile.",
                "ASD with a youth section: check the listing among beneficiaries."
                if eligible
                else "Open only to ASDs with a youth section.",
            ),
            reference="Riforma dello sport, domain brief",
        )
    )
    return items


def monitoring(ctx: PlanContext) -> list[MonitoringEntry]:
    """Three reviews a season: baseline update, mid-season RAG review, year-end review."""
    lang = ctx.language
    start = ctx.first_season_start
    entries = []
    for year in range(3):
        season = ctx.seasons[year]
        for month, what_it, what_en in (
            (
                10,
                f"Aggiornare i valori di partenza dei KPI ({season})",
                f"Update KPI baselines ({season})",
            ),
            (
                1,
                f"Revisione di metà stagione: stato verde/giallo/rosso di ogni KPI ({season})",
                f"Mid-season review: green/amber/red status of every KPI ({season})",
            ),
            (
                6,
                f"Revisione di fine stagione e budget della stagione successiva ({season})",
                f"End-of-season review and next season's budget ({season})",
            ),
        ):
            due_year = start.year + year + (1 if month < start.month else 0)
            entries.append(
                MonitoringEntry(
                    due=dt.date(due_year, month, 15),
                    what=pick(lang, what_it, what_en),
                    owner_role=pick(lang, "Consiglio direttivo", "Board"),
                )
            )
    return entries


def _missing_values(model: BaseModel, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = (*path, name)
        if isinstance(value, SourcedValue):
            if value.value is None:
                yield here
        elif isinstance(value, BaseModel):
            yield from _missing_values(value, here)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _missing_values(item, (*here, index))
        elif value is None and _is_sourced_field(type(model), name):
            yield here


def _is_sourced_field(model: type[BaseModel], name: str) -> bool:
    extra = model.model_fields[name].json_schema_extra
    annotation = str(model.model_fields[name].annotation)
    return "SourcedValue" in annotation or (isinstance(extra, dict) and "unit" in extra)


def data_gaps(ctx: PlanContext) -> list[DataGap]:
    """Questionnaire answers the plan needed, and KPI baselines to measure at the start."""
    lang = ctx.language
    gaps = [
        DataGap(
            field=".".join(map(str, path)),
            label=label_path(ClubProfile, path, lang) or ".".join(map(str, path)),
            why=pick(
                lang,
                "Risposta del questionario mancante: le cifre che ne dipendono sono "
                "indicate come dato da acquisire.",
                "Questionnaire answer missing: the figures that depend on it are marked "
                "as to be collected.",
            ),
        )
        for path in _missing_values(ctx.club)
    ]
    seen: set[str] = set()
    for objective in ctx.selection.values():
        for template, kpi in zip(objective.macro.kpis, objective.kpis, strict=True):
            if kpi.baseline.value is None and template.key not in seen:
                seen.add(template.key)
                gaps.append(
                    DataGap(
                        field=f"kpi.{template.key}",
                        label=f"{objective.code} - {kpi.name}",
                        why=pick(
                            lang,
                            f"Da misurare a inizio piano: {kpi.source}.",
                            f"To be measured at the start of the plan: {kpi.source}.",
                        ),
                    )
                )
    return gaps
