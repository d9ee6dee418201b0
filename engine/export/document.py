"""The document model: what every export shows, already worded and formatted.

Built once from a ``Plan`` (``engine.export.compose.build_document``) and handed to every
renderer (HTML/PDF, DOCX, one-pager, ZIP). No renderer reads the plan: they
only lay out these blocks, so the formats cannot drift apart and the slow
part (wording, number formatting, provenance, charts specs) happens once.

The model is plain frozen dataclasses holding plain text: renderers escape it
for their own format (HTML autoescaping, Word runs), so user text can never
become markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from engine.domain.language import Language
from engine.export.branding import Branding
from engine.export.chart_spec import ChartSpec
from engine.export.labels import Labels


class Tier(StrEnum):
    """Where a number comes from, as the reader sees it (the legend explains each)."""

    QUESTIONNAIRE = "questionnaire"
    RESEARCH = "research"
    ESTIMATE = "estimate"
    MISSING = "missing"
    SUM = "sum"


@dataclass(frozen=True, slots=True)
class Badge:
    tier: Tier
    short: str  # shown beside the number: "questionario", "stima: Terzjus 2024"
    full: str  # the plain sentence: "stima da benchmark Terzjus 2024 - da verificare"


@dataclass(frozen=True, slots=True)
class Badges:
    """Provenance of several values: (scope, badge) pairs; scope "" means all of them."""

    parts: tuple[tuple[str, Badge], ...]


@dataclass(frozen=True, slots=True)
class Value:
    """A number as printed; ``badge`` is None when its table states provenance once."""

    text: str
    badge: Badge | None = None
    missing: bool = False


@dataclass(frozen=True, slots=True)
class Text:
    """A table cell with an optional second, smaller line and a tone (compliance status)."""

    text: str
    sub: str = ""
    strong: bool = False
    tone: str = ""
    link: str = ""  # a web address the text opens (a public source's page)


Cell = str | Value | Text | Badges


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    width: int = 1  # relative share of the table width
    numeric: bool = False


# --- blocks -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    style: str = "body"  # body | lead | quote


@dataclass(frozen=True, slots=True)
class Labelled:
    label: str
    text: str
    missing: bool = False


@dataclass(frozen=True, slots=True)
class Notice:
    """An honest line where content is absent or needs attention: never a placeholder."""

    text: str
    kind: str = "missing"  # missing | failed | edited | info


@dataclass(frozen=True, slots=True)
class Subheading:
    text: str


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class Facts:
    items: tuple[tuple[str, str | Value], ...]
    inline: bool = False  # one line "label: value · label: value" instead of a list


@dataclass(frozen=True, slots=True)
class Panel:
    title: str
    items: tuple[str, ...]
    tone: str = ""
    empty: str = ""


@dataclass(frozen=True, slots=True)
class Panels:
    """Side-by-side titled lists: SWOT (2 columns), roadmap (3 columns)."""

    panels: tuple[Panel, ...]
    columns: int = 2


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    emphasis: tuple[int, ...] = ()  # rows printed bold: subtotals and totals
    provenance: Badges | None = None  # one provenance for every value in the table
    note: str = ""
    compact: bool = False


@dataclass(frozen=True, slots=True)
class Chart:
    spec: ChartSpec


@dataclass(frozen=True, slots=True)
class LegendEntry:
    badge: Badge
    text: str


@dataclass(frozen=True, slots=True)
class Legend:
    entries: tuple[LegendEntry, ...]


Block = (
    Paragraph | Labelled | Notice | Subheading | Bullets | Facts | Panels | Table | Chart | Legend
)


@dataclass(frozen=True, slots=True)
class Section:
    id: str  # anchor for links and the table of contents
    title: str
    level: int  # 1 chapter, 2 objective
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()
    number: str = ""
    kind: str = ""  # "area", "objective": a styling hint
    code: str = ""  # MACRO code of an objective

    @property
    def heading(self) -> str:
        """The heading as printed: "3. Area sportiva" or "SP1 · Title"."""
        if self.code:
            return f"{self.code} · {self.title}"
        return f"{self.number}. {self.title}" if self.number else self.title

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


# --- cover and one-pager ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cover:
    eyebrow: str
    club_name: str
    seasons: str
    facts: tuple[tuple[str, str], ...]
    version: str
    generated: str
    notice: str = ""


@dataclass(frozen=True, slots=True)
class Tile:
    label: str
    value: str
    sub: str = ""
    badge: Badge | None = None


@dataclass(frozen=True, slots=True)
class Coverage:
    label: str
    present: int
    expected: int
    line: str
    budget: Value | None
    status: str = ""  # "" when generated normally

    @property
    def ratio(self) -> float:
        return 0.0 if not self.expected else min(1.0, self.present / self.expected)


@dataclass(frozen=True, slots=True)
class OnePager:
    vision: str
    vision_notice: str
    tiles: tuple[Tile, ...]
    coverage: tuple[Coverage, ...]
    priorities: tuple[tuple[str, str, str], ...]
    priorities_notice: str
    quick_wins: tuple[str, ...]
    quick_wins_notice: str
    kpi_notice: str
    roadmap: tuple[tuple[str, tuple[str, ...]], ...] = ()
    roadmap_notice: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    language: Language
    labels: Labels
    title: str
    club_name: str
    seasons: tuple[str, ...]
    seasons_label: str
    version: int | None
    generated: str
    branding: Branding
    cover: Cover
    sections: tuple[Section, ...]
    onepager: OnePager
    legend: Legend
    plan_json: str
    created_iso: str  # generation time: PDF/DOCX metadata stay reproducible
    offline_draft: bool = False
    macro_codes: tuple[str, ...] = field(default=())

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def toc(self) -> list[Section]:
        return [s for s in self.walk() if s.level <= 2]

    def charts(self) -> list[ChartSpec]:
        return [b.spec for s in self.walk() for b in s.blocks if isinstance(b, Chart)]
