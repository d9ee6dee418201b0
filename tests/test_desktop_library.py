"""The main window lists the store's plans and filters them as the user types."""

from __future__ import annotations

from desktop.main_window import MainWindow
from engine.service import Service
from tests.factories import example_club, make_plan


def test_empty_store_invites_the_first_plan(qtbot, service: Service) -> None:
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 0
    assert window.empty.isVisible()


def test_library_lists_and_searches(qtbot, service: Service) -> None:
    service.save_new_plan(make_plan(seed=1))
    service.save_new_plan(make_plan(example_club("pallavolo-ssd"), seed=2))
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 2
    assert not window.empty.isVisible()
    qtbot.keyClicks(window.search, "adriatica")
    assert window.model.rowCount() == 1
    assert window.model.plan_at(0).club_name == "Adriatica Volley SSD a r.l."
    assert (
        window.model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal)
        == "Società"
    )


def test_library_loads_lazily(qtbot, service: Service) -> None:
    from desktop import library_model

    for n in range(5):
        service.save_new_plan(make_plan(seed=n, club_name=f"Club {n}"))
    original = library_model.PAGE_SIZE
    library_model.PAGE_SIZE = 2
    try:
        window = MainWindow(service)
        qtbot.addWidget(window)
        model = window.model
        model.reload()
        assert model.rowCount() == 2 and model.canFetchMore()
        while model.canFetchMore():
            model.fetchMore()
        assert model.rowCount() == 5
    finally:
        library_model.PAGE_SIZE = original


def test_evaluation_banner_shows_in_the_window(qtbot, service: Service) -> None:
    window = MainWindow(service, licence_notice="Modalità valutazione")
    qtbot.addWidget(window)
    window.show()
    assert window.licence_banner.isVisible()
    assert "valutazione" in window.licence_banner.text()
