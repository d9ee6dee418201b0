"""The user's notes on a plan, oldest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.storage.models import Note, utcnow


@dataclass(frozen=True)
class NoteInfo:
    id: int
    plan_id: int
    section: str | None
    body: str
    created_at: dt.datetime


def add_note(session: Session, plan_id: int, body: str, section: str | None = None) -> NoteInfo:
    now = utcnow()
    note = Note(plan_id=plan_id, section=section, body=body, created_at=now, updated_at=now)
    session.add(note)
    session.flush()
    return NoteInfo(note.id, plan_id, section, note.body, now)


def notes(session: Session, plan_id: int) -> list[NoteInfo]:
    rows = session.scalars(select(Note).where(Note.plan_id == plan_id).order_by(Note.created_at))
    return [NoteInfo(n.id, n.plan_id, n.section, n.body, n.created_at) for n in rows]
