"""The board's own words, tied to the objectives that answer them.

A president who wrote "rinnovare due imbarcazioni entro tre stagioni" must find
that goal in the plan, answered by an objective with actions, a target and a
budget, not echoed in the club analysis and forgotten. Every declared goal and
problem is linked to one objective: the one the user chose, else the objective of
its area whose topic words it uses most, else the area's default. SWOT weaknesses
and threats are linked too, but only when their words clearly point somewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from engine.catalogue import Catalogue, Macro
from engine.domain.club import BoardGoal, BoardProblem, ClubProfile, PlanTopic, objective_codes
from engine.domain.language import Language
from engine.sports import normalise

# Where a statement goes when none of its words points to an objective of its area.
AREA_DEFAULT = {
    PlanTopic.SPORTS: "SP4",
    PlanTopic.INFRASTRUCTURE: "ST1",
    PlanTopic.MARKETING: "MK1",
    PlanTopic.SOCIAL: "SO3",
    PlanTopic.FINANCE: "SP3",
}
# A goal whose unit IS one of the club's figures is a level to reach, not a count from zero.
# Only a plain unit counts ("tesserati"): "tesserati under 18" or "atlete del vivaio in prima
# squadra" are other quantities, counted from the plan's start.
LEVEL_UNITS = {
    "members_total": {
        "tesserati",
        "iscritti",
        "soci",
        "atleti tesserati",
        "tesserati totali",
        "members",
        "total members",
    },
    "volunteers": {"volontari", "volontari attivi", "volunteers"},
    "coaches_total": {"allenatori", "istruttori", "tecnici", "coaches", "instructors"},
    "teams_total": {"squadre", "equipaggi", "teams", "crews"},
    "facility_hours": {
        "ore",
        "ore settimanali",
        "ore a settimana",
        "ore di impianto",
        "hours",
        "hours a week",
        "weekly hours",
    },
}


class StatementKind(StrEnum):
    GOAL = "goal"
    PROBLEM = "problem"
    WEAKNESS = "weakness"  # from the SWOT: linked only when its words are clear
    THREAT = "threat"


@dataclass(frozen=True)
class Statement:
    kind: StatementKind
    text: str
    code: str  # the objective that answers it
    goal: BoardGoal | None = None

    @property
    def declared(self) -> bool:
        """Goals and problems must be answered; SWOT lines are linked when clear."""
        return self.kind in (StatementKind.GOAL, StatementKind.PROBLEM)

    def label(self, language: Language) -> str:
        words = {
            StatementKind.GOAL: ("obiettivo del direttivo", "the board's goal"),
            StatementKind.PROBLEM: ("problema segnalato dal direttivo", "problem the board raised"),
            StatementKind.WEAKNESS: ("punto debole dell'analisi SWOT", "SWOT weakness"),
            StatementKind.THREAT: ("minaccia dell'analisi SWOT", "SWOT threat"),
        }[self.kind]
        return words[0 if language is Language.IT else 1]

    def quoted(self, language: Language) -> str:
        return f"{self.label(language)} «{self.text.rstrip('.')}»"


def _words(text: str) -> list[str]:
    return normalise(text).split()


_STEMS: dict[tuple[str, int], tuple[str, ...]] = {}


def _stems(macro: Macro) -> tuple[str, ...]:
    """The macro's topic stems, normalised once (the catalogue is loaded once per run)."""
    key = (macro.code, id(macro))
    if key not in _STEMS:
        stems = (normalise(s) for s in (*macro.topics.it, *macro.topics.en))
        _STEMS[key] = tuple(k for k in stems if k)
    return _STEMS[key]


def topic_score(macro: Macro, text: str) -> int:
    """How many of the objective's topic stems the text uses (a stem matches a word's start)."""
    words = _words(text)
    joined = " " + " ".join(words) + " "
    score = 0
    for key in _stems(macro):
        if " " in key:
            score += f" {key} " in joined or f" {key}" in joined
        else:
            score += any(word.startswith(key) for word in words)
    return score


def _candidates(catalogue: Catalogue, topic: PlanTopic) -> list[Macro]:
    return [catalogue.macro(code) for code in objective_codes(topic)]


def objective_for(statement: BoardProblem, catalogue: Catalogue) -> str:
    """The objective that answers a goal or problem of the board."""
    if statement.objective:
        return statement.objective
    candidates = _candidates(catalogue, statement.area)
    scored = [(topic_score(m, statement.text), m.code) for m in candidates]
    best = max(score for score, _ in scored)
    if best == 0:
        return AREA_DEFAULT[statement.area]
    default = AREA_DEFAULT[statement.area]
    winners = [code for score, code in scored if score == best]
    return default if default in winners else winners[0]


def _clear_match(text: str, catalogue: Catalogue) -> str | None:
    """A SWOT line's objective, only when one objective clearly owns its words."""
    scored = sorted(((topic_score(m, text), m.code) for m in catalogue.objectives), reverse=True)
    if not scored or scored[0][0] == 0:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


def statements(club: ClubProfile, catalogue: Catalogue) -> list[Statement]:
    """Every goal and problem of the board, and the clear SWOT lines, with their objective."""
    found = [
        Statement(StatementKind.GOAL, goal.text, objective_for(goal, catalogue), goal)
        for goal in club.board.goals
    ]
    found += [
        Statement(StatementKind.PROBLEM, problem.text, objective_for(problem, catalogue))
        for problem in club.board.problems
    ]
    swot = club.qualitative.swot
    for kind, lines in (
        (StatementKind.WEAKNESS, swot.weaknesses),
        (StatementKind.THREAT, swot.threats),
    ):
        for line in lines:
            code = _clear_match(line, catalogue)
            if code is not None:
                found.append(Statement(kind, line, code))
    return found


def level_figure(goal: BoardGoal) -> str | None:
    """The club figure a goal's unit names ("tesserati" -> members_total), if any."""
    unit = normalise(goal.target_unit or "")
    for figure, units in LEVEL_UNITS.items():
        if unit in {normalise(u) for u in units}:
            return figure
    return None
