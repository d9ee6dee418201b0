"""From the user's settings to what the engine needs: the writer for a generation.

The settings are plain values in the store (``Service.app_settings``); the
API key is read from the keyring by ``engine.providers.make_writer`` itself,
only when a Gemini generation starts.
"""

from __future__ import annotations

import gc
from typing import Any

from engine.agents.writers import SectionWriter
from engine.providers import ProviderChoice, defaults, make_writer
from engine.service import AppSettings, Service


def provider_choice(settings: AppSettings, provider: str | None = None) -> ProviderChoice:
    provider = provider or settings.provider
    extra: dict[str, Any] = {
        "rate_preset": settings.rate_preset if provider != "local" else "local",
        "max_concurrent": settings.concurrency,
    }
    model: str | None = None
    if provider == "gemini":
        model = settings.gemini_model or None
        extra["research"] = settings.research
        if settings.thinking_level:
            extra["gemini_thinking_level"] = settings.thinking_level
    elif provider == "local":
        model = settings.local_model or None
        extra["local_base_url"] = settings.local_base_url or defaults()["local_base_url"]
        extra["local_model"] = model or defaults()["local_model"]
    return ProviderChoice(provider, model, settings.use_cache, extra)


def writer_for(
    service: Service, settings: AppSettings, provider: str | None = None, **overrides: Any
) -> SectionWriter:
    """The section writer the settings ask for; ``overrides`` reach the client (tests)."""
    choice = provider_choice(settings, provider)
    if overrides:
        choice = ProviderChoice(
            choice.provider, choice.model, choice.use_cache, {**choice.settings, **overrides}
        )
    writer = make_writer(choice, service.db)
    settle_heap()  # the model SDK just loaded thousands of long-lived objects
    return writer


def settle_heap() -> None:
    """Move what is alive now out of the garbage collector's sight (``gc.freeze``).

    A full collection holds the GIL while it walks every object: after start-up
    (or the model SDK's import) that walk took 115 ms, long enough to freeze the
    window mid-generation. Objects alive at this point live as long as the app.
    """
    gc.freeze()


def provider_label(provider: str) -> str:
    return {"offline": "offline", "gemini": "Gemini", "local": "local"}.get(provider, provider)


def preload_provider(provider: str) -> None:
    """Import the model SDK ahead of the first generation (run it on the task pool).

    The first import of google-genai builds thousands of validators while
    holding the GIL (~150 ms of a frozen window); at start-up, while the user
    looks at the library, that goes unnoticed, in the middle of a generation
    it does not. Then ``settle_heap`` keeps those objects out of later
    garbage collections.
    """
    if provider == "gemini":
        import engine.llm.gemini
    elif provider == "local":
        import engine.llm.openai_compat
    if provider != "offline":
        import engine.llm.factory  # noqa: F401

        settle_heap()
