"""A narrow, failure-proof door to the OS keyring.

Frozen apps and headless machines often have no usable backend
(``NoKeyringError``), a locked one, or one that throws its own exceptions.
Every one of those becomes ``KeyringUnavailable`` here, so callers choose a
fallback instead of crashing. ``keyring`` is imported on first use: its
import and backend discovery cost tens of milliseconds, which evaluation mode
never needs to pay. Values are never logged.
"""

from __future__ import annotations

SERVICE_NAME = "RootingFuture"


class KeyringUnavailable(Exception):
    """The keyring cannot be used right now; ``reason`` names the cause, never a secret."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _backend():  # -> keyring.backend.KeyringBackend, imported lazily
    try:
        import keyring
    except Exception as exc:  # any import failure means no keyring
        raise KeyringUnavailable(f"keyring import failed: {type(exc).__name__}") from None
    try:
        return keyring.get_keyring()
    except Exception as exc:  # backend discovery can fail in many ways
        raise KeyringUnavailable(f"no keyring backend: {type(exc).__name__}") from None


def get(username: str, service: str = SERVICE_NAME) -> str | None:
    """The stored value, ``None`` if there is no entry; raises KeyringUnavailable."""
    backend = _backend()
    try:
        value = backend.get_password(service, username)
    except Exception as exc:  # backends raise arbitrary exceptions
        raise KeyringUnavailable(f"read failed: {type(exc).__name__}") from None
    if value is not None and not isinstance(value, str):
        raise KeyringUnavailable("backend returned a non-text value")
    return value


def put(username: str, value: str, service: str = SERVICE_NAME) -> None:
    """Store a value and read it back: a backend that silently drops it (the ``null``
    backend, a locked store) is reported as unavailable, not trusted."""
    backend = _backend()
    try:
        backend.set_password(service, username, value)
        stored = backend.get_password(service, username)
    except Exception as exc:
        raise KeyringUnavailable(f"write failed: {type(exc).__name__}") from None
    if stored != value:
        raise KeyringUnavailable("the keyring did not keep the value")


def delete(username: str, service: str = SERVICE_NAME) -> None:
    """Remove an entry; a missing entry is fine. Raises KeyringUnavailable."""
    backend = _backend()
    try:
        if backend.get_password(service, username) is None:
            return
        backend.delete_password(service, username)
    except Exception as exc:
        raise KeyringUnavailable(f"delete failed: {type(exc).__name__}") from None


def available() -> bool:
    """Whether the keyring answers at all (a read of a name that never exists)."""
    try:
        get("availability-probe")
    except KeyringUnavailable:
        return False
    return True
