"""The money a president types in the questionnaire reaches the plan's finance table.

From the user's side: type a facility rented by the hour and a grant already won, watch
the step's totals, write the plan, and read the same figures in the financial plan.
"""

from __future__ import annotations

from desktop.main_window import MainWindow
from tests.desktop.test_desktop_wizard_board import binding, choose, step_of, type_cell, type_in


def _open(window: MainWindow, example) -> None:
    window.new_plan_from_file(example("pallavolo-ssd"))


def test_hourly_facility_and_secured_grant_reach_the_finance_table(
    qtbot, window: MainWindow, example
) -> None:
    _open(window, example)
    wizard = window.wizard
    wizard.go_to(step_of(wizard, "facilities"))
    facilities = binding(wizard, "facilities")
    before = facilities.table.rowCount()
    facilities.add_button.click()
    row = before
    type_cell(qtbot, facilities, row, "name", "Palestra comunale Rodari")
    type_cell(qtbot, facilities, row, "kind", "palestra")
    choose(facilities, row, "ownership", "in affitto")
    type_cell(qtbot, facilities, row, "hours_per_week", "12")
    choose(facilities, row, "cost_basis", "all'ora")
    type_cell(qtbot, facilities, row, "cost", "25")

    wizard.go_to(step_of(wizard, "finances"))
    type_in(qtbot, wizard, ("costs", "facilities_utilities"), "")
    funding = binding(wizard, "funding")
    funding.add_button.click()
    type_cell(qtbot, funding, 0, "source", "Bando regionale palestre (vinto)")
    type_cell(qtbot, funding, 0, "amount", "8.000")
    season = wizard.validate().identity.reference_season
    year = int(season[:4]) + 2
    type_cell(qtbot, funding, 0, "year", str(year))
    profile = wizard.validate()
    assert profile is not None, [i.render("it") for i in wizard.issues]
    facilities_total = sum(f.yearly_cost(40) or 0 for f in profile.facilities)
    assert facilities_total >= 12000  # 25 EUR x 12 hours x 40 weeks, plus the others
    assert "impianti dal passo degli impianti" in wizard.totals.text()

    wizard.go_to_review()
    wizard.generate_button.click()
    qtbot.waitUntil(lambda: not window.generation.running, timeout=60_000)
    plan_id = window.generation.outcome.plan_id
    plan = window.service.get_plan(plan_id).plan.financial_plan
    line = next(item for item in plan.lines if item.category == "facilities_utilities")
    assert line.values[0].value == facilities_total
    assert "Palestra comunale Rodari" in line.note
    assert plan.row("funding").values[2].value == 8000

    window.generation.open_button.click()
    window.plan_view.select("finance")
    table = window.plan_view.finance.tables["lines"]
    labels = [table.item(r, 0).text() if table.item(r, 0) else "" for r in range(table.rowCount())]
    shown = table.item(labels.index("Impianti e utenze"), 1).text()
    assert shown == f"{facilities_total:,.0f} €".replace(",", ".")
    funding_row = labels.index("Contributi e finanziamenti assicurati")
    assert table.item(funding_row, 3).text() == "8.000 €"


def test_amounts_typed_the_italian_way_are_read_as_meant(
    qtbot, window: MainWindow, example
) -> None:
    _open(window, example)
    wizard = window.wizard
    wizard.go_to(step_of(wizard, "finances"))
    for path, text, value in (
        (("revenue", "sponsorship"), "6.500,00", 6500),
        (("revenue", "events"), "€ 2000", 2000),
        (("costs", "travel"), "1.234,5", 1234.5),
        (("balance", "reserves"), "120.000", 120000),
        (("costs", "medical"), "EUR 1.500", 1500),
    ):
        type_in(qtbot, wizard, path, text)
        profile = wizard.validate()
        assert profile is not None, [i.render("it") for i in wizard.issues]
        section = getattr(profile, path[0])
        assert getattr(section, path[1]).value == value, (path, text)
