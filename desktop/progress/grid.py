"""The values a club measured, typed for one season and review.

One row per KPI (its objective, name, unit and the value expected at this review), one
per finance row of the status (revenue, costs, operating result, investments, balance,
cash: the financial plan's own labels) and one per objective for the budget spent in
the period. Values are typed the Italian way, as in the questionnaire
(``desktop.wizard.fields.parse_number``); the latest recorded value is shown. A value
that cannot be read gets its message in its row; nothing is stored until *Save*, and
then only if every changed row reads: ``Service.record_actuals`` with source "desktop".
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import show_error
from desktop.icons import icon
from desktop.progress.chips import YES_NO, language, unit_text, value_text
from desktop.theme import BADGES, pair
from desktop.wizard.fields import format_number, parse_number
from engine import formatting
from engine.monitoring import status as monitoring
from engine.monitoring.model import Actual, Progress, Review, Subject
from engine.service import PlanDocument, Service, ServiceError

OBJECTIVE, INDICATOR, UNIT, EXPECTED, VALUE, NOTE = range(6)
SPEC_ROLE = Qt.ItemDataRole.UserRole + 1
ORIGINAL_ROLE = Qt.ItemDataRole.UserRole + 2
YES = ("sì", "si", "yes", "y", "s")
NO = ("no", "n")


@dataclass(frozen=True)
class RowSpec:
    subject: Subject
    key: str
    objective: str | None
    unit: str
    negative: bool = False  # finance rows may be below zero (a loss, an overdraft)


def put(item: QTableWidgetItem, text: str, tip: str | None = None) -> None:
    """Write a cell only when it changes (see ``desktop.progress.page.put``)."""
    if item.text() != text:
        item.setText(text)
    if tip is not None and item.toolTip() != tip:
        item.setToolTip(tip)


class ActualsGrid(QWidget):
    saved = Signal(int)  # how many values were recorded

    def __init__(self, service: Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.plan_id: int | None = None
        self.season = ""
        self.review = Review.END
        self.rows: list[RowSpec | None] = []  # None: a heading row
        self._filling = False
        self._said = False
        self._built: tuple[int, int] | None = None  # (plan id, version) of the rows
        self.intro = QLabel()
        self.intro.setObjectName("hint")
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Objective"),
                self.tr("Indicator or item"),
                self.tr("Unit"),
                self.tr("Expected"),
                self.tr("Measured"),
                self.tr("Note"),
            ]
        )
        self.table.setAccessibleName(self.tr("Measured values"))
        self.table.verticalHeader().setVisible(False)
        # Rows fit their text at the width they have (a long name or message wraps).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setMinimumSectionSize(26)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(INDICATOR, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (OBJECTIVE, 80),
            (UNIT, 90),
            (EXPECTED, 120),
            (VALUE, 120),
            (NOTE, 230),
        ):
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            head.resizeSection(column, width)
        self.table.itemChanged.connect(self._changed)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.discard_button = QPushButton(icon("back"), self.tr("Discard changes"))
        self.discard_button.clicked.connect(self.discard)
        self.save_button = QPushButton(icon("save", "#FFFFFF"), self.tr("Save values"))
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(self.tr("Records the values typed (Ctrl+S)"))
        self.save_button.clicked.connect(lambda: self.save())
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.document: PlanDocument | None = None
        self.progress: Progress | None = None
        self.actuals: list[Actual] = []

    # --- filling -------------------------------------------------------------------------

    def load(
        self,
        document: PlanDocument,
        progress: Progress,
        actuals: list[Actual],
        season: str,
        review: Review,
    ) -> None:
        """The rows for a review, with the latest values recorded (typed ones are dropped).

        The rows are built once a plan version; another review only rewrites the cells
        that change (see ``page.put`` for why that matters)."""
        self.document, self.progress, self.actuals = document, progress, actuals
        self._said = False
        self.plan_id = document.summary.id
        self.season, self.review = season, review
        when = self.tr("mid-season") if review is Review.MID else self.tr("season end")
        intro = self.tr(
            "What the club measured for {season}, {when}. Type numbers as you write "
            "them ({whole} or {decimal}); the expected value is the plan's. Nothing is "
            "recorded until you press Save values; a value saved again replaces the "
            "earlier one in the status."
        ).format(
            season=season,
            when=when,
            whole=format_number(1500),
            decimal=format_number(84.5),
        )
        if self.intro.text() != intro:
            self.intro.setText(intro)
        self._filling = True
        built = (document.summary.id, document.version.number)
        if built != self._built:
            self._build(document, progress)
            self._built = built
        self._fill(progress, monitoring.latest(actuals))
        self._filling = False
        if not self.error.isHidden():
            self.error.setVisible(False)
        self._update()

    def _build(self, document: PlanDocument, progress: Progress) -> None:
        plan = document.plan
        self.table.setUpdatesEnabled(False)
        self.table.clearSpans()
        self.table.setRowCount(0)
        self.rows = []
        self._heading(self.tr("Indicators"))
        for objective in progress.objectives():
            for kpi in objective.kpis:
                spec = RowSpec(Subject.KPI, kpi.name, objective.code, kpi.unit)
                self._row(spec, objective.code, kpi.name, unit_text(kpi.unit))
        self._heading(self.tr("Finances of the season"))
        for row in progress.finance:
            spec = RowSpec(Subject.FINANCE, row.key, None, "EUR", negative=True)
            self._row(spec, "", row.label, "€")
        if progress.finance_lines:
            self._heading(self.tr("Revenue and costs by item (they add up to the totals)"))
            for line in progress.finance_lines:
                spec = RowSpec(Subject.FINANCE, line.key, None, "EUR")
                self._row(spec, "", line.label, "€")
        self._heading(self.tr("Budget spent in the period"))
        periods = 2 * len(plan.seasons)
        for objective in plan.objectives():
            spec = RowSpec(Subject.BUDGET, "spent", objective.code, "EUR")
            item = self._row(spec, objective.code, self.tr("Budget spent"), "€")
            item.setToolTip(
                self.tr(
                    "What {code} spent in this period: September to January at mid-season, "
                    "February to June at season end. The status adds up the periods so far."
                ).format(code=objective.code)
            )
            self.table.item(self.table.rowCount() - 1, EXPECTED).setText(
                formatting.money_range(
                    objective.budget.min_eur / periods,
                    objective.budget.max_eur / periods,
                    language(),
                )
            )
        self.table.setUpdatesEnabled(True)

    def _fill(self, progress: Progress, found: dict) -> None:
        """Expected values of the review and the values recorded for it."""
        expected: dict[tuple, str] = {}
        for objective in progress.objectives():
            for kpi in objective.kpis:
                expected[(Subject.KPI, kpi.name, objective.code)] = value_text(
                    kpi.expected, kpi.unit, bare=True
                )
        for row in (*progress.finance, *progress.finance_lines):
            expected[(Subject.FINANCE, row.key, None)] = value_text(row.forecast, "EUR")
        for number, spec in enumerate(self.rows):
            if spec is None:
                continue
            shown = expected.get((spec.subject, spec.key, spec.objective))
            if shown is not None:
                put(self.table.item(number, EXPECTED), shown)
            hit = found.get((spec.subject, spec.objective, spec.key, self.season, self.review))
            text = self._shown(hit.value, spec.unit) if hit is not None else ""
            value = self.table.item(number, VALUE)
            if value.data(ORIGINAL_ROLE) != text:
                value.setData(ORIGINAL_ROLE, text)
            put(value, text)
            self._mark(number, None)

    def _heading(self, text: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(text)
        font = QFont(self.table.font())
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.setItem(row, 0, item)
        self.table.setSpan(row, 0, 1, self.table.columnCount())
        self.rows.append(None)

    def _row(self, spec: RowSpec, objective: str, name: str, unit: str) -> QTableWidgetItem:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in (
            (OBJECTIVE, objective),
            (INDICATOR, name),
            (UNIT, unit),
            (EXPECTED, ""),
            (NOTE, ""),
        ):
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if column == EXPECTED:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == INDICATOR:
                item.setToolTip(name)
            self.table.setItem(row, column, item)
        value = QTableWidgetItem("")
        value.setData(SPEC_ROLE, spec)
        value.setData(ORIGINAL_ROLE, "")
        value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        value.setToolTip(self.tr("Type the value measured; empty: not measured yet"))
        self.table.setItem(row, VALUE, value)
        self.rows.append(spec)
        return self.table.item(row, INDICATOR)

    @staticmethod
    def _shown(value: float, unit: str) -> str:
        """A recorded value as it would be typed ("84,5"; yes or no in words)."""
        if unit == YES_NO and value in (0, 1):
            return value_text(value, unit)
        return format_number(round(value, 6))

    # --- reading and checking -----------------------------------------------------------

    def value_item(self, row: int) -> QTableWidgetItem | None:
        return self.table.item(row, VALUE) if self.rows[row] is not None else None

    def row_of(self, subject: Subject, key: str, objective: str | None = None) -> int:
        """The grid row of a KPI (name and objective), a finance row or a budget."""
        for row, spec in enumerate(self.rows):
            if spec and (spec.subject, spec.key, spec.objective) == (subject, key, objective):
                return row
        raise KeyError(key)

    def type_value(self, row: int, text: str) -> None:
        """As the user does (tests, shortcuts): put ``text`` in a row's value cell."""
        item = self.value_item(row)
        if item is not None:
            item.setText(text)

    def note(self, row: int) -> str:
        item = self.table.item(row, NOTE)
        return item.text() if item else ""

    def _parse(self, spec: RowSpec, text: str, original: str) -> float | str | None:
        """A float, None (unchanged or empty) or the message for the row."""
        text = text.strip()
        if text == original.strip():
            return None
        if not text:
            return self.tr("A recorded value cannot be removed: type the right one.")
        if spec.unit == YES_NO:
            word = text.lower()
            if word in YES:
                return 1.0
            if word in NO:
                return 0.0
        value = parse_number(text)
        if value is None:
            return None
        if isinstance(value, str):
            if spec.unit == YES_NO:
                return self.tr("Type yes or no (or 1 or 0).")
            return self.tr(
                "“{text}” is not a number: type it as, for example, {whole} or {decimal}."
            ).format(text=text, whole=format_number(1500), decimal=format_number(84.5))
        if value < 0 and not spec.negative:
            return self.tr("Type a number of zero or more.")
        return float(value)

    def _check(self, row: int) -> float | str | None:
        item = self.value_item(row)
        spec = self.rows[row]
        if item is None or spec is None:
            return None
        result = self._parse(spec, item.text(), str(item.data(ORIGINAL_ROLE)))
        self._mark(row, result)
        return result

    def _mark(self, row: int, result: float | str | None) -> None:
        """A row's look: red with its message, blue "not saved yet", or plain."""
        item = self.table.item(row, VALUE)
        note = self.table.item(row, NOTE)
        was_filling, self._filling = self._filling, True
        if isinstance(result, str):
            background, colour = pair(BADGES, "missing")
            text, tip = result, result
        elif result is not None:
            background, colour = pair(BADGES, "research")
            text, tip = self.tr("not saved yet"), ""
        else:
            background = colour = ""
            text = tip = ""
        brush = QBrush(QColor(background)) if background else QBrush()
        pen = QBrush(QColor(colour)) if colour else QBrush()
        if item.background() != brush:
            item.setBackground(brush)
        if item.foreground() != pen:
            item.setForeground(pen)
        put(note, text, tip)
        note_pen = pen if isinstance(result, str) else QBrush()
        if note.foreground() != note_pen:
            note.setForeground(note_pen)
        self._filling = was_filling

    def _changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != VALUE:
            return
        self._check(item.row())
        self._update()

    def checked(self) -> tuple[list[Actual], list[int]]:
        """The changed values as actuals, and the rows whose value cannot be read."""
        actuals: list[Actual] = []
        wrong: list[int] = []
        for row, spec in enumerate(self.rows):
            if spec is None:
                continue
            result = self._check(row)
            if isinstance(result, str):
                wrong.append(row)
            elif result is not None:
                actuals.append(
                    Actual(
                        spec.subject,
                        spec.key,
                        self.season,
                        self.review,
                        result,
                        spec.objective,
                        "desktop",
                    )
                )
        return actuals, wrong

    def pending(self) -> int:
        """How many rows were changed and not saved (readable or not)."""
        count = 0
        for row, spec in enumerate(self.rows):
            item = self.value_item(row)
            if spec is not None and item is not None:
                count += item.text().strip() != str(item.data(ORIGINAL_ROLE)).strip()
        return count

    def _update(self) -> None:
        pending = self.pending()
        self.save_button.setEnabled(bool(pending))
        self.discard_button.setEnabled(bool(pending))
        if pending:
            self.status.setText(self.tr("%n value(s) changed, not saved yet.", "", pending))
            self._said = False
        elif not self._said:
            self.status.setText("")

    def say(self, text: str) -> None:
        """A line under the grid (e.g. "3 valori registrati.") until the next change."""
        self.status.setText(text)
        self._said = True

    # --- saving ----------------------------------------------------------------------------

    def save(self) -> bool:
        """Record the changed values; with any value unreadable, nothing is recorded."""
        actuals, wrong = self.checked()
        if wrong:
            self.error.setText(
                self.tr(
                    "%n value(s) cannot be read: correct the rows marked in red. Nothing "
                    "was saved.",
                    "",
                    len(wrong),
                )
            )
            self.error.setVisible(True)
            self.table.setCurrentCell(wrong[0], VALUE)
            self.table.setFocus()
            self._update()
            return False
        self.error.setVisible(False)
        if not actuals or self.plan_id is None:
            return True
        try:
            count = self.service.record_actuals(self.plan_id, actuals)
        except ServiceError as error:
            show_error(self, error)
            return False
        self.saved.emit(count)
        return True

    def discard(self) -> None:
        if self.document is not None and self.progress is not None:
            self.load(self.document, self.progress, self.actuals, self.season, self.review)
