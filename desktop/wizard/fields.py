"""Form fields bound to a path in the club document (the JSON a club file holds).

Each binding loads its value from the document, writes it back, and shows
the domain's own validation messages for its path. Labels and units come
from the domain model (Italian ``title``, English ``title_en``), so the form,
the error messages and the club file always use the same words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.icons import icon
from engine.domain import ClubProfile, Issue
from engine.domain.errors import _item_type, _model_in

Path = tuple[str | int, ...]
UNITS_EN = {"EUR/anno": "EUR/year", "EUR/ora": "EUR/hour", "n": "no.", "abitanti": "inhabitants"}


# --- the document -----------------------------------------------------------------------


def get_in(doc: Any, path: Path, default: Any = None) -> Any:
    for step in path:
        try:
            doc = doc[step]
        except (KeyError, IndexError, TypeError):
            return default
    return doc


def set_in(doc: dict[str, Any], path: Path, value: Any) -> None:
    for step in path[:-1]:
        nxt = doc.get(step) if isinstance(doc, dict) else None
        if not isinstance(nxt, dict):
            nxt = {}
            doc[step] = nxt  # type: ignore[index]
        doc = nxt
    doc[path[-1]] = value  # type: ignore[index]


def field_info(path: Path, root: type[BaseModel] = ClubProfile) -> tuple[str, str, str | None]:
    """(Italian label, English label, unit) of the field at ``path``."""
    current: Any = root
    title_it = title_en = str(path[-1])
    unit = None
    for step in path:
        if isinstance(step, int):
            current = _item_type(current)
            continue
        model = _model_in(current)
        if model is None or step not in model.model_fields:
            break
        info = model.model_fields[step]
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        title_it = info.title or step
        title_en = str(extra.get("title_en", title_it))
        unit = extra.get("unit")
        current = info.annotation
    return title_it, title_en, unit


def label(path: Path) -> str:
    title_it, title_en, _ = field_info(path)
    return title_it if i18n.current() == "it" else title_en


def unit_label(unit: str | None) -> str:
    if not unit:
        return ""
    return unit if i18n.current() == "it" else UNITS_EN.get(unit, unit)


def parse_number(text: str) -> int | float | str | None:
    """'' -> None (to be collected); '1.500' / '1500,5' in Italian; bad text stays text."""
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    locale = QLocale()
    value, ok = locale.toDouble(text)
    if not ok:
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            return text  # the domain says "a number is expected"
    return int(value) if float(value).is_integer() else value


def format_number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer():
        return str(int(value))
    return QLocale().toString(float(value), "f", 2).rstrip("0").rstrip(QLocale().decimalPoint())


def number_of(raw: Any) -> Any:
    """The number inside a plain answer or a sourced object."""
    return raw.get("value") if isinstance(raw, dict) else raw


# --- bindings ---------------------------------------------------------------------------


class Binding(QObject):
    """A widget bound to ``path``; ``changed`` fires on every user edit."""

    changed = Signal()

    def __init__(self, path: Path, widget: QWidget) -> None:
        super().__init__(widget)
        self.path = path
        self.widget = widget
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.paths: list[Path] = [path]  # issues under these paths show beside this field

    def load(self, doc: dict[str, Any]) -> None:
        raise NotImplementedError

    def store(self, doc: dict[str, Any]) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        return self.widget

    def show_issues(self, issues: list[Issue]) -> None:
        lang = i18n.current()
        lines = []
        for issue in issues:
            extra = issue.path[len(self.path) :]
            where = ""
            if extra:
                where = issue.label(lang).split(" › ")[-2:]  # e.g. "n. 2 › Numero di squadre"
                where = " › ".join(where) + ": "
            lines.append(where + issue.message(lang))
        self.error.setText("\n".join(lines))
        self.error.setVisible(bool(lines))
        self.widget.setProperty("invalid", bool(lines))
        self.widget.setAccessibleDescription("\n".join(lines))


class TextBinding(Binding):
    def __init__(
        self, path: Path, multiline: bool = False, optional: bool = False, max_width: int = 0
    ) -> None:
        widget: QLineEdit | QPlainTextEdit = QPlainTextEdit() if multiline else QLineEdit()
        super().__init__(path, widget)
        self.optional = optional
        if isinstance(widget, QPlainTextEdit):
            widget.setTabChangesFocus(True)
            widget.setMinimumHeight(70)
            widget.textChanged.connect(self.changed.emit)
        else:
            widget.textEdited.connect(lambda _t: self.changed.emit())
            if max_width:
                widget.setMaximumWidth(max_width)

    def text(self) -> str:
        widget = self.widget
        return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()

    def load(self, doc: dict[str, Any]) -> None:
        value = get_in(doc, self.path)
        text = "" if value is None else str(value)
        if isinstance(self.widget, QPlainTextEdit):
            self.widget.setPlainText(text)
        else:
            self.widget.setText(text)

    def store(self, doc: dict[str, Any]) -> None:
        text = self.text()
        set_in(doc, self.path, None if (self.optional and not text.strip()) else text)


class ChoiceBinding(Binding):
    def __init__(self, path: Path, options: list[tuple[Any, str]], placeholder: str = "") -> None:
        combo = QComboBox()
        if placeholder:
            combo.addItem(placeholder, None)
        for value, text in options:
            combo.addItem(text, value)
        super().__init__(path, combo)
        combo.activated.connect(lambda _i: self.changed.emit())

    def load(self, doc: dict[str, Any]) -> None:
        combo: QComboBox = self.widget  # type: ignore[assignment]
        index = combo.findData(get_in(doc, self.path))
        combo.setCurrentIndex(max(0, index))

    def store(self, doc: dict[str, Any]) -> None:
        combo: QComboBox = self.widget  # type: ignore[assignment]
        set_in(doc, self.path, combo.currentData())


class BoolBinding(Binding):
    def __init__(self, path: Path, text: str) -> None:
        super().__init__(path, QCheckBox(text))
        self.widget.toggled.connect(lambda _b: self.changed.emit())

    def load(self, doc: dict[str, Any]) -> None:
        self.widget.setChecked(bool(get_in(doc, self.path)))

    def store(self, doc: dict[str, Any]) -> None:
        set_in(doc, self.path, self.widget.isChecked())


class NumberBinding(Binding):
    """A number with its unit; empty means "not known" (to be collected, never invented).

    An answer loaded with a source (e.g. population from ISTAT) keeps that
    source while the number is unchanged; a number typed by the user is the
    questionnaire's.
    """

    def __init__(self, path: Path, plain: bool = False, width: int = 140) -> None:
        edit = QLineEdit()
        edit.setMaximumWidth(width)
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        super().__init__(path, edit)
        self.plain = plain  # a plain int field (year, count), not a sourced value
        self.original: Any = None
        _, _, unit = field_info(path)
        self.unit = QLabel(unit_label(unit))
        self.unit.setObjectName("hint")
        if not plain:
            edit.setPlaceholderText(self.tr("not known"))
        edit.textEdited.connect(lambda _t: self.changed.emit())
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit)
        row.addWidget(self.unit)
        row.addStretch(1)
        self.container = box

    def load(self, doc: dict[str, Any]) -> None:
        self.original = get_in(doc, self.path)
        self.widget.setText(format_number(number_of(self.original)))
        source = self.original.get("reference") if isinstance(self.original, dict) else None
        self.widget.setToolTip(source or "")

    def store(self, doc: dict[str, Any]) -> None:
        value = parse_number(self.widget.text())
        if isinstance(self.original, dict) and number_of(self.original) == value:
            set_in(doc, self.path, self.original)
        else:
            set_in(doc, self.path, value)


class ListBinding(Binding):
    """A list of short texts, one per line (or comma-separated on one line)."""

    def __init__(self, path: Path, one_line: bool = False) -> None:
        widget: QLineEdit | QPlainTextEdit = QLineEdit() if one_line else QPlainTextEdit()
        super().__init__(path, widget)
        self.one_line = one_line
        if isinstance(widget, QPlainTextEdit):
            widget.setTabChangesFocus(True)
            widget.setMinimumHeight(80)
            widget.textChanged.connect(self.changed.emit)
        else:
            widget.textEdited.connect(lambda _t: self.changed.emit())

    def load(self, doc: dict[str, Any]) -> None:
        items = get_in(doc, self.path) or []
        if self.one_line:
            self.widget.setText(", ".join(map(str, items)))
        else:
            self.widget.setPlainText("\n".join(map(str, items)))

    def store(self, doc: dict[str, Any]) -> None:
        if self.one_line:
            parts = self.widget.text().split(",")
        else:
            parts = self.widget.toPlainText().splitlines()
        set_in(doc, self.path, [p.strip() for p in parts if p.strip()])


Column = tuple[str, str, str, list[tuple[Any, str]] | None]  # key, header, kind, options


class TableBinding(Binding):
    """A list of objects (teams, coaches, facilities...) as an editable table."""

    def __init__(
        self,
        path: Path,
        columns: list[Column],
        new_row: Callable[[], dict[str, Any]],
        add_text: str,
    ) -> None:
        table = QTableWidget(0, len(columns))
        super().__init__(path, table)
        self.columns = columns
        self.new_row = new_row
        self.originals: list[dict[str, Any]] = []
        table.setHorizontalHeaderLabels([c[1] for c in columns])
        table.verticalHeader().setVisible(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setTabKeyNavigation(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setMinimumHeight(150)
        table.itemChanged.connect(lambda _i: self.changed.emit())
        self.add_button = QPushButton(icon("new"), add_text)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(icon("trash"), self.tr("Remove selected row"))
        self.remove_button.clicked.connect(self.remove_row)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.container = box

    @property
    def table(self) -> QTableWidget:
        return self.widget  # type: ignore[return-value]

    def _set_row(self, row: int, data: dict[str, Any]) -> None:
        table = self.table
        table.blockSignals(True)
        for column, (key, _header, kind, options) in enumerate(self.columns):
            value = data.get(key)
            if kind == "choice":
                combo = QComboBox()
                for option, text in options or []:
                    combo.addItem(text, option)
                combo.setCurrentIndex(max(0, combo.findData(value)))
                combo.activated.connect(lambda _i: self.changed.emit())
                table.setCellWidget(row, column, combo)
                continue
            if kind in ("int", "number", "cost"):
                text = format_number(number_of(value))
            else:
                text = "" if value is None else str(value)
            item = QTableWidgetItem(text)
            if kind in ("int", "number", "cost"):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)
        table.blockSignals(False)

    def add_row(self) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.originals.append({})
        self._set_row(row, self.new_row())
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))
        self.changed.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        del self.originals[row]
        self.changed.emit()

    def load(self, doc: dict[str, Any]) -> None:
        rows = get_in(doc, self.path) or []
        self.table.setRowCount(0)
        self.table.setRowCount(len(rows))
        self.originals = [dict(r) if isinstance(r, dict) else {} for r in rows]
        for n, data in enumerate(rows):
            self._set_row(n, data if isinstance(data, dict) else {})

    def store(self, doc: dict[str, Any]) -> None:
        rows = []
        for row in range(self.table.rowCount()):
            data: dict[str, Any] = dict(self.originals[row]) if row < len(self.originals) else {}
            for column, (key, _header, kind, _options) in enumerate(self.columns):
                if kind == "choice":
                    combo = self.table.cellWidget(row, column)
                    data[key] = combo.currentData() if isinstance(combo, QComboBox) else None
                    continue
                item = self.table.item(row, column)
                text = item.text() if item else ""
                if kind in ("int", "number"):
                    data[key] = parse_number(text)
                elif kind == "cost":
                    value = parse_number(text)
                    basis = data.get("cost_basis")
                    unit = "EUR/ora" if basis == "per_hour" else "EUR/anno"
                    data[key] = None if value is None else {"value": value, "unit": unit}
                else:
                    data[key] = text.strip()
            rows.append(data)
        set_in(doc, self.path, rows)


class MembersBinding(Binding):
    """Members by age band and gender, last season and this season, in one grid."""

    BANDS = ("under_6", "age_6_12", "age_13_18", "adults", "over_60")
    SEASONS = ("members_last_season", "members_current_season")

    def __init__(self) -> None:
        table = QTableWidget(len(self.BANDS), 4)
        super().__init__(("people", "members_current_season"), table)
        self.paths = [("people", season) for season in self.SEASONS]
        last, current = (label(("people", s)) for s in self.SEASONS)
        male, female = (
            label(("people", "members_last_season", "adults", "male")),
            label(("people", "members_last_season", "adults", "female")),
        )
        table.setHorizontalHeaderLabels(
            [f"{last}\n{male}", f"{last}\n{female}", f"{current}\n{male}", f"{current}\n{female}"]
        )
        table.setVerticalHeaderLabels(
            [label(("people", "members_last_season", band)) for band in self.BANDS]
        )
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setTabKeyNavigation(True)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        height = table.horizontalHeader().sizeHint().height() + 8
        height += sum(table.verticalHeader().sectionSize(r) for r in range(len(self.BANDS)))
        table.setFixedHeight(max(height, 190))
        table.itemChanged.connect(lambda _i: self.changed.emit())
        self.container = table

    def _cells(self):
        for row, band in enumerate(self.BANDS):
            for column, (season, gender) in enumerate(
                (
                    (self.SEASONS[0], "male"),
                    (self.SEASONS[0], "female"),
                    (self.SEASONS[1], "male"),
                    (self.SEASONS[1], "female"),
                )
            ):
                yield row, column, ("people", season, band, gender)

    def load(self, doc: dict[str, Any]) -> None:
        table: QTableWidget = self.widget  # type: ignore[assignment]
        table.blockSignals(True)
        for row, column, path in self._cells():
            item = QTableWidgetItem(format_number(number_of(get_in(doc, path))))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)
        table.blockSignals(False)

    def store(self, doc: dict[str, Any]) -> None:
        table: QTableWidget = self.widget  # type: ignore[assignment]
        for row, column, path in self._cells():
            item = table.item(row, column)
            set_in(doc, path, parse_number(item.text() if item else ""))
