"""The edit rules on plan values (engine/domain/edits.py), the same for every screen."""

from __future__ import annotations

import datetime as dt

from engine.domain.edits import shifted, typed_over
from engine.domain.sourced import SourcedValue

DAY = dt.date(2027, 7, 1)


def test_a_number_left_as_it_was_keeps_its_source() -> None:
    estimate = SourcedValue.estimate(120, "n", "Istat 2024")
    assert typed_over(estimate, 120, DAY) is estimate
    missing = SourcedValue.missing("n")
    assert typed_over(missing, None, DAY) is missing


def test_a_changed_number_is_the_users_own_and_dated() -> None:
    mine = typed_over(SourcedValue.estimate(120, "n", "Istat 2024"), 130, DAY)
    assert mine.value == 130 and mine.is_user_edit and mine.date == DAY
    assert mine.provenance("it") == f"modificato da voi il {DAY:%d/%m/%Y}"
    assert mine.provenance("en") == f"changed by you on {DAY:%d/%m/%Y}"
    cleared = typed_over(SourcedValue.questionnaire(5, "n"), None, DAY)
    assert cleared.is_missing


def test_a_shift_moves_a_target_and_leaves_one_to_be_set() -> None:
    moved = shifted(SourcedValue.estimate(300, "n", "regola"), -20.0, DAY)
    assert moved.value == 280 and isinstance(moved.value, int) and moved.is_user_edit
    assert shifted(SourcedValue.estimate(84.5, "%", "regola"), 1.25, DAY).value == 85.75
    to_set = SourcedValue.missing("n")
    assert shifted(to_set, 5, DAY) is to_set
