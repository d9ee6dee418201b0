"""The engine's facade: what the desktop app and the CLI call.

``Service`` opens (and migrates) one local store and builds the managers that do the work,
one per kind (``engine/services/``: plans, edits, monitoring, runs, notes, exports,
settings). Every public method is answered by the manager that owns it, so
``service.list_plans(...)`` is ``service.plans.list_plans(...)``; the table below is the
map. Plain objects in and out (dataclasses and domain models, never ORM rows), so the GUI
cannot hold a session across threads, and every user-facing failure is a ``ServiceError``
with an Italian and an English message.

The desktop imports the engine through this module, ``engine.domain`` and a few helper
modules (``tests/test_architecture.py`` keeps the list): the names it needs from deeper
in the engine (event and cancel types, the settings model, result types) are re-exported
here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine import paths
from engine.agents.registry import AgentName
from engine.agents.writers import SectionWriter
from engine.domain import DomainValidationError
from engine.edits import STALE_TEXT
from engine.generation import GenerationResult
from engine.llm.base import CancelToken
from engine.orchestrator import EventKind, EventSink, GenerationEvent
from engine.providers import ProviderChoice
from engine.services.edits import EditManager
from engine.services.errors import ClubLimitReached, PlanNotFound, ServiceError
from engine.services.exports import EXPORT_CACHE_FOLDER, ExportManager
from engine.services.monitoring import MonitoringManager
from engine.services.notes import NoteManager
from engine.services.plans import PlanManager
from engine.services.results import (
    KnowledgeExample,
    LibraryPage,
    PlanDocument,
    PlanSummary,
    VersionInfo,
)
from engine.services.runs import KNOWLEDGE_SECTIONS, RunManager
from engine.services.settings import SettingsManager
from engine.settings import PROVIDERS, THINKING_LEVELS, AppSettings
from engine.storage.database import Database, StoreError
from engine.storage.notes import NoteInfo
from engine.storage.plans import SortKey, VersionSource
from engine.storage.runs import AgentRunInfo, RunInfo
from engine.usage import cost_text

if TYPE_CHECKING:
    from engine.export.cache import ExportCache


class _Delegated:
    """A public method of ``Service`` that one of its managers answers: on an instance,
    ``service.<name>`` is ``service.<manager>.<name>`` (its docstring and signature too)."""

    def __init__(self, manager: str, method: Callable[..., Any]) -> None:
        self.manager = manager
        self.name = method.__name__
        functools.update_wrapper(self, method)

    def __set_name__(self, owner: type, name: str) -> None:
        if name != self.name:
            raise TypeError(f"Service.{name} would answer with {self.manager}.{self.name}")

    def __get__(self, service: Service | None, owner: type | None = None) -> Any:
        if service is None:
            return self
        return getattr(getattr(service, self.manager), self.name)

    def __call__(self, service: Service, *args: Any, **kwargs: Any) -> Any:
        """``Service.<name>(service, ...)``, as for any method read from the class."""
        return self.__get__(service)(*args, **kwargs)


class Service:
    """One local store, opened (and migrated) once; safe to share across threads."""

    def __init__(
        self,
        home: str | Path | None = None,
        max_clubs: int | None = None,
        watermark: bool = False,
    ) -> None:
        self.home = paths.user_home(home)
        try:
            self.db = Database(paths.database_path(self.home))
        except StoreError as error:
            raise ServiceError(it=error.it, en=error.en, code="store") from error
        self.plans = PlanManager(self.db, max_clubs)
        self.edits = EditManager(self.plans)
        self.monitoring = MonitoringManager(self.db, self.plans)
        self.runs = RunManager(self.db, self.plans)
        self.plan_notes = NoteManager(self.db, self.plans)
        self.exports = ExportManager(self.home, self.plans, self.monitoring, watermark)
        self.settings = SettingsManager(self.db)

    def close(self) -> None:
        self.db.close()

    # The licence's limits, set again when the licence changes (the desktop's licence dialog).

    @property
    def max_clubs(self) -> int | None:
        """The most clubs the licence allows (None: no limit); a new club beyond is refused."""
        return self.plans.max_clubs

    @max_clubs.setter
    def max_clubs(self, value: int | None) -> None:
        self.plans.max_clubs = value

    @property
    def watermark(self) -> bool:
        """Evaluation mode: every export is stamped."""
        return self.exports.watermark

    @watermark.setter
    def watermark(self, value: bool) -> None:
        self.exports.watermark = value

    # --- plans: clubs, the library, versions, trash, files (PlanManager) -------------------

    validate_club_file = staticmethod(PlanManager.validate_club_file)
    objective_titles = staticmethod(PlanManager.objective_titles)
    club_count = _Delegated("plans", PlanManager.club_count)
    list_plans = _Delegated("plans", PlanManager.list_plans)
    sports = _Delegated("plans", PlanManager.sports)
    save_new_plan = _Delegated("plans", PlanManager.save_new_plan)
    save_version = _Delegated("plans", PlanManager.save_version)
    get_plan = _Delegated("plans", PlanManager.get_plan)
    versions = _Delegated("plans", PlanManager.versions)
    restore_version = _Delegated("plans", PlanManager.restore_version)
    plan_in_force = _Delegated("plans", PlanManager.plan_in_force)
    set_status = _Delegated("plans", PlanManager.set_status)
    delete_plan = _Delegated("plans", PlanManager.delete_plan)
    restore_plan = _Delegated("plans", PlanManager.restore_plan)
    import_plan_file = _Delegated("plans", PlanManager.import_plan_file)
    import_plan_json = _Delegated("plans", PlanManager.import_plan_json)
    import_plan = _Delegated("plans", PlanManager.import_plan)
    export_plan_json = _Delegated("plans", PlanManager.export_plan_json)

    def empty_trash(self, plan_ids: list[int] | None = None) -> int:
        """Delete plans for good, with their rendered exports (the whole export cache)."""
        deleted = self.plans.empty_trash(plan_ids)
        if deleted:
            self.exports.forget_rendered()
        return deleted

    # --- edits, each a new version (EditManager) -------------------------------------------

    edit_objective = _Delegated("edits", EditManager.edit_objective)
    rewrite_from_numbers = _Delegated("edits", EditManager.rewrite_from_numbers)
    research = _Delegated("edits", EditManager.research)
    review_research = _Delegated("edits", EditManager.review_research)
    what_if = staticmethod(EditManager.what_if)
    save_scenario = _Delegated("edits", EditManager.save_scenario)

    # --- monitoring: actuals, action states, status (MonitoringManager) --------------------

    record_actuals = _Delegated("monitoring", MonitoringManager.record_actuals)
    actuals = _Delegated("monitoring", MonitoringManager.actuals)
    set_action_state = _Delegated("monitoring", MonitoringManager.set_action_state)
    action_states = _Delegated("monitoring", MonitoringManager.action_states)
    progress = _Delegated("monitoring", MonitoringManager.progress)
    import_actuals = _Delegated("monitoring", MonitoringManager.import_actuals)
    rebase_proposals = _Delegated("monitoring", MonitoringManager.rebase_proposals)
    roll_forward = _Delegated("monitoring", MonitoringManager.roll_forward)

    # --- writing plans and their run history (RunManager) ---------------------------------

    knowledge_examples = _Delegated("runs", RunManager.knowledge_examples)
    examples_for = _Delegated("runs", RunManager.examples_for)
    generate_plan = _Delegated("runs", RunManager.generate_plan)
    resume_plan = _Delegated("runs", RunManager.resume_plan)
    rerun_agents = _Delegated("runs", RunManager.rerun_agents)
    regenerate_section = _Delegated("runs", RunManager.regenerate_section)
    generation_runs = _Delegated("runs", RunManager.generation_runs)

    # --- notes (NoteManager) ---------------------------------------------------------------

    add_note = _Delegated("plan_notes", NoteManager.add_note)
    notes = _Delegated("plan_notes", NoteManager.notes)

    # --- files rendered, and the export cache (ExportManager) -----------------------------

    export_plan = _Delegated("exports", ExportManager.export_plan)
    export_progress = _Delegated("exports", ExportManager.export_progress)
    prerender = _Delegated("exports", ExportManager.prerender)
    warm_report_engine = staticmethod(ExportManager.warm_report_engine)
    plan_page = staticmethod(ExportManager.plan_page)
    warm_plan_pages = staticmethod(ExportManager.warm_plan_pages)

    @property
    def export_cache(self) -> ExportCache:
        """Rendered exports by content in ``<home>/cache/exports`` (see ``ExportManager``)."""
        return self.exports.export_cache

    # --- app settings, the writer they ask for, models, the AI cache (SettingsManager) ------

    app_settings = _Delegated("settings", SettingsManager.app_settings)
    save_app_settings = _Delegated("settings", SettingsManager.save_app_settings)
    setting_defaults = staticmethod(SettingsManager.setting_defaults)
    writer_choice = _Delegated("settings", SettingsManager.writer_choice)
    writer = _Delegated("settings", SettingsManager.writer)
    preload_provider = staticmethod(SettingsManager.preload_provider)
    list_models = staticmethod(SettingsManager.list_models)
    clear_ai_cache = _Delegated("settings", SettingsManager.clear_ai_cache)


__all__ = [
    "EXPORT_CACHE_FOLDER",
    "KNOWLEDGE_SECTIONS",
    "PROVIDERS",
    "STALE_TEXT",
    "THINKING_LEVELS",
    "AgentName",
    "AgentRunInfo",
    "AppSettings",
    "CancelToken",
    "ClubLimitReached",
    "DomainValidationError",
    "EventKind",
    "EventSink",
    "GenerationEvent",
    "GenerationResult",
    "KnowledgeExample",
    "LibraryPage",
    "NoteInfo",
    "PlanDocument",
    "PlanNotFound",
    "PlanSummary",
    "ProviderChoice",
    "RunInfo",
    "SectionWriter",
    "Service",
    "ServiceError",
    "SortKey",
    "VersionInfo",
    "VersionSource",
    "cost_text",
]
