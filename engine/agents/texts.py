"""Wording helpers for plan text: numbers, dates and short reasons, in Italian or English."""

from __future__ import annotations

import datetime as dt

from engine import formatting
from engine.domain.language import Language
from engine.domain.sourced import SourcedValue

MONTHS_IT = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# Why a rule raised an objective's priority, in at most ~15 words (the summary's reasons).
REASONS: dict[str, tuple[str, str]] = {
    "low_retention": (
        "meno dell'80% dei tesserati rinnova ogni anno",
        "fewer than 80% of members renew each year",
    ),
    "has_waiting_list": (
        "c'è una lista d'attesa da assorbire",
        "there is a waiting list to absorb",
    ),
    "many_teams": (
        "molte squadre hanno bisogno di un metodo comune",
        "many teams need one shared method",
    ),
    "not_rasd_registered": ("manca l'iscrizione al RASD", "RASD registration is missing"),
    "large_club": ("le dimensioni della società lo richiedono", "the club's size calls for it"),
    "small_club": (
        "per una società piccola viene dopo le basi",
        "for a small club it comes after the basics",
    ),
    "few_female_members": ("la quota femminile è sotto il 20%", "the female share is below 20%"),
    "has_paid_workers": (
        "i contratti dei lavoratori sportivi vanno messi in regola",
        "sports workers' contracts must comply with the reform",
    ),
    "facility_hours_short": (
        "le ore di impianto non bastano alla domanda",
        "facility hours fall short of demand",
    ),
    "deficit": ("i costi superano le entrate", "costs exceed revenue"),
    "sponsor_dependent": (
        "le entrate dipendono troppo da pochi sponsor",
        "revenue depends too much on a few sponsors",
    ),
    "has_bar_merchandise": (
        "bar e merchandising sono già una fonte di entrate",
        "bar and merchandise already bring revenue",
    ),
    "operates_facility": (
        "la società gestisce un impianto e i suoi consumi",
        "the club runs a facility and its energy use",
    ),
}
LEGAL_REASON = {
    "SO2": (
        "obbligo di legge già scaduto (D.Lgs. 39/2021)",
        "a legal duty already due (D.Lgs. 39/2021)",
    ),
    "MK1": (
        "la comunicazione sostiene tutti gli altri obiettivi",
        "communication supports every other objective",
    ),
}


def pick(language: Language, italian: str, english: str) -> str:
    return italian if language is Language.IT else english


def number(value: float | int, language: Language, decimals: int = 0) -> str:
    """1.234,5 in Italian, 1,234.5 in English (the exports' formatter, fixed decimals)."""
    return formatting.number(float(value), language, decimals)


PROSE_UNITS = {
    "n/anno": ("{n} all'anno", "{n} a year"),
    "n/mese": ("{n} al mese", "{n} a month"),
    "ore/settimana": ("{n} ore a settimana", "{n} hours a week"),
}


def quantity(value: SourcedValue, language: Language) -> str:
    """A figure with its unit as running text reads it, or "dato da acquisire" when missing."""
    if value.value is None or isinstance(value.value, str):
        return value.provenance(language)
    amount = float(value.value)
    if value.unit == "sì/no":
        return pick(language, "sì", "yes") if amount else "no"
    if value.unit in PROSE_UNITS:
        text = formatting.number(amount, language)
        return pick(language, *PROSE_UNITS[value.unit]).format(n=text)
    return formatting.quantity(value.value, value.unit, language)


def month_year(day: dt.date, language: Language) -> str:
    names = MONTHS_IT if language is Language.IT else MONTHS_EN
    return f"{names[day.month - 1]} {day.year}"


def reason(condition: str, language: Language) -> str:
    italian, english = REASONS.get(condition, ("", ""))
    return pick(language, italian, english)
