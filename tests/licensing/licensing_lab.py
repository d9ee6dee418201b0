"""Helpers for the licensing tests: an in-memory keyring, a vendor key made at run
time, simulated machines and a fixed clock. No real OS keyring, no real machine
id and no key from the repository is ever used. (A uniquely named module rather
than conftest, so test files can import it without clashing with other suites.)"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from keyring.backend import KeyringBackend

from licensing import fingerprint, strictjson, trusted_keys
from licensing.envelope import DocumentKind, encode_envelope, public_bytes
from licensing.fingerprint import RawIdSource
from licensing.startup import LicenceState, check_licence
from licensing.store import InstallOutcome, install_licence
from licensing.trusted_keys import TrustedKey, TrustedKeys, trusted_key, write_trusted_keys
from licensing.vendor.issuer import build_payload
from licensing.verifier import Verification, VerifyContext, verify_licence
from tests.doubles.memory_keyring import MemoryKeyring  # noqa: F401 - the licensing tests import it here

NOW = int(datetime(2030, 1, 15, 12, 0, tzinfo=UTC).timestamp())
DAY = 86400
MACHINE_A = "{6F9619FF-8B86-D011-B42D-00C04FC964FF}"
MACHINE_B = "3d1219c7c4c5404aa1f6d2a48adfda4e"


class ExplodingKeyring(KeyringBackend):
    """A backend that fails with an arbitrary, non-keyring exception."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise OSError("D-Bus went away")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise OSError("D-Bus went away")

    def delete_password(self, service: str, username: str) -> None:
        raise OSError("D-Bus went away")


def machine(raw_id: str) -> RawIdSource:
    return lambda: raw_id


@dataclass
class Lab:
    """A vendor, a machine and a data folder, wired together for one test."""

    tmp: Path
    vendor_key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    source: RawIdSource = field(default_factory=lambda: machine(MACHINE_A))
    now: int = NOW
    test_key: bool = True

    def __post_init__(self) -> None:
        self.home = self.tmp / "home"
        self.home.mkdir(parents=True, exist_ok=True)
        self.keys_path = self.tmp / "trusted_keys.json"
        write_trusted_keys(self.keys_path, [self.trusted])

    @property
    def trusted(self) -> TrustedKey:
        return trusted_key(public_bytes(self.vendor_key), test=self.test_key)

    @property
    def kid(self) -> str:
        return self.trusted.kid

    @property
    def fingerprint(self) -> str:
        return fingerprint.machine_fingerprint(self.source)

    def payload_fields(self, **overrides: Any) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "fingerprint": self.fingerprint,
            "licensee": "Mario Rossi",
            "club": "ASD Polisportiva Esempio",
            "features": ["ai-generation", "docx"],
            "max_clubs": 5,
            "expires_at": self.now + 365 * DAY,
            "grace_days": 14,
            "installation_key": None,
            "issued_at": self.now - 3600,
            "licence_id": "lic-0001",
        }
        fields.update(overrides)
        return fields

    def payload(self, **overrides: Any) -> bytes:
        return build_payload(**self.payload_fields(**overrides))

    def payload_dict(self, **overrides: Any) -> dict[str, Any]:
        return json.loads(self.payload(**overrides))

    def sign(
        self,
        payload: bytes | dict[str, Any],
        key: Ed25519PrivateKey | None = None,
        kid: str | None = None,
        prefix: bytes = DocumentKind.LICENCE.prefix,
    ) -> bytes:
        """Sign anything (valid or not) exactly like the vendor would."""
        if isinstance(payload, dict):
            payload = strictjson.dumps_canonical(payload)
        key = key or self.vendor_key
        sig = key.sign(prefix + payload)
        return encode_envelope(DocumentKind.LICENCE, kid or self.kid, payload, sig)

    def licence(self, **overrides: Any) -> bytes:
        return self.sign(self.payload(**overrides))

    def keys(self, release: bool = False) -> TrustedKeys:
        return trusted_keys.load_trusted_keys(self.keys_path, release=release)

    def context(self, **overrides: Any) -> VerifyContext:
        values: dict[str, Any] = {
            "trusted_keys": self.keys(),
            "now": self.now,
            "fingerprint": self.fingerprint,
        }
        values.update(overrides)
        return VerifyContext(**values)

    def verify(self, data: bytes | None, **overrides: Any) -> Verification:
        return verify_licence(data, self.context(**overrides))

    def install(
        self,
        data: bytes,
        *,
        now: Any = None,
        source: RawIdSource | None = None,
        use_keyring: bool = True,
    ) -> InstallOutcome:
        return install_licence(
            self.home,
            data,
            self.keys_path,
            now=self.now if now is None else now,
            fingerprint_source=source or self.source,
            use_keyring=use_keyring,
        )

    def check(
        self, *, now: Any = None, source: RawIdSource | None = None, use_keyring: bool = True
    ) -> LicenceState:
        return check_licence(
            self.home,
            self.keys_path,
            self.now if now is None else now,
            fingerprint_source=source or self.source,
            use_keyring=use_keyring,
        )

    def write_installed(self, data: bytes) -> Path:
        """Put bytes where the licence lives, bypassing ``install`` (an attacker's copy)."""
        path = self.home / "licensing" / "licence.lic"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path
