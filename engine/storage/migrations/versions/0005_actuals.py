"""Actuals and action states: what the club measured and did, beside the plan.

A plan lives three seasons: the values measured at each review and the state of each
action are their own dated records (append-only, the latest wins), never a rewrite of
a plan version. Deleting a plan deletes them with it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actuals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(12), nullable=False),
        sa.Column("objective", sa.String(8), nullable=True),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("season", sa.String(7), nullable=False),
        sa.Column("review", sa.String(4), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name="fk_actuals_plan_id_plans", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_actuals"),
    )
    op.create_index("ix_actuals_plan_id_season", "actuals", ["plan_id", "season"])
    op.create_table(
        "action_states",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(12), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name="fk_action_states_plan_id_plans", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_action_states"),
    )
    op.create_index("ix_action_states_plan_id", "action_states", ["plan_id"])


def downgrade() -> None:
    op.drop_index("ix_action_states_plan_id", table_name="action_states")
    op.drop_table("action_states")
    op.drop_index("ix_actuals_plan_id_season", table_name="actuals")
    op.drop_table("actuals")
