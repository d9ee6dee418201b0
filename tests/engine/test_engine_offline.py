"""The offline composer: complete, deterministic, specific to each club, review-clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.agents.writers import OfflineWriter
from engine.domain import Area, Language, Plan, SectionStatus, load_club_file
from engine.generation import generate
from engine.review import review
from tests.factories import example_club, example_files


def offline_plan(club, language: Language = Language.IT) -> Plan:
    return generate(club, OfflineWriter(), language=language, emit=lambda e: None).plan


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
@pytest.mark.parametrize("language", [Language.IT, Language.EN])
def test_every_example_club_gets_a_complete_clean_plan(path: Path, language: Language) -> None:
    plan = offline_plan(load_club_file(path), language)
    assert [len(plan.area(a).objectives) for a in Area] == [8, 2, 4, 7]
    assert plan.failed_sections() == []
    assert all(o.actions and o.kpis for o in plan.objectives())
    assert all(len(k.targets) == 3 for o in plan.objectives() for k in o.kpis)
    assert plan.generation.offline_draft and plan.generation.provider == "offline"
    assert [w.code for w in plan.warnings] == ["offline_draft"]  # no review findings
    assert review(plan) == []
    summary = plan.executive_summary
    assert len(summary.priorities) == 5 and len(summary.quick_wins) == 5
    assert [p.year for p in summary.roadmap] == [1, 2, 3]
    assert all(len(p.reason.split()) <= 15 for p in summary.priorities)
    assert plan.financial_plan.lines and plan.financial_plan.commentary
    assert plan.compliance and plan.monitoring
    text = plan.model_dump_json()
    for filler in ("Da definire", "[da calcolare]", "TODO", "lorem"):
        assert filler not in text


def test_it_is_deterministic() -> None:
    club = example_club("pallavolo-ssd")
    first, second = offline_plan(club), offline_plan(club)
    strip = {"uid", "generation"}
    assert first.model_dump(exclude=strip) == second.model_dump(exclude=strip)


def test_two_clubs_do_not_read_alike() -> None:
    football = offline_plan(example_club("calcio-giovanile-asd"))
    swimming = offline_plan(example_club("nuoto-piscina-comunale-asd"))
    same = [
        a.baseline
        for a, b in zip(football.objectives(), swimming.objectives(), strict=True)
        if a.baseline == b.baseline
        and "dato" not in a.baseline
        and "questionario" not in a.baseline
    ]
    assert same == []
    assert football.executive_summary.vision != swimming.executive_summary.vision


def test_missing_data_reads_as_to_be_collected_never_invented() -> None:
    plan = offline_plan(example_club("polisportiva-piccola-dati-parziali"))
    sp2 = next(o for o in plan.objectives() if o.code == "SP2")
    retention = next(k for k in sp2.kpis if k.name == "Tasso di permanenza dei tesserati")
    assert retention.baseline.value is None
    assert retention.targets[-1].value is None  # no baseline, so no invented target
    assert "prima si misura il dato di partenza" in sp2.gap
    assert "ancora da misurare: tasso di permanenza" in sp2.baseline
    fields = {gap.field for gap in plan.data_gaps}
    assert "revenue.public_grants" in fields and "kpi.social_followers" in fields


def test_priorities_follow_the_club_data() -> None:
    football = offline_plan(example_club("calcio-giovanile-asd"))
    codes = [p.code for p in football.executive_summary.priorities]
    assert codes[0] == "SO2"  # a legal duty already due comes first
    so3 = next(p for p in football.executive_summary.priorities if p.code == "SO3")
    assert "12,6%" in so3.reason  # the club's own female share, not a generic threshold
    volley = offline_plan(example_club("pallavolo-ssd"))
    mk4 = next(o for o in volley.objectives() if o.code == "MK4")
    assert mk4.priority == 1 and "sponsor" in mk4.gap


def test_compliance_reflects_the_reform_facts() -> None:
    small = offline_plan(example_club("polisportiva-piccola-dati-parziali"))
    by_code = {item.code: item for item in small.compliance}
    assert by_code["C1"].status.value == "to_do"  # not in RASD yet
    assert by_code["C3"].status.value == "not_applicable"  # no paid workers
    volley = offline_plan(example_club("pallavolo-ssd"))
    assert {i.code: i for i in volley.compliance}["C6"].status.value == "not_applicable"  # SSD


def test_english_plan_is_in_english() -> None:
    plan = offline_plan(example_club("calcio-giovanile-asd"), Language.EN)
    assert plan.area(Area.SPORTS).objectives[0].title == "Technical identity and method"
    assert "to be collected" in plan.model_dump_json() or plan.data_gaps
    assert plan.title.startswith("Strategic plan")


def test_review_finds_placeholders_filler_and_budget_mismatch() -> None:
    plan = offline_plan(example_club("calcio-giovanile-asd"))
    sports = plan.area(Area.SPORTS)
    spoiled = sports.objectives[0].model_copy(update={"gap": "Budget € [range benchmark] TODO"})
    shifted = sports.objectives[1].model_copy(update={"priority": 3})
    area = sports.model_copy(
        update={
            "objectives": [spoiled, shifted, *sports.objectives[2:]],
            "status": SectionStatus.EDITED,
        }
    )
    broken = plan.model_copy(update={"areas": [area, *plan.areas[1:]]})
    codes = {w.code for w in review(broken)}
    assert {"placeholder", "budget_mismatch"} <= codes
    filler = sports.objectives[2].model_copy(update={"objective": "Modulo 4-3-3, target €50K"})
    area2 = sports.model_copy(
        update={"objectives": [*sports.objectives[:2], filler, *sports.objectives[3:]]}
    )
    assert "filler" in {
        w.code for w in review(plan.model_copy(update={"areas": [area2, *plan.areas[1:]]}))
    }
