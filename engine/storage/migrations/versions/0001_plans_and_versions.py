"""Clubs, plans, immutable plan versions, generation runs and notes.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

IMMUTABLE_VERSIONS = [
    """CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions
       BEGIN SELECT RAISE(ABORT, 'plan versions are immutable: save a new version'); END""",
    # A version disappears only when its plan is purged from the trash.
    """CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
       WHEN (SELECT deleted_at FROM plans WHERE id = OLD.plan_id) IS NULL
       BEGIN SELECT RAISE(ABORT, 'plan versions are immutable: move the plan to the trash first');
       END""",
]


def upgrade() -> None:
    op.create_table(
        "clubs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False),
        sa.Column("city_key", sa.String(100), nullable=False),
        sa.Column("legal_form", sa.String(8), nullable=False),
        sa.Column("sport", sa.String(80), nullable=False),
        sa.Column("region", sa.String(40), nullable=False),
        sa.Column("size_band", sa.String(16), nullable=False),
        sa.Column("profile_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_clubs"),
        sa.UniqueConstraint("name_key", "city_key", name="uq_clubs_name_key_city_key"),
    )
    op.create_index("ix_clubs_sport", "clubs", ["sport"])

    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(64), nullable=False),
        sa.Column("club_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("club_name", sa.String(200), nullable=False),
        sa.Column("club_name_key", sa.String(200), nullable=False),
        sa.Column("sport", sa.String(80), nullable=False),
        sa.Column("seasons", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("language", sa.String(4), nullable=False),
        sa.Column("provider", sa.String(40), nullable=False),
        sa.Column("model", sa.String(120), nullable=True),
        sa.Column("size_band", sa.String(16), nullable=False),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["club_id"], ["clubs.id"], name="fk_plans_club_id_clubs"),
        sa.PrimaryKeyConstraint("id", name="pk_plans"),
        sa.UniqueConstraint("uid", name="uq_plans_uid"),
    )
    op.create_index("ix_plans_club_id", "plans", ["club_id"])
    op.create_index("ix_plans_deleted_at_updated_at", "plans", ["deleted_at", "updated_at"])
    op.create_index("ix_plans_deleted_at_created_at", "plans", ["deleted_at", "created_at"])
    op.create_index("ix_plans_deleted_at_club_name_key", "plans", ["deleted_at", "club_name_key"])
    op.create_index(
        "ix_plans_deleted_at_sport_updated_at", "plans", ["deleted_at", "sport", "updated_at"]
    )
    op.create_index(
        "ix_plans_deleted_at_status_updated_at", "plans", ["deleted_at", "status", "updated_at"]
    )

    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(300), nullable=False),
        sa.Column("restored_from", sa.Integer(), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name="fk_plan_versions_plan_id_plans"),
        sa.PrimaryKeyConstraint("id", name="pk_plan_versions"),
        sa.UniqueConstraint("plan_id", "number", name="uq_plan_versions_plan_id_number"),
    )
    for statement in IMMUTABLE_VERSIONS:
        op.execute(statement)

    op.create_table(
        "generation_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("version_number", sa.Integer(), nullable=True),
        sa.Column("provider", sa.String(40), nullable=False),
        sa.Column("model", sa.String(120), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("input_tokens", sa.Integer(), nullable=False),
        sa.Column("output_tokens", sa.Integer(), nullable=False),
        sa.Column("cost_eur", sa.Float(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name="fk_generation_runs_plan_id_plans"),
        sa.PrimaryKeyConstraint("id", name="pk_generation_runs"),
    )
    op.create_index("ix_generation_runs_plan_id", "generation_runs", ["plan_id"])
    op.create_index("ix_generation_runs_started_at", "generation_runs", ["started_at"])

    op.create_table(
        "agent_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("agent", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("input_tokens", sa.Integer(), nullable=False),
        sa.Column("output_tokens", sa.Integer(), nullable=False),
        sa.Column("cost_eur", sa.Float(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["generation_runs.id"],
            name="fk_agent_runs_run_id_generation_runs",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_agent_runs"),
    )
    op.create_index("ix_agent_runs_run_id", "agent_runs", ["run_id"])

    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(60), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name="fk_notes_plan_id_plans", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_notes"),
    )
    op.create_index("ix_notes_plan_id", "notes", ["plan_id"])


def downgrade() -> None:
    for table in ("notes", "agent_runs", "generation_runs", "plan_versions", "plans", "clubs"):
        op.drop_table(table)
