"""The questionnaire's club file v2 answers, typed as a user types them: the board's goals
and problems, equipment, loans, concession expiry dates, athletes with disabilities, the
largest sponsor's share, negative reserves and the Paralympic affiliation kinds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QTableWidget

from desktop.wizard.fields import TableBinding, format_number, parse_date
from desktop.wizard.page import WizardPage, empty_document, from_earlier_plan
from engine.domain import ClubProfile, load_club_file, parse_json
from engine.paths import resource_path
from engine.service import Service

EXAMPLES = sorted(resource_path("examples").glob("*.json"))
V2_LISTS = (("board", "goals"), ("board", "problems"), ("equipment",), ("loans",))


def binding(wizard: WizardPage, *path):
    return next(b for b in wizard.bindings if b.path == tuple(path))


def step_of(wizard: WizardPage, key: str) -> int:
    return next(n for n, step in enumerate(wizard.steps) if step.key == key)


def type_cell(qtbot, table: TableBinding, row: int, key: str, text: str) -> None:
    """Double-click-and-type: open the cell's editor, type, press Enter."""
    grid: QTableWidget = table.table
    column = table.column_of(key)
    grid.setCurrentCell(row, column)
    grid.editItem(grid.item(row, column))
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:  # QTest types ASCII only: accented words arrive as an input method would send them
        editor.insert(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on its next turn
    qtbot.waitUntil(lambda: grid.state() != QTableWidget.State.EditingState, timeout=2000)
    assert grid.item(row, column).text() == text


def choose(table: TableBinding, row: int, key: str, text: str) -> QComboBox:
    """Pick the option whose words start with ``text`` in the row's choice."""
    combo = table.table.cellWidget(row, table.column_of(key))
    assert isinstance(combo, QComboBox)
    options = [combo.itemText(i) for i in range(combo.count())]
    index = next((i for i, o in enumerate(options) if o.startswith(text)), -1)
    assert index >= 0, f"{text!r} not among {options}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    return combo


def type_in(qtbot, wizard: WizardPage, path: tuple, text: str) -> None:
    field = binding(wizard, *path)
    field.widget.clear()
    if text.isascii():
        qtbot.keyClicks(field.widget, text)
    else:
        field.widget.insert(text)
        field.widget.textEdited.emit(text)


def v2_club(tmp_path: Path) -> Path:
    """An example club with every answer version 2 added."""
    doc = json.loads(resource_path("examples", "calcio-giovanile-asd.json").read_text("utf-8"))
    doc["schema_version"] = 2
    doc["board"] = {
        "goals": [
            {
                "text": "Rifare gli spogliatoi del campo",
                "area": "infrastructure",
                "objective": "ST1",
                "target": 2,
                "target_unit": "spogliatoi",
            },
            {"text": "Trovare un secondo sponsor principale", "area": "finance"},
        ],
        "problems": [{"text": "Mancano allenatori qualificati", "area": "sports"}],
    }
    doc["equipment"] = [
        {"item": "Pulmino 9 posti", "count": 1, "age_years": 12, "replacement_cost": 38000}
    ]
    doc["loans"] = [
        {
            "lender": "Credito Sportivo - spogliatoi",
            "yearly_instalment": 6400,
            "end_year": 2031,
            "rate": 2.5,
            "outstanding": 41000,
        }
    ]
    doc["facilities"][0]["concession_expiry"] = "2027-06-30"
    doc["people"]["athletes_with_disabilities"] = 4
    doc["revenue"]["largest_sponsor_share"] = 60
    doc["balance"]["reserves"] = -8000
    doc["identity"]["affiliations"].append({"name": "FISDIR", "kind": "FSP"})
    path = tmp_path / "club-v2.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    parse_json(ClubProfile, path.read_text("utf-8"))  # the fixture itself is a valid club
    return path


# --- the board's goals and problems -----------------------------------------------------


def test_a_target_without_its_unit_is_shown_under_the_goals_and_blocks_writing(
    qtbot, window, example
) -> None:
    window.new_plan_from_file(example())
    wizard = window.wizard
    board = step_of(wizard, "board")
    wizard.step_list.setCurrentRow(board)
    assert wizard.pages.currentIndex() == board
    goals = binding(wizard, "board", "goals")
    row = goals.table.rowCount()  # after the goals the example already has
    goals.add_button.click()
    type_cell(qtbot, goals, row, "text", "Rinnovare due imbarcazioni")
    choose(goals, row, "area", "Area strutturale")
    type_cell(qtbot, goals, row, "target", "2")

    qtbot.waitUntil(lambda: not goals.error.isHidden(), timeout=3000)
    assert "ha bisogno della sua unità" in goals.error.text()
    assert goals.error.text().startswith(f"n. {row + 1} › Unità del traguardo")
    assert wizard.step_list.item(board).text().endswith("(1)")
    unit_cell = goals.table.item(row, goals.column_of("target_unit"))
    assert "unità" in unit_cell.toolTip()  # the cell in question says it too

    wizard.go_to_review()
    assert not wizard.generate_button.isEnabled()
    assert wizard.issue_list.count() == 1
    wizard._jump_to_issue(wizard.issue_list.item(0))
    assert wizard.pages.currentIndex() == board
    assert goals.table.currentRow() == row
    assert goals.table.currentColumn() == goals.column_of("target_unit")

    type_cell(qtbot, goals, row, "target_unit", "imbarcazioni")
    qtbot.waitUntil(lambda: goals.error.isHidden(), timeout=3000)
    assert not unit_cell.toolTip()
    wizard.go_to_review()
    assert wizard.generate_button.isEnabled()


def test_the_objective_choice_follows_the_area(qtbot, window, example) -> None:
    window.new_plan_from_file(example())
    wizard = window.wizard
    goals = binding(wizard, "board", "goals")
    row = goals.table.rowCount()
    goals.add_button.click()
    objective = goals.table.cellWidget(row, goals.column_of("objective"))
    options = [objective.itemText(i) for i in range(objective.count())]
    assert options[0] == "Lo sceglie il piano" and objective.currentData() is None
    codes = [option.split(" – ")[0] for option in options[1:]]
    assert codes == [f"SP{n}" for n in range(1, 9)]  # a new goal starts in sports
    assert options[2] == "SP2 – Crescita della partecipazione"  # titles from the catalogue

    choose(goals, row, "area", "Area strutturale")
    assert [objective.itemData(i) for i in range(objective.count())] == [None, "ST1", "ST2"]
    choose(goals, row, "objective", "ST2")
    choose(goals, row, "area", "Area marketing")  # ST2 does not answer a marketing goal
    assert objective.currentData() is None
    choose(goals, row, "area", "Bilancio e finanze")  # treasury, revenue or investments
    assert [objective.itemData(i) for i in range(objective.count())] == [None, "SP3", "MK4", "ST1"]


def test_goals_problems_equipment_loans_and_dates_round_trip(
    qtbot, window, example, tmp_path: Path
) -> None:
    window.new_plan_from_file(example())
    wizard = window.wizard

    goals, problems = binding(wizard, "board", "goals"), binding(wizard, "board", "problems")
    equipment, loans = binding(wizard, "equipment"), binding(wizard, "loans")
    g, p, e, n = (t.table.rowCount() for t in (goals, problems, equipment, loans))
    goals.add_button.click()
    type_cell(qtbot, goals, g, "text", "Portare il settore giovanile a 300 tesserati")
    choose(goals, g, "area", "Area sportiva")
    type_cell(qtbot, goals, g, "target", "300")
    type_cell(qtbot, goals, g, "target_unit", "tesserati")
    choose(goals, g, "objective", "SP2")
    problems.add_button.click()
    type_cell(qtbot, problems, p, "text", "Il campo è libero solo tre sere a settimana")
    choose(problems, p, "area", "Area strutturale")

    equipment.add_button.click()
    type_cell(qtbot, equipment, e, "item", "Porte da calcio a 7")
    type_cell(qtbot, equipment, e, "count", "4")
    type_cell(qtbot, equipment, e, "age_years", "9")
    type_cell(qtbot, equipment, e, "replacement_cost", "1.250")  # Italian thousands

    loans.add_button.click()
    type_cell(qtbot, loans, n, "lender", "Banca locale - illuminazione LED")
    type_cell(qtbot, loans, n, "yearly_instalment", "4.800")
    type_cell(qtbot, loans, n, "end_year", "2030")
    type_cell(qtbot, loans, n, "rate", "3,2")
    type_cell(qtbot, loans, n, "outstanding", "21.000")

    facilities = binding(wizard, "facilities")
    choose(facilities, 0, "ownership", "concessione comunale")
    type_cell(qtbot, facilities, 0, "concession_expiry", "30/06/2027")

    profile = wizard.validate()
    assert profile is not None, [i.render("it") for i in wizard.issues]
    assert profile.schema_version == 2
    goal = profile.board.goals[g]
    assert (goal.area, goal.objective, goal.target, goal.target_unit) == (
        "sports",
        "SP2",
        300,
        "tesserati",
    )
    problem = profile.board.problems[p]
    assert (problem.area, problem.objective) == ("infrastructure", None)
    item = profile.equipment[e]
    assert (item.item, item.count, item.age_years) == ("Porte da calcio a 7", 4, 9)
    assert (item.replacement_cost.value, item.replacement_cost.unit) == (1250, "EUR")
    loan = profile.loans[n]
    assert loan.yearly_instalment.value == 4800 and loan.yearly_instalment.unit == "EUR/anno"
    assert (loan.end_year, loan.rate.value, loan.outstanding.value) == (2030, 3.2, 21000)
    assert profile.facilities[0].concession_expiry == dt.date(2027, 6, 30)

    out = tmp_path / "club.json"
    wizard.export_club_file(out)
    saved = json.loads(out.read_text("utf-8"))
    assert saved["schema_version"] == 2
    assert saved["facilities"][0]["concession_expiry"] == "2027-06-30"
    assert load_club_file(out) == profile

    wizard.load_club_file(out)  # and back into the form as it was typed
    assert goals.table.item(g, goals.column_of("target_unit")).text() == "tesserati"
    cell = goals.table.cellWidget(g, goals.column_of("objective"))
    assert cell.currentText().startswith("SP2 – ")
    assert equipment.table.item(e, equipment.column_of("replacement_cost")).text() == "1.250"
    assert loans.table.item(n, loans.column_of("rate")).text() == "3,2"
    assert facilities.table.item(0, facilities.column_of("concession_expiry")).text() == (
        "30/06/2027"
    )


def test_dates_typed_either_way_and_an_owned_facility_with_a_date(qtbot, window, example) -> None:
    assert parse_date("30/06/2027") == parse_date("2027-06-30") == "2027-06-30"
    assert parse_date("1.7.27") == "2027-07-01"
    assert parse_date("") is None
    assert parse_date("31/02/2027") == "31/02/2027"  # no such day: the domain says so
    window.new_plan_from_file(example())
    wizard = window.wizard
    facilities = binding(wizard, "facilities")
    type_cell(qtbot, facilities, 0, "concession_expiry", "2027-06-30")
    choose(facilities, 0, "ownership", "di proprietà")
    qtbot.waitUntil(lambda: not facilities.error.isHidden(), timeout=3000)
    assert "Un impianto di proprietà non ha una scadenza" in facilities.error.text()
    assert wizard.step_list.item(step_of(wizard, "facilities")).text().endswith("(1)")
    type_cell(qtbot, facilities, 0, "concession_expiry", "31/02/2027")
    choose(facilities, 0, "ownership", "concessione comunale")
    qtbot.waitUntil(lambda: "AAAA-MM-GG" in facilities.error.text(), timeout=3000)
    type_cell(qtbot, facilities, 0, "concession_expiry", "")
    qtbot.waitUntil(lambda: facilities.error.isHidden(), timeout=3000)
    assert wizard.validate().facilities[0].concession_expiry is None


# --- single answers -------------------------------------------------------------------


def test_negative_reserves_disabilities_and_the_sponsor_share(qtbot, window, example) -> None:
    window.new_plan_from_file(example())
    wizard = window.wizard
    type_in(qtbot, wizard, ("balance", "reserves"), "-12.500")
    type_in(qtbot, wizard, ("people", "athletes_with_disabilities"), "3")
    share = binding(wizard, "revenue", "largest_sponsor_share")
    assert share.unit.text() == "%"
    type_in(qtbot, wizard, ("revenue", "largest_sponsor_share"), "45")
    profile = wizard.validate()
    assert profile is not None, [i.render("it") for i in wizard.issues]
    assert profile.balance.reserves.value == -12500
    assert profile.people.athletes_with_disabilities.value == 3
    assert profile.revenue.largest_sponsor_share.value == 45
    revenue = json.loads(example().read_text("utf-8"))["revenue"]
    money = sum(
        (v.get("value") if isinstance(v, dict) else v) or 0
        for k, v in revenue.items()
        if k != "largest_sponsor_share"
    )
    assert f"Totale entrate {format_number(money)} EUR" in wizard.totals.text()  # share: not money

    type_in(qtbot, wizard, ("balance", "reserves"), "\u22123000")  # the typographic minus
    assert wizard.validate().balance.reserves.value == -3000
    type_in(qtbot, wizard, ("revenue", "largest_sponsor_share"), "140")
    wizard.validate()
    assert "100" in share.error.text()
    type_in(qtbot, wizard, ("people", "athletes_with_disabilities"), "5000")
    wizard.validate()
    disabled = binding(wizard, "people", "athletes_with_disabilities")
    assert "non possono superare i tesserati" in disabled.error.text()


def test_paralympic_bodies_are_offered_in_plain_words(qtbot, window, example) -> None:
    window.new_plan_from_file(example())
    wizard = window.wizard
    affiliations = binding(wizard, "identity", "affiliations")
    row = affiliations.table.rowCount()
    affiliations.add_button.click()
    affiliations.table.item(row, 0).setText("FISPES")
    combo = choose(affiliations, row, "kind", "FSP – federazione sportiva paralimpica")
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert "EPP – ente di promozione paralimpica" in texts
    assert "FSN – federazione sportiva nazionale" in texts
    profile = wizard.validate()
    assert profile.identity.affiliations[row].kind == "FSP" and profile.paralympic


# --- files -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_shows_its_version_2_answers(qtbot, window, path: Path) -> None:
    doc = json.loads(path.read_text("utf-8"))
    window.new_plan_from_file(path)
    assert_form_shows(window.wizard, doc)
    assert window.wizard.validate() is not None, [i.render("it") for i in window.wizard.issues]


def test_a_club_file_with_every_new_answer_fills_the_form(qtbot, window, tmp_path: Path) -> None:
    path = v2_club(tmp_path)
    window.new_plan_from_file(path)
    wizard = window.wizard
    assert_form_shows(wizard, json.loads(path.read_text("utf-8")))
    goals = binding(wizard, "board", "goals")
    assert goals.table.rowCount() == 2
    finance_goal = goals.table.cellWidget(1, goals.column_of("area"))
    assert finance_goal.currentText() == "Bilancio e finanze"
    assert binding(wizard, "balance", "reserves").widget.text() == "-8.000"
    assert binding(wizard, "revenue", "largest_sponsor_share").widget.text() == "60"
    profile = wizard.validate()
    assert profile == load_club_file(path)


def test_a_version_1_club_file_still_loads(qtbot, window, tmp_path: Path) -> None:
    doc = json.loads(resource_path("examples", "pallavolo-ssd.json").read_text("utf-8"))
    for key in ("board", "equipment", "loans"):
        doc.pop(key, None)
    doc["people"].pop("athletes_with_disabilities", None)
    doc["revenue"].pop("largest_sponsor_share", None)
    for facility in doc["facilities"]:
        facility.pop("concession_expiry", None)
    doc["schema_version"] = 1
    path = tmp_path / "club-v1.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    assert window.wizard.load_club_file(path)
    wizard = window.wizard
    assert binding(wizard, "board", "goals").table.rowCount() == 0
    profile = wizard.validate()
    assert profile is not None, [i.render("it") for i in wizard.issues]
    assert profile.schema_version == 2  # what it is saved as from here on
    assert profile.model_dump(exclude={"schema_version"}) == load_club_file(path).model_dump(
        exclude={"schema_version"}
    )


def test_a_new_questionnaire_is_version_2() -> None:
    doc = empty_document()
    assert doc["schema_version"] == 2
    assert doc["board"] == {"goals": [], "problems": []}


def test_an_earlier_plan_carries_the_new_answers(
    qtbot, service: Service, window, make_plan_offline, tmp_path: Path
) -> None:
    plan = service.get_plan(make_plan_offline()).plan
    club = load_club_file(v2_club(tmp_path))
    earlier = plan.model_copy(update={"club": club})
    doc = from_earlier_plan(earlier)
    assert doc["schema_version"] == 2
    assert doc["board"]["goals"][0]["target_unit"] == "spogliatoi"
    assert doc["board"]["problems"][0]["text"] == "Mancano allenatori qualificati"
    assert doc["loans"][0]["end_year"] == 2031 and doc["equipment"][0]["count"] == 1
    assert doc["facilities"][0]["concession_expiry"] == "2027-06-30"
    window.wizard.load_document(doc)
    assert binding(window.wizard, "board", "goals").table.rowCount() == 2
    assert window.wizard.validate() is not None


def assert_form_shows(wizard: WizardPage, doc: dict) -> None:
    """Every row of the version 2 lists is in its table, with its first column's words."""
    for path in V2_LISTS:
        rows = doc
        for step in path:
            rows = (rows or {}).get(step)
        rows = rows or []
        table = binding(wizard, *path)
        assert table.table.rowCount() == len(rows), path
        first = table.columns[0][0]
        for n, row in enumerate(rows):
            assert table.table.item(n, 0).text() == row[first], (path, n)
            objective = table.column_of("objective")
            if objective >= 0:
                assert table.table.cellWidget(n, objective).currentData() == row.get("objective")
    facilities = binding(wizard, "facilities")
    column = facilities.column_of("concession_expiry")
    for n, facility in enumerate(doc.get("facilities", [])):
        expiry = facility.get("concession_expiry")
        shown = facilities.table.item(n, column).text()
        expected = dt.date.fromisoformat(expiry).strftime("%d/%m/%Y") if expiry else ""
        assert shown == expected
    for path in (
        ("people", "athletes_with_disabilities"),
        ("revenue", "largest_sponsor_share"),
        ("balance", "reserves"),
    ):
        value = doc.get(path[0], {}).get(path[1])
        value = value.get("value") if isinstance(value, dict) else value
        text = binding(wizard, *path).widget.text()
        assert text == ("" if value is None else format_number(value)), path
