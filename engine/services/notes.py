"""The user's notes on a plan."""

from __future__ import annotations

from engine.services.errors import ServiceError
from engine.services.plans import PlanManager
from engine.storage import notes as notes_store
from engine.storage.database import Database
from engine.storage.notes import NoteInfo


class NoteManager:
    def __init__(self, db: Database, plans: PlanManager) -> None:
        self.db = db
        self.plans = plans

    def add_note(self, plan_id: int, body: str, section: str | None = None) -> NoteInfo:
        if not body.strip():
            raise ServiceError(it="La nota è vuota.", en="The note is empty.", code="bad_input")
        with self.db.write() as session:
            self.plans.row(session, plan_id)
            return notes_store.add_note(session, plan_id, body.strip(), section)

    def notes(self, plan_id: int) -> list[NoteInfo]:
        with self.db.read() as session:
            return notes_store.notes(session, plan_id)
