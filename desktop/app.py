"""Desktop entry point: one QApplication, the service, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from engine import paths
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
    try:
        service = Service(data_home)
    except ServiceError as error:
        QMessageBox.critical(None, "Rooting Future", error.message(language))
        return 1
    window = MainWindow(service, language)
    window.show()
    try:
        return app.exec()
    finally:
        service.close()
