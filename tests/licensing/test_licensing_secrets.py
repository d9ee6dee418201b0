"""API keys in the keyring: store/read/delete, and every way the keyring can fail."""

from __future__ import annotations

import logging

import keyring
import keyring.backends.null
import pytest
from licensing_lab import ExplodingKeyring, MemoryKeyring

from licensing import secrets
from licensing.secrets import SecretStoreUnavailable

KEY = "AIza" + "SyD-example-key-0123456789abcdefghi"  # split: no key-shaped literal in the repo


def test_store_read_delete(memory_keyring: MemoryKeyring) -> None:
    assert secrets.get_api_key() is None
    secrets.set_api_key(f"  {KEY}\n")
    assert secrets.get_api_key() == KEY
    assert memory_keyring.entries == {("RootingFuture", "api-key:gemini"): KEY}
    secrets.set_api_key("other-provider-key", provider="openai-compatible")
    assert secrets.get_api_key("openai-compatible") == "other-provider-key"
    secrets.delete_api_key()
    assert secrets.get_api_key() is None
    secrets.delete_api_key()  # deleting twice is fine


@pytest.mark.parametrize("value", ["", "   ", "a\nb", "x" * 2000, None, 42])
def test_bad_values_are_refused_with_a_bilingual_message(value: object) -> None:
    with pytest.raises(ValueError) as info:
        secrets.set_api_key(value)  # type: ignore[arg-type]
    assert "/" in str(info.value)


def test_bad_provider_names_are_refused() -> None:
    for provider in ("", "Gemini", "../x", "a" * 40):
        with pytest.raises(ValueError):
            secrets.get_api_key(provider)


@pytest.mark.parametrize(
    "backend",
    [keyring.backends.fail.Keyring, ExplodingKeyring, keyring.backends.null.Keyring],
    ids=["NoKeyringError", "backend-exception", "null-backend-drops-values"],
)
def test_unusable_keyring_raises_one_documented_error(backend, caplog) -> None:
    keyring.set_keyring(backend())
    caplog.set_level(logging.DEBUG)
    with pytest.raises(SecretStoreUnavailable) as info:
        secrets.set_api_key(KEY)
    message = str(info.value)
    assert "portachiavi" in message and "keyring" in message  # Italian, then English
    assert message.index("portachiavi") < message.index("cannot be used")
    assert "ROOTING_FUTURE_GEMINI_API_KEY" in message  # the documented way out
    assert KEY not in message and KEY not in caplog.text
    assert info.value.__cause__ is None and info.value.__suppress_context__
    if backend is not keyring.backends.null.Keyring:
        with pytest.raises(SecretStoreUnavailable):
            secrets.get_api_key()
        with pytest.raises(SecretStoreUnavailable):
            secrets.delete_api_key()


def test_environment_variable_is_the_way_out(failing_keyring, monkeypatch) -> None:
    monkeypatch.setenv("ROOTING_FUTURE_GEMINI_API_KEY", KEY)
    assert secrets.get_api_key() == KEY
    monkeypatch.setenv("ROOTING_FUTURE_GEMINI_API_KEY", "   ")
    with pytest.raises(SecretStoreUnavailable):
        secrets.get_api_key()
    assert (
        secrets.api_key_env_var("openai-compatible") == "ROOTING_FUTURE_OPENAI_COMPATIBLE_API_KEY"
    )


def test_environment_variable_wins_over_keyring(monkeypatch) -> None:
    secrets.set_api_key("from-keyring-123456")
    monkeypatch.setenv("ROOTING_FUTURE_GEMINI_API_KEY", "from-env-123456")
    assert secrets.get_api_key() == "from-env-123456"


def test_key_is_never_logged(caplog, memory_keyring) -> None:
    caplog.set_level(logging.DEBUG)
    secrets.set_api_key(KEY)
    secrets.get_api_key()
    secrets.delete_api_key()
    assert KEY not in caplog.text
    assert secrets.mask(KEY) == "••••fghi" and KEY not in secrets.mask(KEY)
    assert secrets.mask("short") == "••••" and secrets.mask(None) == ""


def test_localised_messages() -> None:
    error = SecretStoreUnavailable("gemini", "no keyring backend: NoKeyringError")
    assert error.message("it").startswith("Il portachiavi")
    assert error.message("en").startswith("The system keyring")
    assert str(error) == error.bilingual()


def test_the_sdk_variables_come_after_the_apps_own(monkeypatch) -> None:
    """As SDK users expect; in the SDK's own order (GOOGLE_API_KEY first)."""
    monkeypatch.setenv("GEMINI_API_KEY", "gemini-sdk-key-1234")
    assert secrets.find_api_key() == secrets.FoundKey("gemini-sdk-key-1234", "GEMINI_API_KEY")
    monkeypatch.setenv("GOOGLE_API_KEY", "google-sdk-key-5678")
    assert secrets.find_api_key().source == "GOOGLE_API_KEY"
    secrets.set_api_key("from-keyring-123456")
    assert secrets.find_api_key() == secrets.FoundKey("from-keyring-123456", secrets.KEYRING)
    monkeypatch.setenv("ROOTING_FUTURE_GEMINI_API_KEY", "from-app-env-123456")
    found = secrets.find_api_key()
    assert found.source == "ROOTING_FUTURE_GEMINI_API_KEY" and not found.from_keyring
    assert "from-app-env" not in repr(found)  # a logged FoundKey never shows the key
    assert secrets.get_api_key("openai-compatible") is None  # SDK variables are Gemini's


def test_an_sdk_variable_is_the_way_out_of_a_broken_keyring(failing_keyring, monkeypatch) -> None:
    monkeypatch.setenv("GEMINI_API_KEY", "gemini-sdk-key-1234")
    assert secrets.get_api_key() == "gemini-sdk-key-1234"
    monkeypatch.delenv("GEMINI_API_KEY")
    with pytest.raises(SecretStoreUnavailable):
        secrets.get_api_key()
