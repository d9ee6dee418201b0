"""Version history: every saved version, a readable diff between any two, restore.

Restoring never deletes anything: it saves a copy of the old version as the
newest one, so the version being replaced stays in the history too.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.icons import icon
from desktop.library.model import local_time
from desktop.planview.diff import diff_html, diff_plans
from engine.service import Service, VersionInfo


class HistoryDialog(QDialog):
    restored = Signal(int)  # the new version number

    def __init__(self, service: Service, plan_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.plan_id = plan_id
        self.setWindowTitle(self.tr("Version history"))
        self.resize(1000, 640)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Version"), self.tr("Saved"), self.tr("How"), self.tr("Note")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        self.old = QComboBox()
        self.new = QComboBox()
        self.old.setAccessibleName(self.tr("Compare from version"))
        self.new.setAccessibleName(self.tr("Compare to version"))
        self.old.currentIndexChanged.connect(lambda _i: self.compare())
        self.new.currentIndexChanged.connect(lambda _i: self.compare())
        self.diff = QTextBrowser()
        self.diff.setAccessibleName(self.tr("Differences"))
        self.restore_button = QPushButton(icon("restore"), self.tr("Restore this version"))
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        compare_row = QHBoxLayout()
        compare_row.addWidget(QLabel(self.tr("Compare version")))
        compare_row.addWidget(self.old)
        compare_row.addWidget(QLabel(self.tr("with version")))
        compare_row.addWidget(self.new)
        compare_row.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.restore_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(compare_row)
        right_layout.addWidget(self.diff)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([380, 620])
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.versions: list[VersionInfo] = []
        self.reload()

    def source_label(self, version: VersionInfo) -> str:
        labels = {
            "generated": self.tr("written by the agents"),
            "edited": self.tr("edited"),
            "imported": self.tr("imported"),
            "restored": self.tr("restored"),
        }
        text = labels.get(version.source, version.source)
        if version.restored_from:
            text = self.tr("restored from version {n}").format(n=version.restored_from)
        return text

    def reload(self) -> None:
        self.versions = list(reversed(self.service.versions(self.plan_id)))
        self.table.setRowCount(len(self.versions))
        for row, version in enumerate(self.versions):
            cells = (
                str(version.number),
                local_time(version.created_at),
                self.source_label(version),
                version.reason,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        for combo in (self.old, self.new):
            combo.blockSignals(True)
            combo.clear()
            for version in self.versions:
                combo.addItem(str(version.number), version.number)
            combo.blockSignals(False)
        self.new.setCurrentIndex(0)
        self.old.setCurrentIndex(min(1, len(self.versions) - 1))
        self.table.selectRow(0)
        self.compare()

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        current = self.versions[0].number if self.versions else None
        if rows:
            number = self.versions[rows[0].row()].number
            self.restore_button.setEnabled(number != current)
            if number != current:
                self.old.setCurrentIndex(self.old.findData(number))
                self.new.setCurrentIndex(0)

    def compare(self) -> None:
        old, new = self.old.currentData(), self.new.currentData()
        if old is None or new is None:
            self.diff.setHtml("")
            return
        if old == new:
            self.diff.setHtml(f"<p>{self.tr('Choose two different versions.')}</p>")
            return
        before = self.service.get_plan(self.plan_id, old).plan
        after = self.service.get_plan(self.plan_id, new).plan
        changes = diff_plans(before, after)
        self.diff.setHtml(
            diff_html(
                changes,
                self.tr("version {n}").format(n=old),
                self.tr("version {n}").format(n=new),
            )
        )

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        number = self.versions[rows[0].row()].number
        answer = QMessageBox.question(
            self,
            self.tr("Restore version"),
            self.tr(
                "Make version {n} the current one? It is saved as a new version; nothing is lost."
            ).format(n=number),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        info = self.service.restore_version(self.plan_id, number)
        self.reload()
        self.restored.emit(info.number)
