"""Desktop entry point: one QApplication, the service, the main window.

Order matters for a quick, calm start: logging and the error hooks first (so
even a start-up failure reaches a dialog and the log), then the single-
instance check (a second launch wakes the first and exits), the licence
check (~1 ms), the store, the translators and theme, and the window. The
keyring synchronisation runs in the background once the window is up.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from engine import paths
from engine.licence import current_licence
from engine.logs import configure_logging
from engine.service import Service, ServiceError

log = logging.getLogger(__name__)


def main(
    home: str | Path | None = None,
    language: str | None = None,
    on_shown: Callable[[object], None] | None = None,
    show_licence_dialog: bool = True,
) -> int:
    """Run the app; ``language`` overrides the settings and the system (``--language``)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop import i18n
    from desktop.errors import install_excepthooks
    from desktop.icons import app_icon
    from desktop.main_window import MainWindow
    from desktop.prefs import preload_provider, settle_heap
    from desktop.single_instance import SingleInstance
    from desktop.theme import apply_theme

    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(paths.APP_AUTHOR)
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationDisplayName("Rooting Future")
    app.setDesktopFileName("rooting-future")
    app.setWindowIcon(app_icon())
    data_home = paths.user_home(home)
    log_file = configure_logging(data_home)
    instance = SingleInstance(data_home)
    if not instance.claim():
        log.info("another instance runs on %s: asked it to come forward", data_home)
        return 0
    hooks = install_excepthooks(log_file)
    licence = current_licence(data_home)
    try:
        service = Service(data_home, max_clubs=licence.max_clubs, watermark=licence.watermark)
    except ServiceError as error:
        i18n.install_translators(app, i18n.resolve_language(language))
        QMessageBox.critical(None, "Rooting Future", error.message(i18n.current()))
        instance.release()
        hooks.uninstall()
        return 1
    settings = service.app_settings()
    lang = i18n.resolve_language(language or settings.ui_language)
    i18n.install_translators(app, lang)
    apply_theme(app)
    window = MainWindow(service, lang, licence=licence)
    instance.activated.connect(lambda: _bring_forward(window))
    window.show()
    QTimer.singleShot(0, settle_heap)
    window.runner.run(lambda: preload_provider(settings.provider))
    window.runner.run(service.warm_plan_pages)
    window.runner.run(lambda: _sync_keyring(data_home))
    if show_licence_dialog:  # greets once; speaks again only when the licence state changes
        QTimer.singleShot(0, lambda: window.open_licence(at_start=True))
    if on_shown is not None:
        QTimer.singleShot(0, lambda: on_shown(window))
    try:
        return app.exec()
    finally:
        window.runner.shutdown()
        instance.release()
        hooks.uninstall()
        service.close()


def _bring_forward(window) -> None:
    from PySide6.QtCore import Qt

    window.setWindowState(
        (window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
    )
    window.show()
    window.raise_()
    window.activateWindow()


def _sync_keyring(home: Path) -> None:
    from licensing import sync_keyring

    sync_keyring(home)
