"""Choose the section writer for a generation: offline, Gemini or a local model server.

The offline composer is the embedded default. Gemini's API key comes from
``licensing.secrets`` (ROOTING_FUTURE_GEMINI_API_KEY, the OS keyring, then the
SDK's GOOGLE_API_KEY/GEMINI_API_KEY); it is handed to the client, registered
for redaction, and never stored anywhere else.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from engine.agents.writers import ModelWriter, OfflineWriter, SectionWriter
from engine.llm.base import GenerationSettings
from engine.paths import resource_path
from engine.redaction import register_secret

PROVIDERS = ("offline", "gemini", "local")
ENV_OVERRIDES = {
    "gemini_model": "ROOTING_FUTURE_GEMINI_MODEL",
    "local_model": "ROOTING_FUTURE_LOCAL_MODEL",
    "local_base_url": "ROOTING_FUTURE_LOCAL_URL",
}


@cache
def defaults() -> dict[str, Any]:
    data = json.loads(resource_path("config", "defaults.json").read_text("utf-8"))
    data.pop("comment", None)
    for key, variable in ENV_OVERRIDES.items():
        if os.environ.get(variable):
            data[key] = os.environ[variable]
    return data


@dataclass(frozen=True)
class ProviderChoice:
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
