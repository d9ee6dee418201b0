"""The application shell: translations, error hooks, single instance, tasks, start-up."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from desktop import app as desktop_app
from desktop import i18n
from desktop.errors import ErrorDialog, ErrorHooks, install_excepthooks, show_error
from desktop.main_window import MainWindow
from desktop.single_instance import SingleInstance
from desktop.tasks import TaskRunner
from engine.logs import configure_logging
from engine.paths import resource_path
from engine.service import ServiceError

ROOT = Path(__file__).resolve().parents[2]


# --- translations --------------------------------------------------------------------------


def test_italian_is_loaded_and_qt_dialogs_are_translated(qapp) -> None:
    assert i18n.current() == "it"
    assert QCoreApplication.translate("MainWindow", "&New plan…") == "&Nuovo piano…"
    assert QCoreApplication.translate("", "to be collected") == "dato da acquisire"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annulla"  # qtbase_it.qm
    loaded = i18n.install_translators(qapp, "en")
    try:
        assert QCoreApplication.translate("MainWindow", "&New plan…") == "&New plan…"
        assert i18n.current() == "en"
    finally:
        assert "rooting_future_it" in i18n.install_translators(qapp, "it")
    assert "rooting_future_en" in loaded


def test_language_comes_from_the_settings_then_the_system() -> None:
    assert i18n.resolve_language("en") == "en"
    assert i18n.resolve_language("it") == "it"
    assert i18n.resolve_language("") in ("it", "en")
    assert i18n.resolve_language("fr") in ("it", "en")


def test_every_interface_string_has_its_italian_translation(tmp_path: Path) -> None:
    """lupdate over the sources must find nothing new or unfinished in the shipped .ts."""
    lupdate = shutil.which("pyside6-lupdate") or str(
        Path(sys.executable).parent / "pyside6-lupdate"
    )
    if not Path(lupdate).exists():
        pytest.skip("pyside6-lupdate not installed")
    shipped = resource_path("translations", "rooting_future_it.ts")
    copy = tmp_path / "it.ts"
    shutil.copy(shipped, copy)
    files = tmp_path / "files.lst"
    files.write_text("\n".join(str(p) for p in sorted((ROOT / "desktop").rglob("*.py"))))
    subprocess.run(
        [lupdate, f"@{files}", "-tr-function-alias", "tr+=t", "-no-obsolete", "-ts", str(copy)],
        check=True,
        capture_output=True,
    )
    unfinished = [
        message.findtext("source")
        for message in ET.parse(copy).getroot().iter("message")
        if message.find("translation").get("type") == "unfinished"
    ]
    assert unfinished == []
    qm = resource_path("translations", "rooting_future_it.qm")
    assert qm.stat().st_mtime >= shipped.stat().st_mtime - 1, "run pyside6-lrelease"


# --- errors -----------------------------------------------------------------------------------


def test_uncaught_exceptions_reach_a_dialog_with_redacted_details(qtbot, tmp_path: Path) -> None:
    log_file = configure_logging(tmp_path)
    hooks = install_excepthooks(log_file)
    try:
        secret = "AI" + "za" + "S" * 35
        try:
            raise RuntimeError(f"boom with key {secret}")
        except RuntimeError as error:
            sys.excepthook(type(error), error, error.__traceback__)
        qtbot.waitUntil(lambda: bool(ErrorHooks.open_dialogs), timeout=3000)
        dialog = ErrorHooks.open_dialogs[-1]
        assert isinstance(dialog, ErrorDialog)
        assert "boom" not in dialog.summary.text() and "RuntimeError" not in dialog.summary.text()
        assert "boom" in dialog.details and "RuntimeError" in dialog.details
        assert secret not in dialog.details and "[redacted]" in dialog.details
        dialog.copy_details()
        assert QApplication.clipboard().text() == dialog.details
        assert dialog.copy_button.text() == "Copiato"
        dialog.close()
        logged = log_file.read_text("utf-8")
        assert "boom" in logged and secret not in logged
    finally:
        hooks.uninstall()


def test_errors_in_worker_threads_reach_the_gui_thread(qtbot, tmp_path: Path) -> None:
    hooks = install_excepthooks(configure_logging(tmp_path))
    try:
        before = len(ErrorHooks.open_dialogs)
        thread = threading.Thread(target=lambda: 1 / 0)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: len(ErrorHooks.open_dialogs) > before, timeout=3000)
        dialog = ErrorHooks.open_dialogs[-1]
        assert "ZeroDivisionError" not in dialog.summary.text()  # no Python words on screen
        assert "ZeroDivisionError" in dialog.details  # but in what the user can copy and send
        for dialog in list(ErrorHooks.open_dialogs):
            dialog.close()
    finally:
        hooks.uninstall()


def test_known_failures_are_shown_in_words(boxes) -> None:
    show_error(None, ServiceError(it="Messaggio per l'utente.", en="User message.", code="store"))
    assert boxes.shown[-1] == ("warning", "Messaggio per l'utente.")


# --- single instance --------------------------------------------------------------------------


def test_a_second_launch_wakes_the_first(qtbot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    assert first.claim()
    try:
        with qtbot.waitSignal(first.activated, timeout=3000):
            assert not SingleInstance(tmp_path).claim()
        assert SingleInstance(tmp_path / "other").claim()  # another data folder runs apart
    finally:
        first.release()
    again = SingleInstance(tmp_path)
    assert again.claim()
    again.release()


# --- background tasks -------------------------------------------------------------------


def test_tasks_call_back_on_the_gui_thread_and_drop_stale_results(qtbot) -> None:
    runner = TaskRunner()
    seen: list[tuple[str, bool]] = []
    gui = threading.get_ident()

    def slow(value: str, seconds: float):
        def op() -> str:
            time.sleep(seconds)
            return value

        return op

    runner.run(
        slow("old", 0.3), success=lambda v: seen.append((v, threading.get_ident() == gui)), key="k"
    )
    runner.run(
        slow("new", 0.05), success=lambda v: seen.append((v, threading.get_ident() == gui)), key="k"
    )
    qtbot.waitUntil(lambda: not runner.busy(), timeout=3000)
    assert seen == [("new", True)]
    failures: list[BaseException] = []
    runner.run(lambda: 1 / 0, failure=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=3000)
    assert isinstance(failures[0], ZeroDivisionError)
    assert runner.shutdown()


def test_progress_appears_only_for_slow_work(qtbot) -> None:
    runner = TaskRunner()
    done: list[str] = []
    runner.run(lambda: "quick", success=done.append, label="Lavoro")
    qtbot.waitUntil(lambda: bool(done), timeout=3000)
    task = runner.run(lambda: time.sleep(0.8) or "slow", success=done.append, label="Lavoro")
    qtbot.waitUntil(lambda: task.dialog is not None, timeout=3000)
    dialog = task.dialog
    assert isinstance(dialog, QProgressDialog) and dialog.labelText() == "Lavoro"
    qtbot.waitUntil(lambda: len(done) == 2, timeout=3000)
    assert task.dialog is None
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    runner.shutdown()


# --- start-up ---------------------------------------------------------------------------


def test_app_starts_on_the_data_folder_and_remembers_the_window(qapp, tmp_path: Path) -> None:
    shown: list[MainWindow] = []

    def look(window) -> None:
        shown.append(window)
        assert window.isVisible()
        window.resize(900, 640)
        QTimer.singleShot(100, window.close)

    code = desktop_app.main(tmp_path / "data", "it", on_shown=look, show_licence_dialog=False)
    assert code == 0 and shown
    assert (tmp_path / "data" / "window.ini").exists()
    assert (tmp_path / "data" / "logs").is_dir()
    shown.clear()
    sizes: list[tuple[int, int]] = []

    def measure(window) -> None:
        sizes.append((window.width(), window.height()))
        QTimer.singleShot(0, window.close)

    desktop_app.main(tmp_path / "data", "it", on_shown=measure, show_licence_dialog=False)
    assert sizes == [(900, 640)]


def test_a_damaged_store_is_explained_not_a_crash(qapp, tmp_path: Path, boxes) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "rooting-future.db").write_bytes(b"this is not a database" * 100)
    assert desktop_app.main(data, "it", show_licence_dialog=False) == 1
    assert "non è un archivio di Rooting Future leggibile" in boxes.texts()
