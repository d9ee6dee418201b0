"""A run's cost may be unknown: a model missing from the price table is "not estimable".

Recording zero for a model the price table does not know would tell the user a plan
was free; NULL says the cost could not be estimated, and the screens say so in words.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLES = ("generation_runs", "agent_runs")


def upgrade() -> None:
    for table in TABLES:  # SQLite alters a column by copying the table (batch mode)
        with op.batch_alter_table(table) as batch:
            batch.alter_column("cost_eur", existing_type=sa.Float(), nullable=True)


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"UPDATE {table} SET cost_eur = 0 WHERE cost_eur IS NULL")
        with op.batch_alter_table(table) as batch:
            batch.alter_column("cost_eur", existing_type=sa.Float(), nullable=False)
