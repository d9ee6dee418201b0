"""The plan library as a Qt table model, fed by ``engine.service`` page by page.

Rows arrive ``PAGE_SIZE`` at a time through ``canFetchMore``/``fetchMore``,
so a store of 10,000 plans opens and scrolls as fast as one of 200: the
view asks for the next page only when the user scrolls near the end.
Sorting and filtering happen in the store (indexed queries), never here.

The last column is each plan's progress at the review of the season running today
(``Service.progress``, about 10 ms a plan: too slow for 200 rows at once). It is
computed only for the rows the view paints, a few per turn of the event loop, and kept
until the plan changes (its version or last edit) or ``forget_progress`` is called
after values or action states are recorded.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer

from desktop.icons import icon
from desktop.progress.chips import RAG_ROLE, rag_text, review_now, seasons_of
from engine.domain import PlanStatus
from engine.monitoring.model import Rag, Review
from engine.service import PlanSummary, Service, ServiceError, SortKey

log = logging.getLogger(__name__)

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class LibraryQuery:
    search: str | None = None
    sport: str | None = None
    status: PlanStatus | None = None
    trash: bool = False
    sort: SortKey = SortKey.UPDATED
    descending: bool = True


COLUMNS = ("club_name", "sport", "seasons", "status", "provider", "updated_at", "progress")
SORTABLE = {0: SortKey.CLUB, 5: SortKey.UPDATED}
PROGRESS_COLUMN = COLUMNS.index("progress")
PROGRESS_SLICE_S = 0.025  # work per turn of the event loop on the plans' progress


def local_time(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.replace(tzinfo=dt.UTC).astimezone().strftime("%d/%m/%Y %H:%M")


class LibraryModel(QAbstractTableModel):
    """Rows load lazily (``fetchMore``), so 10,000 plans open as fast as 200."""

    def __init__(self, service: Service, language: str = "it", parent: Any = None) -> None:
        super().__init__(parent)
        self._service = service
        self._language = language
        self._rows: list[PlanSummary] = []
        self._has_more = False
        self.query = LibraryQuery()
        # plan id -> ((version, last edit), status, tooltip); rows waiting for theirs
        self._progress: dict[int, tuple[tuple, Rag | None, str]] = {}
        self._waiting: list[tuple[int, int]] = []  # (plan id, row)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(0)
        self._progress_timer.timeout.connect(self._compute_progress)
        self._headers = (
            self.tr("Club"),
            self.tr("Sport"),
            self.tr("Seasons"),
            self.tr("Status"),
            self.tr("Written by"),
            self.tr("Last edited"),
            self.tr("Progress"),
        )
        self._status = {
            PlanStatus.DRAFT.value: self.tr("Draft"),
            PlanStatus.APPROVED.value: self.tr("Approved"),
        }
        self._providers = {
            "offline": self.tr("Offline composer"),
            "gemini": "Gemini",
            "local": self.tr("Local model"),
            "imported": self.tr("Imported"),
        }

    # --- loading ----------------------------------------------------------------------

    def reload(self, search: str | None = None, **changes: Any) -> None:
        """Load the first page for the query (``search`` and any ``LibraryQuery`` field)."""
        query = replace(self.query, search=(search or "").strip() or None, **changes)
        self.set_query(query)

    def set_query(self, query: LibraryQuery) -> None:
        page = self._service.list_plans(
            search=query.search,
            sport=query.sport,
            status=query.status,
            trash=query.trash,
            sort=query.sort,
            descending=query.descending,
            limit=PAGE_SIZE,
        )
        self.beginResetModel()
        self.query = query
        self._rows = page.rows
        self._has_more = page.has_more
        self._waiting.clear()
        self.endResetModel()

    def refresh(self) -> None:
        """Reload keeping the query (after an edit, a delete, a new plan)."""
        self.set_query(self.query)

    def plan_at(self, row: int) -> PlanSummary:
        return self._rows[row]

    def row_of(self, plan_id: int) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == plan_id), None)

    # --- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        query = self.query
        page = self._service.list_plans(
            search=query.search,
            sport=query.sport,
            status=query.status,
            trash=query.trash,
            sort=query.sort,
            descending=query.descending,
            limit=PAGE_SIZE,
            offset=len(self._rows),
        )
        self._has_more = page.has_more
        if not page.rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()]
        if key == "progress":
            return self._progress_data(index.row(), row, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "updated_at":
                return local_time(row.deleted_at if self.query.trash else row.updated_at)
            if key == "status":
                return self._status.get(row.status, row.status)
            if key == "provider":
                return " + ".join(self._providers.get(p, p) for p in row.provider.split("+"))
            if key == "sport":
                return row.sport.capitalize()
            return getattr(row, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "status":
            return icon("approve" if row.status == PlanStatus.APPROVED.value else "edit")
        if role == Qt.ItemDataRole.ToolTipRole and key == "club_name":
            return f"{row.title}\n" + self.tr("Version {n}").format(n=row.current_version)
        if role == Qt.ItemDataRole.ToolTipRole and key == "provider" and row.model:
            return row.model
        if role == SUMMARY_ROLE:
            return row
        return None

    # --- progress, computed for the rows on screen ---------------------------------------

    def _progress_data(self, row_number: int, row: PlanSummary, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RAG_ROLE):
            return None
        if self.query.trash:
            return ""  # never None: see ``_progress_data``'s comment below
        known = self._progress.get(row.id)
        stale = known is None or known[0] != (row.current_version, row.updated_at)
        if stale and all(plan_id != row.id for plan_id, _ in self._waiting):
            self._waiting.append((row.id, row_number))
            self._progress_timer.start()
        if known is None or known[1] is None:
            # "" rather than None: the chip delegate reads this role from Python, and
            # PySide6 6.12 on Python 3.11 drops a reference to None for each unset role read.
            return ""
        _key, rag, tip = known
        if role == Qt.ItemDataRole.DisplayRole:
            return rag_text(rag)
        if role == RAG_ROLE:
            return rag.value
        return tip

    def _compute_progress(self) -> None:
        """A few plans' progress per turn of the event loop, so scrolling stays smooth."""
        started = time.perf_counter()
        while self._waiting and time.perf_counter() - started < PROGRESS_SLICE_S:
            plan_id, row_number = self._waiting.pop(0)
            if row_number >= len(self._rows) or self._rows[row_number].id != plan_id:
                found = self.row_of(plan_id)
                if found is None:
                    continue
                row_number = found
            self._progress[plan_id] = self.progress_of(self._rows[row_number])
            index = self.index(row_number, PROGRESS_COLUMN)
            self.dataChanged.emit(index, index)
        if self._waiting:
            self._progress_timer.start()

    def progress_of(self, row: PlanSummary) -> tuple[tuple, Rag | None, str]:
        """A plan's status at the review of the season running today, and its tooltip."""
        key = (row.current_version, row.updated_at)
        seasons = seasons_of(row.seasons)
        if not seasons:
            return key, None, ""
        season, review = review_now(seasons)
        try:
            progress = self._service.progress(row.id, season, review)
        except ServiceError:
            log.warning("no progress for plan %s", row.id, exc_info=True)
            return key, None, ""
        when = self.tr("mid-season") if review is Review.MID else self.tr("season end")
        counts = ", ".join(
            f"{progress.counts.get(rag, 0)} {rag_text(rag)}"
            for rag in (Rag.GREEN, Rag.AMBER, Rag.RED, Rag.UNMEASURED)
        )
        tip = self.tr("Indicators at {season}, {when}: {counts}").format(
            season=season, when=when, counts=counts
        )
        return key, progress.rag, tip

    def forget_progress(self, plan_id: int) -> None:
        """Values or action states of a plan were recorded: its status is computed again."""
        self._progress.pop(plan_id, None)
        row = self.row_of(plan_id)
        if row is not None:
            index = self.index(row, PROGRESS_COLUMN)
            self.dataChanged.emit(index, index)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 5 and self.query.trash:
                return self.tr("Deleted")
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == PROGRESS_COLUMN:
            return self.tr(
                "The plan's status at the review of the season running today, from the "
                "values measured and the actions' states"
            )
        if role == Qt.ItemDataRole.ToolTipRole and section not in SORTABLE:
            return self.tr("Sort by club or by last edit")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORTABLE.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.query.sort and descending == self.query.descending:
            return
        self.set_query(replace(self.query, sort=key, descending=descending))

    def sort_column(self) -> int:
        return next(c for c, k in SORTABLE.items() if k == self.query.sort)
