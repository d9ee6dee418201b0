"""Desktop entry point: one QApplication, the service, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from engine import paths
from engine.licence import banner, current_licence
from engine.logs import configure_logging
from engine.service import Service, ServiceError


def main(home: str | Path | None = None, language: str = "it") -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(paths.APP_AUTHOR)
    app.setApplicationName(paths.APP_NAME)
    data_home = paths.user_home(home)
    configure_logging(data_home)
    licence = current_licence(data_home)
    try:
        service = Service(data_home, max_clubs=licence.max_clubs)
    except ServiceError as error:
        QMessageBox.critical(None, "Rooting Future", error.message(language))
        return 1
    window = MainWindow(service, language, banner(licence, language))
    window.show()
    try:
        return app.exec()
    finally:
        service.close()
