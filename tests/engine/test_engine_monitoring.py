"""Monitoring: status rules on hand-made cases, messy spreadsheets, records beside the plan.

A KPI is compared with its season's target (half-way at mid-season), in the direction the
targets set, with the tolerance in resources/catalogue/monitoring.json (10% for KPIs).
Missing actuals stay "da rilevare", never green.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from engine.agents.writers import OfflineWriter
from engine.cli import run
from engine.domain import ClubProfile
from engine.domain.plan import Plan
from engine.domain.sourced import SourcedValue
from engine.generation import generate
from engine.monitoring import ActionRecord, ActionState, Actual, Rag, Review, Subject, progress
from engine.monitoring.importer import parse_number
from engine.monitoring.status import current_season, rollup
from engine.service import Service, ServiceError
from tests.factories import club_dict, example_club


def value(number: float, unit: str = "n") -> SourcedValue:
    return SourcedValue.questionnaire(number, unit)


def plan_with_kpi(baseline: float, targets: list[float]) -> Plan:
    """The offline plan with SP2's first KPI set to these numbers."""
    plan = _offline()
    sp2 = next(o for o in plan.objectives() if o.code == "SP2")
    kpi = sp2.kpis[0].model_copy(
        update={"baseline": value(baseline), "targets": [value(t) for t in targets]}
    )
    objective = sp2.model_copy(update={"kpis": [kpi, *sp2.kpis[1:]]})
    areas = [
        s.model_copy(
            update={"objectives": [objective if o.code == "SP2" else o for o in s.objectives]}
        )
        for s in plan.areas
    ]
    return plan.model_copy(update={"areas": areas})


@functools.cache
def _offline() -> Plan:
    """The example club's offline plan, built once for these pure-function tests."""
    return generate(example_club(), OfflineWriter(), emit=lambda e: None).plan


def kpi_rag(plan: Plan, actual: float | None, review: Review = Review.END) -> Rag:
    season = plan.seasons[0]
    sp2 = next(o for o in plan.objectives() if o.code == "SP2")
    actuals = (
        [Actual(Subject.KPI, sp2.kpis[0].name, season, review, actual, "SP2")]
        if actual is not None
        else []
    )
    status = progress(plan, actuals, [], season, review)
    objective = next(o for o in status.objectives() if o.code == "SP2")
    return objective.kpis[0].rag


@pytest.mark.parametrize(
    ("actual", "expected"),
    [(110, Rag.GREEN), (100, Rag.GREEN), (95, Rag.AMBER), (90, Rag.AMBER), (89, Rag.RED)],
)
def test_more_is_better_when_the_targets_rise(actual: float, expected: Rag) -> None:
    assert kpi_rag(plan_with_kpi(80, [100, 120, 140]), actual) is expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [(40, Rag.GREEN), (50, Rag.GREEN), (55, Rag.AMBER), (56, Rag.RED)],
)
def test_less_is_better_when_the_targets_fall(actual: float, expected: Rag) -> None:
    assert kpi_rag(plan_with_kpi(60, [50, 40, 30]), actual) is expected


def test_mid_season_is_compared_with_half_way() -> None:
    plan = plan_with_kpi(80, [100, 120, 140])
    assert kpi_rag(plan, 90, Review.MID) is Rag.GREEN  # half-way from 80 to 100
    assert kpi_rag(plan, 85, Review.MID) is Rag.AMBER
    assert kpi_rag(plan, 80, Review.MID) is Rag.RED


def test_missing_actuals_are_never_green() -> None:
    plan = plan_with_kpi(80, [100, 120, 140])
    assert kpi_rag(plan, None) is Rag.UNMEASURED
    status = progress(plan, [], [], plan.seasons[0])
    assert status.rag is not Rag.GREEN
    assert all(f.rag is Rag.UNMEASURED for f in status.finance)
    assert rollup([Rag.UNMEASURED, Rag.UNMEASURED], 0.34) is Rag.UNMEASURED


def test_late_actions_turn_an_objective_red_and_done_ones_count() -> None:
    plan = _offline()
    season = plan.seasons[0]
    sp1 = next(o for o in plan.objectives() if o.code == "SP1")
    due = [a for a in sp1.actions if a.deadline <= dt.date(int(season[:4]) + 1, 6, 30)]
    assert due, "SP1 has actions due in the first season"
    kpis = [Actual(Subject.KPI, k.name, season, Review.END, 10_000, "SP1") for k in sp1.kpis]
    late = progress(plan, kpis, [], season)
    assert next(o for o in late.objectives() if o.code == "SP1").rag is Rag.RED
    done = [ActionRecord(a.code, ActionState.DONE, a.deadline, "test") for a in due]
    on_time = progress(plan, kpis, done, season)
    objective = next(o for o in on_time.objectives() if o.code == "SP1")
    assert objective.rag is Rag.GREEN and not objective.late


def test_finance_actual_against_forecast() -> None:
    plan = _offline()
    season = plan.seasons[0]
    revenue = plan.financial_plan.row("revenue_total").values[1].value
    costs = plan.financial_plan.row("cost_total").values[1].value
    actuals = [
        Actual(Subject.FINANCE, "revenue_total", season, Review.END, revenue * 0.97),
        Actual(Subject.FINANCE, "cost_total", season, Review.END, costs * 1.2),
    ]
    rows = {f.key: f for f in progress(plan, actuals, [], season).finance}
    assert rows["revenue_total"].rag is Rag.AMBER  # 3% short, within 5%
    assert rows["cost_total"].rag is Rag.RED  # 20% over the costs forecast
    assert rows["cost_total"].variance == pytest.approx(costs * 0.2)
    assert rows["cash"].rag is Rag.UNMEASURED


def test_italian_numbers_and_the_current_season() -> None:
    assert parse_number("1.234,5") == 1234.5
    assert parse_number("84,5") == 84.5
    assert parse_number("4.800") == 4800
    assert parse_number("€ 80.000") == 80000
    assert parse_number("1,234.5") == 1234.5
    with pytest.raises(ValueError):
        parse_number("tanti")
    seasons = ["2026/27", "2027/28", "2028/29"]
    assert current_season(seasons, dt.date(2027, 3, 1)) == "2026/27"
    assert current_season(seasons, dt.date(2027, 9, 1)) == "2027/28"
    assert current_season(seasons, dt.date(2025, 1, 1)) == "2026/27"
    assert current_season(seasons, dt.date(2031, 1, 1)) == "2028/29"


MESSY_ROWS = [
    ["Consuntivi ASD Virtus Seregno", None, None, None, None],
    [None, None, None, None, None],
    ["Obiettivo", "Indicatore", "Stagione", "Rilevazione", "Valore"],
    ["SP2", "Tesserati totali", "2026/27", "fine", "281"],
    ["SP2", "Tasso di permanenza dei tesserati", "2026/27", "fine", "84,5"],
    [None, None, None, None, None],
    [None, "Totale entrate", "2026-2027", "fine", "265.400,50"],
    ["SP2", "Tesserati totali", "2029/30", "fine", "300"],
    ["SP2", "Tesserati totali", "2026/27", "metà", "tanti"],
    ["SP9", "Tesserati totali", "2026/27", "fine", "270"],
]


def write_csv(path: Path) -> Path:
    lines = [";".join("" if c is None else str(c) for c in row) for row in MESSY_ROWS]
    path.write_text("\n".join(lines), "utf-8")
    return path


def write_xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    for row in MESSY_ROWS:
        sheet.append(row)
    sheet.merge_cells("A1:E1")  # a merged title above the table
    book.save(path)
    return path


@pytest.mark.parametrize("writer", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_a_messy_sheet_imports_its_good_rows_and_names_the_others(
    service: Service, tmp_path: Path, writer
) -> None:
    summary, _ = service.generate_plan(example_club(), OfflineWriter(), emit=lambda e: None)
    suffix = ".csv" if writer is write_csv else ".xlsx"
    result = service.import_actuals(summary.id, writer(tmp_path / f"consuntivi{suffix}"))
    assert [(a.subject, a.key, a.value) for a in result.actuals] == [
        (Subject.KPI, "Tesserati totali", 281),
        (Subject.KPI, "Tasso di permanenza dei tesserati", 84.5),
        (Subject.FINANCE, "revenue_total", 265400.5),
    ]
    messages = [e.message("it") for e in result.errors]
    assert messages == [
        "Riga 8: la stagione 2029/30 non è del piano (2026/27 - 2028/29).",
        "Riga 9: il valore «tanti» non è un numero (es. 1.234,5).",
        "Riga 10: l'obiettivo SP9 non ha l'indicatore «Tesserati totali»: correggete la "
        "colonna Obiettivo.",
    ]
    assert result.skipped_empty == 1
    assert len(service.actuals(summary.id)) == 3


def test_actuals_never_change_a_stored_version(service: Service) -> None:
    summary, _ = service.generate_plan(example_club(), OfflineWriter(), emit=lambda e: None)
    before = service.export_plan_json(summary.id)
    plan = service.get_plan(summary.id).plan
    season = plan.seasons[0]
    service.record_actuals(
        summary.id, [Actual(Subject.KPI, "Tesserati totali", season, Review.END, 281, "SP2")]
    )
    service.set_action_state(summary.id, "SP1.1", ActionState.DONE, source="test")
    assert [v.number for v in service.versions(summary.id)] == [1]
    assert service.export_plan_json(summary.id) == before
    with pytest.raises(ServiceError):
        service.record_actuals(
            summary.id, [Actual(Subject.KPI, "Tesserati totali", "2031/32", Review.END, 1)]
        )
    with pytest.raises(ServiceError) as caught:
        service.set_action_state(summary.id, "SP9.9", ActionState.DONE)
    assert "SP9.9" in caught.value.message("it")
    corrected = [Actual(Subject.KPI, "Tesserati totali", season, Review.END, 290, "SP2")]
    service.record_actuals(summary.id, corrected)  # a correction: the latest wins
    status = service.progress(summary.id, season)
    sp2 = next(o for o in status.objectives() if o.code == "SP2")
    assert sp2.kpis[0].actual == 290 and len(service.actuals(summary.id)) == 2


def test_the_cli_imports_records_states_and_prints_the_status(
    service: Service, home: Path, tmp_path: Path
) -> None:
    summary, _ = service.generate_plan(example_club(), OfflineWriter(), emit=lambda e: None)
    plan_id = str(summary.id)

    def cli(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        return run(list(argv), out=out, err=err), out.getvalue(), err.getvalue()

    sheet = write_csv(tmp_path / "consuntivi.csv")
    code, out, err = cli("actuals", plan_id, str(sheet), "--action", "SP1.1=done")
    assert code == 3 and "Valori registrati: 3" in out and "Riga 9" in err
    assert "Azione SP1.1: done." in out
    code, out, _ = cli("progress", plan_id, "--season", "2026/27", "--json")
    data = json.loads(out)
    sp2 = next(o for a in data["areas"] for o in a["objectives"] if o["code"] == "SP2")
    assert sp2["kpis"][0]["actual"] == 281
    code, out, _ = cli("--language", "en", "progress", plan_id, "--season", "2026/27")
    assert code == 0 and "Plan status 2026/27, season end" in out and "to be measured" in out
    code, _, err = cli("actuals", plan_id, "--action", "SP1.1=finita")
    assert code == 2 and "done, late, dropped" in err


def test_roll_forward_closes_the_season_on_its_actuals_and_rebases_what_was_agreed(
    service: Service,
) -> None:
    summary, _ = service.generate_plan(example_club(), OfflineWriter(), emit=lambda e: None)
    plan = service.get_plan(summary.id).plan
    season = plan.seasons[0]
    sp2 = next(o for o in plan.objectives() if o.code == "SP2")
    members, retention = sp2.kpis[0], sp2.kpis[1]
    planned = [t.value for t in members.targets]
    service.record_actuals(
        summary.id,
        [
            Actual(Subject.KPI, members.name, season, Review.END, planned[0] - 20, "SP2"),
            Actual(Subject.KPI, retention.name, season, Review.END, 80, "SP2"),
        ],
    )
    red_before = service.progress(summary.id, season).objectives()
    proposals = service.rebase_proposals(summary.id, season)
    assert {(p.kpi, p.shift) for p in proposals} >= {(members.name, -20)}
    only_members = [p for p in proposals if p.kpi == members.name]
    version = service.roll_forward(summary.id, season, only_members, expected_version=1)
    assert version is not None and version.number == 2
    rolled_plan = service.get_plan(summary.id).plan
    assert rolled_plan.closed_seasons == [season]
    rolled = next(o for o in rolled_plan.objectives() if o.code == "SP2")
    # the season's column is what happened, dated; the later targets restart from it
    first = rolled.kpis[0].targets[0]
    assert first.value == planned[0] - 20 and first.is_actual
    assert first.provenance("it") == f"consuntivo {season} registrato dal club"
    assert [t.value for t in rolled.kpis[0].targets[1:]] == [planned[1] - 20, planned[2] - 20]
    assert rolled.kpis[0].targets[2].reference == "modificato dall'utente"
    assert rolled.kpis[0].baseline == members.baseline  # where the plan began stays
    # measured but not agreed: the season shows the actual, the later targets stay
    assert rolled.kpis[1].targets[0].value == 80
    assert rolled.kpis[1].targets[1:] == retention.targets[1:]
    assert f"da {members.baseline.value} a {planned[2] - 20}" in rolled.gap  # the text follows
    # the closed season is still judged against the plan in force then: no red turns green
    assert service.progress(summary.id, season).objectives() == red_before
    assert service.rebase_proposals(summary.id, season) == []  # nothing left off the plan
    assert service.roll_forward(summary.id, season) is None  # closed on these values already
    service.record_actuals(  # a correction: the season can be closed again
        summary.id, [Actual(Subject.KPI, retention.name, season, Review.END, 82, "SP2")]
    )
    again = service.roll_forward(summary.id, season, [])
    assert again is not None and again.number == 3
    assert service.get_plan(summary.id).plan.closed_seasons == [season]
    # the last season: nothing recorded, nothing to close
    assert service.roll_forward(summary.id, plan.seasons[-1]) is None


def test_roll_forward_makes_the_seasons_finance_lines_and_cash_the_plans_figures(
    service: Service,
) -> None:
    """Lines recorded replace the forecast; totals and cash follow; an agreed line keeps
    its planned growth from the actual; the status totals add up the lines."""
    summary, _ = service.generate_plan(example_club(), OfflineWriter(), emit=lambda e: None)
    plan = service.get_plan(summary.id).plan
    season = plan.seasons[0]
    finance = plan.financial_plan
    fees = next(line for line in finance.lines if line.category == "membership_fees")
    revenue = [line for line in finance.lines if line.kind.value == "revenue"]
    recorded = {f"revenue.{line.category}": line.values[1].value for line in revenue}
    recorded["revenue.membership_fees"] = fees.values[1].value * 1.1  # 10% above the forecast
    records = [
        Actual(Subject.FINANCE, key, season, Review.END, value) for key, value in recorded.items()
    ]
    records.append(Actual(Subject.FINANCE, "cash", season, Review.END, 50_000))
    service.record_actuals(summary.id, records)
    status = service.progress(summary.id, season)
    total = next(row for row in status.finance if row.key == "revenue_total")
    assert total.actual == pytest.approx(sum(recorded.values()))  # nobody typed the total
    by_key = {line.key: line for line in status.finance_lines}
    assert by_key["revenue.membership_fees"].rag is Rag.GREEN
    assert by_key["cost.coaches_staff"].rag is Rag.UNMEASURED

    proposals = service.rebase_proposals(summary.id, season)
    fee_proposal = next(p for p in proposals if p.kpi == "revenue.membership_fees")
    assert fee_proposal.is_finance and fee_proposal.label == fees.label
    assert fee_proposal.name == "finance:revenue.membership_fees"
    service.roll_forward(summary.id, season, [fee_proposal])
    rolled = service.get_plan(summary.id).plan.financial_plan
    new_fees = next(line for line in rolled.lines if line.category == "membership_fees")
    assert new_fees.values[1].is_actual
    assert new_fees.values[1].value == pytest.approx(fees.values[1].value * 1.1)
    for year in (2, 3):  # the planned growth, from the actual
        assert new_fees.values[year].value == pytest.approx(fees.values[year].value * 1.1, abs=1)
    grants = next(line for line in rolled.lines if line.category == "public_grants")
    assert (
        grants.values[1].is_actual
        and grants.values[2:]
        == next(line for line in finance.lines if line.category == "public_grants").values[2:]
    )
    revenue_total = rolled.row("revenue_total")
    assert revenue_total is not None
    assert revenue_total.values[1].value == pytest.approx(sum(recorded.values()), abs=1)
    cash = rolled.row("cash")
    balance = rolled.row("balance")
    assert cash is not None and balance is not None
    assert cash.values[1].value == 50_000 and cash.values[1].is_actual
    assert cash.values[2].value == pytest.approx(50_000 + balance.values[2].value, abs=1)
    # the recorded cash is far from what the plan's balance gives: a review note says so
    note = next(
        w for w in service.get_plan(summary.id).plan.warnings if w.code == "closed_cash_gap"
    )
    assert note.section == "financial_plan" and "50.000 €" in note.message
    # the what-if panel starts from the closed season too
    from engine.finance.whatif import WhatIf

    outcome = WhatIf(service.get_plan(summary.id).plan).run(rolled.drivers)
    assert float(outcome.projection.cash[1].low) == 50_000


def test_the_cli_closes_a_season_and_names_finance_lines(service: Service, home: Path) -> None:
    summary, _ = service.generate_plan(example_club(), OfflineWriter(), emit=lambda e: None)
    plan = service.get_plan(summary.id).plan
    season = plan.seasons[1]
    fees = next(line for line in plan.financial_plan.lines if line.category == "sponsorship")
    service.record_actuals(
        summary.id,
        [Actual(Subject.FINANCE, "revenue.sponsorship", season, Review.END, 30_000)],
    )

    def cli(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        return run(list(argv), out=out, err=err), out.getvalue(), err.getvalue()

    code, out, _ = cli("progress", str(summary.id), "--season", season)
    assert code == 0 and "finance:revenue.sponsorship" in out and fees.label in out
    code, _, err = cli("progress", str(summary.id), "--season", season, "--rebase", "SP9:nulla")
    assert code == 2 and "SP9:nulla" in err
    code, out, _ = cli("progress", str(summary.id), "--season", season, "--rebase", "none")
    assert code == 0 and f"{season} chiusa sui consuntivi, 0 previsioni" in out
    rolled = service.get_plan(summary.id).plan
    line = next(line for line in rolled.financial_plan.lines if line.category == "sponsorship")
    assert line.values[2].value == 30_000 and line.values[3] == fees.values[3]
    code, _, err = cli("progress", str(summary.id), "--season", plan.seasons[2], "--rebase", "all")
    assert code == 2 and "registrateli prima" in err


def test_records_count_as_known_at_the_review() -> None:
    """An action done later, a zero measured, and a budget spent by review."""
    plan = _offline()
    first, second = plan.seasons[0], plan.seasons[1]
    sp1 = next(o for o in plan.objectives() if o.code == "SP1")
    action = sp1.actions[0]
    later = [ActionRecord(action.code, ActionState.DONE, dt.date(2029, 5, 1), "test")]
    status = progress(plan, [], later, first)
    states = {a.code: a.state for o in status.objectives() for a in o.actions}
    assert states[action.code] is ActionState.LATE  # done only in 2029: late in 2026/27
    zero = [Actual(Subject.KPI, sp1.kpis[0].name, first, Review.END, 0, "SP1")]
    zero.append(Actual(Subject.KPI, sp1.kpis[0].name, first, Review.MID, 5, "SP1"))
    kpi = next(o for o in progress(plan, zero, [], first).objectives() if o.code == "SP1").kpis[0]
    assert kpi.series[0][2] == 0  # a measured zero is a value, not a gap
    spent = [
        Actual(Subject.BUDGET, "spent", first, Review.MID, 100, "SP1"),
        Actual(Subject.BUDGET, "spent", first, Review.END, 1000, "SP1"),
        Actual(Subject.BUDGET, "spent", second, Review.MID, 50, "SP1"),
    ]
    at_mid = progress(plan, spent, [], first, Review.MID).areas[0].budget
    assert at_mid.spent == 100  # the season-end record is not known yet
    next_mid = progress(plan, spent, [], second, Review.MID).areas[0].budget
    assert next_mid.spent == 1050  # the closed season's end, then this season so far


def test_the_cli_offers_and_applies_the_roll_forward(service: Service, home: Path) -> None:
    summary, _ = service.generate_plan(example_club(), OfflineWriter(), emit=lambda e: None)
    plan = service.get_plan(summary.id).plan
    season = plan.seasons[0]
    members = next(o for o in plan.objectives() if o.code == "SP2").kpis[0]
    low = members.targets[0].value - 20
    service.record_actuals(
        summary.id, [Actual(Subject.KPI, members.name, season, Review.END, low, "SP2")]
    )

    def cli(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        return run(list(argv), out=out, err=err), out.getvalue(), err.getvalue()

    plan_id = str(summary.id)
    code, out, _ = cli("progress", plan_id, "--season", season)
    assert code == 0 and f"SP2:{members.name}" in out and "-20" in out
    code, _, err = cli("progress", plan_id, "--season", season, "--rebase", "SP2:Nessuno")
    assert code == 2 and "SP2:Nessuno" in err
    code, out, _ = cli("progress", plan_id, "--season", season, "--rebase", f"sp2:{members.name}")
    assert code == 0 and "versione 2" in out
    assert [v.number for v in service.versions(summary.id)] == [1, 2]


def test_before_the_review_an_action_is_late_only_past_its_own_deadline() -> None:
    plan = _offline()
    first = plan.seasons[0]
    sp1 = next(o for o in plan.objectives() if o.code == "SP1")
    action = min(sp1.actions, key=lambda a: a.deadline)
    day_before = action.deadline - dt.timedelta(days=1)
    tracked = [ActionRecord("SP2.1", ActionState.DONE, None, "test")]  # monitoring started
    early = progress(plan, [], tracked, first, Review.END, today=day_before)
    states = {a.code: a.state for o in early.objectives() for a in o.actions}
    assert states[action.code] is ActionState.OPEN  # not due yet today
    late = progress(plan, [], tracked, first, Review.END, today=action.deadline)
    states = {a.code: a.state for o in late.objectives() for a in o.actions}
    assert states[action.code] is ActionState.LATE


def test_a_plan_nobody_has_tracked_yet_reads_to_be_measured_not_late() -> None:
    plan = _offline()
    untouched = progress(plan, [], [], plan.seasons[0], Review.END)
    assert untouched.rag is Rag.UNMEASURED
    assert not [a for o in untouched.objectives() for a in o.late]
    one_state = [ActionRecord("SP1.1", ActionState.DONE, None, "test")]
    tracked = progress(plan, [], one_state, plan.seasons[0], Review.END)
    assert [a for o in tracked.objectives() for a in o.late]  # from the first record on


def test_a_line_nobody_knew_when_planning_enters_the_plan_once_recorded() -> None:
    """Events left empty in the questionnaire ("to be collected"): the season's actual
    fills the closed year, and the later years grow from it as the line was to grow."""
    from engine.domain.plan import FinanceKind
    from engine.monitoring.roll import Rebase, roll_forward

    raw = club_dict()
    raw["revenue"]["events"] = None
    club = ClubProfile.model_validate_json(json.dumps(raw))
    plan = generate(club, OfflineWriter(), emit=lambda e: None).plan
    events = next(line for line in plan.financial_plan.lines if line.category == "events")
    assert events.kind is FinanceKind.REVENUE and events.values[1].value is None
    season = plan.seasons[0]
    recorded = [Actual(Subject.FINANCE, "revenue.events", season, Review.END, 4_000)]
    rolled = roll_forward(plan, recorded, season, [Rebase(None, "revenue.events", 4_000, 4_000)])
    line = next(line for line in rolled.financial_plan.lines if line.category == "events")
    assert line.values[1].value == 4_000 and line.values[1].is_actual
    assert all(isinstance(v.value, int | float) and v.value >= 4_000 for v in line.values[2:])
    total = rolled.financial_plan.row("revenue_total")
    before = plan.financial_plan.row("revenue_total")
    assert total is not None and before is not None
    assert total.values[1].value == pytest.approx(before.values[1].value + 4_000, abs=1)
