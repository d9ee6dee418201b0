"""One plan value as the desktop's own widgets show it: the finance tables, the what-if
panel and the version diff (the plan's pages are laid out from the exports' model, see
``render``).

Numbers go through the exports' formatter (``engine.formatting``) and provenance through
``SourcedValue.provenance``: one way to write a number or its source everywhere.
"""

from __future__ import annotations

import html

from desktop.i18n import language, t
from engine import formatting
from engine.domain import SourcedValue


def esc(text: object) -> str:
    return html.escape(str(text or ""))


def tier_key(value: SourcedValue | None) -> str:
    """The badge colour of a value: its tier, or "missing"."""
    if value is None or value.value is None:
        return "missing"
    return value.tier.value


def provenance(value: SourcedValue | None) -> str:
    """Where a value comes from, in plain words (the tooltip of a figure)."""
    if value is None or value.value is None:
        return t("To be collected: the questionnaire did not give this figure.")
    return value.provenance(language())


def number(value: float | int | None, decimals: int | None = None) -> str:
    if value is None:
        return "–"
    return formatting.number(value, language(), decimals)


def money_range(low: float, high: float) -> str:
    return formatting.money_range(low, high, language())


def value_text(value: SourcedValue | None) -> str:
    if value is None or value.value is None:
        return t("to be collected")
    if isinstance(value.value, str):
        return value.value
    return formatting.figure(value, language())
