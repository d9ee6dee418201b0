"""The financial model: one set of figures, exact to the euro, honest about what it does not know.

Hand-computed cases for loans, secured funding, unknown and estimated costs, the facilities'
hourly rates, negative equity and scenarios; property tests that every total adds up in any
scenario; and the consistency check that every amount the prose quotes is a figure of the
tables, on every example club.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import formatting
from engine.catalogue import default_catalogue
from engine.domain import ClubProfile, Language, SourceTier
from engine.domain.plan import Area, FinanceDrivers, FinanceKind, FinancialPlan, ScenarioKind
from engine.facts import ClubFacts
from engine.finance import build_financial_plan, compose, finance_inputs, spread
from engine.finance.projection import annuity, project
from engine.finance.scenarios import yearly, yearly_rate
from engine.paths import resource_path
from engine.selection import select
from tests.factories import club_dict, example_club

EXAMPLES = sorted(p.stem for p in resource_path("examples").glob("*.json"))


def model_for(club: ClubProfile, language: Language = Language.IT):
    catalogue = default_catalogue()
    selected = select(ClubFacts(club), catalogue, language)
    return selected, build_financial_plan(club, selected, catalogue, language)


def club_with(name: str = "calcio-giovanile-asd", **sections) -> ClubProfile:
    data = club_dict(name)
    for key, value in sections.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return ClubProfile.model_validate_json(json.dumps(data))


def row(plan: FinancialPlan, key: str) -> list[float | None]:
    found = plan.row(key)
    assert found is not None, key
    return [None if v is None else v.value for v in found.values]


def line(plan: FinancialPlan, category: str, kind: FinanceKind | None = None):
    return next(
        item
        for item in plan.lines
        if item.category == category and (kind is None or item.kind is kind)
    )


# --- year 0 and growth ----------------------------------------------------------------------


def test_year_zero_is_the_questionnaire_and_fees_follow_the_members_target() -> None:
    _, model = model_for(example_club("calcio-giovanile-asd"))
    plan = model.plan
    # 185000+38000+6500+9000+14000+2300+1500+3000
    assert row(plan, "revenue_total")[0] == 259300
    # 62000+31000+21000+12000+24000+7500+6000+9500+4000
    assert row(plan, "cost_total")[0] == 177000
    assert row(plan, "operating")[0] == 82300
    fees = line(plan, "membership_fees")
    # SP2 target: members +5%, +10%, +15%; the fee unchanged in the base scenario
    assert [v.value for v in fees.values] == [185000, 194250, 203500, 212750]
    assert fees.values[0].tier is SourceTier.QUESTIONNAIRE
    assert all(v.tier is SourceTier.ESTIMATE for v in fees.values[1:])
    assert [v.value for v in line(plan, "public_grants").values] == [6500] * 4
    # running costs follow inflation (1.9% a year, Banca d'Italia 03/2026)
    travel = [v.value for v in line(plan, "travel").values]
    assert travel == [12000, 12228, 12460, 12697]


def test_totals_and_rows_add_up_in_every_example() -> None:
    for name in EXAMPLES:
        _, model = model_for(example_club(name))
        plan, p = model.plan, model.projection
        for year in range(4):
            for kind, key in (
                (FinanceKind.REVENUE, "revenue_total"),
                (FinanceKind.COST, "cost_total"),
            ):
                values = [item.values[year] for item in plan.lines if item.kind is kind]
                low = sum(Decimal(str(v.value)) for v in values if v.value is not None)
                high = sum(
                    Decimal(str(v.high if v.high is not None else v.value))
                    for v in values
                    if v.value is not None
                )
                total = plan.row(key).values[year]
                assert (Decimal(str(total.value)), Decimal(str(total.high or total.value))) == (
                    low,
                    high,
                ), (name, key, year)
        for year in range(3):
            invested = sum(Decimal(str(item.values[year].value)) for item in plan.investments)
            assert invested == p.invested[year]
            expected = (
                p.operating[year + 1].low
                - p.invested[year]
                - p.repayments[year].high
                + p.committed[year]
                + p.loan_inflow[year]
            )
            assert p.balance[year].low == expected
            assert p.cash[year + 1].low == p.cash[year].low + p.balance[year].low
        months = sum(Decimal(str(v.value)) for v in plan.cash_flow_y1)
        assert months == p.balance[0].low, name  # Y1 months add up to the Y1 balance


def test_investments_follow_each_objectives_start_year() -> None:
    selected, model = model_for(example_club("pallavolo-ssd"))
    assert any(o.priority == 3 for o in selected.values())
    assert {item.area for item in model.plan.investments} == set(Area)
    committed = sum(o.committed_budget for o in selected.values())
    assert sum(model.projection.invested) == committed


@given(total=st.decimals(min_value=0, max_value=10_000_000, places=2), first=st.integers(1, 3))
def test_spread_is_exact(total: Decimal, first: int) -> None:
    amounts = spread(total, first)
    assert sum(amounts) == total
    assert all(a == 0 for a in amounts[: first - 1])


# --- loans, debts, secured funding -----------------------------------------------------------


def test_loan_instalments_are_repayment_lines_until_the_last_year() -> None:
    club = club_with(
        loans=[
            {"lender": "Mutuo spogliatoi", "yearly_instalment": 4200, "end_year": 2027},
            {"lender": "Prestito pulmino", "outstanding": 30000, "end_year": 2031},
        ]
    )
    _, model = model_for(club)
    plan = model.plan
    # Plan seasons 2026/27, 2027/28, 2028/29: a season pays while its first year <= end year.
    first = line(plan, "loan_1")
    assert first.kind is FinanceKind.REPAYMENT
    assert [v.value for v in first.values] == [4200, 4200, 4200, 0]
    # No instalment given: the outstanding debt over the years left (2031 - 2025 = 6).
    second = line(plan, "loan_2")
    assert [v.value for v in second.values] == [5000, 5000, 5000, 5000]
    assert second.values[1].tier is SourceTier.ESTIMATE
    assert "30.000" in second.note
    assert row(plan, "repayments") == [None, 9200, 9200, 5000]
    operating = row(plan, "operating")
    invested = row(plan, "investments")
    balance = row(plan, "balance")
    for year in (1, 2, 3):
        assert balance[year] == operating[year] - invested[year] - row(plan, "repayments")[year]


def test_a_loan_without_instalment_blocks_the_conclusion() -> None:
    club = club_with(loans=[{"lender": "Debito con la banca"}])
    _, model = model_for(club)
    plan = model.plan
    # what is missing is the instalment, named as such (not lowercased, not called a cost)
    assert plan.unknown_lines == ["la rata di «Debito con la banca»"]
    assert plan.break_even_year is None
    assert "non si può ancora giudicare" in plan.commentary
    assert "la rata di «Debito con la banca»" in plan.commentary


def test_debts_without_a_loan_table_and_negative_equity_are_named_risks() -> None:
    club = club_with(balance={"debts": 38000, "reserves": -5000})
    _, model = model_for(club)
    risks = " ".join(model.plan.risks)
    assert "Patrimonio negativo" in risks and "−5.000 €" in risks
    assert "Debiti per 38.000 € senza un piano di rimborso" in risks
    assert row(model.plan, "cash")[0] == -5000


def test_liquidity_warning_under_three_months_of_costs() -> None:
    # 177,000 of costs: three months are 44,250; 22,000 of reserves cover 1.5 months.
    _, model = model_for(example_club("calcio-giovanile-asd"))
    assert any("coprono 1,5 mesi" in risk for risk in model.plan.risks)
    _, model = model_for(club_with(balance={"reserves": 50000}))
    assert not any("Liquidità" in risk for risk in model.plan.risks)


def test_secured_funding_arrives_in_its_season_and_counts_in_the_cash() -> None:
    club = club_with(
        funding=[{"source": "Bando regionale impianti (vinto)", "amount": 15000, "year": 2027}]
    )
    _, model = model_for(club)
    plan = model.plan
    # Received in 2027: the season starting that year (2027/28, year 2), prudently.
    assert row(plan, "funding") == [None, 0, 15000, 0]
    base = model_for(example_club("calcio-giovanile-asd"))[1].plan
    assert row(plan, "cash")[3] == row(base, "cash")[3] + 15000
    secured = [s for s in plan.funding_sources if s.status.value == "committed"]
    assert [s.amount.value for s in secured] == [15000]


def test_funding_outside_the_plan_is_refused_with_the_field_named() -> None:
    from engine.domain import DomainValidationError
    from engine.domain.files import parse_club

    data = club_dict("calcio-giovanile-asd")
    data["funding"] = [{"source": "Bando", "amount": 1000, "year": 2035}]
    with pytest.raises(DomainValidationError) as error:
        parse_club(json.dumps(data), today=dt.date(2026, 1, 15))
    issue = error.value.issues[0]
    assert issue.path == ("funding", 0, "year")
    text = issue.render("it")
    assert "2035" in text and "2026-2029" in text and "None" not in text


# --- unknown costs: estimated as ranges, or named -------------------------------------------


def test_missing_costs_are_estimated_as_ranges_or_block_the_conclusion() -> None:
    club = club_with(
        costs={"administration": None, "affiliation_league_referees": None, "medical": None}
    )
    _, model = model_for(club)
    plan = model.plan
    admin = line(plan, "administration")
    # 302-3,500 EUR per club (Movimento DBN 2025; UNGDCEC 2025), inflated from year 1.
    assert (admin.values[0].value, admin.values[0].high) == (302, 3500)
    assert admin.values[0].tier is SourceTier.ESTIMATE and "DBN" in admin.note
    assert (admin.values[1].value, admin.values[1].high) == (308, 3567)
    medical = line(plan, "medical")
    # 44 adult members x 35-143 EUR (regional tariffs of the competitive fitness visit)
    assert (medical.values[0].value, medical.values[0].high) == (1540, 6292)
    assert "44 tesserati adulti" in medical.note
    # No benchmark for league entry: to be collected in every season, and named.
    assert all(v.value is None for v in line(plan, "affiliation_league_referees").values)
    assert plan.unknown_lines == ["Affiliazione, iscrizioni alle gare, arbitri e giudici"]
    assert plan.break_even_year is None
    assert "equilibrio non si può ancora giudicare" in plan.commentary
    assert "risultato di gestione" not in plan.commentary  # no result on partial costs
    assert "costi di gestione noti" in plan.commentary
    assert "scenari" not in plan.commentary.split("\n\n")[-1]
    # Totals carry the range: 177,000 - 9,500 - 21,000 - 6,000 + 302..3,500 + 1,540..6,292
    total = plan.row("cost_total")
    assert (total.values[0].value, total.values[0].high) == (142342, 150292)
    assert "parziale" in total.label and "parziale" in plan.row("cash").label
    assert not any(s.status.value == "to_seek" for s in plan.funding_sources)
    cost_per_member = plan.kpis[0]
    assert cost_per_member.baseline.value is None  # no cost per member on partial costs


def test_revenue_left_empty_is_derived_from_members_and_the_average_fee() -> None:
    club = club_with(revenue={"membership_fees": None})
    _, model = model_for(club)
    fees = line(model.plan, "membership_fees")
    # 270 members x 690 EUR average fee
    assert fees.values[0].value == 270 * 690
    assert "270 tesserati" in fees.note


def test_hourly_facility_rates_reach_facilities_and_utilities() -> None:
    facilities = [
        {
            "name": "Palestra comunale",
            "kind": "palestra",
            "ownership": "leased",
            "hours_per_week": 12,
            "cost_basis": "per_hour",
            "cost": {"value": 25, "unit": "EUR/ora"},
        }
    ]
    # Left empty: 25 EUR x 12 hours x 40 weeks = 12,000 EUR, computed from the club's data.
    _, model = model_for(club_with(facilities=facilities, costs={"facilities_utilities": None}))
    facility = line(model.plan, "facilities_utilities")
    assert facility.values[0].value == 12000
    assert facility.values[0].reference == "calcolato dai vostri dati"
    assert "Palestra comunale" in facility.note
    # Given lower than the facilities' own cost: the larger figure, and the plan says so.
    _, model = model_for(club_with(facilities=facilities, costs={"facilities_utilities": 3000}))
    facility = line(model.plan, "facilities_utilities")
    assert facility.values[0].value == 12000
    assert "3.000 €" in facility.note


# --- scenarios and what-if -------------------------------------------------------------------


def test_three_scenarios_from_the_same_model() -> None:
    _, model = model_for(example_club("calcio-giovanile-asd"))
    plan = model.plan
    kinds = [s.kind for s in plan.scenarios]
    assert kinds == [ScenarioKind.PRUDENT, ScenarioKind.BASE, ScenarioKind.AMBITIOUS]
    revenue = [s.revenue[-1].value for s in plan.scenarios]
    assert revenue[0] < revenue[1] < revenue[2]
    base = plan.scenarios[1]
    assert base.cash[-1].value == row(plan, "cash")[3]
    assert plan.drivers == base.drivers


def test_a_concentrated_sponsor_grows_only_the_others_and_is_lost_in_the_prudent_case() -> None:
    club = club_with(revenue={"sponsorship": 10000, "largest_sponsor_share": 60})
    _, model = model_for(club)
    plan = model.plan
    mk4 = model.scenarios[ScenarioKind.BASE].drivers.sponsorship
    steps = finance_inputs(select(ClubFacts(club), default_catalogue(), Language.IT)).steps
    assert mk4 == [round(s * 0.4, 6) for s in steps["sponsorship"]]
    prudent = model.scenarios[ScenarioKind.PRUDENT]
    sponsorship = prudent.line("revenue.sponsorship")
    # From year 2 the 6,000 EUR of the main sponsor are gone; the rest stays flat.
    assert [v.low for v in sponsorship.values] == [10000, 10000, 4000, 4000]
    assert any("60%" in risk and "perdita dal 2027/28" in risk for risk in plan.risks)
    assert any("fa crescere solo gli altri sponsor" in risk for risk in plan.risks)


def test_a_single_sponsor_keeps_sponsorship_flat_and_the_risk_says_so() -> None:
    """ "grows only the other sponsors" was said of a club that has no other sponsor."""
    club = club_with(revenue={"sponsorship": 1200, "largest_sponsor_share": 100})
    _, model = model_for(club)
    base = model.scenarios[ScenarioKind.BASE].line("revenue.sponsorship")
    assert {v.low for v in base.values} == {1200}
    risks = " ".join(model.plan.risks)
    assert "tiene ferme le sponsorizzazioni finché non se ne trovano altri" in risks
    assert "altri sponsor" not in risks


def test_a_credito_sportivo_loan_what_if_with_its_repayments() -> None:
    club = example_club("canottaggio-lago-asd")
    _, model = model_for(club)
    base = model.scenarios[ScenarioKind.BASE]
    drivers = base.drivers.model_copy(
        update={"scenario": ScenarioKind.CUSTOM, "ics_loan": True, "ics_rate": 0.04}
    )
    p = project(model.baseline, drivers, _assumptions())
    infrastructure = sum(p.investments[Area.INFRASTRUCTURE])
    amount = min(Decimal(60000), infrastructure)
    assert p.loan_amount == amount
    # 60,000 at 4% over 7 years: 60000 x 0.04 / (1 - 1.04^-7) = 9,996.58 -> 9,997 a year
    assert annuity(Decimal(60000), Decimal("0.04"), 7) == 9997
    instalment = annuity(amount, Decimal("0.04"), 7)
    first = next(i for i, a in enumerate(p.investments[Area.INFRASTRUCTURE]) if a > 0)
    assert p.loan_inflow[first] == amount
    assert p.repayments[first + 1].low == base.repayments[first + 1].low + instalment
    assert sum(p.to_seek) < sum(base.to_seek)


def test_postponed_investments_leave_the_plan_and_the_text_says_so() -> None:
    club = example_club("canottaggio-lago-asd")
    _, model = model_for(club)
    drivers = model.plan.drivers.model_copy(
        update={"scenario": ScenarioKind.CUSTOM, "investment_delay": 1}
    )
    plan = compose(club, model.plan.inputs, drivers, Language.IT).plan
    invested = row(plan, "investments")
    base = row(model.plan, "investments")
    assert invested[1:] == [0, base[1], base[2]]
    assert "rinviati oltre il 2029/30" in plan.commentary
    assert "rinviati oltre il piano" in plan.row("investments").label
    assert [s.kind for s in plan.scenarios][-1] is ScenarioKind.CUSTOM


def test_yearly_rates_and_steps_round_trip() -> None:
    assert yearly(0.02) == [0.02, 0.0404, 0.061208]
    assert yearly_rate([0.05, 0.10, 0.157625]) == pytest.approx(0.05)


drivers = st.builds(
    FinanceDrivers,
    scenario=st.just(ScenarioKind.CUSTOM),
    members=st.lists(st.floats(-0.5, 1.0), min_size=3, max_size=3),
    fee=st.lists(st.floats(-0.3, 0.5), min_size=3, max_size=3),
    sponsorship=st.lists(st.floats(-1.0, 2.0), min_size=3, max_size=3),
    grants=st.lists(st.floats(-1.0, 1.0), min_size=3, max_size=3),
    other_revenue=st.floats(0, 2),
    inflation=st.floats(-0.05, 0.2),
    investment_delay=st.integers(0, 2),
    main_sponsor_lost_from=st.one_of(st.none(), st.integers(1, 3)),
    ics_loan=st.booleans(),
    ics_rate=st.floats(0, 0.15),
)


def _assumptions():
    from engine.finance.assumptions import default_assumptions

    return default_assumptions()


@settings(max_examples=80, deadline=None)
@given(chosen=drivers, name=st.sampled_from(EXAMPLES))
def test_every_scenario_adds_up_to_the_euro(chosen: FinanceDrivers, name: str) -> None:
    _, model = model_for(example_club(name))
    p = project(model.baseline, chosen, _assumptions())
    for year in range(4):
        for kind, column in ((FinanceKind.REVENUE, p.revenue), (FinanceKind.COST, p.costs)):
            values = [f.values[year] for f in p.lines if f.base.kind is kind]
            known = [v for v in values if v is not None]
            assert column[year].low == sum((v.low for v in known), Decimal(0))
            assert column[year].high == sum((v.high for v in known), Decimal(0))
    running = p.cash[0]
    for year in range(3):
        flow = (
            p.operating[year + 1].low
            - p.invested[year]
            - p.repayments[year].high
            + p.committed[year]
            + p.loan_inflow[year]
        )
        assert p.balance[year].low == flow
        running = running + p.balance[year]
        assert p.cash[year + 1] == running
    assert sum(p.invested) + p.postponed == sum(sum(v) for v in model.baseline.investments.values())
    assert all(amount >= 0 for amount in p.to_seek)
    assert min(c.low for c in p.cash[1:]) + sum(p.to_seek) >= 0


money = st.one_of(st.none(), st.integers(0, 2_000_000))


@settings(max_examples=40, deadline=None)
@given(
    revenue=st.lists(money, min_size=8, max_size=8), costs=st.lists(money, min_size=9, max_size=9)
)
def test_any_questionnaire_keeps_year_zero_and_never_concludes_on_unknown_costs(
    revenue: list, costs: list
) -> None:
    data = club_dict("nuoto-piscina-comunale-asd")
    data["revenue"] = dict(zip(list(data["revenue"])[:8], revenue, strict=True))
    data["revenue"]["five_per_mille"] = None  # keep the club valid whatever was drawn
    data["costs"] = dict(zip(data["costs"], costs, strict=True))
    club = ClubProfile.model_validate_json(json.dumps(data))
    _, model = model_for(club)
    plan = model.plan
    for name, value in data["costs"].items():
        if value is not None and name != "facilities_utilities":
            assert line(plan, name, FinanceKind.COST).values[0].value == value
    if plan.unknown_lines:
        assert plan.break_even_year is None
        assert "non si può ancora giudicare" in plan.commentary
    months = sum(Decimal(str(v.value)) for v in plan.cash_flow_y1)
    assert months == model.projection.balance[0].low


# --- one set of figures ------------------------------------------------------------------------

AMOUNT = re.compile(r"(−?\d{1,3}(?:\.\d{3})*)(?:–(−?\d{1,3}(?:\.\d{3})*))? €")


def _shown(plan: FinancialPlan, club: ClubProfile) -> set[str]:
    """Every euro amount the finance tables print (both ends of a range), as printed."""
    lang = Language.IT
    values = [v for item in plan.lines for v in item.values]
    values += [v for r in plan.rows for v in r.values if v is not None]
    values += [v for item in plan.investments for v in item.values]
    for scenario in plan.scenarios:
        values += [*scenario.revenue, *scenario.costs, *scenario.balance, *scenario.cash]
        values.append(scenario.to_seek)
    values += [s.amount for s in plan.funding_sources if s.amount is not None]
    shown: set[str] = set()
    for value in values:
        if isinstance(value.value, int | float):
            for end in (value.value, value.high):
                if end is not None:
                    shown.add(formatting.money(end, lang))
    notes = " ".join(
        [*(item.note for item in plan.lines), *(s.detail for s in plan.funding_sources)]
        + [r.label for r in plan.rows]
    )
    shown |= {f"{m.group(1)} €" for m in AMOUNT.finditer(notes)}
    # the club's own balance sheet, printed in the club analysis
    for answer in (club.balance.debts, club.balance.reserves):
        if answer is not None and isinstance(answer.value, int | float):
            shown.add(formatting.money(answer.value, lang))
    return shown


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_amount_in_the_finance_prose_is_a_figure_of_the_tables(name: str) -> None:
    club = example_club(name)
    _, model = model_for(club)
    plan = model.plan
    shown = _shown(plan, club)
    prose = "\n".join([plan.commentary, *plan.risks])
    quoted = [m for m in AMOUNT.finditer(prose)]
    assert quoted, "the commentary quotes the figures"
    for match in quoted:
        low = f"{match.group(1)} €"
        assert low in shown, (name, low, prose)
        if match.group(2):
            assert f"{match.group(2)} €" in shown, (name, match.group(0))


def test_a_sponsor_risk_named_without_its_size_halves_the_growth() -> None:
    data = club_dict("calcio-giovanile-asd")
    data["revenue"]["largest_sponsor_share"] = None
    data["qualitative"]["swot"]["threats"] = ["Lo sponsor principale potrebbe non rinnovare"]
    club = ClubProfile.model_validate_json(json.dumps(data))
    _, model = model_for(club)
    selected = select(ClubFacts(club), default_catalogue(), Language.IT)
    steps = finance_inputs(selected).steps["sponsorship"]
    base = model.scenarios[ScenarioKind.BASE].drivers
    assert base.sponsorship == [round(s * 0.5, 6) for s in steps]
    assert any("dimezza la crescita" in risk for risk in model.plan.risks)


def test_figures_and_words_for_edge_cases() -> None:
    """English negative ranges keep their sign; no sponsor risk without sponsorship."""
    assert formatting.money_range(-7062, -3240, Language.EN) == "from −€7,062 to −€3,240"
    assert formatting.money_range(-7062, -3240, Language.IT) == "da −7.062 a −3.240 €"
    assert formatting.percent_of("80", Language.IT) == "l'80%"
    assert formatting.percent_of("30", Language.IT) == "il 30%"
    club = club_with(revenue={"sponsorship": 0, "largest_sponsor_share": 100})
    _, model = model_for(club)
    assert not any("primo sponsor" in risk for risk in model.plan.risks)
    club = club_with(revenue={"public_grants": None})
    _, model = model_for(club)
    assert model.plan.kpis[1].baseline.value is None  # self-funding share needs the grants


def test_an_old_plan_rebuilds_with_its_own_investments() -> None:
    from engine.finance import rebuild_financial_plan

    club = example_club("calcio-giovanile-asd")
    _, model = model_for(club)
    old = model.plan.model_copy(update={"inputs": None})  # saved before inputs were kept
    drivers = model.plan.drivers.model_copy(update={"scenario": ScenarioKind.CUSTOM})
    rebuilt = rebuild_financial_plan(club, old, drivers, Language.IT)
    assert row(rebuilt, "investments") == row(model.plan, "investments")
