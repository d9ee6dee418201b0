"""Sport profiles: how each sport speaks, what it owns, who governs it.

A rowing club has regattas, crews and a boathouse; a football club has matches, a
first team and a pitch. Users of the earlier product hated plans that spoke
football to everyone. Each profile in ``resources/catalogue/sports/`` gives the
words the plan uses (``VOCABULARY``), the words only that sport uses (``terms``,
so a plan can be checked for another sport's language), the governing bodies,
typical equipment with its life and replacement cost (with sources), and the
catalogue entries the sport rewords or adds. ``_neutral.json`` is the fallback
for any other sport: plain words, never another sport's.

Profiles are validated at load like the STW catalogue: a broken file raises
``CatalogueError`` naming the profile and the entry.
"""

from __future__ import annotations

import json
import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from engine.domain.language import Language

NEUTRAL_KEY = "_neutral"

# The vocabulary every profile defines, in Italian and English. Catalogue texts use
# these names as ``{placeholders}``; the forms are chosen so that templates never need
# a gender agreement the profile cannot give ("ogni {squad}", "{the_squads}").
VOCABULARY: dict[str, str] = {
    "sport": "the sport's name in running text, no article (canottaggio)",
    "the_sport": "the name with its article (il canottaggio)",
    "athletes": "what its athletes are called, plural, no article (atleti, giocatori)",
    "the_athletes": "the same with article (gli atleti, i giocatori)",
    "of_the_athletes": "the same after 'di' (degli atleti, dei giocatori)",
    "squad": "one training/competitive unit, singular, no article (squadra, equipaggio)",
    "squads": "the same, plural, no article (squadre, equipaggi)",
    "the_squads": "plural with article (le squadre, gli equipaggi)",
    "of_the_squads": "plural after 'di' (delle squadre, degli equipaggi)",
    "competition": "one competition, singular, no article (partita, regata, gara)",
    "competitions": "plural, no article (partite, regate, gare)",
    "the_competitions": "plural with article (le partite, le regate)",
    "of_the_competitions": "plural after 'di' (delle partite, delle regate)",
    "in_the_competitions": "where results happen (in campionato, in regata, nelle gare)",
    "league": "the season's competitive calendar, with article (il campionato)",
    "top_group": "the top competitive group, with article (la prima squadra)",
    "to_the_top_group": "the same after 'a' (alla prima squadra, agli equipaggi senior)",
    "youth": "the youth pathway, with article (il settore giovanile, il vivaio)",
    "venue": "where it is practised, singular, with article (il campo, la piscina)",
    "venues": "plural, with article (i campi, le piscine)",
    "of_the_venue": "singular after 'di' (del campo, della piscina)",
    "in_venue": "being there, as a complement (in campo, in vasca, in acqua)",
    "sessions": "training sessions, plural, no article (allenamenti, uscite in barca)",
    "coaches": "its coaches, plural, no article (allenatori, istruttori, maestri)",
    "the_coaches": "the same with article (gli allenatori, i maestri)",
    "an_event": "an event the club organises, indefinite article (un torneo)",
    "a_match_day": "one date of the competitive calendar, indefinite article",
    "method": "the technical model, indefinite article (un'idea di gioco comune)",
    "gear": "kit and small equipment, plural, no article (divise e attrezzature)",
}


class SportError(Exception):
    """A sport profile that cannot be used; the message names the file and the entry."""

    def __init__(self, entry: str, problem: str) -> None:
        super().__init__(f"Profilo sportivo {entry}: {problem} / sport profile {entry}")
        self.entry = entry


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Words(_Data):
    it: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: Language | str) -> str:
        return self.it if Language(language) is Language.IT else self.en


class Terms(_Data):
    it: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)

    def get(self, language: Language | str) -> list[str]:
        return self.it if Language(language) is Language.IT else self.en


class Body(_Data):
    acronym: str = Field(min_length=2, max_length=20)
    name: str = Field(min_length=3, max_length=150)
    kind: str = Field(pattern=r"^(FSN|DSA|EPS|FSP|FSNP|DSP|EPP)$")


class Sourced(_Data):
    """Every figure a profile ships names where it comes from and when it was read."""

    source: str = Field(min_length=3, max_length=300)
    url: str | None = Field(None, max_length=500)
    date: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")


class EquipmentType(_Data):
    key: str = Field(pattern=r"^[a-z0-9_]+$")
    name: Words
    match: list[str] = Field(min_length=1)  # words in a club's equipment item that mean this
    life_years: tuple[int, int] | None = None
    replacement_eur: tuple[float, float] | None = None
    sourced: Sourced | None = None

    @model_validator(mode="after")
    def _ranges(self) -> EquipmentType:
        for name in ("life_years", "replacement_eur"):
            pair = getattr(self, name)
            if pair is not None and not 0 < pair[0] <= pair[1]:
                raise ValueError(f"{self.key}: {name} needs 0 < min <= max")
        if (self.life_years or self.replacement_eur) and self.sourced is None:
            raise ValueError(f"{self.key}: figures need a source")
        return self


class Benchmark(_Data):
    """A published figure for this sport (always with its source)."""

    key: str = Field(pattern=r"^[a-z0-9_]+$")
    label: Words
    low: float
    high: float
    unit: str
    sourced: Sourced
    note: Words | None = None


class MacroWords(_Data):
    title: Words | None = None
    objective: Words | None = None


class KpiWords(_Data):
    name: Words | None = None
    measure: Words | None = None


class ExtraAction(_Data):
    what: Words
    month: int = Field(ge=1, le=36)
    when: str | None = None
    owner: Words | None = None


class SportProfile(_Data):
    key: str = Field(pattern=r"^_?[a-z0-9_]+$")
    name: Words
    match: list[str] = Field(default_factory=list)
    para: bool = False
    para_of: str | None = None  # the Olympic sport this para discipline adapts (pallacanestro)
    team: bool = False
    vocabulary: dict[str, Words]
    terms: Terms = Field(default_factory=Terms)
    bodies: list[Body] = Field(default_factory=list)
    season: Words | None = None
    equipment: list[EquipmentType] = Field(default_factory=list)
    benchmarks: list[Benchmark] = Field(default_factory=list)
    macro: dict[str, MacroWords] = Field(default_factory=dict)
    micro: dict[str, Words] = Field(default_factory=dict)
    drop: list[str] = Field(default_factory=list)  # catalogue actions this sport never needs
    extra: dict[str, list[ExtraAction]] = Field(default_factory=dict)
    kpi: dict[str, KpiWords] = Field(default_factory=dict)  # "SP4.homegrown" -> new words

    def words(self, language: Language | str) -> dict[str, str]:
        return {key: value.get(language) for key, value in self.vocabulary.items()}

    def benchmark(self, key: str) -> Benchmark | None:
        return next((b for b in self.benchmarks if b.key == key), None)

    def equipment_type(self, item: str) -> EquipmentType | None:
        """The equipment type a club's item names (longest matching word wins)."""
        text = normalise(item)
        best: tuple[int, EquipmentType] | None = None
        for kind in self.equipment:
            for word in kind.match:
                if _contains(text, normalise(word)) and (best is None or len(word) > best[0]):
                    best = (len(word), kind)
        return best[1] if best else None


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Lower case, no accents, single spaces: how sport names and terms are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _contains(text: str, phrase: str) -> bool:
    return bool(phrase) and f" {phrase} " in f" {text} "


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a catalogue or profile text uses."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError as error:
        raise ValueError(f"malformed placeholder in '{template[:60]}': {error}") from None


# --- a club's sports -------------------------------------------------------------------


@dataclass(frozen=True)
class ClubSports:
    """The profiles of a club's sports, and the words its plan uses.

    One sport: that sport's words. Several: a word shared by all of them, else the
    neutral word ("gare" rather than "partite" for a volleyball and swimming club),
    with the sports named together.
    """

    names: tuple[str, ...]  # as the club wrote them
    profiles: tuple[SportProfile, ...]  # one per recognised sport, in the club's order
    neutral: SportProfile
    unknown: tuple[str, ...] = ()  # sports no profile knows: neutral words, their own name

    @property
    def single(self) -> bool:
        return len(self.names) == 1

    @property
    def para(self) -> bool:
        return any(p.para for p in self.profiles)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(p.key for p in self.profiles)

    def words(self, language: Language | str) -> dict[str, str]:
        return self._words[Language(language)]

    @cached_property
    def _words(self) -> dict[Language, dict[str, str]]:
        return {lang: self._compose(lang) for lang in Language}

    def _compose(self, language: Language) -> dict[str, str]:
        neutral = self.neutral.words(language)
        sets = [p.words(language) for p in self.profiles]
        if self.unknown:
            sets.append(neutral)
        words = {
            key: sets[0][key] if sets and all(s[key] == sets[0][key] for s in sets) else value
            for key, value in neutral.items()
        }
        label = self.label(language)
        if not (self.single and self.profiles):
            words["sport"] = label
            words["the_sport"] = (
                label if language is Language.EN else _with_article(label, plural=not self.single)
            )
        return words

    def label(self, language: Language | str) -> str:
        """The club's sports in running text: "pallavolo, nuoto e atletica"."""
        lang = Language(language)
        names = [self._name_of(name, lang) for name in self.names]
        if len(names) == 1:
            return names[0]
        joiner = " e " if lang is Language.IT else " and "
        return ", ".join(names[:-1]) + joiner + names[-1]

    def _name_of(self, raw: str, language: Language) -> str:
        profile = match_profile(raw, self.profiles)
        return profile.name.get(language) if profile else raw.strip()

    def profile_for(self, raw: str) -> SportProfile | None:
        return match_profile(raw, self.profiles)

    def terms(self, language: Language | str) -> set[str]:
        """Every word the club's own sports use (never foreign in its plan)."""
        return {normalise(t) for p in self.profiles for t in p.terms.get(language)}

    def equipment_type(self, item: str) -> tuple[SportProfile, EquipmentType] | None:
        """The equipment type an item names, across the club's sports (longest word wins)."""
        text = normalise(item)
        best: tuple[int, SportProfile, EquipmentType] | None = None
        for profile in self.profiles:
            for kind in profile.equipment:
                for word in kind.match:
                    key = normalise(word)
                    if _contains(text, key) and (best is None or len(key) > best[0]):
                        best = (len(key), profile, kind)
        return (best[1], best[2]) if best else None

    def bodies(self) -> list[Body]:
        seen: dict[str, Body] = {}
        for profile in self.profiles:
            for body in profile.bodies:
                seen.setdefault(body.acronym, body)
        return list(seen.values())


def _with_article(label: str, plural: bool) -> str:
    """Italian needs an article we cannot know for a sport no profile describes."""
    return f"le attività di {label}" if plural else f"l'attività di {label}"


def match_profile(raw: str, profiles: Iterable[SportProfile]) -> SportProfile | None:
    """The profile whose longest ``match`` phrase appears in the sport's name."""
    text = normalise(raw)
    best: tuple[int, SportProfile] | None = None
    for profile in profiles:
        for phrase in profile.match:
            candidate = normalise(phrase)
            if _contains(text, candidate) and (best is None or len(candidate) > best[0]):
                best = (len(candidate), profile)
    return best[1] if best else None


def club_sports(
    sports: Iterable[str], profiles: Mapping[str, SportProfile], paralympic: bool = False
) -> ClubSports:
    """Recognise a club's sports; ``paralympic`` (a CIP affiliation) prefers para profiles.

    A sport named twice by two spellings ("volley", "pallavolo") counts once.
    """
    neutral = profiles[NEUTRAL_KEY]
    known = [p for key, p in profiles.items() if key != NEUTRAL_KEY]
    names: list[str] = []
    chosen: list[SportProfile] = []
    unknown: list[str] = []
    for raw in sports:
        profile = match_profile(raw, known)
        if profile is not None and paralympic and not profile.para:
            adapted = [p for p in known if p.para_of == profile.key]
            profile = adapted[0] if adapted else profile
        if profile is None:
            unknown.append(raw.strip())
            names.append(raw.strip())
        elif profile not in chosen:
            chosen.append(profile)
            names.append(raw.strip())
    return ClubSports(tuple(names), tuple(chosen), neutral, tuple(unknown))


# --- loading ---------------------------------------------------------------------------


TemplateCheck = Callable[[str, "str | None"], None]
"""Raises ``ValueError`` when a text uses a placeholder its condition cannot fill."""


def load_profiles(
    folder: Path,
    known_codes: Mapping[str, str | None],
    known_conditions: set[str],
    known_kpis: set[str],
    check_template: TemplateCheck,
) -> dict[str, SportProfile]:
    """Read and check every ``*.json`` profile; raises ``SportError`` naming the entry."""
    profiles: dict[str, SportProfile] = {}
    for path in sorted(folder.glob("*.json")):
        entry = path.stem
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as error:
            raise SportError(entry, f"file unreadable: {error}") from None
        try:
            profile = SportProfile.model_validate(data)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(map(str, first["loc"]))
            raise SportError(entry, f"{where}: {first['msg']}") from None
        if profile.key != entry:
            raise SportError(entry, f"key '{profile.key}' differs from the file name")
        _check(profile, known_codes, known_conditions, known_kpis, check_template)
        profiles[profile.key] = profile
    if NEUTRAL_KEY not in profiles:
        raise SportError(NEUTRAL_KEY, "the neutral fallback profile is missing")
    for profile in profiles.values():
        if profile.para_of is not None and profile.para_of not in profiles:
            raise SportError(profile.key, f"para_of: unknown profile '{profile.para_of}'")
    _check_matches(profiles)
    return profiles


def _check(
    profile: SportProfile,
    codes: Mapping[str, str | None],
    conditions: set[str],
    kpis: set[str],
    check_template: TemplateCheck,
) -> None:
    entry = profile.key
    missing = sorted(set(VOCABULARY) - set(profile.vocabulary))
    unknown = sorted(set(profile.vocabulary) - set(VOCABULARY))
    if missing:
        raise SportError(entry, f"vocabulary lacks {', '.join(missing)}")
    if unknown:
        raise SportError(entry, f"unknown vocabulary {', '.join(unknown)}")
    if profile.key != NEUTRAL_KEY and not profile.match:
        raise SportError(entry, "match needs at least one name")
    if profile.para_of is not None and not profile.para:
        raise SportError(entry, "para_of is only for para-sport profiles")
    macros = {code.split(".")[0] for code in codes}
    for code in profile.macro:
        if code not in macros:
            raise SportError(entry, f"macro.{code}: unknown objective")
    for code in [*profile.micro, *profile.drop]:
        if code not in codes:
            raise SportError(entry, f"{code}: unknown catalogue action")
    for code, actions in profile.extra.items():
        if code not in macros:
            raise SportError(entry, f"extra.{code}: unknown objective")
        for action in actions:
            if action.when and action.when not in conditions:
                raise SportError(entry, f"extra.{code}: unknown condition '{action.when}'")
    for key in profile.kpi:
        if key not in kpis:
            raise SportError(entry, f"kpi.{key}: unknown indicator")
    for text, where, when in _texts(profile, codes):
        try:
            check_template(text, when)
        except ValueError as error:
            raise SportError(entry, f"{where}: {error}") from None


def _texts(
    profile: SportProfile, micro_conditions: Mapping[str, str | None]
) -> Iterable[tuple[str, str, str | None]]:
    """Every template of a profile, where it is, and the condition it is used under."""
    for code, words in profile.macro.items():
        for name in ("title", "objective"):
            value = getattr(words, name)
            if value is not None:
                yield value.it, f"macro.{code}.{name}", None
                yield value.en, f"macro.{code}.{name}", None
    for code, words in profile.micro.items():
        yield words.it, f"micro.{code}", micro_conditions.get(code)
        yield words.en, f"micro.{code}", micro_conditions.get(code)
    for code, actions in profile.extra.items():
        for index, action in enumerate(actions):
            yield action.what.it, f"extra.{code}[{index}]", action.when
            yield action.what.en, f"extra.{code}[{index}]", action.when
    for key, words in profile.kpi.items():
        for name in ("name", "measure"):
            value = getattr(words, name)
            if value is not None:
                yield value.it, f"kpi.{key}.{name}", None
                yield value.en, f"kpi.{key}.{name}", None


def _check_matches(profiles: Mapping[str, SportProfile]) -> None:
    """Two profiles may not claim the same sport name."""
    owners: dict[str, str] = {}
    for profile in profiles.values():
        for phrase in profile.match:
            key = normalise(phrase)
            if key in owners and owners[key] != profile.key:
                raise SportError(profile.key, f"'{phrase}' is already matched by {owners[key]}")
            owners[key] = profile.key


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


__all__ = [
    "NEUTRAL_KEY",
    "VOCABULARY",
    "ClubSports",
    "EquipmentType",
    "SportError",
    "SportProfile",
    "club_sports",
    "load_profiles",
    "match_profile",
    "normalise",
    "placeholders",
]
