"""The progress page of a plan: how it stands at a review, and where the values go in.

One season (the plan's three, default the one running today) and one review (mid-season
or season end, default the next to come) at a time. The *Status* tab shows the plan's
overall status, then areas (with the budget spent against the planned range),
objectives, KPIs (measured against expected, with a sparkline of the three seasons) and
actions (owner, deadline and a state the user can change), then the season's finances
against the forecast. *Only red* and *Late actions* narrow the tree. The *Enter values*
tab is ``grid.ActualsGrid``; *Import from spreadsheet…* reads a CSV/XLSX sheet
(``importing``). Measured values and action states are their own records: a plan
version never changes here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.errors import documents_folder, show_error
from desktop.icons import icon
from desktop.progress import importing
from desktop.progress.chips import (
    RAG_ROLE,
    SERIES_ROLE,
    ChipDelegate,
    SparklineDelegate,
    WrapDelegate,
    language,
    rag_text,
    review_now,
    value_text,
)
from desktop.progress.grid import ActualsGrid
from desktop.progress.rebase import RebaseDialog
from desktop.theme import RAG, pair
from engine import formatting
from engine.domain import Plan
from engine.monitoring import importer, roll
from engine.monitoring import status as monitoring
from engine.monitoring.model import (
    ActionState,
    ActionStatus,
    Actual,
    Progress,
    Rag,
    Review,
)
from engine.monitoring.roll import Rebase
from engine.service import PlanDocument, Service, ServiceError

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # ("area", key) / ("kpi", code, name) ...
STATE_ROLE = Qt.ItemDataRole.UserRole + 2  # an action's state (its value)
NAME, STATUS, VALUE, TREND = range(4)
STATES = (ActionState.OPEN, ActionState.DONE, ActionState.LATE, ActionState.DROPPED)
STATE_COLOURS = {  # an action's state drawn in the status colours
    ActionState.DONE: "green",
    ActionState.LATE: "red",
    ActionState.DROPPED: "unmeasured",
}


def put(
    item: QTreeWidgetItem, column: int, text: str | None = None, tip: str | None = None
) -> None:
    """Write a cell's text (and tooltip) only when it changes.

    Cheaper, and it matters here: with PySide6 6.12 on Python 3.11 every call of a Qt
    method that returns nothing drops one reference to None (the abi3 wheel is built
    for Python 3.12's immortal None), so a page that rewrote hundreds of unchanged
    cells at each refresh would bring the crash closer (see docs/desktop.md).
    """
    if text is not None and item.text(column) != text:
        item.setText(column, text)
    if tip is not None and item.toolTip(column) != tip:
        item.setToolTip(column, tip)


def put_data(item: QTreeWidgetItem, column: int, role: int, value: object) -> None:
    if item.data(column, role) != value:
        item.setData(column, role, value)


def show(widget: QWidget, visible: bool) -> None:
    if widget.isHidden() == visible:
        widget.setVisible(visible)


class ActionStateDelegate(ChipDelegate):
    """An action's state drawn as a drop-down (cheap: no widget per row); clicking it,
    or Enter on the row, opens a real one. ``chosen`` carries the action and the state."""

    chosen = Signal(str, str)

    def __init__(self, names: dict[ActionState, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.names = names

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        state = index.data(STATE_ROLE)
        if not state:
            super().paint(painter, option, index)
            return
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        self.initStyleOption(option, index)
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        box = QStyleOptionComboBox()
        if widget is not None:
            box.initFrom(widget)
        height = min(option.rect.height() - 4, option.fontMetrics.height() + 10)
        box.rect = option.rect.adjusted(1, 0, -2, 0)
        box.rect.setTop(option.rect.center().y() - height // 2)
        box.rect.setHeight(height)
        box.currentText = self.names[ActionState(state)]
        box.state = QStyle.StateFlag.State_Enabled
        colours = STATE_COLOURS.get(ActionState(state))
        if colours:
            background, text = pair(RAG, colours)
            palette = QPalette(box.palette)
            palette.setColor(QPalette.ColorRole.Button, QColor(background))
            palette.setColor(QPalette.ColorRole.ButtonText, QColor(text))
            box.palette = palette
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, box, painter, widget)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, box, painter, widget)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        if not index.data(STATE_ROLE):
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for state in STATES:
            combo.addItem(self.names[state], state.value)
        combo.setCurrentIndex(combo.findData(index.data(STATE_ROLE)))
        code = index.siblingAtColumn(NAME).data(KIND_ROLE)[1]
        combo.setAccessibleName(self.tr("State of action {code}").format(code=code))
        combo.activated.connect(lambda _i: self._chosen(combo, code))
        QTimer.singleShot(0, combo.showPopup)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if not isinstance(editor, QComboBox):
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        """The state is recorded by the page (``chosen``), not written into the tree."""

    def _chosen(self, combo: QComboBox, code: str) -> None:
        state = str(combo.currentData())
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)
        self.chosen.emit(code, state)


@dataclass
class Snapshot:
    """What the page shows: the plan, its records and the status at every review."""

    document: PlanDocument
    actuals: list[Actual]
    progress: dict[tuple[str, Review], Progress]

    @property
    def plan(self) -> Plan:
        return self.document.plan


class ProgressPage(QWidget):
    back = Signal(int)  # the plan's id: back to the plan view
    changed = Signal(int)  # values or action states recorded for this plan
    # (plan id, season, review value): the board's report for the review shown
    report_requested = Signal(int, str, str)
    today = staticmethod(dt.date.today)  # the calendar's day (tests set another)

    def __init__(self, service: Service, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.plan_id: int | None = None
        self.snapshot: Snapshot | None = None
        self.items: dict[tuple, QTreeWidgetItem] = {}
        self._built: tuple[int, int] | None = None  # (plan id, version) of the tree
        self.last_summary: importing.ImportSummaryDialog | None = None
        self.state_names = {
            ActionState.OPEN: self.tr("to do"),
            ActionState.DONE: self.tr("done"),
            ActionState.LATE: self.tr("late"),
            ActionState.DROPPED: self.tr("dropped"),
        }

        self.back_button = QPushButton(icon("back"), self.tr("Plan"))
        self.back_button.setToolTip(self.tr("Back to the plan"))
        self.back_button.clicked.connect(self._back)
        self.title = QLabel(self.tr("Progress of the plan"))
        self.title.setObjectName("pageTitle")
        self.meta = QLabel()
        self.meta.setObjectName("hint")
        self.meta.setWordWrap(True)
        self.import_button = QPushButton(icon("import"), self.tr("Import from spreadsheet…"))
        self.import_button.setToolTip(
            self.tr(
                "Reads a CSV or Excel sheet with one measured value a row: indicator (or "
                "finance item), season, value and, when needed, objective and review"
            )
        )
        self.import_button.clicked.connect(lambda: self.import_file())
        self.report_button = QPushButton(icon("export"), self.tr("Report for the board…"))
        self.report_button.setToolTip(
            self.tr(
                "The two-page 'Stato di avanzamento' for the review shown (PDF, Word): status "
                "by area, what is off track with owners and next actions, the finances"
            )
        )
        self.report_button.clicked.connect(self.request_report)
        self.rebase_button = QPushButton(icon("regenerate"), self.tr("Update the plan…"))
        self.rebase_button.setToolTip(
            self.tr(
                "At season end: the plan takes what was measured as the season's figures, "
                "and what ended off the plan can start its later figures again from it"
            )
        )
        self.rebase_button.clicked.connect(lambda: self.update_plan())
        header = QHBoxLayout()
        header.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.meta)
        header.addLayout(titles, 1)
        header.addWidget(self.rebase_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignTop)

        self.season = QComboBox()
        self.season.setAccessibleName(self.tr("Season"))
        self.review = QComboBox()
        self.review.setAccessibleName(self.tr("Review"))
        self.review.addItem(self.tr("Mid-season (January)"), Review.MID.value)
        self.review.addItem(self.tr("Season end (June)"), Review.END.value)
        self.season.activated.connect(lambda _i: self._period_chosen())
        self.review.activated.connect(lambda _i: self._period_chosen())
        self.overall = QLabel()
        self.overall.setAccessibleName(self.tr("Status of the plan"))
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        season_label = QLabel(self.tr("Season"))
        season_label.setBuddy(self.season)
        review_label = QLabel(self.tr("Review"))
        review_label.setBuddy(self.review)
        choice = QHBoxLayout()
        choice.addWidget(season_label)
        choice.addWidget(self.season)
        choice.addSpacing(12)
        choice.addWidget(review_label)
        choice.addWidget(self.review)
        choice.addSpacing(18)
        choice.addWidget(self.overall)
        choice.addWidget(self.counts, 1)

        self.only_red = QCheckBox(self.tr("Only red"))
        self.only_red.setToolTip(self.tr("Show only what is off track, and where it sits"))
        self.late_only = QCheckBox(self.tr("Late actions"))
        self.late_only.setToolTip(self.tr("Show only the actions past their deadline"))
        self.only_red.toggled.connect(lambda _on: self.apply_filters())
        self.late_only.toggled.connect(lambda _on: self.apply_filters())
        self.legend = QLabel(
            self.tr(
                "Each indicator is compared with its target for the season (half-way at "
                "mid-season); the small chart shows the three seasons' targets as a line "
                "and what was measured as dots."
            )
        )
        self.legend.setObjectName("hint")
        self.legend.setWordWrap(True)
        filters = QHBoxLayout()
        filters.addWidget(self.only_red)
        filters.addWidget(self.late_only)
        filters.addSpacing(12)
        filters.addWidget(self.legend, 1)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(
            [
                self.tr("Area, objective, indicator"),
                self.tr("Status"),
                self.tr("Measured / expected"),
                self.tr("Three seasons"),
            ]
        )
        self.tree.setAccessibleName(self.tr("Status by area, objective and indicator"))
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.states = ActionStateDelegate(self.state_names, self.tree)
        self.states.chosen.connect(
            lambda code, state: QTimer.singleShot(0, lambda: self.set_action_state(code, state))
        )
        self.tree.setItemDelegateForColumn(NAME, WrapDelegate(self.tree))
        self.tree.setItemDelegateForColumn(STATUS, self.states)
        self.tree.setItemDelegateForColumn(VALUE, WrapDelegate(self.tree))
        self.tree.setItemDelegateForColumn(TREND, SparklineDelegate(self.tree))
        self.tree.setEditTriggers(QTreeWidget.EditTrigger.NoEditTriggers)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(lambda item, _column: self.edit_state(item))
        WrapDelegate.follow_width(self.tree)
        head = self.tree.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((STATUS, 130), (VALUE, 250), (TREND, 110)):
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            head.resizeSection(column, width)
        self.nothing = QLabel()
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing.setWordWrap(True)
        self.nothing.setVisible(False)
        status_tab = QWidget()
        status_layout = QVBoxLayout(status_tab)
        status_layout.addLayout(filters)
        status_layout.addWidget(self.tree, 1)
        status_layout.addWidget(self.nothing)

        self.grid = ActualsGrid(service)
        self.grid.saved.connect(self._recorded)
        self.tabs = QTabWidget()
        self.tabs.addTab(status_tab, icon("info"), self.tr("Status"))
        self.tabs.addTab(self.grid, icon("edit"), self.tr("Enter values"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addLayout(choice)
        layout.addWidget(self.tabs, 1)

    # --- loading ----------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        assert self.snapshot is not None
        return self.snapshot.plan

    def load(
        self,
        plan_id: int,
        season: str | None = None,
        review: Review | None = None,
        today: dt.date | None = None,
    ) -> None:
        """Show a plan's progress (default: the season running today, the next review)."""
        document = self.service.get_plan(plan_id)
        self.plan_id = plan_id
        plan = document.plan
        now_season, now_review = review_now(plan.seasons, today or self.today())
        season = season if season in plan.seasons else now_season
        review = review or now_review
        self.season.blockSignals(True)
        if [self.season.itemText(i) for i in range(self.season.count())] != plan.seasons:
            self.season.clear()
            for name in plan.seasons:
                self.season.addItem(name, name)
        self.season.setCurrentIndex(plan.seasons.index(season))
        self.season.blockSignals(False)
        self.review.setCurrentIndex(self.review.findData(review.value))
        self.meta.setText(
            self.tr("{club} · {seasons} · version {n}").format(
                club=document.summary.club_name,
                seasons=plan.seasons_label,
                n=document.version.number,
            )
        )
        self._read(document)
        built = (plan_id, document.version.number)
        if built != self._built:  # the plan's structure: areas, objectives, KPIs, actions
            self._build_tree()
            self._built = built
        self._show()

    def _read(self, document: PlanDocument | None = None) -> None:
        """The records from the store and the status at each of the six reviews (~1 ms each)."""
        assert self.plan_id is not None
        document = document or (self.snapshot.document if self.snapshot else None)
        if document is None:
            document = self.service.get_plan(self.plan_id)
        actuals = self.service.actuals(self.plan_id)
        states = self.service.action_states(self.plan_id)
        plan = document.plan
        in_force = {  # a closed season is judged against the plan as it was then
            season: self.service.plan_in_force(self.plan_id, season, plan)
            for season in plan.seasons
        }
        progress = {
            (season, review): monitoring.progress(
                in_force[season], actuals, states, season, review, today=self.today()
            )
            for season in plan.seasons
            for review in Review
        }
        self.snapshot = Snapshot(document, actuals, progress)

    def refresh(self) -> None:
        """Read the records again (after a save, an import, an action's new state)."""
        if self.plan_id is None:
            return
        self._read()
        self._show()

    def current_season(self) -> str:
        return str(self.season.currentData())

    def current_review(self) -> Review:
        return Review(self.review.currentData())

    def progress(self) -> Progress:
        assert self.snapshot is not None
        return self.snapshot.progress[(self.current_season(), self.current_review())]

    def choose(self, season: str, review: Review) -> None:
        """Show another review (as the combos do)."""
        self.season.setCurrentIndex(self.season.findData(season))
        self.review.setCurrentIndex(self.review.findData(review.value))
        self._period_chosen()

    def _period_chosen(self) -> None:
        if self.snapshot is None:
            return
        shown = (self.grid.season, self.grid.review)
        if shown != (self.current_season(), self.current_review()) and self.grid.pending():
            answer = QMessageBox.question(
                self,
                self.tr("Values not saved"),
                self.tr(
                    "The values typed for {season} are not saved. Save them before showing "
                    "another review?"
                ).format(season=self.grid.season),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                self.season.setCurrentIndex(self.season.findData(shown[0]))
                self.review.setCurrentIndex(self.review.findData(shown[1].value))
                return
            if answer == QMessageBox.StandardButton.Save and not self.grid.save():
                self.season.setCurrentIndex(self.season.findData(shown[0]))
                self.review.setCurrentIndex(self.review.findData(shown[1].value))
                self.tabs.setCurrentWidget(self.grid)
                return
        self._show()

    # --- showing ------------------------------------------------------------------------

    def _show(self) -> None:
        progress = self.progress()
        self.rebase_button.setVisible(
            self.current_review() is Review.END
            and roll.closable(self.plan, self.snapshot.actuals, self.current_season())
        )
        self._show_overall(progress)
        self._apply(progress)
        self.apply_filters()
        assert self.snapshot is not None
        self.grid.load(
            self.snapshot.document,
            progress,
            self.snapshot.actuals,
            self.current_season(),
            self.current_review(),
        )

    def _show_overall(self, progress: Progress) -> None:
        background, colour = pair(RAG, progress.rag.value)
        style = f"background:{background}; color:{colour}; border-radius:9px; padding:2px 10px;"
        if self.overall.text() != rag_text(progress.rag):
            self.overall.setText(rag_text(progress.rag))
        if self.overall.styleSheet() != style:
            self.overall.setStyleSheet(style)
        total = sum(progress.counts.values())
        counts = ", ".join(
            f"{progress.counts.get(rag, 0)} {rag_text(rag)}"
            for rag in (Rag.GREEN, Rag.AMBER, Rag.RED, Rag.UNMEASURED)
        )
        late = sum(len(o.late) for o in progress.objectives())
        text = self.tr("Status at {date}").format(date=formatting.date(progress.as_of, language()))
        text += " · " + self.tr("%n indicator(s)", "", total) + f": {counts}"
        if late:
            text += " · " + self.tr("%n late action(s)", "", late)
        if self.counts.text() != text:
            self.counts.setText(text)

    def _item(
        self, parent: QTreeWidget | QTreeWidgetItem, key: tuple, text: str
    ) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text, "", "", ""])
        item.setData(NAME, KIND_ROLE, key)
        # Every role a delegate reads is set: PySide6 6.12 on Python 3.11 drops a reference
        # to None each time ``data()`` returns an unset role, until None is freed (a crash).
        item.setData(STATUS, RAG_ROLE, "")
        item.setData(STATUS, STATE_ROLE, "")
        item.setData(TREND, SERIES_ROLE, "")
        item.setToolTip(NAME, text)
        self.items[key] = item
        return item

    def _build_tree(self) -> None:
        """The plan's structure (areas, objectives, KPIs, actions, finances), built once a
        plan; a season or review only changes the values (``_apply``)."""
        plan = self.plan
        lang = i18n.current()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        self.items.clear()
        for section in plan.areas:
            area = self._item(self.tree, ("area", section.area.value), section.area.label(lang))
            area.setFont(NAME, bold)
            budget = self._item(area, ("budget", section.area.value), self.tr("Budget spent"))
            budget.setToolTip(
                NAME,
                self.tr(
                    "What the area's objectives spent so far, against their planned range "
                    "for the seasons elapsed"
                ),
            )
            for objective in section.objectives:
                node = self._item(
                    area, ("objective", objective.code), f"{objective.code} {objective.title}"
                )
                for kpi in objective.kpis:
                    self._item(node, ("kpi", objective.code, kpi.name), kpi.name)
                for action in objective.actions:
                    row = self._item(node, ("action", action.code), f"{action.code} {action.what}")
                    row.setFlags(row.flags() | Qt.ItemFlag.ItemIsEditable)
                    row.setToolTip(
                        STATUS,
                        self.tr(
                            "Click to change the state. An action past its deadline, not "
                            "done and not dropped, counts as late"
                        ),
                    )
                node.setExpanded(True)
            area.setExpanded(True)
        finance = self._item(self.tree, ("finances",), self.tr("Finances of the season"))
        finance.setFont(NAME, bold)
        finance.setToolTip(
            NAME, self.tr("The season's accounts against the financial plan's forecast")
        )
        assert self.snapshot is not None
        for row in self.progress().finance:  # the rows the status rules cover
            self._item(finance, ("finance", row.key), row.label)
        finance.setExpanded(True)
        self.tree.setUpdatesEnabled(True)

    def _chip(self, item: QTreeWidgetItem, rag: Rag) -> None:
        put(item, STATUS, rag_text(rag))
        put_data(item, STATUS, RAG_ROLE, rag.value)

    def _apply(self, progress: Progress) -> None:
        """The values of a review on the tree built for the plan; only what changed is
        written (``put``), so a refresh after an action's new state stays cheap."""
        assert self.snapshot is not None
        season = progress.season
        marks = self._marks()
        money = formatting.money_range
        lang = language()
        red = QBrush(QColor(pair(RAG, "red")[1]))
        for area in progress.areas:
            item = self.items.get(("area", area.area))
            if item is None:
                continue
            self._chip(item, area.rag)
            budget = area.budget
            row = self.items[("budget", area.area)]
            self._chip(row, budget.rag)
            planned = money(budget.planned_low, budget.planned_high, lang)
            put(
                row,
                VALUE,
                self.tr("{spent} of {planned} planned").format(
                    spent=value_text(budget.spent, "EUR"), planned=planned
                )
                if budget.spent is not None
                else self.tr("to be measured · {planned} planned").format(planned=planned),
            )
            for objective in area.objectives:
                node = self.items[("objective", objective.code)]
                self._chip(node, objective.rag)
                late = len(objective.late)
                put(node, VALUE, self.tr("%n late action(s)", "", late) if late else "")
                for kpi in objective.kpis:
                    row = self.items[("kpi", objective.code, kpi.name)]
                    self._chip(row, kpi.rag)
                    expected = value_text(kpi.expected, kpi.unit)
                    put(
                        row,
                        VALUE,
                        f"{value_text(kpi.actual, kpi.unit)} / {expected}"
                        if kpi.actual is not None
                        else f"– / {expected}",
                    )
                    series = (kpi.series, season, marks.get((objective.code, kpi.name), {}))
                    put_data(row, TREND, SERIES_ROLE, series)
                    put(row, TREND, tip=self._series_tip(kpi.series, kpi.unit))
                for action in objective.actions:
                    self._show_action(action, red)
        for row in progress.finance:
            item = self.items.get(("finance", row.key))
            if item is None:
                continue
            self._chip(item, row.rag)
            text = f"{value_text(row.actual, 'EUR')} / {value_text(row.forecast, 'EUR')}"
            if row.variance is not None:
                sign = "+" if row.variance > 0 else ""
                text += f" ({sign}{value_text(row.variance, 'EUR')})"
            put(item, VALUE, text)

    def _show_action(self, action: ActionStatus, red: QBrush) -> None:
        item = self.items.get(("action", action.code))
        if item is None:
            return
        deadline = formatting.date(action.deadline, language())
        text = self.tr("{owner} · by {date}").format(owner=action.owner, date=deadline)
        put(item, VALUE, text, tip=text)
        if item.data(STATUS, STATE_ROLE) != action.state.value:
            late = action.state is ActionState.LATE
            item.setForeground(NAME, red if late else QBrush())
            item.setData(STATUS, STATE_ROLE, action.state.value)
        put(item, STATUS, self.state_names[action.state])

    def _marks(self) -> dict[tuple[str, str], dict[str, str]]:
        """Each KPI's dot colour per season: its status at the review the dot shows (the
        season end when measured, else mid-season, as the engine's series)."""
        assert self.snapshot is not None
        marks: dict[tuple[str, str], dict[str, str]] = {}
        for season in self.plan.seasons:
            for review in (Review.MID, Review.END):  # the season end wins
                for objective in self.snapshot.progress[(season, review)].objectives():
                    for kpi in objective.kpis:
                        if kpi.actual is not None:
                            marks.setdefault((objective.code, kpi.name), {})[season] = kpi.rag.value
        return marks

    def _series_tip(self, series, unit: str) -> str:
        lines = []
        for season, target, actual in series:
            lines.append(
                self.tr("{season}: target {target}, measured {actual}").format(
                    season=season,
                    target=value_text(target, unit),
                    actual=value_text(actual, unit)
                    if actual is not None
                    else rag_text(Rag.UNMEASURED),
                )
            )
        return "\n".join(lines)

    # --- filters ------------------------------------------------------------------------

    def apply_filters(self) -> None:
        """*Only red*: what is off track and where it sits; *Late actions*: those only."""
        only_red = self.only_red.isChecked()
        late_only = self.late_only.isChecked()

        def wanted(item: QTreeWidgetItem) -> bool:
            kind = item.data(NAME, KIND_ROLE)[0]
            late = item.data(STATUS, STATE_ROLE) == ActionState.LATE.value
            if late_only:
                return kind == "action" and late
            if only_red:
                return item.data(STATUS, RAG_ROLE) == Rag.RED.value or late
            return True

        def visit(item: QTreeWidgetItem) -> bool:
            shown_children = [visit(item.child(i)) for i in range(item.childCount())]
            own = wanted(item)
            if not (only_red or late_only):
                visible = True
            elif late_only:
                visible = own or any(shown_children)
            else:
                visible = own or any(shown_children)
            if item.isHidden() == visible:
                item.setHidden(not visible)
            return visible

        any_shown = False
        for i in range(self.tree.topLevelItemCount()):
            any_shown |= visit(self.tree.topLevelItem(i))
        if only_red or late_only:
            for key, item in self.items.items():
                shown = key[0] in ("area", "objective") and not item.isHidden()
                if shown and not item.isExpanded():
                    item.setExpanded(True)
        nothing = (
            self.tr("No action is late at this review.")
            if late_only
            else self.tr("Nothing is off track at this review.")
        )
        if self.nothing.text() != nothing:
            self.nothing.setText(nothing)
        show(self.nothing, not any_shown)
        show(self.tree, any_shown)

    def visible_keys(self) -> list[tuple]:
        """The rows on screen (for tests and accessibility checks)."""
        return [
            key
            for key, item in self.items.items()
            if not item.isHidden() and self._ancestors_shown(item)
        ]

    @staticmethod
    def _ancestors_shown(item: QTreeWidgetItem) -> bool:
        parent = item.parent()
        while parent is not None:
            if parent.isHidden():
                return False
            parent = parent.parent()
        return True

    # --- actions -------------------------------------------------------------------------

    def _clicked(self, item: QTreeWidgetItem, column: int) -> None:
        if column == STATUS:
            self.edit_state(item)

    def edit_state(self, item: QTreeWidgetItem) -> None:
        """Open the drop-down of an action's state (a click on it, or Enter on the row)."""
        if item.data(STATUS, STATE_ROLE):
            self.tree.setCurrentItem(item, STATUS)
            self.tree.editItem(item, STATUS)

    def action_state(self, code: str) -> ActionState:
        """The state shown for an action."""
        return ActionState(self.items[("action", code)].data(STATUS, STATE_ROLE))

    def set_action_state(self, code: str, state: ActionState | str) -> None:
        """Record an action's new state (the drop-down's choice) and show the status again."""
        if self.plan_id is None:
            return
        state = ActionState(state)
        # The drop-down shows the state at the review on screen: a review already past
        # records it as of that review (the engine ignores a state dated after it).
        on = min(self.today(), self.progress().as_of)
        try:
            self.service.set_action_state(self.plan_id, code, state, on=on, source="desktop")
        except ServiceError as error:
            show_error(self, error)
            return
        self.refresh()
        self.changed.emit(self.plan_id)

    def _recorded(self, count: int) -> None:
        self.refresh()
        self.grid.say(self.tr("%n value(s) recorded.", "", count))
        if self.plan_id is not None:
            self.changed.emit(self.plan_id)

    def save_current(self) -> bool:
        """Ctrl+S: the values typed in the grid (False when there is nothing to save)."""
        if not self.grid.pending():
            return False
        self.tabs.setCurrentWidget(self.grid)
        self.grid.save()
        return True

    def leave(self) -> bool:
        """Whether the page may close: values typed and not saved are saved or dropped
        as the user says (False: they chose to stay)."""
        if not self.grid.pending():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Values not saved"),
            self.tr("Save the values typed before leaving?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save and not self.grid.save():
            self.tabs.setCurrentWidget(self.grid)
            return False
        if answer != QMessageBox.StandardButton.Save:
            self.grid.discard()
        return True

    def proposals(self) -> list[Rebase]:
        """The KPIs of the season shown that ended off target (nothing in the last season)."""
        assert self.snapshot is not None
        return roll.proposals(self.plan, self.snapshot.actuals, self.current_season())

    def update_plan(self, dialog: RebaseDialog | None = None) -> bool:
        """ "Aggiorna il piano": a new version with the season's actuals and the ticked
        KPIs and finance lines re-based."""
        assert self.plan_id is not None and self.snapshot is not None
        season = self.current_season()
        dialog = dialog or RebaseDialog(season, self.proposals(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            self.service.roll_forward(
                self.plan_id,
                season,
                dialog.chosen(),
                expected_version=self.snapshot.document.version.number,
            )
        except ServiceError as error:
            show_error(self, error)
            if error.code == "conflict":
                self.load(self.plan_id, season, self.current_review())
            return False
        self.load(self.plan_id, season, self.current_review())
        self.changed.emit(self.plan_id)
        return True

    def request_report(self) -> None:
        """Ask for the board's report of the review shown; values typed but not saved are
        saved first (or the user decides), so the report shows what the page shows."""
        if self.plan_id is None or not self.leave():
            return
        self.report_requested.emit(self.plan_id, self.current_season(), self.current_review().value)

    def _back(self) -> None:
        if self.plan_id is not None and self.leave():
            self.back.emit(self.plan_id)

    # --- import --------------------------------------------------------------------------

    def settings(self) -> QSettings:
        return importing.settings_for(self.service.home)

    def import_file(self, path: Path | None = None) -> importing.ImportSummaryDialog | None:
        """Read a CSV/XLSX sheet; the columns are found by name, or chosen once and
        remembered for sheets with the same headers; a summary says what was recorded."""
        if self.plan_id is None:
            return None
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Import from spreadsheet"),
                str(documents_folder()),
                self.tr("Spreadsheets (*.xlsx *.csv);;All files (*)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            rows = importer.read_rows(path)
        except importer.ImportProblem as problem:
            show_error(self, problem)
            return None
        except OSError:
            show_error(self, self.tr("The file {name} cannot be opened.").format(name=path.name))
            return None
        memory = importing.MappingMemory(self.settings())
        found = memory.find(rows)
        if found is None:
            try:
                found = importer.detect_mapping(rows)
            except importer.ImportProblem:
                found = self._ask_mapping(rows, memory)
        if found is None:
            return None
        header, mapping = found
        try:
            result = self.service.import_actuals(self.plan_id, path, mapping, header)
        except ServiceError as error:
            show_error(self, error)
            return None
        self.refresh()
        self.changed.emit(self.plan_id)
        dialog = importing.ImportSummaryDialog(
            path.name,
            len(result.actuals),
            [e.message(i18n.current()) for e in result.errors],
            self,
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        self.last_summary = dialog
        return dialog

    def _ask_mapping(
        self, rows: list[list[object]], memory: importing.MappingMemory
    ) -> tuple[int, dict[str, int]] | None:
        header = importing.guess_header(rows)
        if header is None:
            show_error(self, self.tr("The sheet is empty: there is nothing to import."))
            return None
        dialog = importing.MappingDialog(
            importer.header_names(rows, header),
            rows[header + 1] if header + 1 < len(rows) else [],
            header + 1,
            self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        mapping = dialog.mapping()
        memory.remember(rows[header], mapping)
        return header, mapping
