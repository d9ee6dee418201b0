"""ORM tables of the local store (SQLAlchemy 2).

Plan content lives in immutable ``plan_versions`` rows (zlib-compressed JSON);
``plans`` holds the denormalised columns the library filters and sorts by, so
list pages never decompress a plan. The FTS5 table and the immutability
triggers are created by the migrations (SQLite DDL the ORM does not model).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Naive UTC: SQLite has no time zones, so everything stored is UTC by convention."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Club(Base):
    __tablename__ = "clubs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    city_key: Mapped[str] = mapped_column(String(100))
    legal_form: Mapped[str] = mapped_column(String(8))
    sport: Mapped[str] = mapped_column(String(80))
    region: Mapped[str] = mapped_column(String(40))
    size_band: Mapped[str] = mapped_column(String(16))
    profile_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("name_key", "city_key"),
        Index("ix_clubs_sport", "sport"),
    )


class PlanRow(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    club_id: Mapped[int] = mapped_column(ForeignKey("clubs.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    club_name: Mapped[str] = mapped_column(String(200))
    club_name_key: Mapped[str] = mapped_column(String(200))
    sport: Mapped[str] = mapped_column(String(80))
    seasons: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    language: Mapped[str] = mapped_column(String(4))
    provider: Mapped[str] = mapped_column(String(40))
    model: Mapped[str | None] = mapped_column(String(120))
    size_band: Mapped[str] = mapped_column(String(16))
    current_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    versions: Mapped[list[PlanVersionRow]] = relationship(
        back_populates="plan", order_by="PlanVersionRow.number", passive_deletes="all"
    )

    __table_args__ = (
        # The library filters live/trash first, then sorts: one index per sort key,
        # and one per filter with the default sort (last edited first).
        Index("ix_plans_deleted_at_updated_at", "deleted_at", "updated_at"),
        Index("ix_plans_deleted_at_created_at", "deleted_at", "created_at"),
        Index("ix_plans_deleted_at_club_name_key", "deleted_at", "club_name_key"),
        Index("ix_plans_deleted_at_sport_updated_at", "deleted_at", "sport", "updated_at"),
        Index("ix_plans_deleted_at_status_updated_at", "deleted_at", "status", "updated_at"),
    )


class PlanVersionRow(Base):
    __tablename__ = "plan_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(16))  # generated | edited | restored | imported
    reason: Mapped[str] = mapped_column(String(300), default="")
    restored_from: Mapped[int | None] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    content_hash: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)

    plan: Mapped[PlanRow] = relationship(back_populates="versions")

    __table_args__ = (UniqueConstraint("plan_id", "number"),)


class GenerationRun(Base):
    __tablename__ = "generation_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"), index=True)
    version_number: Mapped[int | None] = mapped_column(Integer)
    provider: Mapped[str] = mapped_column(String(40))
    model: Mapped[str | None] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    input_tokens: Mapped[int] = mapped_column(Integer, default=0)
    output_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cost_eur: Mapped[float | None] = mapped_column(Float, nullable=True)  # None: not estimable
    error: Mapped[str | None] = mapped_column(Text)

    agents: Mapped[list[AgentRun]] = relationship(back_populates="run", cascade="all")


class AgentRun(Base):
    __tablename__ = "agent_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("generation_runs.id", ondelete="CASCADE"), index=True
    )
    agent: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    input_tokens: Mapped[int] = mapped_column(Integer, default=0)
    output_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cost_eur: Mapped[float | None] = mapped_column(Float, nullable=True)  # None: not estimable
    error: Mapped[str | None] = mapped_column(Text)

    run: Mapped[GenerationRun] = relationship(back_populates="agents")


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    section: Mapped[str | None] = mapped_column(String(60))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AICacheEntry(Base):
    __tablename__ = "ai_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    provider: Mapped[str] = mapped_column(String(40))
    model: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    last_used_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    hits: Mapped[int] = mapped_column(Integer, default=0)
    size_bytes: Mapped[int] = mapped_column(Integer)
    response: Mapped[str] = mapped_column(Text)


class KnowledgeEntry(Base):
    """One reusable section of a saved plan, found by section, sport and club size."""

    __tablename__ = "knowledge_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("plan_versions.id"))
    section: Mapped[str] = mapped_column(String(40))
    sport: Mapped[str] = mapped_column(String(80))
    size_band: Mapped[str] = mapped_column(String(16))
    approved: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    token_estimate: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        Index("ix_knowledge_lookup", "section", "sport", "size_band", "approved", "updated_at"),
        Index("ix_knowledge_section_approved", "section", "approved", "updated_at"),
    )


class AppSetting(Base):
    """One user choice (JSON value); see ``engine.storage.settings``. Never a secret."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ActualRecord(Base):
    """A measured value at a review date (issue 17): never written into a plan version.

    Append-only: a correction is a new record, the latest for the same subject, key,
    season and review wins, and every record keeps its source and time.
    """

    __tablename__ = "actuals"
    __table_args__ = (Index("ix_actuals_plan_id_season", "plan_id", "season"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(12))  # kpi | finance | budget
    objective: Mapped[str | None] = mapped_column(String(8))  # a KPI's or budget's objective
    key: Mapped[str] = mapped_column(String(300))  # the KPI's name or the finance row's key
    season: Mapped[str] = mapped_column(String(7))
    review: Mapped[str] = mapped_column(String(4))  # mid | end
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(300))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ActionStateRecord(Base):
    """An action's state at a date (done, late, dropped, open): append-only, latest wins."""

    __tablename__ = "action_states"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(12))
    state: Mapped[str] = mapped_column(String(10))
    on: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
