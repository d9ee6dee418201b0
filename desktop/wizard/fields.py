"""Form fields bound to a path in the club document (the JSON a club file holds).

Each binding loads its value from the document, writes it back, and shows
the domain's own validation messages for its path. Labels and units come
from the domain model (Italian ``title``, English ``title_en``), so the form,
the error messages and the club file always use the same words.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
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
from desktop.theme import BADGES, pair
from engine import formatting
from engine.domain import ClubProfile, Issue, Language
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


CURRENCY = re.compile(r"^(?:€|eur(?:o)?)\s*|\s*(?:€|eur(?:o)?)$", re.IGNORECASE)


def parse_number(text: str) -> int | float | str | None:
    """'' -> None (to be collected); '1.500' / '1500,5' / '€ 2.000,00' in Italian; bad text
    stays text (the domain then says "a number is expected")."""
    text = CURRENCY.sub("", text.strip())  # "€ 2000", "2000 €", "EUR 1.500": the amount
    text = text.strip().replace(" ", "").replace("\u00a0", "").replace("\u2212", "-")
    if not text:
        return None
    locale = QLocale()
    value, ok = locale.toDouble(text)
    if not ok:
        group, point = locale.groupSeparator(), locale.decimalPoint()
        grouped = rf"[-+]?\d{{1,3}}({re.escape(group)}\d{{3}})+({re.escape(point)}\d+)?"
        if re.fullmatch(grouped, text):  # '4.800' in Italian: Qt wants five digits to group
            text = text.replace(group, "").replace(point, ".")
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            return text  # the domain says "a number is expected"
    return int(value) if float(value).is_integer() else value


def format_number(value: Any, grouped: bool = True) -> str:
    """A typed number shown back as the plan prints it ("38.000"), so a column never mixes
    "38.000" and "6500". ``grouped`` False for years ("1924", never "1.924")."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if not grouped:
        return str(int(value)) if float(value).is_integer() else str(value)
    language = Language.IT if QLocale().language() == QLocale.Language.Italian else Language.EN
    decimals = 0 if float(value).is_integer() else 2
    text = formatting.number(value, language, decimals).replace("\u2212", "-")
    point = "," if language is Language.IT else "."
    return text.rstrip("0").rstrip(point) if decimals else text


def number_of(raw: Any) -> Any:
    """The number inside a plain answer or a sourced object."""
    return raw.get("value") if isinstance(raw, dict) else raw


ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DAY_FIRST_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")


def parse_date(text: str) -> str | None:
    """'31/12/2027', '31.12.27' or '2027-12-31' -> '2027-12-31'; '' -> None; bad text stays text."""
    text = text.strip()
    if not text:
        return None
    if match := ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := DAY_FIRST_DATE.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
        year += 2000 if year < 100 else 0
    else:
        return text  # the domain says which form a date needs
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return text


def format_date(value: Any) -> str:
    """An ISO date as the user reads it (31/12/2027); anything else as written."""
    if value is None:
        return ""
    try:
        return dt.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


def column_header(path: Path, width: int = 22) -> str:
    """A table column's header: the field's label, wrapped, with its unit on a line of its
    own. Examples in brackets stay in the tooltip (the full label); a short note such as
    "(anni)" or "(una frase)" stays in the header."""
    title = label(path)
    head, _, note = title.partition(" (")
    if note and (len(note) > 16 or note.startswith(("es.", "e.g.", "eg."))):
        title = head
    _, _, unit = field_info(path)
    lines = textwrap.wrap(title, width) or [title]
    if unit:
        lines.append(unit_label(unit))
    return "\n".join(lines)


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

    def focus_path(self, path: Path) -> None:
        """Put the cursor where the issue at ``path`` is."""
        self.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

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
        self.widget.setText(format_number(number_of(self.original), grouped=not self.plain))
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


Options = list[tuple[Any, str]] | Callable[[dict[str, Any]], list[tuple[Any, str]]]
Column = tuple[str, str, str, Options | None]  # key, header, kind, options
NUMBER_KINDS = ("int", "number", "cost")
TEXT_KINDS = ("text", "optional_text")
TEXT_COLUMN_WIDTH = 180  # a second text column wraps past this: the first one gets the room
TABLE_HEIGHT = (120, 460)  # a table grows with its rows between these, then scrolls


class TableBinding(Binding):
    """A list of objects (teams, coaches, facilities...) as an editable table.

    Column kinds: ``text``, ``optional_text`` (blank is "not given"), ``int`` and
    ``number`` (blank is "not known"), ``cost`` (a facility's cost, its unit from
    the row's cost basis), ``date`` (typed 31/12/2027 or 2027-12-31, kept as ISO)
    and ``choice``. A choice's options may depend on the rest of the row: give a
    function of the row's values, and they are listed again whenever another
    choice of the row changes (an objective offered for the chosen area).

    The first column takes the room left; numbers, dates and choices fit their
    contents; other text columns start at most ``TEXT_COLUMN_WIDTH`` wide (the
    user can widen them). Long text wraps and its row grows to show it.
    """

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
        for column, (key, *_rest) in enumerate(columns):
            full = label((*path, 0, key))
            if full != key:
                table.horizontalHeaderItem(column).setToolTip(full)
        table.verticalHeader().setVisible(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setTabKeyNavigation(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, (_key, _header, kind, _options) in enumerate(columns):
            if column and kind in TEXT_KINDS:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setWordWrap(True)
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows.setMinimumSectionSize(table.fontMetrics().height() + 12)
        table.setMinimumHeight(TABLE_HEIGHT[0])
        # rows settle their height once the table has its width: fit the table then
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.timeout.connect(self._fit_height)
        rows.sectionResized.connect(lambda *_a: self._fit_timer.start(0))
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

    def _fit_text_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column, (_key, _header, kind, _options) in enumerate(self.columns):
            if column and kind in TEXT_KINDS:
                least = header.sectionSizeHint(column)
                wanted = max(least, self.table.sizeHintForColumn(column))
                header.resizeSection(column, min(wanted, max(least, TEXT_COLUMN_WIDTH)))

    def _fit_height(self) -> None:
        """Every row in sight (and room for one more), so the page scrolls, not the table."""
        table = self.table
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        height = (
            table.horizontalHeader().sizeHint().height()
            + rows
            + table.verticalHeader().minimumSectionSize()
            + table.horizontalScrollBar().sizeHint().height()
            + 2 * table.frameWidth()
        )
        table.setMinimumHeight(min(max(TABLE_HEIGHT[0], height), TABLE_HEIGHT[1]))

    def column_of(self, key: str) -> int:
        return next((n for n, c in enumerate(self.columns) if c[0] == key), -1)

    def _options(self, options: Options | None, data: dict[str, Any]) -> list[tuple[Any, str]]:
        return (options(data) if callable(options) else options) or []

    def _fill_combo(self, combo: QComboBox, options: list[tuple[Any, str]], value: Any) -> None:
        combo.clear()
        for option, text in options:
            combo.addItem(text, option)
        if value is not None and combo.findData(value) < 0:
            combo.addItem(str(value), value)  # as written in the file: the domain says why
        combo.setCurrentIndex(max(0, combo.findData(value)))

    def _set_row(self, row: int, data: dict[str, Any]) -> None:
        table = self.table
        table.blockSignals(True)
        for column, (key, _header, kind, options) in enumerate(self.columns):
            value = data.get(key)
            if kind == "choice":
                combo = QComboBox()
                combo.setAccessibleName(self.columns[column][1].replace("\n", " "))
                self._fill_combo(combo, self._options(options, data), value)
                combo.activated.connect(lambda _i, c=combo: self._choice_changed(c))
                table.setCellWidget(row, column, combo)
                continue
            if kind in NUMBER_KINDS:
                text = format_number(number_of(value), grouped=kind != "int")
            elif kind == "date":
                text = format_date(value)
            else:
                text = "" if value is None else str(value)
            item = QTableWidgetItem(text)
            if kind in NUMBER_KINDS:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)
        table.blockSignals(False)

    def _choice_changed(self, combo: QComboBox) -> None:
        """List again the options that depend on the row (keeping the answer if it still fits)."""
        row = next(
            (
                r
                for r in range(self.table.rowCount())
                for c in range(len(self.columns))
                if self.table.cellWidget(r, c) is combo
            ),
            -1,
        )
        if row >= 0:
            data = self._row_values(row, {})
            for column, (key, _header, kind, options) in enumerate(self.columns):
                dependent = self.table.cellWidget(row, column)
                if kind == "choice" and callable(options) and isinstance(dependent, QComboBox):
                    fresh = self._options(options, data)
                    value = data.get(key)
                    self._fill_combo(
                        dependent, fresh, value if any(o == value for o, _t in fresh) else None
                    )
        self.changed.emit()

    def add_row(self) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.originals.append({})
        self._set_row(row, self.new_row())
        self.table.setCurrentCell(row, 0)
        self._fit_height()
        if self.table.isVisible():  # start typing the new row's first answer
            self.table.editItem(self.table.item(row, 0))
        self.changed.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        del self.originals[row]
        self._fit_height()
        self.changed.emit()

    def load(self, doc: dict[str, Any]) -> None:
        rows = get_in(doc, self.path) or []
        self.table.setRowCount(0)
        self.table.setRowCount(len(rows))
        self.originals = [dict(r) if isinstance(r, dict) else {} for r in rows]
        for n, data in enumerate(rows):
            self._set_row(n, data if isinstance(data, dict) else {})
        self._fit_text_columns()
        self._fit_height()

    def _row_values(self, row: int, data: dict[str, Any]) -> dict[str, Any]:
        """The row as the document holds it, over ``data`` (the row as loaded)."""
        for column, (key, _header, kind, _options) in enumerate(self.columns):
            if kind == "choice":
                combo = self.table.cellWidget(row, column)
                data[key] = combo.currentData() if isinstance(combo, QComboBox) else None
                continue
            item = self.table.item(row, column)
            text = item.text() if item else ""
            original = data.get(key)
            if kind in ("int", "number"):
                value = parse_number(text)
                # a sourced answer keeps its source while its number is unchanged
                keep = isinstance(original, dict) and number_of(original) == value
                data[key] = original if keep else value
            elif kind == "cost":
                value = parse_number(text)
                basis = data.get("cost_basis")
                unit = "EUR/ora" if basis == "per_hour" else "EUR/anno"
                keep = (
                    isinstance(original, dict)
                    and number_of(original) == value
                    and original.get("unit") == unit
                )
                if not keep:
                    data[key] = None if value is None else {"value": value, "unit": unit}
            elif kind == "date":
                data[key] = parse_date(text)
            elif kind == "optional_text":
                data[key] = text.strip() or None
            else:
                data[key] = text.strip()
        return data

    def store(self, doc: dict[str, Any]) -> None:
        rows = []
        for row in range(self.table.rowCount()):
            data: dict[str, Any] = dict(self.originals[row]) if row < len(self.originals) else {}
            rows.append(self._row_values(row, data))
        set_in(doc, self.path, rows)

    def show_issues(self, issues: list[Issue]) -> None:
        """The messages under the table, and each cell in question tinted with its message."""
        super().show_issues(issues)
        lang = i18n.current()
        cells: dict[tuple[int, int], list[str]] = {}
        for issue in issues:
            rest = issue.path[len(self.path) :]
            if len(rest) >= 2 and isinstance(rest[0], int) and isinstance(rest[1], str):
                column = self.column_of(rest[1])
                if column >= 0:
                    cells.setdefault((rest[0], column), []).append(issue.message(lang))
        background, foreground = (QColor(c) for c in pair(BADGES, "missing"))
        table = self.table
        table.blockSignals(True)
        for row in range(table.rowCount()):
            for column in range(table.columnCount()):
                messages = cells.get((row, column))
                tip = "\n".join(messages) if messages else ""
                widget = table.cellWidget(row, column)
                if widget is not None:
                    widget.setToolTip(tip)
                    widget.setProperty("invalid", bool(messages))
                item = table.item(row, column)
                if item is not None:
                    item.setToolTip(tip)
                    item.setBackground(QBrush(background) if messages else QBrush())
                    item.setForeground(QBrush(foreground) if messages else QBrush())
        table.blockSignals(False)

    def focus_path(self, path: Path) -> None:
        """Put the cursor on the cell an issue is about."""
        rest = path[len(self.path) :]
        if rest and isinstance(rest[0], int) and rest[0] < self.table.rowCount():
            column = self.column_of(str(rest[1])) if len(rest) > 1 else 0
            self.table.setCurrentCell(rest[0], max(0, column))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)


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
