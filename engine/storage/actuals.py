"""Actuals and action states in the store: append-only records, read oldest first.

A plan version is never touched: measured values and action states live in their own
tables (migration 0005), so "the plan as approved" and "what happened" stay apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.monitoring.model import ActionRecord, ActionState, Actual, Review, Subject
from engine.storage.models import ActionStateRecord, ActualRecord


def add_actuals(session: Session, plan_id: int, actuals: Iterable[Actual]) -> int:
    rows = [
        ActualRecord(
            plan_id=plan_id,
            subject=a.subject.value,
            objective=a.objective,
            key=a.key[:300],
            season=a.season,
            review=a.review.value,
            value=a.value,
            source=a.source[:300],
        )
        for a in actuals
    ]
    session.add_all(rows)
    return len(rows)


def actuals(session: Session, plan_id: int) -> list[Actual]:
    rows = session.scalars(
        select(ActualRecord).where(ActualRecord.plan_id == plan_id).order_by(ActualRecord.id)
    )
    return [
        Actual(
            Subject(r.subject),
            r.key,
            r.season,
            Review(r.review),
            r.value,
            r.objective,
            r.source,
            r.recorded_at,
        )
        for r in rows
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
