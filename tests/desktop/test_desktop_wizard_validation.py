"""When the questionnaire shows its messages, and what they say (issue 14, points 2, 5 and 8).

A blank form shows none; a field's message appears when the user leaves it or presses
*Avanti*; messages are plain sentences with the right singular or plural; the members grid
names the season of a wrong cell, tints and selects it, and says "nessuno" in one click;
the club colours have a colour picker; debts and reserves are amounts, not yearly flows.
"""

from __future__ import annotations

import json

import pytest
from pydantic import Field, ValidationError
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QColorDialog, QWidget

from desktop.theme import BADGES, pair
from desktop.wizard.fields import Binding, Caption, ColoursBinding, MembersBinding
from desktop.wizard.page import WizardPage, empty_document
from engine.domain import ClubProfile, DomainValidationError, parse_json
from engine.domain.errors import issues_from
from engine.domain.sourced import StrictModel
from engine.paths import resource_path

PYTHON_WORDS = ("None", "trovato: ''", "found: ''", "'Abruzzo'", "elementi", "Traceback")


def binding(wizard: WizardPage, *path) -> Binding:
    return next(b for b in wizard.bindings if b.path == tuple(path))


def members(wizard: WizardPage) -> MembersBinding:
    return next(b for b in wizard.bindings if isinstance(b, MembersBinding))


def shown_errors(wizard: WizardPage) -> dict[tuple, str]:
    return {b.path: b.error.text() for b in wizard.bindings if not b.error.isHidden()}


def focus(qtbot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


@pytest.fixture
def blank(qtbot, window) -> WizardPage:
    """A new questionnaire, no draft: what a user sees after *Nuovo piano*."""
    window.activateWindow()
    window.new_plan()
    return window.wizard


def test_a_blank_questionnaire_shows_no_error(blank: WizardPage) -> None:
    assert blank.issues  # the domain knows what is missing...
    assert shown_errors(blank) == {}  # ...but the user has not left a field yet
    first = blank.step_list.item(0)
    assert "(" not in first.text()  # "to complete", not a count of errors


def test_leaving_a_required_field_empty_shows_its_error(qtbot, blank: WizardPage) -> None:
    name, city = binding(blank, "identity", "name"), binding(blank, "identity", "city")
    focus(qtbot, name.widget)
    assert shown_errors(blank) == {}
    below = city.widget.mapTo(blank, QPoint(0, 0))
    focus(qtbot, city.widget)  # the user leaves the name empty
    assert shown_errors(blank) == {
        ("identity", "name"): "Il nome della società è vuoto: scrivetelo come compare nello "
        "statuto."
    }
    assert city.widget.mapTo(blank, QPoint(0, 0)) == below  # the message moved nothing
    assert blank.step_list.item(0).text().endswith("(1)")

    qtbot.keyClicks(city.widget, "Como")
    focus(qtbot, name.widget)  # a field with its answer has nothing to say when left
    assert ("identity", "city") not in shown_errors(blank)
    qtbot.keyClicks(name.widget, "Circolo Tennis Lago")  # fixed as typed: the message goes
    qtbot.waitUntil(lambda: shown_errors(blank) == {}, timeout=3000)


def test_next_checks_the_step_and_puts_the_cursor_on_the_first_wrong_field(
    qtbot, blank: WizardPage
) -> None:
    qtbot.keyClicks(binding(blank, "identity", "name").widget, "Circolo Tennis Lago")
    blank.next_button.click()
    assert blank.pages.currentIndex() == 0  # stays, with every message of the step
    errors = shown_errors(blank)
    assert set(errors) == {
        ("identity", "city"),
        ("identity", "province"),
        ("identity", "region"),
        ("identity", "sports"),
        ("identity", "affiliations"),
        ("identity", "year_founded"),
    }
    city = binding(blank, "identity", "city")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is city.widget, timeout=2000)
    assert blank.step_list.item(0).text().endswith("(6)")
    assert errors[("identity", "sports")].startswith("Manca lo sport: scrivete almeno uno sport")
    assert errors[("identity", "region")] == (
        "Manca la regione: indicate quella della sede della società, per esempio Lombardia."
    )
    assert errors[("identity", "year_founded")].startswith("Manca l'anno di fondazione")
    for text in errors.values():
        assert not any(word in text for word in PYTHON_WORDS), text
    assert not shown_errors(blank).keys() - errors.keys()  # other steps stay quiet

    fill_identity(qtbot, blank)
    qtbot.waitUntil(lambda: not shown_errors(blank), timeout=3000)
    blank.next_button.click()
    assert blank.pages.currentIndex() == 1  # nothing to fix: on to the next step


def fill_identity(qtbot, wizard: WizardPage) -> None:
    for path, text in (
        (("identity", "city"), "Como"),
        (("identity", "province"), "CO"),
        (("identity", "sports"), "tennis"),
        (("identity", "year_founded"), "1990"),
    ):
        field = binding(wizard, *path)
        field.widget.clear()
        qtbot.keyClicks(field.widget, text)
    region = binding(wizard, "identity", "region")
    region.widget.setCurrentIndex(region.widget.findData("Lombardia"))
    region.widget.activated.emit(region.widget.currentIndex())
    affiliations = binding(wizard, "identity", "affiliations")
    affiliations.add_button.click()
    affiliations.table.item(0, 0).setText("FITP")


def test_the_review_shows_every_message_and_the_form_then_too(qtbot, blank: WizardPage) -> None:
    blank.go_to_review()
    assert blank.issue_list.count() == len(blank.issues) == 7
    blank.go_to(0)
    assert len(shown_errors(blank)) == 7


@pytest.mark.parametrize("language", ["it", "en"])
def test_messages_are_plain_with_the_right_singular_and_plural(language: str) -> None:
    class Lists(StrictModel):
        two: list[str] = Field(min_length=2, max_length=3)
        one: list[str] = Field(default_factory=list, max_length=1)

    with pytest.raises(ValidationError) as error:
        Lists.model_validate({"two": [], "one": ["a", "b"]})
    two, one = (i.message(language) for i in issues_from(error.value, Lists))
    expected = {
        "it": ("Servono almeno 2 voci", "È ammessa una sola voce"),
        "en": ("At least 2 entries are needed", "Only one entry is allowed"),
    }[language]
    assert two.startswith(expected[0]) and one.startswith(expected[1])

    document = empty_document()
    document["identity"]["colours"] = []
    with pytest.raises(DomainValidationError) as caught:
        parse_json(ClubProfile, json.dumps(document))
    messages = [i.message(language) for i in caught.value.issues]
    colours = next(i for i in caught.value.issues if i.path == ("identity", "colours"))
    assert colours.message("it").startswith("Manca il colore sociale: indicatene almeno uno")
    assert "1 elementi" not in " ".join(messages) and "1 items" not in " ".join(messages)
    for text in messages:
        assert not any(word in text for word in PYTHON_WORDS), text
    head = caught.value.render(language).splitlines()[0]
    assert head == {"it": "8 problemi da correggere:", "en": "8 problems to fix:"}[language]
    single = DomainValidationError(caught.value.issues[:1]).render(language).splitlines()[0]
    assert single == {"it": "1 problema da correggere:", "en": "1 problem to fix:"}[language]


def test_no_one_writes_zeros_and_an_untouched_band_stays_missing(qtbot, window, tmp_path) -> None:
    document = json.loads(resource_path("examples", "calcio-giovanile-asd.json").read_text())
    for season in ("members_last_season", "members_current_season"):
        for band in ("under_6", "over_60"):
            document["people"][season][band] = {"male": None, "female": None}
    path = tmp_path / "club.json"
    path.write_text(json.dumps(document), "utf-8")
    window.new_plan_from_file(path)
    wizard = window.wizard
    grid = members(wizard)
    grid.none_buttons[0].click()  # no under-6s: one click
    assert [grid.table.item(0, c).text() for c in range(4)] == ["0", "0", "0", "0"]
    assert [grid.table.item(4, c).text() for c in range(4)] == ["", "", "", ""]

    profile = wizard.validate()
    assert profile is not None, [i.render("it") for i in wizard.issues]
    for season in (profile.people.members_last_season, profile.people.members_current_season):
        assert season.under_6.male.value == 0 and season.under_6.female.value == 0
        assert season.over_60.male is None and season.over_60.female is None  # not known
    saved = wizard.document()["people"]["members_current_season"]
    assert saved["under_6"] == {"male": 0, "female": 0}
    assert saved["over_60"] == {"male": None, "female": None}


def test_a_wrong_members_cell_names_its_season_and_is_tinted_and_selected(
    qtbot, window, example
) -> None:
    window.new_plan_from_file(example())
    wizard = window.wizard
    grid = members(wizard)
    grid.table.item(2, 0).setText("molti")  # last season, 13-18, male
    wizard.validate()
    assert grid.error.text() == (
        "Tesserati stagione scorsa › 13-18 anni › Maschi: Serve un numero, senza simboli né "
        "testo (trovato: “molti”)."
    )
    cell = grid.table.item(2, 0)
    assert cell.background().color() == QColor(pair(BADGES, "missing")[0])
    assert "Serve un numero" in cell.toolTip()
    assert (grid.table.currentRow(), grid.table.currentColumn()) == (2, 0)
    assert (
        grid.table.item(2, 2).background().style() == Qt.BrushStyle.NoBrush
    )  # the other cells as they were

    cell.setText("70")
    grid.table.item(3, 3).setText("-2")  # this season, adults, female
    wizard.validate()
    assert grid.error.text().startswith("Tesserati stagione corrente › Adulti › Femmine: ")
    assert (grid.table.currentRow(), grid.table.currentColumn()) == (3, 3)
    assert grid.table.item(2, 0).background().style() == Qt.BrushStyle.NoBrush


def test_the_colour_picker_sets_the_club_colours(qtbot, window, example, monkeypatch) -> None:
    window.new_plan_from_file(example())
    wizard = window.wizard
    colours = binding(wizard, "identity", "colours")
    assert isinstance(colours, ColoursBinding)
    first = colours.widget.text()
    picked: list[QColor] = []

    def pick(initial: QColor, *_args) -> QColor:
        picked.append(initial)
        return QColor("#0b3d91")

    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(pick))
    colours.widget.setText("#1F6F4A")
    colours.add_button.click()
    assert colours.widget.text() == "#1F6F4A, #0B3D91"
    assert wizard.validate().identity.colours == ["#1F6F4A", "#0B3D91"]

    colours.swatches[0].click()  # change the first colour: the picker starts from it
    assert picked[-1] == QColor("#1F6F4A")
    assert colours.widget.text() == "#0B3D91, #0B3D91"

    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *_a: QColor()))
    colours.swatches[1].click()  # cancelled: nothing changes
    assert colours.widget.text() == "#0B3D91, #0B3D91"

    colours.widget.setText("#FFFFFF, #000000, #FF0000")  # typed codes still count
    assert not colours.add_button.isEnabled()  # three is the most a club file holds
    assert all(not s.isHidden() for s in colours.swatches)
    assert wizard.validate().identity.colours == ["#FFFFFF", "#000000", "#FF0000"]
    assert first


def test_debts_and_reserves_are_amounts_not_yearly_flows(qtbot, window, example) -> None:
    window.new_plan_from_file(example())
    wizard = window.wizard
    assert binding(wizard, "balance", "debts").unit.text() == "EUR"
    assert binding(wizard, "balance", "reserves").unit.text() == "EUR"
    assert binding(wizard, "balance", "average_fee_per_athlete").unit.text() == "EUR/anno"
    assert binding(wizard, "revenue", "sponsorship").unit.text() == "EUR/anno"


def test_captions_of_the_balance_step_are_never_cut(qtbot, window, example) -> None:
    window.resize(1280, 800)
    window.new_plan_from_file(example())
    wizard = window.wizard
    wizard.go_to(next(n for n, s in enumerate(wizard.steps) if s.key == "finances"))
    page = wizard.pages.currentWidget()
    qtbot.waitUntil(lambda: page.isVisible(), timeout=2000)
    captions = page.findChildren(Caption)
    assert any(c.text() == "Quota media per atleta" for c in captions)
    for caption in captions:
        needed = caption.heightForWidth(caption.width())
        assert caption.height() >= needed, (caption.text(), caption.size(), needed)
        if caption.fontMetrics().horizontalAdvance(caption.text()) < caption.widest:
            one_line = caption.heightForWidth(10_000)
            assert needed == one_line, caption.text()  # a short caption is never wrapped


def test_a_draft_shows_the_messages_of_its_answers_only(qtbot, window) -> None:
    draft = empty_document()
    draft["identity"]["province"] = "Milano"  # written, and wrong
    path = window.wizard.draft_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(draft), "utf-8")
    window.new_plan()
    errors = shown_errors(window.wizard)
    assert list(errors) == [("identity", "province")]  # the empty ones wait, as when blank
    assert "sigla" in errors[("identity", "province")]


def test_a_club_file_shows_its_messages_and_start_over_clears_them(
    qtbot, window, example, tmp_path
) -> None:
    document = json.loads(example().read_text("utf-8"))
    document["identity"]["province"] = "Monza"
    path = tmp_path / "club.json"
    path.write_text(json.dumps(document), "utf-8")
    window.new_plan_from_file(path)  # from elsewhere: every message at once
    wizard = window.wizard
    assert list(shown_errors(wizard)) == [("identity", "province")]
    assert "“Monza”" in shown_errors(wizard)[("identity", "province")]
    wizard.clear_button.click()  # answered Yes by the fixture
    assert shown_errors(wizard) == {}
    assert wizard.issues  # a blank form again: missing answers, none shown
