"""Shared fixtures: an isolated data folder per test and a service on it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from engine.service import Service


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("ROOTING_FUTURE_HOME", str(folder))
    return folder


@pytest.fixture
def service(home: Path) -> Iterator[Service]:
    svc = Service(home)
    yield svc
    svc.close()


@pytest.fixture(autouse=True)
def _no_sdk_api_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own Gemini key (the SDK's variables) never reaches a test."""
    for variable in ("GEMINI_API_KEY", "GOOGLE_API_KEY"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """A club being planned needs a season near today: pin today inside the example clubs'
    season (2025/26), so the suite does not start failing when the calendar moves on."""
    import datetime as dt

    from engine.domain import context

    monkeypatch.setattr(context, "current_date", lambda: dt.date(2026, 3, 2))
