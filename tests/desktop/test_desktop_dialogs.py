"""Export, settings and licence dialogs: their main actions and their error states."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from desktop import licence_dialog
from desktop.export_dialog import ExportDialog
from desktop.licence_dialog import LicenceDialog
from desktop.main_window import MainWindow
from engine import licence as engine_licence
from engine.export import ExportFormat
from engine.licence import current_licence
from engine.paths import database_path
from engine.service import Service
from engine.storage.ai_cache import ResponseCache
from engine.vendor import vendor
from licensing.fingerprint import default_source
from licensing.secrets import get_api_key
from tests.doubles.gemini_double import GeminiDouble
from tests.licensing.licensing_lab import Lab


def test_export_writes_the_chosen_formats_in_the_background(
    qtbot, window: MainWindow, service: Service, make_plan_offline, tmp_path: Path, opened_urls
) -> None:
    service.watermark = True
    plan_id = make_plan_offline()
    dialog = window.export_plan(plan_id)
    assert isinstance(dialog, ExportDialog)
    assert dialog.formats() == {ExportFormat.PDF, ExportFormat.DOCX}
    assert (
        dialog.watermark.isVisibleTo(dialog) and "COPIA DI VALUTAZIONE" in dialog.watermark.text()
    )
    dialog.checks[ExportFormat.ONEPAGER].setChecked(True)
    out = tmp_path / "export"
    dialog.folder.setText(str(out))
    dialog.start()
    assert dialog.progress.isVisibleTo(dialog) and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: bool(dialog.paths), timeout=60_000)
    names = sorted(p.suffix for p in dialog.paths)
    assert names == [".docx", ".pdf", ".pdf", ".png"]
    assert all(p.exists() and p.stat().st_size > 1000 for p in dialog.paths)
    assert "Salvati in" in dialog.result.text()
    assert opened_urls and opened_urls[-1].endswith(str(out))
    assert service.app_settings().last_export_dir == str(out)
    dialog.close()


def test_export_errors_are_shown_in_words(
    qtbot, window: MainWindow, make_plan_offline, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    dialog = window.export_plan(make_plan_offline())
    for fmt, check in dialog.checks.items():
        check.setChecked(fmt is ExportFormat.HTML)
    dialog.folder.setText(str(blocker / "inside"))
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.progress.isVisibleTo(dialog), timeout=30_000)
    assert dialog.paths == []
    assert dialog.result.text() and "Traceback" not in dialog.result.text()
    assert "cartella" in dialog.result.text().lower()
    dialog.close()


def test_settings_are_stored_and_the_key_only_in_the_keyring(
    qtbot, window: MainWindow, service: Service, memory_keyring
) -> None:
    dialog = window.open_settings()
    dialog.gemini.setChecked(True)
    assert dialog.gemini_box.isEnabled() and not dialog.local_box.isEnabled()
    key = "AI" + "za-settings-test-key-00000000000000"
    dialog.api_key.setText(key)
    dialog.gemini_model.setEditText("gemini-2.5-pro")
    dialog.concurrency.setValue(3)
    dialog.rate.setCurrentIndex(dialog.rate.findData("free_tier"))
    dialog.plan_language.setCurrentIndex(dialog.plan_language.findData("en"))
    dialog.ui_language.setCurrentIndex(dialog.ui_language.findData("en"))
    dialog.save()
    settings = service.app_settings()
    assert (settings.provider, settings.gemini_model, settings.concurrency) == (
        "gemini",
        "gemini-2.5-pro",
        3,
    )
    assert (settings.rate_preset, settings.plan_language, settings.ui_language) == (
        "free_tier",
        "en",
        "en",
    )
    assert get_api_key("gemini") == key
    service.close()
    raw = database_path(service.home).read_bytes()
    assert key.encode() not in raw
    with sqlite3.connect(database_path(service.home)) as db:
        assert not [r for r in db.execute("select value from app_settings") if key in r[0]]
    window_ini = service.home / "window.ini"
    assert not window_ini.exists() or key not in window_ini.read_text()
    service.db = type(service.db)(database_path(service.home))  # reopen for the teardown


def test_test_connection_lists_the_models_the_key_can_use(
    qtbot, window: MainWindow, memory_keyring
) -> None:
    with GeminiDouble(valid_keys={"AI" + "za-good-key-000000000000000000000"}) as double:
        window.writer_overrides["gemini_base_url"] = double.base_url
        dialog = window.open_settings()
        dialog.gemini.setChecked(True)
        dialog.api_key.setText("AI" + "za-good-key-000000000000000000000")
        dialog.test_gemini_connection()
        qtbot.waitUntil(lambda: dialog.gemini_model.count() > 0, timeout=20_000)
        models = [dialog.gemini_model.itemText(i) for i in range(dialog.gemini_model.count())]
        assert "gemini-3.8-flash" in models and "text-embedding-004" not in models
        assert "5 modelli disponibili" in dialog.gemini_result.text()
        assert "•••" in dialog.key_state.text()
        dialog.api_key.setText("AI" + "za-wrong-key-00000000000000000000")
        dialog.test_gemini_connection()
        qtbot.waitUntil(lambda: dialog.test_gemini.isEnabled(), timeout=20_000)
        text = dialog.gemini_result.text()
        assert text and "Traceback" not in text and "chiave" in text.lower()
        dialog.delete_key()
        assert get_api_key("gemini") is None
        dialog.close()


def test_clear_the_ai_cache(qtbot, window: MainWindow, service: Service) -> None:
    cache = ResponseCache(service.db)
    cache.put("k" * 64, "gemini", "m", '{"a": 1}')
    assert cache.stats().entries == 1
    dialog = window.open_settings()
    dialog.clear_ai_cache()
    assert dialog.cache_result.text().endswith("risposte rimosse.")
    assert cache.stats().entries == 0
    dialog.close()


@pytest.fixture
def lab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory_keyring) -> Lab:
    """A vendor key trusted by the app, licences issued for this very machine."""
    lab = Lab(tmp_path / "lab", source=default_source(), now=int(time.time()))
    monkeypatch.setattr(engine_licence, "trusted_keys_path", lambda: lab.keys_path)
    monkeypatch.setattr(licence_dialog, "trusted_keys_path", lambda: lab.keys_path)
    return lab


def test_licence_dialog_without_a_licence(qtbot, service: Service, lab: Lab, tmp_path) -> None:
    state = current_licence(service.home)
    dialog = LicenceDialog(service.home, state, welcome=True)  # as the app shows it at start
    qtbot.addWidget(dialog)
    assert dialog.title.text() == "Benvenuti in Rooting Future"
    assert "modalità valutazione" in dialog.message.text()
    assert dialog.fingerprint.text() == state.fingerprint and state.fingerprint.startswith("v1:")
    dialog.copy_fingerprint()
    from PySide6.QtWidgets import QApplication

    assert QApplication.clipboard().text() == state.fingerprint
    request = tmp_path / "richiesta.txt"
    assert dialog.write_request(request)
    assert request.read_text().startswith("-----BEGIN")
    assert str(request) in dialog.result.text() and vendor().email in dialog.result.text()
    junk = tmp_path / "junk.lic"
    junk.write_text("not a licence")
    assert not dialog.install(junk)
    assert dialog.result.text().startswith("Licenza non installata:")
    assert "danneggiato" in dialog.result.text()


def test_importing_a_valid_licence_ends_evaluation(
    qtbot, window: MainWindow, service: Service, lab: Lab, tmp_path: Path
) -> None:
    window.licence_changed(current_licence(service.home))
    assert window.licence_banner.isVisible()
    licence_file = tmp_path / "licenza.lic"
    licence_file.write_bytes(lab.licence(expires_at=lab.now + 30 * 86400))
    dialog = window.open_licence()
    assert dialog.install(licence_file)
    assert dialog.result.text() == "Licenza installata."
    assert dialog.title.text().startswith("Licenza: valida")
    assert not window.licence_banner.isVisible()
    assert service.max_clubs == 5 and not service.watermark
    dialog.close()


def test_expired_licence_states_the_reason(qtbot, service: Service, lab: Lab) -> None:
    (service.home / "licensing").mkdir(exist_ok=True)
    (service.home / "licensing" / "licence.lic").write_bytes(
        lab.licence(issued_at=lab.now - 400 * 86400, expires_at=lab.now - 100 * 86400)
    )
    state = current_licence(service.home)
    dialog = LicenceDialog(service.home, state)
    qtbot.addWidget(dialog)
    assert "scaduta" in dialog.title.text() and "modalità valutazione" in dialog.title.text()
    assert "La licenza è scaduta il" in dialog.message.text()


def test_settings_say_where_the_key_comes_from_never_the_key(
    qtbot, window: MainWindow, memory_keyring, monkeypatch
) -> None:
    sdk_key, app_key = "sdk-variable-key-1234", "app-variable-key-5678"
    monkeypatch.setenv("GEMINI_API_KEY", sdk_key)
    dialog = window.open_settings()
    assert "GEMINI_API_KEY" not in dialog.key_state.text() and "1234" in dialog.key_state.text()
    assert sdk_key not in dialog.key_state.text()
    assert not dialog.remove_key.isEnabled()  # nothing in the keyring to remove
    dialog.api_key.setText("keyring-key-abcdefgh")
    assert dialog.store_key()
    assert "portachiavi" in dialog.key_state.text() and "GEMINI_API_KEY" not in (
        dialog.key_state.text()
    )
    monkeypatch.setenv("ROOTING_FUTURE_GEMINI_API_KEY", app_key)
    dialog._show_key_state()
    text = dialog.key_state.text()
    assert "ROOTING_FUTURE" not in text and "5678" in text and app_key not in text
    assert "portachiavi" not in text  # it comes from the system, not from the keyring
    dialog.close()
