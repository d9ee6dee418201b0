"""Values that carry their provenance.

Users of the earlier product could not tell a number from the club's own
questionnaire from one the AI made up. Every figure here says where it came
from (tier), what it measures (unit), and which reference backs it.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from engine.domain.context import is_stored
from engine.domain.invisible import text_problem
from engine.domain.language import Language


class StrictModel(BaseModel):
    """Base for every domain model: strict types, unknown fields refused."""

    model_config = ConfigDict(strict=True, extra="forbid", validate_assignment=True)


class SourceTier(StrEnum):
    QUESTIONNAIRE = "questionnaire"
    RESEARCH = "research"
    ESTIMATE = "estimate"


MISSING_LABEL = {Language.IT: "dato da acquisire", Language.EN: "to be collected"}
USER_EDIT_REFERENCE = "modificato dall'utente"
"""The reference of a number the user typed over a computed one (questionnaire tier, dated):
their own figure, which the plan view and the exports label as edited, not as the
questionnaire's or a benchmark's."""


DERIVED_REFERENCE = "calcolato dai vostri dati"
"""The reference of a figure computed from the club's own answers (a total, a rate):
still the questionnaire's tier, but the plan says it was calculated, not typed."""


ACTUAL_REFERENCE = "consuntivo"
"""The reference of a closed season's figure, "consuntivo 2026/27": what the club recorded
at the season's end (``engine.monitoring``), which a rolled-forward plan shows in place
of the season's forecast or target (questionnaire tier: the club's own figure, dated)."""


def bands_not_given(count: int, language: Language) -> str:
    """ " (2 fasce d'età non indicate)": what a lower-bound count is missing, or nothing."""
    if not count:
        return ""
    if language is Language.IT:
        words = "fascia d'età non indicata" if count == 1 else "fasce d'età non indicate"
    else:
        words = "age band not given" if count == 1 else "age bands not given"
    return f" ({count} {words})"


class SourcedValue(StrictModel):
    """One data point: value, unit, tier, reference, date (``value`` None = to be collected)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    value: int | float | str | None
    unit: str
    tier: SourceTier = SourceTier.QUESTIONNAIRE
    # An estimate from a benchmark is a range: ``value`` is its low end, ``high`` its high
    # end (None for a single figure). Conclusions read the prudent end.
    high: int | float | None = None
    # A count added up from age bands, some left empty: ``value`` is then a lower bound
    # ("almeno 99") and the provenance says how many bands are missing. Left out of the
    # stored JSON when zero, so plans without it are unchanged.
    bands_missing: int = Field(0, ge=0, le=20, exclude_if=lambda missing: missing == 0)
    reference: str | None = None
    # Lax on purpose: a date inside a plain dict (a questionnaire answer wrapped
    # by coerce_sourced) arrives as ISO text even when the file was JSON.
    date: Annotated[dt.date | None, Field(strict=False)] = None

    @model_validator(mode="after")
    def _reference_backs_non_questionnaire_values(self, info: ValidationInfo) -> Self:
        if isinstance(self.value, float) and not math.isfinite(self.value):
            raise PydanticCustomError("rf_not_finite", "not a finite number", {"found": self.value})
        if self.high is not None and (
            not isinstance(self.value, int | float)
            or not math.isfinite(self.high)
            or self.high < self.value
        ):
            raise PydanticCustomError(
                "rf_bad_range", "a range needs a low value not above its high value", {}
            )
        cited = bool(self.reference and self.reference.strip())
        if self.tier is not SourceTier.QUESTIONNAIRE and self.value is not None and not cited:
            raise PydanticCustomError(
                "rf_reference_required", "a research or estimate value needs a reference"
            )
        if self.reference and not is_stored(info):
            problem = text_problem(self.reference, multiline=False)
            if problem is not None:
                raise problem
        return self

    @property
    def is_missing(self) -> bool:
        return self.value is None

    def provenance(self, language: Language | str = Language.IT) -> str:
        """The source in plain words, as the plan shows it beside the number."""
        lang = Language(language)
        if self.value is None:
            return MISSING_LABEL[lang]
        if self.tier is SourceTier.QUESTIONNAIRE:
            if self.is_user_edit:  # typed over in the plan: the user's own figure, dated
                when = self.date.strftime("%d/%m/%Y") if self.date else ""
                if lang is Language.IT:
                    return f"modificato da voi il {when}" if when else "modificato da voi"
                return f"changed by you on {when}" if when else "changed by you"
            if self.is_actual:
                season = (self.reference or "").removeprefix(ACTUAL_REFERENCE).strip()
                if lang is Language.IT:
                    return f"consuntivo {season} registrato dal club"
                return f"{season} actual recorded by the club"
            if self.reference == DERIVED_REFERENCE:
                said = DERIVED_REFERENCE if lang is Language.IT else "calculated from your data"
                return said + bands_not_given(self.bands_missing, lang)
            return "dal vostro questionario" if lang is Language.IT else "from your questionnaire"
        if self.tier is SourceTier.RESEARCH:
            prefix = "da fonte pubblica" if lang is Language.IT else "from a public source"
            return f"{prefix}: {self.reference}"
        if lang is Language.IT:
            return f"stima da benchmark {self.reference} - da verificare"
        return f"estimate from benchmark {self.reference} - to verify"

    @classmethod
    def questionnaire(cls, value: int | float | str | None, unit: str) -> SourcedValue:
        return cls(value=value, unit=unit, tier=SourceTier.QUESTIONNAIRE)

    @classmethod
    def estimate(cls, value: int | float | None, unit: str, benchmark: str) -> SourcedValue:
        return cls(value=value, unit=unit, tier=SourceTier.ESTIMATE, reference=benchmark)

    @classmethod
    def derived(cls, value: int | float, unit: str) -> SourcedValue:
        """A figure computed from the club's own answers (a sum, a conversion)."""
        return cls(
            value=value, unit=unit, tier=SourceTier.QUESTIONNAIRE, reference=DERIVED_REFERENCE
        )

    @classmethod
    def estimate_range(
        cls, low: int | float, high: int | float, unit: str, benchmark: str
    ) -> SourcedValue:
        """A benchmark range; a range whose ends meet is a single figure."""
        return cls(
            value=low,
            high=None if high == low else high,
            unit=unit,
            tier=SourceTier.ESTIMATE,
            reference=benchmark,
        )

    @property
    def midpoint(self) -> float | None:
        """The single number a chart draws (a range's middle); None when not a number."""
        if not isinstance(self.value, int | float):
            return None
        return float(self.value if self.high is None else (self.value + self.high) / 2)

    @classmethod
    def edited(
        cls, value: int | float | None, unit: str, on: dt.date | None = None
    ) -> SourcedValue:
        """A number the user typed over a computed one: their own, dated (today by default),
        never silently mixed with the questionnaire's or a benchmark's."""
        if value is None:
            return cls.missing(unit)
        return cls(
            value=value,
            unit=unit,
            tier=SourceTier.QUESTIONNAIRE,
            reference=USER_EDIT_REFERENCE,
            date=on or dt.date.today(),
        )

    @property
    def is_user_edit(self) -> bool:
        return self.reference == USER_EDIT_REFERENCE

    @classmethod
    def recorded(
        cls, value: int | float, unit: str, season: str, on: dt.date | None = None
    ) -> SourcedValue:
        """What the club measured at ``season``'s end: the season's actual ("consuntivo")."""
        return cls(
            value=value,
            unit=unit,
            tier=SourceTier.QUESTIONNAIRE,
            reference=f"{ACTUAL_REFERENCE} {season}",
            date=on,
        )

    @property
    def is_actual(self) -> bool:
        """A closed season's actual, not a forecast or a target."""
        return self.tier is SourceTier.QUESTIONNAIRE and (self.reference or "").startswith(
            f"{ACTUAL_REFERENCE} "
        )

    @classmethod
    def missing(cls, unit: str) -> SourcedValue:
        return cls(value=None, unit=unit, tier=SourceTier.QUESTIONNAIRE)


def coerce_sourced(raw: Any, unit: str) -> Any:
    """Accept a plain questionnaire answer where a sourced value is expected.

    Club files are written by people: ``"volunteers": 12`` means 12 volunteers
    from the questionnaire. An object states another tier or a reference.
    A unit that disagrees with the field's unit is an error, not a conversion.
    """
    if raw is None or isinstance(raw, SourcedValue):
        return raw
    if isinstance(raw, dict):
        given = raw.get("unit")
        if given is not None and given != unit:
            raise PydanticCustomError(
                "rf_unit_mismatch",
                "unit {given} where {expected} is expected",
                {"given": given, "expected": unit},
            )
        return {**raw, "unit": unit}
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise PydanticCustomError("rf_number_expected", "a number is expected", {"found": raw})
    return {"value": raw, "unit": unit, "tier": SourceTier.QUESTIONNAIRE.value}
