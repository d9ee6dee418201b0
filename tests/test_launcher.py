"""``rooting-future``: no command opens the desktop app, a command runs headless."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop import launcher
from desktop.main_window import MainWindow
from engine.service import Service
from tests.factories import make_plan


def test_a_command_runs_headless(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        launcher.main(["list", "--language", "en"])
    assert exit_.value.code == 0
    assert "No plans found" in capsys.readouterr().out


def test_no_command_opens_the_main_window_on_the_given_home(qapp, tmp_path: Path) -> None:
    data = tmp_path / "data"
    service = Service(data)
    service.save_new_plan(make_plan(seed=1))
    service.close()
    seen: list[int] = []

    def look_and_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.extend(w.model.rowCount() for w in windows if w.isVisible())
        for window in windows:
            window.close()
        QApplication.quit()

    QTimer.singleShot(300, look_and_close)
    with pytest.raises(SystemExit) as exit_:
        launcher.main(["--home", str(data)])
    assert exit_.value.code == 0
    assert seen == [1]
