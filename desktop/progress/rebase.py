""" "Aggiorna il piano": the season closes on its actuals, and the user picks which KPIs
and finance lines restart their later figures from what was measured.

The engine proposes (``Service.rebase_proposals``); the user ticks what they agree to;
the service saves a new version (``Service.roll_forward``) whose season column holds the
actuals and whose diff shows each figure that moved. Nothing is re-based without a tick.
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
                "The new version of the plan shows what was measured at the end of {season} "
                "in place of its targets and forecasts, and its finances start again from "
                "them. The status of {season} is still judged against the plan as it was."
            ).format(season=season)
            + "\n\n"
            + (
                self.tr(
                    "These ended {season} away from the plan. Ticked ones keep their planned "
                    "steps (growth, for the finances) but start again from what was "
                    "measured; the others keep their later figures. The history shows "
                    "every figure that moved."
                ).format(season=season)
                if proposals
                else self.tr("Nothing ended {season} away from the plan.").format(season=season)
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(proposals), 4)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Indicator or item"),
                self.tr("Measured"),
                self.tr("Change to the later figures"),
                self.tr("Objective"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setVisible(bool(proposals))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, proposal in enumerate(proposals):
            name = QTableWidgetItem(proposal.label or proposal.kpi)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Unchecked)  # re-basing is a decision, not a default
            cells = [
                name,
                QTableWidgetItem(value_text(proposal.actual, proposal.unit)),
                QTableWidgetItem(self._change(proposal)),
                QTableWidgetItem(proposal.objective or self.tr("Finances")),
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

    def _change(self, proposal: Rebase) -> str:
        """A KPI's later targets move by the shift; a finance line's grow from the actual."""
        if proposal.is_finance:
            forecast = proposal.actual - proposal.shift
            if not forecast:
                return self.tr("from the actual")
            share = value_text(proposal.shift / forecast * 100, "%")
            return self.tr("{share} on the later years").format(
                share=share if proposal.shift < 0 else f"+{share}"
            )
        shift = value_text(proposal.shift, proposal.unit)
        return shift if proposal.shift < 0 else f"+{shift}"

    def chosen(self) -> list[Rebase]:
        """The proposals the user left ticked."""
        return [
            proposal
            for row, proposal in enumerate(self.proposals)
            if self.table.item(row, 0).checkState() == Qt.CheckState.Checked
        ]
