"""Pick a saved plan (e.g. last season's) to start a new questionnaire from its club data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.library.model import local_time
from engine.service import Service


class PlanPicker(QDialog):
    def __init__(self, service: Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(self.tr("Start from a saved plan"))
        self.resize(560, 420)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by club or any word…"))
        self.search.textChanged.connect(self.refresh)
        self.list = QListWidget()
        self.list.itemActivated.connect(lambda _i: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        page = self.service.list_plans(search=self.search.text().strip() or None, limit=200)
        for row in page.rows:
            item = QListWidgetItem(
                f"{row.club_name} · {row.seasons} · {local_time(row.updated_at)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None
