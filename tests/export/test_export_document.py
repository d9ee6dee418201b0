"""The document model: structure, provenance on every number, honest lines for gaps."""

from __future__ import annotations

from engine.domain import Area, SectionStatus
from engine.domain.language import Language
from engine.domain.plan import AreaSection, ExecutiveSummary
from engine.export.charts import ChartRenderer
from engine.export.compose import build_document
from engine.export.document import (
    Badges,
    Chart,
    Document,
    Facts,
    Notice,
    Table,
    Tier,
    Value,
)
from engine.export.html import render_plan_html
from tests.export.export_support import MACRO_CODES, PLACEHOLDERS, full_plan
from tests.factories import example_club, make_plan

SECTION_IDS = [
    "sec-summary",
    "sec-analysis",
    "area-sports",
    "area-infrastructure",
    "area-marketing",
    "area-social",
    "sec-finance",
    "sec-compliance",
    "sec-monitoring",
    "sec-methodology",
    "sec-gaps",
]


def _blocks(doc: Document) -> list[object]:
    return [block for section in doc.walk() for block in section.blocks]


def test_sections_in_order_with_all_objectives() -> None:
    doc = build_document(full_plan())
    assert [s.id for s in doc.sections] == SECTION_IDS
    assert [s.number for s in doc.sections] == [str(n) for n in range(1, 12)]
    assert list(doc.macro_codes) == MACRO_CODES
    assert [s.code for s in doc.walk() if s.kind == "objective"] == MACRO_CODES
    assert {c.id for c in doc.charts()} == {
        "finance-overview",
        "revenue-mix",
        "budget-by-area",
        "investments",
        "cash-flow",
    }
    assert doc.cover.club_name == "ASD Virtus Seregno Calcio"
    assert doc.seasons == ("2026/27", "2027/28", "2028/29")


def test_every_number_states_its_provenance() -> None:
    doc = build_document(full_plan("polisportiva-piccola-dati-parziali"))
    for block in _blocks(doc):
        if isinstance(block, Table) and any(c.numeric for c in block.columns):
            has_column = any(isinstance(cell, Badges) for row in block.rows for cell in row)
            values = [cell for row in block.rows for cell in row if isinstance(cell, Value)]
            sourced = block.provenance or has_column or all(v.badge or v.missing for v in values)
            counts_only = all(v.text.replace("/", "").replace(".", "").isdigit() for v in values)
            assert sourced or counts_only, block.columns
        if isinstance(block, Facts):
            for _label, value in block.items:
                if isinstance(value, Value):
                    assert value.badge is not None or value.missing
    legend = {entry.badge.tier for entry in doc.legend.entries}
    assert legend == set(Tier)
    for tile in doc.onepager.tiles:
        assert tile.badge is not None or tile.label == "Obiettivi MACRO"


def test_badges_use_plain_words() -> None:
    doc = build_document(full_plan())
    shorts = {
        part[1].short
        for block in _blocks(doc)
        if isinstance(block, Table) and block.provenance
        for part in block.provenance.parts
    }
    assert "questionario" in shorts
    assert "stima: FIGC-Deloitte 2016" in shorts
    fulls = {
        badge.full
        for block in _blocks(doc)
        if isinstance(block, Facts)
        for _label, value in block.items
        if isinstance(value, Value) and (badge := value.badge)
    }
    assert "da fonte pubblica: ISTAT, popolazione residente (dato arrotondato)" in fulls
    assert "stima da benchmark FIGC-Deloitte 2016 - da verificare" in fulls


def test_missing_and_failed_sections_become_honest_lines_never_placeholders() -> None:
    plan = make_plan(example_club("pallavolo-ssd"))
    areas = [
        AreaSection(area=Area.SPORTS, status=SectionStatus.FAILED, failure_reason="timeout"),
        AreaSection(area=Area.MARKETING, status=SectionStatus.MISSING),
        plan.areas[1].model_copy(update={"status": SectionStatus.EDITED}),
        plan.areas[3].model_copy(update={"objectives": plan.areas[3].objectives[:5]}),
    ]
    plan = plan.model_copy(
        update={
            "areas": areas,
            "executive_summary": ExecutiveSummary(status=SectionStatus.MISSING),
        }
    )
    doc = build_document(plan)
    notices = [b.text for b in _blocks(doc) if isinstance(b, Notice)]
    assert any("non è riuscita" in n and "timeout" in n for n in notices)
    assert any("Sezione non generata" in n for n in notices)
    assert any("SO6, SO7" in n for n in notices)
    assert any("modificata da voi" in n for n in notices)
    html = render_plan_html(doc, ChartRenderer())
    assert not PLACEHOLDERS.search(html.split("</style>", 1)[1])
    assert "Sezione non generata: usate «Rigenera»" in html


def test_data_gaps_list_the_questionnaire_holes() -> None:
    doc = build_document(full_plan("polisportiva-piccola-dati-parziali"))
    gaps = next(s for s in doc.sections if s.id == "sec-gaps")
    table = next(b for b in gaps.blocks if isinstance(b, Table))
    labels = [row[0].text for row in table.rows]  # type: ignore[union-attr]
    assert labels[0] == "Spese mediche dell'ultima stagione"  # from the plan first
    assert "Persone › Tesserati stagione corrente › Adulti › Maschi" in labels
    assert "Impianti › Palestra comunale › Costo" in labels
    assert "Aspetti qualitativi › Visione" in labels
    assert not any("medical" in label.lower() for label in labels[1:])  # no duplicate


def test_english_plan_uses_english_words() -> None:
    doc = build_document(full_plan(language=Language.EN))
    assert doc.sections[0].title == "Executive summary"
    assert doc.cover.eyebrow == "Three-season strategic plan"
    assert any("estimate: " in b.short for b in _badges(doc))


def _badges(doc: Document) -> list:
    return [
        part[1]
        for block in _blocks(doc)
        if isinstance(block, Table) and block.provenance
        for part in block.provenance.parts
    ]


def test_charts_carry_their_sources() -> None:
    doc = build_document(full_plan())
    notes = {b.spec.id: b.spec.note for b in _blocks(doc) if isinstance(b, Chart)}
    assert "dal vostro questionario" in notes["finance-overview"]
    assert "da verificare" in notes["investments"]


def test_a_number_the_user_edited_says_so_not_questionnaire() -> None:
    """The plan view stores a typed-over number as questionnaire tier marked as an edit."""
    import datetime as dt

    from engine.domain.sourced import USER_EDIT_REFERENCE, SourcedValue, SourceTier

    plan = full_plan()
    area = plan.areas[0]
    objective = area.objectives[0]
    kpi = objective.kpis[0]
    edited = SourcedValue(
        value=123,
        unit=kpi.baseline.unit,
        tier=SourceTier.QUESTIONNAIRE,
        reference=USER_EDIT_REFERENCE,
        date=dt.date(2026, 11, 20),
    )
    objective = objective.model_copy(
        update={"kpis": [kpi.model_copy(update={"baseline": edited}), *objective.kpis[1:]]}
    )
    area = area.model_copy(update={"objectives": [objective, *area.objectives[1:]]})
    plan = plan.model_copy(update={"areas": [area, *plan.areas[1:]]})
    doc = build_document(plan)
    assert "modificato da voi" in _all_badge_words(doc)
    assert any(entry.badge.short == "modificato da voi" for entry in doc.legend.entries)
    english = build_document(plan.model_copy(update={"language": Language.EN}))
    assert "edited by you" in _all_badge_words(english)
    assert "modificato da voi" not in _all_badge_words(build_document(full_plan()))
    # the sentence behind the badge (its PDF tooltip, the plan view's too) says when
    sentences = {badge.full for badge in _badges(doc)} | {
        badge.full
        for block in _blocks(doc)
        if isinstance(block, Table)
        for row in block.rows
        for cell in row
        if isinstance(cell, Badges)
        for _scope, badge in cell.parts
    }
    assert "modificato da voi il 20/11/2026" in sentences


def _all_badge_words(doc: Document) -> set[str]:
    """Every badge's short text: table captions, per-row provenance cells, single values."""
    words = {badge.short for badge in _badges(doc)}
    for block in _blocks(doc):
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    if isinstance(cell, Badges):
                        words |= {badge.short for _scope, badge in cell.parts}
                    elif isinstance(cell, Value) and cell.badge is not None:
                        words.add(cell.badge.short)
    return words
