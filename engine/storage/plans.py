"""Plan persistence: immutable versions, the library query, trash, search and knowledge.

Functions take an open ``Session`` so callers choose the transaction; write
functions expect a session from ``Database.write()`` (which holds the lock).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, bindparam, column, delete, func, select, text, update
from sqlalchemy.orm import Session

from engine.domain.context import STORED
from engine.domain.plan import Plan, PlanStatus
from engine.storage.knowledge import example_sections, section_content
from engine.storage.models import Club, KnowledgeEntry, PlanRow, PlanVersionRow, utcnow
from engine.storage.search_text import (
    FTS_DELETE,
    FTS_INSERT,
    fts_query,
    pack,
    search_document,
    unpack,
    unpack_text,
)


class VersionSource(StrEnum):
    GENERATED = "generated"
    EDITED = "edited"
    RESTORED = "restored"
    IMPORTED = "imported"


class SortKey(StrEnum):
    UPDATED = "updated"
    CREATED = "created"
    CLUB = "club"


class NotFound(LookupError):
    def __init__(self, what: str, key: object) -> None:
        super().__init__(f"{what} {key} not found")
        self.what = what
        self.key = key


@dataclass(frozen=True)
class PlanQuery:
    search: str | None = None
    sport: str | None = None
    status: PlanStatus | None = None
    trash: bool = False
    sort: SortKey = SortKey.UPDATED
    descending: bool = True
    limit: int = 50
    offset: int = 0


def name_key(text_value: str) -> str:
    """Case- and space-insensitive key for matching and sorting names."""
    return " ".join(text_value.casefold().split())


# --- writing -----------------------------------------------------------------------


def upsert_club(session: Session, plan: Plan) -> Club:
    """The club a plan belongs to, matched by name and town; its profile is refreshed."""
    identity = plan.club.identity
    key, city = name_key(identity.name), name_key(identity.city)
    club = session.scalar(select(Club).where(Club.name_key == key, Club.city_key == city))
    now = utcnow()
    if club is None:
        club = Club(name_key=key, city_key=city, created_at=now)
        session.add(club)
    club.name = identity.name
    club.legal_form = identity.legal_form.value
    club.sport = identity.primary_sport
    club.region = identity.region.value
    club.size_band = plan.club.size_band().value
    club.profile_json = plan.club.model_dump_json()
    club.updated_at = now
    session.flush()
    return club


def count_clubs(session: Session) -> int:
    return session.scalar(select(func.count(Club.id))) or 0


def find_club(session: Session, club_name: str, city: str) -> Club | None:
    return session.scalar(
        select(Club).where(Club.name_key == name_key(club_name), Club.city_key == name_key(city))
    )


def create_plan(session: Session, plan: Plan, source: VersionSource, reason: str = "") -> PlanRow:
    club = upsert_club(session, plan)
    now = utcnow()
    row = PlanRow(
        uid=plan.uid,
        club_id=club.id,
        status=PlanStatus.DRAFT.value,
        current_version=0,
        created_at=now,
        updated_at=now,
        **_plan_columns(plan),
    )
    session.add(row)
    session.flush()
    add_version(session, row, plan, source, reason)
    return row


def add_version(
    session: Session,
    row: PlanRow,
    plan: Plan,
    source: VersionSource,
    reason: str = "",
    restored_from: int | None = None,
) -> PlanVersionRow:
    """Append version N+1; the previous ones stay exactly as they were."""
    serialized = plan.model_dump_json()
    document = json.loads(serialized)
    previous = row.current_version
    if previous:
        _forget_in_search(session, row.id, previous)
    number = (
        session.scalar(
            select(func.max(PlanVersionRow.number)).where(PlanVersionRow.plan_id == row.id)
        )
        or 0
    ) + 1
    version = PlanVersionRow(
        plan_id=row.id,
        number=number,
        created_at=utcnow(),
        source=source.value,
        reason=reason[:300],
        restored_from=restored_from,
        content=pack(serialized),
        content_hash=hashlib.sha256(serialized.encode("utf-8")).hexdigest(),
        size_bytes=len(serialized.encode("utf-8")),
    )
    session.add(version)
    for key, value in _plan_columns(plan).items():
        setattr(row, key, value)
    row.current_version = number
    row.updated_at = version.created_at
    session.flush()
    _index_for_search(session, row, document)
    _index_knowledge(session, row, version, document)
    return version


def _plan_columns(plan: Plan) -> dict[str, Any]:
    identity = plan.club.identity
    return {
        "title": plan.title,
        "club_name": identity.name,
        "club_name_key": name_key(identity.name),
        "sport": identity.primary_sport,
        "seasons": plan.seasons_label,
        "language": plan.language.value,
        "provider": plan.generation.providers_key,  # e.g. "offline+gemini" when mixed
        "model": plan.generation.model,
        "size_band": plan.club.size_band().value,
    }


def _index_for_search(session: Session, row: PlanRow, document: dict[str, Any]) -> None:
    session.execute(text(FTS_INSERT), search_document(row.id, document))


def _forget_in_search(session: Session, plan_id: int, number: int) -> None:
    """Remove a version's words from the contentless index (it needs the same text back)."""
    old = get_version_row(session, plan_id, number)
    session.execute(text(FTS_DELETE), search_document(plan_id, unpack(old.content)))


def _index_knowledge(
    session: Session, row: PlanRow, version: PlanVersionRow, document: dict[str, Any]
) -> None:
    session.execute(delete(KnowledgeEntry).where(KnowledgeEntry.plan_id == row.id))
    if row.deleted_at is not None:
        return
    session.add_all(
        KnowledgeEntry(
            plan_id=row.id,
            version_id=version.id,
            section=section,
            sport=row.sport,
            size_band=row.size_band,
            approved=row.status == PlanStatus.APPROVED.value,
            updated_at=version.created_at,
            token_estimate=tokens,
        )
        for section, tokens in example_sections(document)
    )


def restore_version(session: Session, plan_id: int, number: int) -> PlanVersionRow:
    """Restoring copies an old version into a new one: history only ever grows."""
    row = get_plan_row(session, plan_id)
    old = get_version_row(session, plan_id, number)
    plan = Plan.model_validate_json(_version_json(old), context=STORED)
    return add_version(
        session, row, plan, VersionSource.RESTORED, f"v{number}", restored_from=number
    )


def set_status(session: Session, plan_id: int, status: PlanStatus) -> PlanRow:
    row = get_plan_row(session, plan_id)
    row.status = status.value
    row.updated_at = utcnow()
    session.execute(
        update(KnowledgeEntry)
        .where(KnowledgeEntry.plan_id == plan_id)
        .values(approved=status is PlanStatus.APPROVED)
    )
    return row


def move_to_trash(session: Session, plan_id: int) -> PlanRow:
    row = get_plan_row(session, plan_id, include_deleted=True)
    if row.deleted_at is None:
        row.deleted_at = utcnow()
        session.execute(delete(KnowledgeEntry).where(KnowledgeEntry.plan_id == plan_id))
    return row


def restore_from_trash(session: Session, plan_id: int) -> PlanRow:
    row = get_plan_row(session, plan_id, include_deleted=True)
    if row.deleted_at is not None:
        row.deleted_at = None
        version = get_version_row(session, plan_id, row.current_version)
        _index_knowledge(session, row, version, unpack(version.content))
    return row


def empty_trash(session: Session, plan_ids: list[int] | None = None) -> int:
    """Delete trashed plans for good (all their versions, notes, runs and index rows)."""
    query = select(PlanRow.id).where(PlanRow.deleted_at.is_not(None))
    if plan_ids is not None:
        query = query.where(PlanRow.id.in_(plan_ids))
    ids = list(session.scalars(query))
    if not ids:
        return 0
    for plan_id in ids:
        _forget_in_search(session, plan_id, get_plan_row(session, plan_id).current_version)
    by_plan = {"ids": ids}
    for statement in (
        "DELETE FROM knowledge_entries WHERE plan_id IN :ids",
        "DELETE FROM notes WHERE plan_id IN :ids",
        "DELETE FROM plan_versions WHERE plan_id IN :ids",
        "DELETE FROM agent_runs WHERE run_id IN "
        "(SELECT id FROM generation_runs WHERE plan_id IN :ids)",
        "DELETE FROM generation_runs WHERE plan_id IN :ids",
        "DELETE FROM plans WHERE id IN :ids",
    ):
        session.execute(text(statement).bindparams(bindparam("ids", expanding=True)), by_plan)
    _forget_orphan_clubs(session)
    return len(ids)


def _forget_orphan_clubs(session: Session) -> None:
    session.execute(
        text("DELETE FROM clubs WHERE NOT EXISTS (SELECT 1 FROM plans WHERE club_id = clubs.id)")
    )


# --- reading -------------------------------------------------------------------------


def get_plan_row(session: Session, plan_id: int, include_deleted: bool = True) -> PlanRow:
    row = session.get(PlanRow, plan_id)
    if row is None or (not include_deleted and row.deleted_at is not None):
        raise NotFound("plan", plan_id)
    return row


def find_plan_by_uid(session: Session, uid: str) -> PlanRow | None:
    return session.scalar(select(PlanRow).where(PlanRow.uid == uid))


def get_version_row(session: Session, plan_id: int, number: int | None = None) -> PlanVersionRow:
    if number is None:
        number = get_plan_row(session, plan_id).current_version
    version = session.scalar(
        select(PlanVersionRow).where(
            PlanVersionRow.plan_id == plan_id, PlanVersionRow.number == number
        )
    )
    if version is None:
        raise NotFound("version", f"{plan_id}/v{number}")
    return version


def _version_json(version: PlanVersionRow) -> str:
    return unpack_text(version.content)


def load_plan(
    session: Session, plan_id: int, number: int | None = None
) -> tuple[PlanRow, PlanVersionRow, Plan]:
    row = get_plan_row(session, plan_id)
    version = get_version_row(session, plan_id, number)
    return row, version, Plan.model_validate_json(_version_json(version), context=STORED)


def version_in_force(session: Session, plan_id: int, season: str) -> Plan | None:
    """The newest version in which ``season`` is not closed on its actuals (what the season
    is judged against after a roll forward). Only that version is validated: the others
    are looked at as text, where an unclosed plan has no "closed_seasons" at all."""
    get_plan_row(session, plan_id)
    rows = session.scalars(
        select(PlanVersionRow)
        .where(PlanVersionRow.plan_id == plan_id)
        .order_by(PlanVersionRow.number.desc())
    )
    for version in rows:
        text = _version_json(version)
        if '"closed_seasons"' not in text or season not in json.loads(text).get(
            "closed_seasons", []
        ):
            return Plan.model_validate_json(text, context=STORED)
    return None


def version_json(session: Session, plan_id: int, number: int | None = None) -> str:
    return _version_json(get_version_row(session, plan_id, number))


def list_versions(session: Session, plan_id: int) -> list[PlanVersionRow]:
    get_plan_row(session, plan_id)
    return list(
        session.scalars(
            select(PlanVersionRow)
            .where(PlanVersionRow.plan_id == plan_id)
            .order_by(PlanVersionRow.number)
        )
    )


def _filtered(query: Select, spec: PlanQuery) -> Select:
    if spec.trash:
        query = query.where(PlanRow.deleted_at.is_not(None))
    else:
        query = query.where(PlanRow.deleted_at.is_(None))
    if spec.sport:
        query = query.where(PlanRow.sport == spec.sport.strip().lower())
    if spec.status:
        query = query.where(PlanRow.status == spec.status.value)
    match = fts_query(spec.search) if spec.search else None
    if match:
        matching = (
            text("SELECT rowid FROM plan_fts WHERE plan_fts MATCH :match")
            .bindparams(match=match)
            .columns(column("rowid"))
        )
        query = query.where(PlanRow.id.in_(matching))
    return query


def list_plans(session: Session, spec: PlanQuery) -> list[PlanRow]:
    """One page of the library: filtered, sorted and paged in SQL, on indexes."""
    column = {
        SortKey.UPDATED: PlanRow.updated_at,
        SortKey.CREATED: PlanRow.created_at,
        SortKey.CLUB: PlanRow.club_name_key,
    }[spec.sort]
    order = column.desc() if spec.descending else column.asc()
    if spec.trash:
        # The trash reads like a bin: most recently deleted first, whatever the sort key.
        order = PlanRow.deleted_at.desc()
    query = _filtered(select(PlanRow), spec).order_by(order, PlanRow.id.desc())
    return list(session.scalars(query.limit(spec.limit).offset(spec.offset)))


def count_plans(session: Session, spec: PlanQuery) -> int:
    return session.scalar(_filtered(select(func.count(PlanRow.id)), spec)) or 0


def sports(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(PlanRow.sport)
            .where(PlanRow.deleted_at.is_(None))
            .distinct()
            .order_by(PlanRow.sport)
        )
    )


@dataclass(frozen=True)
class KnowledgeHit:
    plan_id: int
    version_id: int
    section: str
    approved: bool
    sport: str
    size_band: str
    token_estimate: int


def knowledge_lookup(
    session: Session,
    section: str,
    sport: str,
    size_band: str,
    limit: int = 2,
    exclude_plan_id: int | None = None,
) -> list[KnowledgeHit]:
    """Example sections from similar clubs: same sport and size first, approved first.

    Falls back to the same sport in any size, then any sport, so a new club
    still gets examples; each step is one indexed query.
    """
    attempts = [
        (KnowledgeEntry.sport == sport, KnowledgeEntry.size_band == size_band),
        (KnowledgeEntry.sport == sport,),
        (),
    ]
    for conditions in attempts:
        query = select(KnowledgeEntry).where(KnowledgeEntry.section == section, *conditions)
        if exclude_plan_id is not None:
            query = query.where(KnowledgeEntry.plan_id != exclude_plan_id)
        query = query.order_by(KnowledgeEntry.approved.desc(), KnowledgeEntry.updated_at.desc())
        rows = list(session.scalars(query.limit(limit)))
        if rows:
            return [
                KnowledgeHit(
                    r.plan_id,
                    r.version_id,
                    r.section,
                    r.approved,
                    r.sport,
                    r.size_band,
                    r.token_estimate,
                )
                for r in rows
            ]
    return []


def knowledge_content(session: Session, hit: KnowledgeHit) -> dict[str, Any] | None:
    version = session.get(PlanVersionRow, hit.version_id)
    return None if version is None else section_content(unpack(version.content), hit.section)
