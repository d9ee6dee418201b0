"""The home screen: the library lists, searches, filters, sorts, pages and trashes plans."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.library import model as library_model
from desktop.main_window import MainWindow
from engine.domain import PlanStatus
from engine.service import Service
from tests.factories import example_club, example_files, make_plan


def test_empty_library_invites_the_first_plan_with_the_examples(qtbot, window) -> None:
    page = window.library
    assert page.is_empty_state()
    assert page.empty.create_button.text() == "Create il vostro primo piano"
    names = [b.text() for b in page.empty.example_buttons]
    assert any("ASD Virtus Seregno Calcio" in n for n in names)
    assert len(names) == len(example_files())  # one per example club, ten sports
    page.empty.example_buttons[0].click()
    assert window.stack.currentWidget() is window.wizard
    assert window.wizard.validate() is not None  # an example club is complete and valid


def test_library_shows_the_plans_in_italian(qtbot, service: Service, make_plan_offline) -> None:
    plan_id = make_plan_offline()
    service.set_status(plan_id, PlanStatus.APPROVED)
    window = MainWindow(service, "it")
    qtbot.addWidget(window)
    model = window.model
    assert model.rowCount() == 1
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Società", "Sport", "Stagioni", "Stato", "Scritto con", "Ultima modifica"]
    row = [model.index(0, c).data() for c in range(6)]
    assert row[:4] == ["ASD Virtus Seregno Calcio", "Calcio", "2026/27 - 2028/29", "Approvato"]
    assert row[4] == "Compositore offline"
    window.runner.shutdown()


def test_full_text_search_filters_as_the_user_types(qtbot, window, service: Service) -> None:
    service.save_new_plan(make_plan(seed=1))
    service.save_new_plan(make_plan(example_club("pallavolo-ssd"), seed=2))
    window.library.refresh()
    assert window.model.rowCount() == 2
    qtbot.keyClicks(window.search, "adriatica")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)
    assert window.model.plan_at(0).club_name == "Adriatica Volley SSD a r.l."
    window.search.clear()
    qtbot.keyClicks(window.search, "nessunaparolacosi")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=3000)
    assert window.library.stack.currentWidget() is window.library.no_match
    assert "Nessun piano corrisponde" in window.library.no_match.text()


def test_filters_and_sorting(qtbot, window, service: Service) -> None:
    volley = service.save_new_plan(make_plan(example_club("pallavolo-ssd"), seed=2))
    service.save_new_plan(make_plan(seed=1, club_name="Zeta Calcio"))
    service.set_status(volley.id, PlanStatus.APPROVED)
    page = window.library
    page.refresh()
    page.sport.setCurrentIndex(page.sport.findData("pallavolo"))
    assert [r.id for r in page.model._rows] == [volley.id]
    page.sport.setCurrentIndex(0)
    page.status.setCurrentIndex(page.status.findData("draft"))
    assert [window.model.plan_at(r).club_name for r in range(window.model.rowCount())] == [
        "Zeta Calcio"
    ]
    page.status.setCurrentIndex(0)
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [window.model.plan_at(r).club_name for r in range(window.model.rowCount())]
    assert names == sorted(names, key=str.lower)
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert window.model.plan_at(0).club_name == "Zeta Calcio"
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # not sortable: the order stays
    assert window.model.plan_at(0).club_name == "Zeta Calcio"


def test_trash_restore_and_purge(qtbot, window, service: Service, boxes) -> None:
    summary = service.save_new_plan(make_plan(seed=1))
    page = window.library
    page.refresh()
    page.delete(window.model.plan_at(0))
    assert window.model.rowCount() == 0
    page.trash.setChecked(True)
    assert window.model.rowCount() == 1
    assert window.model.headerData(5, Qt.Orientation.Horizontal) == "Eliminato il"
    assert page.empty_trash_button.isVisible()
    page.restore(window.model.plan_at(0))
    page.trash.setChecked(False)
    assert window.model.rowCount() == 1
    service.delete_plan(summary.id)
    page.trash.setChecked(True)
    page.empty_trash()
    assert "Eliminare definitivamente" in boxes.texts()
    assert window.model.rowCount() == 0
    assert "Il cestino è vuoto." in page.no_match.text()


def test_library_loads_lazily(qtbot, service: Service, monkeypatch) -> None:
    for n in range(5):
        service.save_new_plan(make_plan(seed=n, club_name=f"Club {n}"))
    monkeypatch.setattr(library_model, "PAGE_SIZE", 2)
    window = MainWindow(service, "it")
    qtbot.addWidget(window)
    model = window.model
    model.refresh()
    assert model.rowCount() == 2 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 5
    window.runner.shutdown()


def test_evaluation_banner_shows_in_the_window(qtbot, service: Service) -> None:
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    assert window.licence_banner.isVisible()
    assert "valutazione" in window.licence_banner.text()
    window.runner.shutdown()


def test_shortcuts_reach_their_actions(qtbot, window) -> None:
    assert window.new_action.shortcut().toString() == "Ctrl+N"
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    assert window.save_action.shortcut().toString() == "Ctrl+S"
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.wizard
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.library
    assert window.search.hasFocus() or window.focusWidget() is window.search
