"""Rendered files: a plan's exports, the board's progress report, and the export cache that
the background pre-render fills. The export package loads only when asked for (WeasyPrint
and the rest would cost the app's launch time for nothing)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.monitoring.model import Review
from engine.services.monitoring import MonitoringManager
from engine.services.plans import PlanManager

if TYPE_CHECKING:
    from engine.domain.language import Language
    from engine.domain.plan import Plan
    from engine.export.cache import ExportCache
    from engine.export.pages import Page
    from engine.export.prerender import PrerenderResult

EXPORT_CACHE_FOLDER = Path("cache", "exports")


class ExportManager:
    """``watermark``: evaluation mode, every export is stamped (the licence sets it)."""

    def __init__(
        self, home: Path, plans: PlanManager, monitoring: MonitoringManager, watermark: bool
    ) -> None:
        self.home = home
        self.plans = plans
        self.monitoring = monitoring
        self.watermark = watermark
        self._cache: ExportCache | None = None
        self._cache_lock = threading.Lock()

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

        document = self.plans.get_plan(plan_id, version)
        return export_plan(
            document.plan,
            formats,
            out_dir,
            watermark=self.watermark,
            version=document.version.number,
            logo=logo,
            cache=self.export_cache if use_cache else None,
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

        status = self.monitoring.progress(plan_id, season, review, today)
        plan = self.plans.plan_in_force(plan_id, status.season)
        return export_progress(plan, status, formats, out_dir, watermark=self.watermark)

    @staticmethod
    def warm_report_engine() -> None:
        """Load WeasyPrint, the report's fonts and the chart engine ahead of the board's
        report (the desktop calls it on its task pool when the progress page opens)."""
        from engine.export.progress import warm_up

        warm_up()

    @staticmethod
    def plan_page(plan: Plan, key: str, language: Language | str | None = None) -> Page:
        """One page of the plan view, built by the exports' own section functions, so the
        screen and the PDF say the same words (``engine.export.pages``)."""
        from engine.export.pages import plan_page  # the words, without WeasyPrint or charts

        return plan_page(plan, key, language)

    @staticmethod
    def warm_plan_pages() -> None:
        """Load what the plan view's pages are built with (about 80 ms of imports): the
        desktop runs it on its task pool at launch, so the first plan opens without it."""
        import engine.export.pages  # noqa: F401

    @property
    def export_cache(self) -> ExportCache:
        """Rendered exports by content in ``<home>/cache/exports`` (size-capped, LRU).

        Created on first use (importing it at start-up would cost the app's launch
        time for nothing), once, whichever thread asks first.
        """
        with self._cache_lock:
            if self._cache is None:
                from engine.export.cache import ExportCache

                self._cache = ExportCache(self.home / EXPORT_CACHE_FOLDER)
            return self._cache

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

        document = self.plans.get_plan(plan_id, version)
        return prerender(
            document.plan,
            self.export_cache,
            watermark=self.watermark,
            version=document.version.number,
            should_stop=should_stop,
        )

    def forget_rendered(self) -> None:
        """Empty the export cache, if there is one (after plans are deleted for good).

        Entries are keyed by content, not by plan, so the whole cache goes: a plan deleted
        for good must not live on as a cached PDF, and every other entry is rendered again
        on demand (or by the background pre-render).
        """
        if (self.home / EXPORT_CACHE_FOLDER).is_dir():
            self.export_cache.clear()
