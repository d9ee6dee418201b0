""" "Aggiorna il piano": which KPIs restart their remaining targets from the season's actual.

The engine proposes (``Service.rebase_proposals``); the user ticks the KPIs they agree
to; the service saves a new version (``Service.roll_forward``) whose diff shows each
target that moved. Nothing is re-based without a tick.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.progress.chips import value_text
from engine.monitoring.roll import Rebase


class RebaseDialog(QDialog):
    def __init__(self, season: str, proposals: list[Rebase], parent: QWidget | None = None):
        super().__init__(parent)
        self.proposals = proposals
        self.setWindowTitle(self.tr("Update the plan"))
        self.setMinimumWidth(640)
        intro = QLabel(
            self.tr(
                "These indicators ended {season} away from their target. Ticked ones keep "
                "their planned steps but start again from what was measured; the others stay "
                "as planned. A new version is saved: the history shows every target that "
                "moved."
            ).format(season=season)
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(proposals), 4)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Indicator"),
                self.tr("Measured"),
                self.tr("Change to the later targets"),
                self.tr("Objective"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, proposal in enumerate(proposals):
            name = QTableWidgetItem(proposal.kpi)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Checked)
            shift = value_text(proposal.shift, proposal.unit)
            cells = [
                name,
                QTableWidgetItem(value_text(proposal.actual, proposal.unit)),
                QTableWidgetItem(shift if proposal.shift < 0 else f"+{shift}"),
                QTableWidgetItem(proposal.objective),
            ]
            for column, cell in enumerate(cells):
                if column:
                    cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, cell)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Update the plan"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def chosen(self) -> list[Rebase]:
        """The proposals the user left ticked."""
        return [
            proposal
            for row, proposal in enumerate(self.proposals)
            if self.table.item(row, 0).checkState() == Qt.CheckState.Checked
        ]
