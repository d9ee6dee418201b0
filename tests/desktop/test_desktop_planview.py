"""The plan view: sections, provenance badges, edits as versions, diff, restore, notes."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTableWidgetItem

from desktop.main_window import MainWindow
from desktop.planview.diff import diff_plans
from engine import formatting
from engine.agents.registry import AgentName
from engine.domain import Language, PlanStatus, SectionStatus
from engine.service import Service


def open_plan(window: MainWindow, make_plan_offline) -> int:
    plan_id = make_plan_offline()
    window.open_plan(plan_id)
    return plan_id


def tree_labels(window: MainWindow) -> list[str]:
    tree = window.plan_view.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_the_section_tree_and_readable_sections(qtbot, window, make_plan_offline) -> None:
    open_plan(window, make_plan_offline)
    view = window.plan_view
    assert tree_labels(window) == [
        "Sintesi",
        "Analisi della società",
        "Area sportiva",
        "Area strutturale",
        "Area marketing",
        "Area sociale",
        "Piano economico-finanziario",
        "Adempimenti",
        "Monitoraggio",
        "Fonti pubbliche (0)",  # offline: the page says why they were not searched
        "Dati da acquisire (28)",  # the questionnaire's gaps and the KPIs to measure
        "Note di revisione (1)",
    ]
    sports = view.tree.topLevelItem(2)
    assert sports.childCount() == 8 and sports.child(1).text(0).startswith("SP2 ")
    assert view.title.text() == "ASD Virtus Seregno Calcio"
    assert "versione 1" in view.meta.text() and view.status_chip.text() == "Bozza"
    text = view.browser.toPlainText()
    assert "Visione a tre anni" in text and "Le 5 priorità" in text
    for key, words in (
        ("analysis", "SWOT"),
        ("compliance", "Adempimenti della riforma dello sport"),
        ("monitoring", "Calendario delle revisioni"),
        ("gaps", "Questi dati mancano nel questionario"),
        ("warnings", "Bozza offline"),
        ("area:social", "SO1"),
    ):
        view.select(key)
        assert words in view.browser.toPlainText(), key


def test_badges_explain_where_numbers_come_from(qtbot, window, make_plan_offline) -> None:
    open_plan(window, make_plan_offline)
    view = window.plan_view
    view.select("objective:SP2")
    text = view.browser.toPlainText()
    assert "SP2 · Crescita della partecipazione" in text
    assert "questionario" in text and "stima" in text
    assert "dal vostro questionario" in view.browser.tips
    assert any(tip.startswith("stima da benchmark") for tip in view.browser.tips)
    view.browser.highlighted.emit(QUrl("tip:0"))  # hovering a badge shows its tooltip
    view.browser.anchorClicked.emit(QUrl("objective:SP3"))
    assert view.current_key == "objective:SP3"


def test_editing_a_kpi_makes_a_new_version_and_a_readable_diff(
    qtbot, window, service: Service, make_plan_offline
) -> None:
    plan_id = open_plan(window, make_plan_offline)
    view = window.plan_view
    view.select("objective:SP2")
    view.edit_button.click()
    editor = view.objective_editor
    assert view.stack.currentWidget() is editor
    assert editor.kpis.item(0, 0).text() == "Tesserati totali"
    editor.kpis.setItem(0, 3, QTableWidgetItem("300"))
    editor.title.setText("Crescita e fidelizzazione")
    window.save_current()  # Ctrl+S
    document = service.get_plan(plan_id)
    assert document.version.number == 2 and document.version.source == "edited"
    objective = next(o for o in document.plan.objectives() if o.code == "SP2")
    target = objective.kpis[0].targets[0]
    assert target.value == 300 and target.is_user_edit and target.date is not None
    assert objective.kpis[0].targets[1].tier.value == "estimate"  # untouched stays as computed
    assert document.plan.areas[0].status is SectionStatus.EDITED
    assert view.stack.currentWidget() is view.browser and "versione 2" in view.meta.text()
    view.select("objective:SP2")
    assert any(tip.startswith("modificato da voi il") for tip in view.browser.tips)
    changes = diff_plans(service.get_plan(plan_id, 1).plan, document.plan)
    fields = {(c.field, c.old, c.new) for c in changes}
    assert ("Titolo", "Crescita della partecipazione", "Crescita e fidelizzazione") in fields
    assert ("Tesserati totali: obiettivo anno 1", "284", "300") in fields
    dialog = view.open_history()
    assert dialog.table.rowCount() == 2
    html = dialog.diff.toPlainText()
    assert "Area sportiva › SP2" in html and "Tesserati totali: obiettivo anno 1" in html
    dialog.table.selectRow(1)
    dialog.restore_selected()
    assert service.get_plan(plan_id).version.number == 3
    restored = service.get_plan(plan_id).plan
    assert next(o for o in restored.objectives() if o.code == "SP2").title == (
        "Crescita della partecipazione"
    )
    assert "versione 3" in view.meta.text()
    dialog.close()


def test_invalid_edits_show_the_domain_message(qtbot, window, make_plan_offline) -> None:
    open_plan(window, make_plan_offline)
    view = window.plan_view
    view.select("objective:SP2")
    view.start_editing()
    editor = view.objective_editor
    editor.kpis.setItem(0, 3, QTableWidgetItem("tanti"))
    editor.save()
    assert "non è un numero" in editor.error.text()
    editor.kpis.setItem(0, 3, QTableWidgetItem("300"))
    editor.actions.setItem(0, 2, QTableWidgetItem("domani"))
    editor.save()
    assert "gg/mm/aaaa" in editor.error.text()
    editor.actions.setItem(0, 2, QTableWidgetItem("30/11/2026"))
    editor.title.setText("   ")
    editor.save()
    assert editor.error.isVisibleTo(view) and "Titolo" in editor.error.text()
    assert view.document.version.number == 1


def test_a_save_on_a_stale_version_is_refused_and_reloaded(
    qtbot, window, service: Service, make_plan_offline, boxes
) -> None:
    plan_id = open_plan(window, make_plan_offline)
    plan = service.get_plan(plan_id).plan
    service.save_version(plan_id, plan.model_copy(update={"title": "Altrove"}), "elsewhere")
    view = window.plan_view
    view.select("summary")
    view.start_editing()
    view.text_editor.text.setPlainText("Nuova visione")
    view.text_editor.save()
    assert "modificato altrove" in boxes.texts()
    assert view.document.version.number == 2  # reloaded, nothing overwritten
    assert service.get_plan(plan_id).plan.executive_summary.vision != "Nuova visione"


def test_text_edits_notes_and_approval(qtbot, window, service: Service, make_plan_offline):
    plan_id = open_plan(window, make_plan_offline)
    view = window.plan_view
    view.select("area:marketing")
    view.start_editing()
    view.text_editor.text.setPlainText("La comunicazione passa ai social.")
    view.text_editor.save()
    plan = service.get_plan(plan_id).plan
    marketing = next(a for a in plan.areas if a.area.value == "marketing")
    assert marketing.intro == "La comunicazione passa ai social."
    assert marketing.status is SectionStatus.EDITED
    view.notes_button.click()
    view.notes.text.setPlainText("Da discutere in consiglio")
    view.notes.add_button.click()
    assert service.notes(plan_id)[0].body == "Da discutere in consiglio"
    assert service.notes(plan_id)[0].section == "area:marketing"
    assert view.notes.list.count() == 1
    view.approve_button.click()
    assert service.get_plan(plan_id).summary.status == PlanStatus.APPROVED.value
    assert view.status_chip.text() == "Approvato" and view.approve_button.text() == "Torna in bozza"
    assert window.model.plan_at(0).status == "approved"


def test_regenerate_a_section(qtbot, window, service: Service, make_plan_offline, boxes) -> None:
    plan_id = open_plan(window, make_plan_offline)
    view = window.plan_view
    view.select("area:social")
    assert view.regenerate_button.isVisible()
    view.regenerate_button.click()
    assert "Riscrivere questa sezione" in boxes.texts()
    assert window.stack.currentWidget() is window.generation
    qtbot.waitUntil(lambda: not window.generation.running, timeout=30_000)
    assert window.generation.outcome.plan_id == plan_id
    states = {a.value: c.state for a, c in window.generation.cards.items()}
    assert states["social"] == "done" and states["coordinator"] == "done"
    assert states["sports"] == "kept"
    assert not window.generation.cards[AgentName.SPORTS].isVisible()  # not part of this run
    assert service.versions(plan_id)[-1].reason == "regenerate: social"


def test_finance_view_tables_and_sources(qtbot, window, make_plan_offline) -> None:
    open_plan(window, make_plan_offline)
    view = window.plan_view
    view.select("finance")
    finance = view.finance
    assert view.stack.currentWidget() is finance
    lines = finance.tables["lines"]
    assert lines.horizontalHeaderItem(1).text() == "Oggi (2025/26)"
    assert lines.item(1, 0).text() == "Quote associative e corsi"
    assert lines.item(1, 1).text() == "185.000 €"
    assert lines.item(1, 1).toolTip() == "dal vostro questionario"
    assert lines.item(1, 2).toolTip().startswith("stima da benchmark")
    labels = [lines.item(r, 0).text() for r in range(lines.rowCount()) if lines.item(r, 0)]
    assert {
        "Totale entrate",
        "Totale costi di gestione",
        "Risultato di gestione (entrate − costi)",
        "Cassa a fine stagione",
        "Nuove fonti da cercare (per non andare in rosso)",
    } <= set(labels)
    # the table shows the finance model's own rows: the same figures as the export
    plan = window.service.get_plan(window.plan_view.document.summary.id).plan
    cash = plan.financial_plan.row("cash")
    row = labels.index("Cassa a fine stagione")
    assert [lines.item(row, c).text() for c in range(1, 5)] == [
        formatting.money(v.value, Language.IT) for v in cash.values
    ]
    scenarios = finance.tables["scenarios"]
    assert [scenarios.horizontalHeaderItem(c).text() for c in (1, 2, 3)] == [
        "Prudente",
        "Base",
        "Ambizioso",
    ]
    assert {"lines", "investments", "funding", "cash", "kpis"} <= set(finance.tables)
    assert finance.tables["cash"].rowCount() == 12
    assert finance.charts["years"].series and len(finance.charts["cash"].categories) == 12
    assert "Entrate" in finance.charts["years"].accessibleDescription()


def test_what_if_recomputes_live_and_saves_a_new_version(qtbot, window, make_plan_offline) -> None:
    plan_id = make_plan_offline("canottaggio-lago-asd")
    open_plan(window, lambda: plan_id)
    view = window.plan_view
    view.select("finance")
    panel = view.finance.what_if
    assert panel is not None
    qtbot.waitUntil(panel.isVisible)
    table = panel.table
    labels = [table.item(r, 0).text() for r in range(table.rowCount())]
    cash_row = labels.index("Cassa a fine stagione")
    before = table.item(cash_row, 3).text()
    assert not panel.save_button.isEnabled()  # nothing changed yet: nothing to save
    panel.spins["members"].setValue(9.0)
    panel.loan.setChecked(True)
    after = table.item(cash_row, 3).text()
    assert after != before
    assert panel.save_button.isEnabled()
    assert "Nuove fonti" in panel.verdict.text() or "positivo" in panel.verdict.text()
    versions = len(window.service.versions(plan_id))
    panel.save_button.click()
    assert len(window.service.versions(plan_id)) == versions + 1
    saved = window.service.get_plan(plan_id).plan.financial_plan
    assert saved.drivers.scenario.value == "custom" and saved.drivers.ics_loan
    assert saved.row("cash").values[3].value == float(
        Decimal(after.replace(".", "").replace(" €", "").replace("−", "-"))
    )
    assert saved.scenarios[-1].kind.value == "custom"
    # the view now shows the saved scenario, and the panel starts from it
    assert view.finance.what_if.table.item(cash_row, 3).text() == after


def test_what_if_preset_switches_to_the_prudent_scenario(qtbot, window, make_plan_offline) -> None:
    open_plan(window, make_plan_offline)
    view = window.plan_view
    view.select("finance")
    panel = view.finance.what_if
    texts = [panel.preset.itemText(i) for i in range(panel.preset.count())]
    panel.preset.setCurrentIndex(texts.index("Scenario prudente"))
    plan = window.service.get_plan(view.document.summary.id).plan
    prudent = next(s for s in plan.financial_plan.scenarios if s.kind.value == "prudent")
    labels = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]
    row = labels.index("Cassa a fine stagione")
    assert panel.table.item(row, 3).text() == formatting.money(prudent.cash[-1].value, Language.IT)


def test_edited_numbers_rewrite_the_texts_that_quote_them(
    qtbot, window, service: Service, make_plan_offline
) -> None:
    """Issue 14, point 7: baseline 99 and target 130 appear in the objective's own text."""
    plan_id = open_plan(window, lambda: make_plan_offline("polisportiva-piccola-dati-parziali"))
    view = window.plan_view
    view.select("objective:SP2")
    view.edit_button.click()
    editor = view.objective_editor
    headers = [editor.kpis.horizontalHeaderItem(c).text() for c in range(2, 6)]
    assert headers == ["Oggi (2025/26)", "2026/27", "2027/28", "2028/29"]  # as in the view
    row = next(
        r
        for r in range(editor.kpis.rowCount())
        if editor.kpis.item(r, 0).text().startswith("Tasso di permanenza")
    )
    for column, value in ((2, "99"), (3, "100"), (4, "115"), (5, "130")):
        editor.kpis.setItem(row, column, QTableWidgetItem(value))
    window.save_current()
    objective = next(o for o in service.get_plan(plan_id).plan.objectives() if o.code == "SP2")
    assert "tasso di permanenza 99%" in objective.baseline
    assert "da 99% a 130%" in objective.gap
    text = view.browser.toPlainText()
    assert "da 99% a 130%" in text and not view.rewrite_button.isVisible()


def test_model_text_gets_a_one_click_rewrite_when_its_numbers_change(
    qtbot, window, service: Service, make_plan_offline
) -> None:
    plan_id = make_plan_offline("polisportiva-piccola-dati-parziali")
    plan = service.get_plan(plan_id).plan
    written = next(o for o in plan.objectives() if o.code == "SP2").model_copy(
        update={"baseline": "Testo scritto dal modello.", "gap": "Divario del modello."}
    )
    service.edit_objective(plan_id, written, reason="model")
    window.open_plan(plan_id)
    view = window.plan_view
    view.select("objective:SP2")
    assert not view.rewrite_button.isVisible()
    view.edit_button.click()
    editor = view.objective_editor
    editor.kpis.setItem(0, 5, QTableWidgetItem("60"))  # Tesserati totali, last season
    window.save_current()
    view.select("objective:SP2")
    assert view.rewrite_button.isVisible()
    assert "Testo scritto dal modello." in view.browser.toPlainText()  # not replaced silently
    view.rewrite_button.click()
    objective = next(o for o in service.get_plan(plan_id).plan.objectives() if o.code == "SP2")
    assert "da almeno 40 a 60" in objective.gap
    assert not view.rewrite_button.isVisible()
    assert service.versions(plan_id)[-1].reason == "testi di SP2 aggiornati dai numeri"
