"""From the user's settings to what the engine needs: the writer for a generation.

The settings are plain values in the store (``Service.app_settings``); ``Service.writer``
builds the writer they ask for, and the API key is read from the keyring by the engine
itself, only when a Gemini generation starts.
"""

from __future__ import annotations

import gc
from typing import Any

from engine.service import AppSettings, SectionWriter, Service


def writer_for(
    service: Service, settings: AppSettings, provider: str | None = None, **overrides: Any
) -> SectionWriter:
    """The section writer the settings ask for; ``overrides`` reach the client (tests)."""
    writer = service.writer(settings, provider=provider, **overrides)
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
    Service.preload_provider(provider)
    if provider != "offline":
        settle_heap()
