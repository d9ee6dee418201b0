"""Field helpers shared by the questionnaire and the plan.

Each field carries its Italian and English label (the error messages and the
desktop form both read them), and questionnaire numbers carry their unit and a
realistic range: a figure no amateur club can have is a typing slip (an extra
zero, a pasted exponent), and letting it through would only fail later, deep in
the plan's arithmetic, where the user can no longer be told which field it was.

Text a person types is checked for invisible characters: control characters
(NUL, ESC...) break exports and terminals, and Unicode direction marks can make
a name read differently from what it is (a "Trojan Source" name). Line breaks
are allowed only in long free-text fields.

What is checked depends on the validation context (``engine.domain.context``):
versions read back from the store skip the checks added after they were saved.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Final

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, WrapSerializer
from pydantic_core import PydanticCustomError

from engine.domain.context import is_stored, planning_date
from engine.domain.invisible import text_problem
from engine.domain.sourced import SourcedValue, SourceTier, coerce_sourced

EUR_YEAR = "EUR/anno"
EUR_HOUR = "EUR/ora"
COUNT = "n"
HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")

# --- realistic ranges --------------------------------------------------------------
MAX_MONEY_EUR: Final = 100_000_000
"""One line of a club's yearly accounts (revenue, costs, debts...): Serie A money, not an
amateur club's, so a larger figure is a typing slip."""
MAX_FEE_EUR: Final = 100_000
"""A yearly fee per athlete."""
MAX_HOURLY_EUR: Final = 10_000
"""An hourly rate (a facility's hire)."""
MAX_COUNT: Final = 100_000
"""People of one kind in one club (members of an age band, volunteers, workers...)."""
MAX_INHABITANTS: Final = 3_000_000
"""Italy's largest comune (Rome) has fewer than 3 million inhabitants."""
SEASON_SLACK_YEARS: Final = 2
"""How far a club's reference season may be from today's season."""
SEASON_START_MONTH: Final = 7
"""Italian sports seasons run from July to June (e.g. 2025/26 starts on 1 July 2025)."""


def season_of(day: dt.date) -> int:
    """The first year of the sports season ``day`` falls in."""
    return day.year if day.month >= SEASON_START_MONTH else day.year - 1


def season_label(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def season_too_far(start: int, info: ValidationInfo) -> str | None:
    """Today's season when a club being planned names one too far from it, else None.

    A plan looks three seasons ahead of the club's current one: "2099/00" is a
    typing slip, and an old season would plan years that are already over.
    """
    today = planning_date(info)
    if today is None:
        return None
    current = season_of(today)
    return season_label(current) if abs(start - current) > SEASON_SLACK_YEARS else None


def labelled(it: str, en: str, default: Any = ..., **kwargs: Any) -> Any:
    """A pydantic Field with its label in both languages (``title`` is Italian)."""
    extra = dict(kwargs.pop("json_schema_extra", None) or {})
    extra["title_en"] = en
    return Field(default, title=it, json_schema_extra=extra, **kwargs)


# --- numbers -------------------------------------------------------------------------------


def _compact(value: SourcedValue | None, handler: Any) -> Any:
    """Write a plain questionnaire answer back as a plain number (files stay readable)."""
    if (
        value is not None
        and value.tier is SourceTier.QUESTIONNAIRE
        and value.reference is None
        and value.date is None
    ):
        return value.value
    return handler(value)


def number_problem(
    number: object, minimum: float, maximum: float | None, integer: bool = False
) -> PydanticCustomError | None:
    """Why ``number`` cannot stand for a figure in this range, or None when it can."""
    if isinstance(number, bool) or not isinstance(number, int | float):
        return PydanticCustomError("rf_number_expected", "a number is expected", {"found": number})
    if math.isnan(number):
        return PydanticCustomError("rf_not_finite", "not a finite number", {"found": number})
    if number < minimum:
        return PydanticCustomError(
            "rf_too_small", "must be at least {minimum}", {"minimum": minimum, "found": number}
        )
    if maximum is not None and number > maximum:  # 1e999 is read as infinity: too large
        return PydanticCustomError(
            "rf_too_large", "must be at most {maximum}", {"maximum": maximum, "found": number}
        )
    if isinstance(number, float) and not math.isfinite(number):
        return PydanticCustomError("rf_not_finite", "not a finite number", {"found": number})
    if integer and isinstance(number, float) and not number.is_integer():
        return PydanticCustomError(
            "rf_integer_expected", "a whole number is expected", {"found": number}
        )
    return None


def range_problem(
    value: SourcedValue | None,
    info: ValidationInfo,
    minimum: float = 0,
    maximum: float | None = None,
    integer: bool = False,
) -> PydanticCustomError | None:
    """``number_problem`` for a sourced value (None is "to be collected": fine).

    A stored version keeps a figure above a limit added after it was saved.
    """
    if value is None or value.value is None:
        return None
    problem = number_problem(value.value, minimum, maximum, integer)
    if problem is not None and problem.type == "rf_too_large" and is_stored(info):
        return None
    return problem


def _range_check(minimum: float, maximum: float | None, integer: bool) -> Any:
    def check(value: SourcedValue | None, info: ValidationInfo) -> SourcedValue | None:
        problem = range_problem(value, info, minimum, maximum, integer)
        if problem is not None:
            raise problem
        return value

    return check


def sourced_number(
    unit: str, *, minimum: float = 0, maximum: float | None = None, integer: bool = False
) -> Any:
    """A questionnaire number: a plain answer or a sourced object, ``None`` when unknown."""
    return Annotated[
        SourcedValue | None,
        BeforeValidator(lambda raw: coerce_sourced(raw, unit)),
        AfterValidator(_range_check(minimum, maximum, integer)),
        WrapSerializer(_compact),
        Field(json_schema_extra={"unit": unit}),
    ]


EUR = "EUR"
PERCENT = "%"

Count = sourced_number(COUNT, maximum=MAX_COUNT, integer=True)
Money = sourced_number(EUR_YEAR, maximum=MAX_MONEY_EUR)
FeePerAthlete = sourced_number(EUR_YEAR, maximum=MAX_FEE_EUR)
SignedMoney = sourced_number(EUR_YEAR, minimum=-MAX_MONEY_EUR, maximum=MAX_MONEY_EUR)
"""A balance that may be negative: accumulated losses are a fact a plan must face."""
Amount = sourced_number(EUR, maximum=MAX_MONEY_EUR)
"""A one-off amount (a replacement cost, a residual debt), not a yearly flow."""
Percent = sourced_number(PERCENT, maximum=100)
Inhabitants = sourced_number("abitanti", minimum=1, maximum=MAX_INHABITANTS, integer=True)


# --- text ------------------------------------------------------------------------------------


def _clean(multiline: bool) -> Any:
    def check(value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and not is_stored(info):
            problem = text_problem(value, multiline=multiline)
            if problem is not None:
                raise problem
        return value

    return check


def _non_blank(value: str) -> str:
    stripped = value.strip()
    if not stripped:
        raise PydanticCustomError("rf_blank", "must not be blank", {"found": value})
    return stripped


Line = Annotated[str, AfterValidator(_clean(multiline=False))]
"""One line a person typed (a code, a path): no control characters, no direction marks."""
Text = Annotated[str, AfterValidator(_clean(multiline=False)), AfterValidator(_non_blank)]
"""A name or short text a person typed: one line, not blank, no invisible characters."""
FreeText = Annotated[str, AfterValidator(_clean(multiline=True))]
"""Long free text a person typed (notes, vision): line breaks and tabs allowed."""
PlanText = Annotated[str, AfterValidator(_non_blank)]
"""Text of a plan (written by a model or in the editor): not blank, line breaks allowed."""


def _hex_colour(value: str) -> str:
    if not HEX_COLOUR.fullmatch(value):
        raise PydanticCustomError("rf_hex_colour", "not a hex colour", {"found": value})
    return value.upper()


HexColour = Annotated[str, AfterValidator(_hex_colour)]
