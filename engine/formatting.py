"""Numbers, money and dates written the way Italian and English readers expect.

No ``locale`` module: it depends on what the operating system has installed,
and an export must look the same on every laptop.
"""

from __future__ import annotations

import datetime as dt

from engine.domain.language import Language

MONTHS = {
    Language.IT: [
        "gen",
        "feb",
        "mar",
        "apr",
        "mag",
        "giu",
        "lug",
        "ago",
        "set",
        "ott",
        "nov",
        "dic",
    ],
    Language.EN: [
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ],
}
MONEY_UNITS = {"EUR", "EUR/anno", "EUR/ora", "EUR/mese", "EUR/year", "EUR/hour", "EUR/month"}
UNIT_WORDS = {
    "EUR/anno": ("€/anno", "€/year"),
    "EUR/ora": ("€/ora", "€/hour"),
    "EUR/mese": ("€/mese", "€/month"),
    "EUR/year": ("€/anno", "€/year"),
    "EUR/hour": ("€/ora", "€/hour"),
    "EUR/month": ("€/mese", "€/month"),
    "EUR": ("€", "€"),
    "n": ("n.", "no."),
    "n/anno": ("n. all'anno", "no. a year"),
    "n/mese": ("n. al mese", "no. a month"),
    "ore/settimana": ("ore/settimana", "hours/week"),
    "abitanti": ("abitanti", "inhabitants"),
    "%": ("%", "%"),
}


def number(value: float, language: Language, decimals: int | None = None) -> str:
    """``12500.5`` -> ``12.500,5`` (it) / ``12,500.5`` (en); integers stay integers."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() or abs(value) >= 1000 else 1
    text = f"{value:,.{decimals}f}"
    if language is Language.IT:
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text.replace("-", "−") if value < 0 else text


def money(value: float, language: Language, *, unit: str = "EUR") -> str:
    """Whole euros (cents add nothing to a three-year plan), per hour keeps cents if any."""
    decimals = 0 if unit not in {"EUR/ora", "EUR/hour"} or float(value).is_integer() else 2
    amount = number(round(value, decimals), language, decimals)
    suffix = ""
    if unit not in {"EUR", "EUR/anno", "EUR/year"}:
        suffix = "/" + unit_word(unit, language).split("/", 1)[-1]
    if language is Language.IT:
        return f"{amount} €{suffix}"
    sign = ""
    if amount.startswith("−"):
        sign, amount = "−", amount[1:]
    return f"{sign}€{amount}{suffix}"


def money_range(low: float, high: float, language: Language) -> str:
    if low == high:
        return money(low, language)
    dash = "–"
    if language is Language.IT:
        return f"{number(low, language, 0)}{dash}{number(high, language, 0)} €"
    return f"€{number(low, language, 0)}{dash}{number(high, language, 0)}"


def unit_word(unit: str, language: Language) -> str:
    words = UNIT_WORDS.get(unit)
    if words is None:
        return unit
    return words[0 if language is Language.IT else 1]


def quantity(value: int | float | str, unit: str, language: Language) -> str:
    """A value with its unit, money in euros, counts as bare numbers."""
    if isinstance(value, str):
        return value if not unit or unit == "n" else f"{value} {unit_word(unit, language)}"
    if unit in MONEY_UNITS:
        return money(float(value), language, unit=unit)
    text = number(value, language)
    if unit in {"", "n"}:
        return text
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit_word(unit, language)}"


def date(value: dt.date, language: Language) -> str:
    if language is Language.IT:
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return f"{value.day} {MONTHS[language][value.month - 1]} {value.year}"


def clip(text: str, limit: int) -> str:
    """Shorten at a word boundary with an ellipsis (the one-pager has fixed boxes)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–") + "…"
