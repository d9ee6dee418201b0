"""Wording helpers for plan text: numbers, dates and short reasons, in Italian or English."""

from __future__ import annotations

import datetime as dt
import re

from engine import formatting
from engine.domain.language import Language
from engine.domain.sourced import SourcedValue

# Plural nouns our Italian templates put after a count, and their singular: a template
# reading "{waiting_list} persone" prints "1 persona" when the club has one.
SINGULAR_IT = {
    "lavoratori sportivi retribuiti": "lavoratore sportivo retribuito",
    "nuovi iscritti": "nuovo iscritto",
    "lavoratori": "lavoratore",
    "persone": "persona",
    "atleti": "atleta",
    "tesserati": "tesserato",
    "volontari": "volontario",
    "{squads}": "{squad}",
}
_COUNTED = re.compile(
    r"(ci sono )?\{(\w+)\} (" + "|".join(re.escape(n) for n in SINGULAR_IT) + r")(?![\w}])"
)

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


def agree(template: str, words: dict[str, str]) -> str:
    """The template with its counted nouns in the singular where the count is 1 ("ci sono
    {n} persone" -> "c'è {n} persona"). Only the template's own words change, never a
    quoted answer of the club; English templates have no entry to match."""

    def singular(match: re.Match[str]) -> str:
        if str(words.get(match[2], "")).strip() != "1":
            return match[0]
        there = "c'è " if match[1] else ""
        return f"{there}{{{match[2]}}} {SINGULAR_IT[match[3]]}"

    return _COUNTED.sub(singular, template)


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
    if value.bands_missing:  # a lower bound: "almeno 242" wherever the count is quoted
        return formatting.figure(value, language)
    if value.unit == "sì/no":
        return pick(language, "sì", "yes") if amount else "no"
    if value.unit in PROSE_UNITS:
        text = formatting.number(amount, language)
        return pick(language, *PROSE_UNITS[value.unit]).format(n=text)
    return formatting.quantity(value.value, value.unit, language)


def month_year(day: dt.date, language: Language) -> str:
    names = MONTHS_IT if language is Language.IT else MONTHS_EN
    return f"{names[day.month - 1]} {day.year}"
