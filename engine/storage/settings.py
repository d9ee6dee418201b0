"""The user's app settings, kept in the store as key -> JSON value.

What lives here: the provider and model, the local server's address, the
concurrency and rate preset, the plan and interface languages. What never
does: API keys (the OS keyring, ``licensing.secrets``) and window geometry
(QSettings, on the desktop side). Unknown keys in the table are ignored, so
an older app reads a newer app's settings without failing.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy import select

from engine.storage.database import Database
from engine.storage.models import AppSetting, utcnow

PROVIDERS = ("offline", "gemini", "local")
RATE_PRESETS = ("default", "free_tier", "local")
LANGUAGES = ("it", "en")
THINKING_LEVELS = ("minimal", "low", "medium", "high")
FORBIDDEN_WORDS = ("key", "secret", "token", "password")


@dataclass(frozen=True)
class AppSettings:
    """Every setting with its embedded default (see ``resources/config/defaults.json``)."""

    provider: str = "offline"
    gemini_model: str = ""  # empty: the embedded default model
    thinking_level: str = ""  # Gemini 3+ thinking level; empty: the embedded default (low)
    local_model: str = ""
    local_base_url: str = ""  # empty: the embedded default address
    concurrency: int = 5
    rate_preset: str = "default"
    use_cache: bool = True
    research: bool = True  # Gemini searches public sources (tier 2) for each new plan
    plan_language: str = "it"
    ui_language: str = ""  # empty: follow the system
    last_export_dir: str = ""

    def cleaned(self) -> AppSettings:
        """Out-of-range values fall back to defaults instead of failing later."""
        default = AppSettings()
        return replace(
            self,
            provider=self.provider if self.provider in PROVIDERS else default.provider,
            concurrency=min(8, max(1, int(self.concurrency))),
            rate_preset=(
                self.rate_preset if self.rate_preset in RATE_PRESETS else default.rate_preset
            ),
            plan_language=(
                self.plan_language if self.plan_language in LANGUAGES else default.plan_language
            ),
            ui_language=self.ui_language if self.ui_language in (*LANGUAGES, "") else "",
            gemini_model=self.gemini_model.strip(),
            thinking_level=(self.thinking_level if self.thinking_level in THINKING_LEVELS else ""),
            local_model=self.local_model.strip(),
            local_base_url=self.local_base_url.strip(),
        )


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
    return AppSettings(**values).cleaned()


def save_settings(database: Database, settings: AppSettings) -> AppSettings:
    """Store every field (cleaned first); returns what was stored."""
    settings = settings.cleaned()
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
