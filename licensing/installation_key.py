"""The per-installation Ed25519 key pair used for offline activation and transfer.

The private half signs activation requests and deactivation receipts, so
the vendor can tell that the computer giving a licence back is the one it
was issued to. It lives in the OS keyring; if the keyring is unusable it
falls back to ``<home>/licensing/installation.key`` created with mode 0600.
The public half is also written to ``installation.pub`` (not secret): the
startup check compares licences against it without touching the keyring,
whose first use can be slow or even prompt the user.
"""

from __future__ import annotations

import logging
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from licensing import files, keyring_store
from licensing.envelope import (
    PUBLIC_KEY_BYTES,
    MalformedDocument,
    b64decode_strict,
    b64encode,
    public_bytes,
)

log = logging.getLogger(__name__)

KEYRING_ENTRY = "installation-key"
KID_PREFIX = "inst"
_MAX_KEY_FILE = 4096


class InstallationKeyError(Exception):
    """The key exists but cannot be read, or cannot be stored anywhere."""


def _decode_private(text: str) -> Ed25519PrivateKey:
    raw = b64decode_strict(text.strip())
    if len(raw) != 32:
        raise MalformedDocument("installation key must be 32 bytes")
    return Ed25519PrivateKey.from_private_bytes(raw)


def _raw_private(key: Ed25519PrivateKey) -> bytes:
    # Imported here: ``serialization`` pulls in the SSH and cipher modules (~10 ms),
    # which the startup check never needs.
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


def load(home: Path, *, use_keyring: bool = True) -> Ed25519PrivateKey | None:
    """The installation's private key from the keyring, else the fallback file; None if
    there is none. Raises InstallationKeyError if a stored key is corrupt."""
    if use_keyring:
        try:
            value = keyring_store.get(KEYRING_ENTRY)
        except keyring_store.KeyringUnavailable as exc:
            log.info("Keyring unavailable for the installation key: %s", exc.reason)
            value = None
        if value is not None:
            try:
                return _decode_private(value)
            except (MalformedDocument, ValueError) as exc:
                raise InstallationKeyError("installation key in the keyring is corrupt") from exc
    try:
        data = files.read_limited(files.installation_private_path(home), _MAX_KEY_FILE)
    except OSError as exc:
        raise InstallationKeyError(f"installation key file unreadable: {exc.strerror}") from exc
    if data is None:
        return None
    try:
        return _decode_private(data.decode("ascii"))
    except (MalformedDocument, ValueError, UnicodeDecodeError) as exc:
        raise InstallationKeyError("installation key file is corrupt") from exc


def create(home: Path, *, use_keyring: bool = True) -> Ed25519PrivateKey:
    """Generate and store a new key pair (keyring first, else the 0600 file)."""
    key = Ed25519PrivateKey.generate()
    text = b64encode(_raw_private(key))
    stored = False
    if use_keyring:
        try:
            keyring_store.put(KEYRING_ENTRY, text)
            stored = True
        except keyring_store.KeyringUnavailable as exc:
            log.info("Installation key goes to the fallback file: %s", exc.reason)
    if not stored:
        files.write_atomic(
            files.installation_private_path(home), (text + "\n").encode(), private=True
        )
    write_public(home, key)
    return key


def write_public(home: Path, key: Ed25519PrivateKey) -> None:
    """Keep ``installation.pub`` in step with the private key (no write if it already is)."""
    public_key = public_bytes(key)
    if read_public(home) != public_key:
        files.write_atomic(
            files.installation_public_path(home), (b64encode(public_key) + "\n").encode()
        )


def load_or_create(home: Path, *, use_keyring: bool = True) -> Ed25519PrivateKey:
    key = load(home, use_keyring=use_keyring)
    if key is None:
        return create(home, use_keyring=use_keyring)
    write_public(home, key)
    return key


def read_public(home: Path) -> bytes | None:
    """The public half from ``installation.pub`` (fast; no keyring). None if absent/invalid."""
    try:
        data = files.read_limited(files.installation_public_path(home), 256)
    except OSError:
        return None
    if data is None:
        return None
    try:
        raw = b64decode_strict(data.decode("ascii").strip())
    except (MalformedDocument, UnicodeDecodeError):
        return None
    return raw if len(raw) == PUBLIC_KEY_BYTES else None


def delete(home: Path, *, use_keyring: bool = True) -> None:
    """Forget the key pair everywhere (deactivation). Missing copies are fine."""
    if use_keyring:
        try:
            keyring_store.delete(KEYRING_ENTRY)
        except keyring_store.KeyringUnavailable as exc:
            log.info("Keyring unavailable while deleting the installation key: %s", exc.reason)
    files.remove(files.installation_private_path(home))
    files.remove(files.installation_public_path(home))


def read_public_or_heal(home: Path, *, use_keyring: bool = True) -> bytes | None:
    """``read_public``, and if the public copy was deleted, rebuild it from the private
    key (keyring or fallback file). Slower: not for the common startup path."""
    public_key = read_public(home)
    if public_key is not None:
        return public_key
    try:
        key = load(home, use_keyring=use_keyring)
    except InstallationKeyError as exc:
        log.warning("Installation key unreadable: %s", exc)
        return None
    if key is None:
        return None
    try:
        write_public(home, key)
    except OSError as exc:
        log.warning("installation.pub not rewritten: %s", type(exc).__name__)
    return public_bytes(key)
