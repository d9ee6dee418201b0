"""Editing a plan: an objective's fields, its KPIs and actions, or a section's text.

Editors build a new domain object and validate it with the domain model, so
an edit the plan would refuse shows its message before anything is saved.
A KPI number the user changes becomes their own value (``engine.domain.edits``:
questionnaire tier, marked "modificato dall'utente", dated); numbers left
alone keep their original provenance.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.icons import icon
from desktop.wizard.fields import format_number, parse_number
from engine.domain import DomainValidationError, SourcedValue, parse_json
from engine.domain.edits import typed_over
from engine.domain.plan import MacroObjective

KPI_COLUMNS = 7  # name, unit, today, Y1, Y2, Y3, how measured


def edited_value(old: SourcedValue, text: str) -> SourcedValue:
    """Keep the original when the number is unchanged; else it is the user's value."""
    if text.strip() == format_number(old.value):
        return old  # untouched (compared as shown, so rounding never counts as an edit)
    value = parse_number(text)
    if isinstance(value, str):
        raise ValueError(text)
    return typed_over(old, value)


class ObjectiveEditor(QWidget):
    """Edit one MACRO objective; ``save_requested`` carries the validated new objective."""

    save_requested = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original: MacroObjective | None = None
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.title = QLineEdit()
        self.priority = QSpinBox()
        self.priority.setRange(1, 3)
        self.objective = self._text()
        self.baseline = self._text()
        self.gap = self._text()
        self.budget_min = self._money()
        self.budget_max = self._money()
        self.actions = QTableWidget(0, 3)
        self.actions.setHorizontalHeaderLabels(
            [self.tr("Action"), self.tr("Who"), self.tr("By (dd/mm/yyyy)")]
        )
        self.kpis = QTableWidget(0, KPI_COLUMNS)
        self.kpis.setHorizontalHeaderLabels(
            [
                self.tr("Indicator"),
                self.tr("Unit"),
                self.tr("Today"),
                self.tr("Year 1"),
                self.tr("Year 2"),
                self.tr("Year 3"),
                self.tr("How it is measured"),
            ]
        )
        for table in (self.actions, self.kpis):
            table.verticalHeader().setVisible(False)
            table.setTabKeyNavigation(True)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            table.setWordWrap(True)  # long KPI names and actions wrap instead of being cut
            table.setMinimumHeight(150)
        # "How it is measured" shares the width with the name rather than squeezing it.
        self.kpis.horizontalHeader().setSectionResizeMode(
            KPI_COLUMNS - 1, QHeaderView.ResizeMode.Stretch
        )
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        note = QLabel(
            self.tr(
                "Numbers you change become your own values and are marked as such; saving "
                "creates a new version, the previous one stays in the history."
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Priority (starting year)"), self.priority)
        form.addRow(self.tr("Objective"), self.objective)
        form.addRow(self.tr("Where the club is today"), self.baseline)
        form.addRow(self.tr("Gap to close"), self.gap)
        budget = QHBoxLayout()
        budget.addWidget(self.budget_min)
        budget.addWidget(QLabel("–"))
        budget.addWidget(self.budget_max)
        budget.addStretch(1)
        form.addRow(self.tr("Budget range (EUR)"), budget)
        form.addRow(self.tr("Actions"), self.actions)
        form.addRow(self.tr("Indicators"), self.kpis)
        self.save_button = QPushButton(icon("save", "#FFFFFF"), self.tr("Save as new version"))
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.cancelled.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.heading)
        column.addWidget(note)
        column.addLayout(form)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(area, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def _text(self) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(70)
        edit.setMaximumHeight(120)  # room for the actions and KPI tables below
        return edit

    def _money(self) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(0, 10_000_000)
        spin.setDecimals(0)
        spin.setSingleStep(50)
        spin.setGroupSeparatorShown(True)
        spin.setSuffix(" EUR")
        return spin

    def load(
        self, objective: MacroObjective, seasons: tuple[str, str, str, str] | None = None
    ) -> None:
        """Show ``objective``; ``seasons`` (today's and the plan's three) head the columns."""
        self.original = objective
        if seasons is not None:
            today, *plan_seasons = seasons
            for column, label in enumerate(
                [self.tr("Today ({season})").format(season=today), *plan_seasons], start=2
            ):
                self.kpis.setHorizontalHeaderItem(column, QTableWidgetItem(label))
        self.heading.setText(
            self.tr("Editing {code} · {title}").format(code=objective.code, title=objective.title)
        )
        self.title.setText(objective.title)
        self.priority.setValue(objective.priority)
        self.objective.setPlainText(objective.objective)
        self.baseline.setPlainText(objective.baseline)
        self.gap.setPlainText(objective.gap)
        self.budget_min.setValue(objective.budget.min_eur)
        self.budget_max.setValue(objective.budget.max_eur)
        self.actions.setRowCount(len(objective.actions))
        for row, action in enumerate(objective.actions):
            for column, text in enumerate(
                (action.what, action.owner_role, action.deadline.strftime("%d/%m/%Y"))
            ):
                self.actions.setItem(row, column, QTableWidgetItem(text))
        self.kpis.setRowCount(len(objective.kpis))
        for row, kpi in enumerate(objective.kpis):
            values = [kpi.baseline, *kpi.targets]
            texts = [kpi.name, kpi.unit, *(format_number(v.value) for v in values), kpi.source]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if 2 <= column <= 5:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    item.setToolTip(values[column - 2].provenance(i18n.current()))
                if column == 1:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column in (0, KPI_COLUMNS - 1):
                    item.setToolTip(text)
                self.kpis.setItem(row, column, item)
        self.kpis.resizeRowsToContents()
        self.actions.resizeRowsToContents()
        self.error.setVisible(False)
        self.title.setFocus()

    def _cell(self, table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item else ""

    def build(self) -> MacroObjective:
        """The edited objective, validated; raises ``DomainValidationError`` or ``ValueError``."""
        assert self.original is not None
        original = self.original
        actions = []
        for row, action in enumerate(original.actions):
            deadline = self._cell(self.actions, row, 2)
            try:
                day = dt.datetime.strptime(deadline, "%d/%m/%Y").date()
            except ValueError:
                raise ValueError(
                    self.tr("Action {code}: write the date as dd/mm/yyyy.").format(code=action.code)
                ) from None
            actions.append(
                {
                    "code": action.code,
                    "what": self._cell(self.actions, row, 0),
                    "owner_role": self._cell(self.actions, row, 1),
                    "deadline": day.isoformat(),
                }
            )
        kpis = []
        for row, kpi in enumerate(original.kpis):
            values = [kpi.baseline, *kpi.targets]
            new_values = []
            for column, old in enumerate(values, start=2):
                try:
                    new_values.append(edited_value(old, self._cell(self.kpis, row, column)))
                except ValueError:
                    raise ValueError(
                        self.tr("{kpi}: '{text}' is not a number.").format(
                            kpi=kpi.name, text=self._cell(self.kpis, row, column)
                        )
                    ) from None
            kpis.append(
                {
                    "name": self._cell(self.kpis, row, 0),
                    "unit": kpi.unit,
                    "baseline": new_values[0].model_dump(mode="json"),
                    "targets": [v.model_dump(mode="json") for v in new_values[1:]],
                    "source": self._cell(self.kpis, row, 6),
                }
            )
        data: dict[str, Any] = {
            "code": original.code,
            "priority": self.priority.value(),
            "title": self.title.text(),
            "objective": self.objective.toPlainText(),
            "baseline": self.baseline.toPlainText(),
            "gap": self.gap.toPlainText(),
            "actions": actions,
            "kpis": kpis,
            "budget": {
                **original.budget.model_dump(mode="json"),
                "min_eur": float(self.budget_min.value()),
                "max_eur": float(self.budget_max.value()),
            },
        }
        return parse_json(MacroObjective, json.dumps(data))

    def save(self) -> None:
        try:
            objective = self.build()
        except DomainValidationError as error:
            self.show_error(error.render(i18n.current()))
            return
        except ValueError as error:
            self.show_error(str(error))
            return
        self.error.setVisible(False)
        self.save_requested.emit(objective)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)


class TextEditor(QWidget):
    """Edit one text of a section (an introduction, the vision, the commentary)."""

    save_requested = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.save_button = QPushButton(icon("save", "#FFFFFF"), self.tr("Save as new version"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.text.toPlainText()))
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.cancelled.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)

    def load(self, heading: str, text: str) -> None:
        self.heading.setText(heading)
        self.text.setPlainText(text)
        self.text.setFocus()

    def save(self) -> None:
        self.save_requested.emit(self.text.toPlainText())
