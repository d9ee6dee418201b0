"""Public sources (tier 2) from the user's side: facts reviewed before they enter the plan.

No network: the plans are written by the offline composer and the facts are put in a
saved version (or returned by a writer's research step) as the research agent would.
The texts the desktop adds are checked by what they hold (numbers, the plan's own
words), so the tests pass before and after the Italian translation is regenerated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtGui import QDesktopServices

from desktop.main_window import MainWindow
from desktop.planview.research_view import RESEARCH_KEY, AddressDialog
from desktop.planview.view import KEY_ROLE
from engine.agents.writers import OfflineWriter
from engine.domain.research import Citation, FactStatus, Research, ResearchFact, ResearchKind
from engine.domain.sourced import SourceTier
from engine.research import ResearchOutcome
from engine.service import Service

CALL_URL = "https://www.regione.lombardia.it/bandi/impianti-sportivi-2025"
CALL_TITLE = "Bando impianti sportivi 2025 - Regione Lombardia"


def facts() -> Research:
    read = dt.date(2025, 5, 2)
    return Research(
        searched=True,
        searched_on=read,
        queries=["bandi impianti sportivi Lombardia 2025"],
        discarded=1,
        facts=[
            ResearchFact(
                id="f1",
                kind=ResearchKind.FUNDING_CALL,
                statement="La Regione Lombardia finanzia da 5.000 a 50.000 euro gli impianti "
                "sportivi delle società dilettantistiche.",
                value=5000,
                high=50000,
                unit="EUR",
                deadline=dt.date(2025, 9, 30),
                citation=Citation(
                    url=CALL_URL,
                    title=CALL_TITLE,
                    retrieved=read,
                    supporting_text="Contributo da 5.000 a 50.000 euro; domande entro il "
                    "30 settembre 2025.",
                ),
            ),
            ResearchFact(
                id="f2",
                kind=ResearchKind.POPULATION,
                statement="Seregno conta 45.131 abitanti secondo l'ISTAT.",
                value=45131,
                unit="abitanti",
                citation=Citation(
                    url="https://demo.istat.it/popolazione/seregno",
                    title="ISTAT - Popolazione residente",
                    retrieved=read,
                    supporting_text="Seregno: popolazione residente 45.131",
                ),
            ),
        ],
    )


def plan_with_facts(service: Service, make_plan_offline) -> int:
    """An offline plan whose version 2 holds two proposed facts, as a search would leave."""
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    service.save_version(plan_id, plan.model_copy(update={"research": facts()}))
    return plan_id


def open_sources(window: MainWindow, plan_id: int):
    window.open_plan(plan_id, RESEARCH_KEY)
    view = window.plan_view
    assert view.current_key == RESEARCH_KEY
    assert view.stack.currentWidget() is view.research_view
    return view.research_view


def tree_item(window: MainWindow, key: str):
    tree = window.plan_view.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return next(item for item in items if item.data(0, KEY_ROLE) == key)


def test_the_tree_lists_the_public_sources_to_review(qtbot, window, service, make_plan_offline):
    plan_id = plan_with_facts(service, make_plan_offline)
    window.open_plan(plan_id)
    item = tree_item(window, RESEARCH_KEY)
    assert item.text(0) == window.plan_view.tr("Public sources ({n} to review)").format(n=2)
    window.plan_view.tree.setCurrentItem(item)  # a click on the item shows the page
    view = window.plan_view.research_view
    assert window.plan_view.stack.currentWidget() is view
    assert not window.plan_view.edit_button.isVisible()
    first, second = view.cards
    assert first.statement.text().startswith("La Regione Lombardia finanzia")
    assert first.value.text() == "5.000"  # as the questionnaire shows numbers
    assert "50.000" in first.range.text() and first.range.isVisible()
    assert "30/09/2025" in first.deadline.text() and not second.deadline.isVisible()
    assert second.value.text() == "45.131" and not second.range.isVisible()
    assert CALL_TITLE in first.source.text() and CALL_URL in first.source.text()
    assert "02/05/2025" in first.source.text()
    assert "30 settembre 2025" in first.supporting.text()
    assert not first.accept.isChecked() and not first.reject.isChecked()
    assert not view.save_button.isEnabled()  # nothing decided yet
    assert "1" in view.summary.text()  # the fact left out for want of a source is counted
    assert not view.reason.isVisible()


def test_accept_one_reject_the_other_saves_a_version_that_uses_the_accepted(
    qtbot, window, service, make_plan_offline
):
    plan_id = plan_with_facts(service, make_plan_offline)
    view = open_sources(window, plan_id)
    call, population = view.cards
    call.accept.click()
    population.reject.click()
    assert view.save_button.isEnabled()
    view.save_button.click()
    document = service.get_plan(plan_id)
    assert document.version.number == 3
    statuses = {f.id: f.status for f in document.plan.research.facts}
    assert statuses == {"f1": FactStatus.ACCEPTED, "f2": FactStatus.REJECTED}
    options = [
        s
        for s in document.plan.financial_plan.funding_sources
        if s.amount is not None and s.amount.tier is SourceTier.RESEARCH
    ]
    assert [o.name for o in options] == [CALL_TITLE]
    assert CALL_URL in options[0].detail
    # The plan view shows the saved version, at the same page, with nothing left to save.
    shown = window.plan_view
    assert shown.document.version.number == 3 and shown.current_key == RESEARCH_KEY
    assert shown.research_view.cards[0].accept.isChecked()
    assert not shown.research_view.save_button.isEnabled()
    # None left to review: the item counts the facts.
    assert tree_item(window, RESEARCH_KEY).text(0) == shown.tr("Public sources ({n})").format(n=2)
    # Rejecting it takes the funding option back.
    shown.research_view.cards[0].reject.click()
    shown.save_current()  # Ctrl+S
    plan = service.get_plan(plan_id).plan
    assert not [
        s
        for s in plan.financial_plan.funding_sources
        if s.amount is not None and s.amount.tier is SourceTier.RESEARCH
    ]


def test_accept_all_then_save(qtbot, window, service, make_plan_offline):
    plan_id = plan_with_facts(service, make_plan_offline)
    view = open_sources(window, plan_id)
    view.accept_all_button.click()
    assert all(card.accept.isChecked() for card in view.cards)
    assert not view.accept_all_button.isEnabled()
    view.save_button.click()
    research = service.research(plan_id)
    assert {f.status for f in research.facts} == {FactStatus.ACCEPTED}


def test_a_value_typed_the_italian_way_is_stored(qtbot, window, service, make_plan_offline):
    plan_id = plan_with_facts(service, make_plan_offline)
    view = open_sources(window, plan_id)
    call = view.cards[0]
    call.value.clear()
    qtbot.keyClicks(call.value, "1.500,50")
    call.accept.click()
    view.save_button.click()
    fact = service.research(plan_id).facts[0]
    assert fact.value == 1500.5 and fact.high is None and fact.edited
    assert fact.status is FactStatus.ACCEPTED
    assert window.plan_view.research_view.cards[0].value.text() == "1.500,5"


def test_a_value_that_is_not_a_number_is_said_and_nothing_is_saved(
    qtbot, window, service, make_plan_offline
):
    plan_id = plan_with_facts(service, make_plan_offline)
    view = open_sources(window, plan_id)
    call = view.cards[0]
    call.value.clear()
    qtbot.keyClicks(call.value, "circa tanti")
    view.save_button.click()
    assert view.error.isVisible() and "1.500,50" in view.error.text()
    assert service.get_plan(plan_id).version.number == 2
    call.value.clear()  # emptied: not known
    qtbot.keyClicks(call.value, " ")
    view.save_button.click()
    assert service.research(plan_id).facts[0].value is None


def test_a_stale_version_is_refused_and_the_page_reloads(
    qtbot, window, service, make_plan_offline, boxes
):
    plan_id = plan_with_facts(service, make_plan_offline)
    view = open_sources(window, plan_id)
    view.cards[0].accept.click()
    # Meanwhile the plan changes elsewhere (another window): version 3.
    plan = service.get_plan(plan_id).plan
    service.save_version(plan_id, plan, reason="elsewhere")
    view.save_button.click()
    assert "modificato altrove" in boxes.texts()
    assert service.get_plan(plan_id).version.number == 3  # nothing saved over it
    shown = window.plan_view
    assert shown.document.version.number == 3 and shown.current_key == RESEARCH_KEY
    reloaded = shown.research_view.cards[0]
    assert not reloaded.accept.isChecked()  # the stored decision, not the lost click
    assert not shown.research_view.save_button.isEnabled()


def test_the_source_opens_in_the_browser_or_shows_its_address(
    qtbot, window, service, make_plan_offline, opened_urls, monkeypatch
):
    plan_id = plan_with_facts(service, make_plan_offline)
    view = open_sources(window, plan_id)
    card = view.cards[0]
    card.source.linkActivated.emit(CALL_URL)
    assert opened_urls == [CALL_URL]
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    card.source.linkActivated.emit(CALL_URL)
    dialogs = [d for d in card.findChildren(AddressDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].field.text() == CALL_URL
    dialogs[0].copy()
    dialogs[0].close()


def test_a_plan_not_searched_says_why(qtbot, window, service, make_plan_offline):
    plan_id = make_plan_offline()
    reason = service.research(plan_id).reason
    assert "compositore offline" in reason  # the engine's words, in the plan's language
    view = open_sources(window, plan_id)
    label = window.plan_view.tr("Public sources ({n})").format(n=0)
    assert tree_item(window, RESEARCH_KEY).text(0) == label
    assert view.reason.isVisible() and view.reason.text() == reason
    assert not view.settings_hint.isVisible()  # the offline composer: nothing to switch on
    assert not view.cards and not view.save_button.isVisible()
    assert not view.accept_all_button.isVisible()
    # A Gemini user with the search switched off is told where to switch it on.
    service.save_app_settings(replace(service.app_settings(), provider="gemini", research=False))
    window.plan_view.select("summary")
    window.plan_view.select(RESEARCH_KEY)
    assert view.settings_hint.isVisible()


def test_a_search_that_found_nothing_says_so(qtbot, window, service, make_plan_offline):
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    nothing = Research(searched=True, searched_on=dt.date(2025, 5, 2), discarded=3)
    service.save_version(plan_id, plan.model_copy(update={"research": nothing}))
    view = open_sources(window, plan_id)
    assert not view.reason.isVisible() and not view.cards
    assert view.summary.isVisible() and "3" in view.summary.text()
    assert not view.save_button.isVisible()


def test_the_settings_checkbox_round_trips(qtbot, window, service):
    assert service.app_settings().research is True
    dialog = window.open_settings()
    assert dialog.research.isChecked()
    assert dialog.research_hint.text()
    dialog.research.setChecked(False)
    dialog.save()
    assert service.app_settings().research is False
    again = window.open_settings()
    assert not again.research.isChecked()
    again.research.setChecked(True)
    again.save()
    assert service.app_settings().research is True


class ResearchingWriter(OfflineWriter):
    """The offline composer whose research step returns facts, as a Gemini search would."""

    def research(self, ctx, cancel) -> ResearchOutcome:
        return ResearchOutcome(facts())


def test_a_new_plan_with_facts_offers_to_review_them(qtbot, window, service, example):
    window.generation.writer_factory = lambda _provider: ResearchingWriter()
    window.new_plan_from_file(example())
    window.wizard.go_to_review()
    window.wizard.generate_button.click()
    page = window.generation
    qtbot.waitUntil(lambda: not page.running, timeout=60_000)
    assert page.outcome.to_review == 2
    assert page.review_button.isVisible() and page.open_button.isVisible()
    assert page.tr("%n fact(s) from public sources to review.", "", 2) in page.status.text()
    page.review_button.click()
    view = window.plan_view
    assert window.stack.currentWidget() is view
    assert view.current_key == RESEARCH_KEY and view.stack.currentWidget() is view.research_view
    assert len(view.research_view.cards) == 2


def test_a_new_plan_without_facts_has_no_review_button(qtbot, window, service, example):
    window.new_plan_from_file(example())
    window.wizard.go_to_review()
    window.wizard.generate_button.click()
    page = window.generation
    qtbot.waitUntil(lambda: not page.running, timeout=60_000)
    assert page.outcome.to_review == 0
    assert not page.review_button.isVisible() and page.open_button.isVisible()
