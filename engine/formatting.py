"""Numbers, money and dates written the way Italian and English readers expect.

No ``locale`` module: it depends on what the operating system has installed,
and an export must look the same on every laptop.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from engine.domain.language import Language

if TYPE_CHECKING:
    from engine.domain.sourced import SourcedValue

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
    # Half up, as accountants round (Python's format rounds half to even: 86.622,5 -> 86.622).
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{abs(rounded):,.{decimals}f}"
    if language is Language.IT:
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return f"−{text}" if rounded < 0 else text


def money(value: float, language: Language, *, unit: str = "EUR") -> str:
    """Whole euros (cents add nothing to a three-year plan), per hour keeps cents if any."""
    decimals = 0 if unit not in {"EUR/ora", "EUR/hour"} or float(value).is_integer() else 2
    amount = number(value, language, decimals)
    suffix = ""
    if unit not in {"EUR", "EUR/anno", "EUR/year"}:
        suffix = "/" + unit_word(unit, language).split("/", 1)[-1]
    if language is Language.IT:
        return f"{amount} €{suffix}"
    sign = ""
    if amount.startswith("−"):
        sign, amount = "−", amount[1:]
    return f"{sign}€{amount}{suffix}"


def money_range(low: float, high: float, language: Language, *, unit: str = "EUR") -> str:
    """``1.400–4.200 €`` (it) / ``€1,400–4,200`` (en): the unit once, after or before."""
    if round(low) == round(high):
        return money(low, language, unit=unit)
    low_text, high_text = money(low, language, unit=unit), money(high, language, unit=unit)
    if low < 0:  # "−68.189–−56.274 €" is hard to read: say it in words
        if language is Language.IT:
            return f"da {low_text.split(' ', 1)[0]} a {high_text}"
        return f"from {low_text.split('/', 1)[0]} to {high_text}"
    if language is Language.IT:  # "1.400 €" + "4.200 €/mese" -> "1.400–4.200 €/mese"
        return f"{low_text.split(' ', 1)[0]}–{high_text}"
    return f"{low_text.split('/', 1)[0]}–{high_text.replace('€', '', 1)}"


def percent_of(text: str, language: Language) -> str:
    """ "il 30%" / "l'80%": the Italian article elides before a number said with a vowel
    (uno, otto, undici, ottanta...); English needs none."""
    if language is not Language.IT:
        return f"{text}%"
    vowel = text.startswith("8") or text in ("1", "11") or text.startswith(("1,", "11,"))
    return f"{'l' + chr(39) if vowel else 'il '}{text}%"


def figure(value: SourcedValue, language: Language, *, bare: bool = False) -> str:
    """A sourced value as printed everywhere: money in euros, a range as ``low–high``.

    ``bare`` drops a non-money unit (a table with a unit column). The caller handles a
    missing value (``value.value is None``), which has its own words.
    """
    unit = "" if bare and value.unit not in MONEY_UNITS else value.unit
    if value.bands_missing and isinstance(value.value, int | float):
        at_least = "almeno" if language is Language.IT else "at least"
        return f"{at_least} {quantity(value.value, unit, language)}"
    if value.high is not None and isinstance(value.value, int | float):
        if unit in MONEY_UNITS:
            return money_range(float(value.value), float(value.high), language, unit=unit)
        low, high = quantity(value.value, "", language), quantity(value.high, unit, language)
        return f"{low}–{high}"
    return quantity(value.value if value.value is not None else "", unit, language)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round axis ticks (1, 2, 2.5 or 5 times a power of ten) covering ``low..high``.

    A chart axis at 53.825 / 40.369 / 26.913 reads as noise; 0 / 20.000 / 40.000 / 60.000
    reads at a glance. Zero is always a tick when the range crosses or touches it.
    """
    low, high = min(low, 0.0, high), max(high, 0.0, low)
    span = high - low
    if span <= 0:
        return [0.0, 1.0]
    raw = span / max(1, count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = [first]
    while ticks[-1] < high - 1e-9:
        ticks.append(ticks[-1] + step)
    return [round(t, 6) + 0.0 for t in ticks]


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


def count(value: int | float, one: str, many: str, language: Language) -> str:
    """A number and its noun agreeing: "1 lavoratore", "3 lavoratori" ("1 worker")."""
    return f"{number(value, language)} {one if value == 1 else many}"


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
