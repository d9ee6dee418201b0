"""Desktop test fixtures: Italian UI, no modal dialog ever blocks, an in-memory keyring,
no background pre-rendering of exports unless a test turns it on.

``QMessageBox`` calls are recorded and answered (Yes/Ok) instead of blocking
the event loop; ``QDesktopServices.openUrl`` is recorded instead of opening a
file manager. Every window gets its task pool shut down at the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from desktop import i18n
from desktop.main_window import MainWindow
from desktop.theme import apply_theme
from engine.domain import load_club_file
from engine.paths import resource_path
from engine.service import Service
from tests.doubles.memory_keyring import MemoryKeyring


class Boxes:
    """What the code under test would have shown in message boxes."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes

    def texts(self) -> str:
        return "\n".join(text for _kind, text in self.shown)


@pytest.fixture(scope="session", autouse=True)
def italian_ui(qapp) -> None:
    i18n.install_translators(qapp, "it")
    apply_theme(qapp)


@pytest.fixture(autouse=True)
def no_background_prerender(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows pre-render saved versions in the background; only the tests about it want that."""
    monkeypatch.setenv("ROOTING_FUTURE_PRERENDER", "0")


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    record = Boxes()

    def box(kind: str):
        def show(_parent: Any, _title: str, text: str, *args: Any, **kwargs: Any):
            record.shown.append((kind, text))
            return record.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return staticmethod(show)

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, box(kind))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a, **k: None))
    return record


@pytest.fixture(autouse=True)
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url.toString()) or True)
    )
    return urls


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.delenv("ROOTING_FUTURE_GEMINI_API_KEY", raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def window(qtbot, service: Service) -> Iterator[MainWindow]:
    main = MainWindow(service, "it")
    qtbot.addWidget(main)
    main.show()
    yield main
    main.runner.shutdown()


def example_file(name: str = "calcio-giovanile-asd") -> Path:
    return resource_path("examples", f"{name}.json")


@pytest.fixture
def example() -> Any:
    """``example(name)``: the path of a shipped example club file."""
    return example_file


@pytest.fixture
def make_plan_offline(service: Service) -> Any:
    """``make_plan_offline(name)``: a real plan from the offline composer (~0.1 s), its id."""
    from engine.providers import ProviderChoice, make_writer

    def make(name: str = "calcio-giovanile-asd") -> int:
        club = load_club_file(example_file(name))
        summary, _ = service.generate_plan(club, make_writer(ProviderChoice()), emit=lambda e: None)
        return summary.id

    return make
