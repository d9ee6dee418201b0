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
from PySide6.QtCore import QLocale, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.icons import icon
from desktop.theme import BADGES, pair
from engine import formatting
from engine.domain import ClubProfile, Issue, Language
from engine.domain.errors import field_steps

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
    title_it = title_en = str(path[-1])
    unit = None
    for step, info in field_steps(root, path):
        if isinstance(step, int):
            continue
        if info is None:
            break
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        title_it = info.title or step
        title_en = str(extra.get("title_en", title_it))
        unit = extra.get("unit")
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


def has_answer(value: Any) -> bool:
    """Whether the user wrote something here (0 and a ticked box count; blanks do not)."""
    if isinstance(value, dict):
        return any(has_answer(v) for v in value.values())
    if isinstance(value, list):
        return any(has_answer(v) for v in value) or any(isinstance(v, dict) for v in value)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value is not False


def contains(ancestor: QWidget, widget: QWidget | None) -> bool:
    """``widget`` is ``ancestor`` or inside it, popups included (a combo's list is a window of
    its own, which ``QWidget.isAncestorOf`` stops at)."""
    while widget is not None:
        if widget is ancestor:
            return True
        widget = widget.parentWidget()
    return False


def tint_cell(table: QTableWidget, row: int, column: int, messages: list[str] | None) -> None:
    """A cell in question tinted, with its messages as the tooltip (or back to normal)."""
    background, foreground = (QColor(c) for c in pair(BADGES, "missing"))
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


class Caption(QLabel):
    """A field's caption: on one line when it fits in ``widest`` pixels, else wrapped there.

    QFormLayout sizes the caption column from the captions' size hints and their height at
    that column's width; a wrapping QLabel hints a narrower width of its own, wraps there and
    was cut in half ("Quota media per atleta"). Hinting the width it really takes keeps the
    two the same.
    """

    def __init__(self, text: str, widest: int) -> None:
        super().__init__(text)
        self.setWordWrap(True)
        self.widest = widest

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        natural = self.fontMetrics().horizontalAdvance(self.text()) + 2 * self.margin()
        natural += margins.left() + margins.right() + 2  # rounding: never wrap what fits
        width = min(natural, self.widest)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


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
        # The message's line is kept even while hidden, so a message appearing never moves
        # the fields below it (nor the one the user is about to click).
        policy = self.error.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.error.setSizePolicy(policy)
        self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing())
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

    def where(self, issue: Issue, lang: str) -> str:
        """What inside this field an issue is about ("n. 2 › Numero di squadre: "), if not
        the field itself."""
        if not issue.path[len(self.path) :]:
            return ""
        return " › ".join(issue.label(lang).split(" › ")[-2:]) + ": "

    def show_issues(self, issues: list[Issue]) -> None:
        lang = i18n.current()
        lines = [self.where(issue, lang) + issue.message(lang) for issue in issues]
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

    def __init__(
        self, path: Path, plain: bool = False, width: int = 140, unit: str | None = None
    ) -> None:
        """``unit`` overrides the domain's unit in the label only (what is stored is the same)."""
        edit = QLineEdit()
        edit.setMaximumWidth(width)
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        super().__init__(path, edit)
        self.plain = plain  # a plain int field (year, count), not a sourced value
        self.original: Any = None
        unit = unit or field_info(path)[2]
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


def swatch_icon(colour: QColor, size: int = 20) -> QIcon:
    """A square of ``colour`` with a grey border, so white shows on a light window too."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("#808080"))
    painter = QPainter(pixmap)
    painter.fillRect(1, 1, size - 2, size - 2, colour)
    painter.end()
    return QIcon(pixmap)


class ColoursBinding(ListBinding):
    """The club colours: typed as hex codes, shown as swatches, chosen with Qt's colour picker.

    A swatch changes its colour; *Add a colour…* appends one (up to the domain's three).
    Typed codes keep working: the swatches follow the text.
    """

    MOST = 3

    def __init__(self, path: Path) -> None:
        super().__init__(path, one_line=True)
        self.swatches: list[QToolButton] = []
        for index in range(self.MOST):
            swatch = QToolButton()
            swatch.setAutoRaise(True)
            swatch.setIconSize(QSize(20, 20))
            swatch.clicked.connect(lambda _c=False, n=index: self.pick(n))
            self.swatches.append(swatch)
        self.add_button = QPushButton(self.tr("Add a colour…"))
        self.add_button.clicked.connect(lambda: self.pick(len(self.colours())))
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.widget, 1)
        for swatch in self.swatches:
            row.addWidget(swatch)
        row.addWidget(self.add_button)
        self.container = box
        self.widget.textChanged.connect(self._show_swatches)
        self._show_swatches()

    def colours(self) -> list[str]:
        return [part.strip() for part in self.widget.text().split(",") if part.strip()]

    def _show_swatches(self) -> None:
        colours = self.colours()
        for index, swatch in enumerate(self.swatches):
            code = colours[index] if index < len(colours) else ""
            colour = QColor(code)
            shown = bool(code) and colour.isValid() and code.startswith("#")
            swatch.setVisible(shown)
            if shown:
                swatch.setIcon(swatch_icon(colour))
                swatch.setToolTip(self.tr("Change the colour {code}").format(code=code.upper()))
                swatch.setAccessibleName(swatch.toolTip())
        self.add_button.setEnabled(len(colours) < self.MOST)

    def pick(self, index: int) -> None:
        """Qt's colour picker for colour ``index`` (one past the last adds a colour)."""
        colours = self.colours()
        current = QColor(colours[index]) if index < len(colours) else QColor("#FFFFFF")
        chosen = QColorDialog.getColor(
            current if current.isValid() else QColor("#FFFFFF"),
            self.widget,
            self.tr("Club colour"),
        )
        if not chosen.isValid():
            return  # cancelled
        colours[index : index + 1] = [chosen.name().upper()]
        self.widget.setText(", ".join(colours[: self.MOST]))
        self.changed.emit()


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
        table = self.table
        table.blockSignals(True)
        for row in range(table.rowCount()):
            for column in range(table.columnCount()):
                tint_cell(table, row, column, cells.get((row, column)))
        table.blockSignals(False)

    def focus_path(self, path: Path) -> None:
        """Put the cursor on the cell an issue is about."""
        rest = path[len(self.path) :]
        if rest and isinstance(rest[0], int) and rest[0] < self.table.rowCount():
            column = self.column_of(str(rest[1])) if len(rest) > 1 else 0
            self.table.setCurrentCell(rest[0], max(0, column))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)


class MembersBinding(Binding):
    """Members by age band and gender, last season and this season, in one grid.

    An empty cell is "not known" and a 0 is an answer: each band's *No one* button writes
    0 in its four cells, so a club without under-6s says so in one click. A message about a
    cell names its season, band and gender, and the cell is tinted and selected.
    """

    BANDS = ("under_6", "age_6_12", "age_13_18", "adults", "over_60")
    SEASONS = ("members_last_season", "members_current_season")
    COLUMNS = (
        (SEASONS[0], "male"),
        (SEASONS[0], "female"),
        (SEASONS[1], "male"),
        (SEASONS[1], "female"),
    )

    def __init__(self) -> None:
        table = QTableWidget(len(self.BANDS), len(self.COLUMNS) + 1)
        super().__init__(("people", "members_current_season"), table)
        self.paths = [("people", season) for season in self.SEASONS]
        table.setHorizontalHeaderLabels([*map(self._header, self.COLUMNS), ""])
        table.setVerticalHeaderLabels(
            [label(("people", "members_last_season", band)) for band in self.BANDS]
        )
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(len(self.COLUMNS), QHeaderView.ResizeMode.ResizeToContents)
        table.setTabKeyNavigation(True)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for each in (header, table.verticalHeader()):
            each.setHighlightSections(False)  # a bold header no longer fits its section
        self.none_buttons = [self._none_button(row) for row in range(len(self.BANDS))]
        height = header.sizeHint().height() + 2 * table.frameWidth() + 4
        height += sum(
            max(table.sizeHintForRow(r), table.verticalHeader().sectionSizeHint(r))
            for r in range(len(self.BANDS))
        )
        table.setFixedHeight(height)
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        table.itemChanged.connect(lambda _i: self.changed.emit())
        self.container = table

    @property
    def table(self) -> QTableWidget:
        return self.widget  # type: ignore[return-value]

    def _header(self, column: tuple[str, str]) -> str:
        season, gender = column
        return f"{label(('people', season))}\n{label(('people', season, 'adults', gender))}"

    def _none_button(self, row: int) -> QToolButton:
        button = QToolButton()
        button.setText(self.tr("No one"))
        band = label(("people", "members_last_season", self.BANDS[row]))
        button.setToolTip(
            self.tr(
                "No members in the band {band} in either season: writes 0 in its four cells "
                "(an empty cell means not known)."
            ).format(band=band)
        )
        button.setAccessibleName(self.tr("No one: {band}").format(band=band))
        button.clicked.connect(lambda _c=False: self.set_none(row))
        self.table.setCellWidget(row, len(self.COLUMNS), button)
        return button

    def set_none(self, row: int) -> None:
        """Band ``row`` has no members: 0 in each of its cells, an answer and not a blank."""
        table = self.table
        table.blockSignals(True)
        for column in range(len(self.COLUMNS)):
            table.setItem(row, column, self._item(0))
        table.blockSignals(False)
        self.changed.emit()

    def _item(self, value: Any) -> QTableWidgetItem:
        item = QTableWidgetItem(format_number(value))
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _cells(self):
        for row, band in enumerate(self.BANDS):
            for column, (season, gender) in enumerate(self.COLUMNS):
                yield row, column, ("people", season, band, gender)

    def cell_of(self, path: Path) -> tuple[int, int] | None:
        """The (row, column) of the cell an issue's path is about, if it is one."""
        for row, column, cell in self._cells():
            if tuple(path[: len(cell)]) == cell:
                return row, column
        return None

    def load(self, doc: dict[str, Any]) -> None:
        table = self.table
        table.blockSignals(True)
        for row, column, path in self._cells():
            table.setItem(row, column, self._item(number_of(get_in(doc, path))))
        table.blockSignals(False)

    def store(self, doc: dict[str, Any]) -> None:
        table = self.table
        for row, column, path in self._cells():
            item = table.item(row, column)
            set_in(doc, path, parse_number(item.text() if item else ""))

    def where(self, issue: Issue, lang: str) -> str:
        """The season, the band and the gender ("Tesserati stagione scorsa › 13-18 anni ›
        Maschi: "): the band and gender alone do not say which of the two seasons."""
        parts = issue.label(lang).split(" › ")[1:]  # without the step ("Persone")
        return " › ".join(parts) + ": " if parts else ""

    def show_issues(self, issues: list[Issue]) -> None:
        """The messages under the grid; each cell in question tinted and the first selected."""
        super().show_issues(issues)
        lang = i18n.current()
        cells: dict[tuple[int, int], list[str]] = {}
        for issue in issues:
            cell = self.cell_of(issue.path)
            if cell is not None:
                cells.setdefault(cell, []).append(issue.message(lang))
        table = self.table
        table.blockSignals(True)
        for row, column, _path in self._cells():
            tint_cell(table, row, column, cells.get((row, column)))
        table.blockSignals(False)
        if cells and not contains(table, QApplication.focusWidget()):
            table.setCurrentCell(*min(cells))  # the user is elsewhere: point at the cell

    def focus_path(self, path: Path) -> None:
        """Put the cursor on the cell an issue is about."""
        cell = self.cell_of(path)
        if cell is not None:
            self.table.setCurrentCell(*cell)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
