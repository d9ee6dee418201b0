"""Validation contexts: what a validation is for changes what it checks.

Pass one as ``context=`` to ``model_validate``/``model_validate_json`` (the
file readers in ``engine.domain.files`` do):

* ``planning(today)``: a club about to be planned; its season must be today's
  or near it. Without it no date is checked, so a plan written years ago (which
  embeds its club) still validates.
* ``STORED``: a version read back from the store. Checks added after it was
  saved (ranges, invisible characters) are not applied again, so no saved plan
  ever stops opening; anything new (club files, the questionnaire, imported
  plans) is checked in full.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from pydantic import ValidationInfo

_STORED = "rf_stored"
_TODAY = "rf_today"
STORED: Final = {_STORED: True}


def current_date() -> dt.date:
    """Today, for the date-relative rules (one place, so tests can pin it)."""
    return dt.date.today()


def planning(today: dt.date | None = None) -> dict[str, Any]:
    """The context for a club about to be planned (``today`` is for tests)."""
    return {_TODAY: today or current_date()}


def is_stored(info: ValidationInfo | None) -> bool:
    context = info.context if info is not None else None
    return isinstance(context, dict) and bool(context.get(_STORED))


def planning_date(info: ValidationInfo | None) -> dt.date | None:
    """Today's date when validating for planning, else None."""
    context = info.context if info is not None else None
    return context.get(_TODAY) if isinstance(context, dict) else None
