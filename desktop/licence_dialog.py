"""The licence: what state it is in, in words, and the three ways forward.

Shown at start-up on the first start and when the licence state changes
(``MainWindow.open_licence(at_start=True)`` decides), and from Settings or the
menu. Only the start-up dialog greets ("Welcome"); opened by the user it is
titled by the licence's state. Nothing is ever locked: "Continue in
evaluation" always works. Importing a licence checks it for this machine
before replacing anything; the activation request is a file the user
e-mails to the vendor (no network needed).

The next steps are the desktop's own words, naming this dialog's buttons and
the vendor's address (``engine.vendor``): the licensing package's next steps
are written for the command line.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
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
from desktop.errors import documents_folder, mail_link, show_error
from desktop.icons import icon
from engine.licence import current_licence, trusted_keys_path
from engine.vendor import vendor
from engine.version import app_version
from licensing import LicenceState, LicenceStatus
from licensing.status import LABELS
from licensing.timeutil import format_date

log = logging.getLogger(__name__)

# Their next step in the licensing package is already plain (no command, no contact).
PLAIN_STEPS = (
    LicenceStatus.NOT_YET_VALID,
    LicenceStatus.CLOCK_DESYNC,
    LicenceStatus.CLOCK_ROLLBACK,
)


def rich_label(text: str = "") -> QLabel:
    """A wrapped, selectable label whose links (mailto, web) open through QDesktopServices."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setOpenExternalLinks(False)
    label.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
    return label


class LicenceDialog(QDialog):
    licence_changed = Signal(object)  # the new LicenceState

    def __init__(
        self,
        home: Path,
        state: LicenceState,
        parent: QWidget | None = None,
        *,
        welcome: bool = False,
    ) -> None:
        """``welcome``: shown by the app at start-up (greets), not opened by the user."""
        super().__init__(parent)
        self.home = home
        self.state = state
        self.welcome = welcome
        self.setWindowTitle(self.tr("Licence"))
        self.setMinimumWidth(760)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.next_step = rich_label()
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
        self.result = rich_label()
        contact = vendor()
        self.contact = rich_label(
            self._html(self.tr("Licences and help: {email} · {website}")).format(
                email=mail_link(contact.email),
                website=f"<a href='{html.escape(contact.website)}'>"
                f"{html.escape(contact.website_label)}</a>",
            )
        )
        self.contact.setObjectName("hint")
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
        layout.addWidget(self.contact)
        layout.addLayout(buttons)
        self.show_state(state)

    def show_state(self, state: LicenceState) -> None:
        lang = i18n.current()
        self.state = state
        label = LABELS[state.status][0 if lang == "it" else 1]
        if state.status is LicenceStatus.MISSING and self.welcome:
            self.title.setText(self.tr("Welcome to Rooting Future"))
        elif state.is_licensed or state.status is LicenceStatus.MISSING:
            self.title.setText(self.tr("Licence: {status}").format(status=label))
        else:
            self.title.setText(self.tr("Licence: {status} – evaluation mode").format(status=label))
        self.message.setText(state.message(lang))
        step = self.next_step_html(state)
        self.next_step.setText(step)
        self.next_step.setVisible(bool(step))
        self.fingerprint.setText(state.fingerprint or self.tr("not available on this computer"))
        self.fingerprint.setCursorPosition(0)
        self.copy_button.setEnabled(bool(state.fingerprint))
        self.request_button.setEnabled(bool(state.fingerprint))
        self.continue_button.setText(
            self.tr("Close") if state.is_licensed else self.tr("Continue in evaluation")
        )

    # --- the next step, in the desktop's words -------------------------------------------

    @staticmethod
    def _html(text: str) -> str:
        """A translated sentence made safe for a rich-text label (placeholders stay)."""
        return html.escape(text, quote=False)

    def _step_template(self, status: LicenceStatus) -> str:
        """What to do for ``status``, naming this dialog's buttons and the vendor's address."""
        if status is LicenceStatus.MISSING:
            return self.tr(
                "To buy a licence, click {request}, send the file it saves by e-mail to "
                "{email}, then import the licence file you receive with {import_}."
            )
        if status is LicenceStatus.EXPIRED:
            return self.tr(
                "To renew it, click {request}, send the file it saves by e-mail to {email}, "
                "then import the new licence file with {import_}."
            )
        if status is LicenceStatus.GRACE:
            return self.tr(
                "Renew it before {date}: click {request} and send the file it saves by e-mail "
                "to {email}."
            )
        if status is LicenceStatus.WRONG_MACHINE:
            return self.tr(
                "If you moved to another computer or reinstalled the system, click {request} "
                "and send the file it saves by e-mail to {email}, saying which computer the "
                "licence was on before."
            )
        if status in (LicenceStatus.TAMPERED, LicenceStatus.MALFORMED):
            return self.tr(
                "Import the licence file again, exactly as you received it, with {import_}; "
                "if you no longer have it, ask {email} for a copy."
            )
        if status is LicenceStatus.UNKNOWN_KEY:
            return self.tr(
                "Install the latest version of the app from {website}, or ask {email} for a "
                "new licence."
            )
        if status is LicenceStatus.SUPERSEDED:
            return self.tr(
                "Import the most recent licence file you received with {import_}; if you "
                "cannot find it, ask {email} for a copy."
            )
        if status is LicenceStatus.FINGERPRINT_UNAVAILABLE:
            return self.tr(
                "Write to {email} saying which operating system this computer uses: Rooting "
                "Future will help you activate the licence."
            )
        if status is LicenceStatus.INTERNAL_ERROR:
            return self.tr("Restart the app; if it happens again, write to {email}.")
        return ""

    def next_step_html(self, state: LicenceState) -> str:
        """The next step as rich text (the e-mail a mailto link), empty when there is none."""
        lang = i18n.current()
        if state.status in PLAIN_STEPS:
            return self._html(state.next_step(lang))
        template = self._step_template(state.status)
        if not template:
            return ""
        contact = vendor()
        return self._html(template).format(
            request=f"<b>{html.escape(self.request_button.text())}</b>",
            import_=f"<b>{html.escape(self.import_button.text())}</b>",
            email=self.mail_link(),
            website=f"<a href='{html.escape(contact.website)}'>"
            f"{html.escape(contact.website_label)}</a>",
            date=html.escape(format_date(state.grace_ends_at, lang)),
        )

    def mail_link(self) -> str:
        """The vendor's address as a mailto link, the machine code already in the e-mail."""
        body = self.tr(
            "Hello, attached is the activation request for Rooting Future. "
            "This computer's code: {code}"
        ).format(code=self.state.fingerprint or "-")
        return mail_link(vendor().email, self.tr("Rooting Future licence"), body)

    def copy_fingerprint(self) -> None:
        if self.state.fingerprint:
            QGuiApplication.clipboard().setText(self.state.fingerprint)
            self.copy_button.setText(self.tr("Copied"))

    # --- import -------------------------------------------------------------------------

    def choose_licence_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import licence file"),
            str(documents_folder()),
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
            self.result.setText(
                self._html(self.tr("Cannot read the file {path}.").format(path=path))
            )
            return False
        if not outcome.installed:
            refused = build_state(
                Verification(outcome.status, outcome.licence, outcome.detail),
                self.state.fingerprint,
                now=self.state.checked_at or 0,
            )
            self.result.setText(
                self._html(self.tr("Licence not installed: {reason} {step}")).format(
                    reason=self._html(refused.message(lang)), step=self.next_step_html(refused)
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
        default = str(documents_folder() / self.tr("activation-request.txt"))
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
            self._html(
                self.tr(
                    "Activation request saved as {path}. Attach it to an e-mail to {email}: "
                    "you will receive a licence file to import here with {import_}."
                )
            ).format(
                path=html.escape(str(out)),
                email=self.mail_link(),
                import_=f"<b>{html.escape(self.import_button.text())}</b>",
            )
        )
        return True
