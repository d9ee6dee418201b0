"""The questionnaire's rules: each bad value gets its own clear message, all at once."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from engine.domain import ClubProfile, DomainValidationError, SizeBand, parse_json
from engine.domain.files import load_club_file
from engine.domain.sourced import SourceTier
from tests.factories import club_dict, example_files


def validate(data: dict[str, Any]) -> ClubProfile:
    return parse_json(ClubProfile, json.dumps(data))


def errors_of(data: dict[str, Any]) -> list:
    with pytest.raises(DomainValidationError) as caught:
        validate(data)
    return caught.value.issues


def set_path(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    target: Any = data
    steps = [int(s) if s.isdigit() else s for s in path.split(".")]
    for step in steps[:-1]:
        target = target[step]
    target[steps[-1]] = value
    return data


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_every_example_club_is_valid(path: Path) -> None:
    club = load_club_file(path)
    assert club.identity.name
    assert club.identity.sports


def test_examples_differ_in_sport_size_and_legal_form() -> None:
    clubs = [load_club_file(p) for p in example_files()]
    assert len({c.identity.primary_sport for c in clubs}) >= 3
    assert len({c.size_band() for c in clubs}) >= 2
    assert {c.identity.legal_form.value for c in clubs} == {"ASD", "SSD"}


# (field path, bad value, expected error code, a word the Italian message must contain)
FIELD_RULES = [
    ("identity.name", "   ", "rf_blank", "vuoto"),
    ("identity.legal_form", "SRL", "enum", "ASD"),
    ("identity.province", "Monza", "rf_province", "sigla"),
    ("identity.region", "Padania", "enum", "Lombardia"),
    ("identity.colours", ["blu"], "rf_hex_colour", "esadecimale"),
    ("identity.colours", [], "too_short", "almeno"),
    ("identity.year_founded", 1700, "greater_than_equal", "1850"),
    ("identity.reference_season", "2025-2026", "season_format", "2025/26"),
    ("identity.reference_season", "2025/27", "season_format", "consecutivi"),
    ("identity.year_founded", 2030, "founded_after_season", "successivo"),
    ("identity.rasd_number", None, "rasd_number_required", "numero"),
    ("identity.municipality_population", 0, "rf_too_small", "almeno 1"),
    ("identity.sports", [], "too_short", "almeno"),
    ("identity.affiliations.0.kind", "CONI", "enum", "FSN"),
    ("people.members_current_season.adults.male", -3, "rf_too_small", "almeno 0"),
    ("people.members_current_season.adults.male", 4.5, "rf_integer_expected", "intero"),
    ("people.volunteers", "tanti", "rf_number_expected", "numero"),
    ("people.volunteers", True, "rf_number_expected", "numero"),
    ("people.left_this_season", 9999, "left_exceeds_last_season", "stagione scorsa"),
    ("people.joined_this_season", 9999, "joined_exceeds_current", "attuali"),
    ("people.paid_workers", 0, "fees_without_workers", "compensi"),
    ("people.teams.0.count", 0, "greater_than_equal", "almeno 1"),
    ("facilities.0.hours_per_week", 200, "less_than_equal", "168"),
    ("facilities.0.ownership", "rented", "enum", "owned"),
    ("facilities.1.cost", {"value": 25, "unit": "EUR/anno"}, "facility_cost_unit", "EUR/ora"),
    ("revenue.sponsorship", -1, "rf_too_small", "almeno 0"),
    ("revenue.sponsorship", "38.000 €", "rf_number_expected", "simboli"),
    ("revenue.sponsorship", {"value": 38000, "unit": "EUR"}, "rf_unit_mismatch", "EUR/anno"),
    ("revenue.sponsorship", {"value": 1, "tier": "estimate"}, "rf_reference_required", "fonte"),
    ("costs.travel", {"value": 1, "tier": "guess", "reference": "x"}, "enum", "questionnaire"),
    ("balance.debts", -10, "rf_too_small", "almeno 0"),
    ("qualitative.stakeholders.0.importance", 9, "less_than_equal", "5"),
    ("qualitative.notes", "x" * 10001, "string_too_long", "lungo"),
    # realistic ranges and invisible characters (issue 15.2)
    ("revenue.events", 1e308, "rf_too_large", "100000000"),
    ("revenue.events", 10**40, "rf_too_large", "al massimo"),
    ("revenue.events", {"value": float("nan")}, "rf_not_finite", "numero"),
    ("balance.average_fee_per_athlete", 250_000, "rf_too_large", "100000"),
    ("people.volunteers", 1_000_000, "rf_too_large", "100000"),
    ("identity.municipality_population", 5_000_000, "rf_too_large", "3000000"),
    ("facilities.1.cost", {"value": 1e9, "unit": "EUR/ora"}, "rf_too_large", "10000"),
    ("facilities.0.hours_per_week", float("nan"), "less_than_equal", "168"),
    ("identity.name", "Virtus\x00", "rf_control_character", "U+0000"),
    ("identity.city", "Seregno\x1b[2J", "rf_control_character", "U+001B"),
    ("identity.city", "Sere\x85gno", "rf_control_character", "U+0085"),
    ("identity.name", "Virtus\nSeregno", "rf_line_break", "una sola riga"),
    ("identity.sports.0", "calcio\u202e", "rf_bidi_control", "direzione"),
    ("identity.affiliations.0.name", "\u2066FIGC\u2069", "rf_bidi_control", "U+2066"),
    ("identity.rasd_number", "12\u200e34", "rf_bidi_control", "U+200E"),
    ("identity.reference_season", "2025/26\n", "season_format", "2025/26"),
    ("identity.colours", ["#FFFFFF\n"], "rf_hex_colour", "esadecimale"),
    ("qualitative.notes", "riga\x07", "rf_control_character", "U+0007"),
    ("qualitative.vision", "visione \u061c", "rf_bidi_control", "U+061C"),
    (
        "revenue.sponsorship",
        {"value": 1, "tier": "research", "reference": "a\tb"},
        "rf_line_break",
        "riga",
    ),
    (  # a number where a date goes is read as a timestamp: still a plain message (fuzz)
        "revenue.sponsorship",
        {"value": 1, "date": 1},
        "date_from_datetime_inexact",
        "AAAA-MM-GG",
    ),
]


@pytest.mark.parametrize(
    ("path", "value", "code", "word"), FIELD_RULES, ids=[f"{r[0]}={r[2]}" for r in FIELD_RULES]
)
def test_each_rule_has_its_own_message(path: str, value: Any, code: str, word: str) -> None:
    issues = errors_of(set_path(club_dict(), path, value))
    matching = [i for i in issues if i.code == code]
    assert matching, [i.code for i in issues]
    found = matching[0]
    expected_path = tuple(int(s) if s.isdigit() else s for s in path.split("."))
    assert found.path[: len(expected_path)] == expected_path or found.path == expected_path[:-1]
    assert word.lower() in found.message("it").lower()
    assert found.label("it") and found.label("en")
    assert found.message("en") != found.message("it")


def test_five_per_mille_is_refused_for_an_ssd() -> None:
    data = club_dict("pallavolo-ssd")
    data["revenue"]["five_per_mille"] = 1500
    (issue,) = errors_of(data)
    assert issue.code == "five_per_mille_ssd"
    assert issue.path == ("revenue", "five_per_mille")
    assert "SSD" in issue.message("it") and "SSD" in issue.message("en")


def test_rasd_number_without_registration_is_refused() -> None:
    data = set_path(club_dict(), "identity.rasd_registered", False)
    assert [i.code for i in errors_of(data)] == ["rasd_number_unexpected"]


def test_unknown_field_is_named() -> None:
    data = set_path(club_dict(), "identity.nmae", "typo")
    (issue,) = errors_of(data)
    assert issue.code == "extra_forbidden"
    assert '"nmae"' in issue.label("it")


def test_every_problem_is_reported_at_once_including_cross_field_rules() -> None:
    data = club_dict("pallavolo-ssd")
    data["identity"]["colours"] = ["rosso"]
    data["identity"]["province"] = "Pesaro"
    data["people"]["teams"][1]["count"] = 0
    data["people"]["members_current_season"]["adults"]["male"] = -3
    data["people"]["left_this_season"] = 500  # a cross-field rule, in a section with other errors
    data["facilities"][0]["hours_per_week"] = 200
    codes = {i.code for i in errors_of(data)}
    assert codes == {
        "rf_hex_colour",
        "rf_province",
        "greater_than_equal",
        "rf_too_small",
        "left_exceeds_last_season",
        "less_than_equal",
    }


def test_rendered_report_lists_labelled_paths_in_both_languages() -> None:
    data = set_path(club_dict(), "people.teams.1.count", 0)
    with pytest.raises(DomainValidationError) as caught:
        validate(data)
    italian, english = caught.value.render("it"), caught.value.render("en")
    assert "Persone › Squadre › n. 2 › Numero di squadre" in italian
    assert "People › Teams › no. 2 › Number of teams" in english


def test_plain_numbers_are_questionnaire_values_with_the_field_unit() -> None:
    club = validate(club_dict())
    assert club.revenue.sponsorship is not None
    assert club.revenue.sponsorship.tier is SourceTier.QUESTIONNAIRE
    assert club.revenue.sponsorship.unit == "EUR/anno"
    population = club.identity.municipality_population
    assert population is not None and population.tier is SourceTier.RESEARCH
    assert "ISTAT" in population.provenance("it")


def test_missing_values_read_as_to_be_collected() -> None:
    club = validate(club_dict("polisportiva-piccola-dati-parziali"))
    assert club.revenue.public_grants is None
    # The adults band is empty: the 40 typed members are a lower bound, not "missing".
    assert club.members_total() == 40 and club.members_bands_missing() == 1
    assert club.people.members_current_season.total() is None  # never summed as zero
    assert club.size_band() is SizeBand.for_members(40)


def test_club_json_round_trip_is_stable() -> None:
    for path in example_files():
        first = load_club_file(path)
        dumped = first.model_dump_json()
        second = ClubProfile.model_validate_json(dumped)
        assert second == first
        assert second.model_dump_json() == dumped


def test_file_problems_are_issues_not_crashes(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"identity": {', encoding="utf-8")
    with pytest.raises(DomainValidationError) as caught:
        load_club_file(broken)
    assert caught.value.issues[0].code == "json_invalid"

    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"identity": {"name": "Società"}}'.encode("latin-1"))
    with pytest.raises(DomainValidationError) as caught:
        load_club_file(latin1)
    assert caught.value.issues[0].code == "file_encoding"

    with pytest.raises(DomainValidationError) as caught:
        load_club_file(tmp_path / "missing.json")
    assert caught.value.issues[0].code == "file_unreadable"


def test_a_bom_written_by_notepad_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(club_dict()).encode("utf-8"))
    assert load_club_file(path).identity.name == "ASD Virtus Seregno Calcio"


# --- issue 15.2: numbers in range, no invisible characters, a current season ----------------


def test_line_breaks_stay_allowed_in_long_free_text() -> None:
    data = set_path(club_dict(), "qualitative.notes", "Prima riga.\nSeconda riga,\tcon tab.")
    data = set_path(data, "qualitative.vision", "Visione\r\nsu due righe")
    assert validate(data).qualitative.notes == "Prima riga.\nSeconda riga,\tcon tab."


def test_a_club_being_planned_needs_a_season_near_today() -> None:
    import datetime as dt

    from engine.domain.files import parse_club

    today = dt.date(2026, 12, 6)  # season 2026/27
    for near in ("2024/25", "2026/27", "2028/29"):
        data = set_path(club_dict(), "identity.reference_season", near)
        parse_club(json.dumps(data), today=today)
    for far in ("2099/00", "2023/24", "2029/30"):
        with pytest.raises(DomainValidationError) as caught:
            parse_club(
                json.dumps(set_path(club_dict(), "identity.reference_season", far)), today=today
            )
        (issue,) = caught.value.issues
        assert issue.code == "season_not_current" and "2026/27" in issue.message("it")
        assert issue.path == ("identity", "reference_season")
    # a plan written years ago embeds its club: read as a plan, its old season is fine
    validate(set_path(club_dict(), "identity.reference_season", "2019/20"))


def test_a_year_founded_in_the_future_is_refused() -> None:
    import datetime as dt

    year = dt.date.today().year + 1
    codes = [i.code for i in errors_of(set_path(club_dict(), "identity.year_founded", year))]
    assert "founded_in_future" in codes


def test_a_stored_plan_opens_even_if_its_club_breaks_a_newer_rule(service) -> None:
    """Rules added later must never lock a user out of a plan saved before them."""
    from engine.storage.models import PlanVersionRow
    from tests.factories import make_plan

    plan_id = service.save_new_plan(make_plan(seed=3)).id
    with service.db.write() as session:
        row = session.query(PlanVersionRow).filter_by(plan_id=plan_id).one()
        data = json.loads(_version_text(row))
        data["club"]["identity"]["name"] = "Virtus\tSeregno\u200e"
        data["club"]["revenue"]["events"] = 500_000_000
        _replace_content(session, row, json.dumps(data))
    plan = service.get_plan(plan_id).plan
    assert plan.club.identity.name == "Virtus\tSeregno\u200e"


def _version_text(row) -> str:
    import zlib

    return zlib.decompress(row.content).decode("utf-8")


def _replace_content(session, row, text: str) -> None:
    """Versions are immutable (a trigger refuses UPDATE): put back a hand-edited copy."""
    import zlib

    from sqlalchemy import text as sql

    session.execute(sql("DROP TRIGGER plan_versions_no_update"))
    session.execute(
        sql("UPDATE plan_versions SET content = :c WHERE id = :i"),
        {"c": zlib.compress(text.encode("utf-8")), "i": row.id},
    )
