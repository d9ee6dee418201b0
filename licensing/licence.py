"""The licence payload: its one schema, shared by the app and the vendor tool.

Parsing happens only after the signature has been checked, but it is still
strict (exact key set, exact types, bounded values): a vendor-side bug must
not become a licence the app half-understands.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from licensing import strictjson
from licensing.envelope import PUBLIC_KEY_BYTES, MalformedDocument, b64decode_strict
from licensing.fingerprint import is_fingerprint
from licensing.timeutil import MAX_EPOCH

PRODUCT = "rooting-future-desktop"

KNOWN_FEATURES: frozenset[str] = frozenset({"ai-generation", "docx", "onepager"})
"""Features the app knows today; the issuer warns about any other name."""

EVALUATION_MAX_CLUBS = 2
MAX_GRACE_DAYS = 365
MAX_TEXT = 200
MAX_FEATURES = 32
MAX_CLUBS_CEILING = 100_000

PAYLOAD_KEYS = frozenset(
    {
        "licence_id",
        "product",
        "licensee",
        "club",
        "features",
        "limits",
        "fingerprint",
        "installation_key",
        "issued_at",
        "not_before",
        "expires_at",
        "grace_days",
    }
)
LIMIT_KEYS = frozenset({"max_clubs"})

_LICENCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}")
_FEATURE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co"})


class InvalidPayload(MalformedDocument):
    """Signed bytes that do not follow the licence schema."""


@dataclass(frozen=True)
class Licence:
    """A licence whose signature has been checked and whose payload follows the schema."""

    licence_id: str
    product: str
    licensee: str
    club: str
    features: frozenset[str]
    max_clubs: int | None
    fingerprint: str
    installation_key: bytes | None
    issued_at: int
    not_before: int
    expires_at: int | None
    grace_days: int
    kid: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def grace_ends_at(self) -> int | None:
        if self.expires_at is None:
            return None
        return self.expires_at + self.grace_days * 86400


def check_text(value: object, name: str, *, max_length: int = MAX_TEXT) -> str:
    """Printable text only: no control, format (bidi override) or surrogate characters."""
    if type(value) is not str:
        raise InvalidPayload(f"{name} must be text")
    if not value.strip() or len(value) > max_length or value != value.strip():
        raise InvalidPayload(f"{name} must be 1-{max_length} characters, not padded")
    for char in value:
        if unicodedata.category(char) in _UNSAFE_CATEGORIES:
            raise InvalidPayload(f"{name} contains a control or invisible character")
    return value


def _check_int(value: object, name: str, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise InvalidPayload(f"{name} must be an integer between {low} and {high}")
    return value


def check_features(value: object) -> frozenset[str]:
    if type(value) is not list or len(value) > MAX_FEATURES:
        raise InvalidPayload("features must be a list")
    for item in value:
        if type(item) is not str or not _FEATURE.fullmatch(item):
            raise InvalidPayload("features must be lowercase names")
    if len(set(value)) != len(value):
        raise InvalidPayload("features repeat")
    return frozenset(value)


def parse_payload(payload: bytes, kid: str = "") -> Licence:
    """Bytes -> Licence, or InvalidPayload. Does not look at product, machine or time."""
    try:
        obj = strictjson.loads(payload)
    except strictjson.StrictJSONError as exc:
        raise InvalidPayload(f"payload: {exc}") from exc
    if type(obj) is not dict:
        raise InvalidPayload("payload must be an object")
    if set(obj) != PAYLOAD_KEYS:
        missing = sorted(PAYLOAD_KEYS - set(obj))
        extra = sorted(set(obj) - PAYLOAD_KEYS)
        raise InvalidPayload(f"payload keys differ (missing {missing}, unexpected {extra})")

    licence_id = obj["licence_id"]
    if type(licence_id) is not str or not _LICENCE_ID.fullmatch(licence_id):
        raise InvalidPayload("licence_id is invalid")
    product = check_text(obj["product"], "product", max_length=64)
    licensee = check_text(obj["licensee"], "licensee")
    club = check_text(obj["club"], "club")
    features = check_features(obj["features"])

    limits = obj["limits"]
    if type(limits) is not dict or set(limits) != LIMIT_KEYS:
        raise InvalidPayload("limits must be an object with exactly max_clubs")
    max_clubs = limits["max_clubs"]
    if max_clubs is not None:
        max_clubs = _check_int(max_clubs, "max_clubs", 1, MAX_CLUBS_CEILING)

    fingerprint = obj["fingerprint"]
    if not is_fingerprint(fingerprint):
        raise InvalidPayload("fingerprint is invalid")

    installation_key = obj["installation_key"]
    if installation_key is not None:
        if type(installation_key) is not str:
            raise InvalidPayload("installation_key must be base64 text or null")
        installation_key = b64decode_strict(installation_key)
        if len(installation_key) != PUBLIC_KEY_BYTES:
            raise InvalidPayload("installation_key must be a 32-byte public key")

    issued_at = _check_int(obj["issued_at"], "issued_at", 0, MAX_EPOCH)
    not_before = _check_int(obj["not_before"], "not_before", issued_at, MAX_EPOCH)
    expires_at = obj["expires_at"]
    if expires_at is not None:
        expires_at = _check_int(expires_at, "expires_at", not_before + 1, MAX_EPOCH)
    grace_days = _check_int(obj["grace_days"], "grace_days", 0, MAX_GRACE_DAYS)

    return Licence(
        licence_id=licence_id,
        product=product,
        licensee=licensee,
        club=club,
        features=features,
        max_clubs=max_clubs,
        fingerprint=fingerprint,
        installation_key=installation_key,
        issued_at=issued_at,
        not_before=not_before,
        expires_at=expires_at,
        grace_days=grace_days,
        kid=kid,
        raw=obj,
    )
