"""Plan parts computed by rule for every provider: compliance, monitoring, data gaps.

They depend only on the questionnaire and the sport-reform facts in the
domain brief, so no language model writes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from engine import formatting, situation
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

# The law behind each item, read on 2026-12-06 (sources and their dates in
# docs/research/sports-and-law.md). A plan cites the act and the article, never our notes.
LAW = {
    "C1": "D.Lgs. 39/2021, artt. 4-6 (RASD, operativo dal 31/08/2022)",
    "C2": "D.Lgs. 39/2021, art. 16; D.Lgs. 36/2021, art. 33 c. 6; delibere CONI 255/2023 e "
    "159/89 del 28/06/2024",
    "C3": "D.Lgs. 36/2021, art. 35 c. 8-bis e 8-ter, art. 36 c. 6, art. 28 c. 2; INPS circ. 8/2026",
    "C4": "D.Lgs. 36/2021, art. 29 c. 2 (come sostituito dal D.L. 71/2024, L. 106/2024)",
    "C5": "D.Lgs. 36/2021, art. 9 c. 1, 1-bis e 1-ter",
    "C6": "DPCM 23 luglio 2020, art. 1 c. 1 lett. e); D.M. 2 aprile 2009, art. 5-bis",
}


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
                f"Iscritta con numero {club.identity.rasd_number}. Ogni anno i dati (attività, "
                "tesserati, compensi e rimborsi) vanno aggiornati: verificate la scadenza con "
                "l'ente affiliante."
                if club.identity.rasd_registered
                else "Iscrivere la società attraverso l'ente affiliante: senza iscrizione non si "
                "accede alle agevolazioni fiscali né ai contributi pubblici.",
                f"Registered with number {club.identity.rasd_number}. The data (activities, "
                "members, fees and refunds) must be updated every year: check the deadline with "
                "your affiliating body."
                if club.identity.rasd_registered
                else "Register the club through its affiliating body: without it there is no "
                "tax relief and no public funding.",
            ),
            reference=LAW["C1"],
        ),
        ComplianceItem(
            code="C2",
            title=pick(
                lang,
                "Tutela dei minori: modello organizzativo, codice di condotta e "
                "responsabile contro abusi e discriminazioni",
                "Safeguarding: organisational model, code of conduct and officer against abuse",
            ),
            status=ComplianceStatus.TO_CHECK,
            detail=pick(
                lang,
                "Il questionario non lo indica: il modello e il codice andavano adottati entro il "
                "31 agosto 2024 e il responsabile è obbligatorio dal 1° gennaio 2025. Vedi "
                "«Tutela dei minori».",
                "The questionnaire does not say: the model and code were due by 31 August 2024 "
                "and the officer is mandatory since 1 January 2025. See “Safeguarding”.",
            ),
            reference=LAW["C2"],
        ),
    ]
    workers = facts.number("paid_workers") or 0
    fee = facts.average_worker_fee()
    staff = formatting.count(  # "1 lavoratore", "3 lavoratori"
        int(workers), pick(lang, "lavoratore", "worker"), pick(lang, "lavoratori", "workers"), lang
    )
    if not workers:
        workers_detail = pick(
            lang,
            "La società non dichiara lavoratori retribuiti.",
            "The club reports no paid workers.",
        )
    elif fee is None:
        workers_detail = pick(
            lang,
            f"{staff}, compensi non indicati: verificate per ognuno le soglie di "
            "5.000 € (contributi) e 15.000 € (IRPEF) e le co.co.co. fino a 24 ore settimanali.",
            f"{staff}, fees not given: check each against the €5,000 "
            "(contributions) and €15,000 (income tax) thresholds and the 24-hour co.co.co. limit.",
        )
    else:
        average = formatting.money(fee, lang)
        workers_detail = pick(
            lang,
            f"{staff}, compenso medio {average}: contributi INPS (25% + 2,03% "
            "per le co.co.co. sportive, sul 50% dell'imponibile fino al 31/12/2027) solo oltre "
            "5.000 € l'anno, IRPEF solo oltre 15.000 €; co.co.co. fino a 24 ore settimanali.",
            f"{staff}, average fee {average}: INPS contributions (25% + 2.03% for "
            "sports co.co.co., on 50% of the base until 31/12/2027) only above €5,000 a year, "
            "income tax only above €15,000; co.co.co. up to 24 hours a week.",
        )
    items.append(
        ComplianceItem(
            code="C3",
            title=pick(
                lang,
                "Contratti e compensi dei lavoratori sportivi",
                "Sports workers' contracts and fees",
            ),
            status=ComplianceStatus.TO_CHECK if workers else ComplianceStatus.NOT_APPLICABLE,
            detail=workers_detail,
            reference=LAW["C3"],
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
                "Fino a 400 € al mese per volontario, solo per eventi e gare riconosciuti, secondo "
                "le delibere dell'ente affiliante e del direttivo; contano nelle soglie dei "
                "5.000 e 15.000 €.",
                "Up to €400 a month per volunteer, only for recognised events and competitions, "
                "under the affiliating body's and the board's decisions; they count towards the "
                "€5,000 and €15,000 thresholds.",
            ),
            reference=LAW["C4"],
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
                "Il decreto che fissa i limiti non è ancora stato emanato: il piano usa per "
                "prudenza il 30% delle entrate, come per il Terzo settore (D.M. 107/2021). Bar e "
                "merchandising contano; sponsorizzazioni, pubblicità e gestione dell'impianto no. "
                "Due anni fuori limite comportano la cancellazione dal RASD.",
                "The decree setting the limits has not been issued yet: the plan prudently uses "
                "30% of revenue, as for the third sector (D.M. 107/2021). Bar and merchandise "
                "count; sponsorship, advertising and facility management do not. Two years over "
                "the limit mean removal from the RASD.",
            ),
            reference=LAW["C5"],
        )
    )
    items.append(_five_per_mille(ctx))
    return items


def _five_per_mille(ctx: PlanContext) -> ComplianceItem:
    lang = ctx.language
    club = ctx.club
    facts = ctx.facts
    if club.identity.legal_form is LegalForm.SSD:
        status = ComplianceStatus.NOT_APPLICABLE
        detail = pick(
            lang,
            "Il 5x1000 sportivo è riservato alle associazioni (ASD), non alle SSD.",
            "Sports 5x1000 is for associations (ASD), not for SSDs.",
        )
    elif not club.identity.rasd_registered:
        status = ComplianceStatus.NOT_APPLICABLE
        detail = pick(
            lang,
            "Prima serve l'iscrizione al RASD; poi l'ASD con settore giovanile può chiedere "
            "l'accreditamento.",
            "RASD registration comes first; then an ASD with a youth section may apply.",
        )
    elif facts.five_per_mille_eligible():
        status = ComplianceStatus.TO_CHECK
        groups = situation.slots(facts, lang).get("five_per_mille_group", "")
        detail = pick(
            lang,
            f"ASD iscritta al RASD, con settore giovanile e attività prevalente per {groups}: se "
            "non è già nell'elenco permanente CONI, la domanda si presenta dal 10 marzo al 10 "
            "aprile (accreditamento tardivo entro il 30 settembre con 250 €).",
            f"An ASD in the RASD, with a youth section and activity mainly for {groups}: if it is "
            "not already on CONI's permanent list, apply from 10 March to 10 April (late "
            "application by 30 September for €250).",
        )
    else:
        status = ComplianceStatus.NOT_APPLICABLE
        detail = pick(
            lang,
            "Spetta alle ASD con settore giovanile la cui attività è prevalentemente per under "
            "18, over 60 o persone svantaggiate (anche con disabilità): i dati del questionario "
            "non lo mostrano.",
            "Open to ASDs with a youth section whose activity is mainly for under-18s, over-60s "
            "or disadvantaged people (disability included): the questionnaire does not show it.",
        )
    return ComplianceItem(
        code="C6",
        title=pick(lang, "Accesso al 5x1000", "Access to 5x1000"),
        status=status,
        detail=detail,
        reference=LAW["C6"],
    )


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
        for key, kpi in zip(objective.kpi_keys, objective.kpis, strict=True):
            if kpi.baseline.value is None and key not in seen:
                seen.add(key)
                gaps.append(
                    DataGap(
                        field=f"kpi.{key}",
                        label=f"{objective.code} - {kpi.name}",
                        why=pick(
                            lang,
                            f"Da misurare a inizio piano: {kpi.source}.",
                            f"To be measured at the start of the plan: {kpi.source}.",
                        ),
                    )
                )
    return gaps
