"""What a chart shows, as plain data: the document model holds these, ``charts`` draws them.

Apart from the drawing code so that building a document (or one page of the plan view)
never imports matplotlib, which costs about half a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from engine.domain.language import Language

ChartKind = Literal["grouped", "stacked", "range", "flow"]


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    colour: str
    # True where the value is an estimate: drawn lighter so it reads as "to verify".
    estimated: tuple[bool, ...] = ()


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """Everything needed to draw one chart; hashable so it can key a cache."""

    id: str
    kind: ChartKind
    caption: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    language: Language
    note: str = ""  # provenance of the values, printed under the chart
    alt: str = ""  # text alternative for the HTML <img>
    height_cm: float = 6.0
    width_cm: float = 16.0
