"""The questionnaire: inline validation from the domain, drafts, club files, earlier plans."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QLineEdit

from desktop.wizard.fields import NumberBinding, TextBinding
from desktop.wizard.page import WizardPage, from_earlier_plan, next_season
from engine.domain import load_club_file
from engine.service import Service


def binding(wizard: WizardPage, *path) -> object:
    return next(b for b in wizard.bindings if b.path == tuple(path))


def test_example_club_loads_into_every_step_and_is_valid(qtbot, window, example) -> None:
    window.new_plan_from_file(example())
    wizard = window.wizard
    assert binding(wizard, "identity", "name").widget.text() == "ASD Virtus Seregno Calcio"
    population = binding(wizard, "identity", "municipality_population")
    assert population.widget.text() == "45.000"  # the plan's own formatting
    assert "ISTAT" in population.widget.toolTip()  # the research source is kept and shown
    assert binding(wizard, "revenue", "membership_fees").widget.text() == "185.000"
    assert binding(wizard, "revenue", "membership_fees").unit.text() == "EUR/anno"
    assert wizard.validate() is not None
    wizard.go_to_review()
    assert wizard.generate_button.isEnabled()
    assert "C'è tutto il necessario" in wizard.review_text.text()
    profile = wizard.validate()
    assert profile.identity.municipality_population.reference.startswith("ISTAT")


def test_domain_messages_appear_under_the_fields_in_italian(qtbot, window, example) -> None:
    window.new_plan_from_file(example())
    wizard = window.wizard
    left = binding(wizard, "people", "left_this_season")
    left.widget.setText("900")
    left.widget.textEdited.emit("900")
    season = binding(wizard, "identity", "reference_season")
    season.widget.setText("2025/27")
    season.widget.textEdited.emit("2025/27")
    qtbot.waitUntil(lambda: not left.error.isHidden(), timeout=3000)
    assert "non possono superare i tesserati della stagione scorsa" in left.error.text()
    assert "due anni consecutivi" in season.error.text()
    assert wizard.step_list.item(0).text().endswith("(1)")
    assert wizard.step_list.item(1).text().endswith("(1)")
    wizard.go_to_review()
    assert not wizard.generate_button.isEnabled()
    assert wizard.issue_list.count() == 2
    wizard._jump_to_issue(wizard.issue_list.item(1))
    assert wizard.pages.currentIndex() == 1


def test_numbers_reject_text_and_empty_means_to_be_collected(qtbot, window, example) -> None:
    window.new_plan_from_file(example())
    wizard = window.wizard
    volunteers = binding(wizard, "people", "volunteers")
    volunteers.widget.setText("molti")
    wizard.validate()
    assert "numero" in volunteers.error.text().lower()
    volunteers.widget.setText("")
    profile = wizard.validate()
    assert profile is not None and profile.people.volunteers is None


def test_the_draft_is_saved_and_offered_back(qtbot, service: Service, window, example) -> None:
    window.new_plan()
    wizard = window.wizard
    name = binding(wizard, "identity", "name")
    qtbot.keyClicks(name.widget, "Polisportiva Bozza")
    qtbot.waitUntil(lambda: wizard.draft_path().exists(), timeout=5000)
    draft = json.loads(wizard.draft_path().read_text("utf-8"))
    assert draft["identity"]["name"] == "Polisportiva Bozza"
    wizard.close_wizard()
    assert window.stack.currentWidget() is window.library
    window.new_plan()
    assert name.widget.text() == "Polisportiva Bozza"
    assert "Bozza salvata il" in wizard.origin.text()


def test_club_files_round_trip(qtbot, window, example, tmp_path: Path) -> None:
    window.new_plan_from_file(example("pallavolo-ssd"))
    out = tmp_path / "club.json"
    window.wizard.export_club_file(out)
    saved, original = load_club_file(out), load_club_file(example("pallavolo-ssd"))
    assert saved.schema_version == 2  # saved in the current format, meaning the same
    assert saved.model_dump(exclude={"schema_version"}) == original.model_dump(
        exclude={"schema_version"}
    )
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    assert not window.wizard.load_club_file(bad)
    bad.write_text('{"identity": ' + "[" * 3000 + "]" * 3000 + "}", "utf-8")
    assert not window.wizard.load_club_file(bad)  # a message, not a RecursionError


def test_start_from_last_seasons_plan(qtbot, service: Service, window, make_plan_offline) -> None:
    plan_id = make_plan_offline()
    plan = service.get_plan(plan_id).plan
    window.new_plan_from_plan(plan_id)
    wizard = window.wizard
    assert window.stack.currentWidget() is wizard
    season = binding(wizard, "identity", "reference_season")
    assert season.widget.text() == next_season(plan.club.identity.reference_season) == "2026/27"
    assert "2026/27" in wizard.origin.text()
    doc = from_earlier_plan(plan)
    people = doc["people"]
    assert people["members_last_season"] == people["members_current_season"]
    assert people["joined_this_season"] is None
    assert wizard.validate() is not None


def test_a_minimal_club_typed_by_hand_is_valid(qtbot, window) -> None:
    window.new_plan()
    wizard = window.wizard
    fill_minimal_club(qtbot, wizard, "Circolo Tennis Lago")
    assert wizard.validate() is not None, [i.render("it") for i in wizard.issues]


def fill_minimal_club(qtbot, wizard: WizardPage, name: str) -> None:
    """What a user types for the smallest valid questionnaire."""

    def type_in(path: tuple, text: str) -> None:
        field = binding(wizard, *path)
        assert isinstance(field, TextBinding | NumberBinding) or isinstance(field.widget, QLineEdit)
        field.widget.clear()
        qtbot.keyClicks(field.widget, text)

    type_in(("identity", "name"), name)
    type_in(("identity", "city"), "Como")
    type_in(("identity", "province"), "CO")
    region = binding(wizard, "identity", "region").widget
    region.setCurrentIndex(region.findData("Lombardia"))
    type_in(("identity", "sports"), "tennis")
    affiliations = binding(wizard, "identity", "affiliations")
    affiliations.add_button.click()
    affiliations.table.item(0, 0).setText("FITP")
    type_in(("identity", "year_founded"), "1990")
    type_in(("people", "volunteers"), "6")
    type_in(("revenue", "membership_fees"), "24000")
    type_in(("costs", "facilities_utilities"), "9000")
