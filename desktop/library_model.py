"""The plan library as a Qt table model, fed by ``engine.service`` page by page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from engine.service import PlanSummary, Service

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex


class LibraryModel(QAbstractTableModel):
    """Rows load lazily (``fetchMore``), so 10,000 plans open as fast as 200."""

    COLUMNS = (
        ("club_name", "Società", "Club"),
        ("sport", "Sport", "Sport"),
        ("seasons", "Stagioni", "Seasons"),
        ("status", "Stato", "Status"),
        ("provider", "Generato con", "Generated with"),
        ("updated_at", "Ultima modifica", "Last edited"),
    )

    def __init__(self, service: Service, language: str = "it", parent: Any = None) -> None:
        super().__init__(parent)
        self._service = service
        self._language = language
        self._rows: list[PlanSummary] = []
        self._has_more = False
        self._search: str | None = None

    def reload(self, search: str | None = None) -> None:
        self.beginResetModel()
        self._search = search or None
        page = self._service.list_plans(search=self._search, limit=PAGE_SIZE)
        self._rows = page.rows
        self._has_more = page.has_more
        self.endResetModel()

    def plan_at(self, row: int) -> PlanSummary:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        page = self._service.list_plans(
            search=self._search, limit=PAGE_SIZE, offset=len(self._rows)
        )
        self._has_more = page.has_more
        if not page.rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        key = self.COLUMNS[index.column()][0]
        value = getattr(self._rows[index.row()], key)
        if key == "updated_at":
            return value.strftime("%d/%m/%Y %H:%M")
        return value

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            _key, italian, english = self.COLUMNS[section]
            return italian if self._language == "it" else english
        return None
