"""The home screen: search, filters, the plan table, the trash, and an inviting empty state."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.icons import icon
from desktop.library.model import PROGRESS_COLUMN, LibraryModel, LibraryQuery
from desktop.progress.chips import ChipDelegate
from engine.domain import PlanStatus
from engine.paths import resource_path
from engine.service import PlanSummary, Service

SEARCH_DELAY_MS = 150


def example_clubs() -> list[tuple[Path, str, str]]:
    """(file, club name, sport) of the shipped example clubs."""
    found = []
    for path in sorted(resource_path("examples").glob("*.json")):
        try:
            identity = json.loads(path.read_text("utf-8"))["identity"]
            found.append((path, identity["name"], ", ".join(identity["sports"])))
        except (OSError, ValueError, KeyError):
            continue
    return found


class EmptyState(QFrame):
    """What a first-time user sees: one clear action and the example clubs to try."""

    create = Signal()
    example = Signal(Path)
    import_club = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Create your first plan"))
        title.setObjectName("pageTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            self.tr(
                "Answer the questionnaire about your club: the agents write a three-season "
                "strategic plan you can review, edit and export. Everything stays on this "
                "computer."
            )
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.create_button = QPushButton(icon("new", "#FFFFFF"), self.tr("Create your first plan"))
        self.create_button.setObjectName("primary")
        self.create_button.clicked.connect(self.create.emit)
        importer = QPushButton(icon("import"), self.tr("Open a club file…"))
        importer.clicked.connect(self.import_club.emit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        buttons.addWidget(importer)
        buttons.addStretch(1)
        examples_title = QLabel(self.tr("Or start from an example club:"))
        examples_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column = QGridLayout()  # two columns: ten example clubs of different sports
        self.example_buttons: list[QPushButton] = []
        for index, (path, name, sport) in enumerate(example_clubs()):
            sports = sport.split(", ")
            short = ", ".join(sports[:2]) + ("…" if len(sports) > 2 else "")
            button = QPushButton(icon("example"), f"{short[:1].upper()}{short[1:]}  ·  {name}")
            button.setToolTip(f"{name} · {sport} ({path.name})")
            button.clicked.connect(lambda _=False, p=path: self.example.emit(p))
            column.addWidget(button, index // 2, index % 2)
            self.example_buttons.append(button)
        inner = QVBoxLayout()
        inner.addStretch(1)
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addSpacing(12)
        inner.addLayout(buttons)
        inner.addSpacing(18)
        inner.addWidget(examples_title)
        inner.addLayout(column)
        inner.addStretch(2)
        box = QWidget()
        box.setLayout(inner)
        box.setMaximumWidth(960)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 4)
        outer.addStretch(1)


class LibraryPage(QWidget):
    open_plan = Signal(int)
    new_plan = Signal()
    new_from_example = Signal(Path)
    new_from_plan = Signal(int)
    export_plan = Signal(int)
    import_club = Signal()
    changed = Signal()

    def __init__(self, service: Service, language: str = "it", parent=None) -> None:
        super().__init__(parent)
        self.service = service
        self.model = LibraryModel(service, language, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search clubs, objectives, any text in the plans…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName(self.tr("Search plans"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        self.sport = QComboBox()
        self.sport.setAccessibleName(self.tr("Sport"))
        self.sport.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Status"))
        self.status.addItem(self.tr("Every status"), None)
        self.status.addItem(self.tr("Drafts"), PlanStatus.DRAFT.value)
        self.status.addItem(self.tr("Approved"), PlanStatus.APPROVED.value)
        self.trash = QToolButton()
        self.trash.setIcon(icon("trash"))
        self.trash.setText(self.tr("Trash"))
        self.trash.setCheckable(True)
        self.trash.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.trash.toggled.connect(self._trash_toggled)
        self.empty_trash_button = QPushButton(icon("trash"), self.tr("Empty trash…"))
        self.empty_trash_button.clicked.connect(self.empty_trash)
        self.empty_trash_button.setVisible(False)
        self.new_button = QPushButton(icon("new", "#FFFFFF"), self.tr("New plan"))
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_plan.emit)
        self.sport.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filters())

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        for column, width in ((1, 120), (2, 130), (3, 120), (4, 150), (5, 140), (6, 130)):
            header.resizeSection(column, width)
        # The plan's progress as a chip, computed for the rows on screen only.
        self.table.setItemDelegateForColumn(PROGRESS_COLUMN, ChipDelegate(self.table))
        header.setSortIndicator(5, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.table.setAccessibleName(self.tr("Plans"))
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)

        self.empty = EmptyState()
        self.empty.create.connect(self.new_plan.emit)
        self.empty.example.connect(self.new_from_example.emit)
        self.empty.import_club.connect(self.import_club.emit)
        self.no_match = QLabel()
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.no_match)

        self.count = QLabel()
        self.count.setObjectName("hint")
        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.sport)
        bar.addWidget(self.status)
        bar.addWidget(self.trash)
        bar.addWidget(self.empty_trash_button)
        bar.addStretch(0)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count)
        self.setTabOrder(self.search, self.sport)
        self.setTabOrder(self.sport, self.status)
        self.setTabOrder(self.status, self.trash)
        self.setTabOrder(self.trash, self.new_button)
        self.setTabOrder(self.new_button, self.table)
        delete = QAction(self)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self._delete_selected)
        self.table.addAction(delete)
        self._fill_sports()
        self.apply_filters()

    # --- filters ------------------------------------------------------------------------

    def _fill_sports(self) -> None:
        current = self.sport.currentData()
        self.sport.blockSignals(True)
        self.sport.clear()
        self.sport.addItem(self.tr("Every sport"), None)
        for sport in self.service.sports():
            self.sport.addItem(sport.capitalize(), sport)
        index = self.sport.findData(current)
        self.sport.setCurrentIndex(max(0, index))
        self.sport.blockSignals(False)

    def query(self) -> LibraryQuery:
        return LibraryQuery(
            search=self.search.text().strip() or None,
            sport=self.sport.currentData(),
            status=PlanStatus(self.status.currentData()) if self.status.currentData() else None,
            trash=self.trash.isChecked(),
            sort=self.model.query.sort,
            descending=self.model.query.descending,
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.query())
        self.table.setColumnHidden(PROGRESS_COLUMN, self.model.query.trash)
        self._update_state()

    def refresh(self) -> None:
        self._fill_sports()
        self.apply_filters()

    def _update_state(self) -> None:
        rows = self.model.rowCount()
        query = self.model.query
        filtered = bool(query.search or query.sport or query.status)
        if rows:
            self.stack.setCurrentWidget(self.table)
        elif query.trash:
            self.no_match.setText(self.tr("The trash is empty."))
            self.stack.setCurrentWidget(self.no_match)
        elif filtered:
            self.no_match.setText(self.tr("No plan matches. Try fewer words or another filter."))
            self.stack.setCurrentWidget(self.no_match)
        else:
            self.stack.setCurrentWidget(self.empty)
        more = "+" if self.model.canFetchMore() else ""
        count = (
            self.tr("%n plan(s) in the trash", "", rows)
            if query.trash
            else self.tr("%n plan(s)", "", rows)
        )
        self.count.setText(count.replace(str(rows), f"{rows}{more}", 1))  # "50+ piani"
        self.empty_trash_button.setVisible(query.trash and rows > 0)
        self.new_button.setVisible(not query.trash)

    def is_empty_state(self) -> bool:
        return self.stack.currentWidget() is self.empty

    def _trash_toggled(self, _on: bool) -> None:
        self.apply_filters()

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column not in (0, 5):
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(
                self.model.sort_column(),
                Qt.SortOrder.DescendingOrder
                if self.model.query.descending
                else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)

    # --- actions -------------------------------------------------------------------------

    def selected(self) -> PlanSummary | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.plan_at(indexes[0].row()) if indexes else None

    def select_plan(self, plan_id: int) -> None:
        row = self.model.row_of(plan_id)
        if row is not None:
            self.table.selectRow(row)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_plan.emit(self.model.plan_at(index.row()).id)

    def _menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        if not index.isValid():
            return
        summary = self.model.plan_at(index.row())
        menu = QMenu(self)
        menu.addAction(icon("open"), self.tr("Open"), lambda: self.open_plan.emit(summary.id))
        if summary.deleted_at is None:
            menu.addAction(
                icon("export"), self.tr("Export…"), lambda: self.export_plan.emit(summary.id)
            )
            menu.addAction(
                icon("duplicate"),
                self.tr("New plan from this club's data…"),
                lambda: self.new_from_plan.emit(summary.id),
            )
            menu.addSeparator()
            menu.addAction(icon("trash"), self.tr("Move to trash"), lambda: self.delete(summary))
        else:
            menu.addAction(
                icon("restore"), self.tr("Restore from trash"), lambda: self.restore(summary)
            )
            menu.addAction(icon("trash"), self.tr("Delete for ever…"), lambda: self.purge(summary))
        menu.exec(self.table.viewport().mapToGlobal(point))

    def _delete_selected(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        if summary.deleted_at is None:
            self.delete(summary)
        else:
            self.purge(summary)

    def delete(self, summary: PlanSummary) -> None:
        self.service.delete_plan(summary.id)
        self.refresh()
        self.changed.emit()

    def restore(self, summary: PlanSummary) -> None:
        self.service.restore_plan(summary.id)
        self.refresh()
        self.changed.emit()

    def purge(self, summary: PlanSummary) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Delete for ever"),
            self.tr(
                "Delete the plan of {club} and all its versions for ever? This cannot be undone."
            ).format(club=summary.club_name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.service.empty_trash([summary.id])
            self.refresh()

    def empty_trash(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Empty trash"),
            self.tr("Delete every plan in the trash for ever? This cannot be undone."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.service.empty_trash()
            self.refresh()
