"""The Qt binding keeps None alive: a long session must never abort with "none_dealloc".

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every call that returns
nothing, so an app that lived long enough aborted (pyproject.toml pins it out). Python
3.12+ makes None immortal, where this test passes whatever the binding does.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox, QLabel


def test_calls_returning_nothing_keep_none_alive(qtbot) -> None:
    label, combo = QLabel(), QComboBox()
    qtbot.addWidget(label)
    qtbot.addWidget(combo)
    combo.addItem("Ogni sport", None)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("Archivio")
        combo.currentData()
    assert sys.getrefcount(None) >= before - 50, "the Qt binding leaks references to None"
