"""A club president's first evening, end to end, on a real data folder.

Type a club into the questionnaire, write the plan with the offline composer,
change a KPI target, read the new version and the diff, export PDF and DOCX,
close the app, start it again on the same folder and find the plan by search.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTableWidgetItem

from desktop.main_window import MainWindow
from engine.export import ExportFormat
from engine.service import Service


def binding(wizard, *path):
    return next(b for b in wizard.bindings if b.path == tuple(path))


def test_questionnaire_to_exported_plan_and_back_after_a_restart(
    qtbot, home: Path, tmp_path: Path
) -> None:
    service = Service(home)
    window = MainWindow(service, "it")
    qtbot.addWidget(window)
    window.show()

    # 1. the questionnaire, typed by hand
    assert window.library.is_empty_state()
    window.library.empty.create_button.click()
    wizard = window.wizard
    for path, text in (
        (("identity", "name"), "Circolo Tennis Lago di Como"),
        (("identity", "city"), "Como"),
        (("identity", "province"), "CO"),
        (("identity", "sports"), "tennis"),
        (("identity", "year_founded"), "1990"),
        (("people", "volunteers"), "6"),
        (("people", "left_this_season"), "4"),
        (("revenue", "membership_fees"), "24000"),
        (("costs", "facilities_utilities"), "9000"),
    ):
        field = binding(wizard, *path)
        field.widget.clear()
        qtbot.keyClicks(field.widget, text)
    region = binding(wizard, "identity", "region").widget
    region.setCurrentIndex(region.findData("Lombardia"))
    affiliations = binding(wizard, "identity", "affiliations")
    affiliations.add_button.click()
    affiliations.table.item(0, 0).setText("FITP")
    members = binding(wizard, "people", "members_current_season").widget
    for row in range(5):
        for column in range(4):
            members.setItem(row, column, QTableWidgetItem(str(10 + row + column)))
    wizard.go_to_review()
    assert wizard.generate_button.isEnabled(), [i.render("it") for i in wizard.issues]

    # 2. write it with the offline composer
    wizard.generate_button.click()
    qtbot.waitUntil(lambda: not window.generation.running, timeout=60_000)
    outcome = window.generation.outcome
    assert outcome.plan_id is not None and not outcome.failed
    window.generation.open_button.click()
    view = window.plan_view
    assert view.title.text() == "Circolo Tennis Lago di Como"

    # 3. change a KPI target: a new version, with a readable diff
    view.select("objective:SP2")
    view.edit_button.click()
    editor = view.objective_editor
    editor.kpis.setItem(0, 4, QTableWidgetItem("140"))
    editor.save_button.click()
    assert service.get_plan(outcome.plan_id).version.number == 2
    history = view.open_history()
    text = history.diff.toPlainText()
    assert text.startswith("2 differenze")  # our number, and the section marked as edited
    assert "Stato della sezione\nscritta\n→ modificata da voi" in text
    assert "Tesserati totali: obiettivo anno 2" in text and "→ 140" in text
    history.close()

    # 4. export PDF and DOCX
    dialog = window.export_plan(outcome.plan_id)
    for fmt, check in dialog.checks.items():
        check.setChecked(fmt in (ExportFormat.PDF, ExportFormat.DOCX))
    dialog.open_when_done.setChecked(False)
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(dialog.paths), timeout=60_000)
    assert sorted(p.suffix for p in dialog.paths) == [".docx", ".pdf"]
    assert all(p.name.endswith("_v2" + p.suffix) for p in dialog.paths)
    dialog.close()

    # 5. quit, start again on the same data folder, find the plan by search
    window.close()
    service.close()
    service = Service(home)
    again = MainWindow(service, "it")
    qtbot.addWidget(again)
    again.show()
    qtbot.keyClicks(again.search, "lago como")
    qtbot.waitUntil(lambda: again.model.rowCount() == 1, timeout=5000)
    found = again.model.plan_at(0)
    assert found.club_name == "Circolo Tennis Lago di Como" and found.current_version == 2
    again.library.table.selectRow(0)
    again.library._activated(again.model.index(0, 0))
    assert again.plan_view.document.version.number == 2
    again.runner.shutdown()
    service.close()
