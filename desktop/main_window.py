"""The main window: the plan library with a search box."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.library_model import LibraryModel
from engine.service import Service


class MainWindow(QMainWindow):
    def __init__(
        self, service: Service, language: str = "it", licence_notice: str | None = None
    ) -> None:
        super().__init__()
        self.setWindowTitle("Rooting Future")
        self.resize(1100, 700)
        self.model = LibraryModel(service, language, self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            "Cerca società, obiettivi, testo..."
            if language == "it"
            else "Search clubs, objectives, text..."
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(
            "Nessun piano ancora: create il primo con 'rooting-future plan' o dal menu."
            if language == "it"
            else "No plans yet: create the first with 'rooting-future plan' or from the menu.",
            self,
        )
        self.licence_banner = QLabel(licence_notice or "", self)
        self.licence_banner.setWordWrap(True)
        self.licence_banner.setObjectName("licenceBanner")
        self.licence_banner.setVisible(bool(licence_notice))
        layout = QVBoxLayout()
        layout.addWidget(self.licence_banner)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        body = QWidget(self)
        body.setLayout(layout)
        self.setCentralWidget(body)
        self._filter("")

    def _filter(self, text: str) -> None:
        self.model.reload(text.strip() or None)
        self.empty.setVisible(self.model.rowCount() == 0 and not text.strip())
