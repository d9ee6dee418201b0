"""API keys (Gemini and friends) in the OS keyring, never in files, logs or the database.

Contract:

* ``set_api_key(value, provider="gemini")`` stores it (and reads it back, so a
  backend that silently drops values is caught).
* ``get_api_key(provider="gemini")`` returns the key, or ``None`` if none is
  stored. The environment variable ``ROOTING_FUTURE_<PROVIDER>_API_KEY``
  (e.g. ``ROOTING_FUTURE_GEMINI_API_KEY``), when set, wins over the keyring:
  it is the documented way out on machines without a usable keyring. After
  the app's own (that variable, then the keyring) come the SDK's variables,
  as Gemini SDK users expect: ``GOOGLE_API_KEY`` then ``GEMINI_API_KEY`` (the
  SDK's own order). ``find_api_key`` also says where the key came from.
* ``delete_api_key(provider="gemini")`` removes it; a missing key is fine.

All three raise ``SecretStoreUnavailable`` (and only that, besides
``ValueError`` for an empty or oversized key) when the keyring cannot be
used: no backend (``NoKeyringError``, typical of frozen apps and headless
Linux), a locked store, or any backend exception. Its ``str()`` is a
bilingual message with the way out; the key itself never appears in any
message, log line or exception.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field

from licensing import keyring_store
from licensing.errors import UserError

log = logging.getLogger(__name__)

SERVICE_NAME = keyring_store.SERVICE_NAME
DEFAULT_PROVIDER = "gemini"
MAX_KEY_LENGTH = 1000
"""Windows Credential Manager holds 2,560 bytes per entry, stored as UTF-16."""

_PROVIDER = re.compile(r"[a-z0-9][a-z0-9-]{0,31}")


class SecretStoreUnavailable(UserError, RuntimeError):
    """The OS keyring cannot be used; ``str()`` explains it in Italian and English."""

    def __init__(self, provider: str, reason: str) -> None:
        self.provider = provider
        self.reason = reason
        self.env_var = api_key_env_var(provider)
        super().__init__(
            it="Il portachiavi di sistema (dove l'app conserva la chiave API) non è "
            f"utilizzabile ({reason}). Soluzione: imposta la variabile d'ambiente "
            f"{self.env_var} con la tua chiave API prima di avviare l'app; su Linux installa "
            "e sblocca un portachiavi Secret Service (GNOME Keyring o KWallet).",
            en="The system keyring (where the app keeps the API key) cannot be used "
            f"({reason}). Way out: set the environment variable {self.env_var} "
            "to your API key before starting the app; on Linux, install and unlock a "
            "Secret Service keyring (GNOME Keyring or KWallet).",
            code="keyring_unavailable",
        )

    def __str__(self) -> str:
        return self.bilingual()


def _check_provider(provider: str) -> str:
    if not isinstance(provider, str) or not _PROVIDER.fullmatch(provider):
        raise ValueError(f"invalid provider name {provider!r}")
    return provider


def api_key_env_var(provider: str = DEFAULT_PROVIDER) -> str:
    """The environment variable that overrides the keyring for ``provider``."""
    return f"ROOTING_FUTURE_{_check_provider(provider).upper().replace('-', '_')}_API_KEY"


def _entry(provider: str) -> str:
    return f"api-key:{_check_provider(provider)}"


def set_api_key(value: str, provider: str = DEFAULT_PROVIDER) -> None:
    """Store the key in the keyring. Raises ValueError (bad value) or SecretStoreUnavailable."""
    if not isinstance(value, str):
        raise ValueError("La chiave API deve essere testo. / The API key must be text.")
    value = value.strip()
    if not value or len(value) > MAX_KEY_LENGTH or not value.isprintable():
        raise ValueError("Chiave API vuota o non valida. / The API key is empty or not valid.")
    try:
        keyring_store.put(_entry(provider), value)
    except keyring_store.KeyringUnavailable as exc:
        log.warning("API key for %s not stored: %s", provider, exc.reason)
        raise SecretStoreUnavailable(provider, exc.reason) from None
    log.info("API key for %s stored in the keyring", provider)


KEYRING = "keyring"
SDK_ENV_VARS: dict[str, tuple[str, ...]] = {"gemini": ("GOOGLE_API_KEY", "GEMINI_API_KEY")}
"""What the provider's own SDK reads, in the SDK's order (google-genai prefers GOOGLE_API_KEY)."""


@dataclass(frozen=True)
class FoundKey:
    """An API key and where it came from (for Settings: never show ``value``)."""

    value: str = field(repr=False)
    source: str  # KEYRING or the name of the environment variable

    @property
    def from_keyring(self) -> bool:
        return self.source == KEYRING


def _from_env(variable: str) -> FoundKey | None:
    value = os.environ.get(variable, "").strip()
    return FoundKey(value, variable) if value else None


def find_api_key(provider: str = DEFAULT_PROVIDER) -> FoundKey | None:
    """The key and its source, or None: the app's variable, the keyring, the SDK's variables.

    Raises SecretStoreUnavailable only when the keyring cannot be read and no
    variable holds a key.
    """
    found = _from_env(api_key_env_var(provider))
    if found is not None:
        return found
    unavailable: SecretStoreUnavailable | None = None
    try:
        value = keyring_store.get(_entry(provider))
    except keyring_store.KeyringUnavailable as exc:
        log.warning("API key for %s not readable: %s", provider, exc.reason)
        unavailable = SecretStoreUnavailable(provider, exc.reason)
    else:
        if value:
            return FoundKey(value, KEYRING)
    for variable in SDK_ENV_VARS.get(_check_provider(provider), ()):
        found = _from_env(variable)
        if found is not None:
            return found
    if unavailable is not None:
        raise unavailable
    return None


def get_api_key(provider: str = DEFAULT_PROVIDER) -> str | None:
    """The key (see ``find_api_key`` for the order), or None if not set."""
    found = find_api_key(provider)
    return found.value if found is not None else None


def delete_api_key(provider: str = DEFAULT_PROVIDER) -> None:
    """Remove the stored key (no error if there is none). Raises SecretStoreUnavailable."""
    try:
        keyring_store.delete(_entry(provider))
    except keyring_store.KeyringUnavailable as exc:
        log.warning("API key for %s not deleted: %s", provider, exc.reason)
        raise SecretStoreUnavailable(provider, exc.reason) from None
    log.info("API key for %s deleted from the keyring", provider)


def mask(value: str | None) -> str:
    """A safe rendering for settings screens: only the last 4 characters."""
    if not value:
        return ""
    return "••••" + value[-4:] if len(value) > 8 else "••••"
