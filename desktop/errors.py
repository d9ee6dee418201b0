"""Errors as users meet them: a plain message, never a traceback on screen.

Known failures (store, export, validation, model provider, keyring) carry
their own Italian and English words; the keyring's are replaced by the
desktop's own (no backend names, no environment variables), and a message
that asks the user to contact us gets the vendor's address
(``resources/config/vendor.json``). Anything else is a bug: it is logged
with its traceback (secrets redacted) and shown as a short apology with a
"Copy details" button, the vendor's address and the log file's location, so
a user can send it. ``install_excepthooks`` routes ``sys.excepthook`` and
``threading.excepthook`` to that dialog, on the GUI thread whatever thread
failed. ``open_folder`` opens a folder or file in the system's program and,
when the system cannot, says where it is.
"""

from __future__ import annotations

import html
import logging
import re
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from urllib.parse import quote, urlencode

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import t
from desktop.icons import icon
from engine.domain.errors import DomainValidationError
from engine.errors import UserError
from engine.redaction import redact
from engine.vendor import vendor
from licensing.errors import UserError as LicensingUserError
from licensing.secrets import SecretStoreUnavailable

log = logging.getLogger(__name__)

# "(PermissionError)", ": OSError." — a class name is for the log, not for a club user.
_CLASS_NAME = re.compile(
    r"\s*\(\s*[A-Za-z_.]*(?:Error|Exception)\b[^)]*\)|:\s*[A-Za-z_.]*(?:Error|Exception)\b(?=[.\s]|$)"
)
_ASKS_FOR_US = re.compile(r"\b(?:contatt\w*|contact|assistenza|support)\b", re.IGNORECASE)


def user_message(error: BaseException, language: str | None = None) -> str | None:
    """The words for a failure the user can act on (a ``UserError``), or None for a bug."""
    language = language or i18n.current()
    if isinstance(error, SecretStoreUnavailable):
        log.info("keyring unavailable: %s", error.reason)  # the technical reason stays here
        return keyring_unavailable_message()
    if isinstance(error, DomainValidationError):
        return error.message(language)  # the list quotes the user's own answers: as written
    if isinstance(error, (UserError, LicensingUserError)):
        return plain_words(error.message(language))
    return None


def keyring_unavailable_message() -> str:
    """The keyring failure in a club user's words: what it means and what still works."""
    return t(
        "This computer's password store (the system keyring), where the app keeps the Gemini "
        "key, cannot be used right now, so the key cannot be saved or read. Plans can still "
        "be written with the offline composer. On Linux, install and unlock GNOME Keyring or "
        "KWallet, then restart the app."
    )


def plain_words(message: str) -> str:
    """A known failure's message without class names, and with our address when it asks for us.

    The engine's and the licensing's messages say "contact Rooting Future support"
    without saying how; the vendor's e-mail is in one file (``engine.vendor``).
    """
    text = _CLASS_NAME.sub("", message)
    if _ASKS_FOR_US.search(text) and vendor().email not in text:
        text = f"{text.rstrip()} " + t("Write to {email}.").format(email=vendor().email)
    return text


def details_of(error: BaseException) -> str:
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return redact(text)


def bug_summary() -> str:
    """A bug in words: the exception's name and text belong in the details and the log."""
    return QCoreApplication.translate(
        "ErrorDialog", "The last action could not be completed; nothing saved was changed."
    )


class ErrorDialog(QDialog):
    """An unexpected error: what happened in words, the details one click away."""

    def __init__(self, summary: str, details: str, log_file: Path | None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setMinimumWidth(520)
        self.details = details
        contact = vendor()
        headline = QLabel(
            html.escape(
                self.tr(
                    "Rooting Future met an unexpected problem. Your saved plans are safe. "
                    "If it happens again, copy the details and send them by e-mail to {email}."
                ),
                quote=False,
            ).format(email=mail_link(contact.email))
        )
        headline.setTextFormat(Qt.TextFormat.RichText)
        headline.setWordWrap(True)
        headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        headline.setOpenExternalLinks(False)
        headline.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
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


def mail_link(address: str, subject: str = "", body: str = "") -> str:
    """An HTML ``mailto:`` link showing ``address`` (subject and body filled in when given)."""
    fields = {name: value for name, value in (("subject", subject), ("body", body)) if value}
    query = urlencode(fields, quote_via=quote)  # %20 for spaces: mail programs expect it
    url = f"mailto:{address}" + (f"?{query}" if query else "")
    return f"<a href='{html.escape(url)}'>{html.escape(address)}</a>"


class CopyableDialog(QDialog):
    """Something the system could not open (a folder, a web page): its address, selectable,
    with a Copy button, so the user can still get there."""

    def __init__(
        self, title: str, message: str, text: str, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.field = QLineEdit(text)
        self.field.setReadOnly(True)
        self.field.setAccessibleName(name)
        self.field.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.field.setCursorPosition(0)
        self.copy_button = QPushButton(icon("copy"), self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.copy_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.field.text())
        self.copy_button.setText(self.tr("Copied"))


class PathDialog(CopyableDialog):
    """Where a folder or file is, when the system could not open it."""

    def __init__(self, path: Path, is_folder: bool, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("PathDialog", "Open folder")
            if is_folder
            else QCoreApplication.translate("PathDialog", "Open file"),
            QCoreApplication.translate(
                "PathDialog",
                "This computer could not open the folder in a window. You will find it here:",
            )
            if is_folder
            else QCoreApplication.translate(
                "PathDialog", "This computer could not open the file. You will find it here:"
            ),
            str(path),
            QCoreApplication.translate("PathDialog", "Where it is"),
            parent,
        )


def documents_folder() -> Path:
    """Where a club user looks for their files: the system's Documents, else the home folder.

    ``QStandardPaths`` knows the localised name ("Documenti") and the
    platform's own place; ``~/Documents`` does not exist on every system.
    """
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def open_folder(parent: QWidget | None, path: Path) -> PathDialog | None:
    """Open a folder (or file) in the system's program; if it cannot, say where it is.

    ``QDesktopServices.openUrl`` only returns False (no file manager, a
    sandbox...): without this the click would do nothing at all.
    """
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return None
    log.warning("the system could not open %s", path)
    dialog = PathDialog(Path(path), not Path(path).is_file(), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


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
        self.raised.emit(user_message(error) or bug_summary(), text)

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
        ErrorHooks._open(parent, bug_summary(), details_of(error))

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
