"""The licence: what state it is in, in words, and the three ways forward.

Shown at start-up unless the app is licensed, and from Settings. Nothing is
ever locked: "Continue in evaluation" always works. Importing a licence
checks it for this machine before replacing anything; the activation
request is a file the user e-mails to the vendor (no network needed).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.errors import show_error
from desktop.icons import icon
from engine.licence import current_licence, trusted_keys_path
from engine.version import app_version
from licensing import LicenceState, LicenceStatus
from licensing.status import LABELS

log = logging.getLogger(__name__)


class LicenceDialog(QDialog):
    licence_changed = Signal(object)  # the new LicenceState

    def __init__(self, home: Path, state: LicenceState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.state = state
        self.setWindowTitle(self.tr("Licence"))
        self.setMinimumWidth(760)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.next_step = QLabel()
        self.next_step.setWordWrap(True)
        self.next_step.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        fingerprint_label = QLabel(self.tr("This computer's code (send it to get a licence):"))
        self.fingerprint = QLineEdit()
        self.fingerprint.setReadOnly(True)
        self.fingerprint.setAccessibleName(self.tr("Machine code"))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.fingerprint.setFont(mono)
        self.fingerprint.setMinimumWidth(
            self.fingerprint.fontMetrics().horizontalAdvance("v1:" + "0" * 64) + 16
        )
        self.copy_button = QPushButton(icon("copy"), self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy_fingerprint)
        row = QHBoxLayout()
        row.addWidget(self.fingerprint, 1)
        row.addWidget(self.copy_button)
        self.import_button = QPushButton(icon("import"), self.tr("Import licence file…"))
        self.import_button.clicked.connect(self.choose_licence_file)
        self.request_button = QPushButton(icon("export"), self.tr("Create activation request…"))
        self.request_button.clicked.connect(self.choose_request_file)
        self.continue_button = QPushButton(self.tr("Continue in evaluation"))
        self.continue_button.setObjectName("primary")
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self.accept)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.request_button)
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.next_step)
        layout.addSpacing(8)
        layout.addWidget(fingerprint_label)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.show_state(state)

    def show_state(self, state: LicenceState) -> None:
        lang = i18n.current()
        self.state = state
        label = LABELS[state.status][0 if lang == "it" else 1]
        if state.is_licensed:
            self.title.setText(self.tr("Licence: {status}").format(status=label))
        elif state.status is LicenceStatus.MISSING:
            self.title.setText(self.tr("Welcome to Rooting Future"))
        else:
            self.title.setText(self.tr("Licence: {status} – evaluation mode").format(status=label))
        self.message.setText(state.message(lang))
        step = state.next_step(lang)
        self.next_step.setText(step)
        self.next_step.setVisible(bool(step) and state.status is not LicenceStatus.VALID)
        self.fingerprint.setText(state.fingerprint or self.tr("not available on this computer"))
        self.fingerprint.setCursorPosition(0)
        self.copy_button.setEnabled(bool(state.fingerprint))
        self.request_button.setEnabled(bool(state.fingerprint))
        self.continue_button.setText(
            self.tr("Close") if state.is_licensed else self.tr("Continue in evaluation")
        )

    def copy_fingerprint(self) -> None:
        if self.state.fingerprint:
            QGuiApplication.clipboard().setText(self.state.fingerprint)
            self.copy_button.setText(self.tr("Copied"))

    # --- import -------------------------------------------------------------------------

    def choose_licence_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import licence file"),
            str(Path.home()),
            self.tr("Licence files (*.lic *.txt);;All files (*)"),
        )
        if path:
            self.install(Path(path))

    def install(self, path: Path) -> bool:
        from licensing.startup import build_state
        from licensing.store import install_licence
        from licensing.verifier import Verification

        lang = i18n.current()
        outcome = install_licence(self.home, path, trusted_keys_path())
        if outcome.bad_input:
            self.result.setText(self.tr("Cannot read the file {path}.").format(path=path))
            return False
        if not outcome.installed:
            refused = build_state(
                Verification(outcome.status, outcome.licence, outcome.detail),
                self.state.fingerprint,
                now=self.state.checked_at or 0,
            )
            self.result.setText(
                self.tr("Licence not installed: {reason} {step}").format(
                    reason=refused.message(lang), step=refused.next_step(lang)
                )
            )
            return False
        state = current_licence(self.home)
        self.result.setText(self.tr("Licence installed."))
        self.show_state(state)
        self.licence_changed.emit(state)
        return True

    # --- activation request -------------------------------------------------------------

    def choose_request_file(self) -> None:
        default = str(Path.home() / "richiesta-attivazione.txt")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save activation request"), default, self.tr("Text files (*.txt)")
        )
        if path:
            self.write_request(Path(path))

    def write_request(self, out: Path) -> bool:
        from licensing.activation import ActivationError, write_request

        try:
            write_request(self.home, out, app_version=app_version())
        except ActivationError as error:
            show_error(self, error)
            return False
        self.result.setText(
            self.tr(
                "Activation request saved to {path}. Send it by e-mail to Rooting Future: "
                "you will receive a licence file to import here."
            ).format(path=out)
        )
        return True
