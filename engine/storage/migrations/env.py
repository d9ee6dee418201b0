"""Alembic environment: always handed an open connection by ``engine.storage.database``."""

from alembic import context

from engine.storage.models import Base

FTS_PREFIX = "plan_fts"


def include_object(obj, name, type_, reflected, compare_to):
    """FTS5 tables and their shadow tables are raw SQL, not part of the ORM metadata."""
    return not (type_ == "table" and name and name.startswith(FTS_PREFIX))


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
