"""Errors as users meet them: a plain message, never a traceback on screen.

Known failures (store, export, validation, model provider, keyring) carry
their own Italian and English words. Anything else is a bug: it is logged
with its traceback (secrets redacted) and shown as a short apology with a
"Copy details" button and the log file's location, so a user can send it.
``install_excepthooks`` routes ``sys.excepthook`` and ``threading.excepthook``
to that dialog, on the GUI thread whatever thread failed.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.icons import icon
from engine.redaction import redact

log = logging.getLogger(__name__)


def user_message(error: BaseException, language: str | None = None) -> str | None:
    """The words for a failure the user can act on, or None for a bug."""
    language = language or i18n.current()
    message = getattr(error, "message", None)
    if callable(message) and hasattr(error, "messages"):
        try:
            return str(message(language))
        except Exception:  # pragma: no cover - a broken message is a bug in itself
            return None
    render = getattr(error, "render", None)
    if callable(render) and hasattr(error, "issues"):  # DomainValidationError
        return str(render(language))
    from licensing.secrets import SecretStoreUnavailable

    if isinstance(error, SecretStoreUnavailable):
        return error.message(language)
    if hasattr(error, "it") and hasattr(error, "en"):  # licensing ActivationError
        return str(error.it if language == "it" else error.en)
    return None


def details_of(error: BaseException) -> str:
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return redact(text)


class ErrorDialog(QDialog):
    """An unexpected error: what happened in words, the details one click away."""

    def __init__(self, summary: str, details: str, log_file: Path | None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setMinimumWidth(520)
        self.details = details
        headline = QLabel(
            self.tr(
                "Rooting Future met an unexpected problem. Your saved plans are safe. "
                "If it happens again, copy the details and send them to support."
            )
        )
        headline.setWordWrap(True)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setVisible(False)
        self.text.setMinimumHeight(200)
        toggle = QPushButton(self.tr("Show details"))
        toggle.setCheckable(True)
        toggle.toggled.connect(self.text.setVisible)
        toggle.toggled.connect(
            lambda on: toggle.setText(self.tr("Hide details") if on else self.tr("Show details"))
        )
        self.copy_button = QPushButton(icon("copy"), self.tr("Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        row = QHBoxLayout()
        row.addWidget(toggle)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addWidget(self.summary)
        if log_file is not None:
            where = QLabel(self.tr("Log file: {path}").format(path=log_file))
            where.setWordWrap(True)
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(where)
        layout.addLayout(row)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))


def show_error(parent: QWidget | None, error: BaseException | str, title: str = "") -> None:
    """One place for every failure shown to the user."""
    title = title or "Rooting Future"
    if isinstance(error, str):
        QMessageBox.warning(parent, title, error)
        return
    message = user_message(error)
    if message is not None:
        log.info("shown to the user: %s", redact(message))
        QMessageBox.warning(parent, title, message)
        return
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    ErrorHooks.show_unexpected(parent, error)


class ErrorHooks(QObject):
    """Receives uncaught exceptions from any thread and shows them on the GUI thread."""

    raised = Signal(str, str)
    log_file: Path | None = None
    open_dialogs: list[ErrorDialog] = []  # noqa: RUF012 - one shared list on purpose

    def __init__(self, log_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        ErrorHooks.log_file = log_file
        self.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> None:
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def _excepthook(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        log.error("uncaught exception", exc_info=(kind, error, tb))
        text = redact("".join(traceback.format_exception(kind, error, tb)))
        summary = user_message(error) or f"{kind.__name__}: {redact(str(error))[:300]}"
        self.raised.emit(summary, text)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self._excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, summary: str, details: str) -> None:
        if len(ErrorHooks.open_dialogs) >= 3:
            return  # an error storm: three dialogs say enough, the log has the rest
        ErrorHooks._open(None, summary, details)

    @staticmethod
    def show_unexpected(parent: QWidget | None, error: BaseException) -> None:
        summary = f"{type(error).__name__}: {redact(str(error))[:300]}"
        ErrorHooks._open(parent, summary, details_of(error))

    @staticmethod
    def _open(parent: QWidget | None, summary: str, details: str) -> None:
        dialog = ErrorDialog(summary, details, ErrorHooks.log_file, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ErrorHooks.open_dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: ErrorHooks.open_dialogs.remove(d))
        dialog.show()


def install_excepthooks(log_file: Path | None, parent: QObject | None = None) -> ErrorHooks:
    hooks = ErrorHooks(log_file, parent)
    hooks.install()
    return hooks
