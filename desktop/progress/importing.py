"""Importing measured values from a club's spreadsheet: the columns, and what happened.

``engine.monitoring.importer`` finds the header row by its names (Indicatore, Stagione,
Valore...). When a sheet's headers say nothing it knows, ``MappingDialog`` asks once
which column holds what; the choice is kept in the window's QSettings (the ini file in
the data folder) under the headers' signature, and a sheet with the same headers is
read with it next time without asking. ``ImportSummaryDialog`` says how many values
were recorded and lists each row that could not be read, in the importer's words.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine.monitoring import importer

SETTINGS_GROUP = "import_mappings"
ORDER = ("objective", "indicator", "season", "review", "value")
SCAN_ROWS = 20  # where a header row may be (as the importer looks)


def settings_for(home: Path) -> QSettings:
    """The window's QSettings file (``window.ini`` in the data folder)."""
    from desktop.main_window import WINDOW_STATE_FILE

    return QSettings(str(Path(home) / WINDOW_STATE_FILE), QSettings.Format.IniFormat)


def _name(cell: object) -> str:
    return re.sub(r"\s+", " ", str(cell or "")).strip().lower()


def signature(row: list[object]) -> str:
    """The headers of a sheet, in order, as one key (case and spacing do not count)."""
    names = [_name(cell) for cell in row]
    while names and not names[-1]:
        names.pop()
    return hashlib.sha1("|".join(names).encode("utf-8")).hexdigest()[:16]


def guess_header(rows: list[list[object]]) -> int | None:
    """The header row of a sheet the importer does not recognise: the first row with as
    many filled cells as any row near the top (a title row above has only one)."""
    counts = [sum(bool(_name(c)) for c in row) for row in rows[:SCAN_ROWS]]
    if not counts or max(counts) == 0:
        return None
    widest = max(counts)
    return next(n for n, count in enumerate(counts) if count == widest)


class MappingMemory:
    """Column choices by the headers' signature, in QSettings."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def get(self, row: list[object]) -> dict[str, int] | None:
        raw = self.settings.value(f"{SETTINGS_GROUP}/{signature(row)}")
        if not raw:
            return None
        try:
            mapping = {str(k): int(v) for k, v in json.loads(str(raw)).items()}
        except (ValueError, TypeError, AttributeError):
            return None
        if not all(name in mapping for name in importer.REQUIRED):
            return None
        if any(column >= len(row) or column < 0 for column in mapping.values()):
            return None
        return mapping

    def remember(self, row: list[object], mapping: dict[str, int]) -> None:
        self.settings.setValue(f"{SETTINGS_GROUP}/{signature(row)}", json.dumps(mapping))
        self.settings.sync()

    def find(self, rows: list[list[object]]) -> tuple[int, dict[str, int]] | None:
        """The header row and the columns chosen earlier for a sheet like this one."""
        for index, row in enumerate(rows[:SCAN_ROWS]):
            if any(_name(c) for c in row):
                mapping = self.get(row)
                if mapping is not None:
                    return index, mapping
        return None


class MappingDialog(QDialog):
    """Which column holds what: one choice per field, the sheet's headers as options."""

    def __init__(
        self,
        headers: list[str],
        sample: list[object],
        row_number: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Columns of the sheet"))
        self.setMinimumWidth(520)
        self.headers = headers
        labels = {
            "objective": self.tr("Objective (code, e.g. SP1)"),
            "indicator": self.tr("Indicator or finance item"),
            "season": self.tr("Season (e.g. 2026/27)"),
            "review": self.tr("Review (mid or end)"),
            "value": self.tr("Value measured"),
        }
        intro = QLabel(
            self.tr(
                "The headers of this sheet (row {row}) are not the usual ones. Say which "
                "column holds what: the choice is remembered for sheets with the same "
                "headers. Indicator, season and value are needed; without a review column "
                "the values count for the season end."
            ).format(row=row_number)
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for name in ORDER:
            combo = QComboBox()
            combo.addItem(self.tr("(not in the sheet)"), -1)
            for column, header in enumerate(headers):
                cell = sample[column] if column < len(sample) else None
                example = "" if cell is None else str(cell).strip()
                shown = header or self.tr("column {n}").format(n=column + 1)
                if example:
                    shown = self.tr("{header} (e.g. {example})").format(
                        header=shown, example=example[:30]
                    )
                combo.addItem(shown, column)
            combo.setAccessibleName(labels[name])
            combo.currentIndexChanged.connect(lambda _i: self._update())
            form.addRow(labels[name], combo)
            self.combos[name] = combo
        guessed = self._guess()
        self.choose(guessed)
        self.problem = QLabel()
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._update()

    def _guess(self) -> dict[str, int]:
        """Columns whose header holds one of the importer's words (a partial match)."""
        found: dict[str, int] = {}
        for name, words in importer.FIELDS.items():
            for column, header in enumerate(self.headers):
                if column not in found.values() and any(w in _name(header) for w in words):
                    found[name] = column
                    break
        return found

    def choose(self, mapping: dict[str, int]) -> None:
        for name, combo in self.combos.items():
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(name, -1))))

    def mapping(self) -> dict[str, int]:
        return {
            name: int(combo.currentData())
            for name, combo in self.combos.items()
            if int(combo.currentData()) >= 0
        }

    def _update(self) -> None:
        if not hasattr(self, "problem"):
            return
        mapping = self.mapping()
        missing = [name for name in importer.REQUIRED if name not in mapping]
        twice = len(set(mapping.values())) < len(mapping)
        if missing:
            text = self.tr("Choose the columns of indicator, season and value.")
        elif twice:
            text = self.tr("Each column can hold only one thing: choose another for the repeat.")
        else:
            text = ""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.ok_button.setEnabled(not text)


class ImportSummaryDialog(QDialog):
    """How many values were recorded, and each row that could not be read."""

    def __init__(
        self, file_name: str, recorded: int, problems: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import from spreadsheet"))
        self.setMinimumWidth(560)
        self.recorded = recorded
        self.problems = problems
        self.headline = QLabel(
            self.tr("%n value(s) recorded from {file}.", "", recorded).format(file=file_name)
        )
        self.headline.setObjectName("sectionTitle")
        self.headline.setWordWrap(True)
        self.detail = QLabel(
            self.tr(
                "%n row(s) could not be read and were left out: correct them in the sheet "
                "and import it again (the values already recorded stay as they are).",
                "",
                len(problems),
            )
            if problems
            else self.tr("Every row with a value was read.")
        )
        self.detail.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAccessibleName(self.tr("Rows not read"))
        self.list.addItems(problems)
        self.list.setVisible(bool(problems))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
