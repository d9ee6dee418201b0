"""Plans: the library, saving and reading versions, the trash, plan files, the club limit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from engine.domain import ClubProfile, DomainValidationError, Plan, PlanStatus, load_club_file
from engine.domain.completeness import section_issues
from engine.domain.files import parse_json, read_json_file
from engine.services.errors import ClubLimitReached, PlanNotFound, ServiceError
from engine.services.results import (
    LibraryPage,
    PlanDocument,
    PlanSummary,
    VersionInfo,
    revalidated,
    summary_of,
    version_of,
)
from engine.storage import plans as repo
from engine.storage.database import Database
from engine.storage.models import PlanRow
from engine.storage.plans import PlanQuery, SortKey, VersionSource


class PlanManager:
    """Every plan's rows and versions; ``max_clubs`` is the licence's limit (None: none)."""

    def __init__(self, db: Database, max_clubs: int | None = None) -> None:
        self.db = db
        self.max_clubs = max_clubs

    # --- clubs -------------------------------------------------------------------

    @staticmethod
    def validate_club_file(path: Path) -> ClubProfile:
        """Raises ``DomainValidationError`` listing every problem of the file."""
        return load_club_file(path)

    @staticmethod
    def objective_titles(language: str = "it") -> dict[str, str]:
        """The catalogue's objective titles by code, for pickers (the plan may reword them)."""
        from engine.catalogue import default_catalogue

        return {m.code: m.title.get(language) for m in default_catalogue().objectives}

    def club_count(self) -> int:
        with self.db.read() as session:
            return repo.count_clubs(session)

    def check_club_limit(self, session: Any, club: ClubProfile) -> None:
        """A new club beyond the licence's limit is refused; a known club never is."""
        if self.max_clubs is None:
            return
        identity = club.identity
        known = repo.find_club(session, identity.name, identity.city) is not None
        if not known and repo.count_clubs(session) >= self.max_clubs:
            raise ClubLimitReached(self.max_clubs)

    # --- library -------------------------------------------------------------------

    def list_plans(
        self,
        search: str | None = None,
        sport: str | None = None,
        status: PlanStatus | None = None,
        trash: bool = False,
        sort: SortKey = SortKey.UPDATED,
        descending: bool = True,
        limit: int = 50,
        offset: int = 0,
        with_total: bool = False,
    ) -> LibraryPage:
        spec = PlanQuery(search, sport, status, trash, sort, descending, limit + 1, offset)
        with self.db.read() as session:
            rows = [summary_of(row) for row in repo.list_plans(session, spec)]
            has_more = len(rows) > limit
            rows = rows[:limit]
            total = None
            if with_total:
                total = offset + len(rows) if not has_more else repo.count_plans(session, spec)
        return LibraryPage(rows, has_more, total)

    def sports(self) -> list[str]:
        with self.db.read() as session:
            return repo.sports(session)

    # --- versions ----------------------------------------------------------------------

    def row(self, session: Any, plan_id: int) -> PlanRow:
        """The plan's row; ``PlanNotFound`` when there is none."""
        try:
            return repo.get_plan_row(session, plan_id)
        except repo.NotFound:
            raise PlanNotFound(plan_id) from None

    def save_new_plan(
        self, plan: Plan, source: VersionSource = VersionSource.GENERATED, reason: str = ""
    ) -> PlanSummary:
        with self.db.write() as session:
            self.check_club_limit(session, plan.club)
            row = repo.create_plan(session, plan, source, reason)
            return summary_of(row)

    def save_version(
        self,
        plan_id: int,
        plan: Plan,
        reason: str = "",
        source: VersionSource = VersionSource.EDITED,
        expected_version: int | None = None,
    ) -> VersionInfo:
        """Save an edit as a new version.

        ``expected_version`` guards against two windows editing the same plan:
        a save based on an old version is refused instead of hiding the other edit.
        """
        with self.db.write() as session:
            row = self.row(session, plan_id)
            if expected_version is not None and row.current_version != expected_version:
                raise ServiceError(
                    it=f"Il piano {plan_id} è stato modificato altrove (ora alla versione "
                    f"{row.current_version}): ricaricatelo prima di salvare.",
                    en=f"Plan {plan_id} was changed elsewhere (now at version "
                    f"{row.current_version}): reload it before saving.",
                    code="conflict",
                )
            if plan.uid != row.uid:
                plan = plan.model_copy(update={"uid": row.uid})
            return version_of(repo.add_version(session, row, plan, source, reason))

    def save_edit(
        self, plan_id: int, plan: Plan, reason: str, expected_version: int | None = None
    ) -> VersionInfo:
        """A user's change to a plan, validated again (``model_copy`` does not), as an edited
        version."""
        return self.save_version(
            plan_id, revalidated(plan), reason, VersionSource.EDITED, expected_version
        )

    def get_plan(self, plan_id: int, version: int | None = None) -> PlanDocument:
        with self.db.read() as session:
            try:
                row, version_row, plan = repo.load_plan(session, plan_id, version)
            except repo.NotFound as missing:
                raise PlanNotFound(
                    plan_id, version if missing.what == "version" else None
                ) from None
            return PlanDocument(summary_of(row), version_of(version_row), plan)

    def versions(self, plan_id: int) -> list[VersionInfo]:
        with self.db.read() as session:
            try:
                return [version_of(v) for v in repo.list_versions(session, plan_id)]
            except repo.NotFound:
                raise PlanNotFound(plan_id) from None

    def restore_version(self, plan_id: int, number: int) -> VersionInfo:
        with self.db.write() as session:
            self.row(session, plan_id)
            try:
                return version_of(repo.restore_version(session, plan_id, number))
            except repo.NotFound:
                raise PlanNotFound(plan_id, number) from None

    def plan_in_force(self, plan_id: int, season: str, latest: Plan | None = None) -> Plan:
        """The plan a season is judged against: the newest version in which it was not yet
        closed (a roll forward writes the actuals over the season's targets). ``latest``:
        the current version when the caller has it already (no second read)."""
        plan = latest or self.get_plan(plan_id).plan
        if season not in plan.closed_seasons:
            return plan
        with self.db.read() as session:
            return repo.version_in_force(session, plan_id, season) or plan

    # --- status and trash ----------------------------------------------------------------

    def set_status(self, plan_id: int, status: PlanStatus) -> PlanSummary:
        with self.db.write() as session:
            self.row(session, plan_id)
            return summary_of(repo.set_status(session, plan_id, status))

    def delete_plan(self, plan_id: int) -> PlanSummary:
        """Move to the trash: nothing is lost until the trash is emptied."""
        with self.db.write() as session:
            self.row(session, plan_id)
            return summary_of(repo.move_to_trash(session, plan_id))

    def restore_plan(self, plan_id: int) -> PlanSummary:
        with self.db.write() as session:
            self.row(session, plan_id)
            return summary_of(repo.restore_from_trash(session, plan_id))

    def empty_trash(self, plan_ids: list[int] | None = None) -> int:
        """Delete plans for good (their rendered exports are the export manager's)."""
        with self.db.write() as session:
            return repo.empty_trash(session, plan_ids)

    # --- files -------------------------------------------------------------------------

    def import_plan_file(self, path: Path) -> tuple[PlanSummary, bool]:
        """Import a plan JSON; returns (summary, created).

        A plan already in the store (same ``uid``) gets the file as a new version
        when its content differs, so importing twice never duplicates a plan.
        """
        plan = read_json_file(Plan, path)
        return self.import_plan(plan, reason=path.name)

    def import_plan_json(self, text: str, reason: str = "") -> tuple[PlanSummary, bool]:
        return self.import_plan(parse_json(Plan, text, reason), reason)

    def import_plan(self, plan: Plan, reason: str = "") -> tuple[PlanSummary, bool]:
        """Store a plan from outside; one with absent or empty sections is refused, unsaved.

        Raises ``DomainValidationError`` naming the sections, as for any invalid file.
        """
        gaps = section_issues(plan)
        if gaps:
            raise DomainValidationError(gaps, reason)
        with self.db.write() as session:
            existing = repo.find_plan_by_uid(session, plan.uid)
            if existing is None:
                self.check_club_limit(session, plan.club)
                row = repo.create_plan(session, plan, VersionSource.IMPORTED, reason)
                return summary_of(row), True
            current = repo.version_json(session, existing.id)
            if json.loads(current) != plan.model_dump(mode="json"):
                repo.add_version(session, existing, plan, VersionSource.IMPORTED, reason)
            if existing.deleted_at is not None:
                repo.restore_from_trash(session, existing.id)
            return summary_of(existing), False

    def export_plan_json(self, plan_id: int, version: int | None = None) -> str:
        """The plan exactly as stored: importing it elsewhere gives the same plan."""
        with self.db.read() as session:
            try:
                return repo.version_json(session, plan_id, version)
            except repo.NotFound as missing:
                raise PlanNotFound(
                    plan_id, version if missing.what == "version" else None
                ) from None
