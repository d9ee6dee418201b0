"""The domain model: club profile, sourced values and the plan (no I/O but files, no Qt)."""

from engine.domain.club import ClubProfile, LegalForm, SizeBand
from engine.domain.errors import DomainValidationError, Issue
from engine.domain.files import load_club_file, load_plan_file, parse_json
from engine.domain.language import DEFAULT_LANGUAGE, Language
from engine.domain.plan import (
    Area,
    AreaSection,
    MacroObjective,
    Plan,
    PlanStatus,
    SectionStatus,
    macro_codes,
    seasons_after,
)
from engine.domain.sourced import SourcedValue, SourceTier

__all__ = [
    "DEFAULT_LANGUAGE",
    "Area",
    "AreaSection",
    "ClubProfile",
    "DomainValidationError",
    "Issue",
    "Language",
    "LegalForm",
    "MacroObjective",
    "Plan",
    "PlanStatus",
    "SectionStatus",
    "SizeBand",
    "SourceTier",
    "SourcedValue",
    "load_club_file",
    "load_plan_file",
    "macro_codes",
    "parse_json",
    "seasons_after",
]
