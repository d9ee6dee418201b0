"""Specificity benchmark: does each offline plan speak of its own club, in its own sport?

Run: ``python bench/specificity.py`` (``--language en``).

For every example club it writes the offline plan and prints, as a table:
- the share of objective sentences (objective, situation, gap, actions) identical
  between two clubs of different sports (pairs with no sport in common), mean and max
  over all pairs, and again with the clubs' names and all numbers masked (goals: mean
  <= 20%, max <= 35%; masked mean <= 35%); the share of a pair is the mean of "A's
  sentences found in B" and "B's sentences found in A";
- another sport's words in a plan (goal 0) and whether the club's sport is named in
  its objectives (goal: every plan);
- objectives that use at least one of the club's own facts (goal 100%) and the
  board's goals and problems answered by an objective (goal 100%);
- sentences repeated more than twice inside a plan, internal codes in running text and
  actions due after the plan ends (goal 0 each).

The naive way, in the same run: the same clubs written as the earlier product did,
every club in football's words and without its own goals, problems, equipment and
loans. Its figures show what the sport profiles and the board's words change.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine import specificity as spec
from engine.agents.writers import OfflineWriter
from engine.catalogue import default_catalogue
from engine.domain import ClubProfile, Language, load_club_file
from engine.domain.club import Board
from engine.facts import ClubFacts
from engine.generation import generate
from tests.factories import example_files


@dataclass
class Measured:
    name: str
    sports: str
    sport_keys: frozenset[str]
    sentences: list[str]
    masked: list[str]
    foreign: set[str]
    sport_named: bool
    with_fact: int
    objectives: int
    answered: int
    declared: int
    repeated: int
    codes: int
    late: int


def measure(
    club: ClubProfile, name: str, language: Language, real: ClubProfile | None = None
) -> Measured:
    """``real``: the club as it is, when ``club`` is the naive rewrite of it."""
    catalogue = default_catalogue()
    plan = generate(club, OfflineWriter(), language=language, emit=lambda e: None).plan
    sports = catalogue.club_sports(club)
    real_sports = catalogue.club_sports(real or club)
    facts = ClubFacts(club, sports)
    tokens = spec.fact_tokens(facts, language)
    names = spec.club_names(club)
    sentences = spec.objective_sentences(plan)
    objectives = plan.objectives()
    declared = len(club.board.goals) + len(club.board.problems)
    return Measured(
        name=name,
        sports=real_sports.label(language),
        sport_keys=frozenset(real_sports.keys) | frozenset(real_sports.unknown),
        sentences=sentences,
        masked=[spec.mask(s, names) for s in sentences],
        foreign=spec.plan_foreign_terms(plan, real_sports, catalogue.sports.values()),
        sport_named=spec.sport_named(plan, real_sports, language),
        with_fact=sum(spec.uses_fact(spec.objective_texts(o), tokens) for o in objectives),
        objectives=len(objectives),
        answered=declared - len(spec.unanswered(plan)),
        declared=declared,
        repeated=len(spec.repeated_sentences(plan)),
        codes=len(spec.codes_in_text(plan)),
        late=len(spec.actions_after_end(plan)),
    )


def naive(club: ClubProfile) -> ClubProfile:
    """The earlier product's view of a club: football's words, none of the board's facts."""
    identity = club.identity.model_copy(update={"sports": ["calcio"]})
    return club.model_copy(
        update={"identity": identity, "board": Board(), "equipment": [], "loans": []}
    )


def pairs(rows: list[Measured], masked: bool) -> list[float]:
    shares = []
    for a, b in itertools.combinations(rows, 2):
        if a.sport_keys & b.sport_keys:
            continue  # clubs sharing a sport may rightly share its sentences
        left, right = (a.masked, b.masked) if masked else (a.sentences, b.sentences)
        shares.append(spec.shared_share(left, right))
    return shares


def percent(value: float) -> str:
    return f"{100 * value:5.1f}%"


def report(title: str, rows: list[Measured]) -> dict[str, float]:
    plain, masked = pairs(rows, False), pairs(rows, True)
    print(f"\n{title}")
    header = (
        f"{'club':38} {'sport':28} {'foreign':>8} {'named':>6} {'facts':>9} "
        f"{'answered':>9} {'repeated':>8} {'codes':>6} {'late':>5}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row.name[:38]:38} {row.sports[:28]:28} {len(row.foreign):8d} "
            f"{'yes' if row.sport_named else 'NO':>6} {row.with_fact:4d}/{row.objectives:<4d} "
            f"{row.answered:4d}/{row.declared:<4d} {row.repeated:8d} {row.codes:6d} {row.late:5d}"
        )
        if row.foreign:
            print(f"{'':38} foreign words: {', '.join(sorted(row.foreign))}")
    figures = {
        "identical_mean": statistics.mean(plain) if plain else 0.0,
        "identical_max": max(plain) if plain else 0.0,
        "masked_mean": statistics.mean(masked) if masked else 0.0,
        "masked_max": max(masked) if masked else 0.0,
    }
    mean, top = percent(figures["identical_mean"]), percent(figures["identical_max"])
    masked_mean, masked_max = percent(figures["masked_mean"]), percent(figures["masked_max"])
    print(
        f"identical sentences between clubs of different sports: mean {mean} (goal <= 20%), "
        f"max {top} (goal <= 35%); masked: mean {masked_mean} (goal <= 35%), max {masked_max}; "
        f"{len(plain)} pairs"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=("it", "en"), default="it")
    args = parser.parse_args()
    language = Language(args.language)
    clubs = [(path.stem, load_club_file(path)) for path in example_files()]
    ours = report(
        "Rooting Future (sport profiles, the club's facts and the board's words)",
        [measure(club, name, language) for name, club in clubs],
    )
    before = report(
        "Naive: every club in football's words, without its goals, problems, equipment, loans",
        [measure(naive(club), name, language, real=club) for name, club in clubs],
    )
    print(
        f"\nShared sentences, ours vs naive: mean {percent(ours['identical_mean'])} vs "
        f"{percent(before['identical_mean'])}; masked mean {percent(ours['masked_mean'])} vs "
        f"{percent(before['masked_mean'])}"
    )


if __name__ == "__main__":
    main()
