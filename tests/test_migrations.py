"""Schema migrations: fresh files, upgrades that keep every row, newer files refused intact."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from engine.domain import PlanStatus
from engine.paths import database_path
from engine.service import Service, ServiceError
from engine.storage.database import HEAD_REVISION, MIGRATIONS, Database
from engine.storage.models import Base
from engine.storage.search_text import pack
from tests.factories import make_plan


def alembic_config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def test_head_revision_constant_matches_the_scripts() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_orm_models_match_the_migrated_schema(tmp_path: Path) -> None:
    database = Database(tmp_path / "fresh.db")
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={"include_object": lambda o, n, t, r, c: not (n or "").startswith("plan_fts")},
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        database.close()


def test_fresh_file_is_created_at_head_with_wal(home: Path) -> None:
    Service(home).close()
    with sqlite3.connect(database_path(home)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def _database_at_0001_with_rows(path: Path) -> list[int]:
    """Build a file as revision 0001 of the app left it, with three plans in it."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    ids = []
    with sqlite3.connect(path) as connection:
        now = dt.datetime(2026, 1, 1).isoformat(sep=" ")
        connection.execute(
            "INSERT INTO clubs (id, name, name_key, city_key, legal_form, sport, region, "
            "size_band, profile_json, created_at, updated_at) VALUES (1, 'ASD Virtus Seregno "
            "Calcio', 'asd virtus seregno calcio', 'seregno', 'ASD', 'calcio', 'Lombardia', "
            "'medium', '{}', ?, ?)",
            (now, now),
        )
        for n, status in enumerate(["draft", "approved", "draft"], start=1):
            plan = make_plan(seed=n)
            content = plan.model_dump_json()
            connection.execute(
                "INSERT INTO plans (id, uid, club_id, title, club_name, club_name_key, sport, "
                "seasons, status, language, provider, model, size_band, current_version, "
                "created_at, updated_at, deleted_at) VALUES (?, ?, 1, ?, 'ASD Virtus Seregno "
                "Calcio', 'asd virtus seregno calcio', 'calcio', ?, ?, 'it', 'offline', NULL, "
                "'medium', 1, ?, ?, ?)",
                (
                    n,
                    plan.uid,
                    f"Piano {n}",
                    plan.seasons_label,
                    status,
                    now,
                    now,
                    now if n == 3 else None,
                ),
            )
            connection.execute(
                "INSERT INTO plan_versions (plan_id, number, created_at, source, reason, "
                "restored_from, content, content_hash, size_bytes) VALUES (?, 1, ?, "
                "'generated', '', NULL, ?, ?, ?)",
                (n, now, pack(content), hashlib.sha256(content.encode()).hexdigest(), len(content)),
            )
            ids.append(n)
    engine.dispose()
    return ids


def test_upgrade_from_previous_revision_keeps_every_row(home: Path) -> None:
    path = database_path(home)
    ids = _database_at_0001_with_rows(path)
    service = Service(home)
    try:
        assert {p.id for p in service.list_plans().rows} == {1, 2}
        assert [p.id for p in service.list_plans(trash=True).rows] == [3]
        for plan_id in ids:
            assert service.get_plan(plan_id).plan.title.startswith("Piano strategico")
        # the new revision's features work on old rows
        assert service.list_plans(search="seregno", with_total=True).total == 2
        examples = service.knowledge_examples("sports", "calcio", "medium")
        assert next(e.plan_id for e in examples) == 2 and examples[0].approved
        service.set_status(1, PlanStatus.APPROVED)
    finally:
        service.close()
    backups = list(home.glob("*.bak"))
    assert len(backups) == 1 and "from-0001" in backups[0].name
    with sqlite3.connect(backups[0]) as connection:
        assert connection.execute("SELECT count(*) FROM plan_versions").fetchone() == (3,)


def test_a_database_from_a_newer_app_is_refused_untouched(home: Path) -> None:
    Service(home).close()
    path = database_path(home)
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.commit()
    assert not (home / (path.name + "-wal")).exists()  # closed cleanly, still in WAL mode
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(ServiceError) as caught:
        Service(home)
    assert "più recente" in caught.value.message("it")
    assert "newer version" in caught.value.message("en")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_file_that_is_not_a_database_is_reported_not_overwritten(home: Path) -> None:
    path = database_path(home)
    path.write_bytes(b"this is a spreadsheet, not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(ServiceError) as caught:
        Service(home)
    assert "Non è stato modificato" in caught.value.message("it")
    assert path.read_bytes() == before
