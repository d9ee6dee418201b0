"""The financial model: exact to the cent, sourced, and computed (never written by a model)."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.catalogue import default_catalogue
from engine.domain import ClubProfile, Language, SourceTier
from engine.domain.plan import Area, FinanceKind
from engine.facts import ClubFacts
from engine.finance import break_even_year, build_financial_plan, spread
from engine.selection import select
from tests.factories import club_dict, example_club


def model_for(club: ClubProfile):
    catalogue = default_catalogue()
    selected = select(ClubFacts(club), catalogue, Language.IT)
    return selected, build_financial_plan(club, selected, catalogue)


def test_hand_computed_year_zero_and_forecast() -> None:
    club = example_club("calcio-giovanile-asd")
    _, model = model_for(club)
    # Y0 = the questionnaire: 185000+38000+6500+9000+14000+2300+1500+3000
    assert model.revenue[0] == Decimal("259300.00")
    # 62000+31000+21000+12000+24000+7500+6000+9500+4000
    assert model.costs[0] == Decimal("177000.00")
    fees = next(line for line in model.plan.lines if line.category == "membership_fees")
    # SP2 target: members +5%, +10%, +15% -> fees follow
    assert [v.value for v in fees.values] == [185000.0, 194250.0, 203500.0, 212750.0]
    assert fees.values[0].tier is SourceTier.QUESTIONNAIRE
    assert all(
        v.tier is SourceTier.ESTIMATE and "SP2" in (v.reference or "") for v in fees.values[1:]
    )
    grants = next(line for line in model.plan.lines if line.category == "public_grants")
    assert [v.value for v in grants.values] == [6500.0] * 4  # no growth assumed


def test_totals_add_up_to_the_cent() -> None:
    for name in (
        "calcio-giovanile-asd",
        "pallavolo-ssd",
        "nuoto-piscina-comunale-asd",
        "polisportiva-piccola-dati-parziali",
    ):
        selected, model = model_for(example_club(name))
        plan = model.plan
        for year in range(4):
            revenue = sum(
                Decimal(str(line.values[year].value or 0))
                for line in plan.lines
                if line.kind is FinanceKind.REVENUE
            )
            costs = sum(
                Decimal(str(line.values[year].value or 0))
                for line in plan.lines
                if line.kind is FinanceKind.COST
            )
            assert revenue == model.revenue[year]
            assert costs == model.costs[year]
        for year in range(3):
            invested = sum(Decimal(str(line.values[year].value)) for line in plan.investments)
            assert invested == model.investments[year]
        committed = sum(o.committed_budget for o in selected.values())
        assert sum(model.investments) == committed
        assert model.net[1] == model.revenue[1] - model.costs[1] - model.investments[0]
        cash = sum(Decimal(str(v.value)) for v in plan.cash_flow_y1)
        assert cash == model.net[1]  # Y1 months add up to the Y1 result


def test_missing_answers_stay_missing_and_are_listed() -> None:
    _, model = model_for(example_club("polisportiva-piccola-dati-parziali"))
    grants = next(line for line in model.plan.lines if line.category == "public_grants")
    assert all(v.value is None for v in grants.values)
    assert "revenue.public_grants" in model.missing and "costs.medical" in model.missing


def test_sport_reform_risk_when_non_sport_revenue_is_high() -> None:
    data = club_dict("calcio-giovanile-asd")
    data["revenue"]["bar_merchandise"] = 150000
    _, model = model_for(ClubProfile.model_validate_json(json.dumps(data)))
    assert any("art. 9" in risk for risk in model.plan.risks)
    share = model.plan.kpis[2]
    assert share.baseline.value is not None and share.baseline.value > 30


def test_investments_follow_each_objectives_start_year() -> None:
    selected, model = model_for(example_club("pallavolo-ssd"))
    late = [o for o in selected.values() if o.priority == 3]
    assert late, "some objectives start in year 3"
    by_area = {line.area: line for line in model.plan.investments}
    assert set(by_area) == set(Area)


@given(total=st.decimals(min_value=0, max_value=10_000_000, places=2), first=st.integers(1, 3))
def test_spread_is_exact(total: Decimal, first: int) -> None:
    amounts = spread(total, first)
    assert sum(amounts) == total
    assert all(a == 0 for a in amounts[: first - 1])
    assert all(a.as_tuple().exponent >= -2 for a in amounts)


money = st.one_of(
    st.none(), st.integers(0, 2_000_000), st.floats(0, 2_000_000).map(lambda x: round(x, 2))
)


@settings(max_examples=60, deadline=None)
@given(
    revenue=st.lists(money, min_size=8, max_size=8), costs=st.lists(money, min_size=9, max_size=9)
)
def test_any_questionnaire_gives_exact_totals(revenue: list, costs: list) -> None:
    data = club_dict("nuoto-piscina-comunale-asd")
    data["revenue"] = dict(zip(data["revenue"], revenue, strict=True))
    data["revenue"]["five_per_mille"] = None  # keep the club valid whatever was drawn
    data["costs"] = dict(zip(data["costs"], costs, strict=True))
    _, model = model_for(ClubProfile.model_validate_json(json.dumps(data)))
    known = sum(
        (
            Decimal(str(v)).quantize(Decimal("0.01"))
            for v in data["revenue"].values()
            if v is not None
        ),
        Decimal(0),
    )
    assert model.revenue[0] == known
    cash = sum(Decimal(str(v.value)) for v in model.plan.cash_flow_y1)
    assert cash == model.net[1]
    for year in range(4):
        lines = [line for line in model.plan.lines if line.kind is FinanceKind.COST]
        assert (
            sum(Decimal(str(line.values[year].value or 0)) for line in lines) == model.costs[year]
        )


def test_break_even_is_the_year_from_which_the_plan_stays_positive() -> None:
    d = Decimal
    assert break_even_year([d(10), d(5), d(1), d(2)]) == 1
    assert break_even_year([d(10), d(-5), d(1), d(2)]) == 2
    assert break_even_year([d(10), d(5), d(-1), d(2)]) == 3
    assert break_even_year([d(10), d(5), d(1), d(-2)]) is None
