"""Monitoring during the three seasons: actuals and action states (append-only records beside
the plan), the status at a review, sheet imports, and the roll forward at a season's end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from engine.domain import Plan
from engine.monitoring import importer, roll
from engine.monitoring import status as monitoring_status
from engine.monitoring.importer import ImportResult
from engine.monitoring.model import ActionRecord, ActionState, Actual, Progress, Review
from engine.monitoring.roll import Rebase
from engine.monitoring.status import current_season
from engine.services.errors import ServiceError
from engine.services.plans import PlanManager
from engine.services.results import VersionInfo
from engine.storage import actuals as actuals_store
from engine.storage.database import Database


class MonitoringManager:
    def __init__(self, db: Database, plans: PlanManager) -> None:
        self.db = db
        self.plans = plans

    # --- records ---------------------------------------------------------------------

    def record_actuals(self, plan_id: int, actuals: list[Actual]) -> int:
        """Store measured values as dated records; the plan's versions stay as they are."""
        plan = self.plans.get_plan(plan_id).plan
        for actual in actuals:
            check_season(plan, actual.season)
        with self.db.write() as session:
            self.plans.row(session, plan_id)
            return actuals_store.add_actuals(session, plan_id, actuals)

    def actuals(self, plan_id: int) -> list[Actual]:
        with self.db.read() as session:
            return actuals_store.actuals(session, plan_id)

    def set_action_state(
        self,
        plan_id: int,
        action: str,
        state: ActionState,
        on: dt.date | None = None,
        source: str = "",
    ) -> None:
        plan = self.plans.get_plan(plan_id).plan
        if not any(a.code == action for o in plan.objectives() for a in o.actions):
            raise ServiceError(
                it=f"L'azione {action} non è in questo piano.",
                en=f"Action {action} is not in this plan.",
                code="bad_input",
            )
        with self.db.write() as session:
            actuals_store.add_action_states(
                session, plan_id, [ActionRecord(action, state, on or dt.date.today(), source)]
            )

    def action_states(self, plan_id: int) -> list[ActionRecord]:
        with self.db.read() as session:
            return actuals_store.action_states(session, plan_id)

    # --- status ----------------------------------------------------------------------

    def progress(
        self,
        plan_id: int,
        season: str | None = None,
        review: Review = Review.END,
        today: dt.date | None = None,
    ) -> Progress:
        """The plan's status at a review (default: the season running today), against the
        plan in force for that season."""
        plan = self.plans.get_plan(plan_id).plan
        season = season or current_season(plan.seasons, today or dt.date.today())
        check_season(plan, season)
        plan = self.plans.plan_in_force(plan_id, season, plan)
        with self.db.read() as session:
            found = actuals_store.actuals(session, plan_id)
            states = actuals_store.action_states(session, plan_id)
        return monitoring_status.progress(
            plan, found, states, season, review, today=today or dt.date.today()
        )

    # --- imports -----------------------------------------------------------------------

    def import_actuals(
        self,
        plan_id: int,
        path: Path,
        mapping: dict[str, int] | None = None,
        header: int | None = None,
    ) -> ImportResult:
        """Read a CSV/XLSX sheet; its readable rows are stored, the others come back as
        messages naming the row (nothing already stored is touched)."""
        plan = self.plans.get_plan(plan_id).plan
        try:
            rows = importer.read_rows(Path(path))
            result = importer.parse_rows(rows, plan, f"file: {Path(path).name}", mapping, header)
        except importer.ImportProblem as problem:
            raise ServiceError(it=problem.it, en=problem.en, code="bad_input") from None
        except OSError as error:
            raise ServiceError(
                it=f"Il file {Path(path).name} non si apre: {error.strerror or error}.",
                en=f"{Path(path).name} cannot be opened: {error.strerror or error}.",
                code="bad_input",
            ) from None
        if result.actuals:
            with self.db.write() as session:
                actuals_store.add_actuals(session, plan_id, result.actuals)
        return result

    # --- a season's end ------------------------------------------------------------------

    def rebase_proposals(self, plan_id: int, season: str) -> list[Rebase]:
        """The KPIs and finance lines whose later figures could restart from the season's
        actuals (measured off the plan at its end)."""
        plan = self.plans.get_plan(plan_id).plan
        check_season(plan, season)
        return roll.proposals(plan, self.actuals(plan_id), season)

    def roll_forward(
        self,
        plan_id: int,
        season: str,
        accepted: list[Rebase] | None = None,
        *,
        expected_version: int | None = None,
    ) -> VersionInfo | None:
        """ "Aggiorna il piano": a new version whose figures for ``season`` are its actuals
        and whose later targets restart from them for the proposals the user agreed to
        (all when None). None when the season's end has nothing the plan does not already
        show (nothing recorded, or closed already on the same values)."""
        plan = self.plans.get_plan(plan_id).plan
        check_season(plan, season)
        actuals = self.actuals(plan_id)
        if not roll.closable(plan, actuals, season):
            return None
        chosen = accepted if accepted is not None else roll.proposals(plan, actuals, season)
        rolled = roll.roll_forward(plan, actuals, season, chosen)
        count = len(chosen)
        moved = "1 previsione riallineata" if count == 1 else f"{count} previsioni riallineate"
        reason = f"{season} chiusa sui consuntivi" + (f", {moved}" if chosen else "")
        return self.plans.save_edit(plan_id, rolled, reason, expected_version)


def check_season(plan: Plan, season: str) -> None:
    """A season the plan does not cover is refused (recording, status, roll forward)."""
    if season not in plan.seasons:
        raise ServiceError(
            it=f"La stagione {season} non è del piano ({plan.seasons_label}).",
            en=f"Season {season} is not in the plan ({plan.seasons_label}).",
            code="bad_input",
        )
