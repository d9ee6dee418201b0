"""Licensing: machine fingerprint, signed licences, offline activation, API-key storage.

May import only the standard library, ``cryptography`` and ``keyring``;
never the engine, the desktop or Qt. What the rest of the app uses:

* ``check_licence(home, trusted_keys_path, now=None) -> LicenceState`` (never raises)
* ``sync_keyring(home)`` (background task after startup; never raises)
* ``LicenceStatus``, ``LicenceState``, ``EVALUATION_MAX_CLUBS``, ``KNOWN_FEATURES``
* ``licensing.secrets``: ``set_api_key`` / ``get_api_key`` / ``delete_api_key``,
  ``SecretStoreUnavailable``
* ``licensing.cli``: ``add_licence_parser`` / ``run_licence_command``
* ``licensing.trusted_keys``: ``load_trusted_keys(path)``

The vendor's issuing tool is ``licensing.vendor.issuer`` (not shipped).
"""

from licensing.licence import EVALUATION_MAX_CLUBS, KNOWN_FEATURES
from licensing.secrets import (
    SecretStoreUnavailable,
    delete_api_key,
    get_api_key,
    set_api_key,
)
from licensing.startup import LicenceState, check_licence, sync_keyring
from licensing.status import LicenceStatus
from licensing.trusted_keys import TrustedKeys, TrustedKeysError, load_trusted_keys

__all__ = [
    "EVALUATION_MAX_CLUBS",
    "KNOWN_FEATURES",
    "LicenceState",
    "LicenceStatus",
    "SecretStoreUnavailable",
    "TrustedKeys",
    "TrustedKeysError",
    "check_licence",
    "delete_api_key",
    "get_api_key",
    "load_trusted_keys",
    "set_api_key",
    "sync_keyring",
]
