"""The app settings (``engine.settings.AppSettings``) and what follows from them: the writer
of a generation, the models a provider offers, the AI cache."""

from __future__ import annotations

from typing import Any

from engine import providers
from engine.agents.writers import SectionWriter
from engine.providers import ProviderChoice
from engine.settings import AppSettings, defaults
from engine.storage.database import Database
from engine.storage.settings import load_settings, save_settings


class SettingsManager:
    def __init__(self, db: Database) -> None:
        self.db = db

    def app_settings(self) -> AppSettings:
        """The user's choices (provider, model, languages...); never the API key."""
        return load_settings(self.db)

    def save_app_settings(self, settings: AppSettings) -> AppSettings:
        return save_settings(self.db, settings)

    @staticmethod
    def setting_defaults() -> dict[str, Any]:
        """What ships: what an empty setting stands for (model names, the local address...)."""
        return defaults()

    # --- the writer ----------------------------------------------------------------------

    def writer_choice(
        self, settings: AppSettings | None = None, *, provider: str | None = None, **client: Any
    ) -> ProviderChoice:
        """What the settings (default: the stored ones) ask of the writer, for ``provider``
        (default: the one chosen); ``client`` entries go over the client settings derived."""
        return providers.choice_for(settings or self.app_settings(), provider, **client)

    def writer(
        self, settings: AppSettings | None = None, *, provider: str | None = None, **client: Any
    ) -> SectionWriter:
        """The section writer the settings ask for, answers cached in the store when they say
        so. The desktop passes its stored settings; the CLI the ones it honours, its options
        put over them (``rate_preset``, ``max_concurrent`` as ``client`` entries)."""
        choice = self.writer_choice(settings, provider=provider, **client)
        return providers.make_writer(choice, self.db)

    @staticmethod
    def preload_provider(provider: str) -> None:
        """Import a provider's model SDK ahead of its first use (slow the first time)."""
        providers.preload(provider)

    @staticmethod
    def list_models(provider: str, *, api_key: str = "", base_url: str | None = None) -> list[str]:
        """The models a Gemini key may use, or a local server offers; ``LLMError`` when the
        server cannot be reached or refuses the key."""
        return providers.list_models(provider, api_key=api_key, base_url=base_url)

    def clear_ai_cache(self) -> int:
        """Forget every cached model answer; returns how many were removed."""
        from engine.storage.ai_cache import ResponseCache

        return ResponseCache(self.db).clear()
