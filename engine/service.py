"""The engine's facade: what the desktop app and the CLI call.

Plain objects in and out (dataclasses and domain models, never ORM rows), so
the GUI cannot hold a session across threads, and every user-facing failure
is a ``ServiceError`` with an Italian and an English message.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sqlalchemy import select

from engine import edits, generation, paths, research_review
from engine.agents.registry import AgentName
from engine.agents.writers import SectionWriter
from engine.domain import ClubProfile, DomainValidationError, Plan, PlanStatus, load_club_file
from engine.domain.completeness import section_issues
from engine.domain.context import STORED
from engine.domain.files import parse_json, read_json_file
from engine.domain.language import Language
from engine.domain.plan import FinanceDrivers, MacroObjective, SectionStatus
from engine.domain.research import FactStatus, Research
from engine.errors import UserError
from engine.finance import rebuild_financial_plan
from engine.finance.whatif import WhatIf
from engine.generation import GenerationResult
from engine.llm.base import CancelToken, Usage
from engine.monitoring import importer, roll
from engine.monitoring import status as monitoring_status
from engine.monitoring.importer import ImportResult
from engine.monitoring.model import ActionRecord, ActionState, Actual, Progress, Review
from engine.monitoring.roll import Rebase
from engine.monitoring.status import current_season
from engine.orchestrator import EventSink
from engine.redaction import redact
from engine.storage import actuals as actuals_store
from engine.storage import plans as repo
from engine.storage.database import Database, StoreError
from engine.storage.models import AgentRun, GenerationRun, Note, PlanRow, PlanVersionRow, utcnow
from engine.storage.plans import PlanQuery, SortKey, VersionSource
from engine.storage.settings import AppSettings, load_settings, save_settings
from engine.usage import estimate_cost_eur

if TYPE_CHECKING:
    from engine.export.cache import ExportCache
    from engine.export.prerender import PrerenderResult

log = logging.getLogger(__name__)
EXPORT_CACHE_FOLDER = Path("cache", "exports")
KNOWLEDGE_SECTIONS = (
    "sports",
    "infrastructure",
    "marketing",
    "social",
    "financial_plan",
    "executive_summary",
)


class ServiceError(UserError):
    """A failure the user can act on, worded for them in both languages."""


class PlanNotFound(ServiceError):
    def __init__(self, plan_id: int, version: int | None = None) -> None:
        if version is None:
            super().__init__(
                it=f"Il piano {plan_id} non esiste: controllate il numero con "
                "'rooting-future list'.",
                en=f"Plan {plan_id} does not exist: check the number with 'rooting-future list'.",
                code="not_found",
            )
        else:
            super().__init__(
                it=f"Il piano {plan_id} non ha una versione {version}: vedete "
                f"'rooting-future versions {plan_id}'.",
                en=f"Plan {plan_id} has no version {version}: see "
                f"'rooting-future versions {plan_id}'.",
                code="not_found",
            )


class ClubLimitReached(ServiceError):
    def __init__(self, limit: int) -> None:
        super().__init__(
            it=f"La licenza consente al massimo {limit} società e sono già tutte in uso: "
            "aprite un piano di una società esistente o ampliate la licenza.",
            en=f"The licence allows at most {limit} clubs and all are in use: "
            "open a plan of an existing club or extend the licence.",
            code="club_limit",
        )


@dataclass(frozen=True)
class PlanSummary:
    """One row of the library."""

    id: int
    uid: str
    title: str
    club_name: str
    sport: str
    seasons: str
    status: str
    language: str
    provider: str
    model: str | None
    current_version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None

    def as_dict(self) -> dict[str, Any]:
        data = self.__dict__.copy()
        for key in ("created_at", "updated_at", "deleted_at"):
            value = data[key]
            data[key] = value.isoformat(timespec="seconds") + "Z" if value else None
        return data


@dataclass(frozen=True)
class VersionInfo:
    number: int
    created_at: dt.datetime
    source: str
    reason: str
    restored_from: int | None
    size_bytes: int
    content_hash: str

    def as_dict(self) -> dict[str, Any]:
        data = self.__dict__.copy()
        data["created_at"] = self.created_at.isoformat(timespec="seconds") + "Z"
        return data


@dataclass(frozen=True)
class PlanDocument:
    summary: PlanSummary
    version: VersionInfo
    plan: Plan


@dataclass(frozen=True)
class NoteInfo:
    id: int
    plan_id: int
    section: str | None
    body: str
    created_at: dt.datetime


@dataclass(frozen=True)
class KnowledgeExample:
    plan_id: int
    section: str
    approved: bool
    sport: str
    size_band: str
    token_estimate: int
    content: dict[str, Any]


@dataclass(frozen=True)
class AgentRunInfo:
    agent: str
    status: str
    duration_ms: int
    input_tokens: int
    output_tokens: int
    cost_eur: float | None  # None: the model's price is not known
    error: str | None


@dataclass(frozen=True)
class RunInfo:
    id: int
    version: int | None
    provider: str
    model: str | None
    status: str
    input_tokens: int
    output_tokens: int
    cost_eur: float | None  # None: not estimable
    agents: list[AgentRunInfo]
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None


@dataclass(frozen=True)
class LibraryPage:
    rows: list[PlanSummary]
    has_more: bool
    total: int | None  # None unless asked for: counting every match costs more than a page


def _revalidated(plan: Plan) -> Plan:
    """Validate a copied plan again (model_copy does not): the store holds only plans that
    load back."""
    return Plan.model_validate_json(plan.model_dump_json(), context=STORED)


def _reason(result: GenerationResult) -> str:
    failed = result.orchestration.failed
    return "generated" + (f" (failed: {', '.join(failed)})" if failed else "")


def _summary(row: PlanRow) -> PlanSummary:
    return PlanSummary(
        id=row.id,
        uid=row.uid,
        title=row.title,
        club_name=row.club_name,
        sport=row.sport,
        seasons=row.seasons,
        status=row.status,
        language=row.language,
        provider=row.provider,
        model=row.model,
        current_version=row.current_version,
        created_at=row.created_at,
        updated_at=row.updated_at,
        deleted_at=row.deleted_at,
    )


def _version(row: PlanVersionRow) -> VersionInfo:
    return VersionInfo(
        number=row.number,
        created_at=row.created_at,
        source=row.source,
        reason=row.reason,
        restored_from=row.restored_from,
        size_bytes=row.size_bytes,
        content_hash=row.content_hash,
    )


class Service:
    """One local store, opened (and migrated) once; safe to share across threads."""

    def __init__(
        self,
        home: str | Path | None = None,
        max_clubs: int | None = None,
        watermark: bool = False,
    ) -> None:
        self.home = paths.user_home(home)
        self.max_clubs = max_clubs
        self.watermark = watermark  # evaluation mode: every export is stamped
        self._export_cache: ExportCache | None = None
        self._export_cache_lock = threading.Lock()
        try:
            self.db = Database(paths.database_path(self.home))
        except StoreError as error:
            raise ServiceError(it=error.it, en=error.en, code="store") from error

    def close(self) -> None:
        self.db.close()

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
            rows = [_summary(row) for row in repo.list_plans(session, spec)]
            has_more = len(rows) > limit
            rows = rows[:limit]
            total = None
            if with_total:
                total = offset + len(rows) if not has_more else repo.count_plans(session, spec)
        return LibraryPage(rows, has_more, total)

    def sports(self) -> list[str]:
        with self.db.read() as session:
            return repo.sports(session)

    # --- plans -----------------------------------------------------------------------

    def save_new_plan(
        self, plan: Plan, source: VersionSource = VersionSource.GENERATED, reason: str = ""
    ) -> PlanSummary:
        with self.db.write() as session:
            self._check_club_limit(session, plan.club)
            row = repo.create_plan(session, plan, source, reason)
            return _summary(row)

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
            row = self._row(session, plan_id)
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
            return _version(repo.add_version(session, row, plan, source, reason))

    # --- edits --------------------------------------------------------------------------

    def edit_objective(
        self,
        plan_id: int,
        objective: MacroObjective,
        *,
        reason: str,
        expected_version: int | None = None,
    ) -> VersionInfo:
        """Save an edited objective; texts that quote its KPIs follow the new numbers."""
        plan = self.get_plan(plan_id).plan
        if not any(o.code == objective.code for o in plan.objectives()):
            raise ServiceError(
                it=f"L'obiettivo {objective.code} non è in questo piano.",
                en=f"Objective {objective.code} is not in this plan.",
                code="bad_input",
            )
        edited = edits.edit_objective(plan, objective)
        return self.save_version(
            plan_id, _revalidated(edited), reason, VersionSource.EDITED, expected_version
        )

    def rewrite_from_numbers(
        self, plan_id: int, code: str, *, reason: str, expected_version: int | None = None
    ) -> VersionInfo:
        """Rebuild an objective's situation and gap from its KPIs (the user asked)."""
        plan = self.get_plan(plan_id).plan
        try:
            rewritten = edits.rewrite_from_numbers(plan, code)
        except (KeyError, StopIteration):
            raise ServiceError(
                it=f"I testi dell'obiettivo {code} non si possono ricostruire dai numeri.",
                en=f"The texts of objective {code} cannot be rebuilt from the numbers.",
                code="bad_input",
            ) from None
        return self.save_version(
            plan_id, _revalidated(rewritten), reason, VersionSource.EDITED, expected_version
        )

    # --- monitoring: actuals, action states, status (issue 17) ---------------------------

    def record_actuals(self, plan_id: int, actuals: list[Actual]) -> int:
        """Store measured values as dated records; the plan's versions stay as they are."""
        plan = self.get_plan(plan_id).plan
        for actual in actuals:
            if actual.season not in plan.seasons:
                raise ServiceError(
                    it=f"La stagione {actual.season} non è del piano ({plan.seasons_label}).",
                    en=f"Season {actual.season} is not in the plan ({plan.seasons_label}).",
                    code="bad_input",
                )
        with self.db.write() as session:
            self._row(session, plan_id)
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
        plan = self.get_plan(plan_id).plan
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

    def progress(
        self,
        plan_id: int,
        season: str | None = None,
        review: Review = Review.END,
        today: dt.date | None = None,
    ) -> Progress:
        """The plan's status at a review (default: the season running today), against the
        plan in force for that season."""
        plan = self.get_plan(plan_id).plan
        season = season or current_season(plan.seasons, today or dt.date.today())
        self._check_season(plan, season)
        plan = self.plan_in_force(plan_id, season)
        with self.db.read() as session:
            found = actuals_store.actuals(session, plan_id)
            states = actuals_store.action_states(session, plan_id)
        return monitoring_status.progress(
            plan, found, states, season, review, today=today or dt.date.today()
        )

    def export_progress(
        self,
        plan_id: int,
        formats: str | set[Any] | list[Any],
        out_dir: Path,
        season: str | None = None,
        review: Review = Review.END,
        today: dt.date | None = None,
    ) -> list[Path]:
        """The board's progress report at a review ("Stato di avanzamento": PDF, DOCX);
        raises ``ExportError`` (bad format or folder) or ``ServiceError`` (bad season)."""
        from engine.export.progress import export_progress  # WeasyPrint loads only here

        status = self.progress(plan_id, season, review, today)
        plan = self.plan_in_force(plan_id, status.season)
        return export_progress(plan, status, formats, out_dir, watermark=self.watermark)

    def import_actuals(
        self,
        plan_id: int,
        path: Path,
        mapping: dict[str, int] | None = None,
        header: int | None = None,
    ) -> ImportResult:
        """Read a CSV/XLSX sheet; its readable rows are stored, the others come back as
        messages naming the row (nothing already stored is touched)."""
        plan = self.get_plan(plan_id).plan
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

    def rebase_proposals(self, plan_id: int, season: str) -> list[Rebase]:
        """The KPIs and finance lines whose later figures could restart from the season's
        actuals (measured off the plan at its end)."""
        plan = self.get_plan(plan_id).plan
        self._check_season(plan, season)
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
        plan = self.get_plan(plan_id).plan
        self._check_season(plan, season)
        actuals = self.actuals(plan_id)
        if not roll.closable(plan, actuals, season):
            return None
        chosen = accepted if accepted is not None else roll.proposals(plan, actuals, season)
        rolled = roll.roll_forward(plan, actuals, season, chosen)
        count = len(chosen)
        moved = "1 previsione riallineata" if count == 1 else f"{count} previsioni riallineate"
        reason = f"{season} chiusa sui consuntivi" + (f", {moved}" if chosen else "")
        return self.save_version(
            plan_id, _revalidated(rolled), reason, VersionSource.EDITED, expected_version
        )

    def plan_in_force(self, plan_id: int, season: str) -> Plan:
        """The plan a season is judged against: the newest version in which it was not yet
        closed (a roll forward writes the actuals over the season's targets)."""
        plan = self.get_plan(plan_id).plan
        if season not in plan.closed_seasons:
            return plan
        with self.db.read() as session:
            return repo.version_in_force(session, plan_id, season) or plan

    @staticmethod
    def _check_season(plan: Plan, season: str) -> None:
        if season not in plan.seasons:
            raise ServiceError(
                it=f"La stagione {season} non è del piano ({plan.seasons_label}).",
                en=f"Season {season} is not in the plan ({plan.seasons_label}).",
                code="bad_input",
            )

    # --- public sources (tier 2) ----------------------------------------------------------

    def research(self, plan_id: int, version: int | None = None) -> Research:
        """The facts the research agent found for a plan, with the user's decisions."""
        return self.get_plan(plan_id, version).plan.research

    def review_research(
        self,
        plan_id: int,
        decisions: dict[str, FactStatus],
        values: dict[str, float | None] | None = None,
        *,
        expected_version: int | None = None,
    ) -> VersionInfo:
        """Accept, reject or correct researched facts: a new version that uses the accepted."""
        plan = self.get_plan(plan_id).plan
        try:
            reviewed = research_review.review(plan, decisions, values)
        except research_review.UnknownFact as error:
            raise ServiceError(
                it=f"Il piano {plan_id} non ha questi fatti da fonti pubbliche: {error.args[0]}.",
                en=f"Plan {plan_id} has no public-source facts called {error.args[0]}.",
                code="bad_input",
            ) from None
        accepted = sum(1 for f in reviewed.research.facts if f.status is FactStatus.ACCEPTED)
        return self.save_version(
            plan_id,
            _revalidated(reviewed),
            f"public sources reviewed: {accepted} accepted",
            VersionSource.EDITED,
            expected_version,
        )

    # --- finance what-if ----------------------------------------------------------------

    @staticmethod
    def what_if(plan: Plan) -> WhatIf:
        """A live what-if on a plan's finances (year 0 built once; each change re-projects)."""
        return WhatIf(plan)

    def save_scenario(
        self, plan_id: int, drivers: FinanceDrivers, expected_version: int | None = None
    ) -> VersionInfo:
        """Make ``drivers`` the plan's scenario: its finances recomputed, as a new version.

        The financial commentary is rewritten from the new figures (an AI commentary on the
        old ones would quote numbers that are no longer in the table).
        """
        try:  # a model_copy skips validation: check what a panel or a command built
            drivers = FinanceDrivers.model_validate(drivers.model_dump())
        except ValidationError:
            raise ServiceError(
                it="Lo scenario ha valori fuori dai limiti: crescite tra -100% e +500% in tre "
                "stagioni, inflazione tra -20% e +50% l'anno, tasso del mutuo tra 0% e 20%.",
                en="The scenario has values out of range: growth between -100% and +500% over "
                "three seasons, inflation between -20% and +50% a year, loan rate 0% to 20%.",
                code="bad_input",
            ) from None
        document = self.get_plan(plan_id)
        plan = document.plan
        finance = rebuild_financial_plan(
            plan.club, plan.financial_plan, drivers, Language(plan.language)
        ).model_copy(update={"status": SectionStatus.EDITED})
        updated = plan.model_copy(update={"financial_plan": finance})
        labels = {
            "prudent": ("prudente", "prudent"),
            "base": ("base", "base"),
            "ambitious": ("ambizioso", "ambitious"),
            "custom": ("personalizzato", "custom"),
        }[drivers.scenario.value]
        reason = (
            f"Scenario economico {labels[0]}"
            if Language(plan.language) is Language.IT
            else f"Financial scenario: {labels[1]}"
        )
        return self.save_version(
            plan_id,
            updated,
            reason=reason,
            expected_version=expected_version
            if expected_version is not None
            else document.version.number,
        )

    def get_plan(self, plan_id: int, version: int | None = None) -> PlanDocument:
        with self.db.read() as session:
            try:
                row, version_row, plan = repo.load_plan(session, plan_id, version)
            except repo.NotFound as missing:
                raise PlanNotFound(
                    plan_id, version if missing.what == "version" else None
                ) from None
            return PlanDocument(_summary(row), _version(version_row), plan)

    def versions(self, plan_id: int) -> list[VersionInfo]:
        with self.db.read() as session:
            try:
                return [_version(v) for v in repo.list_versions(session, plan_id)]
            except repo.NotFound:
                raise PlanNotFound(plan_id) from None

    def restore_version(self, plan_id: int, number: int) -> VersionInfo:
        with self.db.write() as session:
            self._row(session, plan_id)
            try:
                return _version(repo.restore_version(session, plan_id, number))
            except repo.NotFound:
                raise PlanNotFound(plan_id, number) from None

    def set_status(self, plan_id: int, status: PlanStatus) -> PlanSummary:
        with self.db.write() as session:
            self._row(session, plan_id)
            return _summary(repo.set_status(session, plan_id, status))

    def delete_plan(self, plan_id: int) -> PlanSummary:
        """Move to the trash: nothing is lost until the trash is emptied."""
        with self.db.write() as session:
            self._row(session, plan_id)
            return _summary(repo.move_to_trash(session, plan_id))

    def restore_plan(self, plan_id: int) -> PlanSummary:
        with self.db.write() as session:
            self._row(session, plan_id)
            return _summary(repo.restore_from_trash(session, plan_id))

    def empty_trash(self, plan_ids: list[int] | None = None) -> int:
        """Delete plans for good, with their rendered exports.

        Cache entries are keyed by content, not by plan, so the whole export cache goes:
        a plan deleted for good must not live on as a cached PDF, and every other entry
        is re-rendered on demand (or by the background pre-render).
        """
        with self.db.write() as session:
            deleted = repo.empty_trash(session, plan_ids)
        if deleted and (self.home / EXPORT_CACHE_FOLDER).is_dir():
            self.export_cache.clear()
        return deleted

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
                self._check_club_limit(session, plan.club)
                row = repo.create_plan(session, plan, VersionSource.IMPORTED, reason)
                return _summary(row), True
            current = repo.version_json(session, existing.id)
            if json.loads(current) != plan.model_dump(mode="json"):
                repo.add_version(session, existing, plan, VersionSource.IMPORTED, reason)
            if existing.deleted_at is not None:
                repo.restore_from_trash(session, existing.id)
            return _summary(existing), False

    def export_plan_json(self, plan_id: int, version: int | None = None) -> str:
        """The plan exactly as stored: importing it elsewhere gives the same plan."""
        with self.db.read() as session:
            try:
                return repo.version_json(session, plan_id, version)
            except repo.NotFound as missing:
                raise PlanNotFound(
                    plan_id, version if missing.what == "version" else None
                ) from None

    def export_plan(
        self,
        plan_id: int,
        formats: set[Any],
        out_dir: Path,
        version: int | None = None,
        logo: Path | None = None,
        *,
        use_cache: bool = True,
    ) -> list[Path]:
        """Render a stored version to files; raises ``ExportError`` with a clear message.

        Formats already rendered for this exact version, logo, watermark and app
        (see ``prerender``) come from the export cache; ``use_cache=False`` renders
        afresh and leaves the cache alone.
        """
        from engine.export import export_plan  # WeasyPrint loads only when exporting

        document = self.get_plan(plan_id, version)
        return export_plan(
            document.plan,
            formats,
            out_dir,
            watermark=self.watermark,
            version=document.version.number,
            logo=logo,
            cache=self.export_cache if use_cache else None,
        )

    @property
    def export_cache(self) -> ExportCache:
        """Rendered exports by content in ``<home>/cache/exports`` (size-capped, LRU).

        Created on first use (importing it at start-up would cost the app's launch
        time for nothing), once, whichever thread asks first.
        """
        with self._export_cache_lock:
            if self._export_cache is None:
                from engine.export.cache import ExportCache

                self._export_cache = ExportCache(self.home / EXPORT_CACHE_FOLDER)
            return self._export_cache

    def prerender(
        self,
        plan_id: int,
        version: int | None = None,
        *,
        should_stop: Callable[[], bool] | None = None,
    ) -> PrerenderResult:
        """Render a version's PDF, one-pager, DOCX and HTML into the export cache.

        Called in the background after a version is saved, so a later ``export_plan``
        of it (same watermark, the plan's own logo) only writes files. Stops early,
        storing nothing half-done, when ``should_stop()`` turns true.
        """
        from engine.export.prerender import prerender

        document = self.get_plan(plan_id, version)
        return prerender(
            document.plan,
            self.export_cache,
            watermark=self.watermark,
            version=document.version.number,
            should_stop=should_stop,
        )

    # --- notes ---------------------------------------------------------------------------

    def add_note(self, plan_id: int, body: str, section: str | None = None) -> NoteInfo:
        if not body.strip():
            raise ServiceError(it="La nota è vuota.", en="The note is empty.", code="bad_input")
        with self.db.write() as session:
            self._row(session, plan_id)
            now = utcnow()
            note = Note(
                plan_id=plan_id, section=section, body=body.strip(), created_at=now, updated_at=now
            )
            session.add(note)
            session.flush()
            return NoteInfo(note.id, plan_id, section, note.body, now)

    def notes(self, plan_id: int) -> list[NoteInfo]:
        with self.db.read() as session:
            rows = session.scalars(
                select(Note).where(Note.plan_id == plan_id).order_by(Note.created_at)
            )
            return [NoteInfo(n.id, n.plan_id, n.section, n.body, n.created_at) for n in rows]

    # --- knowledge -------------------------------------------------------------------------

    def knowledge_examples(
        self,
        section: str,
        sport: str,
        size_band: str,
        limit: int = 2,
        exclude_plan_id: int | None = None,
    ) -> list[KnowledgeExample]:
        with self.db.read() as session:
            hits = repo.knowledge_lookup(session, section, sport, size_band, limit, exclude_plan_id)
            examples = []
            for hit in hits:
                content = repo.knowledge_content(session, hit)
                if content is not None:
                    examples.append(
                        KnowledgeExample(
                            hit.plan_id,
                            hit.section,
                            hit.approved,
                            hit.sport,
                            hit.size_band,
                            hit.token_estimate,
                            content,
                        )
                    )
            return examples

    # --- generation --------------------------------------------------------------------------

    def examples_for(
        self, club: ClubProfile, exclude_plan_id: int | None = None
    ) -> dict[str, list[dict[str, Any]]]:
        """1-2 sections per agent from approved (then recent) plans of similar clubs."""
        sport, band = club.identity.primary_sport, club.size_band().value
        return {
            section: [
                e.content
                for e in self.knowledge_examples(
                    section, sport, band, limit=2, exclude_plan_id=exclude_plan_id
                )
            ]
            for section in KNOWLEDGE_SECTIONS
        }

    def generate_plan(
        self,
        club: ClubProfile,
        writer: SectionWriter,
        *,
        language: Language = Language.IT,
        emit: EventSink,
        cancel: CancelToken | None = None,
        concurrency: int = 5,
    ) -> tuple[PlanSummary, GenerationResult]:
        """Write and save a new plan; failed sections are saved as failed (see resume)."""
        with self.db.read() as session:
            self._check_club_limit(session, club)
        started = utcnow()
        result = generation.generate(
            club,
            writer,
            language=language,
            emit=emit,
            cancel=cancel,
            concurrency=concurrency,
            examples=self.examples_for(club),
        )
        finished = utcnow()
        with self.db.write() as session:
            self._check_club_limit(session, result.plan.club)
            row = repo.create_plan(session, result.plan, VersionSource.GENERATED, _reason(result))
            self._record_run(
                session, row.id, row.current_version, writer, result, (started, finished)
            )
            return _summary(row), result

    def _rerun(
        self,
        plan_id: int,
        writer: SectionWriter,
        agents: list[AgentName],
        reason: str,
        emit: EventSink,
        cancel: CancelToken | None,
        concurrency: int,
    ) -> tuple[VersionInfo, GenerationResult]:
        document = self.get_plan(plan_id)
        base = document.plan
        started = utcnow()
        result = generation.generate(
            base.club,
            writer,
            language=base.language,
            emit=emit,
            cancel=cancel,
            concurrency=concurrency,
            examples=self.examples_for(base.club, plan_id),
            base=base,
            agents=agents,
        )
        finished = utcnow()
        with self.db.write() as session:
            row = self._row(session, plan_id)
            if not result.wrote_anything:
                # Nothing was rewritten: the plan stays as it was; only the attempt is kept.
                self._record_run(
                    session, plan_id, row.current_version, writer, result, (started, finished)
                )
                return _version(repo.get_version_row(session, plan_id, row.current_version)), result
            version = repo.add_version(session, row, result.plan, VersionSource.GENERATED, reason)
            self._record_run(session, plan_id, version.number, writer, result, (started, finished))
            return _version(version), result

    def resume_plan(
        self,
        plan_id: int,
        writer: SectionWriter,
        *,
        emit: EventSink,
        cancel: CancelToken | None = None,
        concurrency: int = 5,
    ) -> tuple[VersionInfo | None, GenerationResult | None]:
        """Regenerate only failed or missing sections; (None, None) if nothing is missing."""
        agents = generation.agents_to_resume(self.get_plan(plan_id).plan)
        if not agents:
            return None, None
        return self._rerun(
            plan_id, writer, agents, "resume: " + ", ".join(agents), emit, cancel, concurrency
        )

    def rerun_agents(self, plan_id: int, section: str | None = None) -> list[AgentName]:
        """The agents a resume (no ``section``) or a section's rewrite would run."""
        if section is None:
            return generation.agents_to_resume(self.get_plan(plan_id).plan)
        try:
            return generation.agents_to_regenerate(section)
        except generation.UnknownSection as error:
            raise ServiceError(it=error.it, en=error.en, code="bad_input") from None

    def regenerate_section(
        self,
        plan_id: int,
        section: str,
        writer: SectionWriter,
        *,
        emit: EventSink,
        cancel: CancelToken | None = None,
        concurrency: int = 5,
    ) -> tuple[VersionInfo, GenerationResult]:
        """Rewrite one section (the coordinator then refreshes the summary).

        A rewrite that fails keeps the earlier text; if nothing was rewritten no version
        is saved (the returned version is the current one, and the run is recorded)."""
        agents = self.rerun_agents(plan_id, section)
        return self._rerun(
            plan_id, writer, agents, f"regenerate: {section}", emit, cancel, concurrency
        )

    def _record_run(
        self,
        session: Any,
        plan_id: int,
        version: int,
        writer: SectionWriter,
        result: GenerationResult,
        times: tuple[dt.datetime, dt.datetime],
    ) -> None:
        """Store the run: its real start and finish (not the save time), agents, tokens, cost."""
        orchestration = result.orchestration
        status = (
            "cancelled"
            if orchestration.cancelled
            else "partial"
            if orchestration.failed
            else "complete"
        )
        run = GenerationRun(
            plan_id=plan_id,
            version_number=version,
            provider=writer.provider,
            model=writer.model,
            status=status,
            started_at=times[0],
            finished_at=times[1],
            input_tokens=0,
            output_tokens=0,
            cost_eur=0.0,
        )
        for agent_run in orchestration.runs.values():
            usage = agent_run.output.usage if agent_run.output else Usage()
            cost = estimate_cost_eur(writer.provider, usage, writer.model)
            run.agents.append(
                AgentRun(
                    agent=agent_run.agent.value,
                    status="ok" if agent_run.ok else "failed",
                    duration_ms=agent_run.duration_ms,
                    input_tokens=usage.input_tokens,
                    output_tokens=usage.output_tokens + usage.thinking_tokens,
                    cost_eur=cost,
                    error=redact(agent_run.error.message("en")) if agent_run.error else None,
                )
            )
            run.input_tokens += usage.input_tokens
            run.output_tokens += usage.output_tokens + usage.thinking_tokens
            # One agent without an estimate makes the run's total not estimable too.
            run.cost_eur = None if cost is None or run.cost_eur is None else run.cost_eur + cost
        found = result.research
        if found is not None and found.grounded_requests:  # the research agent's call
            cost = estimate_cost_eur(
                writer.provider, found.usage, writer.model, found.grounded_requests
            )
            run.agents.append(
                AgentRun(
                    agent="research",
                    status="ok" if found.research.searched else "failed",
                    duration_ms=found.duration_ms,
                    input_tokens=found.usage.input_tokens,
                    output_tokens=found.usage.output_tokens + found.usage.thinking_tokens,
                    cost_eur=cost,
                    error=None if found.research.searched else redact(found.research.reason),
                )
            )
            run.input_tokens += found.usage.input_tokens
            run.output_tokens += found.usage.output_tokens + found.usage.thinking_tokens
            run.cost_eur = None if cost is None or run.cost_eur is None else run.cost_eur + cost
        session.add(run)

    def generation_runs(self, plan_id: int) -> list[RunInfo]:
        with self.db.read() as session:
            runs = session.scalars(
                select(GenerationRun)
                .where(GenerationRun.plan_id == plan_id)
                .order_by(GenerationRun.started_at)
            )
            return [
                RunInfo(
                    r.id,
                    r.version_number,
                    r.provider,
                    r.model,
                    r.status,
                    r.input_tokens,
                    r.output_tokens,
                    r.cost_eur,
                    [
                        AgentRunInfo(
                            a.agent,
                            a.status,
                            a.duration_ms,
                            a.input_tokens,
                            a.output_tokens,
                            a.cost_eur,
                            a.error,
                        )
                        for a in r.agents
                    ],
                    r.started_at,
                    r.finished_at,
                )
                for r in runs
            ]

    # --- helpers ---------------------------------------------------------------------------

    def _row(self, session: Any, plan_id: int) -> PlanRow:
        try:
            return repo.get_plan_row(session, plan_id)
        except repo.NotFound:
            raise PlanNotFound(plan_id) from None

    def _check_club_limit(self, session: Any, club: ClubProfile) -> None:
        if self.max_clubs is None:
            return
        identity = club.identity
        known = repo.find_club(session, identity.name, identity.city) is not None
        if not known and repo.count_clubs(session) >= self.max_clubs:
            raise ClubLimitReached(self.max_clubs)

    # --- app settings (desktop) -----------------------------------------------------------

    def app_settings(self) -> AppSettings:
        """The user's choices (provider, model, languages...); never the API key."""
        return load_settings(self.db)

    def save_app_settings(self, settings: AppSettings) -> AppSettings:
        return save_settings(self.db, settings)

    def clear_ai_cache(self) -> int:
        """Forget every cached model answer; returns how many were removed."""
        from engine.storage.ai_cache import ResponseCache

        return ResponseCache(self.db).clear()


__all__ = [
    "AppSettings",
    "ClubLimitReached",
    "DomainValidationError",
    "KnowledgeExample",
    "LibraryPage",
    "NoteInfo",
    "PlanDocument",
    "PlanNotFound",
    "PlanSummary",
    "Service",
    "ServiceError",
    "SortKey",
    "VersionInfo",
    "VersionSource",
]
