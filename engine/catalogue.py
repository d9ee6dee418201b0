"""The STW catalogue (21 MACRO objectives, their MICRO actions), benchmarks and sport profiles.

All are data in ``resources/catalogue/``. They are loaded and checked once at
start; a broken file is a ``CatalogueError`` that names the entry, so a content
editor can fix it without reading a traceback. Catalogue texts are templates:
``{squads}`` takes the sport's word (``engine.sports.VOCABULARY``), ``{club}`` or
``{expiring_facility}`` the club's own fact (``engine.situation``); a fact that
may be missing can only be used by an entry whose condition guarantees it, so a
plan never prints a hole.
"""

from __future__ import annotations

import json
import re
import string
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from engine.domain.club import ClubProfile
from engine.domain.language import Language
from engine.domain.plan import AREA_OBJECTIVE_COUNT, Area
from engine.facts import CONDITIONS, FIGURE_NAMES
from engine.paths import resource_path
from engine.situation import ALWAYS_SLOTS, SLOT_GUARANTEES
from engine.sports import VOCABULARY, ClubSports, SportError, SportProfile, club_sports
from engine.sports import load_profiles as load_sport_profiles
from engine.sports import placeholders as template_names

BASELINES = FIGURE_NAMES
FORMAT_SPECS = frozenset({"", "cap"})  # "{coaches:cap}" starts a KPI name with a capital


class CatalogueError(Exception):
    def __init__(self, entry: str, problem: str) -> None:
        super().__init__(f"Catalogo STW, voce {entry}: {problem} / STW catalogue, entry {entry}")
        self.entry = entry


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Data):
    it: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: Language | str) -> str:
        return self.it if Language(language) is Language.IT else self.en


class Target(_Data):
    """How a KPI's three yearly targets follow from its baseline."""

    kind: Literal["growth", "values", "share_of", "toward", "points"]
    steps: list[float] | None = None  # growth: +x per year; toward: fraction of the gap; points
    values: list[float] | None = None  # values: absolute; share_of: fractions of ``of``
    of: str | None = None
    value: float | None = None  # toward: the level to approach
    beyond: Literal["improve", "hold"] = "improve"  # toward, already past the level
    scale: Literal["members"] | None = None  # values: in proportion to the club's size


class KpiTemplate(_Data):
    key: str
    name: Text
    unit: str
    baseline: str | None  # a figure name from engine.facts, or None: to be collected
    target: Target
    benchmark: str
    measure: Text
    when: str | None = None  # a condition: the KPI is used only when it holds


class Budget(_Data):
    basis: Literal["revenue_share", "fixed", "per_member", "per_paid_worker"]
    min: float | None = None
    max: float | None = None
    benchmark: str
    scale: Literal["members"] | None = None


class PriorityRule(_Data):
    when: str
    priority: int = Field(ge=1, le=3)


class Priority(_Data):
    default: int = Field(ge=1, le=3)
    rules: list[PriorityRule] = Field(default_factory=list)


class Micro(_Data):
    code: str
    what: Text
    month: int = Field(ge=1, le=36)  # deadline: months after the objective starts
    when: str | None = None  # a condition: included only when it holds
    owner: Text | None = None  # when not the objective's owner (e.g. the treasurer)
    due: Literal["month", "before_expiry"] = "month"  # before_expiry: ahead of a concession end
    unless_board: bool = False  # not needed when the board's own goal already decides it


class Topics(_Data):
    """Word stems that tie a board's goal or problem to this objective."""

    it: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)


class Variant(_Data):
    """Other words for an objective when a condition holds (a para club's SO4)."""

    when: str
    title: Text | None = None
    objective: Text | None = None


class Macro(_Data):
    code: str
    area: Area
    title: Text
    objective: Text
    owner_role: Text
    priority: Priority
    budget: Budget
    topics: Topics = Field(default_factory=Topics)
    context: list[str] = Field(default_factory=list)  # figures its situation quotes, in order
    after: str | None = None  # the objective it builds on (worded in its start reason)
    variants: list[Variant] = Field(default_factory=list)
    answer: Text | None = None  # the action that takes up a board's goal or problem: {statement}
    kpis: list[KpiTemplate] = Field(min_length=1)
    micro: list[Micro] = Field(min_length=1)

    def variant(self, holds) -> Variant | None:
        return next((v for v in self.variants if holds(v.when)), None)


class Benchmark(_Data):
    name: str
    note_it: str
    note_en: str


# Recognising a club's sports reads every profile's names: done once per set of sports.
_CLUB_SPORTS: dict[tuple[int, tuple[str, ...], bool], ClubSports] = {}


class Catalogue(_Data):
    version: int
    objectives: list[Macro]
    benchmarks: dict[str, Benchmark]
    sports: dict[str, SportProfile] = Field(default_factory=dict)

    def club_sports(self, club: ClubProfile) -> ClubSports:
        key = (id(self), tuple(club.identity.sports), club.paralympic)
        found = _CLUB_SPORTS.get(key)
        if found is None:
            found = club_sports(club.identity.sports, self.sports, paralympic=club.paralympic)
            if len(_CLUB_SPORTS) > 256:
                _CLUB_SPORTS.clear()
            _CLUB_SPORTS[key] = found
        return found

    def area(self, area: Area) -> list[Macro]:
        return [m for m in self.objectives if m.area is area]

    def macro(self, code: str) -> Macro:
        return next(m for m in self.objectives if m.code == code)

    def benchmark_name(self, key: str) -> str:
        return self.benchmarks[key].name

    @property
    def micro_count(self) -> int:
        return sum(len(m.micro) for m in self.objectives)


def _read(path: Path, entry: str) -> dict:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise CatalogueError(entry, f"file {path.name} unreadable: {error}") from None


def _check(catalogue: Catalogue) -> None:
    for area in Area:
        macros = catalogue.area(area)
        expected = [f"{area.prefix}{n}" for n in range(1, AREA_OBJECTIVE_COUNT[area] + 1)]
        if [m.code for m in macros] != expected:
            raise CatalogueError(area.value, f"codes {[m.code for m in macros]} != {expected}")
    codes = {m.code for m in catalogue.objectives}
    for macro in catalogue.objectives:
        for index, micro in enumerate(macro.micro, start=1):
            if micro.code != f"{macro.code}.{index}":
                raise CatalogueError(micro.code, f"expected code {macro.code}.{index}")
            if micro.when and micro.when not in CONDITIONS:
                raise CatalogueError(micro.code, f"unknown condition '{micro.when}'")
            if micro.due == "before_expiry" and micro.when != "concession_expiring":
                raise CatalogueError(micro.code, "due before_expiry needs when concession_expiring")
            _check_template(micro.what, micro.code, micro.when)
        for rule in macro.priority.rules:
            if rule.when not in CONDITIONS:
                raise CatalogueError(macro.code, f"unknown condition '{rule.when}'")
        _check_template(macro.title, f"{macro.code} title", None)
        if macro.answer is not None:
            _check_template(macro.answer, f"{macro.code} answer", "board_statement")
        _check_template(macro.objective, f"{macro.code} objective", None)
        for variant in macro.variants:
            if variant.when not in CONDITIONS:
                raise CatalogueError(macro.code, f"unknown condition '{variant.when}'")
            for text in (variant.title, variant.objective):
                if text is not None:
                    _check_template(text, f"{macro.code} variant", variant.when)
        if macro.after is not None and (macro.after not in codes or macro.after == macro.code):
            raise CatalogueError(macro.code, f"after: unknown objective '{macro.after}'")
        for name in macro.context:
            if name not in BASELINES:
                raise CatalogueError(macro.code, f"context: unknown figure '{name}'")
        benchmarks = [macro.budget.benchmark] + [k.benchmark for k in macro.kpis]
        for key in benchmarks:
            if key not in catalogue.benchmarks:
                raise CatalogueError(macro.code, f"unknown benchmark '{key}'")
        for kpi in macro.kpis:
            if kpi.when and kpi.when not in CONDITIONS:
                raise CatalogueError(f"{macro.code} {kpi.key}", f"unknown condition '{kpi.when}'")
            _check_template(kpi.name, f"{macro.code} {kpi.key}", kpi.when)
            _check_template(kpi.measure, f"{macro.code} {kpi.key}", kpi.when)
            for name in (kpi.baseline, kpi.target.of):
                if name is not None and name not in BASELINES:
                    raise CatalogueError(f"{macro.code} {kpi.key}", f"unknown figure '{name}'")
            needed = {
                "growth": "steps",
                "toward": "steps",
                "points": "steps",
                "values": "values",
                "share_of": "values",
            }[kpi.target.kind]
            series = getattr(kpi.target, needed)
            if not series or len(series) != 3:
                raise CatalogueError(f"{macro.code} {kpi.key}", f"target needs 3 {needed}")
        budget = macro.budget
        if budget.min is None or budget.max is None or budget.max < budget.min:
            raise CatalogueError(macro.code, "budget needs min <= max")


# "da {the_athletes}" would print "da i corridori": a preposition Italian fuses with the article.
ARTICLE_AFTER_PREPOSITION = re.compile(r"\b(?:da|di|a|su|in|Da|Di|A|Su|In) \{the_\w+")


def _check_template(text: Text, entry: str, when: str | None) -> None:
    """Every ``{name}`` is a sport word, a fact always known, or one ``when`` guarantees."""
    for value in (text.it, text.en):
        try:
            names = template_names(value)
            specs = {spec for _, name, spec, _ in string.Formatter().parse(value) if name}
        except ValueError as error:
            raise CatalogueError(entry, str(error)) from None
        if specs - FORMAT_SPECS:
            raise CatalogueError(entry, f"unknown format {sorted(specs - FORMAT_SPECS)}")
        joined = ARTICLE_AFTER_PREPOSITION.search(text.it)
        if joined:
            raise CatalogueError(
                entry,
                f"'{joined[0]}' reads 'da i corridori': Italian joins the two (dai, degli, "
                "alla...); use a word without article or one made for it ('of_the_athletes')",
            )
        for name in names:
            if name in VOCABULARY or name in ALWAYS_SLOTS:
                continue
            if name == "statement" and when == "board_statement":
                continue
            guarantees = SLOT_GUARANTEES.get(name)
            if guarantees is None:
                raise CatalogueError(entry, f"unknown placeholder '{{{name}}}'")
            if when not in guarantees:
                raise CatalogueError(
                    entry,
                    f"'{{{name}}}' may be missing: give the entry one of the conditions "
                    f"{sorted(guarantees)}",
                )


def load_catalogue(folder: Path | None = None) -> Catalogue:
    """Read and check ``stw.json``, ``benchmarks.json`` and ``sports/``; ``CatalogueError``."""
    folder = folder or resource_path("catalogue")
    objectives = _read(folder / "stw.json", "stw.json")
    benchmarks = _read(folder / "benchmarks.json", "benchmarks.json")
    try:
        catalogue = Catalogue.model_validate(
            {
                "version": objectives.get("version", 0),
                "objectives": objectives.get("objectives"),
                "benchmarks": benchmarks.get("benchmarks"),
            }
        )
    except ValidationError as error:
        first = error.errors()[0]
        where = _entry_name(objectives, first["loc"])
        raise CatalogueError(where, f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None
    _check(catalogue)
    micro_codes = {m.code: m.when for macro in catalogue.objectives for m in macro.micro}
    kpi_keys = {f"{macro.code}.{k.key}" for macro in catalogue.objectives for k in macro.kpis}

    def check(text: str, when: str | None) -> None:
        try:
            _check_template(Text(it=text, en=text), "", when)
        except CatalogueError as error:
            raise ValueError(str(error).split(": ", 1)[-1].split(" / ")[0]) from None

    try:
        sports = load_sport_profiles(
            folder / "sports", micro_codes, set(CONDITIONS), kpi_keys, check
        )
    except SportError as error:
        raise CatalogueError(f"sports/{error.entry}", str(error)) from None
    return catalogue.model_copy(update={"sports": sports})


def _entry_name(data: dict, loc: tuple) -> str:
    if len(loc) >= 2 and loc[0] == "objectives" and isinstance(loc[1], int):
        try:
            macro = data["objectives"][loc[1]]
            if len(loc) >= 4 and loc[2] == "micro" and isinstance(loc[3], int):
                return str(macro["micro"][loc[3]].get("code", "?"))
            return str(macro.get("code", f"#{loc[1] + 1}"))
        except (KeyError, IndexError, TypeError):
            pass
    return str(loc[0]) if loc else "?"


@cache
def default_catalogue() -> Catalogue:
    return load_catalogue()
