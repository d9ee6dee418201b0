"""Open the SQLite store: refuse newer files untouched, back up and migrate older ones.

Connections run in WAL mode with foreign keys on and a busy timeout; write
transactions start with ``BEGIN IMMEDIATE`` so concurrent savers queue for
the lock instead of failing with "database is locked" half-way through.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from engine.errors import UserError

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0005"  # pinned by a test against the migration scripts
BUSY_TIMEOUT_S = 30
WRITE_OPTION = "rf_write"


class StoreError(UserError):
    """A store problem a user can act on, in Italian and English."""


class NewerDatabaseError(StoreError):
    pass


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def known_revisions() -> set[str]:
    return {
        script.revision
        for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()
    }


def stored_revision(path: Path) -> str | None:
    """The file's schema revision, read without writing a byte (``mode=ro``)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    uri = f"file:{path.as_posix()}?mode=ro"
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
            table = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not table:
                return None
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
    except sqlite3.DatabaseError as error:
        raise StoreError(
            it=f"Il file {path} non è un archivio di Rooting Future leggibile ({error}). "
            "Non è stato modificato: spostatelo altrove o ripristinate una copia di sicurezza.",
            en=f"The file {path} is not a readable Rooting Future store ({error}). "
            "It was not changed: move it away or restore a backup.",
            code="unreadable_store",
        ) from error


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Driver-level autocommit: SQLAlchemy's "begin" hook below issues BEGIN itself,
    # which also makes DDL transactional during migrations.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; fsync at checkpoints
    cursor.close()


def _begin(connection) -> None:
    mode = "IMMEDIATE" if connection.get_execution_options().get(WRITE_OPTION) else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """One SQLite file: an engine, read sessions, and write sessions that take the lock first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._check_not_newer()
        self.engine: Engine = create_engine(
            f"sqlite:///{path.as_posix()}",
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_S},
            pool_size=8,
            max_overflow=8,
        )
        event.listen(self.engine, "connect", _configure_connection)
        event.listen(self.engine, "begin", _begin)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )
        self._migrate()

    def _check_not_newer(self) -> None:
        revision = stored_revision(self.path)
        if revision is not None and revision != HEAD_REVISION and revision not in known_revisions():
            raise NewerDatabaseError(
                it=f"L'archivio {self.path} è stato creato da una versione più recente di Rooting "
                f"Future (schema {revision}). Non è stato modificato: aggiornate l'applicazione "
                "per aprirlo.",
                en=f"The store {self.path} was created by a newer version of Rooting Future "
                f"(schema {revision}). It was not changed: update the application to open it.",
                code="newer_store",
            )

    def _migrate(self) -> None:
        revision = stored_revision(self.path)
        if revision == HEAD_REVISION:
            return  # the common case: no Alembic work on start-up
        if revision is not None:
            self._backup(revision)
        with self.engine.begin() as connection:
            config = _alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        log.info("store %s migrated from %s to %s", self.path, revision, HEAD_REVISION)

    def _backup(self, revision: str) -> None:
        """A consistent copy before an upgrade: nothing is lost even if a migration fails."""
        target = self.path.with_name(f"{self.path.name}.before-{HEAD_REVISION}-from-{revision}.bak")
        with (
            contextlib.closing(sqlite3.connect(self.path)) as source,
            contextlib.closing(sqlite3.connect(target)) as copy,
        ):
            source.backup(copy)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction holding the write lock from its first statement; commits on success."""
        with self._writer() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
