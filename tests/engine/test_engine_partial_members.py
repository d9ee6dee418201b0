"""Members typed in some age bands only: never zero, never hidden (issue 14, point 2).

A club with no under-6 or over-60 athletes often leaves those bands empty. Empty is
not zero, but the plan must show what was typed: "almeno 242 (2 fasce d'età non
indicate)", in the analysis, the KPIs, the prose, the one-pager and the CLI.
"""

from __future__ import annotations

import json

from engine.agents.writers import OfflineWriter
from engine.domain import ClubProfile, Language, Plan
from engine.export.compose import build_document
from engine.facts import ClubFacts
from engine.generation import generate
from tests.factories import club_dict


def club_without(*bands: str, gender: str | None = None) -> ClubProfile:
    data = club_dict()
    current = data["people"]["members_current_season"]
    for band in bands:
        if gender:
            current[band].pop(gender)
        else:
            current[band] = {}
    return ClubProfile.model_validate_json(json.dumps(data))


def offline_plan(club: ClubProfile, language: Language = Language.IT) -> Plan:
    return generate(club, OfflineWriter(), language=language, emit=lambda e: None).plan


def test_the_typed_members_are_a_lower_bound_that_says_what_is_missing() -> None:
    club = club_without("under_6", "over_60")  # 26 + 2 of the example's 270 left empty
    members = ClubFacts(club).figure("members_total")
    assert members.value == 242 and members.bands_missing == 2
    assert members.provenance(Language.IT) == (
        "calcolato dai vostri dati (2 fasce d'età non indicate)"
    )
    assert members.provenance(Language.EN) == "calculated from your data (2 age bands not given)"
    assert ClubFacts(club).figure("members_over_60").value is None  # that band is unknown
    assert club.members_total() == 242 and club.members_bands_missing() == 2
    # One gender left empty makes the band incomplete, but its other half still counts.
    half = ClubFacts(club_without("adults", gender="female")).figure("members_total")
    assert (half.value, half.bands_missing) == (270, 1)


def test_the_plan_quotes_at_least_the_typed_members_everywhere() -> None:
    plan = offline_plan(club_without("under_6", "over_60"))
    assert "Tesserati nella stagione 2025/26: almeno 242" in plan.analysis.summary
    kpi = next(k for o in plan.objectives() for k in o.kpis if k.name == "Tesserati totali")
    assert (kpi.baseline.value, kpi.baseline.bands_missing) == (242, 2)
    prose = " ".join(o.baseline + " " + o.gap for o in plan.objectives())
    assert "almeno 242 tesserati" in prose
    assert " 242 tesserati" not in prose.replace("almeno 242 tesserati", "")
    onepager = build_document(plan).onepager
    tile = onepager.tiles[0]
    assert tile.value == "almeno 242" and "2 fasce d'età non indicate" in tile.sub
    english = offline_plan(club_without("under_6", "over_60"), Language.EN)
    assert "at least 242" in english.analysis.summary


def test_a_complete_count_is_unchanged_and_stored_as_before() -> None:
    plan = offline_plan(club_without())
    assert "almeno" not in plan.analysis.summary.split("Tesserati")[1][:40]
    assert "bands_missing" not in plan.model_dump_json()


def test_no_member_typed_is_still_to_be_collected() -> None:
    club = club_without("under_6", "age_6_12", "age_13_18", "adults", "over_60")
    members = ClubFacts(club).figure("members_total")
    assert members.value is None and members.bands_missing == 0
    assert club.members_total() is None
