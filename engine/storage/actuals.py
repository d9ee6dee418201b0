"""Actuals and action states in the store: append-only records, read oldest first.

A plan version is never touched: measured values and action states live in their own
tables (migration 0005), so "the plan as approved" and "what happened" stay apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from engine.monitoring.model import ActionRecord, ActionState, Actual, Review, Subject
from engine.storage.models import ActionStateRecord, ActualRecord, utcnow


def add_actuals(session: Session, plan_id: int, actuals: Iterable[Actual]) -> int:
    """One executemany for all rows: a 5,000-row sheet is stored in one statement."""
    now = utcnow()
    rows = [
        {
            "plan_id": plan_id,
            "subject": a.subject.value,
            "objective": a.objective,
            "key": a.key[:300],
            "season": a.season,
            "review": a.review.value,
            "value": a.value,
            "source": a.source[:300],
            "recorded_at": now,
        }
        for a in actuals
    ]
    if rows:
        session.execute(insert(ActualRecord), rows)
    return len(rows)


def actuals(session: Session, plan_id: int) -> list[Actual]:
    """Oldest first. Plain rows, not ORM objects: a plan's three seasons of records are
    read on every status refresh, and building ORM objects doubled that (bench)."""
    t = ActualRecord
    rows = session.execute(
        select(t.subject, t.key, t.season, t.review, t.value, t.objective, t.source, t.recorded_at)
        .where(t.plan_id == plan_id)
        .order_by(t.id)
    )
    return [
        Actual(Subject(subject), key, season, Review(review), value, objective, source, at)
        for subject, key, season, review, value, objective, source, at in rows
    ]


def add_action_states(session: Session, plan_id: int, records: Iterable[ActionRecord]) -> None:
    session.add_all(
        ActionStateRecord(
            plan_id=plan_id,
            action=r.action,
            state=r.state.value,
            on=r.on,
            source=r.source[:300],
        )
        for r in records
    )


def action_states(session: Session, plan_id: int) -> list[ActionRecord]:
    rows = session.scalars(
        select(ActionStateRecord)
        .where(ActionStateRecord.plan_id == plan_id)
        .order_by(ActionStateRecord.id)
    )
    return [
        ActionRecord(r.action, ActionState(r.state), r.on, r.source, r.recorded_at) for r in rows
    ]
