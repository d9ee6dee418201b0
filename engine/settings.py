"""The app's settings: one model for the store, the CLI, the desktop and the writer factory.

``AppSettings`` is what the user chose: the provider and model, the local server's
address, the concurrency and rate preset, the cache, research, the plan and interface
languages, the last export folder. ``engine.storage.settings`` stores it (one row per
field), ``Service.app_settings``/``save_app_settings`` read and write it, the desktop's
Settings dialog and ``rooting-future settings`` edit it, and ``engine.providers.choice_for``
turns it into the writer's request, the same way for the desktop and the CLI (the CLI
starts from the stored settings it honours and puts its options over them).

``defaults()`` is what ships (``resources/config/defaults.json``; a few names can be
overridden from the environment): what an empty setting stands for.

What never lives here: API keys (the OS keyring, ``licensing.secrets``) and window
geometry (QSettings, on the desktop side).
"""

from __future__ import annotations

import json
import os
from functools import cache
from typing import Any

from pydantic import ValidationInfo, field_validator
from pydantic.dataclasses import dataclass

from engine.paths import resource_path

PROVIDERS = ("offline", "gemini", "local")
MODEL_PROVIDERS = PROVIDERS[1:]  # those a language model answers for (``engine.llm.factory``)
RATE_PRESETS = ("default", "free_tier", "local")
LANGUAGES = ("it", "en")
THINKING_LEVELS = ("minimal", "low", "medium", "high")
MAX_CONCURRENCY = 8
# Settings with a fixed set of values, and what stands for a value outside it.
CHOICES: dict[str, tuple[tuple[str, ...], str]] = {
    "provider": (PROVIDERS, "offline"),
    "thinking_level": (THINKING_LEVELS, ""),  # empty: the embedded default
    "rate_preset": (RATE_PRESETS, "default"),
    "plan_language": (LANGUAGES, "it"),
    "ui_language": (LANGUAGES, ""),  # empty: follow the system
}
ENV_OVERRIDES = {
    "gemini_model": "ROOTING_FUTURE_GEMINI_MODEL",
    "local_model": "ROOTING_FUTURE_LOCAL_MODEL",
    "local_base_url": "ROOTING_FUTURE_LOCAL_URL",
}


@cache
def defaults() -> dict[str, Any]:
    """The embedded defaults (model names, timeouts, pacing), environment overrides applied."""
    data = json.loads(resource_path("config", "defaults.json").read_text("utf-8"))
    data.pop("comment", None)
    for key, variable in ENV_OVERRIDES.items():
        if os.environ.get(variable):
            data[key] = os.environ[variable]
    return data


@dataclass(frozen=True)
class AppSettings:
    """Every setting with its embedded default (see ``resources/config/defaults.json``).

    A pydantic dataclass: ``dataclasses.replace``, ``fields`` and ``asdict`` work as on any
    dataclass, and every instance is validated, out-of-range values falling back to their
    defaults instead of failing later (an older or newer app may have stored them, a
    dialog may hand over an empty choice).
    """

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

    @field_validator(*CHOICES, mode="before")
    @classmethod
    def known_choice(cls, value: Any, info: ValidationInfo) -> str:
        choices, fallback = CHOICES[info.field_name]
        return value if value in choices else fallback

    @field_validator("concurrency", mode="before")
    @classmethod
    def bounded_concurrency(cls, value: Any) -> int:
        return min(MAX_CONCURRENCY, max(1, int(value)))

    @field_validator("gemini_model", "local_model", "local_base_url")
    @classmethod
    def stripped(cls, value: str) -> str:
        return value.strip()
