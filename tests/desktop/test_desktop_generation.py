"""Live generation: agent cards, cancel, failures explained and retried, a responsive GUI.

The online path runs the real google-genai SDK against the Gemini double on
127.0.0.1, with the key in an in-memory keyring, as a user's app would.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from desktop.main_window import MainWindow
from desktop.prefs import preload_provider
from engine.agents.context import build_context
from engine.agents.registry import AgentName
from engine.domain import load_club_file
from engine.service import Service
from licensing.secrets import set_api_key
from tests.doubles.gemini_double import GeminiDouble, Reply
from tests.engine.agent_replies import payload_for, role_marker

KEY = "AI" + "za-desktop-test-key-0123456789abcdef"
LONG = 60_000


@pytest.fixture
def double(memory_keyring) -> Iterator[GeminiDouble]:
    set_api_key(KEY)
    with GeminiDouble() as server:
        yield server


def answer_every_agent(double: GeminiDouble, club, **options) -> None:
    ctx = build_context(club)
    for agent in AgentName:
        double.always(Reply.ok(payload_for(agent, ctx), **options), match=role_marker(agent))


def use_gemini(window: MainWindow, service: Service, double: GeminiDouble) -> None:
    service.save_app_settings(replace(service.app_settings(), provider="gemini"))
    window.writer_overrides = {
        "gemini_base_url": double.base_url,
        "max_attempts": 2,
        "requests_per_minute": 6000,
        "max_concurrent": 8,
        "max_total_wait_s": 5,
    }


def wait_done(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.generation.running, timeout=LONG)


def test_offline_generation_fills_every_card_and_opens_the_plan(
    qtbot, window: MainWindow, service: Service, example
) -> None:
    window.new_plan_from_file(example())
    window.wizard.go_to_review()
    window.wizard.generate_button.click()
    page = window.generation
    assert window.stack.currentWidget() is page
    wait_done(qtbot, window)
    assert {card.state for card in page.cards.values()} == {"done"}
    assert "il compositore offline" in page.subtitle.text()
    assert page.status.text() == "Fatto: il piano è salvato."
    assert page.progress.value() == page.progress.maximum()
    assert page.open_button.isVisible() and not page.retry_button.isVisible()
    assert not window.wizard.draft_path().exists()  # the draft is done with
    page.open_button.click()
    assert window.stack.currentWidget() is window.plan_view
    assert window.plan_view.document.summary.club_name == "ASD Virtus Seregno Calcio"
    assert window.model.rowCount() == 1


def test_club_limit_is_explained(qtbot, window: MainWindow, service: Service, example, boxes):
    service.max_clubs = 0
    club = load_club_file(example())
    window.generate(club)
    qtbot.waitUntil(lambda: not window.generation.running, timeout=LONG)
    page = window.generation
    # Said once, on the page, with the ways on (no modal box over it).
    assert "La licenza consente al massimo 0 società" in page.status.text()
    assert boxes.texts() == ""
    assert page.settings_button.isVisible()
    assert not page.offline_button.isVisible()  # the run was already offline
    assert not page.open_button.isVisible()  # no plan was saved
    assert {card.state for card in page.cards.values()} == {"not_started"}


def test_gemini_cancel_mid_run_keeps_what_finished_then_retry_completes(
    qtbot, window: MainWindow, service: Service, double: GeminiDouble, example
) -> None:
    club = load_club_file(example())
    double.always(  # the first matching rule wins: sports answers at once
        Reply.ok(payload_for(AgentName.SPORTS, build_context(club)), latency_s=0.05),
        match=role_marker(AgentName.SPORTS),
    )
    answer_every_agent(double, club)
    double.latency_s = 3.0
    use_gemini(window, service, double)
    page = window.generation
    window.generate(club)
    qtbot.waitUntil(lambda: page.cards[AgentName.SPORTS].state == "done", timeout=LONG)
    assert page.cards[AgentName.MARKETING].state == "running"
    assert "Gemini" in page.subtitle.text() or "gemini" in page.subtitle.text()
    page.cancel_button.click()
    assert "Annullamento" in page.status.text()
    started = time.monotonic()
    wait_done(qtbot, window)
    assert time.monotonic() - started < 3.0  # stops promptly, not after the model answers
    assert page.outcome.cancelled and page.outcome.plan_id
    states = {agent: card.state for agent, card in page.cards.items()}
    assert states[AgentName.SPORTS] == "done"
    assert states[AgentName.MARKETING] == "cancelled"
    assert page.retry_button.isVisible() and page.offline_button.isVisible()
    plan = service.get_plan(page.outcome.plan_id).plan
    assert "sports" not in plan.failed_sections() and "marketing" in plan.failed_sections()
    double.latency_s = 0.0
    page.retry_button.click()
    wait_done(qtbot, window)
    assert not page.outcome.failed
    assert page.cards[AgentName.SPORTS].state == "kept"
    assert service.get_plan(page.outcome.plan_id).plan.failed_sections() == []


def test_a_failed_agent_is_explained_and_retried(
    qtbot, window: MainWindow, service: Service, double: GeminiDouble, example
) -> None:
    club = load_club_file(example())
    answer_every_agent(double, club)
    double.script(*[Reply.unavailable()] * 2, match=role_marker(AgentName.MARKETING))
    use_gemini(window, service, double)
    page = window.generation
    window.generate(club)
    wait_done(qtbot, window)
    card = page.cards[AgentName.MARKETING]
    assert card.state == "failed"
    assert "sovraccarico" in card.message.text() or "riprova" in card.message.text().lower()
    assert page.outcome.failed == ["marketing"]
    assert "1 sezione non è riuscita" in page.status.text()  # singular, in Italian
    assert page.retry_button.isVisible()
    plan = service.get_plan(page.outcome.plan_id).plan
    assert plan.failed_sections() == ["marketing"]
    page.retry_button.click()
    wait_done(qtbot, window)
    assert page.cards[AgentName.MARKETING].state == "done"
    assert service.get_plan(page.outcome.plan_id).plan.failed_sections() == []
    window.open_plan(page.outcome.plan_id)
    assert window.plan_view.document.version.number == 2


def test_a_bad_key_points_to_settings_and_the_offline_draft_completes(
    qtbot, window: MainWindow, service: Service, double: GeminiDouble, example
) -> None:
    double.valid_keys = {"another-key"}
    use_gemini(window, service, double)
    page = window.generation
    window.generate(load_club_file(example()))
    wait_done(qtbot, window)
    card = page.cards[AgentName.SPORTS]
    assert card.state == "failed"
    assert "Aprite le impostazioni" in card.message.text()
    assert page.settings_button.isVisible()
    page.settings_button.click()
    dialogs = [w for w in window.findChildren(object) if type(w).__name__ == "SettingsDialog"]
    assert dialogs and dialogs[-1].isVisible()
    dialogs[-1].close()
    page.offline_button.click()
    wait_done(qtbot, window)
    assert not page.outcome.failed
    assert service.get_plan(page.outcome.plan_id).plan.failed_sections() == []


def test_the_gui_thread_stays_responsive_during_a_generation(
    qtbot, window: MainWindow, service: Service, double: GeminiDouble, example
) -> None:
    """Event-loop latency: a 10 ms timer must never wait more than 100 ms."""
    preload_provider("gemini")  # what the app does in the background once its window is up
    assert window.generation is not None  # the page is built when the user opens it
    club = load_club_file(example())
    answer_every_agent(double, club, chunks=40, chunk_delay_s=0.01)
    double.latency_s = 0.2
    use_gemini(window, service, double)
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    window.generate(club)
    wait_done(qtbot, window)
    timer.stop()
    assert not window.generation.outcome.failed
    assert len(gaps) > 20
    worst = max(gaps)
    print(f"event-loop latency during generation: worst {worst:.0f} ms over {len(gaps)} ticks")
    # Not frozen: a blocked GUI thread stalls for seconds. The figure itself (goal under
    # 100 ms) is bench/gui.py's, measured on a quiet machine, not a test's on a busy one.
    assert worst < 500


def test_a_retired_model_offers_the_newest_one_in_one_click(
    qtbot, window: MainWindow, service: Service, double: GeminiDouble, example
) -> None:
    club = load_club_file(example())
    answer_every_agent(double, club)
    double.retired = frozenset({"gemini-2.5-flash"})
    use_gemini(window, service, double)
    service.save_app_settings(replace(service.app_settings(), gemini_model="gemini-2.5-flash"))
    page = window.generation
    window.generate(club)
    wait_done(qtbot, window)
    card = page.cards[AgentName.SPORTS]
    assert card.state == "failed"
    assert "gemini-3.8-flash" in card.message.text() and "dismesso" in card.message.text()
    assert page.switch_button.isVisible()
    assert page.switch_button.text() == "Usa gemini-3.8-flash e riprova"
    page.switch_button.click()
    wait_done(qtbot, window)
    assert service.app_settings().gemini_model == "gemini-3.8-flash"  # the choice is stored
    assert "Costo del modello: stima" in page.status.text()  # priced: gemini-3.8-flash
    assert not page.outcome.failed
    assert service.get_plan(page.outcome.plan_id).plan.failed_sections() == []
    assert not page.switch_button.isVisible()


def test_a_failed_rewrite_keeps_the_section_and_offers_every_way_on(
    qtbot, window: MainWindow, service: Service, double: GeminiDouble, example
) -> None:
    """Gemini down while rewriting one section of an offline plan: nothing is lost."""
    summary, _ = service.generate_plan(
        load_club_file(example()), window.make_writer("offline"), emit=lambda e: None
    )
    before = service.get_plan(summary.id).plan
    double.always(Reply.unavailable())
    use_gemini(window, service, double)
    page = window.generation
    window.regenerate_section(summary.id, "summary")
    wait_done(qtbot, window)
    # One agent was involved, and only its card is shown.
    shown = [agent for agent, card in page.cards.items() if card.isVisible()]
    assert shown == [AgentName.COORDINATOR]
    assert page.cards[AgentName.COORDINATOR].state == "failed"
    assert "il piano non è cambiato (versione 1)" in page.status.text()
    assert [v.number for v in service.versions(summary.id)] == [1]
    after = service.get_plan(summary.id)
    assert after.plan.executive_summary == before.executive_summary
    assert after.summary.provider == "offline"
    assert window.model.data(window.model.index(0, 4)) == "Compositore offline"
    for button in (page.retry_button, page.offline_button, page.open_button):
        assert button.isVisible(), button.text()
    page.offline_button.click()  # the same section, now with the offline composer
    wait_done(qtbot, window)
    assert [v.number for v in service.versions(summary.id)] == [1, 2]
    assert page.outcome.saved and not page.outcome.failed
