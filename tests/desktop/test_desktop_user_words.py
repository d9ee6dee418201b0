"""What a club president reads: no commands, no class names, the vendor's address, buttons.

Issue 14, points 4 and 8: the licence dialog and banner named CLI commands and
no address; the keyring message named its exception and an environment
variable; Settings told the user to start the app with ``--home``; the
licence dialog greeted at every start, also when opened from Settings; "open
the folder" failed silently; exports defaulted to the home folder; Gemini
could be saved without a key without a word.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from desktop import licence_dialog
from desktop.errors import ErrorDialog, PathDialog, user_message
from desktop.export_dialog import ExportDialog
from desktop.licence_dialog import PLAIN_STEPS, LicenceDialog
from desktop.main_window import LICENCE_LINK, MainWindow
from desktop.settings_dialog import SettingsDialog
from engine import data_folder
from engine import licence as engine_licence
from engine.licence import current_licence
from engine.paths import resource_path
from engine.service import Service
from engine.vendor import vendor
from licensing import LicenceState, LicenceStatus
from licensing.activation import ActivationError
from licensing.fingerprint import default_source
from licensing.secrets import SecretStoreUnavailable
from tests.licensing.licensing_lab import Lab

DEVELOPER_WORDS = ("rooting-future ", "--", "/etc/", "systemd", "ROOTING_FUTURE", "Error", "None")


def developer_words(text: str) -> list[str]:
    """The words a club user should never read, found in ``text``."""
    return [word for word in DEVELOPER_WORDS if word in text]


@pytest.fixture
def lab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory_keyring) -> Lab:
    """A vendor key trusted by the app, licences issued for this very machine."""
    lab = Lab(tmp_path / "lab", source=default_source(), now=int(time.time()))
    monkeypatch.setattr(engine_licence, "trusted_keys_path", lambda: lab.keys_path)
    monkeypatch.setattr(licence_dialog, "trusted_keys_path", lambda: lab.keys_path)
    return lab


def install_expired(service: Service, lab: Lab) -> LicenceState:
    (service.home / "licensing").mkdir(exist_ok=True)
    (service.home / "licensing" / "licence.lic").write_bytes(
        lab.licence(issued_at=lab.now - 400 * 86400, expires_at=lab.now - 100 * 86400)
    )
    return current_licence(service.home)


def licence_dialogs(window: MainWindow) -> list[LicenceDialog]:
    return window.findChildren(LicenceDialog)


# --- the vendor's contacts --------------------------------------------------------------------


def test_the_vendors_contacts_live_in_one_resource_file() -> None:
    data = json.loads(resource_path("config", "vendor.json").read_text("utf-8"))
    contact = vendor()
    assert (contact.name, contact.email, contact.website) == (
        data["name"],
        data["email"],
        data["website"],
    )
    assert "@" in contact.email and contact.website.startswith("https://")
    assert "confirm" in data["comment"]  # published contacts still to be confirmed


# --- the licence dialog and the banner ---------------------------------------------------------


def test_from_settings_the_licence_dialog_is_titled_by_the_licence(
    qtbot, window: MainWindow, lab: Lab
) -> None:
    settings = window.open_settings()
    settings.licence_requested.emit()  # "Manage licence…"
    dialog = licence_dialogs(window)[-1]
    assert window.licence.status is LicenceStatus.MISSING
    assert dialog.title.text() == "Licenza: assente (valutazione)"
    assert "Benvenuti" not in dialog.title.text() + dialog.windowTitle()
    dialog.close()
    settings.close()
    from_menu = window.open_licence()
    assert from_menu is not None and "Benvenuti" not in from_menu.title.text()
    from_menu.close()


def test_the_welcome_appears_on_the_first_start_and_when_the_licence_changes(
    qtbot, service: Service, lab: Lab
) -> None:
    def start() -> MainWindow:
        window = MainWindow(service, "it", licence=current_licence(service.home))
        qtbot.addWidget(window)
        return window

    first = start()
    welcome = first.open_licence(at_start=True)
    assert welcome is not None and welcome.title.text() == "Benvenuti in Rooting Future"
    welcome.close()
    first.runner.shutdown()
    second = start()
    assert second.open_licence(at_start=True) is None  # the same state: the banner says it
    assert second.licence_banner.isVisibleTo(second)
    second.runner.shutdown()
    install_expired(service, lab)
    third = start()
    expired = third.open_licence(at_start=True)  # news: shown once more, titled by the state
    assert expired is not None and "scaduta" in expired.title.text()
    assert "Benvenuti" not in expired.title.text()
    expired.close()
    third.runner.shutdown()
    assert start().open_licence(at_start=True) is None


def test_banner_and_dialog_give_the_vendors_address_and_no_command(
    qtbot, window: MainWindow, service: Service, lab: Lab, opened_urls
) -> None:
    for state in (current_licence(service.home), install_expired(service, lab)):
        window.licence_changed(state)
        banner = window.licence_banner.text()
        assert window.licence_banner.isVisibleTo(window)
        assert vendor().email in banner and developer_words(banner) == []
        assert state.fingerprint not in banner  # the dialog shows the code, with Copy
        dialog = LicenceDialog(service.home, state)
        qtbot.addWidget(dialog)
        step = dialog.next_step.text()
        assert dialog.next_step.isVisibleTo(dialog)
        assert developer_words(step) == [] and "mailto:" + vendor().email in step
        assert dialog.request_button.text() in step and dialog.import_button.text() in step
        assert vendor().email in dialog.contact.text()
        dialog.next_step.linkActivated.emit(f"mailto:{vendor().email}")
        assert opened_urls[-1].startswith(f"mailto:{vendor().email}")
    before = len(licence_dialogs(window))
    window.licence_banner.linkActivated.emit(LICENCE_LINK)  # the banner's link opens the dialog
    assert len(licence_dialogs(window)) == before + 1


def test_every_licence_state_has_a_next_step_without_developer_words(
    qtbot, service: Service, lab: Lab
) -> None:
    base = current_licence(service.home)
    dialog = LicenceDialog(service.home, base)
    qtbot.addWidget(dialog)
    for status in LicenceStatus:
        state = LicenceState(
            status=status,
            is_licensed=status.is_licensed,
            evaluation=not status.is_licensed,
            watermark=not status.is_licensed,
            max_clubs=None,
            features=frozenset(),
            fingerprint=base.fingerprint,
            grace_ends_at=lab.now + 86400,
        )
        dialog.show_state(state)
        step = dialog.next_step.text()
        assert developer_words(step) == [], status
        if status not in PLAIN_STEPS and not status.is_licensed:
            assert vendor().email in step, status
        assert not dialog.next_step.isVisibleTo(dialog) if status is LicenceStatus.VALID else step


def test_the_saved_request_says_where_to_send_it(
    qtbot, service: Service, lab: Lab, tmp_path: Path
) -> None:
    dialog = LicenceDialog(service.home, current_licence(service.home))
    qtbot.addWidget(dialog)
    out = tmp_path / "richiesta.txt"
    assert dialog.write_request(out)
    text = dialog.result.text()
    assert str(out) in text and "mailto:" + vendor().email in text
    assert developer_words(text) == []


# --- errors ------------------------------------------------------------------------------------


def test_keyring_failure_in_plain_words(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, boxes
) -> None:
    for variable in ("ROOTING_FUTURE_GEMINI_API_KEY", "GOOGLE_API_KEY", "GEMINI_API_KEY"):
        monkeypatch.delenv(variable, raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # what a frozen app on a headless Linux gets
    try:
        dialog = window.open_settings()
        text = dialog.key_state.text()
        assert text and developer_words(text) == [] and "NoKeyring" not in text
        dialog.api_key.setText("AI" + "za-keyring-less-000000000000000000")
        assert not dialog.store_key()
        shown = boxes.texts()
        assert shown and developer_words(shown) == [] and "NoKeyring" not in shown
        dialog.close()
    finally:
        keyring.set_keyring(previous)
    message = user_message(SecretStoreUnavailable("gemini", "NoKeyringError: no backend"))
    assert message and "NoKeyring" not in message and "ROOTING_FUTURE" not in message


def test_messages_that_ask_for_us_give_the_address_without_class_names() -> None:
    error = ActivationError(
        it="Impossibile salvare la chiave. Contatta l'assistenza Rooting Future.",
        en="Cannot save the installation key (PermissionError). Contact Rooting Future support.",
    )
    for language in ("it", "en"):
        message = user_message(error, language)
        assert message and vendor().email in message and developer_words(message) == []


def test_the_unexpected_error_dialog_says_where_to_send_the_details(qtbot) -> None:
    dialog = ErrorDialog("Qualcosa", "Traceback…", None)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert vendor().email in texts


# --- settings ----------------------------------------------------------------------------------


def test_settings_choose_the_data_folder_with_a_button_not_a_command(
    qtbot,
    window: MainWindow,
    service: Service,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    boxes,
) -> None:
    monkeypatch.setattr(data_folder, "pointer_path", lambda: tmp_path / "config" / "pointer.json")
    dialog = window.open_settings()
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "--home" not in texts and developer_words(texts) == []
    assert dialog.choose_folder_button.isEnabled()
    chosen = tmp_path / "Dati del club"
    monkeypatch.setattr(
        "desktop.settings_dialog.QFileDialog.getExistingDirectory",
        staticmethod(lambda *a, **k: str(chosen)),
    )
    boxes.answer = QMessageBox.StandardButton.No
    assert not dialog.choose_data_folder() and data_folder.chosen_home() is None
    boxes.answer = QMessageBox.StandardButton.Yes
    assert dialog.choose_data_folder()
    assert data_folder.chosen_home() == chosen.resolve()
    assert not dialog.next_folder.isHidden() and str(chosen) in dialog.next_folder.text()
    assert service.home != chosen  # this session keeps its folder until the next start
    dialog.close()


def test_settings_say_where_a_session_key_comes_from_in_plain_words(
    qtbot, window: MainWindow, memory_keyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROOTING_FUTURE_GEMINI_API_KEY", "session-key-from-system-9876")
    dialog = window.open_settings()
    text = dialog.key_state.text()
    assert "9876" in text and "session-key" not in text
    assert developer_words(text) == [] and "keyring" not in text and "portachiavi" not in text
    dialog.close()


def test_saving_gemini_without_a_key_warns_and_goes_back_to_the_key(
    qtbot, window: MainWindow, service: Service, memory_keyring, monkeypatch, boxes
) -> None:
    for variable in ("GOOGLE_API_KEY", "GEMINI_API_KEY"):
        monkeypatch.delenv(variable, raising=False)
    dialog = window.open_settings()
    assert isinstance(dialog, SettingsDialog)
    dialog.gemini.setChecked(True)
    dialog.tabs.setCurrentIndex(2)
    boxes.answer = QMessageBox.StandardButton.No
    dialog.save()
    assert boxes.shown and boxes.shown[-1][0] == "question"
    assert developer_words(boxes.shown[-1][1]) == []
    assert dialog.isVisible() and dialog.tabs.currentIndex() == 0
    assert service.app_settings().provider != "gemini"
    boxes.answer = QMessageBox.StandardButton.Yes
    dialog.save()
    assert service.app_settings().provider == "gemini" and not dialog.isVisible()


def test_saving_gemini_with_a_key_does_not_ask(
    qtbot, window: MainWindow, service: Service, memory_keyring, boxes
) -> None:
    dialog = window.open_settings()
    dialog.gemini.setChecked(True)
    dialog.api_key.setText("AI" + "za-a-real-looking-key-0000000000000")
    dialog.save()
    assert not [kind for kind, _ in boxes.shown if kind == "question"]
    assert service.app_settings().provider == "gemini"


# --- folders -----------------------------------------------------------------------------------


@pytest.fixture
def no_file_manager(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A system where opening a folder fails (``openUrl`` returns False)."""
    urls: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url.toString()) and False)
    )
    return urls


def test_when_the_folder_cannot_open_the_user_is_told_where_it_is(
    qtbot, window: MainWindow, service: Service, no_file_manager
) -> None:
    shown = window.open_data_folder()
    assert no_file_manager and isinstance(shown, PathDialog)
    assert shown.isVisible() and shown.field.text() == str(service.home)
    assert shown.field.isReadOnly()
    shown.copy()
    assert QApplication.clipboard().text() == str(service.home)
    shown.close()
    settings = window.open_settings()
    from_settings = settings.open_data_folder()
    assert from_settings is not None and from_settings.field.text() == str(service.home)
    from_settings.close()
    settings.close()


def test_a_folder_that_opens_shows_nothing_more(qtbot, window: MainWindow, opened_urls) -> None:
    assert window.open_data_folder() is None and opened_urls


def test_the_export_folder_is_documents_first(
    qtbot,
    window: MainWindow,
    service: Service,
    make_plan_offline,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    documents = tmp_path / "Documenti"
    documents.mkdir()
    monkeypatch.setattr(
        QStandardPaths,
        "writableLocation",
        staticmethod(lambda location: str(documents)),
    )
    plan_id = make_plan_offline()
    dialog = window.export_plan(plan_id)
    assert isinstance(dialog, ExportDialog) and dialog.folder.text() == str(documents)
    dialog.close()
    from dataclasses import replace

    service.save_app_settings(
        replace(service.app_settings(), last_export_dir=str(tmp_path / "gone"))
    )
    again = window.export_plan(plan_id)
    assert again.folder.text() == str(documents)  # the last folder no longer exists
    again.close()
    documents.rmdir()
    missing = window.export_plan(plan_id)
    assert missing.folder.text() == str(Path.home())
    missing.close()


# --- Qt's own dialogs --------------------------------------------------------------------------


def test_qts_own_file_dialog_speaks_italian() -> None:
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Cerca in:"
