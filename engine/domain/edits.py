"""Edit rules on plan values, the same wherever a number is changed (plan view, roll forward).

A number left as it was keeps its provenance; a changed one becomes the user's own,
dated (``SourcedValue.edited``). The desktop parses what was typed (Italian numbers) and
hands the number here, so the rule is not the widget's.
"""

from __future__ import annotations

import datetime as dt

from engine.domain.sourced import SourcedValue


def typed_over(
    old: SourcedValue, value: int | float | None, on: dt.date | None = None
) -> SourcedValue:
    """``old`` when ``value`` is what it already says; else the user's own value."""
    if value == old.value or (value is None and old.value is None):
        return old
    return SourcedValue.edited(value, old.unit, on)


def shifted(target: SourcedValue, shift: float, on: dt.date | None = None) -> SourcedValue:
    """A target moved by ``shift`` (a roll forward's re-basing): the user's decision, as an
    edited value; a target still to be set stays as it is."""
    if not isinstance(target.value, int | float):
        return target
    new = round(float(target.value) + shift, 2)
    return SourcedValue.edited(int(new) if new.is_integer() else new, target.unit, on)
