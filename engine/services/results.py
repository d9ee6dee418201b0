"""What the service hands back: plain frozen dataclasses and domain objects, never ORM rows,
so the GUI cannot hold a session across threads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from engine.domain import Plan
from engine.domain.context import STORED
from engine.storage.models import PlanRow, PlanVersionRow


@dataclass(frozen=True)
class PlanSummary:
    """One row of the library."""

    id: int
    uid: str
    title: str
    club_name: str
    sport: str
    seasons: str
    status: str
    language: str
    provider: str
    model: str | None
    current_version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None

    def as_dict(self) -> dict[str, Any]:
        data = self.__dict__.copy()
        for key in ("created_at", "updated_at", "deleted_at"):
            value = data[key]
            data[key] = value.isoformat(timespec="seconds") + "Z" if value else None
        return data


@dataclass(frozen=True)
class VersionInfo:
    number: int
    created_at: dt.datetime
    source: str
    reason: str
    restored_from: int | None
    size_bytes: int
    content_hash: str

    def as_dict(self) -> dict[str, Any]:
        data = self.__dict__.copy()
        data["created_at"] = self.created_at.isoformat(timespec="seconds") + "Z"
        return data


@dataclass(frozen=True)
class PlanDocument:
    summary: PlanSummary
    version: VersionInfo
    plan: Plan


@dataclass(frozen=True)
class KnowledgeExample:
    plan_id: int
    section: str
    approved: bool
    sport: str
    size_band: str
    token_estimate: int
    content: dict[str, Any]


@dataclass(frozen=True)
class LibraryPage:
    rows: list[PlanSummary]
    has_more: bool
    total: int | None  # None unless asked for: counting every match costs more than a page


def revalidated(plan: Plan) -> Plan:
    """Validate a copied plan again (model_copy does not): the store holds only plans that
    load back."""
    return Plan.model_validate_json(plan.model_dump_json(), context=STORED)


def summary_of(row: PlanRow) -> PlanSummary:
    return PlanSummary(
        id=row.id,
        uid=row.uid,
        title=row.title,
        club_name=row.club_name,
        sport=row.sport,
        seasons=row.seasons,
        status=row.status,
        language=row.language,
        provider=row.provider,
        model=row.model,
        current_version=row.current_version,
        created_at=row.created_at,
        updated_at=row.updated_at,
        deleted_at=row.deleted_at,
    )


def version_of(row: PlanVersionRow) -> VersionInfo:
    return VersionInfo(
        number=row.number,
        created_at=row.created_at,
        source=row.source,
        reason=row.reason,
        restored_from=row.restored_from,
        size_bytes=row.size_bytes,
        content_hash=row.content_hash,
    )
