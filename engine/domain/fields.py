"""Field helpers shared by the questionnaire and the plan.

Each field carries its Italian and English label (the error messages and the
desktop form both read them), and questionnaire numbers carry their unit.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, WrapSerializer
from pydantic_core import PydanticCustomError

from engine.domain.sourced import SourcedValue, SourceTier, coerce_sourced

EUR_YEAR = "EUR/anno"
COUNT = "n"
HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def labelled(it: str, en: str, default: Any = ..., **kwargs: Any) -> Any:
    """A pydantic Field with its label in both languages (``title`` is Italian)."""
    extra = dict(kwargs.pop("json_schema_extra", None) or {})
    extra["title_en"] = en
    return Field(default, title=it, json_schema_extra=extra, **kwargs)


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


def _range_check(minimum: float, maximum: float | None, integer: bool) -> Any:
    def check(value: SourcedValue | None) -> SourcedValue | None:
        if value is None or value.value is None:
            return value
        number = value.value
        if isinstance(number, str):
            raise PydanticCustomError(
                "rf_number_expected", "a number is expected", {"found": number}
            )
        if integer and isinstance(number, float) and not number.is_integer():
            raise PydanticCustomError(
                "rf_integer_expected", "a whole number is expected", {"found": number}
            )
        if number < minimum:
            raise PydanticCustomError(
                "rf_too_small",
                "must be at least {minimum}",
                {"minimum": minimum, "found": number},
            )
        if maximum is not None and number > maximum:
            raise PydanticCustomError(
                "rf_too_large",
                "must be at most {maximum}",
                {"maximum": maximum, "found": number},
            )
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

Count = sourced_number(COUNT, integer=True)
Money = sourced_number(EUR_YEAR)
SignedMoney = sourced_number(EUR_YEAR, minimum=-100_000_000)
"""A balance that may be negative: accumulated losses are a fact a plan must face."""
Amount = sourced_number(EUR)
"""A one-off amount (a replacement cost, a residual debt), not a yearly flow."""
Percent = sourced_number(PERCENT, maximum=100)
Inhabitants = sourced_number("abitanti", minimum=1, integer=True)


def _hex_colour(value: str) -> str:
    if not HEX_COLOUR.match(value):
        raise PydanticCustomError("rf_hex_colour", "not a hex colour", {"found": value})
    return value.upper()


HexColour = Annotated[str, AfterValidator(_hex_colour)]


def _non_blank(value: str) -> str:
    stripped = value.strip()
    if not stripped:
        raise PydanticCustomError("rf_blank", "must not be blank", {"found": value})
    return stripped


Text = Annotated[str, AfterValidator(_non_blank)]
