"""Full-text search, the knowledge index and the AI response cache.

Existing plans are indexed from their current version, so a database from
revision 0001 becomes searchable without losing or rewriting a row.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

from engine.storage.knowledge import example_sections
from engine.storage.search_text import FTS_CREATE, FTS_INSERT, search_document, unpack

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ai_cache",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("provider", sa.String(40), nullable=False),
        sa.Column("model", sa.String(120), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_ai_cache"),
    )
    op.create_index("ix_ai_cache_expires_at", "ai_cache", ["expires_at"])
    op.create_index("ix_ai_cache_last_used_at", "ai_cache", ["last_used_at"])

    op.create_table(
        "knowledge_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(40), nullable=False),
        sa.Column("sport", sa.String(80), nullable=False),
        sa.Column("size_band", sa.String(16), nullable=False),
        sa.Column("approved", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("token_estimate", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name="fk_knowledge_entries_plan_id_plans",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["plan_versions.id"],
            name="fk_knowledge_entries_version_id_plan_versions",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_knowledge_entries"),
    )
    op.create_index("ix_knowledge_entries_plan_id", "knowledge_entries", ["plan_id"])
    op.create_index(
        "ix_knowledge_lookup",
        "knowledge_entries",
        ["section", "sport", "size_band", "approved", "updated_at"],
    )
    op.create_index(
        "ix_knowledge_section_approved", "knowledge_entries", ["section", "approved", "updated_at"]
    )

    op.execute(FTS_CREATE)
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT p.id, v.content, v.id, p.sport, p.size_band, "
            "p.status, p.updated_at, p.deleted_at FROM plans p "
            "JOIN plan_versions v ON v.plan_id = p.id AND v.number = p.current_version"
        )
    )
    for (
        plan_id,
        content,
        version_id,
        sport,
        band,
        status,
        updated,
        deleted,
    ) in rows:
        document = unpack(content)
        connection.execute(sa.text(FTS_INSERT), search_document(plan_id, document))
        for section, tokens in [] if deleted else example_sections(document):
            connection.execute(
                sa.text(
                    "INSERT INTO knowledge_entries(plan_id, version_id, section, sport, "
                    "size_band, approved, updated_at, token_estimate) VALUES (:plan, "
                    ":version, :section, :sport, :band, :approved, :updated, :tokens)"
                ),
                {
                    "plan": plan_id,
                    "version": version_id,
                    "section": section,
                    "sport": sport,
                    "band": band,
                    "approved": status == "approved",
                    "updated": updated,
                    "tokens": tokens,
                },
            )


def downgrade() -> None:
    op.execute("DROP TABLE plan_fts")
    op.drop_table("knowledge_entries")
    op.drop_table("ai_cache")
