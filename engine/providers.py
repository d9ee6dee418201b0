"""Choose the section writer for a generation: offline, Gemini or a local model server.

``choice_for`` reads the settings model (``engine.settings.AppSettings``) the one way the
desktop and the CLI share; ``make_writer`` builds the writer of a ``ProviderChoice`` (what
tests and benchmarks also build by hand). ``Service.writer`` puts the two together.
The offline composer is the embedded default. Gemini's API key comes from
``licensing.secrets`` (ROOTING_FUTURE_GEMINI_API_KEY, the OS keyring, then the
SDK's GOOGLE_API_KEY/GEMINI_API_KEY); it is handed to the client, registered
for redaction, and never stored anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.agents.writers import ModelWriter, OfflineWriter, SectionWriter
from engine.llm.base import GenerationSettings
from engine.redaction import register_secret
from engine.settings import ENV_OVERRIDES, MODEL_PROVIDERS, PROVIDERS, AppSettings, defaults

__all__ = [
    "ENV_OVERRIDES",
    "PROVIDERS",
    "ProviderChoice",
    "choice_for",
    "defaults",
    "list_models",
    "make_writer",
    "preload",
]


@dataclass(frozen=True)
class ProviderChoice:
    """A writer's request, resolved: provider, model, cache and the client's settings."""

    provider: str = "offline"
    model: str | None = None
    use_cache: bool = True
    settings: dict[str, Any] = field(default_factory=dict)  # rate preset, base URLs...

    def resolved_model(self) -> str | None:
        if self.provider == "offline":
            return None
        return self.model or str(defaults()[f"{self.provider}_model"])


def make_writer(choice: ProviderChoice, cache_db: Any = None) -> SectionWriter:
    """A writer for ``choice``; ``cache_db`` (a storage Database) enables the AI cache."""
    if choice.provider == "offline":
        return OfflineWriter()
    if choice.provider not in PROVIDERS:
        raise ValueError(choice.provider)
    from engine.llm.factory import build_client  # the SDK loads only when needed
    from engine.storage.ai_cache import ResponseCache
    from licensing.secrets import get_api_key

    settings = {**defaults(), **choice.settings}
    if choice.provider == "local":
        settings.setdefault("local_base_url", defaults()["local_base_url"])
    api_key = get_api_key("gemini") if choice.provider == "gemini" else None
    register_secret(api_key)  # whatever a message quotes, these never reach a log or the store
    register_secret(settings.get("local_api_key"))
    response_cache = ResponseCache(cache_db) if cache_db is not None else None
    client = build_client(choice.provider, settings, api_key, response_cache)
    generation = GenerationSettings(
        model=choice.resolved_model() or "",
        temperature=float(settings["temperature"]),
        max_output_tokens=int(settings["max_output_tokens"]),
        thinking_level=str(settings.get("gemini_thinking_level") or "low"),
        connect_timeout_s=float(settings["connect_timeout_s"]),
        first_byte_timeout_s=float(settings["first_byte_timeout_s"]),
        idle_timeout_s=float(settings["idle_timeout_s"]),
        section_timeout_s=float(settings["section_timeout_s"]),
        max_answer_bytes=int(settings["max_answer_bytes"]),
    )
    research = str(settings.get("research", True)).lower() not in ("false", "0", "")
    return ModelWriter(client, generation, use_cache=choice.use_cache, research=research)


def choice_for(settings: AppSettings, provider: str | None = None, **client: Any) -> ProviderChoice:
    """What ``settings`` ask of the writer, for ``provider`` (default: the one chosen).

    ``client`` entries go over the client settings read from the model: a proxy's
    ``gemini_base_url`` (tests), the CLI's pacing options (``rate_preset``,
    ``max_concurrent``; None leaves the preset's own).
    """
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
    return ProviderChoice(provider, model, settings.use_cache, {**extra, **client})


def preload(provider: str) -> None:
    """Import the model SDK a provider needs (slow the first time: do it ahead of use)."""
    if provider == "gemini":
        import engine.llm.gemini
    elif provider == "local":
        import engine.llm.openai_compat
    if provider != "offline":
        import engine.llm.factory  # noqa: F401


def list_models(provider: str, *, api_key: str = "", base_url: str | None = None) -> list[str]:
    """The models a Gemini key may use, or a local server offers (``LLMError`` if unreachable).

    For the Settings screen's "test the connection"; ``base_url`` empty: the default address.
    """
    if provider == "gemini":
        from engine.llm.gemini import list_models as gemini_models

        return gemini_models(api_key, base_url=base_url)
    if provider == "local":
        from engine.llm.openai_compat import list_local_models

        return list_local_models(base_url or str(defaults()["local_base_url"]))
    raise ValueError(f"{provider!r} lists no models; use one of {MODEL_PROVIDERS}")
