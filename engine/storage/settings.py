"""The user's app settings in the store: one row per field, key -> JSON value.

The model is ``engine.settings.AppSettings`` (what lives in it and what never does is said
there). Unknown keys in the table are ignored, so an older app reads a newer app's
settings without failing; a damaged value keeps its default.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any

from sqlalchemy import select

from engine.settings import AppSettings
from engine.storage.database import Database
from engine.storage.models import AppSetting, utcnow

FORBIDDEN_WORDS = ("key", "secret", "token", "password")

_FIELDS = {f.name: f for f in fields(AppSettings)}


def _coerce(name: str, raw: Any) -> Any:
    default = getattr(AppSettings(), name)
    if isinstance(default, bool):
        return bool(raw)
    if isinstance(default, int):
        return int(raw)
    return str(raw)


def load_settings(database: Database) -> AppSettings:
    values: dict[str, Any] = {}
    with database.read() as session:
        for row in session.scalars(select(AppSetting)):
            if row.key not in _FIELDS:
                continue
            try:
                values[row.key] = _coerce(row.key, json.loads(row.value))
            except (ValueError, TypeError):
                continue  # a damaged value: keep the default
    return AppSettings(**values)


def save_settings(database: Database, settings: AppSettings) -> AppSettings:
    """Store every field (an ``AppSettings`` is always valid); returns what was stored."""
    now = utcnow()
    with database.write() as session:
        for name, value in asdict(settings).items():
            if any(word in name for word in FORBIDDEN_WORDS):  # pragma: no cover - guard
                raise ValueError(f"{name} must never be stored in the database")
            row = session.get(AppSetting, name)
            text = json.dumps(value)
            if row is None:
                session.add(AppSetting(key=name, value=text, updated_at=now))
            elif row.value != text:
                row.value = text
                row.updated_at = now
    return settings
