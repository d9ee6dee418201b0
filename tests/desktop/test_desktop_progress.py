"""The plan's progress from the user's side (issue 17): values typed or imported, the
status they give, action states, the library's chip.

Real plans (the offline composer) in a real store; the status words come from the engine
(``Rag.label``), the desktop's own texts are checked by what they hold (the value typed,
the row number), so the tests pass before and after the Italian translation is
regenerated.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QMessageBox, QTreeWidgetItem

from desktop.library.model import PROGRESS_COLUMN
from desktop.main_window import WINDOW_STATE_FILE, MainWindow
from desktop.progress import importing
from desktop.progress.chips import RAG_ROLE, SERIES_ROLE, review_now
from desktop.progress.grid import VALUE
from desktop.progress.page import NAME, STATE_ROLE, STATUS, TREND, ProgressPage
from desktop.progress.page import VALUE as SHOWN
from desktop.progress.rebase import RebaseDialog
from desktop.wizard.fields import format_number
from engine.domain import Plan
from engine.domain.plan import KPI, MacroObjective
from engine.monitoring.model import ActionState, Actual, Rag, Review, Subject
from engine.service import Service
from tests.factories import make_plan

FIRST = 0  # the plan's first season


def numeric_kpi(plan: Plan, season: int = FIRST) -> tuple[MacroObjective, KPI, float]:
    """A KPI whose target grows (more is better) and is a plain number or a percentage."""
    for objective in plan.objectives():
        for kpi in objective.kpis:
            target = kpi.targets[season].value
            baseline = kpi.baseline.value
            if (
                isinstance(target, int | float)
                and target >= 10
                and kpi.unit in ("n", "%")
                and (baseline is None or target > baseline)
            ):
                return objective, kpi, float(target)
    raise AssertionError("no numeric KPI in the plan")


def open_progress(window: MainWindow, plan_id: int, review: Review = Review.END) -> ProgressPage:
    """From the plan view's header button, as the user gets there."""
    window.open_plan(plan_id)
    window.plan_view.progress_button.click()
    page = window.progress_page
    assert window.stack.currentWidget() is page
    season = window.service.get_plan(plan_id).plan.seasons[FIRST]
    page.choose(season, review)
    return page


def start_tracking(service: Service, plan_id: int) -> None:
    """One value recorded: monitoring has started, so overdue actions count as late."""
    plan = service.get_plan(plan_id).plan
    objective, kpi, target = numeric_kpi(plan)
    record = Actual(Subject.KPI, kpi.name, plan.seasons[FIRST], Review.END, target, objective.code)
    service.record_actuals(plan_id, [record])


def chip(page: ProgressPage, *key: str) -> str:
    return page.items[key].data(STATUS, RAG_ROLE)


def every_text(page: ProgressPage) -> list[str]:
    found = []
    for item in page.items.values():
        found.extend(item.text(column) for column in range(page.tree.columnCount()))
        found.extend(item.toolTip(column) for column in range(page.tree.columnCount()))
    return found


# --- the page ---------------------------------------------------------------------------


def test_the_page_opens_from_the_plan_on_the_season_running_today(
    qtbot, window, service: Service, make_plan_offline
) -> None:
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    window.open_plan(plan_id)
    assert window.plan_view.progress_button.isVisible()
    window.plan_view.progress_button.click()
    page = window.progress_page
    assert window.stack.currentWidget() is page
    season, review = review_now(plan.seasons)
    assert page.current_season() == season
    assert page.current_review() is review
    assert [page.season.itemText(i) for i in range(page.season.count())] == plan.seasons
    # Areas, objectives, KPIs, actions and the finances are all there.
    objective, kpi, _ = numeric_kpi(plan)
    assert ("objective", objective.code) in page.items
    assert ("kpi", objective.code, kpi.name) in page.items
    assert ("action", objective.actions[0].code) in page.items
    assert ("finance", "revenue_total") in page.items
    # Nothing measured yet: every KPI is "da rilevare", never green.
    for key, item in page.items.items():
        if key[0] == "kpi":
            assert item.data(STATUS, RAG_ROLE) == Rag.UNMEASURED.value
            assert item.text(STATUS) == "da rilevare"
    assert not any("None" in text for text in every_text(page))
    page.back_button.click()
    assert window.stack.currentWidget() is window.plan_view


def test_the_grid_saves_values_and_the_kpi_turns_green_amber_red(
    qtbot, window, service: Service, make_plan_offline
) -> None:
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    versions = [v.number for v in service.versions(plan_id)]
    page = open_progress(window, plan_id)
    objective, kpi, target = numeric_kpi(plan)
    page.tabs.setCurrentWidget(page.grid)  # the tab Enter values
    grid = page.grid
    row = grid.row_of(Subject.KPI, kpi.name, objective.code)
    key = ("kpi", objective.code, kpi.name)
    assert grid.table.item(row, VALUE).text() == ""  # nothing recorded yet

    for typed, expected in (
        (target, Rag.GREEN),  # on the target
        (target * 0.95, Rag.AMBER),  # within the tolerance (10%)
        (target * 0.5, Rag.RED),  # far below
    ):
        text = format_number(round(typed, 1))
        grid.type_value(row, text)
        assert grid.pending() == 1
        assert grid.save_button.isEnabled()
        grid.save_button.click()
        assert chip(page, *key) == expected.value, text
        assert page.items[key].text(STATUS) == expected.label("it")
        assert grid.pending() == 0
        assert grid.table.item(row, VALUE).text() == text  # the latest value, prefilled

    recorded = [a for a in service.actuals(plan_id) if a.subject is Subject.KPI]
    assert [a.value for a in recorded] == [
        target,
        round(target * 0.95, 1),
        round(target * 0.5, 1),
    ]
    assert {(a.season, a.review, a.objective, a.source) for a in recorded} == {
        (plan.seasons[FIRST], Review.END, objective.code, "desktop")
    }
    # Shown against the expected value, with the sparkline's series.
    assert format_number(round(target * 0.5, 1)) in page.items[key].text(SHOWN)
    series, season, _marks = page.items[key].data(TREND, SERIES_ROLE)
    assert season == plan.seasons[FIRST]
    assert series[FIRST][2] == round(target * 0.5, 1)
    # Values are their own records: the plan's versions stay as they were.
    assert [v.number for v in service.versions(plan_id)] == versions


def test_a_bad_number_shows_its_message_and_nothing_is_saved(
    qtbot, window, service: Service, make_plan_offline
) -> None:
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    page = open_progress(window, plan_id)
    objective, kpi, target = numeric_kpi(plan)
    page.tabs.setCurrentWidget(page.grid)  # the tab Enter values
    grid = page.grid
    good = grid.row_of(Subject.FINANCE, "revenue_total")
    bad = grid.row_of(Subject.KPI, kpi.name, objective.code)
    grid.type_value(good, "250.000")
    grid.type_value(bad, "84,5x")
    assert "84,5x" in grid.note(bad)  # the message is in the row at once
    assert grid.note(good)  # "not saved yet"
    assert grid.pending() == 2
    assert grid.save() is False
    assert grid.error.isVisible()
    assert grid.table.currentRow() == bad
    assert service.actuals(plan_id) == []  # not even the good value
    # Fixed, both are saved; the Italian thousands dot reads as thousands.
    grid.type_value(bad, format_number(target))
    assert grid.save() is True
    assert not grid.error.isVisible()
    values = {(a.subject, a.key): a.value for a in service.actuals(plan_id)}
    assert values[(Subject.FINANCE, "revenue_total")] == 250_000
    assert values[(Subject.KPI, kpi.name)] == target
    assert chip(page, "finance", "revenue_total") in {r.value for r in Rag}
    assert "250.000" in page.items[("finance", "revenue_total")].text(SHOWN)


def test_a_negative_kpi_and_an_emptied_value_are_refused(
    qtbot, window, service: Service, make_plan_offline
) -> None:
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    objective, kpi, target = numeric_kpi(plan)
    service.record_actuals(
        plan_id,
        [Actual(Subject.KPI, kpi.name, plan.seasons[FIRST], Review.END, target, objective.code)],
    )
    page = open_progress(window, plan_id)
    page.tabs.setCurrentWidget(page.grid)  # the tab Enter values
    grid = page.grid
    row = grid.row_of(Subject.KPI, kpi.name, objective.code)
    assert grid.table.item(row, VALUE).text() == format_number(target)
    grid.type_value(row, "")
    assert grid.note(row)
    grid.type_value(row, "-3")
    assert grid.note(row)
    assert grid.save() is False
    assert len(service.actuals(plan_id)) == 1
    grid.discard_button.click()
    assert grid.pending() == 0
    assert grid.table.item(row, VALUE).text() == format_number(target)


def test_values_typed_then_another_review_asks_before_dropping_them(
    qtbot, window, service: Service, make_plan_offline, boxes
) -> None:
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    page = open_progress(window, plan_id)
    objective, kpi, target = numeric_kpi(plan)
    row = page.grid.row_of(Subject.KPI, kpi.name, objective.code)
    page.grid.type_value(row, format_number(target))
    boxes.answer = QMessageBox.StandardButton.Save
    page.choose(plan.seasons[FIRST], Review.MID)
    assert boxes.shown and boxes.shown[-1][0] == "question"
    assert [a.value for a in service.actuals(plan_id)] == [target]
    assert page.grid.review is Review.MID
    assert page.grid.table.item(row, VALUE).text() == ""  # mid-season: nothing yet


def test_only_red_shows_what_is_off_track_and_where_it_sits(
    qtbot, window, service: Service, make_plan_offline
) -> None:
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    objective, kpi, target = numeric_kpi(plan)
    other_objective, other_kpi = next(
        (o, k) for o in plan.objectives() for k in o.kpis if o.code != objective.code
    )
    season = plan.seasons[FIRST]
    service.record_actuals(
        plan_id,
        [
            Actual(Subject.KPI, kpi.name, season, Review.END, target * 0.2, objective.code),
        ],
    )
    page = open_progress(window, plan_id)
    assert chip(page, "kpi", objective.code, kpi.name) == Rag.RED.value
    page.only_red.setChecked(True)
    shown = page.visible_keys()
    assert ("kpi", objective.code, kpi.name) in shown
    assert ("objective", objective.code) in shown  # where it sits
    assert ("kpi", other_objective.code, other_kpi.name) not in shown  # not measured
    for key in shown:
        item = page.items[key]
        red = item.data(STATUS, RAG_ROLE) == Rag.RED.value
        late = page.action_state(key[1]) is ActionState.LATE if key[0] == "action" else False
        has_shown_child = any(not item.child(i).isHidden() for i in range(item.childCount()))
        assert red or late or has_shown_child, key
    page.only_red.setChecked(False)
    assert ("kpi", other_objective.code, other_kpi.name) in page.visible_keys()


def test_late_actions_filter_and_marking_an_action_done(
    qtbot, window, service: Service, make_plan_offline
) -> None:
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    season = plan.seasons[FIRST]
    start_tracking(service, plan_id)
    page = open_progress(window, plan_id)
    late = [
        (o, a)
        for o in page.progress().objectives()
        for a in o.actions
        if a.state is ActionState.LATE
    ]
    assert late, "season end of the first season: some actions are due"
    page.late_only.setChecked(True)
    shown = page.visible_keys()
    assert {k for k in shown if k[0] == "action"} == {("action", a.code) for _o, a in late}
    assert not [k for k in shown if k[0] == "kpi"]
    page.late_only.setChecked(False)

    # One objective: its KPIs on target, its late actions done -> on track.
    status = late[0][0]
    objective = next(o for o in plan.objectives() if o.code == status.code)
    values = []
    for kpi in objective.kpis:
        target = kpi.targets[FIRST].value
        if isinstance(target, int | float):
            values.append(
                Actual(Subject.KPI, kpi.name, season, Review.END, float(target), objective.code)
            )
    service.record_actuals(plan_id, values)
    page.refresh()
    assert chip(page, "objective", objective.code) in (Rag.RED.value, Rag.AMBER.value)
    versions = len(service.versions(plan_id))
    for action in status.late:
        item = page.items[("action", action.code)]
        page.tree.scrollToItem(item)
        page.edit_state(item)  # as a click on the state does
        combo = page.tree.findChild(QComboBox)
        assert combo is not None
        assert combo.currentData() == ActionState.LATE.value
        combo.setCurrentIndex(combo.findData(ActionState.DONE.value))
        combo.activated.emit(combo.currentIndex())
        qtbot.waitUntil(lambda code=action.code: page.action_state(code) is ActionState.DONE)
    records = service.action_states(plan_id)
    assert {r.action for r in records} == {a.code for a in status.late}
    assert {(r.state, r.source) for r in records} == {(ActionState.DONE, "desktop")}
    # Dated today, or the review's date when that review is past (then it still counts).
    as_of = page.progress().as_of
    assert {r.on for r in records} == {min(dt.date.today(), as_of)}
    assert chip(page, "objective", objective.code) == Rag.GREEN.value
    assert len(service.versions(plan_id)) == versions


# --- import ----------------------------------------------------------------------------


def write_csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_of_a_messy_sheet_records_the_good_rows_and_lists_the_bad_one(
    qtbot, window, service: Service, make_plan_offline, tmp_path: Path, monkeypatch
) -> None:
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    objective, kpi, _target = numeric_kpi(plan)
    season = plan.seasons[FIRST]
    sheet = write_csv(
        tmp_path / "consuntivi.csv",
        [
            "Consuntivi della stagione;;;;",  # a title row
            ";;;;",  # an empty line
            "Obiettivo;Indicatore;Stagione;Rilevazione;Valore",
            f"{objective.code};{kpi.name};{season};fine;84,5",  # Italian decimals
            f";Totale entrate;{season[:4]}-{int(season[:4]) + 1};fine;250.000",
            ";;;;",
            f"{objective.code};{kpi.name};{season};fine;tanti",  # unreadable: row 7
        ],
    )
    page = open_progress(window, plan_id)
    asked = []
    monkeypatch.setattr(importing.MappingDialog, "exec", lambda self: asked.append(self) or 0)
    chosen: list[str] = []

    def pick(parent: Any, title: str, folder: str, filters: str) -> tuple[str, str]:
        chosen.append(folder)
        return str(sheet), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    page.import_button.click()
    from desktop.errors import documents_folder

    assert chosen == [str(documents_folder())]
    assert asked == []  # the headers are the usual ones: no question
    summary = page.last_summary
    assert summary is not None and summary.isVisible()
    assert summary.recorded == 2
    assert len(summary.problems) == 1
    assert "Riga 7" in summary.problems[0] and "tanti" in summary.problems[0]
    assert summary.list.count() == 1
    values = {(a.subject, a.key): a.value for a in service.actuals(plan_id)}
    assert values == {(Subject.KPI, kpi.name): 84.5, (Subject.FINANCE, "revenue_total"): 250_000}
    assert "84,5" in page.items[("kpi", objective.code, kpi.name)].text(SHOWN)
    assert (
        page.grid.table.item(page.grid.row_of(Subject.KPI, kpi.name, objective.code), VALUE).text()
        == "84,5"
    )


def test_unknown_headers_ask_for_the_columns_once(
    qtbot, window, service: Service, make_plan_offline, tmp_path: Path, monkeypatch
) -> None:
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    objective, kpi, _target = numeric_kpi(plan)
    season = plan.seasons[FIRST]
    header = "Misura;Periodo;Numero;Codice obiettivo"
    first = write_csv(
        tmp_path / "primo.csv",
        [header, f"{kpi.name};{season};12;{objective.code}", f"Totale entrate;{season};1000;"],
    )
    second = write_csv(
        tmp_path / "secondo.csv",
        ["Foglio del tesoriere;;;", header, f"{kpi.name};{season};15;{objective.code}"],
    )
    asked: list[importing.MappingDialog] = []

    def choose(dialog: importing.MappingDialog) -> int:
        asked.append(dialog)
        assert dialog.headers == ["Misura", "Periodo", "Numero", "Codice obiettivo"]
        assert not dialog.ok_button.isEnabled() or dialog.mapping().get("indicator") == 0
        dialog.choose({"indicator": 0, "season": 1, "value": 2, "objective": 3})
        assert dialog.ok_button.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(importing.MappingDialog, "exec", choose)
    page = open_progress(window, plan_id)
    page.import_file(first)
    assert len(asked) == 1
    assert page.last_summary.recorded == 2
    settings = QSettings(str(service.home / WINDOW_STATE_FILE), QSettings.Format.IniFormat)
    assert any(k.startswith(importing.SETTINGS_GROUP) for k in settings.allKeys())
    # The same headers (here under a title row): read with the columns chosen, no question.
    page.import_file(second)
    assert len(asked) == 1
    assert page.last_summary.recorded == 1
    latest = [a.value for a in service.actuals(plan_id) if a.key == kpi.name]
    assert latest == [12, 15]
    # A sheet that cannot be read at all is said in words, nothing is asked.
    broken = tmp_path / "note.txt.pdf"
    broken.write_bytes(b"%PDF")
    assert page.import_file(broken) is None
    assert len(asked) == 1


def test_the_mapping_dialog_needs_indicator_season_and_value(qtbot) -> None:
    dialog = importing.MappingDialog(["A", "B", "C"], ["x", "2026/27", "3"], 1)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.choose({"indicator": 0, "season": 1, "value": 1})
    assert not dialog.ok_button.isEnabled()  # one column twice
    dialog.choose({"indicator": 0, "season": 1, "value": 2})
    assert dialog.ok_button.isEnabled()
    assert dialog.mapping() == {"indicator": 0, "season": 1, "value": 2}
    assert "2026/27" in dialog.combos["season"].itemText(2)  # an example from the sheet


# --- the library ------------------------------------------------------------------------


def test_the_library_shows_each_plans_status_and_follows_new_values(
    qtbot, window, service: Service, make_plan_offline
) -> None:
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    window.show_library()
    model = window.model
    index = model.index(model.row_of(plan_id), PROGRESS_COLUMN)
    season, review = review_now(plan.seasons)
    expected = service.progress(plan_id, season, review)
    qtbot.waitUntil(lambda: bool(model.data(index, RAG_ROLE)), timeout=3000)
    assert model.data(index) == expected.rag.label("it")
    assert model.data(index, RAG_ROLE) == expected.rag.value
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert season in tip and "0 in linea" in tip
    # Values typed on the progress page reach the library's chip.
    objective, kpi, _ = numeric_kpi(plan)
    target = next(
        k.expected
        for o in expected.objectives()
        for k in o.kpis
        if (o.code, k.name) == (objective.code, kpi.name)
    )
    window.open_progress(plan_id)
    page = window.progress_page
    assert (page.current_season(), page.current_review()) == (season, review)
    page.grid.type_value(
        page.grid.row_of(Subject.KPI, kpi.name, objective.code), format_number(target)
    )
    assert page.grid.save()
    window.show_library()
    index = model.index(model.row_of(plan_id), PROGRESS_COLUMN)
    qtbot.waitUntil(
        lambda: "1 in linea" in (model.data(index, Qt.ItemDataRole.ToolTipRole) or ""),
        timeout=3000,
    )
    # The trash has no progress column.
    window.library.trash.setChecked(True)
    assert window.library.table.isColumnHidden(PROGRESS_COLUMN)


def test_the_library_computes_the_status_of_the_rows_on_screen_only(
    qtbot, window, service: Service
) -> None:
    count = 30
    for seed in range(count):
        service.save_new_plan(make_plan(seed=seed, club_name=f"Società {seed:02d}"))
    window.resize(1024, 500)
    window.show_library()
    model = window.model
    qtbot.waitUntil(lambda: bool(model._progress) and not model._waiting, timeout=5000)
    computed = len(model._progress)
    assert 0 < computed < count  # the rows painted, not the whole list
    window.library.table.scrollToBottom()
    qtbot.waitUntil(lambda: len(model._progress) > computed, timeout=5000)


def test_the_state_of_an_action_is_painted_not_a_widget_per_row(
    qtbot, window, service: Service, make_plan_offline
) -> None:
    plan_id = make_plan_offline()
    page = open_progress(window, plan_id)
    assert page.tree.findChild(QComboBox) is None  # drawn by the delegate
    item: QTreeWidgetItem = next(i for k, i in page.items.items() if k[0] == "action")
    assert not item.data(STATUS, RAG_ROLE)  # a state, not a status chip
    assert item.text(STATUS) in page.state_names.values()
    assert item.text(SHOWN)  # owner and deadline
    deadline = next(
        a.deadline
        for o in page.progress().objectives()
        for a in o.actions
        if a.code == item.data(NAME, Qt.ItemDataRole.UserRole + 1)[1]
    )
    assert f"{deadline:%d/%m/%Y}" in item.text(SHOWN)
    assert isinstance(deadline, dt.date)


def test_the_roles_the_delegates_read_are_never_unset(
    qtbot, window, service: Service, make_plan_offline
) -> None:
    """PySide6 6.12 on Python 3.11 drops a reference to None whenever ``data()`` returns
    an unset role: a delegate reading one at every paint would, after enough paints,
    free None and abort the app. Every role painted is set (here read 20 times)."""
    plan_id = make_plan_offline()
    page = open_progress(window, plan_id)
    read = {  # what each column's delegate reads
        NAME: (Qt.ItemDataRole.DisplayRole,),
        STATUS: (RAG_ROLE, STATE_ROLE, Qt.ItemDataRole.DisplayRole),
        SHOWN: (Qt.ItemDataRole.DisplayRole,),
        TREND: (SERIES_ROLE,),
    }
    cells = [
        (page.tree.indexFromItem(item, column), roles)
        for item in page.items.values()
        for column, roles in read.items()
    ]
    window.show_library()
    model = window.model
    library = [model.index(0, c) for c in range(model.columnCount())]
    qtbot.waitUntil(lambda: bool(model.data(library[-1], RAG_ROLE)), timeout=3000)
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(20):
        for index, roles in cells:
            for role in roles:
                index.data(role)
        library[-1].data(RAG_ROLE)
        library[-1].data(Qt.ItemDataRole.DisplayRole)
    gc.collect()
    assert sys.getrefcount(None) - before > -100  # ~ -20 x 900 if a role were unset


def test_an_action_marked_on_a_past_review_counts_at_that_review(
    qtbot, window, service: Service, make_plan_offline, monkeypatch
) -> None:
    """Years later, marking an action done while the first season's end is on screen:
    recorded as of that review, so the review shows it (a state counts from its date)."""
    plan_id = make_plan_offline()
    start_tracking(service, plan_id)
    page = open_progress(window, plan_id)
    monkeypatch.setattr(page, "today", lambda: dt.date(2031, 3, 1))
    page.refresh()
    action = next(a for o in page.progress().objectives() for a in o.late)
    page.set_action_state(action.code, ActionState.DONE)
    assert page.action_state(action.code) is ActionState.DONE
    (record,) = service.action_states(plan_id)
    assert record.on == page.progress().as_of


def test_update_the_plan_restarts_the_ticked_kpis_from_the_season_actual(
    qtbot, window: MainWindow, service: Service, make_plan_offline, monkeypatch
) -> None:
    """Issue 17, point 5: at season end, 'Aggiorna il piano' re-bases where the user agrees."""
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    objective, kpi, target = numeric_kpi(plan)
    season = plan.seasons[FIRST]
    others = [k for k in objective.kpis if k.name != kpi.name and k.targets[0].value]
    actuals = [Actual(Subject.KPI, kpi.name, season, Review.END, target - 10, objective.code)]
    actuals += [
        Actual(Subject.KPI, k.name, season, Review.END, k.targets[0].value + 1, objective.code)
        for k in others
    ]
    service.record_actuals(plan_id, actuals)
    page = open_progress(window, plan_id, Review.END)
    assert page.rebase_button.isVisible()
    page.choose(season, Review.MID)
    assert not page.rebase_button.isVisible()  # a season-end decision only
    page.choose(season, Review.END)
    dialog = RebaseDialog(season, page.proposals(), page)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert kpi.name in names
    ticks = [dialog.table.item(r, 0).checkState() for r in range(len(names))]
    assert set(ticks) == {Qt.CheckState.Unchecked}  # nothing moves without a tick
    dialog.table.item(names.index(kpi.name), 0).setCheckState(Qt.CheckState.Checked)
    monkeypatch.setattr(dialog, "exec", lambda: QDialog.DialogCode.Accepted)
    assert page.update_plan(dialog)
    versions = service.versions(plan_id)
    assert [v.number for v in versions] == [1, 2]
    assert versions[-1].reason == f"{season} chiusa sui consuntivi, 1 previsione riallineata"
    rolled = next(
        o for o in service.get_plan(plan_id).plan.objectives() if o.code == objective.code
    )
    moved = next(k for k in rolled.kpis if k.name == kpi.name)
    assert [t.value for t in moved.targets][1:] == [t.value - 10 for t in kpi.targets][1:]
    for other in others:
        kept = next(k for k in rolled.kpis if k.name == other.name)
        assert kept.targets[1:] == other.targets[1:]  # not ticked: the later targets stay
        assert kept.targets[0].is_actual  # the season shows what was measured


def test_the_board_report_is_exported_from_the_page_for_the_review_shown(
    qtbot, window: MainWindow, service: Service, make_plan_offline, tmp_path: Path, opened_urls
) -> None:
    """Issue 17, point 4, from the desktop: 'Rapporto per il direttivo…' writes the two-page
    report of the review on screen; a value typed and not saved is saved first."""
    from pypdf import PdfReader

    from desktop.export_dialog import ExportDialog
    from engine.export import ExportFormat

    plan_id = make_plan_offline()
    start_tracking(service, plan_id)
    page = open_progress(window, plan_id, Review.MID)
    objective, kpi, _target = numeric_kpi(service.get_plan(plan_id).plan)
    page.tabs.setCurrentWidget(page.grid)
    row = page.grid.row_of(Subject.KPI, kpi.name, objective.code)
    page.grid.type_value(row, "7")
    answers: list[str] = []

    def save(*_args: Any) -> QMessageBox.StandardButton:
        answers.append("asked")
        return QMessageBox.StandardButton.Save

    original = QMessageBox.question
    QMessageBox.question = save  # type: ignore[method-assign]
    try:
        page.report_button.click()
    finally:
        QMessageBox.question = original  # type: ignore[method-assign]
    assert answers == ["asked"]  # the unsaved value was not silently left out
    dialogs = [w for w in window.findChildren(ExportDialog) if w.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.report is not None and dialog.report.review is Review.MID
    assert set(dialog.checks) == {ExportFormat.PDF, ExportFormat.DOCX}
    assert "metà stagione" in dialog.windowTitle() + " ".join(
        label.text() for label in dialog.findChildren(type(dialog.result))
    )
    dialog.folder.setText(str(tmp_path / "board"))
    dialog.start()
    qtbot.waitUntil(lambda: bool(dialog.paths), timeout=60_000)
    pdf = next(p for p in dialog.paths if p.suffix == ".pdf")
    assert "avanzamento" in pdf.name and "meta" in pdf.name
    assert len(PdfReader(str(pdf)).pages) == 2
    recorded = [a for a in service.actuals(plan_id) if a.key == kpi.name and a.review is Review.MID]
    assert recorded and recorded[-1].value == 7  # saved before the report was written
    dialog.close()
