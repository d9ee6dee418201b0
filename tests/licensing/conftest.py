"""Fixtures for the licensing tests (helpers live in ``licensing_lab``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from keyring.backend import KeyringBackend

if str(Path(__file__).parent) not in sys.path:  # works under any pytest import mode
    sys.path.insert(0, str(Path(__file__).parent))

from licensing_lab import Lab, MemoryKeyring

from licensing import fingerprint, trusted_keys


@pytest.fixture(scope="session")
def _original_keyring() -> Iterator[KeyringBackend]:
    original = keyring.get_keyring()
    yield original
    keyring.set_keyring(original)


@pytest.fixture(autouse=True)
def memory_keyring(_original_keyring: KeyringBackend, monkeypatch) -> Iterator[MemoryKeyring]:
    """Every test starts with an empty in-memory keyring, clean caches and no release flag."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    monkeypatch.delenv("ROOTING_FUTURE_RELEASE", raising=False)
    monkeypatch.delenv("ROOTING_FUTURE_GEMINI_API_KEY", raising=False)
    fingerprint.clear_cache()
    trusted_keys.clear_cache()
    yield backend
    keyring.set_keyring(_original_keyring)
    fingerprint.clear_cache()
    trusted_keys.clear_cache()


@pytest.fixture
def failing_keyring() -> keyring.backends.fail.Keyring:
    """The backend frozen apps get when nothing is available: raises NoKeyringError."""
    backend = keyring.backends.fail.Keyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def lab(tmp_path: Path) -> Lab:
    return Lab(tmp_path)
