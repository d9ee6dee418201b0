"""Background pre-rendering: every saved version is rendered into the export cache, so the
export that follows only writes files. Checked through the cache's own counters and keys,
never through timing.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.main_window import MainWindow
from desktop.prerender import Prerenderer
from engine.domain import load_club_file
from engine.export import ExportError, ExportFormat
from engine.export.compose import build_document
from engine.export.fingerprint import export_key
from engine.export.prerender import PRERENDER_ARTEFACTS, PrerenderResult
from engine.service import Service
from tests.factories import make_plan

LONG = 120_000


def turn_on(window: MainWindow) -> Prerenderer:
    prerenderer = window.prerenderer
    prerenderer.enabled = True
    prerenderer.delay_ms = 0
    return prerenderer


def key_of(service: Service, plan_id: int, version: int) -> str:
    plan = service.get_plan(plan_id, version).plan
    return export_key(build_document(plan, version=version), watermark=service.watermark)


class FakeRenders:
    """Stands in for ``Service.prerender``: records requests, runs until released or stopped."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int | None]] = []
        self.release = threading.Event()
        self.saw_stop = threading.Event()
        self.fail_with: Exception | None = None

    def __call__(self, plan_id: int, version: int | None = None, *, should_stop) -> object:
        self.calls.append((plan_id, version))
        if self.fail_with is not None:
            raise self.fail_with
        while not self.release.is_set():
            if should_stop():
                self.saw_stop.set()
                return PrerenderResult("k", (), (), True)
            self.release.wait(0.01)
        return PrerenderResult("k", PRERENDER_ARTEFACTS, ())


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, service: Service) -> FakeRenders:
    renders = FakeRenders()
    monkeypatch.setattr(service, "prerender", renders)
    yield renders
    renders.release.set()


def test_a_saved_edit_is_prerendered_and_its_export_comes_from_the_cache(
    qtbot, window: MainWindow, service: Service, make_plan_offline, tmp_path: Path
) -> None:
    prerenderer = turn_on(window)
    plan_id = make_plan_offline()
    window.open_plan(plan_id)
    view = window.plan_view
    view.select("objective:SP2")
    view.edit_button.click()
    view.objective_editor.title.setText("Crescita e fidelizzazione")
    with qtbot.waitSignal(prerenderer.finished, timeout=LONG) as finished:
        window.save_current()  # Ctrl+S: version 2
    rendered_plan, result = finished.args
    assert rendered_plan == plan_id and service.get_plan(plan_id).version.number == 2
    assert result.key == key_of(service, plan_id, 2) and not result.cancelled
    assert result.rendered == PRERENDER_ARTEFACTS
    cache = service.export_cache
    assert all(cache.contains(result.key, artefact) for artefact in PRERENDER_ARTEFACTS)
    misses = cache.stats["miss"]

    dialog = window.export_plan(plan_id)
    for fmt, check in dialog.checks.items():
        check.setChecked(fmt in (ExportFormat.PDF, ExportFormat.DOCX, ExportFormat.ZIP))
    dialog.open_when_done.setChecked(False)
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(dialog.paths), timeout=LONG)
    assert cache.stats["miss"] == misses  # nothing rendered: every format was ready
    assert cache.stats["hit"] >= 4
    pdf = next(p for p in dialog.paths if p.suffix == ".pdf")
    assert pdf.name.endswith("_v2.pdf")
    assert pdf.read_bytes() == cache.get(result.key, "pdf", ("pdf",))["pdf"]
    dialog.close()
    qtbot.waitUntil(prerenderer.idle, timeout=LONG)


def test_every_way_of_saving_a_version_schedules_it(
    qtbot,
    window: MainWindow,
    service: Service,
    fake: FakeRenders,
    example,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake.release.set()  # each request completes at once
    prerenderer = turn_on(window)
    # 1. a generation finished: the new plan's current version
    window.generate(load_club_file(example()))
    qtbot.waitUntil(lambda: bool(fake.calls), timeout=LONG)
    plan_id = window.generation.outcome.plan_id
    assert fake.calls == [(plan_id, None)]
    qtbot.waitUntil(prerenderer.idle, timeout=LONG)
    # 2. an edit saved from the plan view
    window.open_plan(plan_id)
    view = window.plan_view
    view.select("objective:SP2")
    view.edit_button.click()
    view.objective_editor.title.setText("Crescita e fidelizzazione")
    window.save_current()
    qtbot.waitUntil(lambda: len(fake.calls) == 2, timeout=LONG)
    assert fake.calls[-1] == (plan_id, 2)
    qtbot.waitUntil(prerenderer.idle, timeout=LONG)
    # 3. an old version restored from the history
    history = view.open_history()
    history.table.selectRow(1)
    history.restore_selected()
    qtbot.waitUntil(lambda: len(fake.calls) == 3, timeout=LONG)
    assert fake.calls[-1] == (plan_id, 3)
    history.close()
    qtbot.waitUntil(prerenderer.idle, timeout=LONG)
    # 4. a plan file imported
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(make_plan(club_name="Circolo Importato").model_dump_json(), "utf-8")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(plan_file), ""))
    )
    window.import_plan_file()
    qtbot.waitUntil(lambda: len(fake.calls) == 4, timeout=LONG)
    imported = fake.calls[-1][0]
    assert imported != plan_id and service.get_plan(imported).summary.club_name == (
        "Circolo Importato"
    )


def test_a_newer_version_supersedes_the_older_and_renders_run_one_at_a_time(
    qtbot, window: MainWindow, fake: FakeRenders
) -> None:
    prerenderer = turn_on(window)
    outcomes: list[tuple[int, bool]] = []
    prerenderer.finished.connect(lambda plan, result: outcomes.append((plan, result.cancelled)))
    prerenderer.schedule(1, 1)
    prerenderer.schedule(1, 2)  # saved again before the first request started
    qtbot.waitUntil(lambda: fake.calls == [(1, 2)], timeout=LONG)
    prerenderer.schedule(1, 2)  # the same version again: already being rendered
    prerenderer.schedule(1, 3)  # a newer one while 2 renders: 2 is told to stop
    qtbot.waitUntil(lambda: fake.calls == [(1, 2), (1, 3)], timeout=LONG)
    assert outcomes == [(1, True)]
    prerenderer.schedule(2, 1)  # another plan waits for its turn
    qtbot.wait(200)
    assert fake.calls == [(1, 2), (1, 3)]
    fake.release.set()
    qtbot.waitUntil(prerenderer.idle, timeout=LONG)
    assert fake.calls == [(1, 2), (1, 3), (2, 1)]
    assert outcomes == [(1, True), (1, False), (2, False)]


def test_failures_are_logged_never_shown(
    qtbot, window: MainWindow, fake: FakeRenders, boxes, caplog: pytest.LogCaptureFixture
) -> None:
    prerenderer = turn_on(window)
    fake.fail_with = ExportError(
        it="Il motore PDF non è disponibile.", en="The PDF engine is missing.", code="pdf_engine"
    )
    with caplog.at_level(logging.WARNING, logger="desktop.prerender"):
        prerenderer.schedule(7, 1)
        prerenderer.schedule(8, 1)
        qtbot.waitUntil(lambda: len(fake.calls) == 2, timeout=LONG)
        qtbot.waitUntil(prerenderer.idle, timeout=LONG)
    assert boxes.shown == []
    assert "pre-render of plan 8 failed" in caplog.text
    assert "pre-render of plan 7 failed" in caplog.text  # and the next request still ran


def test_closing_the_window_stops_a_running_prerender(
    qtbot, window: MainWindow, fake: FakeRenders
) -> None:
    prerenderer = turn_on(window)
    prerenderer.schedule(1, 1)
    prerenderer.schedule(2, 1)
    qtbot.waitUntil(lambda: bool(fake.calls), timeout=LONG)
    window.close()
    assert fake.saw_stop.wait(30)
    assert window.runner.pool.waitForDone(30_000)
    assert len(fake.calls) == 1  # the waiting request was dropped
    prerenderer.schedule(3, 1)  # late saves after closing are ignored
    assert prerenderer.idle()


def test_switched_off_by_the_environment(
    qtbot, service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROOTING_FUTURE_PRERENDER", "0")
    main = MainWindow(service, "it")
    qtbot.addWidget(main)
    main.prerenderer.schedule(1, 1)
    assert main.prerenderer.idle() and not main.prerenderer.enabled
    main.runner.shutdown()
